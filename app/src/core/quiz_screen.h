#pragma once
// QuizScreen: a quiz in the window, from its setup form to its results. The form's choices
// (QuizSetup) become the practice run's settings; the run does the asking, timing, grading and
// recording, exactly as for the terminal quiz; the screen adds only what a window needs between
// key presses (the options picked but not yet submitted).

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
};

// The practice run's settings for `setup`; kInvalidArgument naming the field when a value is out
// of range (an unknown level, a count below 1, ...).
engine::Result<RunSettings> RunSettingsFor(const QuizSetup& setup);

class QuizScreen {
 public:
  // The setup form for `setup.selector`, not yet started. `library` and `store` (which may be
  // null) must outlive the screen.
  QuizScreen(const ContentLibrary& library, ProgressStore* store, RunClock clock, QuizSetup setup);

  QuizSetup& setup() { return setup_; }
  const QuizSetup& setup() const { return setup_; }

  // Starts a run with setup(); kNotFound for an unknown bank, kInvalidArgument for a setting out
  // of range, kFailedPrecondition when no question matches. Finishes a run already going.
  engine::Status Start();
  // The run; null on the setup form.
  PracticeRun* run() { return run_ ? &*run_ : nullptr; }
  const PracticeRun* run() const { return run_ ? &*run_ : nullptr; }

  // Ends the run (its unanswered questions count as unanswered) and its progress session.
  void Finish();

 private:
  const ContentLibrary* library_;
  ProgressStore* store_;
  RunClock clock_;
  QuizSetup setup_;
  std::optional<PracticeRun> run_;
};

}  // namespace stagecraft::core
