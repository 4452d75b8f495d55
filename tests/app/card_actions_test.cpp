// Card actions: which actions a version card offers for the acting user's role, its stage, the
// pending requests on it and the canary beside it; that a foreseen refusal is one the engine
// gives; and that running an action's line on the seeded sandbox does what its label says.

#include "core/card_actions.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/sandbox_screen.h"
#include "sandbox_clock.h"

using namespace stagecraft::core;
using stagecraft::testing::FixedClock;

namespace {

SandboxScreen Seeded(const std::string& acting_as) {
  auto screen = SandboxScreen::Open(kSandboxSeed, FixedClock());
  REQUIRE_MESSAGE(screen.ok(), screen.status().message());
  REQUIRE(screen->SetActingAs(acting_as).ok());
  return std::move(*screen);
}

VersionRef Churn(std::int64_t version) { return VersionRef{"churn", version}; }

// The action labelled `label`; fails the test when there is none.
CardAction Find(const std::vector<CardAction>& actions, const std::string& label) {
  for (const CardAction& action : actions) {
    if (action.label == label) return action;
  }
  std::string labels;
  for (const CardAction& action : actions) labels += "\n  " + action.label;
  FAIL("no action '" << label << "' among:" << labels);
  return {};
}

bool Has(const std::vector<CardAction>& actions, const std::string& label) {
  for (const CardAction& action : actions) {
    if (action.label == label) return true;
  }
  return false;
}

std::string StageOf(const SandboxScreen& screen, std::int64_t version) {
  for (const auto& lane : screen.board().lanes) {
    for (const auto& card : lane.cards) {
      if (card.version == Churn(version)) return lane.stage;
    }
  }
  return "";
}

}  // namespace

TEST_CASE("card actions: a Staging version offers promotion, archiving, requests and deploys") {
  SandboxScreen screen = Seeded("dana");
  const auto actions = screen.CardActions(Churn(2));
  const CardAction promote = Find(actions, "Promote to Production");
  // v1 is in Production and served there: archiving it in the same step would be refused.
  CHECK(promote.line == "models transition-stage --model-name churn --version 2 --stage Production");
  CHECK(promote.refusal.empty());
  CHECK(promote.note.find("production still serves churn v1") != std::string::npos);
  CHECK(Find(actions, "Archive").line ==
        "models transition-stage --model-name churn --version 2 --stage Archived");
  CHECK(Find(actions, "Request a move to Production").line ==
        "models request-transition --model-name churn --version 2 --stage Production");
  CHECK_FALSE(Has(actions, "Request a move to Staging"));  // it is there
  CHECK(Find(actions, "Deploy to staging (100%)").refusal.empty());
  const CardAction production = Find(actions, "Deploy to production (100%)");
  CHECK(production.line == "models deploy --model-name churn --version 2 --env production");
  CHECK(production.refusal ==
        "dana is a developer and cannot deploy to production: that needs the approver role");
  CHECK(Find(actions, "Start a 10% canary in production").line ==
        "models deploy --model-name churn --version 2 --env production --traffic 10");
  CHECK_FALSE(Has(actions, "Roll back production"));  // it serves nothing
}

TEST_CASE("card actions: promotion into Production archives the old version when none is served") {
  // Nothing is deployed here, so v1 can be archived as v2 takes its place.
  auto fresh = SandboxScreen::Open(
      "users add dana --role developer\nmodels create m\n"
      "models create-version --model-name m --source s\n"
      "models create-version --model-name m --source s\n"
      "models transition-stage --model-name m --version 1 --stage Production\n"
      "models transition-stage --model-name m --version 2 --stage Staging\n",
      FixedClock());
  REQUIRE(fresh.ok());
  const CardAction promote = Find(fresh->CardActions(VersionRef{"m", 2}), "Promote to Production");
  CHECK(promote.line ==
        "models transition-stage --model-name m --version 2 --stage Production --archive-existing");
  CHECK(promote.note == "v1 in Production moves to Archived in the same step");
  fresh->Run(promote.line);
  CHECK(fresh->Console().back().ok);
  const auto archived = fresh->CardActions(VersionRef{"m", 1});
  CHECK_FALSE(Has(archived, "Archive"));
  CHECK_FALSE(Has(archived, "Promote to Staging"));
}

