#pragma once
// Scenes: named states of the window, for screenshots (`stagecraft gui --screenshot FILE --scene
// NAME`), the README's pictures and tests. A scene is a script over the Tutor — open this lesson,
// reveal that prediction, answer this question wrongly — run on the bundled content with a
// progress store in memory and a clock that moves only when the scene says, so the same scene
// always draws the same picture.

#include <functional>
#include <string_view>
#include <vector>

#include "core/practice_run.h"
#include "core/tutor.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// A clock that stands still until told to move: a scene's (and a test's) time.
class SceneClock {
 public:
  SceneClock();
  void Advance(double seconds);
  // A RunClock reading this clock (it must outlive the RunClock's users).
  RunClock Clock();

 private:
  double seconds_ = 1000;
  UnixTime now_ = 1796306400;  // 2026-12-03 14:00 UTC
};

struct Scene {
  const char* name;   // "quiz-feedback"
  const char* shows;  // one line: what the picture shows
  // Brings `tutor` (fresh, from SceneTutorOptions) to the scene's state.
  std::function<engine::Status(Tutor& tutor, SceneClock& clock)> set_up;
};

// Every scene, in the order `--list-scenes` prints them.
const std::vector<Scene>& Scenes();
// The scene called `name`, or null.
const Scene* FindScene(std::string_view name);

// The options a scene's tutor is opened with: `content` (the bundled folders, in the window), a
// progress store in memory, no settings file, `clock`.
TutorOptions SceneTutorOptions(ContentFolders content, SceneClock& clock);

}  // namespace stagecraft::core
