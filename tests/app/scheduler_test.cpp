// SM-2 arithmetic (core/scheduler.h) on its own, without a store: grades, intervals, easiness.
// progress_test.cpp checks that the store applies it and persists the schedule.

#include "core/scheduler.h"

#include <doctest/doctest.h>

#include <vector>

using stagecraft::core::Sm2Grade;
using stagecraft::core::Sm2Next;
using stagecraft::core::Sm2State;

namespace {

// The intervals (days) a run of answers graded `grades` gives, from a new question.
std::vector<long long> Intervals(const std::vector<int>& grades, Sm2State state = {}) {
  std::vector<long long> intervals;
  for (int grade : grades) {
    state = Sm2Next(state, grade);
    intervals.push_back(state.interval_days);
  }
  return intervals;
}

}  // namespace

TEST_CASE("Sm2Grade maps correctness, confidence and hints to 0-5") {
  CHECK(Sm2Grade(false, 3, 0) == 0);
  CHECK(Sm2Grade(false, 2, 0) == 1);
  CHECK(Sm2Grade(false, 1, 0) == 1);
  CHECK(Sm2Grade(false, 0, 0) == 1);
  CHECK(Sm2Grade(true, 1, 0) == 3);
  CHECK(Sm2Grade(true, 3, 1) == 3);
  CHECK(Sm2Grade(true, 2, 0) == 4);
  CHECK(Sm2Grade(true, 0, 0) == 4);
  CHECK(Sm2Grade(true, 3, 0) == 5);
}

TEST_CASE("a new question starts at easiness 2.5 with no repetitions") {
  const Sm2State state;
  CHECK(state.easiness == 2.5);
  CHECK(state.repetitions == 0);
  CHECK(state.interval_days == 0);
}

TEST_CASE("right answers give 1 day, 6 days, then the interval times the easiness") {
  // Grade 4 leaves the easiness at 2.5: 6 * 2.5 = 15, round(15 * 2.5) = 38.
  CHECK(Intervals({4, 4, 4, 4}) == std::vector<long long>{1, 6, 15, 38});
  Sm2State state;
  for (int i = 0; i < 4; ++i) state = Sm2Next(state, 4);
  CHECK(state.repetitions == 4);
  CHECK(state.easiness == doctest::Approx(2.5));
}

TEST_CASE("the interval grows with the easiness as it stood before the answer") {
  // Grade 5 raises the easiness by 0.1 each time; the third interval uses 2.7 (the easiness
  // after two answers), not 2.8: round(6 * 2.7) = 16, where 2.8 would give 17.
  CHECK(Intervals({5, 5, 5}) == std::vector<long long>{1, 6, 16});
}

TEST_CASE("the easiness moves by the grade") {
  SUBCASE("5: +0.1") { CHECK(Sm2Next({}, 5).easiness == doctest::Approx(2.6)); }
  SUBCASE("4: unchanged") { CHECK(Sm2Next({}, 4).easiness == doctest::Approx(2.5)); }
  SUBCASE("3: -0.14") { CHECK(Sm2Next({}, 3).easiness == doctest::Approx(2.36)); }
  SUBCASE("1: -0.54") { CHECK(Sm2Next({}, 1).easiness == doctest::Approx(1.96)); }
  SUBCASE("0: -0.8") { CHECK(Sm2Next({}, 0).easiness == doctest::Approx(1.7)); }
}

TEST_CASE("a grade below 3 starts the repetitions over, due in one day") {
  Sm2State state;
  for (int i = 0; i < 3; ++i) state = Sm2Next(state, 4);
  REQUIRE(state.interval_days == 15);
  for (int grade : {0, 1, 2}) {
    CAPTURE(grade);
    const Sm2State after = Sm2Next(state, grade);
    CHECK(after.repetitions == 0);
    CHECK(after.interval_days == 1);
  }
  // The next right answers give 1 day, then 6, again.
  CHECK(Intervals({4, 4}, Sm2Next(state, 1)) == std::vector<long long>{1, 6});
}

TEST_CASE("the easiness never falls below 1.3") {
  Sm2State state;
  for (int i = 0; i < 10; ++i) state = Sm2Next(state, 0);
  CHECK(state.easiness == Sm2State::kMinEasiness);
  // Barely-right answers (grade 3, -0.14 each) keep it at the floor: 1, 6, round(6 * 1.3) = 8,
  // round(8 * 1.3) = 10.
  CHECK(Intervals({3, 3, 3, 3}, state) == std::vector<long long>{1, 6, 8, 10});
}

TEST_CASE("an interval is at least one day") {
  Sm2State state;
  state.repetitions = 2;
  state.interval_days = 0;  // e.g. a row written by hand
  state.easiness = Sm2State::kMinEasiness;
  CHECK(Sm2Next(state, 4).interval_days == 1);
}
