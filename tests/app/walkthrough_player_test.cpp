// WalkthroughPlayer: moving through a walkthrough, the state and the changes at each step, the
// execution table and status tracker up to the position, key moments, the board, and
// predictions graded against the run and recorded in the progress store. On the shipped
// lessons' walkthroughs and on small scripts.

#include "core/walkthrough_player.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/lesson_loader.h"
#include "core/progress.h"

#ifndef STAGECRAFT_LESSONS_DIR
#error "STAGECRAFT_LESSONS_DIR must name the shipped lessons folder"
#endif

using namespace stagecraft::core;
using stagecraft::engine::ErrorCode;

namespace {

Lesson ShippedLesson(const std::string& id) {
  LessonLoad load = LoadLessonFile(std::string(STAGECRAFT_LESSONS_DIR) + "/" + id + ".md");
  REQUIRE(load.clean());
  return std::move(*load.lesson);
}

// Steps from "command" lines; a line starting "! " is expected to be refused, and "? " marks a
// step with a "Predict:" narration line.
std::vector<WalkthroughStep> Steps(const std::vector<std::string>& lines) {
  std::vector<WalkthroughStep> steps;
  int line = 0;
  for (std::string command : lines) {
    WalkthroughStep step;
    step.line = ++line;
    if (command.rfind("! ", 0) == 0) {
      step.expect_refused = true;
      command = command.substr(2);
    } else if (command.rfind("? ", 0) == 0) {
      step.narration.push_back("Predict: where does it go?");
      command = command.substr(2);
    }
    step.title = "Step " + std::to_string(line);
    step.command = command;
    steps.push_back(std::move(step));
  }
  return steps;
}

WalkthroughPlayer Play(const std::vector<std::string>& lines, WalkthroughPlayerOptions options = {}) {
  auto player = WalkthroughPlayer::Create(Steps(lines), "test-lesson", "Model stages", std::move(options));
  REQUIRE_MESSAGE(player.ok(), player.status().message());
  return std::move(player).value();
}

StepChanges Changes(const WalkthroughPlayer& player, std::size_t k) {
  auto changes = player.ChangesAt(k);
  REQUIRE_MESSAGE(changes.ok(), changes.status().message());
  return *changes;
}

std::string Text(const VersionRef& v) { return v.model_name + " v" + std::to_string(v.version); }

std::vector<std::string> Moves(const StepChanges& changes) {
  std::vector<std::string> out;
  for (const auto& m : changes.stage_moves) {
    out.push_back(Text(m.version) + " " + m.from_stage + "->" + m.to_stage);
  }
  return out;
}

const std::vector<std::string> kBase = {
    "models create churn",
    "models create-version -m churn --source s --metric accuracy=0.9",
    "models create-version -m churn --source s --metric accuracy=0.95",
};

std::vector<std::string> With(std::vector<std::string> more) {
  std::vector<std::string> lines = kBase;
  lines.insert(lines.end(), more.begin(), more.end());
  return lines;
}

}  // namespace

TEST_CASE("The player moves forward, back, jumps, restarts and ends within 0..N") {
  WalkthroughPlayer player = Play(kBase);
  CHECK(player.size() == 3);
  CHECK(player.position() == 0);
  CHECK_FALSE(player.CanBack());
  CHECK(player.CanForward());
  player.Back();  // nothing at the start
  CHECK(player.position() == 0);
  player.Forward();
  player.Forward();
  CHECK(player.position() == 2);
  CHECK(player.CanBack());
  player.Back();
  CHECK(player.position() == 1);
  player.End();
  CHECK(player.position() == 3);
  CHECK_FALSE(player.CanForward());
  player.Forward();  // nothing at the end
  CHECK(player.position() == 3);
  CHECK(player.CanJumpTo(3));
  CHECK_FALSE(player.CanJumpTo(4));
  player.JumpTo(99);
  CHECK(player.position() == 3);
  player.JumpTo(1);
  CHECK(player.position() == 1);
  player.Restart();
  CHECK(player.position() == 0);
  CHECK(player.Step(2).command == kBase[1]);
  CHECK(player.StepResult(2).ok);
}

