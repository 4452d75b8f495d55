// WalkthroughScreen: moving with predictions in the way, playing on a hand-moved clock, the
// cards' slide (and none with reduced motion), the board and tables following the position, the
// flow and key moments, and the walkthrough scenes the screenshots are made from.

#include "core/walkthrough_screen.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/lesson_loader.h"
#include "core/progress.h"
#include "core/scenes.h"
#include "core/tutor.h"
#include "lesson_test_files.h"

#ifndef STAGECRAFT_LESSONS_DIR
#error "STAGECRAFT_LESSONS_DIR must name the shipped lessons folder"
#endif
#ifndef STAGECRAFT_QUIZZES_DIR
#error "STAGECRAFT_QUIZZES_DIR must name the shipped quizzes folder"
#endif

using namespace stagecraft::core;
using stagecraft::engine::ErrorCode;

namespace {

// Steps 1-3 register churn v1 and v2; step 4 moves v1 to Staging; step 5 (marked) asks whether
// the registry refuses moving a version that does not exist; step 6 moves v2 to Production.
constexpr std::string_view kWalkthrough = R"(# Step by step

```walkthrough
# Register the model
models create churn
# Register version 1
models create-version -m churn --source s --metric accuracy=0.9
# Register version 2
models create-version -m churn --source s --metric accuracy=0.95
# Test version 1
models transition-stage -m churn -v 1 --stage Staging
# Move a version that is not there
# expect: refused
models transition-stage -m churn -v 9 --stage Staging
# Ship version 2
models transition-stage -m churn -v 2 --stage Production
```

> **Key moment:** Step 5 is refused and changes nothing.
)";

WalkthroughScreen OpenScreen(const Lesson& lesson, WalkthroughPlayerOptions options = {}) {
  auto screen = WalkthroughScreen::Open(lesson, std::move(options));
  REQUIRE_MESSAGE(screen.ok(), screen.status().message());
  return std::move(screen).value();
}

const PlacedCard& CardOf(const WalkthroughScreen& screen, std::int64_t version) {
  for (const PlacedCard& card : screen.cards()) {
    if (card.card.version.version == version) return card;
  }
  FAIL("no card for version " << version);
  return screen.cards().front();
}

std::size_t LaneOf(const WalkthroughScreen& screen, const std::string& stage) {
  for (std::size_t lane = 0; lane < screen.board().lanes.size(); ++lane) {
    if (screen.board().lanes[lane].stage == stage) return lane;
  }
  FAIL("no lane " << stage);
  return 0;
}

Lesson ShippedLesson(const std::string& id) {
  LessonLoad load = LoadLessonFile(std::string(STAGECRAFT_LESSONS_DIR) + "/" + id + ".md");
  REQUIRE(load.clean());
  return std::move(*load.lesson);
}

}  // namespace

TEST_CASE("A walkthrough screen opens at the start with the stages as empty lanes, nothing moving") {
  const Lesson lesson = lesson_test::Clean(kWalkthrough);
  WalkthroughScreen screen = OpenScreen(lesson);
  CHECK(screen.position() == 0);
  CHECK(screen.size() == 6);
  CHECK(screen.cards().empty());
  REQUIRE(screen.board().lanes.size() == 4);
  CHECK(screen.board().lanes[0].stage == "None");
  CHECK(screen.SlideProgress(0, false) == 1.0);
  CHECK_FALSE(screen.WakeIn(0, false));
  CHECK(screen.execution_rows().empty());
  REQUIRE(screen.tracker_rows().size() == 1);
  CHECK(screen.tracker_rows()[0].label == "start");
  CHECK(screen.problem().empty());
}

