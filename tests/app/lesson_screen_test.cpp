// LessonScreen: a lesson open in the window — its tabs (one per mode, in the lesson's order),
// switching between them with each tab's reading kept, stepping to the next or previous tab, and
// the block the view is asked to scroll to. The lesson scenes drawn for screenshots are checked
// here too, on the shipped lessons: they are scripts over the same models.

#include "core/lesson_screen.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/lesson_loader.h"
#include "core/scenes.h"
#include "problem_listing.h"

#ifndef STAGECRAFT_LESSONS_DIR
#error "STAGECRAFT_LESSONS_DIR must name the shipped lessons folder"
#endif

namespace stagecraft::core {
namespace {

using engine::ErrorCode;
using Kind = LessonBlock::Kind;

// Three modes, not in the order LessonModeKind lists them all: why, deep dive, complexity. The
// deep dive starts with a paragraph, then a prediction, then the console output that gives it away.
constexpr std::string_view kLesson = R"(---
id: tabs
title: Tabs
topic: Model stages
---

# Why

A version starts in None.

# Deep dive

Register two versions.

> **Predict:** Which stage is version 2 in?
>
> **Reveal:** None, like every new version.

```console
$ stagecraft models create fraud
Registered model 'fraud'.
```

# Complexity

It grows with models times stages.
)";

const Lesson& TheLesson() {
  static const Lesson lesson = [] {
    LessonLoad load = ParseLesson(kLesson, "tabs.md");
    INFO(testing::Listing(load.problems));
    REQUIRE(load.clean());
    return std::move(*load.lesson);
  }();
  return lesson;
}

LessonScreen OpenOn(std::optional<LessonModeKind> mode = {}) {
  auto screen = LessonScreen::Open(TheLesson(), mode, nullptr, RunClock::System());
  REQUIRE(screen.ok());
  return std::move(*screen);
}

TEST_CASE("A lesson screen has one tab per mode, in the lesson's order, the first one active") {
  const LessonScreen screen = OpenOn();
  CHECK(screen.modes() == std::vector<LessonModeKind>{LessonModeKind::kWhy,
                                                      LessonModeKind::kDeepDive,
                                                      LessonModeKind::kComplexity});
  CHECK(screen.active() == LessonModeKind::kWhy);
  CHECK(&screen.reading().mode() == TheLesson().Mode(LessonModeKind::kWhy));
  CHECK_FALSE(screen.focus().has_value());
}

TEST_CASE("A lesson screen opens on the mode asked for, and refuses a mode the lesson lacks") {
  const LessonScreen deep = OpenOn(LessonModeKind::kDeepDive);
  CHECK(deep.active() == LessonModeKind::kDeepDive);

  auto missing = LessonScreen::Open(TheLesson(), LessonModeKind::kCommands, nullptr,
                                    RunClock::System());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == ErrorCode::kNotFound);
}

TEST_CASE("Switching tabs keeps each tab's reading: a revealed prediction stays revealed") {
  LessonScreen screen = OpenOn(LessonModeKind::kDeepDive);
  const std::size_t predict = screen.reading().frontier();
  REQUIRE(screen.reading().blocks()[predict].block->kind == Kind::kCallout);
  REQUIRE(screen.reading().Predict(predict, "None").ok());

  REQUIRE(screen.Select(LessonModeKind::kWhy).ok());
  CHECK(screen.active() == LessonModeKind::kWhy);
  REQUIRE(screen.Select(LessonModeKind::kDeepDive).ok());
  CHECK(screen.reading().blocks()[predict].revealed);
  CHECK(screen.reading().blocks()[predict].prediction == "None");

  const auto missing = screen.Select(LessonModeKind::kStepByStep);
  CHECK(missing.code() == ErrorCode::kNotFound);
  CHECK(screen.active() == LessonModeKind::kDeepDive);
}

TEST_CASE("SelectAdjacent steps through the tabs and stops at either end") {
  LessonScreen screen = OpenOn();
  CHECK_FALSE(screen.SelectAdjacent(-1));
  CHECK(screen.active() == LessonModeKind::kWhy);
  CHECK(screen.SelectAdjacent(1));
  CHECK(screen.active() == LessonModeKind::kDeepDive);  // the lesson's next mode, not the enum's
  CHECK(screen.SelectAdjacent(1));
  CHECK(screen.active() == LessonModeKind::kComplexity);
  CHECK_FALSE(screen.SelectAdjacent(1));
  CHECK(screen.active() == LessonModeKind::kComplexity);
  CHECK(screen.SelectAdjacent(-2));
  CHECK(screen.active() == LessonModeKind::kWhy);
  CHECK_FALSE(screen.SelectAdjacent(0));
}