TEST_CASE("card actions: what the role lacks is said, and the engine refuses it so") {
  SandboxScreen screen = Seeded("dana");
  const CardAction rollback = Find(screen.CardActions(Churn(1)), "Roll back production");
  CHECK(rollback.line == "models rollback --model-name churn --env production");
  CHECK(rollback.refusal.find("dana is a developer and cannot roll back") == 0);
  const ConsoleEntry refused = screen.Run(rollback.line);
  CHECK_FALSE(refused.ok);
  CHECK(refused.code == stagecraft::engine::ErrorCode::kPermissionDenied);

  REQUIRE(screen.SetActingAs("priya").ok());
  // The role suffices now, but v1 is the first version production served.
  CHECK(Find(screen.CardActions(Churn(1)), "Roll back production").refusal ==
        "nothing to roll back to: production has served no other version before v1");
  // Archiving a served version is refused whoever asks.
  CHECK(Find(screen.CardActions(Churn(1)), "Archive").refusal.find("production still serves") ==
        0);
  CHECK_FALSE(screen.Run(Find(screen.CardActions(Churn(1)), "Archive").line).ok);
}

TEST_CASE("card actions: each pending request on the version can be approved or rejected") {
  SandboxScreen screen = Seeded("dana");
  const CardAction request = Find(screen.CardActions(Churn(3)), "Request a move to Staging");
  REQUIRE(screen.Run(request.line).ok);
  const std::string label = "Approve request #1 (None \xE2\x86\x92 Staging, by dana)";

  SUBCASE("the requester cannot approve their own request") {
    const CardAction approve = Find(screen.CardActions(Churn(3)), label);
    CHECK(approve.line == "models approve-request --id 1");
    CHECK(approve.refusal.find("dana made request #1") == 0);
    CHECK_FALSE(screen.Run(approve.line).ok);
  }
  SUBCASE("an approver can, and the version moves") {
    REQUIRE(screen.SetActingAs("priya").ok());
    const CardAction approve = Find(screen.CardActions(Churn(3)), label);
    CHECK(approve.refusal.empty());
    CHECK(approve.note == "0 of 1 approvals so far");
    CHECK(screen.Run(approve.line).ok);
    CHECK(StageOf(screen, 3) == "Staging");
    CHECK_FALSE(Has(screen.CardActions(Churn(3)), label));  // no longer pending
  }
  SUBCASE("an approver can reject it") {
    REQUIRE(screen.SetActingAs("priya").ok());
    const CardAction reject =
        Find(screen.CardActions(Churn(3)), "Reject request #1 (None \xE2\x86\x92 Staging, by dana)");
    CHECK(reject.line == "models reject-request --id 1");
    CHECK(screen.Run(reject.line).ok);
    CHECK(StageOf(screen, 3) == "None");
    CHECK(screen.board().pending_requests.empty());
  }
}

TEST_CASE("card actions: a canary is started, promoted, and the environment rolled back") {
  SandboxScreen screen = Seeded("priya");
  REQUIRE(screen.Run("models transition-stage --model-name churn --version 2 --stage Production")
              .ok);
  CHECK_FALSE(Has(screen.CardActions(Churn(2)), "Promote the canary in production"));
  const CardAction canary = Find(screen.CardActions(Churn(2)), "Start a 10% canary in production");
  CHECK(canary.refusal.empty());
  CHECK(canary.note == "beside v1, which keeps 90%");
  REQUIRE(screen.Run(canary.line).ok);
  REQUIRE(screen.board().serving.size() == 1);
  CHECK(screen.board().serving[0].canary_version == 2);
  CHECK(screen.board().serving[0].canary_traffic == 10);

  // The canary's card: promote it, no second canary; the primary's: deploy again ends it.
  const auto on_canary = screen.CardActions(Churn(2));
  CHECK_FALSE(Has(on_canary, "Start a 10% canary in production"));
  CHECK(Find(screen.CardActions(Churn(1)), "Deploy to production (100%)").note ==
        "ends the canary of v2 beside it");
  const CardAction promote = Find(on_canary, "Promote the canary in production");
  CHECK(promote.line == "models promote-canary --model-name churn --env production");
  REQUIRE(screen.Run(promote.line).ok);
  CHECK(screen.board().serving[0].version == 2);
  CHECK_FALSE(screen.board().serving[0].canary_version.has_value());

  const CardAction rollback = Find(screen.CardActions(Churn(2)), "Roll back production to v1");
  REQUIRE(screen.Run(rollback.line).ok);
  CHECK(screen.board().serving[0].version == 1);
}

TEST_CASE("card actions: a version not in the registry has none") {
  SandboxScreen screen = Seeded("dana");
  CHECK(screen.CardActions(Churn(9)).empty());
  CHECK(screen.CardActions(VersionRef{"fraud", 1}).empty());
}

