#include "core/lesson_screen.h"

namespace stagecraft::core {

using engine::Result;
using engine::Status;

Result<LessonScreen> LessonScreen::Open(const Lesson& lesson, std::optional<LessonModeKind> mode,
                                        ProgressStore* store, RunClock clock) {
  if (lesson.modes.empty()) {
    return Status::FailedPrecondition("lesson '" + lesson.id + "' has no learning mode to show");
  }
  LessonScreen screen;
  screen.lesson_ = &lesson;
  screen.store_ = store;
  screen.clock_ = std::move(clock);
  screen.readings_.resize(kLessonModeCount);
  if (Status s = screen.Select(mode.value_or(lesson.modes.front().kind)); !s.ok()) return s;
  return screen;
}

std::vector<LessonModeKind> LessonScreen::modes() const {
  std::vector<LessonModeKind> kinds;
  for (const LessonMode& mode : lesson_->modes) kinds.push_back(mode.kind);
  return kinds;
}

Status LessonScreen::Select(LessonModeKind mode) {
  auto& slot = readings_[static_cast<int>(mode)];
  if (!slot) {
    auto reading = LessonReading::Open(*lesson_, mode, store_, clock_);
    if (!reading.ok()) return reading.status();
    slot = std::make_unique<LessonReading>(std::move(*reading));
  }
  active_ = mode;
  return Status::Ok();
}

LessonReading& LessonScreen::reading() { return *readings_[static_cast<int>(active_)]; }
const LessonReading& LessonScreen::reading() const {
  return *readings_[static_cast<int>(active_)];
}

void LessonScreen::Finish() {
  for (auto& reading : readings_) {
    if (reading) reading->Finish();
  }
}

}  // namespace stagecraft::core
