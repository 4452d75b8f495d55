#include "core/answer_recorder.h"

#include <algorithm>
#include <utility>

namespace stagecraft::core {

AnswerRecorder::AnswerRecorder(ProgressStore* store, std::string mode,
                               std::function<UnixTime()> now)
    : store_(store), mode_(std::move(mode)), now_(std::move(now)) {}

void AnswerRecorder::Fail(const std::string& message) {
  problem_ = message;
  store_ = nullptr;
}

void AnswerRecorder::Begin() {
  if (store_ == nullptr || session_ != 0) return;
  auto begun = store_->BeginSession(mode_, now_());
  if (begun.ok()) {
    session_ = *begun;
  } else {
    Fail(begun.status().message());
  }
}

std::optional<ReviewSchedule> AnswerRecorder::Record(Attempt attempt) {
  Begin();
  if (store_ == nullptr) return std::nullopt;
  attempt.when = now_();
  if (engine::Status recorded = store_->Record(session_, attempt); !recorded.ok()) {
    Fail(recorded.message());
    return std::nullopt;
  }
  ++recorded_;
  correct_ += attempt.correct ? 1 : 0;
  if (!attempt.schedule) return std::nullopt;
  auto schedule = store_->ScheduleOf(attempt.quiz_id, attempt.question_id);
  if (!schedule.ok()) {
    Fail(schedule.status().message());
    return std::nullopt;
  }
  return *schedule;
}

void AnswerRecorder::SaveReading(ReadingProgress progress) {
  if (store_ == nullptr) return;
  progress.when = now_();
  if (engine::Status saved = store_->SaveReading(progress); !saved.ok()) Fail(saved.message());
}

void AnswerRecorder::Finish(std::optional<int> asked) {
  if (store_ == nullptr || session_ == 0) return;
  const int total = std::max(recorded_, asked.value_or(recorded_));
  if (engine::Status ended = store_->EndSession(session_, correct_, total, now_());
      !ended.ok()) {
    Fail(ended.message());
  }
  session_ = 0;
  recorded_ = correct_ = 0;
}

Attempt AttemptAt(const std::string& quiz_id, const Question& question, std::vector<int> chosen,
                  bool correct) {
  Attempt attempt;
  attempt.quiz_id = quiz_id;
  attempt.question_id = question.id;
  attempt.content_hash = ContentHash(question);
  attempt.topic = question.topic;
  attempt.level = LevelName(question.level);
  std::sort(chosen.begin(), chosen.end());
  for (int i : chosen) attempt.answer += (attempt.answer.empty() ? "" : ",") + OptionLetter(i);
  attempt.correct = correct;
  return attempt;
}

}  // namespace stagecraft::core