TEST_CASE("card actions: names that need quoting are quoted for the console") {
  auto screen = SandboxScreen::Open("models create \"my model\"\n"
                                    "models create-version --model-name \"my model\" --source s\n",
                                    FixedClock());
  REQUIRE(screen.ok());
  const CardAction promote =
      Find(screen->CardActions(VersionRef{"my model", 1}), "Promote to Staging");
  CHECK(promote.line == "models transition-stage --model-name 'my model' --version 1 --stage Staging");
  CHECK(screen->Run(promote.line).ok);
}

TEST_CASE("sandbox screen: the keyboard picks cards in board order, wrapping") {
  SandboxScreen screen = Seeded("dana");
  CHECK_FALSE(screen.picked_card().has_value());
  screen.PickCard(+1);
  // Lanes None, Staging, Production: v3, v2, v1.
  CHECK(screen.picked_card() == Churn(3));
  screen.PickCard(+1);
  CHECK(screen.picked_card() == Churn(2));
  screen.PickCard(-1);
  screen.PickCard(-1);
  CHECK(screen.picked_card() == Churn(1));  // wrapped to the last
  // The pick follows the version when it moves lanes.
  REQUIRE(screen.Run("--as admin models transition-stage --model-name churn --version 1 --stage "
                     "Archived --force")
              .ok);
  CHECK(screen.picked_card() == Churn(1));
}

TEST_CASE("sandbox screen: the picked card's actions follow the acting user and the registry") {
  SandboxScreen screen = Seeded("dana");
  CHECK(screen.picked_actions().empty());
  screen.PickCard(Churn(9));  // not on the board
  CHECK_FALSE(screen.picked_card().has_value());
  screen.PickCard(Churn(2));
  REQUIRE(screen.picked_card() == Churn(2));
  CHECK_FALSE(Find(screen.picked_actions(), "Deploy to production (100%)").refusal.empty());
  REQUIRE(screen.SetActingAs("priya").ok());
  // Still refused (v2 is not in Production), but no longer for the role.
  CHECK(Find(screen.picked_actions(), "Deploy to production (100%)").refusal.find("only a version "
                                                                                  "in Production") ==
        0);
  REQUIRE(screen.Run(Find(screen.picked_actions(), "Promote to Production").line).ok);
  CHECK(Find(screen.picked_actions(), "Deploy to production (100%)").refusal.empty());
}

TEST_CASE("sandbox screen: asking for the card menu picks the first card and asks once") {
  SandboxScreen screen = Seeded("dana");
  CHECK_FALSE(screen.TakeCardMenuRequest());
  CHECK(screen.OpenCardMenu());
  CHECK(screen.picked_card() == Churn(3));
  CHECK(screen.TakeCardMenuRequest());
  CHECK_FALSE(screen.TakeCardMenuRequest());
  auto empty = SandboxScreen::Open("", FixedClock());
  REQUIRE(empty.ok());
  CHECK_FALSE(empty->OpenCardMenu());  // no card to act on
  CHECK_FALSE(empty->TakeCardMenuRequest());
}

TEST_CASE("card actions: after a rollback, the card offers the rollback the engine would make") {
  SandboxScreen screen = Seeded("priya");
  REQUIRE(screen.Run("models transition-stage --model-name churn --version 2 --stage Production")
              .ok);
  REQUIRE(screen.Run("models deploy --model-name churn --version 2 --env production").ok);
  const CardAction rollback = Find(screen.CardActions(Churn(2)), "Roll back production to v1");
  CHECK(rollback.refusal.empty());
  CHECK(rollback.note == "production serves v1 again at 100%; v2 moves to Archived");
  REQUIRE(screen.Run(rollback.line).ok);
  // production now serves v1 and last replaced v2, but v2 was rolled back: nothing to return to.
  const CardAction again = Find(screen.CardActions(Churn(1)), "Roll back production");
  CHECK(again.refusal == "nothing to roll back to: production has served no other version "
                         "before v1");
  CHECK_FALSE(screen.Run(again.line).ok);
}

