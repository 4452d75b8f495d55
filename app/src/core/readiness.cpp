#include "core/readiness.h"

// Contents: BreakEven (the calibration band); the Wilson interval; BuildReadiness (heatmap,
// calibration, history, forecast); ReadinessJson.

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "core/grading.h"

namespace stagecraft::core {
namespace {

using QuestionKey = std::pair<std::string, std::string>;  // quiz (or lesson) id, question id
constexpr UnixTime kDay = 86'400;

// Floor division, so that times before 1970 still fall on the right day.
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// The 95% Wilson score interval of `correct` right out of `n` (n > 0).
std::pair<double, double> Wilson(int correct, int n) {
  constexpr double z = 1.959963984540054;
  const double p = static_cast<double>(correct) / n;
  const double z2n = z * z / n;
  const double center = (p + z2n / 2) / (1 + z2n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z2n);
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

CalibrationRow Calibrate(int level, int answers, int correct) {
  CalibrationRow row;
  row.confidence = level;
  row.answers = answers;
  row.correct = correct;
  row.expected_low = level == 1 ? 0.0 : BreakEven(level - 1);
  row.expected_high = BreakEven(level);
  if (answers == 0) return row;
  const double rate = static_cast<double>(correct) / answers;
  row.rate = rate;
  std::tie(row.interval_low, row.interval_high) = Wilson(correct, answers);
  if (rate >= row.expected_low && rate <= row.expected_high) {
    row.verdict = CalibrationVerdict::kWithin;
  } else if (answers < kMinAnswersForVerdict) {
    row.verdict = CalibrationVerdict::kTooFewToTell;
  } else if (rate < row.expected_low) {
    row.verdict = row.interval_high < row.expected_low ? CalibrationVerdict::kOverconfident
                                                       : CalibrationVerdict::kTooFewToTell;
  } else {
    row.verdict = row.interval_low > row.expected_high ? CalibrationVerdict::kUnderconfident
                                                       : CalibrationVerdict::kTooFewToTell;
  }
  return row;
}

void Add(HeatCell& cell, const HeatCell& more) {
  cell.questions += more.questions;
  cell.answered += more.answered;
  cell.attempts += more.attempts;
  cell.correct += more.correct;
  cell.due += more.due;
}

nlohmann::json Rate(std::optional<double> rate) {
  return rate ? nlohmann::json(*rate) : nlohmann::json(nullptr);
}

nlohmann::json CellJson(const HeatCell& cell) {
  return {{"questions", cell.questions},       {"answered", cell.answered},
          {"attempts", cell.attempts},         {"correct", cell.correct},
          {"accuracy", Rate(cell.accuracy())}, {"due", cell.due}};
}

}  // namespace

const char* CalibrationVerdictName(CalibrationVerdict verdict) {
  switch (verdict) {
    case CalibrationVerdict::kNoAnswers:
      return "no answers";
    case CalibrationVerdict::kWithin:
      return "within";
    case CalibrationVerdict::kTooFewToTell:
      return "too few to tell";
    case CalibrationVerdict::kOverconfident:
      return "over-confident";
    case CalibrationVerdict::kUnderconfident:
      return "under-confident";
  }
  return "?";
}

double BreakEven(int level) {
  if (level >= 3) return 1.0;
  // p*R1 + (1-p)*W1 = p*R2 + (1-p)*W2  =>  p = (W1 - W2) / ((R2 - R1) + (W1 - W2)).
  const double r1 = ConfidencePoints(true, level), w1 = ConfidencePoints(false, level);
  const double r2 = ConfidencePoints(true, level + 1), w2 = ConfidencePoints(false, level + 1);
  return (w1 - w2) / ((r2 - r1) + (w1 - w2));
}

engine::Result<Readiness> BuildReadiness(const ContentLibrary& library, const ProgressStore& store,
                                         UnixTime now, const ReadinessOptions& options) {
  Readiness readiness;
  readiness.now = now;
  readiness.utc_offset_seconds = options.utc_offset_seconds;
  auto stats = store.Stats(now);
  if (!stats.ok()) return stats.status();
  readiness.totals = std::move(*stats);
  auto tallies = store.AnsweredQuestions();
  if (!tallies.ok()) return tallies.status();
  auto scheduled = store.Scheduled();
  if (!scheduled.ok()) return scheduled.status();
  auto confidence = store.ByConfidence();
  if (!confidence.ok()) return confidence.status();

  std::map<QuestionKey, QuestionTally> answered;
  for (auto& tally : *tallies) answered[{tally.quiz_id, tally.question_id}] = tally;
  std::map<QuestionKey, UnixTime> due_at;
  for (const auto& question : *scheduled)
    due_at[{question.quiz_id, question.question_id}] = question.due;

  // The heatmap, and the content's questions for the forecast.
  std::map<std::string, HeatRow> rows;
  std::set<QuestionKey> in_content;
  auto count = [&](const std::string& id, const Question& question) {
    const QuestionKey key{id, question.id};
    if (!in_content.insert(key).second) return;  // one id twice: counted once
    HeatCell& cell = rows[question.topic].levels[static_cast<std::size_t>(question.level)];
    ++cell.questions;
    if (auto found = answered.find(key); found != answered.end()) {
      ++cell.answered;
      cell.attempts += found->second.attempts;
      cell.correct += found->second.correct;
    }
    if (auto found = due_at.find(key); found != due_at.end() && found->second <= now) ++cell.due;
  };
  for (const Quiz* quiz : library.quizzes()) {
    for (const Question& question : quiz->questions) count(quiz->id, question);
  }
  for (const Lesson* lesson : library.lessons()) {
    for (const Question* question : lesson->Questions()) count(lesson->id, *question);
  }
  for (auto& [topic, row] : rows) {
    row.topic = topic;
    for (const HeatCell& cell : row.levels) Add(row.total, cell);
    Add(readiness.heat_total, row.total);
    readiness.heatmap.push_back(std::move(row));
  }

  for (int level = 1; level <= 3; ++level) {
    int answers = 0, correct = 0;
    for (const auto& tally : *confidence) {
      if (tally.confidence == level) answers = tally.attempts, correct = tally.correct;
    }
    readiness.calibration[static_cast<std::size_t>(level - 1)] = Calibrate(level, answers, correct);
  }

  auto history = [&](const std::string& id, const std::string& title,
                     bool lesson) -> engine::Status {
    auto scores = store.PastScores({id}, options.history_limit);
    if (!scores.ok()) return scores.status();
    readiness.history.push_back({id, title, lesson, std::move(*scores)});
    return engine::Status::Ok();
  };
  for (const Quiz* quiz : library.quizzes())
    SC_RETURN_IF_ERROR(history(quiz->id, quiz->title, false));
  for (const Lesson* lesson : library.lessons()) {
    SC_RETURN_IF_ERROR(history(lesson->id, lesson->title, true));
  }

  // Local days: day d runs from today's local midnight + d days.
  const std::int64_t offset = options.utc_offset_seconds;
  const UnixTime today = FloorDiv(now + offset, kDay) * kDay - offset;
  for (int d = 0; d < 7; ++d) {
    readiness.forecast[static_cast<std::size_t>(d)] = {d, today + d * kDay, 0};
  }
  for (const auto& [key, due] : due_at) {
    if (in_content.count(key) == 0) continue;
    const std::int64_t day = due < today ? 0 : FloorDiv(due - today, kDay);
    if (day < 7) {
      ++readiness.forecast[static_cast<std::size_t>(day)].due;
    } else {
      ++readiness.due_later;
    }
  }
  return readiness;
}

std::string ReadinessJson(const Readiness& readiness) {
  using nlohmann::json;
  const ProgressStats& totals = readiness.totals;
  json out;
  out["now"] = readiness.now;
  out["utc_offset_seconds"] = readiness.utc_offset_seconds;
  out["totals"] = {
      {"attempts", totals.attempts},
      {"correct", totals.correct},
      {"accuracy",
       Rate(totals.attempts == 0
                ? std::nullopt
                : std::optional<double>(static_cast<double>(totals.correct) / totals.attempts))},
      {"sessions", totals.sessions},
      {"streak_days", totals.streak_days}};
  json recent = json::array();
  for (const Attempt& a : totals.recent) {
    recent.push_back({{"quiz", a.quiz_id},
                      {"question", a.question_id},
                      {"level", a.level},
                      {"topic", a.topic},
                      {"correct", a.correct},
                      {"confidence", a.confidence},
                      {"when", a.when}});
  }
  out["recent"] = std::move(recent);
  json heatmap = json::array();
  for (const HeatRow& row : readiness.heatmap) {
    heatmap.push_back({{"topic", row.topic},
                       {"easy", CellJson(row.levels[0])},
                       {"medium", CellJson(row.levels[1])},
                       {"hard", CellJson(row.levels[2])},
                       {"total", CellJson(row.total)}});
  }
  out["heatmap"] = std::move(heatmap);
  out["heatmap_total"] = CellJson(readiness.heat_total);
  json calibration = json::array();
  for (const CalibrationRow& row : readiness.calibration) {
    calibration.push_back({{"confidence", row.confidence},
                           {"answers", row.answers},
                           {"correct", row.correct},
                           {"rate", Rate(row.rate)},
                           {"expected_low", row.expected_low},
                           {"expected_high", row.expected_high},
                           {"interval_low", row.interval_low},
                           {"interval_high", row.interval_high},
                           {"verdict", CalibrationVerdictName(row.verdict)}});
  }
  out["calibration"] = std::move(calibration);
  json history = json::array();
  for (const BankHistory& bank : readiness.history) {
    json scores = json::array();
    for (const PastScore& score : bank.scores) {
      scores.push_back({{"session", score.session_id},
                        {"mode", score.mode},
                        {"when", score.when},
                        {"answered", score.answered},
                        {"correct", score.correct},
                        {"asked", score.asked}});
    }
    history.push_back({{"id", bank.id},
                       {"title", bank.title},
                       {"kind", bank.lesson ? "lesson" : "quiz"},
                       {"sessions", std::move(scores)}});
  }
  out["history"] = std::move(history);
  json forecast = json::array();
  for (const ForecastDay& day : readiness.forecast) {
    forecast.push_back({{"day", day.day}, {"start", day.start}, {"due", day.due}});
  }
  out["forecast"] = std::move(forecast);
  out["due_later"] = readiness.due_later;
  return out.dump(2) + "\n";
}

}  // namespace stagecraft::core
