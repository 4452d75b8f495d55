#include "core/readiness_screen.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace stagecraft::core {

ReadinessScreen ReadinessScreen::Build(const ContentLibrary& library, const ProgressStore* store,
                                       std::string_view store_problem, UnixTime now,
                                       const ReadinessOptions& options) {
  ReadinessScreen screen;
  // Without the learner's store the content is still counted: an empty store in memory.
  std::optional<ProgressStore> empty;
  if (store == nullptr) {
    screen.problem_ = store_problem.empty()
                          ? "Progress is not recorded in this session, so nothing is counted."
                          : "Your progress could not be opened (" + std::string(store_problem) +
                                "), so nothing is counted.";
    auto opened = ProgressStore::Open(":memory:");
    if (!opened.ok()) {
      screen.problem_ += " " + opened.status().message();
      return screen;
    }
    empty.emplace(std::move(*opened));
    store = &*empty;
  }
  auto built = BuildReadiness(library, *store, now, options);
  if (!built.ok()) {
    screen.problem_ = "Your progress could not be read: " + built.status().message();
    if (empty) return screen;
    auto opened = ProgressStore::Open(":memory:");
    if (!opened.ok()) return screen;
    built = BuildReadiness(library, *opened, now, options);
    if (!built.ok()) return screen;
  }
  screen.readiness_ = std::move(*built);
  return screen;
}

std::vector<const BankHistory*> ReadinessScreen::BanksWithSessions() const {
  std::vector<const BankHistory*> banks;
  for (const BankHistory& bank : readiness_.history) {
    if (!bank.scores.empty()) banks.push_back(&bank);
  }
  return banks;
}

int ReadinessScreen::ForecastScale() const {
  int most = 1;
  for (const ForecastDay& day : readiness_.forecast) most = std::max(most, day.due);
  return most;
}

const char* HeatShadeName(HeatShade shade) {
  switch (shade) {
    case HeatShade::kNoQuestions: return "no questions";
    case HeatShade::kUnanswered: return "not answered";
    case HeatShade::kWeak: return "weak";
    case HeatShade::kFair: return "fair";
    case HeatShade::kStrong: return "strong";
  }
  return "no questions";
}

HeatShade ShadeOf(const HeatCell& cell) {
  if (cell.questions == 0) return HeatShade::kNoQuestions;
  const std::optional<double> accuracy = cell.accuracy();
  if (!accuracy) return HeatShade::kUnanswered;
  if (*accuracy < 0.5) return HeatShade::kWeak;
  if (*accuracy < BreakEven(2)) return HeatShade::kFair;
  return HeatShade::kStrong;
}

std::string PercentText(double rate) {
  return std::to_string(static_cast<int>(std::lround(rate * 100))) + "%";
}

HeatCellText DescribeCell(const HeatCell& cell) {
  HeatCellText text;
  if (cell.questions == 0) {
    text.tooltip = "No questions here.";
    return text;
  }
  const std::optional<double> accuracy = cell.accuracy();
  text.accuracy = accuracy ? PercentText(*accuracy) : "-";
  text.answered = std::to_string(cell.answered) + "/" + std::to_string(cell.questions);
  if (cell.due > 0) text.due = std::to_string(cell.due) + " due";
  const std::string questions =
      std::to_string(cell.questions) + (cell.questions == 1 ? " question" : " questions");
  if (accuracy) {
    text.tooltip = std::to_string(cell.answered) + " of " + questions + " answered; " +
                   std::to_string(cell.correct) + " of " + std::to_string(cell.attempts) +
                   (cell.attempts == 1 ? " answer" : " answers") + " right (" + text.accuracy +
                   ")";
  } else {
    text.tooltip = questions + ", none answered yet";
  }
  text.tooltip += cell.due > 0 ? "; " + std::to_string(cell.due) + " due for review now." : ".";
  return text;
}

std::string ConfidenceName(int level) {
  switch (level) {
    case 1: return "1 \xC2\xB7 guessing";
    case 2: return "2 \xC2\xB7 fairly sure";
    case 3: return "3 \xC2\xB7 certain";
  }
  return std::to_string(level);
}

namespace {

// "67" of "67%": the low end of a range written once with its unit at the end.
std::string PercentNumber(double rate) { return std::to_string(static_cast<int>(std::lround(rate * 100))); }

}  // namespace

std::string BandText(const CalibrationRow& row) {
  if (row.expected_low <= 0) return "below " + PercentText(row.expected_high);
  if (row.expected_high >= 1) return "above " + PercentText(row.expected_low);
  return PercentNumber(row.expected_low) + "-" + PercentText(row.expected_high);
}

std::string VerdictSentence(const CalibrationRow& row) {
  if (!row.rate) return "No answers at this level yet.";
  const std::string rate = PercentText(*row.rate);
  const std::string interval =
      PercentNumber(row.interval_low) + "-" + PercentText(row.interval_high);
  const std::string answers =
      std::to_string(row.answers) + (row.answers == 1 ? " answer" : " answers");
  switch (row.verdict) {
    case CalibrationVerdict::kNoAnswers:
      return "No answers at this level yet.";
    case CalibrationVerdict::kWithin:
      return "Calibrated: right " + rate + " of the time, where this level pays best (" +
             BandText(row) + ").";
    case CalibrationVerdict::kTooFewToTell:
      return "Too few to tell: right " + rate + " over " + answers + ", but the true rate could "
             "be anywhere in " + interval + ", which reaches the band (" + BandText(row) + ").";
    case CalibrationVerdict::kOverconfident:
      return "Over-confident: right only " + rate + " (" + interval + ") when this level needs " +
             BandText(row) + ". Claim less when this unsure; it costs points.";
    case CalibrationVerdict::kUnderconfident:
      return "Under-confident: right " + rate + " (" + interval + "), more than this level pays "
             "for (" + BandText(row) + "). You could claim level " +
             std::to_string(row.confidence + 1) + " and score more.";
  }
  return "";
}

std::string ForecastDayName(const ForecastDay& day, int utc_offset_seconds) {
  if (day.day == 0) return "today";
  if (day.day == 1) return "tomorrow";
  const std::time_t local = static_cast<std::time_t>(day.start + utc_offset_seconds);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%a %d", &tm);
  std::string out = text;
  if (out.size() > 4 && out[4] == '0') out.erase(4, 1);  // "Sat 5", not "Sat 05"
  return out;
}

int LocalUtcOffset(UnixTime now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  if (localtime_r(&t, &tm) == nullptr) return 0;
  return static_cast<int>(tm.tm_gmtoff);
}

}  // namespace stagecraft::core
