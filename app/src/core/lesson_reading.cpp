#include "core/lesson_reading.h"

#include <algorithm>

namespace stagecraft::core {
namespace {

using engine::Status;

bool HasReveal(const LessonBlock& block) {
  return block.kind == LessonBlock::Kind::kCallout && !block.reveal.empty();
}

bool IsPredict(const LessonBlock& block) {
  return HasReveal(block) && block.callout == CalloutKind::kPredict;
}

bool Blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

bool HasChoices(const LessonBlock& block) { return IsPredict(block) && !block.choices.empty(); }

// A prediction with choices as the question the progress store keeps an answer to: its id, the
// lesson's topic, its first part as the prompt (so that editing it starts its record afresh, as
// for a quiz question), the choices as options and the ticked one as the key.
Question PredictionQuestion(const Lesson& lesson, const LessonBlock& block) {
  Question question;
  question.id = block.prediction_id;
  question.level = Level::kMedium;
  question.topic = lesson.topic;
  for (const LessonBlock& part : block.children) {
    const std::string text = part.kind == LessonBlock::Kind::kCode ? part.code : PlainText(part.text);
    question.prompt += (question.prompt.empty() ? "" : "\n") + text;
  }
  for (const InlineText& choice : block.choices) question.options.push_back({PlainText(choice), ""});
  question.answers = {block.choice_answer};
  return question;
}

}  // namespace

bool ReadingBlock::waiting() const {
  if (HasReveal(*block)) {
    // A written prediction also waits for the learner's verdict on it.
    return !revealed || (IsPredict(*block) && !prediction.empty() && !prediction_right);
  }
  // A question passed in an earlier session no longer holds the reading up.
  if (block->kind == LessonBlock::Kind::kQuiz && block->question) return !answer && !restored;
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

std::size_t LessonReading::shown() const {
  return std::min(frontier() + 1, blocks_.size());
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

void LessonReading::Seen(std::size_t index) {
  seen_ = std::max(seen_, std::min(index + 1, shown()));
  Advance();
}

void LessonReading::Advance() {
  const std::size_t read = std::min(seen_, frontier());
  if (read <= read_) return;
  read_ = read;
  ReadingProgress progress;
  progress.lesson_id = lesson_->id;
  progress.mode = LessonModeId(mode_->kind);
  progress.position = static_cast<int>(read_);
  progress.blocks = static_cast<int>(blocks_.size());
  recorder_.SaveReading(std::move(progress));
}

engine::Status LessonReading::Restore(std::size_t position) {
  if (position > blocks_.size()) {
    return Status::InvalidArgument("block " + std::to_string(position) + " is not in this mode (it has " +
                                   std::to_string(blocks_.size()) + ")");
  }
  const bool begun = read_ > 0 || std::any_of(blocks_.begin(), blocks_.end(), [](const ReadingBlock& b) {
                       return b.revealed || b.answer || b.prediction_right;
                     });
  if (begun) return Status::FailedPrecondition("this reading has begun: it cannot be restored");
  for (std::size_t i = 0; i < position; ++i) {
    ReadingBlock& block = blocks_[i];
    block.restored = true;
    if (HasReveal(*block.block)) block.revealed = true;  // shown, without a verdict
    block.prediction.clear();
    block.picked.clear();
  }
  seen_ = read_ = position;
  return Status::Ok();
}

engine::Status LessonReading::Reveal(std::size_t index) {
  SC_RETURN_IF_ERROR(RevealBlock(index));
  Advance();
  return Status::Ok();
}

engine::Status LessonReading::RevealBlock(std::size_t index) {
  auto block = Block(index, LessonBlock::Kind::kCallout);
  if (!block.ok()) return block.status();
  if (!HasReveal(*(*block)->block)) {
    return Status::FailedPrecondition("the callout at line " + std::to_string((*block)->block->line) +
                                      " has nothing to reveal");
  }
  if ((*block)->revealed) return Status::FailedPrecondition("it is already revealed");
  (*block)->revealed = true;
  (*block)->prediction.clear();  // a draft not committed is not a prediction
  return Status::Ok();
}

engine::Result<bool> LessonReading::JudgeMyth(std::size_t index, bool believed) {
  auto block = Block(index, LessonBlock::Kind::kCallout);
  if (!block.ok()) return block.status();
  if ((*block)->block->callout != CalloutKind::kMyth) {
    return Status::FailedPrecondition("the callout at line " +
                                      std::to_string((*block)->block->line) + " is not a myth");
  }
  SC_RETURN_IF_ERROR(RevealBlock(index));
  (*block)->believed = believed;
  Advance();
  return !believed;
}

std::string* LessonReading::PredictionDraft(std::size_t index) {
  if (index >= blocks_.size()) return nullptr;
  ReadingBlock& block = blocks_[index];
  if (!IsPredict(*block.block) || HasChoices(*block.block) || block.revealed) return nullptr;
  return &block.prediction;
}

engine::Status LessonReading::Predict(std::size_t index, std::string prediction) {
  auto block = Block(index, LessonBlock::Kind::kCallout);
  if (!block.ok()) return block.status();
  if (!IsPredict(*(*block)->block)) {
    return Status::FailedPrecondition("the callout at line " +
                                      std::to_string((*block)->block->line) +
                                      " is not a prediction");
  }
  if (HasChoices(*(*block)->block)) {
    return Status::FailedPrecondition("the prediction at line " +
                                      std::to_string((*block)->block->line) +
                                      " has choices: pick one");
  }
  if ((*block)->revealed) return Status::FailedPrecondition("it is already revealed");
  if (Blank(prediction)) {
    return Status::InvalidArgument("write your prediction first: what do you expect, and why?");
  }
  SC_RETURN_IF_ERROR(RevealBlock(index));
  (*block)->prediction = std::move(prediction);  // it now waits for the learner's verdict
  return Status::Ok();
}

engine::Status LessonReading::JudgePrediction(std::size_t index, bool right) {
  auto block = Block(index, LessonBlock::Kind::kCallout);
  if (!block.ok()) return block.status();
  ReadingBlock& b = **block;
  if (!IsPredict(*b.block)) {
    return Status::FailedPrecondition("the callout at line " + std::to_string(b.block->line) +
                                      " is not a prediction");
  }
  if (!b.revealed) return Status::FailedPrecondition("the prediction is not revealed yet");
  if (b.prediction.empty()) {
    return Status::FailedPrecondition("there is no written prediction to judge");
  }
  if (b.prediction_right) return Status::FailedPrecondition("the prediction is judged already");
  b.prediction_right = right;
  Advance();
  return Status::Ok();
}

engine::Result<ReadingBlock*> LessonReading::ChoicePrediction(std::size_t index, int choice) {
  auto found = Block(index, LessonBlock::Kind::kCallout);
  if (!found.ok()) return found.status();
  ReadingBlock& block = **found;
  if (!HasChoices(*block.block)) {
    return Status::FailedPrecondition("the callout at line " + std::to_string(block.block->line) +
                                      " is not a prediction with choices");
  }
  if (block.revealed) return Status::FailedPrecondition("the prediction is already revealed");
  const std::size_t count = block.block->choices.size();
  if (choice < 0 || choice >= static_cast<int>(count)) {
    const std::string name = choice >= 0 && choice < 26 ? OptionLetter(choice) : std::to_string(choice);
    return Status::InvalidArgument(name + " is not a choice " + OptionRange(count));
  }
  return &block;
}

engine::Status LessonReading::PickChoice(std::size_t index, int choice) {
  auto block = ChoicePrediction(index, choice);
  if (!block.ok()) return block.status();
  (*block)->picked = {choice};
  return Status::Ok();
}

engine::Result<bool> LessonReading::PredictChoice(std::size_t index, int choice) {
  auto found = ChoicePrediction(index, choice);
  if (!found.ok()) return found.status();
  ReadingBlock& block = **found;
  SC_RETURN_IF_ERROR(RevealBlock(index));
  const bool right = choice == block.block->choice_answer;
  block.choice = choice;
  block.picked = {choice};
  block.prediction_right = right;
  Attempt attempt =
      AttemptAt(lesson_->id, PredictionQuestion(*lesson_, *block.block), {choice}, right);
  attempt.schedule = false;  // asked before the lesson teaches it: a review cannot ask it alone
  recorder_.Record(std::move(attempt));
  Advance();
  return right;
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
  Advance();
  return *block.answer;
}

engine::Status LessonReading::Pick(std::size_t index, int option) {
  auto found = Block(index, LessonBlock::Kind::kQuiz);
  if (!found.ok()) return found.status();
  ReadingBlock& block = **found;
  const Question& question = *block.block->question;
  if (block.answer) return Status::FailedPrecondition("question \"" + question.id + "\" is answered");
  if (option < 0 || option >= static_cast<int>(question.options.size())) {
    const std::string name = option >= 0 && option < 26 ? OptionLetter(option)
                                                         : std::to_string(option);
    return Status::InvalidArgument(name + " is not an option " +
                                   OptionRange(question.options.size()));
  }
  std::vector<int>& picked = block.picked;
  if (!question.multiple) {
    picked = {option};
  } else if (auto at = std::find(picked.begin(), picked.end(), option); at != picked.end()) {
    picked.erase(at);
  } else {
    picked.insert(std::upper_bound(picked.begin(), picked.end(), option), option);
  }
  return Status::Ok();
}

engine::Result<AnswerFeedback> LessonReading::SubmitPicked(std::size_t index) {
  auto found = Block(index, LessonBlock::Kind::kQuiz);
  if (!found.ok()) return found.status();
  if ((*found)->picked.empty() && !(*found)->answer) {
    return Status::InvalidArgument("pick an option first");
  }
  return Answer(index, (*found)->picked);
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

int LessonReading::predictions() const {
  return static_cast<int>(std::count_if(blocks_.begin(), blocks_.end(), [](const ReadingBlock& b) {
    return IsPredict(*b.block);
  }));
}

int LessonReading::predictions_judged() const {
  return static_cast<int>(std::count_if(blocks_.begin(), blocks_.end(), [](const ReadingBlock& b) {
    return b.prediction_right.has_value();
  }));
}

int LessonReading::predictions_right() const {
  return static_cast<int>(std::count_if(blocks_.begin(), blocks_.end(), [](const ReadingBlock& b) {
    return b.prediction_right == true;
  }));
}

void LessonReading::Finish() { recorder_.Finish(); }

}  // namespace stagecraft::core
