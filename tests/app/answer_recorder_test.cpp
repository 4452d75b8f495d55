// AnswerRecorder: one progress session per activity, answers recorded with the schedule the store
// gives them, the session ended with what was recorded in it; AttemptAt fills an attempt in.

#include "core/answer_recorder.h"

#include <doctest/doctest.h>

#include "core/quiz_loader.h"

namespace stagecraft::core {
namespace {

constexpr UnixTime kNow = 1'767'258'000;
constexpr UnixTime kDay = 86'400;

Question TwoOfFour() {
  QuizLoad load = ParseQuiz(R"({"format": 1, "id": "q", "title": "T", "topic": "Stages",
    "questions": [{"id": "pick", "level": "hard", "prompt": "Which?",
      "options": ["a", "b", "c", "d"], "answer": ["B", "D"]}]})", "q.json");
  REQUIRE(load.clean());
  return load.quiz->questions[0];
}

ProgressStore MemoryStore() {
  auto store = ProgressStore::Open(":memory:");
  REQUIRE(store.ok());
  return std::move(*store);
}

TEST_CASE("AttemptAt fills in the question's id, hash, topic, level and letters in file order") {
  const Question question = TwoOfFour();
  const Attempt attempt = AttemptAt("q", question, {3, 1}, true);
  CHECK(attempt.quiz_id == "q");
  CHECK(attempt.question_id == "pick");
  CHECK(attempt.content_hash == ContentHash(question));
  CHECK(attempt.topic == "Stages");
  CHECK(attempt.level == "hard");
  CHECK(attempt.answer == "B,D");
  CHECK(attempt.correct);
  CHECK(attempt.schedule);
}

TEST_CASE("A recorder begins its session with the first answer and ends it with what it holds") {
  ProgressStore store = MemoryStore();
  UnixTime now = kNow;
  AnswerRecorder recorder(&store, "lesson", [&now] { return now; });
  CHECK(recorder.recording());
  CHECK(store.Stats(now)->sessions == 0);  // nothing answered, no session

  const Question question = TwoOfFour();
  auto next = recorder.Record(AttemptAt("q", question, {1}, false));
  REQUIRE(next.has_value());
  CHECK(next->interval_days == 1);
  CHECK(next->due == kNow + kDay);
  now += 10;
  Attempt unscheduled = AttemptAt("q", question, {1, 3}, true);
  unscheduled.question_id = "prediction";
  unscheduled.schedule = false;
  CHECK_FALSE(recorder.Record(unscheduled).has_value());
  recorder.Finish();
  recorder.Finish();  // nothing more to end

  auto stats = store.Stats(now);
  REQUIRE(stats.ok());
  CHECK(stats->sessions == 1);
  CHECK(stats->attempts == 2);
  CHECK(stats->correct == 1);
  REQUIRE(stats->recent.size() == 2);
  CHECK(stats->recent[0].when == kNow + 10);  // the recorder's clock, not the attempt's
  // A later answer begins another session.
  REQUIRE(recorder.Record(AttemptAt("q", question, {1, 3}, true)).has_value());
  CHECK(store.Stats(now)->sessions == 2);
  CHECK(recorder.problem().empty());
}

TEST_CASE("Begin counts a session before any answer; without a store nothing happens") {
  ProgressStore store = MemoryStore();
  AnswerRecorder quiz(&store, "quiz", [] { return kNow; });
  quiz.Begin();
  quiz.Begin();
  CHECK(store.Stats(kNow)->sessions == 1);

  AnswerRecorder none;
  CHECK_FALSE(none.recording());
  CHECK_FALSE(none.Record(AttemptAt("q", TwoOfFour(), {1}, true)).has_value());
  none.Finish();
  CHECK(none.problem().empty());
}

}  // namespace
}  // namespace stagecraft::core
