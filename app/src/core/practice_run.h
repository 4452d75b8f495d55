#pragma once
// PracticeRun: a quiz, a review or a timed exam, from the first question to the result. It picks
// and shuffles the questions (QuizSession), keeps the clock, counts hints, grades every answer
// through the one grader (Grade), records each graded answer in the progress store and says when
// the store will bring the question back, and ends with a result broken down by topic and level
// and a review of every question.
//
// The terminal quiz is a loop that prints what the run says and feeds it what the learner
// types; the desktop window draws the same run. Neither adds a rule of its own.
//
// Exams are strict: the time left is known at every question; an answer that arrives after the
// deadline is not accepted (the question stays unanswered, never graded) and the run ends; there
// are no hints and no feedback until the end; the result then reviews every question (the answer
// given, the key, the solution) with the time used.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/answer_recorder.h"
#include "core/grading.h"
#include "core/progress.h"
#include "core/quiz.h"
#include "core/quiz_session.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

enum class RunKind {
  kPractice,  // a quiz: hints and feedback after each answer
  kReview,    // the questions the progress store says are due, as in practice
  kExam,      // timed; no hints, no feedback until the end
};
// "quiz", "review", "exam": also the mode recorded with the progress session.
const char* RunKindName(RunKind kind);

// Where a run reads the time. Tests inject their own.
struct RunClock {
  std::function<double()> seconds;  // a monotonic clock, in seconds
  std::function<UnixTime()> now;    // the wall clock, for the progress store
  // The system's steady and wall clocks.
  static RunClock System();
};

struct RunSettings {
  RunKind kind = RunKind::kPractice;
  SessionOptions selection;  // topic, level, count, seed, confidence, scoring
  int exam_minutes = 0;      // kExam: the time allowed, at least 1
};

// One question of the run as the result shows it.
struct QuestionOutcome {
  const SessionQuestion* question = nullptr;
  std::optional<AnswerFeedback> answer;  // nullopt: unanswered (skipped, late or not reached)
  bool late = false;                     // an answer came after the exam's deadline
  int hints_used = 0;
  double seconds = 0;                    // from showing the question to the answer
  std::optional<ReviewSchedule> next_review;  // what the store scheduled for it
};

// What submitting an answer did.
struct SubmitOutcome {
  // False when an exam's time was up: the answer was not graded and the run has ended.
  bool accepted = false;
  // The grade, when the learner may see it now (practice and review); never in an exam.
  std::optional<AnswerFeedback> feedback;
  // When the question comes back for review (practice and review, when recorded).
  std::optional<ReviewSchedule> next_review;
};

struct RunResult {
  RunKind kind = RunKind::kPractice;
  bool confidence = false;  // certainty-based marking was on
  SessionResult score;  // score, percent, breakdown by topic and level (unanswered counted)
  int unanswered = 0;
  double seconds_used = 0;
  double seconds_allowed = 0;  // exams; 0 otherwise
  bool time_up = false;        // an exam ended by its deadline
  std::vector<QuestionOutcome> questions;  // every question, in the order asked
};

class PracticeRun {
 public:
  // Starts a run over `bank` (owned by the run). For kReview only the questions `store` says
  // are due now are asked (kNotFound "nothing is due for review" when there are none; a review
  // without a store is kFailedPrecondition). Otherwise `store` may be null: then nothing is
  // recorded. `store` must outlive the run. kNotFound when no question matches the topic and
  // level, kInvalidArgument for a count below 1 or an exam without minutes.
  static engine::Result<PracticeRun> Start(std::vector<Quiz> bank, const RunSettings& settings,
                                           ProgressStore* store, RunClock clock = RunClock::System());

  PracticeRun(PracticeRun&&) noexcept = default;
  PracticeRun& operator=(PracticeRun&&) noexcept = default;

  RunKind kind() const { return settings_.kind; }
  const RunSettings& settings() const { return settings_; }
  std::size_t count() const { return session_.questions().size(); }
  // The question on screen: the one to answer, or the one whose feedback is shown.
  std::size_t position() const;
  const SessionQuestion& current() const { return session_.questions()[position()]; }
  bool finished() const { return finished_; }
  // Practice and review show feedback after each answer; an exam does not.
  bool shows_feedback() const { return settings_.kind != RunKind::kExam; }
  // After Submit in practice and review: the feedback is on screen until Next().
  bool showing_feedback() const { return showing_feedback_; }

  // Exams: the seconds left, never below 0; nullopt for other runs.
  std::optional<double> SecondsLeft() const;
  // Exams: ends the run when the deadline has passed (true if it has). The window calls it every
  // frame and the terminal before each question; Submit checks it too.
  bool CheckTime();

  // The current question's hint, and from then on it counts as help taken (once, however often
  // it is asked for; not at all when it is "" because the question has none).
  // kFailedPrecondition in an exam ("no hints in an exam") or when the run is over.
  engine::Result<std::string> Hint();
  // Whether the current question's hint has been shown.
  bool hint_shown() const { return hint_shown_; }

  // ParseAnswerLetters for the current question.
  engine::Result<std::vector<int>> ParseAnswer(std::string_view text) const;
  // Answers the current question with shown indexes. In practice and review the feedback stays
  // on screen until Next(); in an exam the run moves on at once. Each graded answer is recorded
  // in the progress store. After an exam's deadline the answer is not accepted (accepted is
  // false, the question is marked late) and the run is over. kInvalidArgument for a bad answer
  // or confidence (nothing changes); kFailedPrecondition once the run is finished, or while the
  // feedback of this question is shown.
  engine::Result<SubmitOutcome> Submit(const std::vector<int>& chosen, int confidence = 0);
  // While the feedback is on screen: the grade it shows and when the question comes back;
  // null / nullopt otherwise.
  const AnswerFeedback* shown_feedback() const;
  std::optional<ReviewSchedule> shown_next_review() const;
  // Leaves the feedback and shows the next question (or ends the run after the last).
  engine::Status Next();
  // Leaves the current question unanswered and moves on.
  engine::Status Skip();
  // Ends the run now (the learner quits, or the input ended): what was not answered stays
  // unanswered. Closes the progress session with the answers recorded in it; a run left without
  // Finish leaves its session open (ended_at NULL). Calling it again does nothing.
  void Finish();

  // The result so far; final once finished(). Its questions point into this run: keep the run
  // while the result is shown.
  RunResult Result() const;
  // Why progress is not being saved (the store failed on a write, after which the run records
  // nothing more); "" when all is well.
  const std::string& store_problem() const { return recorder_.problem(); }

 private:
  PracticeRun(std::unique_ptr<std::vector<Quiz>> bank, QuizSession session,
              const RunSettings& settings, ProgressStore* store, RunClock clock);
  void Asked();          // a question appears: its clock and hints start
  void AfterAnswered();  // moves on, or finishes after the last question
  void RecordAttempt(std::size_t index, const std::vector<int>& chosen);
  double Elapsed() const { return clock_.seconds() - started_at_; }

  std::unique_ptr<std::vector<Quiz>> bank_;  // the questions point into it
  QuizSession session_;
  RunSettings settings_;
  RunClock clock_;
  AnswerRecorder recorder_;
  double started_at_ = 0;
  double asked_at_ = 0;
  double finished_at_ = 0;
  bool hint_shown_ = false;
  bool showing_feedback_ = false;
  bool finished_ = false;
  bool time_up_ = false;
  std::vector<QuestionOutcome> outcomes_;  // one per question
};

}  // namespace stagecraft::core
