// PracticeRun: practice with feedback after each answer, reviews of what is due, and strict
// exams (no hints, no feedback until the end, an answer after the deadline never graded, the
// breakdown counting the unanswered); hints, skipping, recording in the progress store and the
// schedule it returns. The clock is a fake one the tests move.

#include "core/practice_run.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/quiz_loader.h"
#include "fake_clock.h"

namespace stagecraft::core {
namespace {

using engine::ErrorCode;

constexpr UnixTime kNow = 1767258000;  // 2026-01-01 09:00 UTC
constexpr UnixTime kDay = 86400;

using testing::FakeClock;

// Three questions: two on Stages (easy single, medium select-all), one on Aliases (hard).
std::vector<Quiz> Bank() {
  QuizLoad load = ParseQuiz(R"({"format": 1, "id": "bank", "title": "T", "topic": "Stages",
    "questions": [
      {"id": "start", "level": "easy", "prompt": "Where do new versions start?",
       "options": ["None", "Staging", "Production"], "answer": "A", "hint": "Before anything."},
      {"id": "mlflow", "level": "medium", "prompt": "Which stages are MLflow's?",
       "options": ["Staging", "QA", "Production", "Archived"], "answer": ["A", "C", "D"]},
      {"id": "alias", "level": "hard", "topic": "Aliases", "prompt": "What does @champion name?",
       "options": ["One version", "A stage", "Every version"], "answer": "A"}
    ]})", "bank.json");
  REQUIRE_MESSAGE(load.clean(), (load.problems.empty() ? "" : load.problems[0].ToString()));
  return {*load.quiz};
}

RunSettings Settings(RunKind kind, int count = 3, int exam_minutes = 0) {
  RunSettings settings;
  settings.kind = kind;
  settings.exam_minutes = exam_minutes;
  settings.selection.count = count;
  settings.selection.seed = 5;
  return settings;
}

PracticeRun StartOrFail(RunSettings settings, ProgressStore* store, FakeClock& clock,
                        std::vector<Quiz> bank = Bank()) {
  auto run = PracticeRun::Start(std::move(bank), settings, store, clock.Clock());
  REQUIRE_MESSAGE(run.ok(), run.status().message());
  return std::move(*run);
}

std::vector<int> Wrong(const SessionQuestion& question) {
  for (int s = 0; s < static_cast<int>(question.order.size()); ++s) {
    bool in_key = false;
    for (int a : question.answers) in_key = in_key || a == s;
    if (!in_key) return {s};
  }
  return {};
}

ProgressStore MemoryStore() {
  auto store = ProgressStore::Open(":memory:");
  REQUIRE(store.ok());
  return std::move(*store);
}

TEST_CASE("Practice shows feedback after each answer and stays on the question until Next") {
  FakeClock clock;
  ProgressStore store = MemoryStore();
  PracticeRun run = StartOrFail(Settings(RunKind::kPractice), &store, clock);
  REQUIRE(run.count() == 3);
  CHECK(run.shows_feedback());
  CHECK_FALSE(run.SecondsLeft().has_value());
  const std::string first = run.current().source->id;
  clock.Advance(12);
  auto outcome = run.Submit(run.current().answers);
  REQUIRE(outcome.ok());
  CHECK(outcome->accepted);
  REQUIRE(outcome->feedback.has_value());
  CHECK(outcome->feedback->correct);
  CHECK(run.showing_feedback());
  CHECK(run.position() == 0);
  CHECK(run.current().source->id == first);
  // A second answer to the same question is refused; Next moves on.
  CHECK(run.Submit(run.current().answers).status().code() == ErrorCode::kFailedPrecondition);
  REQUIRE(run.Next().ok());
  CHECK_FALSE(run.showing_feedback());
  CHECK(run.position() == 1);
  CHECK(run.Next().code() == ErrorCode::kFailedPrecondition);  // no feedback on screen
  // The store scheduled the first question: right the first time, back in 1 day.
  REQUIRE(outcome->next_review.has_value());
  CHECK(outcome->next_review->interval_days == 1);
  CHECK(outcome->next_review->due == kNow + 12 + kDay);
}

TEST_CASE("Every graded answer is recorded with its time and hints, and the session is closed") {
  FakeClock clock;
  ProgressStore store = MemoryStore();
  PracticeRun run = StartOrFail(Settings(RunKind::kPractice), &store, clock);
  while (!run.finished()) {
    const std::string hint = run.current().source->hint;
    auto given = run.Hint();
    REQUIRE(given.ok());
    CHECK(*given == hint);
    clock.Advance(30);
    REQUIRE(run.Submit(Wrong(run.current())).ok());
    REQUIRE(run.Next().ok());
  }
  auto stats = store.Stats(clock.now);
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 3);
  CHECK(stats->correct == 0);
  CHECK(stats->sessions == 1);
  REQUIRE(stats->recent.size() == 3);
  for (const Attempt& attempt : stats->recent) {
    CAPTURE(attempt.question_id);
    CHECK(attempt.quiz_id == "bank");
    // Only "start" has a hint: asking for one where there is none takes no help.
    CHECK(attempt.hints_used == (attempt.question_id == "start" ? 1 : 0));
    CHECK(attempt.seconds == doctest::Approx(30));
    CHECK_FALSE(attempt.correct);
  }
  // Wrong answers come back tomorrow.
  auto due = store.Due(clock.now + kDay);
  REQUIRE(due.ok());
  CHECK(due->size() == 3);
  const RunResult result = run.Result();
  CHECK(result.score.total == 3);
  CHECK(result.score.correct == 0);
  CHECK(result.unanswered == 0);
  for (const QuestionOutcome& outcome : result.questions) {
    CHECK(outcome.hints_used == (outcome.question->source->id == "start" ? 1 : 0));
  }
}

