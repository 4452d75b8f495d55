#pragma once
// ProgressStore: what a learner has done, in SQLite ($XDG_DATA_HOME/stagecraft/progress.db):
// every attempt, every session, the spaced-repetition state that brings missed questions back,
// and how far each mode of each lesson was read.
//
// Scheduling is SM-2 (Wozniak 1990; the arithmetic is in scheduler.h). A question edited since
// it was scheduled (its content hash changed) starts over.
//
// A progress file that is not SQLite, is corrupt, or is another program's SQLite database is
// moved aside as FILE.corrupt-YYYYMMDD-HHMMSS (never deleted or written into) and a fresh one is
// started; `notice` says so. A file written by a newer Stagecraft (a schema version this build
// does not know) is refused with kFailedPrecondition and left exactly as it was.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/quiz.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// Seconds since the Unix epoch.
using UnixTime = std::int64_t;

struct Attempt {
  std::string quiz_id;
  std::string question_id;
  std::string content_hash;  // ContentHash of the question as it was asked
  std::string topic;
  std::string level;         // "easy", "medium", "hard"
  std::string answer;        // the letters given, in the file's option order, e.g. "A,C"
  bool correct = false;
  int confidence = 0;        // 1-3, or 0 when not asked
  int hints_used = 0;
  double seconds = 0;        // time taken to answer
  UnixTime when = 0;
  // Whether the answer moves the question's review schedule. False for what a review cannot
  // ask on its own: a walkthrough prediction, a question about a walkthrough's table.
  bool schedule = true;
};

// A question that is due for review.
struct DueQuestion {
  std::string quiz_id;
  std::string question_id;
  UnixTime due = 0;
};

// When a question comes back for review, as the store scheduled it.
struct ReviewSchedule {
  UnixTime due = 0;       // the moment it is due
  int interval_days = 0;  // the interval the last answer earned
};

// Accuracy for one topic or level.
struct AccuracyRow {
  std::string key;  // the topic or level
  int attempts = 0;
  int correct = 0;
};

// The answers given to one question, over every session.
struct QuestionTally {
  std::string quiz_id;
  std::string question_id;
  int attempts = 0;
  int correct = 0;
};

// One past session's answers to the questions of some quizzes (or lessons): a point of the
// learner's history on a bank.
struct PastScore {
  std::int64_t session_id = 0;
  std::string mode;  // the session's: "quiz", "exam", "review", "lesson", ...
  UnixTime when = 0;  // the first of those answers
  int answered = 0;   // answers to those questions in the session
  int correct = 0;    // of them, right
  // The questions the session asked: its total (unanswered ones included) when every answer of
  // the session is to these questions, else `answered`. correct / asked is the score it showed.
  int asked = 0;
};

// How far the learner read one mode of a lesson, in blocks of the mode (LessonReading's
// read()): the blocks before `position` were read when it was last saved, and the mode is done
// once `furthest` reaches `blocks`.
struct ReadingProgress {
  std::string lesson_id;
  std::string mode;   // LessonModeId: "why", "deep-dive", ...
  int position = 0;   // where the last reading stopped: where to continue
  int furthest = 0;   // the most ever read (a reading started over does not lower it)
  int blocks = 0;     // the mode's blocks when saved; a lesson edited since may have others
  UnixTime when = 0;  // when it was saved

  bool done() const { return blocks > 0 && furthest >= blocks; }
};

// Answers given with one confidence level (confidence mode), and how many were right.
struct ConfidenceTally {
  int confidence = 0;  // 1-3
  int attempts = 0;
  int correct = 0;
};

// One finished try at a challenge: solved (and in how many counted commands), or given up.
struct ChallengeResult {
  std::string challenge_id;
  bool solved = false;
  int commands = 0;
  int par = 0;
  UnixTime when = 0;
};

// What the learner has done with one challenge, over every try.
struct ChallengeRecord {
  std::string challenge_id;
  int attempts = 0;         // tries recorded, solved or not
  int solves = 0;
  std::optional<int> best;  // the fewest commands of a solve; none before the first
  UnixTime last = 0;        // the latest try
};

