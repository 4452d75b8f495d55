#include "core/quiz_screen.h"

#include <chrono>
#include <exception>
#include <random>

#include "core/quiz_session.h"

namespace stagecraft::core {

using engine::Result;
using engine::Status;

namespace {

// A seed for a quiz nobody asked to repeat (std::random_device may throw where it has no source).
std::uint64_t RandomSeed() {
  try {
    return std::random_device{}();
  } catch (const std::exception&) {
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
}

}  // namespace

Result<RunSettings> RunSettingsFor(const QuizSetup& setup) {
  RunSettings settings;
  settings.kind = setup.exam_minutes > 0 ? RunKind::kExam : RunKind::kPractice;
  settings.exam_minutes = setup.exam_minutes;
  const auto level = ParseLevelChoice(setup.level);
  if (!level) {
    return Status::InvalidArgument("level '" + setup.level +
                                   "' is not one of easy, medium, hard, mixed");
  }
  if (setup.count < 1) {
    return Status::InvalidArgument("count " + std::to_string(setup.count) +
                                   ": a quiz needs at least 1 question");
  }
  if (setup.exam_minutes < 0) {
    return Status::InvalidArgument("exam minutes " + std::to_string(setup.exam_minutes) +
                                   ": must be 1 or more (0 for practice)");
  }
  settings.selection.topic = setup.topic;
  settings.selection.level = *level;
  settings.selection.count = setup.count;
  settings.selection.seed = setup.seed ? *setup.seed : RandomSeed();
  settings.selection.confidence = setup.confidence;
  settings.selection.scoring = setup.partial_credit ? Scoring::kPartialCredit : Scoring::kAllOrNothing;
  return settings;
}

QuizScreen::QuizScreen(const ContentLibrary& library, ProgressStore* store, RunClock clock,
                       QuizSetup setup)
    : library_(&library), store_(store), clock_(std::move(clock)), setup_(std::move(setup)) {}

Status QuizScreen::Start() {
  auto settings = RunSettingsFor(setup_);
  if (!settings.ok()) return settings.status();
  auto bank = library_->Bank(setup_.selector);
  if (!bank.ok()) return bank.status();
  auto run = PracticeRun::Start(std::move(*bank), *settings, store_, clock_);
  if (!run.ok()) return run.status();
  Finish();
  run_.emplace(std::move(*run));
  return Status::Ok();
}

void QuizScreen::Finish() {
  if (run_) run_->Finish();
}

}  // namespace stagecraft::core
