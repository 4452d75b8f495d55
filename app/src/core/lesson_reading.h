#pragma once
// LessonReading: one learning mode of a lesson as a learner reads it. It holds the mode's blocks
// in order with the state each interactive one is in — a prediction or a myth whose second part
// is hidden until the learner commits, a question waiting for an answer — grades the questions
// through the one grader (Grade, as quizzes do) and records each answer in the progress store
// like any quiz answer.
//
// The terminal prints the blocks up to the first one waiting for the learner, then feeds it what
// the learner typed; the desktop window draws every block and hides what is not yet revealed.

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
  // A question: its grade once answered, the hints asked for and when it comes back.
  std::optional<AnswerFeedback> answer;
  int hints_used = 0;  // 1 once its hint was shown
  std::optional<ReviewSchedule> next_review;

  // The learner has something to do here before the mode goes on.
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

  // Shows the second part of a Predict (or any callout with one). kFailedPrecondition when
  // block `index` has none or it is already shown; kInvalidArgument for an index out of range.
  engine::Status Reveal(std::size_t index);
  // Myth busters: the learner says whether the myth is true (`believed`), then the reality is
  // shown. Returns whether the learner was right: a myth is never true.
  engine::Result<bool> JudgeMyth(std::size_t index, bool believed);

  // A question's hint; from then on it counts as help taken (once, however often it is asked
  // for; not at all when it is "" because the question has none).
  engine::Result<std::string> Hint(std::size_t index);
  // Grades an answer to the question of block `index` (options in file order; letters as
  // ParseAnswerLetters reads them) and records it. kFailedPrecondition when it was answered.
  engine::Result<AnswerFeedback> Answer(std::size_t index, const std::vector<int>& chosen);

  // The mode's questions: how many, answered, right.
  int questions() const;
  int answered() const;
  int correct() const;

  // Closes the progress session (if one was begun) with the answers recorded in it. Reading on is
  // still possible: a later answer opens a new session.
  void Finish();
  // Why progress is not being saved; "" when all is well.
  const std::string& store_problem() const { return recorder_.problem(); }

 private:
  LessonReading() = default;
  engine::Result<ReadingBlock*> Block(std::size_t index, LessonBlock::Kind kind);

  const Lesson* lesson_ = nullptr;
  const LessonMode* mode_ = nullptr;
  std::vector<ReadingBlock> blocks_;
  AnswerRecorder recorder_;
};

}  // namespace stagecraft::core