struct ProgressStats {
  int attempts = 0;
  int correct = 0;
  int sessions = 0;
  int streak_days = 0;  // consecutive days, ending today or yesterday, with at least one attempt
  std::vector<AccuracyRow> by_topic;  // by key
  std::vector<AccuracyRow> by_level;
  std::vector<Attempt> recent;        // the last 10 attempts, newest first
};

// A stable hash of the question's content (prompt, code, options, answer): changes when an
// instructor edits the question, so old attempts are told apart.
std::string ContentHash(const Question& question);

class ProgressStore {
 public:
  // Opens (creating) the store at `path` (":memory:" for tests). A corrupt or foreign file is
  // moved aside first (see above) and `notice` is set to say where it went; a newer file is
  // refused, untouched, with a one-line message naming it.
  static engine::Result<ProgressStore> Open(const std::string& path);
  ProgressStore(ProgressStore&&) noexcept;
  ProgressStore& operator=(ProgressStore&&) noexcept;
  ~ProgressStore();

  // Non-empty when Open moved a corrupt file aside: a one-line message naming both paths.
  const std::string& notice() const;

  // Starts a session record; returns its id.
  engine::Result<std::int64_t> BeginSession(const std::string& mode, UnixTime when);
  // Records an attempt in a session and updates the question's schedule (one transaction).
  engine::Status Record(std::int64_t session_id, const Attempt& attempt);
  engine::Status EndSession(std::int64_t session_id, int correct, int total, UnixTime when);

  // Questions due at `now`, most overdue first.
  engine::Result<std::vector<DueQuestion>> Due(UnixTime now) const;
  // The schedule of one question; nullopt when it has never been answered.
  engine::Result<std::optional<ReviewSchedule>> ScheduleOf(const std::string& quiz_id,
                                                            const std::string& question_id) const;
  engine::Result<ProgressStats> Stats(UnixTime now) const;
  // Every question with a review schedule, due or not, soonest first (ties by quiz and
  // question id): what Due would list at any later moment.
  engine::Result<std::vector<DueQuestion>> Scheduled() const;
  // Every answer given with a confidence level (1-3), by level, ascending; levels never used
  // are left out, and so are answers without one (confidence 0: not asked).
  engine::Result<std::vector<ConfidenceTally>> ByConfidence() const;
  // Every question answered at least once, by quiz (or lesson) id and question id.
  engine::Result<std::vector<QuestionTally>> AnsweredQuestions() const;
  // The learner's history on the questions of `quiz_ids` (quiz or lesson ids): per session with
  // at least one answer to them, how many were answered and right, oldest first; only the last
  // `limit` sessions. Empty for no ids.
  engine::Result<std::vector<PastScore>> PastScores(const std::vector<std::string>& quiz_ids,
                                                    int limit) const;

  // Saves how far the learner read a mode (one transaction; overwrites `position` and `when`,
  // raises `furthest` — which is reset when `blocks` differs from the saved one: the lesson was
  // edited). `progress.furthest` is ignored. kInvalidArgument when position is not in
  // 0..blocks.
  engine::Status SaveReading(const ReadingProgress& progress);
  // Every mode read, by lesson id and mode.
  engine::Result<std::vector<ReadingProgress>> Readings() const;
  // Records a try at a challenge (append only: every try is kept).
  engine::Status RecordChallenge(const ChallengeResult& result);
  // Every challenge tried, by id.
  engine::Result<std::vector<ChallengeRecord>> ChallengeRecords() const;
  // How far one mode was read; nullopt when it never was.
  engine::Result<std::optional<ReadingProgress>> ReadingOf(const std::string& lesson_id,
                                                           const std::string& mode) const;

 private:
  struct Impl;
  explicit ProgressStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The default progress file: DataFolder()/progress.db.
std::string DefaultProgressPath();

}  // namespace stagecraft::core