TEST_CASE("An exam gives no hints and no feedback, and moves on at once") {
  FakeClock clock;
  PracticeRun run = StartOrFail(Settings(RunKind::kExam, 3, 10), nullptr, clock);
  CHECK_FALSE(run.shows_feedback());
  auto hint = run.Hint();
  REQUIRE_FALSE(hint.ok());
  CHECK(hint.status().code() == ErrorCode::kFailedPrecondition);
  CHECK(hint.status().message() == "no hints in an exam");
  REQUIRE(run.SecondsLeft().has_value());
  CHECK(*run.SecondsLeft() == 600);
  clock.Advance(100);
  CHECK(*run.SecondsLeft() == 500);
  auto outcome = run.Submit(run.current().answers);
  REQUIRE(outcome.ok());
  CHECK(outcome->accepted);
  CHECK_FALSE(outcome->feedback.has_value());
  CHECK_FALSE(run.showing_feedback());
  CHECK(run.position() == 1);
}

TEST_CASE("An exam answer after the deadline is not accepted, never graded, and ends the run") {
  // The issue's case: (sleep 65; echo B) | stagecraft quiz --exam 1 --count 3 used to grade the
  // late answer as right, and its breakdown said 1/1 while the score said 1/3.
  FakeClock clock;
  ProgressStore store = MemoryStore();
  PracticeRun run = StartOrFail(Settings(RunKind::kExam, 3, 1), &store, clock);
  clock.Advance(65);
  auto outcome = run.Submit(run.current().answers);  // the right answer, too late
  REQUIRE(outcome.ok());
  CHECK_FALSE(outcome->accepted);
  CHECK_FALSE(outcome->feedback.has_value());
  CHECK(run.finished());
  CHECK(*run.SecondsLeft() == 0);
  // Another answer after the deadline is refused the same way.
  auto again = run.Submit(run.current().answers);
  REQUIRE(again.ok());
  CHECK_FALSE(again->accepted);

  const RunResult result = run.Result();
  CHECK(result.time_up);
  CHECK(result.score.correct == 0);
  CHECK(result.score.total == 3);
  CHECK(result.score.answered == 0);
  CHECK(result.unanswered == 3);
  CHECK(result.seconds_used == 60);
  CHECK(result.seconds_allowed == 60);
  REQUIRE(result.questions.size() == 3);
  CHECK(result.questions[0].late);
  CHECK_FALSE(result.questions[0].answer.has_value());
  CHECK_FALSE(result.questions[1].late);
  // The breakdown adds up to the score line: every question is in it.
  int questions = 0, correct = 0;
  for (const auto& [topic, tally] : result.score.by_topic) {
    questions += tally.questions;
    correct += tally.correct;
  }
  CHECK(questions == result.score.total);
  CHECK(correct == result.score.correct);
  // Nothing late was recorded.
  auto stats = store.Stats(clock.now);
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 0);
  CHECK(stats->sessions == 1);
}

