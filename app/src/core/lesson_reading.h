#pragma once
// LessonReading: one learning mode of a lesson as a learner reads it. It holds the mode's blocks
// in order with the state each interactive one is in — a prediction or a myth whose second part
// is hidden until the learner commits, a question waiting for an answer — grades the questions
// through the one grader (Grade, as quizzes do) and records each answer in the progress store
// like any quiz answer.
//
// Both the terminal and the desktop window read block by block: they show the blocks up to the
// first one waiting for the learner (shown()), because what follows a prediction often gives its
// answer away (the console output after a Predict prints what it asks about).
//
// A prediction is free text ("which stage is each version in?") or a choice (its lesson ends the
// Predict with a task list; LessonBlock::choices). Free text no grader can mark: in the window the
// learner commits by writing one down (Predict), then sees the reveal and says whether they were
// right (JudgePrediction), as with a flash card; that verdict is the learner's own and stays in
// the reading. A choice is graded (PredictChoice) and recorded like a quiz answer, but kept out of
// spaced review: it is asked before the lesson teaches its answer, in the context of the steps
// above it, so a review could not ask it alone.
//
// How far the learner read (read()) is the blocks they have both had in sight (Seen: the window
// says what it scrolled into view, the terminal what it printed) and got past (nothing before
// them waits). It is saved to the progress store each time it grows, so that home can say how
// far each mode was read and a later session can Restore the reading to it.

#include <optional>
#include <string>
#include <vector>

#include "core/answer_recorder.h"
#include "core/grading.h"
#include "core/lesson.h"
#include "core/practice_run.h"
#include "core/progress.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// One block of the mode and where the learner is with it.
struct ReadingBlock {
  const LessonBlock* block = nullptr;
  // A callout with a second part (Predict/Reveal, Myth/Reality): it is hidden until revealed.
  bool revealed = false;
  // Myth busters: what the learner said before the reality was shown (true: "it is true").
  std::optional<bool> believed;
  // Predict: what the learner is writing (before the reveal) or wrote (after it); "" when the
  // prediction was revealed without one (the terminal's Enter).
  std::string prediction;
  // Predict: the learner's verdict on their written prediction, once revealed; for a prediction
  // with choices, whether the committed choice is the answer.
  std::optional<bool> prediction_right;
  // A prediction with choices: the choice committed (file order), once it is.
  std::optional<int> choice;
  // A question: the options picked but not yet submitted (file order, ascending); a prediction
  // with choices: the one choice picked but not yet committed.
  std::vector<int> picked;
  // Passed in an earlier session (Restore): shown as read — a callout revealed with no verdict, a
  // question not waiting (it may still be answered).
  bool restored = false;
  // A question: its grade once answered, the hints asked for and when it comes back.
  std::optional<AnswerFeedback> answer;
  int hints_used = 0;  // 1 once its hint was shown
  std::optional<ReviewSchedule> next_review;

  // The learner has something to do here before the mode goes on: a callout not yet revealed, a
  // written prediction revealed but not yet judged, a question not yet answered.
  bool waiting() const;
};

class LessonReading {
 public:
  // Starts reading `mode` of `lesson` (which must outlive the reading). kNotFound when the
  // lesson has no such mode. `store` may be null: then nothing is recorded.
  static engine::Result<LessonReading> Open(const Lesson& lesson, LessonModeKind mode,
                                            ProgressStore* store,
                                            RunClock clock = RunClock::System());

  const Lesson& lesson() const { return *lesson_; }
  const LessonMode& mode() const { return *mode_; }
  const std::vector<ReadingBlock>& blocks() const { return blocks_; }

  // The first block waiting for the learner, or blocks().size() when none is: a reader that
  // goes block by block shows everything up to and including it.
  std::size_t frontier() const;
  // How many blocks a block-by-block reader shows: those up to and including the frontier (all
  // of them when nothing waits).
  std::size_t shown() const;

  // How many blocks the learner has read: all those before it were in sight and are past (none
  // waits). Only grows; saved to the store (when there is one) each time it does.
  std::size_t read() const { return read_; }
  // The learner has block `index` in sight (and so every block before it); blocks not shown yet
  // (past shown()) are not. Cheap when nothing changes: call it every frame.
  void Seen(std::size_t index);
  // Puts a reading not yet begun (nothing revealed or answered) where an earlier session stopped:
  // the blocks before `position` become passed (ReadingBlock::restored) and read. Records and
  // saves nothing — the store has this already. kInvalidArgument beyond the mode's blocks;
  // kFailedPrecondition once the learner has revealed or answered something here.
  engine::Status Restore(std::size_t position);

