// BuildReadiness: the heatmap of topic × level, confidence calibration, score history per bank and
// the 7-day forecast of reviews, from an in-memory progress store and a small content library.

#include "core/readiness.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "intro_lesson.h"
#include "temp_dir.h"

namespace stagecraft::core {
namespace {

constexpr UnixTime kDay = 86'400;
constexpr UnixTime kHour = 3'600;
// 2026-01-01 09:00 UTC: today's UTC midnight is 9 hours before, tomorrow's 15 hours after.
constexpr UnixTime kNow = 1'767'258'000;
static_assert(kNow % kDay == 9 * kHour);

// Stages: e1, e2 easy, m1 medium; Gates: h1 hard; the lesson's q1, q2 easy Stages.
const char* kQuiz = R"({"format": 1, "id": "basics", "title": "Basics", "topic": "Stages",
  "questions": [
    {"id": "e1", "level": "easy", "prompt": "P?", "options": ["a", "b"], "answer": "A"},
    {"id": "e2", "level": "easy", "prompt": "Q?", "options": ["a", "b"], "answer": "A"},
    {"id": "m1", "level": "medium", "prompt": "R?", "options": ["a", "b"], "answer": "B"},
    {"id": "h1", "level": "hard", "topic": "Gates", "prompt": "S?", "options": ["a", "b"],
     "answer": "A"}
  ]})";


ProgressStore InMemory() {
  auto store = ProgressStore::Open(":memory:");
  REQUIRE(store.ok());
  return std::move(*store);
}

struct Fixture {
  testing::TempDir dir{"stagecraft-readiness"};
  ContentLibrary library;
  ProgressStore store = InMemory();
  std::int64_t session = 0;
  Fixture() {
    dir.Write("quizzes/basics.json", kQuiz);
    dir.Write("lessons/intro.md", testing::kIntroLesson);
    library = ContentLibrary::Load(
        ContentFolders{(dir.path / "quizzes").string(), (dir.path / "lessons").string(), "", ""});
    REQUIRE(library.quizzes().size() == 1);
    REQUIRE(library.lessons().size() == 1);
    auto begun = store.BeginSession("quiz", kNow - 30 * kDay);
    REQUIRE(begun.ok());
    session = *begun;
  }
  // Records an answer; a first answer (right or wrong) is due for review a day after `when`.
  void Answer(const std::string& quiz, const std::string& question, bool correct, UnixTime when,
              int confidence = 0) {
    Attempt attempt;
    attempt.quiz_id = quiz;
    attempt.question_id = question;
    attempt.content_hash = "h";
    attempt.topic = "Old topic";  // as it was asked: the content's own now is what counts
    attempt.level = "hard";
    attempt.answer = "A";
    attempt.correct = correct;
    attempt.confidence = confidence;
    attempt.when = when;
    REQUIRE(store.Record(session, attempt).ok());
  }
  Readiness Build(UnixTime now, ReadinessOptions options = {}) {
    auto built = BuildReadiness(library, store, now, options);
    REQUIRE(built.ok());
    return std::move(*built);
  }
};

const HeatRow& RowOf(const Readiness& readiness, const std::string& topic) {
  for (const HeatRow& row : readiness.heatmap) {
    if (row.topic == topic) return row;
  }
  FAIL("no row for topic " << topic);
  static HeatRow none;
  return none;
}

TEST_CASE("With an empty store, readiness shows the content and no figures made up") {
  Fixture f;
  const Readiness r = f.Build(kNow);
  REQUIRE(r.heatmap.size() == 2);  // by topic name
  CHECK(r.heatmap[0].topic == "Gates");
  CHECK(r.heatmap[1].topic == "Stages");
  const HeatRow& stages = RowOf(r, "Stages");
  CHECK(stages.levels[0].questions == 4);  // e1, e2, q1, q2
  CHECK(stages.levels[1].questions == 1);
  CHECK(stages.levels[2].questions == 0);
  CHECK(stages.total.questions == 5);
  CHECK(stages.total.answered == 0);
  CHECK_FALSE(stages.levels[0].accuracy().has_value());  // no answers is no accuracy, not 0%
  CHECK(r.heat_total.questions == 6);
  for (const CalibrationRow& row : r.calibration) {
    CHECK(row.answers == 0);
    CHECK_FALSE(row.rate.has_value());
    CHECK(row.verdict == CalibrationVerdict::kNoAnswers);
  }
  REQUIRE(r.history.size() == 2);
  CHECK(r.history[0].id == "basics");
  CHECK_FALSE(r.history[0].lesson);
  CHECK(r.history[1].id == "intro");
  CHECK(r.history[1].lesson);
  CHECK(r.history[1].title == "Intro");
  CHECK(r.history[0].scores.empty());
  for (const ForecastDay& day : r.forecast) CHECK(day.due == 0);
  CHECK(r.due_later == 0);
  CHECK(r.totals.attempts == 0);
}

