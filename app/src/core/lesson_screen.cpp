#include "core/lesson_screen.h"

#include <algorithm>
#include <string>

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
  if (mode != active_) focus_.reset();
  active_ = mode;
  return Status::Ok();
}

bool LessonScreen::SelectAdjacent(int step) {
  const std::vector<LessonModeKind> kinds = modes();
  const auto at = std::find(kinds.begin(), kinds.end(), active_);
  const auto index = static_cast<long>(at - kinds.begin()) + step;
  if (step == 0 || index < 0 || index >= static_cast<long>(kinds.size())) return false;
  return Select(kinds[static_cast<std::size_t>(index)]).ok();
}

Status LessonScreen::Focus(std::size_t index) {
  const LessonReading& active = reading();
  if (index >= active.blocks().size()) {
    return Status::InvalidArgument("block " + std::to_string(index) + " is not in the " +
                                   LessonModeId(active_) + " tab (it has " +
                                   std::to_string(active.blocks().size()) + ")");
  }
  if (index >= active.shown()) {
    return Status::FailedPrecondition("block " + std::to_string(index) +
                                      " is not shown yet: the learner has block " +
                                      std::to_string(active.frontier()) + " to do first");
  }
  focus_ = index;
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
