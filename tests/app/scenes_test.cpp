#include "core/scenes.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace stagecraft::core {
namespace {

ContentFolders Bundled() {
  return ContentFolders{STAGECRAFT_QUIZZES_DIR, STAGECRAFT_LESSONS_DIR, "", "",
                              STAGECRAFT_CHALLENGES_DIR};
}

TEST_CASE("scenes: every scene sets up on the bundled content and shows its screen") {
  std::set<std::string> names;
  for (const Scene& scene : Scenes()) {
    CAPTURE(scene.name);
    CHECK(names.insert(scene.name).second);
    CHECK(FindScene(scene.name) == &scene);
    SceneClock clock;
    Tutor tutor = Tutor::Open(SceneTutorOptions(Bundled(), clock));
    engine::Status set_up = scene.set_up(tutor, clock);
    CHECK_MESSAGE(set_up.ok(), set_up.message());
    CHECK(tutor.notice().empty());
    // A scene is named after the screen it shows.
    const std::string name = scene.name;
    CHECK(name.rfind(ScreenName(tutor.screen()), 0) == 0);
  }
  CHECK(FindScene("no-such-scene") == nullptr);
}

TEST_CASE("scenes: home shows a lesson's Why read, its deep dive part read, and continues there") {
  SceneClock clock;
  Tutor tutor = Tutor::Open(SceneTutorOptions(Bundled(), clock));
  const Scene* scene = FindScene("home");
  REQUIRE(scene != nullptr);
  REQUIRE(scene->set_up(tutor, clock).ok());
  const HomeSummary& home = tutor.Home();
  const LessonCard& card = home.lessons.at(0);
  REQUIRE(card.lesson->id == "promoting-between-stages");
  REQUIRE(card.modes.size() >= 3);
  CHECK(card.modes[0].kind == LessonModeKind::kWhy);
  CHECK(card.modes[0].done);
  const ModeProgress& deep = card.modes[2];
  CHECK(deep.kind == LessonModeKind::kDeepDive);
  CHECK(deep.started());
  CHECK_FALSE(deep.done);
  REQUIRE(home.resume.has_value());
  CHECK(home.resume->id == "promoting-between-stages");
  CHECK(home.resume->mode == LessonModeKind::kDeepDive);
}

TEST_CASE("scenes: lesson-continued reopens the deep dive where the home scene's reading stopped") {
  SceneClock clock;
  Tutor tutor = Tutor::Open(SceneTutorOptions(Bundled(), clock));
  const Scene* scene = FindScene("lesson-continued");
  REQUIRE(scene != nullptr);
  REQUIRE(scene->set_up(tutor, clock).ok());
  REQUIRE(tutor.lesson() != nullptr);
  CHECK(tutor.lesson()->active() == LessonModeKind::kDeepDive);
  REQUIRE(tutor.lesson()->continued().has_value());
  CHECK(*tutor.lesson()->continued() == tutor.lesson()->reading().read());
  CHECK(tutor.lesson()->focus() == tutor.lesson()->continued());
}

TEST_CASE("scenes: the same scene twice is the same state") {
  for (const Scene& scene : Scenes()) {
    CAPTURE(scene.name);
    SceneClock first_clock, second_clock;
    Tutor first = Tutor::Open(SceneTutorOptions(Bundled(), first_clock));
    Tutor second = Tutor::Open(SceneTutorOptions(Bundled(), second_clock));
    REQUIRE(scene.set_up(first, first_clock).ok());
    REQUIRE(scene.set_up(second, second_clock).ok());
    CHECK(first.StateJson() == second.StateJson());
    CHECK(first_clock.Clock().seconds() == second_clock.Clock().seconds());
  }
}

}  // namespace
}  // namespace stagecraft::core