TEST_CASE("Focus asks the view to scroll to a shown block of the active tab") {
  LessonScreen screen = OpenOn(LessonModeKind::kDeepDive);
  const LessonReading& reading = screen.reading();
  const std::size_t predict = reading.frontier();
  REQUIRE(predict + 1 < reading.blocks().size());  // the console block follows it

  REQUIRE(screen.Focus(predict).ok());
  CHECK(screen.focus() == predict);
  screen.FocusReached();
  CHECK_FALSE(screen.focus().has_value());

  SUBCASE("a block past the frontier is not shown, so it cannot be focused") {
    const auto hidden = screen.Focus(predict + 1);
    CHECK(hidden.code() == ErrorCode::kFailedPrecondition);
    CHECK_FALSE(screen.focus().has_value());
    REQUIRE(screen.reading().Predict(predict, "None").ok());
    REQUIRE(screen.reading().JudgePrediction(predict, true).ok());
    CHECK(screen.Focus(predict + 1).ok());
  }
  SUBCASE("beyond the mode's blocks") {
    CHECK(screen.Focus(reading.blocks().size()).code() == ErrorCode::kInvalidArgument);
  }
  SUBCASE("showing another tab drops it; showing the same tab keeps it") {
    REQUIRE(screen.Focus(predict).ok());
    REQUIRE(screen.Select(LessonModeKind::kDeepDive).ok());
    CHECK(screen.focus() == predict);
    REQUIRE(screen.Select(LessonModeKind::kWhy).ok());
    CHECK_FALSE(screen.focus().has_value());
  }
}

// The scenes, on the shipped lessons.
struct SceneRun {
  SceneClock clock;
  std::optional<Tutor> tutor;
};

void RunScene(SceneRun& run, const char* name) {
  const Scene* scene = FindScene(name);
  REQUIRE_MESSAGE(scene != nullptr, name);
  ContentFolders folders;
  folders.lessons = STAGECRAFT_LESSONS_DIR;
  run.tutor.emplace(Tutor::Open(SceneTutorOptions(folders, run.clock)));
  const engine::Status set_up = scene->set_up(*run.tutor, run.clock);
  INFO(set_up.message());
  REQUIRE(set_up.ok());
  REQUIRE(run.tutor->screen() == Screen::kLesson);
  REQUIRE(run.tutor->lesson() != nullptr);
}

ProgressStore MemoryStore() {
  auto store = ProgressStore::Open(":memory:");
  REQUIRE(store.ok());
  return std::move(*store);
}

// Reads the deep dive in one screen up to (not into) the console block after its prediction,
// then closes the screen as the window does when the learner leaves.
std::size_t ReadDeepDiveToConsole(ProgressStore& store) {
  auto screen = LessonScreen::Open(TheLesson(), LessonModeKind::kDeepDive, &store,
                                   RunClock::System());
  REQUIRE(screen.ok());
  LessonReading& reading = screen->reading();
  const std::size_t predict = reading.frontier();
  reading.Seen(predict);
  REQUIRE(reading.Reveal(predict).ok());
  CHECK(reading.read() == predict + 1);
  screen->Finish();
  return predict + 1;
}

