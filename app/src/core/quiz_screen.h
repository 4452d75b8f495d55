#pragma once
// QuizScreen: a quiz in the window, from its setup form to its results. The form's choices
// (QuizSetup) become the practice run's settings; the run does the asking, timing, grading and
// recording, exactly as for the terminal quiz; the screen adds only what a window needs between
// key presses: the banks and topics to choose from, what is wrong with the form, the options
// picked but not yet submitted, the confidence step, the hint on screen, and the results page's
// history on the bank.
//
// Keys (Press): A-F or 1-6 pick an option (a select-all question toggles it, a single-answer one
// replaces the pick); Enter submits (in confidence mode it first asks how sure, 1-3), and after
// feedback goes on; H shows the hint; S skips; Backspace changes the answer at the confidence
// step. On the setup form Enter starts; on the results R takes the same quiz again (a new order
// unless the seed was fixed) and N goes back to the form.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/content_library.h"
#include "core/practice_run.h"
#include "core/progress.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// What the learner chose on the setup form (or a deep link gave).
struct QuizSetup {
  std::string selector;           // a quiz id or a lesson id; "" for every quiz
  std::string topic;              // "" for every topic
  std::string level = "mixed";    // easy, medium, hard or mixed
  int count = 10;
  std::optional<std::uint64_t> seed;  // none: a new order each time
  int exam_minutes = 0;           // > 0: a timed exam
  bool confidence = false;        // certainty-based marking
  bool partial_credit = false;    // select-all answers earn part marks
  // The questions due for review, of the selector's bank (of every quiz and lesson when the
  // selector is ""); topic, level and exam minutes are not used.
  bool review = false;
};

// The longest exam the form allows, as `stagecraft quiz --exam` does.
inline constexpr int kMaxExamMinutes = 600;

// The practice run's settings for `setup`; kInvalidArgument naming the field when a value is out
// of range (an unknown level, a count below 1, exam minutes below 0 or above kMaxExamMinutes).
engine::Result<RunSettings> RunSettingsFor(const QuizSetup& setup);

// A bank the setup form offers: every quiz together, each quiz, each lesson with questions.
struct BankChoice {
  std::string id;  // the selector: "" for every quiz
  std::string title;
  bool lesson = false;
  int questions = 0;
};

// A topic of the chosen bank and how many of its questions are on it (at every level).
struct TopicChoice {
  std::string topic;
  int questions = 0;
};

// Where the quiz screen is.
enum class QuizPhase {
  kSetup,       // the form
  kAnswering,   // a question waits for its answer
  kConfidence,  // confidence mode: the answer is picked; how sure is the learner (1-3)?
  kFeedback,    // practice and review: the answer's feedback, until Next
  kResults,     // the run is over
};
// "setup", "answering", "confidence", "feedback", "results".
const char* QuizPhaseName(QuizPhase phase);

class QuizScreen {
 public:
  // The setup form for `setup.selector`, not yet started. `library` and `store` (which may be
  // null) must outlive the screen.
  QuizScreen(const ContentLibrary& library, ProgressStore* store, RunClock clock, QuizSetup setup);

  QuizSetup& setup() { return setup_; }
  const QuizSetup& setup() const { return setup_; }

  // ---- The setup form ------------------------------------------------------------------------

  // Every quiz together, then each quiz, then each lesson that has questions standing alone.
  const std::vector<BankChoice>& banks() const { return banks_; }
  // The choice for setup().selector; null when it names no bank.
  const BankChoice* chosen_bank() const;
  // Chooses a bank; the topic is kept only when the new bank has it.
  void ChooseBank(const std::string& selector);
  // The topics of the chosen bank, by name, with their questions.
  std::vector<TopicChoice> Topics() const;
  // How many questions of the chosen bank match the topic and level (the quiz asks at most
  // setup().count of them); 0 when the bank or level is unknown.
  int MatchingQuestions() const;
  // A practice quiz or a timed exam; switching back to an exam restores its minutes.
  void ChooseExam(bool exam);
  bool exam() const { return setup_.exam_minutes > 0; }
  // The exam's time, kept from 1 to kMaxExamMinutes (the form's "-" at 1 stays an exam; it does
  // not turn the quiz into practice). Nothing on a practice quiz.
  void SetExamMinutes(int minutes);
  // What is wrong with the form, as Start would say it; Ok when it can start.
  engine::Status CheckSetup() const;
  // The questions due for review now (of every quiz and lesson), as of the last run's end.
  int due() const { return due_; }

  // ---- The run -------------------------------------------------------------------------------

