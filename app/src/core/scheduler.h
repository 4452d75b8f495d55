#pragma once
// SM-2 spaced repetition (Wozniak 1990) as pure arithmetic: how an answer is graded and when the
// question comes back. The progress store keeps the state per question; nothing here touches it.
//
// Each answer is graded 0-5 (wrong: 1, or 0 when answered with high confidence; right: 3 with low
// confidence or a hint, 4 normally, 5 when certain). The easiness factor starts at 2.5 and never
// falls below 1.3; intervals are 1 day, 6 days, then the previous interval times the easiness
// (rounded); a grade below 3 starts the repetitions over (due in 1 day).

#include <cstdint>

namespace stagecraft::core {

// Where a question stands in its SM-2 schedule. A question never answered (or edited since it
// was scheduled) has the default state.
struct Sm2State {
  static constexpr double kInitialEasiness = 2.5;
  static constexpr double kMinEasiness = 1.3;

  double easiness = kInitialEasiness;
  std::int64_t repetitions = 0;    // right answers in a row
  std::int64_t interval_days = 0;  // days until the question is due again
};

// The SM-2 grade (0-5) of an answer; `confidence` is 1-3, or 0 when not asked.
int Sm2Grade(bool correct, int confidence, int hints_used);

// The state after an answer graded `grade` (0-5). The interval grows with the easiness as it
// stood before this answer; then the easiness moves by the grade.
Sm2State Sm2Next(const Sm2State& state, int grade);

}  // namespace stagecraft::core