TEST_CASE("The state follows the position, from the empty registry to the last step") {
  WalkthroughPlayer player = Play(kBase);
  auto state = player.State();
  REQUIRE(state.ok());
  CHECK((*state)->models.empty());
  player.JumpTo(2);
  state = player.State();
  REQUIRE(state.ok());
  CHECK((*state)->versions.size() == 1);
  player.End();
  CHECK((*player.State())->versions.size() == 2);
  player.Back();
  CHECK((*player.State())->versions.size() == 1);
  CHECK_FALSE(player.StateAfter(4).ok());
}

TEST_CASE("A transition with --archive-existing moves two versions in one step") {
  WalkthroughPlayer player = Play(With({
      "models transition-stage -m churn -v 1 --stage Production",
      "models transition-stage -m churn -v 2 --stage Production --archive-existing",
  }));
  const StepChanges changes = Changes(player, 5);
  auto moves = Moves(changes);
  std::sort(moves.begin(), moves.end());
  CHECK(moves == std::vector<std::string>{"churn v1 Production->Archived", "churn v2 None->Production"});
  CHECK(changes.created.empty());
  CHECK(Changes(player, 2).created == std::vector<VersionRef>{{"churn", 1}});
  CHECK_FALSE(player.ChangesAt(0).ok());
  CHECK_FALSE(player.ChangesAt(6).ok());
}

TEST_CASE("An alias set, moved and deleted is an alias change with its versions") {
  WalkthroughPlayer player = Play(With({
      "models set-alias -m churn --alias champion -v 1",
      "models set-alias -m churn --alias champion -v 2",
      "models delete-alias -m churn --alias champion",
  }));
  const auto set = Changes(player, 4).alias_changes;
  REQUIRE(set.size() == 1);
  CHECK(set[0].alias == "champion");
  CHECK_FALSE(set[0].from_version);
  CHECK(set[0].to_version == 1);
  const auto moved = Changes(player, 5).alias_changes;
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].from_version == 1);
  CHECK(moved[0].to_version == 2);
  const auto deleted = Changes(player, 6).alias_changes;
  REQUIRE(deleted.size() == 1);
  CHECK(deleted[0].from_version == 2);
  CHECK_FALSE(deleted[0].to_version);
  CHECK(Changes(player, 5).stage_moves.empty());
}

TEST_CASE("A canary deploy and its promotion change what an environment serves") {
  WalkthroughPlayer player = Play(With({
      "models transition-stage -m churn -v 1 --stage Production",
      "models transition-stage -m churn -v 2 --stage Production",
      "models deploy -m churn -v 1 --env production",
      "models deploy -m churn -v 2 --env production --traffic 20",
      "models promote-canary -m churn",
  }));
  const auto first = Changes(player, 6).serving_changes;
  REQUIRE(first.size() == 1);
  CHECK(first[0].environment == "production");
  CHECK_FALSE(first[0].version_before);
  CHECK(first[0].version_after == 1);
  const auto canary = Changes(player, 7).serving_changes;
  REQUIRE(canary.size() == 1);
  CHECK(canary[0].version_before == 1);
  CHECK(canary[0].version_after == 1);
  CHECK_FALSE(canary[0].canary_before);
  CHECK(canary[0].canary_after == 2);
  CHECK(canary[0].canary_traffic_after == 20);
  const auto promoted = Changes(player, 8).serving_changes;
  REQUIRE(promoted.size() == 1);
  CHECK(promoted[0].version_after == 2);
  CHECK_FALSE(promoted[0].canary_after);
  player.JumpTo(7);
  const Board board = BoardOf(**player.State());
  REQUIRE(board.serving.size() == 1);
  CHECK(board.serving[0].canary_version == 2);
  CHECK(board.serving[0].canary_traffic == 20);
  CHECK(board.serving[0].traffic == 80);
}