TEST_CASE("card actions: a rollback during a canary says the canary ends") {
  SandboxScreen screen = Seeded("priya");
  for (const char* v : {"2", "3"}) {
    REQUIRE(screen.Run(std::string("models transition-stage --model-name churn --version ") + v +
                       " --stage Production")
                .ok);
  }
  REQUIRE(screen.Run("models deploy --model-name churn --version 2 --env production").ok);
  REQUIRE(screen.Run("models deploy --model-name churn --version 3 --env production --traffic 10")
              .ok);
  CHECK(Find(screen.CardActions(Churn(2)), "Roll back production to v1").note ==
        "production serves v1 again at 100%; the canary of v3 ends; v2 moves to Archived");
  // The canary's card: promoting it is deploying it at 100%, offered once.
  const auto on_canary = screen.CardActions(Churn(3));
  CHECK_FALSE(Has(on_canary, "Deploy to production (100%)"));
  CHECK(Find(on_canary, "Promote the canary in production").note ==
        "v3 takes 100% of production, replacing v2 (the same as deploying it at 100%)");
  // Another version's canary replaces this one.
  CHECK(Find(screen.CardActions(Churn(1)), "Start a 10% canary in production").note ==
        "beside v2, which keeps 90%; replaces the canary of v3");
  CHECK(Find(screen.CardActions(Churn(1)), "Deploy to production (100%)").note ==
        "replaces v2; ends the canary of v3 beside it");
}

TEST_CASE("card actions: a second request for the same move is foreseen as refused") {
  SandboxScreen screen = Seeded("dana");
  REQUIRE(screen.Run(Find(screen.CardActions(Churn(3)), "Request a move to Staging").line).ok);
  const CardAction again = Find(screen.CardActions(Churn(3)), "Request a move to Staging");
  CHECK(again.refusal == "request #1 for this move is already pending");
  CHECK_FALSE(screen.Run(again.line).ok);
  CHECK(Find(screen.CardActions(Churn(3)), "Request a move to Production").refusal.empty());
}

TEST_CASE("card actions: the requester may cancel their request, and only they see it") {
  SandboxScreen screen = Seeded("dana");
  REQUIRE(screen.Run(Find(screen.CardActions(Churn(3)), "Request a move to Staging").line).ok);
  const CardAction cancel = Find(screen.CardActions(Churn(3)), "Cancel request #1");
  CHECK(cancel.line == "models cancel-request --id 1");
  CHECK(cancel.refusal.empty());
  CHECK(cancel.note == "withdraws it; churn v3 stays in None");
  REQUIRE(screen.SetActingAs("priya").ok());
  CHECK_FALSE(Has(screen.CardActions(Churn(3)), "Cancel request #1"));
  REQUIRE(screen.SetActingAs("dana").ok());
  CHECK(screen.Run(cancel.line).ok);
  CHECK(screen.board().pending_requests.empty());
}

TEST_CASE("card actions: promotion foresees an exclusive stage and a stage an environment needs") {
  SandboxScreen screen = Seeded("priya");
  SUBCASE("an exclusive stage holding a served version refuses the newcomer") {
    REQUIRE(screen.Run("--as admin stages set-exclusive Production").ok);
    const CardAction promote = Find(screen.CardActions(Churn(2)), "Promote to Production");
    CHECK(promote.line ==
          "models transition-stage --model-name churn --version 2 --stage Production");
    CHECK(promote.refusal.find("Production is exclusive and already holds churn v1, which cannot "
                               "be archived: production still serves churn v1") == 0);
    CHECK_FALSE(screen.Run(promote.line).ok);
  }
  SUBCASE("an exclusive stage holding an unserved version archives it in the same step") {
    REQUIRE(screen.Run("--as admin stages set-exclusive Staging").ok);
    const CardAction promote = Find(screen.CardActions(Churn(3)), "Promote to Staging");
    CHECK(promote.line ==
          "models transition-stage --model-name churn --version 3 --stage Staging "
          "--archive-existing");
    CHECK(promote.note == "v2 in Staging moves to Archived in the same step");
    CHECK(promote.refusal.empty());
    CHECK(screen.Run(promote.line).ok);
    CHECK(StageOf(screen, 2) == "Archived");
  }
  SUBCASE("a stage an environment requires is not left while it serves the version") {
    REQUIRE(screen.Run("--as admin environments add qa --require-stage Staging").ok);
    REQUIRE(screen.Run("models deploy --model-name churn --version 2 --env qa").ok);
    const CardAction promote = Find(screen.CardActions(Churn(2)), "Promote to Production");
    CHECK(promote.refusal.find("qa requires Staging and still serves churn v2, so it cannot leave "
                               "Staging") == 0);
    CHECK_FALSE(screen.Run(promote.line).ok);
  }
}

namespace {

// production served v1 then v2 (v1 archived by force); eu, which also requires Production, serves
// v2; Production is exclusive. Rolling production back to v1 would put v1 into Production beside
// v2, which eu keeps there.
const std::vector<std::string> kExclusiveRollback = {
    "--as admin models transition-stage --model-name churn --version 2 --stage Production "
    "--archive-existing --force",
    "--as admin models deploy --model-name churn --version 2 --env production",
    "--as admin environments add eu --require-stage Production",
    "--as admin models deploy --model-name churn --version 2 --env eu",
    "--as admin stages set-exclusive Production"};

}  // namespace

