#pragma once
// A clock the learning models' tests move by hand: RunClock's monotonic seconds and wall time
// advance together.

#include "core/practice_run.h"

namespace stagecraft::testing {

struct FakeClock {
  double seconds = 1000;
  core::UnixTime now = 1'767'258'000;  // 2026-01-01 09:00 UTC
  core::RunClock Clock() {
    return core::RunClock{[this] { return seconds; }, [this] { return now; }};
  }
  void Advance(double by) {
    seconds += by;
    now += static_cast<core::UnixTime>(by);
  }
};

}  // namespace stagecraft::testing
