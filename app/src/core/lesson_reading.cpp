#include "core/lesson_reading.h"

#include <algorithm>

namespace stagecraft::core {
namespace {

using engine::Status;

bool HasReveal(const LessonBlock& block) {
  return block.kind == LessonBlock::Kind::kCallout && !block.reveal.empty();
}

}  // namespace

bool ReadingBlock::waiting() const {
  if (HasReveal(*block)) return !revealed;
  if (block->kind == LessonBlock::Kind::kQuiz && block->question) return !answer.has_value();
  return false;
}

engine::Result<LessonReading> LessonReading::Open(const Lesson& lesson, LessonModeKind mode,
                                                  ProgressStore* store, RunClock clock) {
  const LessonMode* found = lesson.Mode(mode);
  if (found == nullptr) {
    return Status::NotFound("lesson \"" + lesson.id + "\" has no " + LessonModeId(mode) +
                            " mode");
  }
  LessonReading reading;
  reading.lesson_ = &lesson;
  reading.mode_ = found;
  reading.recorder_ = AnswerRecorder(store, "lesson", std::move(clock.now));
  for (const auto& block : found->blocks) {
    ReadingBlock reading_block;
    reading_block.block = &block;
    reading.blocks_.push_back(std::move(reading_block));
  }
  return reading;
}

std::size_t LessonReading::frontier() const {
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    if (blocks_[i].waiting()) return i;
  }
  return blocks_.size();
}

engine::Result<ReadingBlock*> LessonReading::Block(std::size_t index, LessonBlock::Kind kind) {
  if (index >= blocks_.size()) {
    return Status::InvalidArgument("block " + std::to_string(index) + " is not in this mode (it has " +
                                   std::to_string(blocks_.size()) + ")");
  }
  ReadingBlock& block = blocks_[index];
  if (block.block->kind != kind ||
      (kind == LessonBlock::Kind::kQuiz && !block.block->question)) {
    return Status::FailedPrecondition(
        std::string("block ") + std::to_string(index) + " (line " +
        std::to_string(block.block->line) + ") is not " +
        (kind == LessonBlock::Kind::kQuiz ? "a question" : "a callout"));
  }
  return &block;
}

engine::Status LessonReading::Reveal(std::size_t index) {
  auto block = Block(index, LessonBlock::Kind::kCallout);
  if (!block.ok()) return block.status();
  if (!HasReveal(*(*block)->block)) {
    return Status::FailedPrecondition("the callout at line " + std::to_string((*block)->block->line) +
                                      " has nothing to reveal");
  }
  if ((*block)->revealed) return Status::FailedPrecondition("it is already revealed");
  (*block)->revealed = true;
  return Status::Ok();
}

engine::Result<bool> LessonReading::JudgeMyth(std::size_t index, bool believed) {
  auto block = Block(index, LessonBlock::Kind::kCallout);
  if (!block.ok()) return block.status();
  if ((*block)->block->callout != CalloutKind::kMyth) {
    return Status::FailedPrecondition("the callout at line " +
                                      std::to_string((*block)->block->line) + " is not a myth");
  }
  SC_RETURN_IF_ERROR(Reveal(index));
  (*block)->believed = believed;
  return !believed;
}

engine::Result<std::string> LessonReading::Hint(std::size_t index) {
  auto block = Block(index, LessonBlock::Kind::kQuiz);
  if (!block.ok()) return block.status();
  const std::string& hint = (*block)->block->question->hint;
  // Help taken once, however often it is shown; no hint, no help taken.
  if (!(*block)->answer && !hint.empty()) (*block)->hints_used = 1;
  return hint;
}

engine::Result<AnswerFeedback> LessonReading::Answer(std::size_t index,
                                                     const std::vector<int>& chosen) {
  auto found = Block(index, LessonBlock::Kind::kQuiz);
  if (!found.ok()) return found.status();
  ReadingBlock& block = **found;
  const Question& question = *block.block->question;
  if (block.answer) return Status::FailedPrecondition("question \"" + question.id + "\" is answered");
  SC_RETURN_IF_ERROR(CheckChosen(question, chosen));
  block.answer = Grade(question, FileOrder(question), chosen, Scoring::kAllOrNothing);

  Attempt attempt = AttemptAt(lesson_->id, question, block.answer->chosen, block.answer->correct);
  attempt.hints_used = block.hints_used;
  // A question about a walkthrough's table needs the table: a review cannot ask it alone.
  attempt.schedule = !(question.verify && question.verify->after_step > 0);
  block.next_review = recorder_.Record(std::move(attempt));
  return *block.answer;
}

int LessonReading::questions() const {
  return static_cast<int>(std::count_if(blocks_.begin(), blocks_.end(), [](const ReadingBlock& b) {
    return b.block->kind == LessonBlock::Kind::kQuiz && b.block->question;
  }));
}

int LessonReading::answered() const {
  return static_cast<int>(std::count_if(blocks_.begin(), blocks_.end(),
                                        [](const ReadingBlock& b) { return b.answer.has_value(); }));
}

int LessonReading::correct() const {
  return static_cast<int>(std::count_if(blocks_.begin(), blocks_.end(), [](const ReadingBlock& b) {
    return b.answer && b.answer->correct;
  }));
}

void LessonReading::Finish() { recorder_.Finish(); }

}  // namespace stagecraft::core