TEST_CASE("An exam's review holds every question: the answer given, the key, the time used") {
  FakeClock clock;
  PracticeRun run = StartOrFail(Settings(RunKind::kExam, 3, 5), nullptr, clock);
  clock.Advance(40);
  REQUIRE(run.Submit(run.current().answers).ok());
  clock.Advance(40);
  REQUIRE(run.Submit(Wrong(run.current())).ok());
  clock.Advance(400);  // past the 300 s deadline, before the third answer
  CHECK(run.CheckTime());
  CHECK(run.finished());
  const RunResult result = run.Result();
  CHECK(result.time_up);
  CHECK(result.seconds_used == 300);
  REQUIRE(result.questions.size() == 3);
  REQUIRE(result.questions[0].answer.has_value());
  CHECK(result.questions[0].answer->correct);
  CHECK(result.questions[0].seconds == doctest::Approx(40));
  REQUIRE(result.questions[1].answer.has_value());
  CHECK_FALSE(result.questions[1].answer->correct);
  CHECK_FALSE(result.questions[2].answer.has_value());
  CHECK_FALSE(result.questions[2].late);  // the time ran out; no answer came
  for (const QuestionOutcome& outcome : result.questions) {
    REQUIRE(outcome.question != nullptr);
    CHECK_FALSE(outcome.question->answers.empty());
  }
  CHECK(result.score.correct == 1);
  CHECK(result.unanswered == 1);
  CHECK(result.score.percent == 33);
}

TEST_CASE("An exam answered in time is graded, and CheckTime does nothing before the deadline") {
  FakeClock clock;
  PracticeRun run = StartOrFail(Settings(RunKind::kExam, 3, 1), nullptr, clock);
  clock.Advance(59);
  CHECK_FALSE(run.CheckTime());
  auto outcome = run.Submit(run.current().answers);
  REQUIRE(outcome.ok());
  CHECK(outcome->accepted);
  CHECK(run.Result().score.correct == 1);
}

TEST_CASE("At the deadline itself the time is up: the clock shows 0:00 and nothing is graded") {
  FakeClock clock;
  PracticeRun run = StartOrFail(Settings(RunKind::kExam, 3, 1), nullptr, clock);
  clock.Advance(60);
  CHECK(*run.SecondsLeft() == 0);
  auto outcome = run.Submit(run.current().answers);
  REQUIRE(outcome.ok());
  CHECK_FALSE(outcome->accepted);
  CHECK(run.Result().score.answered == 0);
}

TEST_CASE("An answer after the window noticed the deadline is marked late, not refused") {
  // The window calls CheckTime every frame: the run ends at the deadline, and an answer typed
  // just after still reaches Submit.
  FakeClock clock;
  PracticeRun run = StartOrFail(Settings(RunKind::kExam, 3, 1), nullptr, clock);
  REQUIRE(run.Submit(run.current().answers).ok());  // question 1 in time
  clock.Advance(61);
  CHECK(run.CheckTime());
  CHECK(run.finished());
  auto outcome = run.Submit(run.current().answers);
  REQUIRE(outcome.ok());
  CHECK_FALSE(outcome->accepted);
  const RunResult result = run.Result();
  CHECK(result.questions[1].late);
  CHECK_FALSE(result.questions[2].late);
  CHECK(result.score.correct == 1);
  CHECK(run.Skip().code() == engine::ErrorCode::kOk);  // nothing left to skip, and no error
}

TEST_CASE("Input that ends after the deadline still says the time ran out") {
  FakeClock clock;
  PracticeRun run = StartOrFail(Settings(RunKind::kExam, 3, 1), nullptr, clock);
  clock.Advance(65);
  run.Finish();  // the terminal's input ended; nobody checked the time
  const RunResult result = run.Result();
  CHECK(result.time_up);
  CHECK(result.seconds_used == 60);
}

TEST_CASE("An exam finished early reports the time it took") {
  FakeClock clock;
  PracticeRun run = StartOrFail(Settings(RunKind::kExam, 3, 10), nullptr, clock);
  clock.Advance(30);
  run.Finish();
  clock.Advance(100);  // later reads do not move it
  const RunResult result = run.Result();
  CHECK_FALSE(result.time_up);
  CHECK(result.seconds_used == 30);
  CHECK(*run.SecondsLeft() == 570);
}

TEST_CASE("A hint asked for again is still one hint; the shown feedback can be read back") {
  FakeClock clock;
  ProgressStore store = MemoryStore();
  PracticeRun run = StartOrFail(Settings(RunKind::kPractice, 3), &store, clock);
  while (run.current().source->id != "start") {
    REQUIRE(run.Skip().ok());
  }
  CHECK_FALSE(run.hint_shown());
  for (int i = 0; i < 5; ++i) REQUIRE(run.Hint().ok());
  CHECK(run.hint_shown());
  CHECK(run.shown_feedback() == nullptr);
  REQUIRE(run.Submit(run.current().answers).ok());
  REQUIRE(run.shown_feedback() != nullptr);
  CHECK(run.shown_feedback()->correct);
  REQUIRE(run.shown_next_review().has_value());
  CHECK(run.shown_next_review()->interval_days == 1);
  REQUIRE(run.Next().ok());
  CHECK(run.shown_feedback() == nullptr);
  auto stats = store.Stats(clock.now);
  REQUIRE(stats.ok());
  REQUIRE(stats->recent.size() == 1);
  CHECK(stats->recent[0].hints_used == 1);
}