TEST_CASE("A step that moves a version slides its card from the old lane to the new one") {
  const Lesson lesson = lesson_test::Clean(kWalkthrough);
  WalkthroughScreen screen = OpenScreen(lesson);
  screen.JumpTo(3, 10.0);
  screen.Forward(20.0);
  REQUIRE(screen.position() == 4);
  const PlacedCard& moved = CardOf(screen, 1);
  CHECK(moved.lane == LaneOf(screen, "Staging"));
  CHECK(moved.from_lane == LaneOf(screen, "None"));
  CHECK(moved.from_slot == 0u);
  CHECK(moved.slot == 0u);
  CHECK(moved.changed);
  const PlacedCard& still = CardOf(screen, 2);
  CHECK(still.lane == LaneOf(screen, "None"));
  CHECK(still.from_lane == still.lane);
  CHECK(still.from_slot == 1u);  // under version 1 before; alone in None now
  CHECK(still.slot == 0u);
  CHECK_FALSE(still.changed);

  SUBCASE("eased over 200 ms, drawing every frame meanwhile") {
    CHECK(screen.SlideProgress(20.0, false) == 0.0);
    const double half = screen.SlideProgress(20.1, false);
    CHECK(half > 0.5);  // fast first, then slowing
    CHECK(half < 1.0);
    CHECK(screen.SlideProgress(20.2, false) == 1.0);
    CHECK(screen.SlideProgress(25.0, false) == 1.0);
    CHECK(screen.WakeIn(20.1, false) == 0.0);
    CHECK_FALSE(screen.WakeIn(20.25, false));  // idle: nothing asked for
  }
  SUBCASE("with reduced motion the card is at once where it goes") {
    CHECK(screen.SlideProgress(20.0, true) == 1.0);
    CHECK_FALSE(screen.WakeIn(20.0, true));
  }
  SUBCASE("back slides it home again") {
    screen.Back(30.0);
    CHECK(screen.position() == 3);
    CHECK(CardOf(screen, 1).lane == LaneOf(screen, "None"));
    CHECK(CardOf(screen, 1).from_lane == LaneOf(screen, "Staging"));
    CHECK(screen.SlideProgress(30.0, false) == 0.0);
  }
}

TEST_CASE("A version created at the step fades in: its card has no place before") {
  const Lesson lesson = lesson_test::Clean(kWalkthrough);
  WalkthroughScreen screen = OpenScreen(lesson);
  screen.JumpTo(2, 1.0);
  const PlacedCard& created = CardOf(screen, 1);
  CHECK_FALSE(created.from_lane);
  CHECK(created.changed);
  screen.Forward(2.0);
  CHECK(CardOf(screen, 1).from_lane == CardOf(screen, 1).lane);
  CHECK_FALSE(CardOf(screen, 1).changed);  // step 3 created version 2, not 1
  CHECK(CardOf(screen, 2).changed);
}

TEST_CASE("Play steps at once, then every 1.5 s, and stops at a step whose prediction waits") {
  const Lesson lesson = lesson_test::Clean(kWalkthrough);
  WalkthroughScreen screen = OpenScreen(lesson);
  screen.TogglePlay(100.0);
  CHECK(screen.playing());
  CHECK(screen.position() == 1);
  CHECK(screen.WakeIn(100.0, false) == 0.0);  // sliding
  CHECK(screen.WakeIn(101.0, false) == doctest::Approx(0.5));
  screen.Tick(101.0);
  CHECK(screen.position() == 1);
  screen.Tick(101.5);
  CHECK(screen.position() == 2);
  screen.Tick(103.0);
  CHECK(screen.position() == 3);
  screen.Tick(104.5);
  CHECK(screen.position() == 4);
  // Step 5 asks first: playing stops, and neither play nor forward goes past the question.
  CHECK_FALSE(screen.playing());
  CHECK_FALSE(screen.WakeIn(105.0, false));
  REQUIRE(screen.PendingPrediction());
  CHECK_FALSE(screen.CanForward());
  screen.Tick(110.0);
  screen.TogglePlay(110.0);
  screen.Forward(110.0);
  CHECK(screen.position() == 4);
  CHECK_FALSE(screen.playing());

  SUBCASE("answered, play goes on to the end and stops there") {
    REQUIRE(screen.Predict("yes", 111.0).ok());
    CHECK(screen.position() == 5);
    screen.TogglePlay(112.0);
    CHECK(screen.position() == 6);
    CHECK_FALSE(screen.playing());  // the end
    SUBCASE("play at the end starts again from the start") {
      screen.TogglePlay(120.0);
      CHECK(screen.position() == 0);
      CHECK(screen.playing());
      screen.Tick(121.0);
      CHECK(screen.position() == 0);
      screen.Tick(121.5);
      CHECK(screen.position() == 1);
    }
  }
  SUBCASE("pause stops the clock; moving by hand pauses, forward keeps the pace") {
    screen.JumpTo(1, 200.0);
    screen.TogglePlay(200.0);
    CHECK(screen.position() == 2);
    screen.Forward(201.0);  // by hand, 1 s later
    CHECK(screen.position() == 3);
    CHECK(screen.playing());
    screen.Tick(202.0);
    CHECK(screen.position() == 3);  // the next automatic step is 1.5 s after the last one
    screen.TogglePlay(202.1);
    CHECK_FALSE(screen.playing());
    screen.Tick(210.0);
    CHECK(screen.position() == 3);
    screen.JumpTo(1, 210.0);
    screen.TogglePlay(210.0);
    CHECK(screen.playing());
    screen.Back(210.5);
    CHECK(screen.position() == 1);
    CHECK_FALSE(screen.playing());
  }
}

