#include "core/scheduler.h"

#include <algorithm>
#include <cmath>

namespace stagecraft::core {

int Sm2Grade(bool correct, int confidence, int hints_used) {
  if (!correct) return confidence >= 3 ? 0 : 1;
  if (hints_used > 0 || confidence == 1) return 3;
  if (confidence >= 3) return 5;
  return 4;
}

Sm2State Sm2Next(const Sm2State& state, int grade) {
  Sm2State next = state;
  if (grade >= 3) {
    if (state.repetitions == 0) {
      next.interval_days = 1;
    } else if (state.repetitions == 1) {
      next.interval_days = 6;
    } else {
      next.interval_days = std::max<std::int64_t>(
          1, std::llround(static_cast<double>(state.interval_days) * state.easiness));
    }
    ++next.repetitions;
  } else {
    next.repetitions = 0;
    next.interval_days = 1;
  }
  const int miss = 5 - grade;
  next.easiness = std::max(Sm2State::kMinEasiness,
                           state.easiness + (0.1 - miss * (0.08 + miss * 0.02)));
  return next;
}

}  // namespace stagecraft::core