  // Shows the second part of a Predict (or any callout with one). kFailedPrecondition when
  // block `index` has none or it is already shown; kInvalidArgument for an index out of range.
  engine::Status Reveal(std::size_t index);
  // Myth busters: the learner says whether the myth is true (`believed`), then the reality is
  // shown. Returns whether the learner was right: a myth is never true.
  engine::Result<bool> JudgeMyth(std::size_t index, bool believed);

  // Predict, then reveal: the text the learner is typing as their prediction for block `index`,
  // for a text field to edit; null unless it is a free-text Predict not yet revealed.
  std::string* PredictionDraft(std::size_t index);
  // Commits `prediction` (not blank; kept as written) for the Predict at `index` and reveals it.
  // kInvalidArgument for a blank prediction; kFailedPrecondition for a block that is not a
  // Predict, one with choices (PredictChoice answers those) or one already revealed.
  engine::Status Predict(std::size_t index, std::string prediction);
  // The learner's verdict on their prediction at `index`, after its reveal. kFailedPrecondition
  // when it is not revealed, has no written prediction, or was judged already.
  engine::Status JudgePrediction(std::size_t index, bool right);

  // A prediction with choices: picks choice `choice` (file order) before committing to it, as
  // Pick does for a question. kInvalidArgument for a choice it lacks; kFailedPrecondition for a
  // block that is not a prediction with choices, or one already revealed.
  engine::Status PickChoice(std::size_t index, int choice);
  // Commits to choice `choice` of the prediction at `index`: grades it against the ticked one,
  // reveals the second part and records the answer in the progress store like a quiz answer (the
  // lesson's id as the quiz, LessonBlock::prediction_id as the question, the choice's letter as
  // the answer; not scheduled for review). Returns whether it was right. Errors as PickChoice.
  engine::Result<bool> PredictChoice(std::size_t index, int choice);

  // A question's hint; from then on it counts as help taken (once, however often it is asked
  // for; not at all when it is "" because the question has none).
  engine::Result<std::string> Hint(std::size_t index);
  // Grades an answer to the question of block `index` (options in file order; letters as
  // ParseAnswerLetters reads them) and records it. kFailedPrecondition when it was answered.
  engine::Result<AnswerFeedback> Answer(std::size_t index, const std::vector<int>& chosen);
  // Picks option `option` (file order) of the question at `index` before answering: for a
  // select-all question it toggles the option; otherwise it becomes the one pick.
  // kInvalidArgument for an option the question lacks; kFailedPrecondition once answered.
  engine::Status Pick(std::size_t index, int option);
  // Answers the question at `index` with its picks (as Answer). kInvalidArgument when nothing is
  // picked.
  engine::Result<AnswerFeedback> SubmitPicked(std::size_t index);

  // The mode's questions: how many, answered, right.
  int questions() const;
  int answered() const;
  int correct() const;
  // The mode's predictions (Predict callouts), those the learner judged or answered with a
  // choice, and those right.
  int predictions() const;
  int predictions_judged() const;
  int predictions_right() const;

  // Closes the progress session (if one was begun) with the answers recorded in it. Reading on is
  // still possible: a later answer opens a new session.
  void Finish();
  // Why progress is not being saved; "" when all is well.
  const std::string& store_problem() const { return recorder_.problem(); }

 private:
  LessonReading() = default;
  engine::Result<ReadingBlock*> Block(std::size_t index, LessonBlock::Kind kind);
  // The prediction with choices at `index`, not yet revealed, if `choice` is one of its choices.
  engine::Result<ReadingBlock*> ChoicePrediction(std::size_t index, int choice);
  // Reveal without saving how far the learner read (the callers say once they are done).
  engine::Status RevealBlock(std::size_t index);
  // Raises read() to what is now both in sight and past, saving it when it grows.
  void Advance();

  const Lesson* lesson_ = nullptr;
  const LessonMode* mode_ = nullptr;
  std::vector<ReadingBlock> blocks_;
  std::size_t seen_ = 0;  // blocks in sight so far (Seen)
  std::size_t read_ = 0;
  AnswerRecorder recorder_;
};

}  // namespace stagecraft::core
