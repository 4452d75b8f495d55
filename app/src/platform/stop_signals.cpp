#include "platform/stop_signals.h"

#include <pthread.h>

#include <utility>

namespace stagecraft::platform {

StopSignals::StopSignals() {
  sigemptyset(&stop_set_);
  sigaddset(&stop_set_, SIGINT);
  sigaddset(&stop_set_, SIGTERM);
  sigaddset(&stop_set_, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_set_, &old_mask_);
}

StopSignals::~StopSignals() {
  Stop();
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

void StopSignals::Stop() {
  if (!waiter_.joinable()) return;
  done_ = true;
  pthread_kill(waiter_.native_handle(), SIGTERM);  // wakes sigwait; `done_` says it is us
  waiter_.join();
}

void StopSignals::Start(std::function<void()> on_stop) {
  waiter_ = std::thread([this, on_stop = std::move(on_stop)] {
    for (;;) {
      int signal = 0;
      if (sigwait(&stop_set_, &signal) != 0) return;
      if (done_) return;
      on_stop();
    }
  });
}

}  // namespace stagecraft::platform