TEST_CASE("A review asks only what the store says is due, and nothing when nothing is") {
  FakeClock clock;
  ProgressStore store = MemoryStore();
  {
    RunSettings settings = Settings(RunKind::kPractice, 3);
    PracticeRun run = StartOrFail(settings, &store, clock);
    // Miss "alias", get the others right.
    while (!run.finished()) {
      const bool miss = run.current().source->id == "alias";
      REQUIRE(run.Submit(miss ? Wrong(run.current()) : run.current().answers).ok());
      REQUIRE(run.Next().ok());
    }
  }
  SUBCASE("nothing is due the same day") {
    auto review = PracticeRun::Start(Bank(), Settings(RunKind::kReview, 10), &store, clock.Clock());
    REQUIRE_FALSE(review.ok());
    CHECK(review.status().code() == ErrorCode::kNotFound);
    CHECK(review.status().message() == "nothing is due for review");
  }
  SUBCASE("a day later all three are due: a missed question and two first answers") {
    clock.Advance(kDay);
    PracticeRun review = StartOrFail(Settings(RunKind::kReview, 10), &store, clock);
    CHECK(review.count() == 3);
    CHECK(review.shows_feedback());
  }
  SUBCASE("a review needs the store") {
    auto review = PracticeRun::Start(Bank(), Settings(RunKind::kReview), nullptr, clock.Clock());
    REQUIRE_FALSE(review.ok());
    CHECK(review.status().code() == ErrorCode::kFailedPrecondition);
  }
}

TEST_CASE("Skip and Finish leave questions unanswered; Finish twice does nothing") {
  FakeClock clock;
  ProgressStore store = MemoryStore();
  PracticeRun run = StartOrFail(Settings(RunKind::kPractice), &store, clock);
  REQUIRE(run.Skip().ok());
  CHECK(run.position() == 1);
  REQUIRE(run.Submit(run.current().answers).ok());
  CHECK(run.Skip().code() == ErrorCode::kFailedPrecondition);  // feedback on screen
  REQUIRE(run.Next().ok());
  run.Finish();
  run.Finish();
  CHECK(run.finished());
  CHECK(run.Hint().status().code() == ErrorCode::kFailedPrecondition);
  const RunResult result = run.Result();
  CHECK(result.score.answered == 1);
  CHECK(result.score.correct == 1);
  CHECK(result.unanswered == 2);
  auto stats = store.Stats(clock.now);
  REQUIRE(stats.ok());
  CHECK(stats->sessions == 1);
  CHECK(stats->attempts == 1);
}

TEST_CASE("Partial credit, opted into, scores a select-all answer by the rule") {
  FakeClock clock;
  RunSettings settings = Settings(RunKind::kPractice, 3);
  settings.selection.scoring = Scoring::kPartialCredit;
  PracticeRun run = StartOrFail(settings, nullptr, clock);
  double expected = 0;
  while (!run.finished()) {
    const SessionQuestion& question = run.current();
    std::vector<int> chosen = question.answers;
    if (question.source->multiple) {
      chosen.pop_back();  // two of the three right options: 2/3
      expected += 2.0 / 3;
    } else {
      expected += 1;
    }
    auto outcome = run.Submit(chosen);
    REQUIRE(outcome.ok());
    REQUIRE(run.Next().ok());
  }
  const RunResult result = run.Result();
  CHECK(result.score.correct == 2);
  CHECK(result.score.score == doctest::Approx(expected));
  CHECK(result.score.percent == 88);  // 2.667 / 3
}

TEST_CASE("Start refuses an exam without minutes and a selection that matches nothing") {
  FakeClock clock;
  auto exam = PracticeRun::Start(Bank(), Settings(RunKind::kExam, 3, 0), nullptr, clock.Clock());
  REQUIRE_FALSE(exam.ok());
  CHECK(exam.status().code() == ErrorCode::kInvalidArgument);
  RunSettings settings = Settings(RunKind::kPractice);
  settings.selection.topic = "Lineage";
  auto none = PracticeRun::Start(Bank(), settings, nullptr, clock.Clock());
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().code() == ErrorCode::kNotFound);
}

}  // namespace
}  // namespace stagecraft::core