TEST_CASE("A request that appears and is approved, rejected or cancelled is a request change") {
  WalkthroughPlayer player = Play(With({
      "users add dev --role developer",
      "users add ann --role approver",
      "--as dev models request-transition -m churn -v 1 --stage Staging",
      "--as ann models approve-request --id 1",
      "--as dev models request-transition -m churn -v 2 --stage Staging",
      "--as ann models reject-request --id 2",
      "--as dev models request-transition -m churn -v 2 --stage Production",
      "--as dev models cancel-request --id 3",
  }));
  auto kinds = [&](std::size_t k) {
    std::vector<std::string> out;
    for (const auto& r : Changes(player, k).request_changes) {
      out.push_back(std::string(RequestChangeName(r.kind)) + " " + std::to_string(r.request.id));
    }
    return out;
  };
  CHECK(kinds(6) == std::vector<std::string>{"opened 1"});
  CHECK(kinds(7) == std::vector<std::string>{"approved 1"});
  CHECK(Moves(Changes(player, 7)) == std::vector<std::string>{"churn v1 None->Staging"});
  CHECK(kinds(9) == std::vector<std::string>{"rejected 2"});
  CHECK(kinds(11) == std::vector<std::string>{"cancelled 3"});
  player.JumpTo(6);
  CHECK(BoardOf(**player.State()).pending_requests.size() == 1);
}

TEST_CASE("A refused step has the engine's code and message in its row, and changes nothing") {
  WalkthroughPlayer player = Play(With({
      "users add vic --role viewer",
      "! --as vic models transition-stage -m churn -v 1 --stage Staging",
      "! models transition-stage -m churn -v 7 --stage Staging",
  }));
  CHECK(player.StepResult(5).code == ErrorCode::kPermissionDenied);
  CHECK(Changes(player, 5).empty());
  player.End();
  const auto rows = player.ExecutionRows();
  REQUIRE(rows.size() == 6);
  CHECK_FALSE(rows[0].refused);
  CHECK(rows[4].refused);
  CHECK(rows[4].code == ErrorCode::kPermissionDenied);
  CHECK(rows[4].message.find("'vic'") != std::string::npos);
  CHECK(rows[4].cells.at(4) == "refused: " + rows[4].message);
  CHECK(rows[5].code == ErrorCode::kNotFound);
  CHECK(rows[5].cells.at(2) == "churn v7");
  player.JumpTo(2);
  CHECK(player.ExecutionRows().size() == 2);
}

TEST_CASE("The status tracker shows the versions that exist by the position, changed cells marked") {
  WalkthroughPlayer player = Play(With({
      "models transition-stage -m churn -v 1 --stage Staging",
      "models set-alias -m churn --alias champion -v 1",
  }));
  CHECK(player.TrackerVersions().empty());
  REQUIRE(player.TrackerRows().size() == 1);
  CHECK(player.TrackerRows()[0].label == "start");
  player.JumpTo(2);
  CHECK(player.TrackerVersions() == std::vector<std::string>{"churn v1"});
  player.End();
  CHECK(player.TrackerVersions() == std::vector<std::string>{"churn v1", "churn v2"});
  const auto rows = player.TrackerRows();
  REQUIRE(rows.size() == 6);
  CHECK(rows[4].label == "step 4");
  CHECK(rows[4].cells == std::vector<std::string>{"Staging", "None"});
  CHECK(rows[4].changed == std::vector<bool>{true, false});
  CHECK(rows[5].cells[0] == "Staging @champion");
  CHECK(rows[5].changed == std::vector<bool>{true, false});
  CHECK(rows[3].changed == std::vector<bool>{false, true});  // v2 appeared
  const auto executed = player.ExecutionRows();
  CHECK(executed[3].stage_changed);
  CHECK_FALSE(executed[4].stage_changed);
}

TEST_CASE("The board has a lane per stage in the registry's order, custom stages included") {
  WalkthroughPlayer player = Play(With({
      "stages add Shadow --before Production",
      "models transition-stage -m churn -v 2 --stage Shadow",
      "models set-alias -m churn --alias challenger -v 2",
  }));
  player.End();
  const Board board = BoardOf(**player.State());
  std::vector<std::string> lanes;
  for (const auto& lane : board.lanes) lanes.push_back(lane.stage);
  CHECK(lanes == std::vector<std::string>{"None", "Staging", "Shadow", "Production", "Archived"});
  REQUIRE(board.lanes[2].cards.size() == 1);
  CHECK(board.lanes[2].cards[0].version == VersionRef{"churn", 2});
  CHECK(board.lanes[2].cards[0].aliases == std::vector<std::string>{"challenger"});
  CHECK(board.lanes[0].cards.size() == 1);
}