TEST_CASE("A tab opened in a new session continues where the learner stopped reading it") {
  ProgressStore store = MemoryStore();
  const std::size_t console = ReadDeepDiveToConsole(store);

  auto screen = LessonScreen::Open(TheLesson(), LessonModeKind::kDeepDive, &store,
                                   RunClock::System());
  REQUIRE(screen.ok());
  const LessonReading& reading = screen->reading();
  CHECK(reading.read() == console);
  CHECK(reading.blocks()[console - 1].revealed);  // the prediction, shown as read
  CHECK(reading.shown() == reading.blocks().size());
  CHECK(screen->continued() == console);
  CHECK(screen->focus() == console);  // the view scrolls to it

  SUBCASE("another tab, never read, starts at its beginning") {
    REQUIRE(screen->Select(LessonModeKind::kWhy).ok());
    CHECK_FALSE(screen->continued().has_value());
    CHECK_FALSE(screen->focus().has_value());
    REQUIRE(screen->Select(LessonModeKind::kDeepDive).ok());
    CHECK(screen->continued() == console);  // its note stays until dismissed
  }
  SUBCASE("the note can be dismissed; the reading stays where it is") {
    screen->DismissContinued();
    CHECK_FALSE(screen->continued().has_value());
    CHECK(screen->reading().read() == console);
  }
  SUBCASE("Start over reads the tab again from its first block, as new") {
    screen->StartOver();
    CHECK_FALSE(screen->continued().has_value());
    CHECK(screen->focus() == 0u);
    CHECK(screen->reading().read() == 0);
    CHECK_FALSE(screen->reading().blocks()[console - 1].revealed);
    CHECK(screen->reading().frontier() == console - 1);
  }
}

TEST_CASE("A tab read to its end, or of a lesson edited since, starts at its beginning") {
  ProgressStore store = MemoryStore();
  const LessonMode* deep = TheLesson().Mode(LessonModeKind::kDeepDive);
  REQUIRE(deep != nullptr);
  ReadingProgress saved;
  saved.lesson_id = "tabs";
  saved.mode = "deep-dive";
  saved.blocks = static_cast<int>(deep->blocks.size());
  saved.position = saved.blocks;
  SUBCASE("read to the end") {}
  SUBCASE("edited: the mode had another number of blocks") {
    saved.blocks += 3;
    saved.position = 2;
  }
  REQUIRE(store.SaveReading(saved).ok());
  auto screen = LessonScreen::Open(TheLesson(), LessonModeKind::kDeepDive, &store,
                                   RunClock::System());
  REQUIRE(screen.ok());
  CHECK(screen->reading().read() == 0);
  CHECK_FALSE(screen->continued().has_value());
  CHECK_FALSE(screen->focus().has_value());
}

TEST_CASE("The lesson-deep-dive scene shows a prediction's choice graded and revealed") {
  SceneRun run;
  RunScene(run, "lesson-deep-dive");
  LessonScreen& screen = *run.tutor->lesson();
  CHECK(screen.active() == LessonModeKind::kDeepDive);
  const LessonReading& reading = screen.reading();
  REQUIRE(screen.focus().has_value());
  const ReadingBlock& focused = reading.blocks()[*screen.focus()];
  CHECK(focused.block->callout == CalloutKind::kPredict);
  CHECK(focused.revealed);
  REQUIRE(focused.choice.has_value());
  CHECK(*focused.choice != focused.block->choice_answer);
  CHECK(focused.prediction_right == false);
  CHECK(reading.predictions_judged() == 2);
  CHECK(reading.predictions_right() == 1);
}

TEST_CASE("The lesson-quiz scene shows a lesson question answered wrongly, with its feedback") {
  SceneRun run;
  RunScene(run, "lesson-quiz");
  LessonScreen& screen = *run.tutor->lesson();
  const LessonReading& reading = screen.reading();
  REQUIRE(screen.focus().has_value());
  const ReadingBlock& focused = reading.blocks()[*screen.focus()];
  REQUIRE(focused.answer.has_value());
  CHECK_FALSE(focused.answer->correct);
  CHECK(focused.answer->involved.size() >= 2);  // the wrong choice and the missed key
  CHECK(reading.answered() == 1);
  // Recorded in the scene's progress store like any quiz answer.
  ProgressStore* store = run.tutor->store();
  REQUIRE(store != nullptr);
  auto stats = store->Stats(0);
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 1);
}

TEST_CASE("The lesson-myth-light scene shows a myth believed and busted, in the light theme") {
  SceneRun run;
  RunScene(run, "lesson-myth-light");
  CHECK(run.tutor->settings().theme == Theme::kLight);
  LessonScreen& screen = *run.tutor->lesson();
  REQUIRE(screen.focus().has_value());
  const ReadingBlock& focused = screen.reading().blocks()[*screen.focus()];
  CHECK(focused.block->callout == CalloutKind::kMyth);
  CHECK(focused.revealed);
  CHECK(focused.believed == true);
}

}  // namespace
}  // namespace stagecraft::core
