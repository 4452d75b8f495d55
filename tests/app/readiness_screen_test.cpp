// ReadinessScreen: the readiness figures as the window shows them — built with or without a
// store, the heatmap's shades and words, the calibration verdicts in sentences, the forecast's
// day names.

#include "core/readiness_screen.h"

#include <doctest/doctest.h>

#include <string>

namespace stagecraft::core {
namespace {

ContentFolders Bundled() {
  return ContentFolders{STAGECRAFT_QUIZZES_DIR, STAGECRAFT_LESSONS_DIR, "", ""};
}

HeatCell Cell(int questions, int answered, int attempts, int correct, int due = 0) {
  HeatCell cell;
  cell.questions = questions;
  cell.answered = answered;
  cell.attempts = attempts;
  cell.correct = correct;
  cell.due = due;
  return cell;
}

TEST_CASE("readiness screen: without a store the content is counted and the problem says why") {
  const ContentLibrary library = ContentLibrary::Load(Bundled());
  const ReadinessScreen screen =
      ReadinessScreen::Build(library, nullptr, "disk full", 1796306400, ReadinessOptions{});
  CHECK(screen.problem().find("disk full") != std::string::npos);
  const Readiness& r = screen.readiness();
  CHECK(r.heat_total.questions > 0);
  CHECK(r.heat_total.answered == 0);
  CHECK_FALSE(r.heatmap.empty());
  CHECK(screen.BanksWithSessions().empty());
  CHECK(screen.ForecastScale() == 1);  // bars never divide by zero

  const ReadinessScreen unasked =
      ReadinessScreen::Build(library, nullptr, "", 1796306400, ReadinessOptions{});
  CHECK(unasked.problem().find("not recorded") != std::string::npos);
}

TEST_CASE("readiness screen: with a store its figures, and no problem") {
  const ContentLibrary library = ContentLibrary::Load(Bundled());
  auto store = ProgressStore::Open(":memory:");
  REQUIRE(store.ok());
  const ReadinessScreen screen =
      ReadinessScreen::Build(library, &*store, "", 1796306400, ReadinessOptions{});
  CHECK(screen.problem().empty());
  CHECK(screen.readiness().now == 1796306400);
}

TEST_CASE("readiness screen: a cell's shade tells no questions and none answered from 0%") {
  CHECK(ShadeOf(Cell(0, 0, 0, 0)) == HeatShade::kNoQuestions);
  CHECK(ShadeOf(Cell(4, 0, 0, 0)) == HeatShade::kUnanswered);
  CHECK(ShadeOf(Cell(4, 1, 1, 0)) == HeatShade::kWeak);  // 0% is answered, and weak
  CHECK(ShadeOf(Cell(4, 2, 4, 1)) == HeatShade::kWeak);
  CHECK(ShadeOf(Cell(4, 2, 4, 2)) == HeatShade::kFair);  // half
  CHECK(ShadeOf(Cell(4, 4, 10, 7)) == HeatShade::kFair);
  CHECK(ShadeOf(Cell(4, 4, 10, 8)) == HeatShade::kStrong);  // four fifths
  CHECK(std::string(HeatShadeName(HeatShade::kUnanswered)) == "not answered");
}

TEST_CASE("readiness screen: a cell's words: accuracy, answered of questions, due") {
  const HeatCellText none = DescribeCell(Cell(0, 0, 0, 0));
  CHECK(none.accuracy.empty());
  CHECK(none.answered.empty());
  CHECK(none.tooltip == "No questions here.");

  const HeatCellText unanswered = DescribeCell(Cell(5, 0, 0, 0));
  CHECK(unanswered.accuracy == "-");
  CHECK(unanswered.answered == "0/5");
  CHECK(unanswered.due.empty());
  CHECK(unanswered.tooltip == "5 questions, none answered yet.");

  const HeatCellText some = DescribeCell(Cell(8, 3, 4, 3, 2));
  CHECK(some.accuracy == "75%");
  CHECK(some.answered == "3/8");
  CHECK(some.due == "2 due");
  CHECK(some.tooltip ==
        "3 of 8 questions answered; 3 of 4 answers right (75%); 2 due for review now.");
}

TEST_CASE("readiness screen: calibration bands and verdicts in words") {
  CHECK(PercentText(2.0 / 3) == "67%");
  CHECK(ConfidenceName(3) == "3 \xC2\xB7 certain");
  CalibrationRow row;
  row.confidence = 1;
  row.expected_low = 0;
  row.expected_high = BreakEven(1);
  CHECK(BandText(row) == "below 67%");
  CHECK(VerdictSentence(row) == "No answers at this level yet.");
  row.confidence = 2;
  row.expected_low = BreakEven(1);
  row.expected_high = BreakEven(2);
  CHECK(BandText(row) == "67-80%");
  row.confidence = 3;
  row.expected_low = BreakEven(2);
  row.expected_high = 1;
  CHECK(BandText(row) == "above 80%");

  row.answers = 10;
  row.correct = 4;
  row.rate = 0.4;
  row.interval_low = 0.17;
  row.interval_high = 0.69;
  row.verdict = CalibrationVerdict::kOverconfident;
  CHECK(VerdictSentence(row).rfind("Over-confident: right only 40% (17-69%)", 0) == 0);
  row.verdict = CalibrationVerdict::kTooFewToTell;
  CHECK(VerdictSentence(row).rfind("Too few to tell", 0) == 0);
  row.verdict = CalibrationVerdict::kWithin;
  CHECK(VerdictSentence(row).rfind("Calibrated", 0) == 0);
  row.confidence = 2;
  row.verdict = CalibrationVerdict::kUnderconfident;
  CHECK(VerdictSentence(row).find("claim level 3") != std::string::npos);
}

TEST_CASE("readiness screen: forecast days are named in the learner's time zone") {
  ForecastDay day;
  CHECK(ForecastDayName(day, 0) == "today");
  day.day = 1;
  CHECK(ForecastDayName(day, 0) == "tomorrow");
  day.day = 2;
  day.start = 1796515200;  // 2026-12-06 00:00 UTC, a Sunday
  CHECK(ForecastDayName(day, 0) == "Sun 6");
  day.start = 1796515200 - 3600;  // the same local midnight an hour east of UTC
  CHECK(ForecastDayName(day, 3600) == "Sun 6");
}

}  // namespace
}  // namespace stagecraft::core