TEST_CASE("Marked steps ask a prediction: the refused question, or the stage question") {
  WalkthroughPlayer player = Play(With({
      "? models transition-stage -m churn -v 1 --stage Staging",
      "! models transition-stage -m churn -v 1 --stage Staging",
      "models transition-stage -m churn -v 2 --stage Production",
      "? models list-versions -m churn",
  }));
  CHECK_FALSE(player.PredictionAt(1));
  CHECK_FALSE(player.PredictionAt(0));
  const auto stage = player.PredictionAt(4);
  REQUIRE(stage);
  CHECK(stage->kind == Prediction::Kind::kStage);
  CHECK(stage->version == VersionRef{"churn", 1});
  CHECK(stage->choices == std::vector<std::string>{"None", "Staging", "Production", "Archived"});
  CHECK(stage->answer == "Staging");
  const auto refused = player.PredictionAt(5);
  REQUIRE(refused);
  CHECK(refused->kind == Prediction::Kind::kRefused);
  CHECK(refused->choices == std::vector<std::string>{"yes", "no"});
  CHECK(refused->answer == "yes");
  CHECK_FALSE(player.PredictionAt(6));  // moves a stage, but not marked
  const auto read = player.PredictionAt(7);  // marked, moves nothing: the refused question
  REQUIRE(read);
  CHECK(read->kind == Prediction::Kind::kRefused);
  CHECK(read->answer == "no");
  SUBCASE("asking also at every step that moves a stage") {
    WalkthroughPlayerOptions every_step;
    every_step.predict_every_step = true;
    WalkthroughPlayer every = Play(With({
        "models transition-stage -m churn -v 2 --stage Production",
        "models set-alias -m churn --alias champion -v 2",
        "! models transition-stage -m churn -v 9 --stage Staging",
    }), every_step);
    for (std::size_t k = 1; k <= 3; ++k) CHECK_FALSE(every.PredictionAt(k));  // nothing moves
    REQUIRE(every.PredictionAt(4));
    CHECK(every.PredictionAt(4)->kind == Prediction::Kind::kStage);
    CHECK(every.PredictionAt(4)->answer == "Production");
    CHECK_FALSE(every.PredictionAt(5));  // an alias is not a stage
    REQUIRE(every.PredictionAt(6));      // still asked where the lesson marks it
    CHECK(every.PredictionAt(6)->kind == Prediction::Kind::kRefused);
  }
}

TEST_CASE("A prediction stays answered when the player goes back over its step") {
  WalkthroughPlayer player = Play(With({"? models transition-stage -m churn -v 1 --stage Staging"}));
  player.JumpTo(3);
  CHECK_FALSE(player.Answered(4));
  REQUIRE(player.Predict("Staging").ok());
  CHECK(player.Answered(4));
  player.Forward();
  player.Restart();
  player.JumpTo(3);
  CHECK(player.Answered(4));
  CHECK_FALSE(player.PendingPrediction());
}

TEST_CASE("The status tracker shows what each environment serves, a canary's share included") {
  WalkthroughPlayer player = Play(With({
      "models transition-stage -m churn -v 1 --stage Production",
      "models deploy -m churn -v 1 --env production",
      "models transition-stage -m churn -v 2 --stage Production",
      "models deploy -m churn -v 2 --env production --traffic 10",
      "models promote-canary -m churn",
  }));
  player.JumpTo(4);
  CHECK(player.TrackerEnvironments().empty());  // nothing served yet
  CHECK(player.TrackerRows().back().serving.empty());
  player.End();
  CHECK(player.TrackerEnvironments() == std::vector<std::string>{"production"});
  const auto rows = player.TrackerRows();
  REQUIRE(rows.size() == 9);
  CHECK(rows[4].serving == std::vector<std::string>{"—"});
  CHECK(rows[5].serving == std::vector<std::string>{"v1"});
  CHECK(rows[5].serving_changed == std::vector<bool>{true});
  CHECK(rows[6].serving_changed == std::vector<bool>{false});
  CHECK(rows[7].serving == std::vector<std::string>{"v1 90% · v2 10%"});
  CHECK(rows[7].serving_changed == std::vector<bool>{true});
  CHECK(rows[8].serving == std::vector<std::string>{"v2"});
  SUBCASE("several models: the column names the model") {
    WalkthroughPlayer two = Play(With({
        "models create fraud",
        "models create-version -m fraud --source s",
        "models transition-stage -m churn -v 1 --stage Production",
        "models transition-stage -m fraud -v 1 --stage Production",
        "models deploy -m churn -v 1 --env production",
        "models deploy -m fraud -v 1 --env production",
    }));
    two.End();
    CHECK(two.TrackerEnvironments() ==
          std::vector<std::string>{"production (churn)", "production (fraud)"});
  }
}

