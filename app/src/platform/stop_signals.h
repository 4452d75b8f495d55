#pragma once
// StopSignals: SIGINT, SIGTERM and SIGHUP (Ctrl+C, `kill`, the desktop session ending) close the
// window the way Ctrl+Q does — the open activities' progress sessions are ended and the window's
// size saved — instead of killing the process mid-frame.
//
// The signals are blocked in the constructing thread, and so in every thread started after it
// (construct it before the window, whose OpenGL driver starts threads), and a waiter thread takes
// them with sigwait and calls the callback given to Start.

#include <atomic>
#include <functional>
#include <thread>

#include <signal.h>

namespace stagecraft::platform {

class StopSignals {
 public:
  StopSignals();
  ~StopSignals();  // stops the waiter and restores the signal mask
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Calls `on_stop` (from the waiter thread) at each stop signal from now on.
  void Start(std::function<void()> on_stop);
  // Stops the waiter: no `on_stop` call after this returns (the signals stay blocked until the
  // destructor). Call it before what `on_stop` touches is destroyed.
  void Stop();

 private:
  sigset_t stop_set_{};
  sigset_t old_mask_{};
  std::atomic<bool> done_{false};
  std::thread waiter_;
};

}  // namespace stagecraft::platform