TEST_CASE("A jump never reveals a step whose prediction is still open") {
  const Lesson lesson = lesson_test::Clean(kWalkthrough);
  WalkthroughScreen screen = OpenScreen(lesson);
  screen.End(1.0);
  CHECK(screen.position() == 4);
  screen.JumpTo(6, 1.0);
  CHECK(screen.position() == 4);
  SUBCASE("a wrong choice is an error and reveals nothing") {
    auto graded = screen.Predict("maybe", 2.0);
    REQUIRE_FALSE(graded.ok());
    CHECK(graded.status().code() == ErrorCode::kInvalidArgument);
    CHECK(screen.position() == 4);
    CHECK_FALSE(screen.CurrentGrade());
  }
  SUBCASE("answered (by number), the step is revealed with its grade and jumps go past it") {
    auto graded = screen.Predict("2", 2.0);  // "no": wrong, the step is refused
    REQUIRE(graded.ok());
    CHECK_FALSE(graded->correct);
    CHECK(screen.position() == 5);
    REQUIRE(screen.CurrentGrade());
    CHECK(screen.CurrentGrade()->given == "no");
    CHECK(screen.SlideProgress(2.0, false) == 0.0);
    screen.Restart(3.0);
    CHECK_FALSE(screen.CurrentGrade());
    screen.End(4.0);
    CHECK(screen.position() == 6);
    screen.JumpTo(5, 5.0);
    CHECK(screen.CurrentGrade());
    CHECK(screen.Predict("yes", 6.0).status().code() == ErrorCode::kFailedPrecondition);
  }
  SUBCASE("skipped, the step is revealed ungraded and not asked again on this screen") {
    screen.SkipPrediction(2.0);
    CHECK(screen.position() == 5);
    CHECK_FALSE(screen.CurrentGrade());
    screen.Restart(3.0);
    screen.End(3.0);
    CHECK(screen.position() == 6);
    CHECK(screen.player().predictions().empty());
  }
}

TEST_CASE("With predictions at every stage change, each step that moves a stage asks first") {
  const Lesson lesson = lesson_test::Clean(kWalkthrough);
  WalkthroughPlayerOptions options;
  options.predict_every_step = true;
  WalkthroughScreen screen = OpenScreen(lesson, options);
  screen.End(1.0);
  CHECK(screen.position() == 3);  // step 4 moves version 1
  auto question = screen.PendingPrediction();
  REQUIRE(question);
  CHECK(question->kind == Prediction::Kind::kStage);
  CHECK(question->version.version == 1);
  REQUIRE(screen.Predict("Staging", 2.0).ok());
  CHECK(screen.CurrentGrade()->correct);
  screen.End(3.0);
  CHECK(screen.position() == 4);  // step 5, marked, still asks
  REQUIRE(screen.Predict("yes", 4.0).ok());
  screen.End(5.0);
  CHECK(screen.position() == 5);  // step 6 moves version 2
  REQUIRE(screen.Predict("Production", 6.0).ok());
  CHECK(screen.position() == 6);
  CHECK(screen.player().score() == 3);
}