TEST_CASE("card actions: a rollback an exclusive stage would refuse is foreseen") {
  SandboxScreen screen = Seeded("priya");
  for (const std::string& line : kExclusiveRollback) REQUIRE(screen.Run(line).ok);
  const CardAction rollback = Find(screen.CardActions(Churn(2)), "Roll back production to v1");
  CHECK(rollback.note == "production serves v1 again at 100%; v1 returns to Production from "
                         "Archived");
  CHECK(rollback.refusal == "cannot roll back production to v1: Production is exclusive and "
                            "still holds churn v2");
  CHECK_FALSE(screen.Run(rollback.line).ok);
}

namespace {

// For each seat and each card, each action on its own fresh seeded sandbox after `setup`: the
// engine refuses it exactly when the card foresaw a refusal.
void CheckEveryActionRunsAsForeseen(const std::vector<std::string>& setup) {
  const auto set_up = [&](const std::string& user) {
    SandboxScreen screen = Seeded(user);
    for (const std::string& line : setup) {
      const ConsoleEntry entry = screen.Run(line);
      REQUIRE_MESSAGE(entry.ok, line << " -> " << entry.error);
    }
    return screen;
  };
  for (const std::string user : {"admin", "priya", "dana"}) {
    for (std::int64_t version : {1, 2, 3}) {
      const auto actions = set_up(user).CardActions(Churn(version));
      CHECK_FALSE(actions.empty());
      for (const CardAction& action : actions) {
        SandboxScreen screen = set_up(user);
        const ConsoleEntry entry = screen.Run(action.line);
        INFO(user << " on v" << version << ": " << action.label << ": " << action.line << " -> "
                  << entry.error << " / foreseen: " << action.refusal);
        CHECK(entry.ok == action.refusal.empty());
        CHECK_FALSE(entry.usage_error);
      }
    }
  }
}

}  // namespace

TEST_CASE("card actions: every action runs as foreseen — refused when a reason is given") {
  const std::string to_production = "--as admin models transition-stage --model-name churn ";
  const std::string ship2 = "--as admin models deploy --model-name churn --version 2 --env production";
  const std::string ship3 = "--as admin models deploy --model-name churn --version 3 --env production";
  const std::string rollback = "--as admin models rollback --model-name churn --env production";
  const std::string v2_to_production = to_production + "--version 2 --stage Production";
  const std::string v3_to_production = to_production + "--version 3 --stage Production";
  const std::string request_v2 =
      "--as dana models request-transition --model-name churn --version 2 --stage Production";
  SUBCASE("on the seeded registry") { CheckEveryActionRunsAsForeseen({}); }
  SUBCASE("behind a gate") {
    // Production needs an approval and auc >= 0.9 (v1-v3 have 0.81, 0.86, 0.88).
    CheckEveryActionRunsAsForeseen({"--as admin stages gate Production --require-approvals 1 "
                                    "--require-metric 'auc>=0.9'"});
  }
  SUBCASE("with requests pending") {
    CheckEveryActionRunsAsForeseen(
        {"--as dana models request-transition --model-name churn --version 3 --stage Staging",
         request_v2});
  }
  SUBCASE("during a canary") {
    CheckEveryActionRunsAsForeseen(
        {v2_to_production, v3_to_production,
         "--as admin models deploy --model-name churn --version 2 --env production --traffic 10"});
  }
  SUBCASE("after a rollback") {
    CheckEveryActionRunsAsForeseen({v2_to_production, ship2, rollback});
  }
  SUBCASE("after one rollback of two deploys") {
    CheckEveryActionRunsAsForeseen({v2_to_production, ship2, v3_to_production, ship3, rollback});
  }
  SUBCASE("after two rollbacks") {
    CheckEveryActionRunsAsForeseen(
        {v2_to_production, ship2, v3_to_production, ship3, rollback, rollback});
  }
  SUBCASE("with an environment that requires Staging serving v2") {
    CheckEveryActionRunsAsForeseen(
        {"--as admin environments add qa --require-stage Staging",
         "--as admin models deploy --model-name churn --version 2 --env qa", request_v2});
  }
  SUBCASE("with a rollback into an exclusive stage another environment holds") {
    CheckEveryActionRunsAsForeseen(kExclusiveRollback);
  }
  SUBCASE("with exclusive stages") {
    CheckEveryActionRunsAsForeseen({"--as admin stages set-exclusive Production",
                                    "--as admin stages set-exclusive Staging", request_v2});
  }
}
