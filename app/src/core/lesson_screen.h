#pragma once
// LessonScreen: a lesson open in the window — one tab per learning mode it has, each mode read
// with its own LessonReading (opened when its tab is first shown, kept while the lesson is open,
// so a revealed prediction stays revealed when the learner comes back to its tab).
//
// A tab opened in a new session continues where the learner stopped reading it (the store's
// position for that mode): the reading is restored there at once and the view scrolls to it,
// with a note saying so and a way to start the tab over. It is automatic because the learner
// already asked to continue by opening the lesson, and restoring loses nothing (it only shows
// what they read before, records nothing) while Start over is one click. A mode read to its end
// starts afresh (reading it again is the point), and so does one whose lesson was edited since.

#include <memory>
#include <optional>
#include <vector>

#include "core/lesson.h"
#include "core/lesson_reading.h"
#include "core/practice_run.h"
#include "core/progress.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

class LessonScreen {
 public:
  // `lesson` and `store` (which may be null) must outlive the screen. kFailedPrecondition when
  // the lesson has no mode; `mode` is the tab to show first (the first mode when it has none).
  static engine::Result<LessonScreen> Open(const Lesson& lesson, std::optional<LessonModeKind> mode,
                                           ProgressStore* store, RunClock clock);

  const Lesson& lesson() const { return *lesson_; }
  // The modes the lesson has, in the lesson's order: one tab each.
  std::vector<LessonModeKind> modes() const;
  LessonModeKind active() const { return active_; }
  // Shows the tab of `mode`; kNotFound, naming the lesson and the mode, when it has none.
  engine::Status Select(LessonModeKind mode);
  // Shows the tab `step` places after the active one (-1: the one before), stopping at the first
  // and last tabs; false when there is none that way (the tab does not change).
  bool SelectAdjacent(int step);
  // The reading of the active tab.
  LessonReading& reading();
  const LessonReading& reading() const;

  // Asks the view to scroll block `index` of the active tab into sight (a deep link or a scene
  // pointing at a block). kInvalidArgument beyond the mode's blocks; kFailedPrecondition for a
  // block not shown yet (past the frontier). Showing another tab drops the request.
  engine::Status Focus(std::size_t index);
  // The block to scroll to, until the view says it is in sight (FocusReached).
  std::optional<std::size_t> focus() const { return focus_; }
  void FocusReached() { focus_.reset(); }

  // The block the active tab continued from (see above), until the learner dismisses the note
  // or starts over; nullopt when it started at its beginning.
  std::optional<std::size_t> continued() const;
  void DismissContinued();
  // Reads the active tab again from its first block, as new: its reading so far is finished (its
  // answers stay recorded) and a fresh one takes its place.
  void StartOver();

  // Ends every reading's progress session.
  void Finish();

 private:
  LessonScreen() = default;
  const Lesson* lesson_ = nullptr;
  ProgressStore* store_ = nullptr;
  RunClock clock_;
  LessonModeKind active_ = LessonModeKind::kWhy;
  std::optional<std::size_t> focus_;
  // One per mode kind (index = the kind), opened on first Select.
  std::vector<std::unique_ptr<LessonReading>> readings_;
  // The block each tab continued from, while its note shows (index = the kind).
  std::vector<std::optional<std::size_t>> continued_;
};

}  // namespace stagecraft::core
