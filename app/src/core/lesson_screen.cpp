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
  screen.continued_.resize(kLessonModeCount);
  if (Status s = screen.Select(mode.value_or(lesson.modes.front().kind)); !s.ok()) return s;
  return screen;
}

std::vector<LessonModeKind> LessonScreen::modes() const {
  std::vector<LessonModeKind> kinds;
  for (const LessonMode& mode : lesson_->modes) kinds.push_back(mode.kind);
  return kinds;
}

namespace {

// Where an earlier session stopped reading `reading`'s mode, if it should continue there: part
// way through the mode as it is now (not at its start or end, not in a mode since edited).
std::optional<std::size_t> SavedPosition(const LessonReading& reading, const ProgressStore* store) {
  if (store == nullptr) return std::nullopt;
  auto saved = store->ReadingOf(reading.lesson().id, LessonModeId(reading.mode().kind));
  if (!saved.ok() || !saved->has_value()) return std::nullopt;  // a read failure: start afresh
  const ReadingProgress& progress = **saved;
  const auto blocks = static_cast<int>(reading.blocks().size());
  if (progress.blocks != blocks || progress.position <= 0 || progress.position >= blocks) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(progress.position);
}

}  // namespace

Status LessonScreen::Select(LessonModeKind mode) {
  const auto kind = static_cast<std::size_t>(mode);
  auto& slot = readings_[kind];
  std::optional<std::size_t> continue_at;
  if (!slot) {
    auto reading = LessonReading::Open(*lesson_, mode, store_, clock_);
    if (!reading.ok()) return reading.status();
    slot = std::make_unique<LessonReading>(std::move(*reading));
    continue_at = SavedPosition(*slot, store_);
    if (continue_at && slot->Restore(*continue_at).ok()) {
      continued_[kind] = continue_at;
    } else {
      continue_at.reset();
    }
  }
  if (mode != active_) focus_.reset();
  active_ = mode;
  if (continue_at) focus_ = continue_at;  // scroll to where the learner stopped
  return Status::Ok();
}

std::optional<std::size_t> LessonScreen::continued() const {
  return continued_[static_cast<std::size_t>(active_)];
}

void LessonScreen::DismissContinued() { continued_[static_cast<std::size_t>(active_)].reset(); }

void LessonScreen::StartOver() {
  const auto kind = static_cast<std::size_t>(active_);
  auto fresh = LessonReading::Open(*lesson_, active_, store_, clock_);
  if (!fresh.ok()) return;  // the mode is the lesson's own: it opened before
  readings_[kind]->Finish();
  readings_[kind] = std::make_unique<LessonReading>(std::move(*fresh));
  continued_[kind].reset();
  focus_ = 0;
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