TEST_CASE("Predictions made on the screen are recorded in the progress store") {
  auto store = ProgressStore::Open(":memory:");
  REQUIRE(store.ok());
  const Lesson lesson = lesson_test::Clean(kWalkthrough);
  WalkthroughPlayerOptions options;
  options.progress = &*store;
  options.clock = [] { return UnixTime{1'800'000'000}; };
  WalkthroughScreen screen = OpenScreen(lesson, options);
  screen.End(1.0);
  REQUIRE(screen.Predict("yes", 1.0).ok());
  screen.Finish();
  auto stats = store->Stats(UnixTime{1'800'000'000});
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 1);
  CHECK(stats->correct == 1);
  REQUIRE(stats->recent.size() == 1);
  CHECK(stats->recent[0].question_id == "walkthrough-step-5");
}

TEST_CASE("The tables, the flow and the key moments follow the position") {
  const Lesson lesson = lesson_test::Clean(kWalkthrough);
  WalkthroughScreen screen = OpenScreen(lesson);
  screen.JumpTo(4, 1.0);
  REQUIRE(screen.Predict("yes", 1.0).ok());
  REQUIRE(screen.execution_rows().size() == 5);
  CHECK(screen.execution_rows()[3].stage_changed);
  CHECK(screen.execution_rows()[4].refused);
  CHECK(screen.execution_rows()[4].code == ErrorCode::kNotFound);
  CHECK_FALSE(screen.execution_rows()[4].message.empty());
  CHECK(screen.tracker_versions() == std::vector<std::string>{"churn v1", "churn v2"});
  CHECK(screen.tracker_rows().size() == 6);
  CHECK(screen.changes().empty());  // refused: nothing changed
  for (const PlacedCard& card : screen.cards()) CHECK_FALSE(card.changed);

  const std::vector<FlowStep> flow = screen.Flow();
  REQUIRE(flow.size() == 6);
  CHECK(flow[0].title == "Register the model");
  CHECK(flow[3].state == FlowStep::State::kDone);
  CHECK(flow[4].state == FlowStep::State::kCurrent);
  CHECK(flow[4].refused);
  CHECK(flow[4].asks);
  CHECK(flow[5].state == FlowStep::State::kAhead);
  CHECK_FALSE(flow[5].asks);

  const std::vector<std::string> moments = screen.KeyMoments();
  REQUIRE(moments.size() == 1);
  CHECK(moments[0] == "Step 5 is refused and changes nothing.");
  screen.Back(2.0);
  CHECK(screen.KeyMoments().empty());
  CHECK_FALSE(screen.Flow()[4].refused);  // not revealed any more
}

TEST_CASE("Cards keep their lane when a stage is added before them; serving changes are marked") {
  const Lesson lesson = ShippedLesson("stages-commands");
  WalkthroughScreen screen = OpenScreen(lesson);
  screen.JumpTo(5, 1.0);
  const std::size_t production_before = CardOf(screen, 1).lane;
  screen.Forward(2.0);  // stages add QA --before Production
  REQUIRE(screen.board().lanes.size() == 5);
  CHECK(screen.board().lanes[LaneOf(screen, "QA")].cards.empty());
  CHECK(CardOf(screen, 1).lane == production_before + 1);
  CHECK(CardOf(screen, 1).from_lane == CardOf(screen, 1).lane);  // it did not move

  const Lesson rollback = ShippedLesson("rollback-and-aliases");
  WalkthroughScreen canary = OpenScreen(rollback);
  canary.JumpTo(7, 1.0);  // a 10% canary of version 2 in production
  CHECK(canary.ServingChanged("fraud", "production"));
  CHECK_FALSE(canary.ServingChanged("fraud", "staging"));
  CHECK(CardOf(canary, 2).changed);
  CHECK(CardOf(canary, 2).card.serving == std::vector<std::string>{"production (canary 10%)"});
  CHECK(canary.tracker_environments() == std::vector<std::string>{"production"});
  CHECK(canary.tracker_rows().back().serving == std::vector<std::string>{"v1 90% · v2 10%"});
}

TEST_CASE("Three steps forward on the shipped lesson reach step 3, as the window's keys do") {
  SceneClock clock;
  ContentFolders folders{STAGECRAFT_QUIZZES_DIR, STAGECRAFT_LESSONS_DIR, "", ""};
  Tutor tutor = Tutor::Open(SceneTutorOptions(folders, clock));
  REQUIRE(tutor.OpenWalkthrough("promoting-between-stages").ok());
  WalkthroughScreen& screen = *tutor.walkthrough();
  for (int i = 0; i < 3; ++i) screen.Forward(tutor.Seconds());
  CHECK(screen.position() == 3);
  CHECK(tutor.StateJson().find("\"step\":3") != std::string::npos);
}

TEST_CASE("The walkthrough scenes reach the states their pictures show") {
  ContentFolders folders{STAGECRAFT_QUIZZES_DIR, STAGECRAFT_LESSONS_DIR, "", ""};
  for (const std::string name :
       {"walkthrough-start", "walkthrough-step", "walkthrough-canary", "walkthrough-predict"}) {
    CAPTURE(name);
    const Scene* scene = FindScene(name);
    REQUIRE(scene != nullptr);
    SceneClock clock;
    Tutor tutor = Tutor::Open(SceneTutorOptions(folders, clock));
    REQUIRE(scene->set_up(tutor, clock).ok());
    WalkthroughScreen* screen = tutor.walkthrough();
    REQUIRE(screen != nullptr);
    CHECK(tutor.screen() == Screen::kWalkthrough);
    CHECK(screen->SlideProgress(tutor.Seconds(), false) == 1.0);  // nothing mid-slide
    if (name == "walkthrough-step") {
      CHECK(screen->position() == 12);
      CHECK(screen->execution_rows()[9].refused);
      CHECK(screen->execution_rows()[11].stage_changed);
      CHECK_FALSE(screen->changes().stage_moves.empty());
    }
    if (name == "walkthrough-canary") {
      CHECK(screen->position() == 7);
      CHECK(screen->ServingChanged("fraud", "production"));
    }
    if (name == "walkthrough-predict") {
      REQUIRE(screen->PendingPrediction());
      CHECK(screen->PendingPrediction()->kind == Prediction::Kind::kStage);
      CHECK(screen->player().predictions().size() == 3);  // steps 3, 9 and 10
    }
  }
}