TEST_CASE("The heatmap counts the content's questions by their topic and level now") {
  Fixture f;
  f.Answer("basics", "e1", false, kNow - 5 * kDay);
  f.Answer("basics", "e1", true, kNow - 4 * kDay);
  f.Answer("basics", "m1", false, kNow - 4 * kDay);
  f.Answer("intro", "q1", true, kNow - 3 * kDay);
  // A question since removed from the quiz is in no cell, whatever it was.
  f.Answer("basics", "gone", true, kNow - 3 * kDay);
  // A walkthrough prediction under the lesson's id is none of its questions.
  Attempt prediction;
  prediction.quiz_id = "intro";
  prediction.question_id = "walkthrough-step-2";
  prediction.correct = true;
  prediction.schedule = false;
  prediction.when = kNow - 3 * kDay;
  REQUIRE(f.store.Record(f.session, prediction).ok());

  const Readiness r = f.Build(kNow);
  CHECK(r.heatmap.size() == 2);  // no row for "Old topic": the content's topic counts
  const HeatCell& easy = RowOf(r, "Stages").levels[0];
  CHECK(easy.questions == 4);
  CHECK(easy.answered == 2);  // e1, q1
  CHECK(easy.attempts == 3);
  CHECK(easy.correct == 2);
  REQUIRE(easy.accuracy().has_value());
  CHECK(*easy.accuracy() == doctest::Approx(2.0 / 3));
  CHECK(easy.due == 2);  // e1 (due 3 days ago) and q1 (2 days ago)
  const HeatCell& medium = RowOf(r, "Stages").levels[1];
  CHECK(medium.answered == 1);
  CHECK(medium.attempts == 1);
  CHECK(*medium.accuracy() == 0.0);
  CHECK(medium.due == 1);
  CHECK(RowOf(r, "Gates").total.answered == 0);
  CHECK(r.heat_total.answered == 3);
  CHECK(r.heat_total.attempts == 4);
  CHECK(r.heat_total.due == 3);   // "gone" is due too, but not in the content
  CHECK(r.totals.attempts == 6);  // the overall figures count every answer
}

TEST_CASE("The calibration band comes from the confidence marks: 2/3 and 4/5") {
  CHECK(BreakEven(1) == doctest::Approx(2.0 / 3));
  CHECK(BreakEven(2) == doctest::Approx(0.8));
  CHECK(BreakEven(3) == 1.0);
}

TEST_CASE("Calibration compares each confidence level's rate right with its band") {
  Fixture f;
  UnixTime t = kNow - 10 * kDay;
  // Confidence 1: 20 of 20 right, far above 2/3: under-confident beyond doubt.
  for (int i = 0; i < 20; ++i) f.Answer("basics", "e1", true, ++t, 1);
  // Confidence 2: 3 of 4 right, inside [2/3, 4/5].
  for (int i = 0; i < 4; ++i) f.Answer("basics", "e2", i != 0, ++t, 2);
  // Confidence 3: 5 of 10 right, below 4/5 with the interval too.
  for (int i = 0; i < 10; ++i) f.Answer("basics", "m1", i % 2 == 0, ++t, 3);
  // Answers without confidence (not asked) are no part of it, right or wrong.
  for (int i = 0; i < 7; ++i) f.Answer("basics", "h1", false, ++t, 0);

  const Readiness r = f.Build(kNow);
  const CalibrationRow& one = r.calibration[0];
  CHECK(one.confidence == 1);
  CHECK(one.answers == 20);
  CHECK(one.correct == 20);
  CHECK(one.expected_low == 0.0);
  CHECK(one.expected_high == doctest::Approx(2.0 / 3));
  CHECK(*one.rate == 1.0);
  CHECK(one.interval_low == doctest::Approx(20.0 / (20 + 1.96 * 1.96)).epsilon(0.001));
  CHECK(one.verdict == CalibrationVerdict::kUnderconfident);
  const CalibrationRow& two = r.calibration[1];
  CHECK(two.answers == 4);
  CHECK(*two.rate == 0.75);
  CHECK(two.expected_low == doctest::Approx(2.0 / 3));
  CHECK(two.expected_high == doctest::Approx(0.8));
  CHECK(two.verdict == CalibrationVerdict::kWithin);
  const CalibrationRow& three = r.calibration[2];
  CHECK(three.answers == 10);
  CHECK(*three.rate == 0.5);
  CHECK(three.expected_high == 1.0);
  CHECK(three.interval_high < 0.8);
  CHECK(three.verdict == CalibrationVerdict::kOverconfident);
  CHECK(std::string(CalibrationVerdictName(three.verdict)) == "over-confident");
}

TEST_CASE("A rate outside the band from a few answers is too few to tell") {
  Fixture f;
  f.Answer("basics", "e1", false, kNow - kDay, 3);  // 0 of 1 at "certain"
  f.Answer("basics", "e2", true, kNow - kDay, 1);   // 1 of 1 at "guessing"
  const Readiness r = f.Build(kNow);
  CHECK(r.calibration[2].verdict == CalibrationVerdict::kTooFewToTell);
  CHECK(r.calibration[0].verdict == CalibrationVerdict::kTooFewToTell);
  CHECK(r.calibration[1].verdict == CalibrationVerdict::kNoAnswers);
}