  // Starts a run with setup() (CheckSetup's errors: kNotFound for an unknown bank,
  // kInvalidArgument for a setting out of range, kFailedPrecondition when no question matches).
  // Finishes a run already going.
  engine::Status Start();
  // Starts a review of every question due now, with the form's confidence and scoring choices;
  // kNotFound "nothing is due for review" when none is. The form keeps its own choices.
  engine::Status StartReview();
  // The run; null on the setup form.
  PracticeRun* run() { return run_ ? &*run_ : nullptr; }
  const PracticeRun* run() const { return run_ ? &*run_ : nullptr; }
  // The setup the run was started with (the form's, or the review's).
  const QuizSetup& running() const { return running_; }
  // What the run is on: the bank's title, "Every quiz", or "Review".
  std::string Title() const;
  // Back to the form (the run, if going, is finished).
  void NewQuiz();

  QuizPhase phase() const;

  // The options picked for the current question and not yet submitted (shown indexes, sorted).
  const std::vector<int>& draft() const;
  bool picked(int shown) const;
  // Picks option `shown` for the current question: a select-all question toggles it, a
  // single-answer question replaces the pick. At the confidence step it changes the answer
  // (back to answering). kInvalidArgument naming the letter when there is no such option;
  // kFailedPrecondition when no question waits for an answer.
  engine::Status Pick(int shown);
  // Enter: submits the draft (in confidence mode, first asks how sure); after feedback, goes on.
  // kInvalidArgument "pick an answer first" with nothing picked; kFailedPrecondition "time is
  // up: ..." when an exam's deadline passed before the answer (the run took it as late and
  // ended); at the confidence step, kInvalidArgument asking for 1-3.
  engine::Status Confirm();
  // At the confidence step: submits the draft with `confidence` (1-3).
  engine::Status ChooseConfidence(int confidence);
  // At the confidence step: back to answering, the pick kept.
  void ChangeAnswer();
  // Shows the current question's hint (the run's rule: not in an exam; counts as help taken).
  engine::Status ShowHint();
  // The hint on screen: its text, "" when the question has none; nullopt when not asked for.
  const std::optional<std::string>& hint() const;
  // Leaves the current question unanswered.
  engine::Status Skip();
  // After feedback: the next question, or the results after the last.
  engine::Status Next();
  // A key: 'A'-'F', '1'-'6', '\n' (Enter), 'H', 'S', '\b' (Backspace), 'R', 'N', as in the
  // header comment. Other keys, and keys with no meaning where the screen is, do nothing (Ok).
  engine::Status Press(char key);
  // The message of the last Press that failed; "" once a later Press succeeds (the window then
  // takes that message off the screen).
  const std::string& last_error() const { return last_error_; }
  // Exams: ends the run when the deadline has passed. True once, the frame it ends it.
  bool CheckTime();
  // Ends the run (its unanswered questions count as unanswered) and its progress session.
  void Finish();

  // ---- The results ---------------------------------------------------------------------------

  // The run's result once it is over (null before): score, breakdown, review, time used.
  const RunResult* result();
  // The learner's last sessions on the run's bank (this one included once it recorded an answer),
  // oldest first; empty without a store.
  const std::vector<PastScore>& past_scores();
  // Whether the last of past_scores() is this run (it recorded at least one answer).
  bool past_includes_run();
  // Why the history could not be read; "" when all is well.
  const std::string& history_problem() const { return history_problem_; }

 private:
  engine::Status StartWith(const QuizSetup& setup);
  engine::Status Submit(int confidence);
  engine::Status PressKey(char key);
  // Forgets the draft, confidence step and hint when the run has moved past their question.
  void Sync();
  void AfterRun();  // once the run is over: the result, the history, what is due
  void CountDue();

  const ContentLibrary* library_;
  ProgressStore* store_;
  RunClock clock_;
  QuizSetup setup_;
  QuizSetup running_;
  std::vector<BankChoice> banks_;
  std::vector<std::string> bank_ids_;  // the run's quiz (and lesson) ids
  int last_exam_minutes_ = 10;
  int due_ = 0;
  std::optional<PracticeRun> run_;
  // Where the learner is on the current question; `at` is the run's position they belong to.
  std::size_t at_ = 0;
  std::vector<int> draft_;
  bool asking_confidence_ = false;
  std::optional<std::string> hint_;
  bool time_noticed_ = false;
  std::optional<RunResult> result_;
  std::vector<PastScore> past_;
  std::string history_problem_;
  std::string last_error_;
};

}  // namespace stagecraft::core