TEST_CASE("Predictions are graded against the run, scored, and recorded in the progress store") {
  auto store = ProgressStore::Open(":memory:");
  REQUIRE(store.ok());
  WalkthroughPlayerOptions options;
  options.progress = &*store;
  options.clock = [] { return UnixTime{1'800'000'000}; };
  WalkthroughPlayer player = Play(With({
      "? models transition-stage -m churn -v 1 --stage Staging",
      "! models transition-stage -m churn -v 1 --stage Staging",
  }), options);
  CHECK_FALSE(player.PendingPrediction());
  auto early = player.Predict("yes");
  REQUIRE_FALSE(early.ok());
  CHECK(early.status().code() == ErrorCode::kFailedPrecondition);
  player.JumpTo(3);
  REQUIRE(player.PendingPrediction());
  auto wrong_choice = player.Predict("Nowhere");
  REQUIRE_FALSE(wrong_choice.ok());
  CHECK(wrong_choice.status().code() == ErrorCode::kInvalidArgument);
  CHECK(wrong_choice.status().message().find("None, Staging, Production, Archived") != std::string::npos);
  auto graded = player.Predict("production");  // any letter case
  REQUIRE(graded.ok());
  CHECK_FALSE(graded->correct);
  CHECK(graded->given == "Production");
  CHECK(graded->prediction.answer == "Staging");
  CHECK_FALSE(player.PendingPrediction());  // answered
  CHECK(player.Predict("Staging").status().code() == ErrorCode::kFailedPrecondition);
  player.Forward();
  auto refused = player.Predict("YES");
  REQUIRE(refused.ok());
  CHECK(refused->correct);
  CHECK(player.score() == 1);
  CHECK(player.predictions().size() == 2);

  auto stats = store->Stats(UnixTime{1'800'000'000});
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 2);
  CHECK(stats->correct == 1);
  CHECK(stats->sessions == 1);
  REQUIRE(stats->recent.size() == 2);
  CHECK(stats->recent[0].question_id == "walkthrough-step-5");
  CHECK(stats->recent[1].question_id == "walkthrough-step-4");
  CHECK(stats->recent[0].quiz_id == "test-lesson");
  CHECK(stats->recent[0].topic == "Model stages");
  CHECK(stats->recent[0].level == "medium");
  CHECK(stats->recent[1].answer == "Production");
  CHECK(stats->recent[0].when == 1'800'000'000);
  // Predictions count in the statistics but never come due: a review cannot ask them alone.
  auto due = store->Due(UnixTime{1'800'000'000} + 365 * 86'400);
  REQUIRE(due.ok());
  CHECK(due->empty());
}

TEST_CASE("Without a progress store predictions are graded and nothing is recorded") {
  WalkthroughPlayer player = Play(With({"! models create churn"}));
  player.JumpTo(3);
  auto graded = player.Predict("no");
  REQUIRE(graded.ok());
  CHECK_FALSE(graded->correct);
  CHECK(player.score() == 0);
}

TEST_CASE("On the shipped lesson: the refused shortcut, the approval and the rollback") {
  const Lesson lesson = ShippedLesson("promoting-between-stages");
  auto created = WalkthroughPlayer::Create(lesson);
  REQUIRE(created.ok());
  WalkthroughPlayer& player = *created;
  REQUIRE(player.size() == 14);
  CHECK(player.Step(10).expect_refused);
  CHECK(player.StepResult(10).code == ErrorCode::kPermissionDenied);
  REQUIRE(player.PredictionAt(10));
  CHECK(player.PredictionAt(10)->kind == Prediction::Kind::kRefused);
  CHECK(player.PredictionAt(10)->answer == "yes");
  CHECK(Changes(player, 10).empty());
  const StepChanges approval = Changes(player, 12);
  CHECK(Moves(approval) == std::vector<std::string>{"fraud v2 Staging->Production"});
  REQUIRE(approval.request_changes.size() == 1);
  CHECK(approval.request_changes[0].kind == RequestChange::Kind::kApproved);
  const StepChanges rollback = Changes(player, 14);
  CHECK(Moves(rollback) == std::vector<std::string>{"fraud v2 Production->Archived"});
  REQUIRE(rollback.serving_changes.size() == 1);
  CHECK(rollback.serving_changes[0].version_before == 2);
  CHECK(rollback.serving_changes[0].version_after == 1);
  // Key moments at the steps their text names.
  CHECK(player.KeyMomentsAt(3).size() == 1);
  CHECK(player.KeyMomentsAt(10).size() == 1);
  CHECK(player.KeyMomentsAt(12).size() == 1);
  CHECK(player.KeyMomentsAt(14).size() == 1);
  CHECK(player.KeyMomentsAt(4).empty());
}

TEST_CASE("On the shipped lesson: a canary, its promotion, an alias moving back, a refused rollback") {
  const Lesson lesson = ShippedLesson("rollback-and-aliases");
  auto created = WalkthroughPlayer::Create(lesson);
  REQUIRE(created.ok());
  WalkthroughPlayer& player = *created;
  REQUIRE(player.size() == 14);
  const auto canary = Changes(player, 7).serving_changes;
  REQUIRE(canary.size() == 1);
  CHECK(canary[0].canary_after == 2);
  CHECK(canary[0].canary_traffic_after == 10);
  CHECK(Changes(player, 8).serving_changes.at(0).version_after == 2);
  CHECK(player.StepResult(13).code == ErrorCode::kFailedPrecondition);
  const auto alias = Changes(player, 14).alias_changes;
  REQUIRE(alias.size() == 1);
  CHECK(alias[0].from_version == 2);
  CHECK(alias[0].to_version == 1);
}

TEST_CASE("On every shipped lesson, the changes agree with the tracker, step by step") {
  for (const std::string id : {"promoting-between-stages", "rollback-and-aliases", "stages-commands"}) {
    CAPTURE(id);
    const Lesson lesson = ShippedLesson(id);
    if (lesson.Walkthrough() == nullptr) continue;
    auto created = WalkthroughPlayer::Create(lesson);
    REQUIRE(created.ok());
    WalkthroughPlayer& player = *created;
    player.End();
    const auto rows = player.TrackerRows();
    for (std::size_t k = 1; k <= player.size(); ++k) {
      CAPTURE(k);
      const StepChanges changes = Changes(player, k);
      bool stage_cell_changed = false;
      for (std::size_t column = 0; column < rows[k].cells.size(); ++column) {
        const auto& before = rows[k - 1].cells[column];
        const auto& after = rows[k].cells[column];
        if (before != "—" && after != "—" && before.substr(0, before.find(' ')) != after.substr(0, after.find(' '))) {
          stage_cell_changed = true;
        }
      }
      CHECK(stage_cell_changed == !changes.stage_moves.empty());
      CHECK(player.ExecutionRows()[k - 1].stage_changed == !changes.stage_moves.empty());
      if (player.Step(k).expect_refused) {
        CHECK_FALSE(player.StepResult(k).ok);
        CHECK(changes.empty());
      }
    }
  }
}

TEST_CASE("A prediction may be answered by the number of its choice") {
  WalkthroughPlayer player = Play(With({"? models transition-stage -m churn -v 1 --stage Staging"}));
  player.JumpTo(3);
  auto graded = player.Predict("2");
  REQUIRE(graded.ok());
  CHECK(graded->given == "Staging");
  CHECK(graded->correct);
}