TEST_CASE("Score history lists each bank's sessions, oldest first, unanswered ones counted") {
  Fixture f;
  f.Answer("basics", "e1", true, kNow - 3 * kDay);
  f.Answer("basics", "m1", false, kNow - 3 * kDay + 1);
  REQUIRE(f.store.EndSession(f.session, 1, 4, kNow - 3 * kDay + 60).ok());  // 4 asked
  auto second = f.store.BeginSession("review", kNow - kDay);
  REQUIRE(second.ok());
  f.session = *second;
  f.Answer("basics", "e1", true, kNow - kDay);
  REQUIRE(f.store.EndSession(f.session, 1, 1, kNow - kDay + 5).ok());

  const Readiness r = f.Build(kNow);
  const BankHistory& basics = r.history.at(0);
  REQUIRE(basics.scores.size() == 2);
  CHECK(basics.scores[0].asked == 4);
  CHECK(basics.scores[0].correct == 1);
  CHECK(basics.scores[1].mode == "review");
  CHECK(basics.scores[1].asked == 1);
  CHECK(r.history.at(1).scores.empty());  // the lesson

  ReadinessOptions last_only;
  last_only.history_limit = 1;
  const Readiness limited = f.Build(kNow, last_only);
  REQUIRE(limited.history.at(0).scores.size() == 1);
  CHECK(limited.history.at(0).scores[0].mode == "review");
}

TEST_CASE("The forecast puts overdue reviews on today and splits days at local midnight") {
  Fixture f;
  // A first answer is due a day after it was given.
  f.Answer("basics", "e1", false, kNow - 3 * kDay);               // due 2 days ago: overdue
  f.Answer("basics", "e2", false, kNow - kDay + 15 * kHour - 1);  // due 23:59:59 today (UTC)
  f.Answer("basics", "m1", false, kNow - kDay + 15 * kHour);      // due at midnight: tomorrow
  f.Answer("basics", "h1", false, kNow + 5 * kDay);               // due in 6 days (day 6)
  f.Answer("intro", "q1", false, kNow + 6 * kDay);                // due in 7 days: later
  f.Answer("basics", "gone", false, kNow - kDay);                 // not in the content

  SUBCASE("in UTC") {
    const Readiness r = f.Build(kNow);
    CHECK(r.forecast[0].start == kNow - 9 * kHour);
    CHECK(r.forecast[1].start == kNow + 15 * kHour);
    CHECK(r.forecast[0].due == 2);
    CHECK(r.forecast[1].due == 1);
    for (int d = 2; d < 6; ++d) CHECK(r.forecast[static_cast<std::size_t>(d)].due == 0);
    CHECK(r.forecast[6].due == 1);
    CHECK(r.due_later == 1);
  }
  SUBCASE("ten hours behind UTC, it is still yesterday evening there") {
    ReadinessOptions options;
    options.utc_offset_seconds = -10 * static_cast<int>(kHour);
    const Readiness r = f.Build(kNow, options);
    CHECK(r.forecast[0].start == kNow - 23 * kHour);  // 10:00 UTC the day before
    CHECK(r.forecast[0].due == 1);                    // only the overdue one
    CHECK(r.forecast[1].due == 2);                    // e2 and m1 both fall on tomorrow, local time
    CHECK(r.forecast[6].due == 1);  // h1: 6 days and 23 hours after local midnight
    CHECK(r.due_later == 1);
  }
}

TEST_CASE("ReadinessJson holds every figure, with null for a rate without answers") {
  Fixture f;
  f.Answer("basics", "e1", true, kNow - kDay, 3);
  const auto json = nlohmann::json::parse(ReadinessJson(f.Build(kNow)));
  CHECK(json["totals"]["attempts"] == 1);
  CHECK(json["heatmap"].size() == 2);
  CHECK(json["heatmap"][1]["topic"] == "Stages");
  CHECK(json["heatmap"][1]["easy"]["answered"] == 1);
  CHECK(json["heatmap"][1]["easy"]["accuracy"] == 1.0);
  CHECK(json["heatmap"][1]["hard"]["accuracy"].is_null());
  CHECK(json["heatmap_total"]["questions"] == 6);
  CHECK(json["calibration"][2]["answers"] == 1);
  CHECK(json["calibration"][2]["verdict"] == "within");
  CHECK(json["calibration"][0]["rate"].is_null());
  CHECK(json["history"][0]["kind"] == "quiz");
  CHECK(json["history"][0]["sessions"].size() == 1);
  CHECK(json["forecast"].size() == 7);
  CHECK(json["forecast"][0]["due"] == 1);
  CHECK(json["due_later"] == 0);
}

}  // namespace
}  // namespace stagecraft::core
