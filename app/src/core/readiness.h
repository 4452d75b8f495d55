#pragma once
// Readiness: honest statistics for interview preparation, computed from the progress store and
// the content library with no UI: a heatmap of topic × level, confidence calibration, score
// history per bank and a 7-day forecast of reviews. `stagecraft stats` prints it (and --json);
// the window's readiness screen draws the same figures.
//
// Calibration. In confidence mode an answer is marked by certainty-based marking (Gardner-Medwin;
// ConfidencePoints in grading.h): right +1/+2/+3, wrong 0/-2/-6 at confidence 1/2/3. A learner who
// is right with probability p expects p*R + (1-p)*W points at each level, so the level that pays
// best switches where two of those lines cross: level 1 pays best below p = 2/3, level 2 between
// 2/3 and 4/5, level 3 above 4/5. A well-calibrated learner picks the level that pays best for how
// sure they really are, so their answers at level c are right at a rate inside that level's band:
// [0, 2/3) for 1, [2/3, 4/5] for 2, (4/5, 1] for 3. That band (computed from ConfidencePoints, so
// it follows the marks if they change) is the line a chart draws. Being right less often than the
// band is over-confidence; more often (possible at 1 and 2) is under-confidence: the learner could
// have claimed more. With few answers the observed rate says little, so a verdict also needs at
// least kMinAnswersForVerdict answers and the 95% Wilson interval of the rate wholly outside the
// band; otherwise it is "too few to tell" (one wrong "certain" answer proves nothing).
//
// Which answers count. The heatmap and the forecast count only questions the content has now (as
// Home does): an answer to a removed question, or a walkthrough prediction, is in no cell; each
// question sits in the cell of its topic and level as the content has them now. Calibration
// counts every answer given with a confidence (it is about the learner's judgement, which a
// removed question still showed). Score history is per quiz or lesson id in the library
// (ProgressStore::PastScores: every answer to that id, a session's score as it showed it).
//
// Days. The forecast's days run from midnight to midnight in the learner's time zone, given as
// `utc_offset_seconds` (the offset now; a daylight-saving change within the week is ignored).

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/content_library.h"
#include "core/progress.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// The questions of one topic at one level (or of a whole topic), and what the learner did with
// them.
struct HeatCell {
  int questions = 0;  // in the content now
  int answered = 0;   // of them, answered at least once
  int attempts = 0;   // answers to them, over every session
  int correct = 0;    // of `attempts`, right
  int due = 0;        // of them, due for review now
  // correct / attempts; nullopt without attempts (no accuracy is not 0%).
  std::optional<double> accuracy() const {
    if (attempts == 0) return std::nullopt;
    return static_cast<double>(correct) / attempts;
  }
};

// One topic's row: a cell per level, in Level order (easy, medium, hard), and the row's total.
struct HeatRow {
  std::string topic;
  std::array<HeatCell, 3> levels;
  HeatCell total;
};

// Fewer answers at a level than this never give an over- or under-confident verdict.
inline constexpr int kMinAnswersForVerdict = 5;

enum class CalibrationVerdict {
  kNoAnswers,       // no answer at this level
  kWithin,          // the rate right is inside the band
  kTooFewToTell,    // outside the band, but the 95% interval reaches into it or few answers
  kOverconfident,   // right less often than the level needs, beyond doubt
  kUnderconfident,  // right more often than the level pays, beyond doubt
};
// "no answers", "within", "too few to tell", "over-confident", "under-confident".
const char* CalibrationVerdictName(CalibrationVerdict verdict);

// Answers given at one confidence level against a well-calibrated learner's band.
struct CalibrationRow {
  int confidence = 0;  // 1-3
  int answers = 0;
  int correct = 0;
  double expected_low = 0;  // the band of the rate right a calibrated learner has at this level
  double expected_high = 1;
  std::optional<double> rate;  // correct / answers; nullopt without answers
  double interval_low = 0;     // the 95% Wilson interval of `rate` (0..1 without answers)
  double interval_high = 1;
  CalibrationVerdict verdict = CalibrationVerdict::kNoAnswers;
};

// A quiz's or lesson's sessions, oldest first.
struct BankHistory {
  std::string id;
  std::string title;
  bool lesson = false;
  std::vector<PastScore> scores;  // score = correct / asked (unanswered questions count)
};

// Reviews coming due on one day.
struct ForecastDay {
  int day = 0;         // 0 = today, 1 = tomorrow, ...
  UnixTime start = 0;  // the day's midnight, local time
  int due = 0;         // questions coming due that day; today's also has every overdue one
};

struct ReadinessOptions {
  int utc_offset_seconds = 0;  // the learner's time zone: local time = UTC + this
  int history_limit = 20;      // at most this many sessions per bank, the newest
};

// The largest rate right at which confidence `level` (1-3) still pays best, by ConfidencePoints;
// 1 for level 3. BreakEven(1) = 2/3, BreakEven(2) = 4/5.
double BreakEven(int level);

struct Readiness {
  UnixTime now = 0;
  int utc_offset_seconds = 0;    // as given in the options: the forecast's days are local
  ProgressStats totals;          // the store's overall figures (every answer, streak, recent)
  std::vector<HeatRow> heatmap;  // one row per topic of the content, by topic name
  HeatCell heat_total;           // every question of the content
  std::array<CalibrationRow, 3> calibration;  // confidence 1, 2, 3
  std::vector<BankHistory> history;  // every usable quiz, then every lesson, in library order
  std::array<ForecastDay, 7> forecast;
  int due_later = 0;  // questions coming due after the 7 days
};

// What `store` knows at `now` about the content of `library`. Fails only when the store cannot
// be read.
engine::Result<Readiness> BuildReadiness(const ContentLibrary& library, const ProgressStore& store,
                                         UnixTime now, const ReadinessOptions& options = {});

// All of `readiness` as JSON (indented by 2), for `stagecraft stats --json`; the fields are
// described in README.md's commands table. Rates are 0..1 and null without answers.
std::string ReadinessJson(const Readiness& readiness);

}  // namespace stagecraft::core
