#pragma once
// ReadinessScreen: the window's Readiness screen without the window — the Readiness figures
// (readiness.h) built from the library and the store when the screen opens, or why they could not
// be, and every word and shade the view draws them with, so the view only places them.
//
// Shades. A heatmap cell's colour is a bucket of its accuracy, not a gradient, so the learner can
// read it and a test can check it: no questions, none answered (no accuracy, which is not 0%),
// below half right (weak), half to four fifths (fair), four fifths and up (strong). Four fifths
// is where certainty-based marking's top level starts to pay (BreakEven(2)).

#include <optional>
#include <string>
#include <string_view>

#include "core/content_library.h"
#include "core/progress.h"
#include "core/readiness.h"

namespace stagecraft::core {

class ReadinessScreen {
 public:
  // The figures of `store` at `now`; with no store (or one that cannot be read) the heatmap still
  // counts the content's questions, every cell unanswered, and problem() says why.
  // `store_problem` is why the tutor has no store ("" when it was not asked for one).
  static ReadinessScreen Build(const ContentLibrary& library, const ProgressStore* store,
                               std::string_view store_problem, UnixTime now,
                               const ReadinessOptions& options);

  const Readiness& readiness() const { return readiness_; }
  // Why the figures are empty or partial; "" when they are the learner's whole history.
  const std::string& problem() const { return problem_; }
  // The history of every bank with at least one session, in the library's order.
  std::vector<const BankHistory*> BanksWithSessions() const;
  // The largest due count of the 7 days (at least 1): the forecast bars' full height.
  int ForecastScale() const;

 private:
  Readiness readiness_;
  std::string problem_;
};

enum class HeatShade { kNoQuestions, kUnanswered, kWeak, kFair, kStrong };
// "no questions", "not answered", "weak", "fair", "strong".
const char* HeatShadeName(HeatShade shade);
HeatShade ShadeOf(const HeatCell& cell);

// A heatmap cell's words: its accuracy ("72%", "-" without attempts, "" without questions), how
// many of its questions were answered ("3/8"), and its reviews due ("2 due", or "" for none).
struct HeatCellText {
  std::string accuracy;
  std::string answered;
  std::string due;
  std::string tooltip;  // all of it in a sentence
};
HeatCellText DescribeCell(const HeatCell& cell);

// A rate as a whole percentage, rounded: "67%".
std::string PercentText(double rate);
// A confidence level's name: "1 · guessing", "2 · fairly sure", "3 · certain".
std::string ConfidenceName(int level);
// The calibrated band of `row`'s level in words: "below 67%", "67-80%", "above 80%".
std::string BandText(const CalibrationRow& row);
// What `row`'s verdict means for the learner, in a sentence or two.
std::string VerdictSentence(const CalibrationRow& row);
// A forecast day's name in the learner's time zone: "today", "tomorrow", then "Sat 5".
std::string ForecastDayName(const ForecastDay& day, int utc_offset_seconds);

// The offset of local time from UTC at `now`, in seconds (0 when it cannot be told).
int LocalUtcOffset(UnixTime now);

}  // namespace stagecraft::core
