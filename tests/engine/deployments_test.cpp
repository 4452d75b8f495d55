// Environments and deployments: what may be deployed where and by whom, serving at 100%, canaries
// and their promotion, the served-version rules for archiving and deleting, and rollback.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

std::string Served(const Registry& registry, const std::string& environment,
                   const std::string& model = "churn") {
  auto served = ServedIn(registry, model, environment);
  return served ? Describe(*served) : "nothing";
}

// The versions of churn in `stage`, as "1,3".
std::string InStage(const Registry& registry, const std::string& stage) {
  auto versions = registry.ListModelVersions("churn");
  REQUIRE_OK(versions);
  std::vector<std::int64_t> in;
  for (const auto& v : *versions) {
    if (v.stage == stage) in.push_back(v.version);
  }
  return Join(in);
}

RollbackOutcome MustRollback(Registry& registry, const std::string& environment = "production",
                             const Actor& actor = {}) {
  auto rolled = registry.Rollback("churn", environment, actor);
  REQUIRE_MESSAGE(rolled.ok(), "Rollback(" << environment << "): " << rolled.status().message());
  return rolled.value();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Environments

TEST_CASE(
    "a new registry has staging, which takes any stage, and production, which requires "
    "Production") {
  Fixture f;
  auto envs = f.registry.ListEnvironments();
  REQUIRE_OK(envs);
  REQUIRE(envs->size() == 2);
  CHECK((*envs)[0].name == "production");
  CHECK((*envs)[0].required_stage == kStageProduction);
  CHECK((*envs)[1].name == "staging");
  CHECK((*envs)[1].required_stage.empty());
}

TEST_CASE("an admin adds an environment, optionally requiring a stage") {
  ChurnFixture f;
  auto qa = f.registry.AddEnvironment("qa", "staging");
  REQUIRE_OK(qa);
  CHECK(qa->name == "qa");
  CHECK(qa->required_stage == kStageStaging);
  CHECK(MustHistory(f.registry).back().action == kActionAddEnvironment);
  CHECK(MustHistory(f.registry).back().environment == "qa");
  const std::string message =
      CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin", [&] {
        return f.registry.Deploy(DeployRequest{"churn", 1, "qa", 100});
      });
  CHECK_MENTIONS(message, "'Staging'");
  CHECK_MENTIONS(message, "'qa'");
  MustTransition(f.registry, "churn", 1, kStageStaging);
  CHECK_OK(f.registry.Deploy(DeployRequest{"churn", 1, "qa", 100}, As("ann")));

  CheckFailsQuietly(f.registry, ErrorCode::kAlreadyExists,
                    [&] { return f.registry.AddEnvironment("QA"); });
  CheckFailsQuietly(f.registry, ErrorCode::kUnknownStage,
                    [&] { return f.registry.AddEnvironment("dev", "Canary"); });
  CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument,
                    [&] { return f.registry.AddEnvironment("9lives"); });
}

// ---------------------------------------------------------------------------------------------
// Deploying

TEST_CASE("only a version in Production may be deployed to production; the error names its stage") {
  ChurnFixture f;
  std::string stage;
  SUBCASE("None") { stage = kStageNone; }
  SUBCASE("Staging") { stage = kStageStaging; }
  SUBCASE("an added stage") {
    REQUIRE_OK(f.registry.AddStage("Shadow"));
    stage = "Shadow";
  }
  if (stage != kStageNone) MustTransition(f.registry, "churn", 1, stage);
  const std::int64_t head = AuditHead(f.registry);
  const std::string message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "ann", [&] {
    return f.registry.Deploy(DeployRequest{"churn", 1, "production", 100}, As("ann"));
  });
  CHECK_MENTIONS(message, "only a version in stage 'Production' may be deployed to 'production'");
  CHECK_MENTIONS(message, "version 1 of model 'churn' is in '" + stage + "'");
  // The refusal names the environment and the version.
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].environment == "production");
  CHECK(events[0].model_name == "churn");
  CHECK(events[0].version == 1);
  CHECK(Served(f.registry, "production") == "nothing");
}

TEST_CASE("a version in Production is served in production at 100%, and the deploy is audited") {
  ChurnFixture f;
  MustTransition(f.registry, "churn", 1, kStageProduction);
  f.clock.Advance(1000);
  const std::int64_t head = AuditHead(f.registry);
  auto deployed = f.registry.Deploy(DeployRequest{"churn", 1, "Production", 100}, As("ann"));
  REQUIRE_OK(deployed);
  CHECK(deployed->model_name == "churn");
  CHECK(deployed->environment == "production");  // canonical spelling
  CHECK(deployed->version == 1);
  CHECK(deployed->traffic == 100);
  CHECK_FALSE(deployed->canary_version.has_value());
  CHECK(deployed->canary_traffic == 0);
  CHECK_FALSE(deployed->previous_version.has_value());
  CHECK(deployed->updated_at == f.clock.Now());
  CHECK(Served(f.registry, "production") == "churn@production: v1 100%");
  CHECK(Served(f.registry, "staging") == "nothing");
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionDeploy);
  CHECK(events[0].actor == "ann");
  CHECK(events[0].environment == "production");
  CHECK(events[0].version == 1);
  CHECK_FALSE(events[0].related_version.has_value());
}

TEST_CASE("staging takes a version in any stage but Archived") {
  ChurnFixture f(3);
  MustTransition(f.registry, "churn", 2, kStageStaging);
  MustTransition(f.registry, "churn", 3, kStageArchived);
  CHECK_OK(f.registry.Deploy(DeployRequest{"churn", 1, "staging", 100}, As("dev")));
  CHECK_OK(f.registry.Deploy(DeployRequest{"churn", 2, "staging", 100}, As("dev")));
  const std::string message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "dev", [&] {
    return f.registry.Deploy(DeployRequest{"churn", 3, "staging", 100}, As("dev"));
  });
  CHECK_MENTIONS(message, "version 3 of model 'churn' is Archived");
  CHECK(Served(f.registry, "staging") == "churn@staging: v2 100% prev=1");
}

TEST_CASE("an Archived version is never deployed, to production either") {
  ChurnFixture f;
  MustTransition(f.registry, "churn", 1, kStageArchived);
  const std::string message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "ann", [&] {
    return f.registry.Deploy(DeployRequest{"churn", 1, "production", 100}, As("ann"));
  });
  CHECK_MENTIONS(message, "Archived");
}

TEST_CASE("deploying to production needs an approver; to staging a developer") {
  ChurnFixture f;
  MustTransition(f.registry, "churn", 1, kStageProduction);
  const std::string production = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "dev", [&] {
    return f.registry.Deploy(DeployRequest{"churn", 1, "production", 100}, As("dev"));
  });
  CHECK_MENTIONS(production, "'dev' is a developer");
  CHECK_MENTIONS(production, "deploy to 'production'");
  CHECK_MENTIONS(production, "approver role");
  const std::string staging = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "vic", [&] {
    return f.registry.Deploy(DeployRequest{"churn", 1, "staging", 100}, As("vic"));
  });
  CHECK_MENTIONS(staging, "developer role");
  CHECK_OK(f.registry.Deploy(DeployRequest{"churn", 1, "staging", 100}, As("dev")));
  CHECK_OK(f.registry.Deploy(DeployRequest{"churn", 1, "production", 100}, As("ann")));
}

TEST_CASE("a deploy that cannot be done fails quietly, naming what is wrong") {
  ChurnFixture f;
  MustTransition(f.registry, "churn", 1, kStageProduction);
  MustDeploy(f.registry, "churn", 1, "production");
  std::string message;
  SUBCASE("an unknown environment") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kNotFound, [&] {
      return f.registry.Deploy(DeployRequest{"churn", 1, "prod", 100});
    });
    CHECK_MENTIONS(message, "'prod'");
    CHECK_MENTIONS(message, "production, staging");
  }
  SUBCASE("an unknown version") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kNotFound, [&] {
      return f.registry.Deploy(DeployRequest{"churn", 7, "production", 100});
    });
    CHECK_MENTIONS(message, "no version 7");
  }
  SUBCASE("traffic 0") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument, [&] {
      return f.registry.Deploy(DeployRequest{"churn", 1, "production", 0});
    });
  }
  SUBCASE("traffic 101") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument, [&] {
      return f.registry.Deploy(DeployRequest{"churn", 1, "production", 101});
    });
    CHECK_MENTIONS(message, "101");
  }
  SUBCASE("the version already served at 100%") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition, [&] {
      return f.registry.Deploy(DeployRequest{"churn", 1, "production", 100});
    });
    CHECK_MENTIONS(message, "already serves version 1 of model 'churn'");
  }
  CHECK_FALSE(message.empty());
}

TEST_CASE("deploying another version replaces the one served and records it as previous") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustTransition(f.registry, "churn", 2, kStageProduction);
  const std::int64_t head = AuditHead(f.registry);
  auto deployed = MustDeploy(f.registry, "churn", 2, "production");
  CHECK(Describe(deployed) == "churn@production: v2 100% prev=1");
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionDeploy);
  CHECK(events[0].version == 2);
  CHECK(events[0].related_version == 1);
  CHECK_MENTIONS(events[0].comment, "replaces version 1");
}

// ---------------------------------------------------------------------------------------------
// What a served version may not do

TEST_CASE("archiving a version an environment serves is refused, naming the environment") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  std::string message;
  SUBCASE("archived directly") {
    message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin", [&] {
      return f.registry.TransitionStage(Move("churn", 1, kStageArchived));
    });
    CHECK_MENTIONS(message, "archiving it");
  }
  SUBCASE("archived by archive-existing") {
    MustTransition(f.registry, "churn", 2, kStageStaging);
    message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin", [&] {
      return f.registry.TransitionStage(Move("churn", 2, kStageProduction, true));
    });
    CHECK(StageOf(f.registry, "churn", 2) == kStageStaging);
  }
  SUBCASE("moved out of the stage production requires") {
    message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin", [&] {
      return f.registry.TransitionStage(Move("churn", 1, kStageStaging));
    });
    CHECK_MENTIONS(message, "moving it out of 'Production'");
  }
  SUBCASE("served in staging only") {
    MustTransition(f.registry, "churn", 2, kStageStaging);
    MustDeploy(f.registry, "churn", 2, "staging");
    message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin", [&] {
      return f.registry.TransitionStage(Move("churn", 2, kStageArchived));
    });
    CHECK_MENTIONS(message, "environment 'staging' still serves version 2 of model 'churn'");
    return;
  }
  CHECK_MENTIONS(message, "environment 'production' still serves version 1 of model 'churn'");
  CHECK(StageOf(f.registry, "churn", 1) == kStageProduction);
}

TEST_CASE("a version served in staging may move between stages other than Archived") {
  ChurnFixture f;
  MustDeploy(f.registry, "churn", 1, "staging");
  CHECK_OK(f.registry.TransitionStage(Move("churn", 1, kStageStaging)));
  CHECK_OK(f.registry.TransitionStage(Move("churn", 1, kStageProduction)));
}

TEST_CASE("a canary version serving traffic cannot be archived either") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustTransition(f.registry, "churn", 2, kStageProduction);
  MustDeploy(f.registry, "churn", 2, "production", 10);
  const std::string message =
      CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin",
                   [&] { return f.registry.TransitionStage(Move("churn", 2, kStageArchived)); });
  CHECK_MENTIONS(message, "environment 'production' still serves version 2");
}

TEST_CASE("an admin may force the archiving of a served version, and the force is audited") {
  ChurnFixture f;
  MustShip(f.registry, "churn", 1);
  StageTransition t = Move("churn", 1, kStageArchived);
  t.force = true;
  const std::string refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "ann", [&] {
    return f.registry.TransitionStage(t, As("ann"));
  });
  CHECK_MENTIONS(refused, "force a stage transition");
  CHECK_MENTIONS(refused, "admin role");

  const std::int64_t head = AuditHead(f.registry);
  REQUIRE_OK(f.registry.TransitionStage(t, As("admin")));
  CHECK(StageOf(f.registry, "churn", 1) == kStageArchived);
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionTransitionStage);
  CHECK(events[0].actor == "admin");
  CHECK_MENTIONS(events[0].comment, "forced");
  CHECK_MENTIONS(events[0].comment, "'production'");
  // The environment still serves it: forcing is about stages, not deployments.
  CHECK(Served(f.registry, "production") == "churn@production: v1 100%");
}

TEST_CASE("deleting a version an environment serves is refused, naming the environment") {
  ChurnFixture f(2);
  MustDeploy(f.registry, "churn", 2, "staging");
  const std::string message =
      CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin",
                   [&] { return f.registry.DeleteModelVersion("churn", 2); });
  CHECK_MENTIONS(message, "environment 'staging' still serves version 2 of model 'churn'");
  CHECK_OK(f.registry.DeleteModelVersion("churn", 1));
}

// ---------------------------------------------------------------------------------------------
// Canary

TEST_CASE("a canary serves a second version with N% of the traffic beside the primary") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustTransition(f.registry, "churn", 2, kStageProduction);
  const std::int64_t head = AuditHead(f.registry);
  auto deployed = MustDeploy(f.registry, "churn", 2, "production", 10, As("ann"));
  CHECK(deployed.version == 1);
  CHECK(deployed.traffic == 90);
  CHECK(deployed.canary_version == 2);
  CHECK(deployed.canary_traffic == 10);
  CHECK(Served(f.registry, "production") == "churn@production: v1 90% canary v2 10%");
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionDeployCanary);
  CHECK(events[0].version == 2);
  CHECK(events[0].related_version == 1);
  CHECK(events[0].environment == "production");
  CHECK_MENTIONS(events[0].comment, "10%");

  // A new share replaces the old one.
  MustDeploy(f.registry, "churn", 2, "production", 50);
  CHECK(Served(f.registry, "production") == "churn@production: v1 50% canary v2 50%");
}

TEST_CASE("a canary needs a version already served at 100%, and another version than it") {
  ChurnFixture f(2);
  MustTransition(f.registry, "churn", 1, kStageProduction);
  std::string message = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition, [&] {
    return f.registry.Deploy(DeployRequest{"churn", 1, "production", 20});
  });
  CHECK_MENTIONS(message, "serves nothing of model 'churn'");
  MustDeploy(f.registry, "churn", 1, "production");
  message = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition, [&] {
    return f.registry.Deploy(DeployRequest{"churn", 1, "production", 20});
  });
  CHECK_MENTIONS(message, "already serves version 1 of model 'churn' as its primary");
  // In production a canary must be in Production too.
  message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin", [&] {
    return f.registry.Deploy(DeployRequest{"churn", 2, "production", 20});
  });
  CHECK_MENTIONS(message, "is in 'None'");
}

TEST_CASE("promoting a canary makes it the primary at 100% and records the version it replaces") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustTransition(f.registry, "churn", 2, kStageProduction);
  MustDeploy(f.registry, "churn", 2, "production", 25);
  const std::int64_t head = AuditHead(f.registry);
  auto promoted = f.registry.PromoteCanary("churn", "production", As("ann"));
  REQUIRE_OK(promoted);
  CHECK(Describe(*promoted) == "churn@production: v2 100% prev=1");
  CHECK(Served(f.registry, "production") == "churn@production: v2 100% prev=1");
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionPromoteCanary);
  CHECK(events[0].actor == "ann");
  CHECK(events[0].version == 2);
  CHECK(events[0].related_version == 1);
  CHECK(events[0].environment == "production");
}

TEST_CASE("deploying the canary at 100% promotes it") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustTransition(f.registry, "churn", 2, kStageProduction);
  MustDeploy(f.registry, "churn", 2, "production", 25);
  const std::int64_t head = AuditHead(f.registry);
  CHECK(Describe(MustDeploy(f.registry, "churn", 2, "production")) ==
        "churn@production: v2 100% prev=1");
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionPromoteCanary);
  CHECK(events[0].related_version == 1);
}

TEST_CASE("promoting needs a canary and the right role") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  const std::string message = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition, [&] {
    return f.registry.PromoteCanary("churn", "production");
  });
  CHECK_MENTIONS(message, "'production' runs no canary of model 'churn'");
  MustTransition(f.registry, "churn", 2, kStageProduction);
  MustDeploy(f.registry, "churn", 2, "production", 25);
  CheckRefused(f.registry, ErrorCode::kPermissionDenied, "dev",
               [&] { return f.registry.PromoteCanary("churn", "production", As("dev")); });
  CHECK(Served(f.registry, "production") == "churn@production: v1 75% canary v2 25%");
}

TEST_CASE("deploying another version at 100% while a canary runs replaces both") {
  ChurnFixture f(3);
  for (int v = 1; v <= 3; ++v) MustTransition(f.registry, "churn", v, kStageProduction);
  MustDeploy(f.registry, "churn", 1, "production");
  MustDeploy(f.registry, "churn", 2, "production", 10);
  MustDeploy(f.registry, "churn", 3, "production");
  CHECK(Served(f.registry, "production") == "churn@production: v3 100% prev=1");
  CHECK(ModelHistory(f.registry, "churn").back().comment ==
        "100% (replaces version 1; ends the canary of version 2)");
}

// ---------------------------------------------------------------------------------------------
// Rollback

TEST_CASE("rollback returns production to the previous version in one step and one event") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustShip(f.registry, "churn", 2);
  REQUIRE(InStage(f.registry, kStageProduction) == "1,2");
  std::vector<std::vector<AuditEvent>> commits;
  f.registry.Subscribe([&](const std::vector<AuditEvent>& events) { commits.push_back(events); });
  f.clock.Advance(1000);

  auto outcome = f.registry.Rollback("churn", "production", As("ann"));
  REQUIRE_OK(outcome);
  CHECK(outcome->model_name == "churn");
  CHECK(outcome->environment == "production");
  CHECK(outcome->from_version == 2);
  CHECK(outcome->to_version == 1);
  CHECK(outcome->from_version_stage == kStageArchived);
  CHECK(outcome->to_version_stage == kStageProduction);
  // The current version leaves Production for Archived; the previous one is in Production and
  // served at 100%.
  CHECK(StageOf(f.registry, "churn", 2) == kStageArchived);
  CHECK(StageOf(f.registry, "churn", 1) == kStageProduction);
  CHECK(Served(f.registry, "production") == "churn@production: v1 100% prev=2");
  CHECK(ServedIn(f.registry, "churn", "production")->updated_at == f.clock.Now());
  // One commit with one event naming both versions.
  REQUIRE(commits.size() == 1);
  REQUIRE(commits[0].size() == 1);
  const AuditEvent& e = commits[0][0];
  CHECK(e.action == kActionRollback);
  CHECK(e.actor == "ann");
  CHECK(e.model_name == "churn");
  CHECK(e.version == 1);
  CHECK(e.related_version == 2);
  CHECK(e.environment == "production");
  CHECK(e.to_stage == kStageProduction);
  CHECK_MENTIONS(e.comment, "from version 2 to version 1");
  CHECK(MustHistory(f.registry).back().seq == e.seq);
}

TEST_CASE("rollback restores a previous version that was archived since") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustShip(f.registry, "churn", 2);
  MustTransition(f.registry, "churn", 1, kStageArchived);  // no longer served: allowed
  const std::int64_t head = AuditHead(f.registry);
  auto outcome = MustRollback(f.registry);
  CHECK(outcome.to_version_stage == kStageProduction);
  CHECK(InStage(f.registry, kStageProduction) == "1");
  CHECK(InStage(f.registry, kStageArchived) == "2");
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].from_stage == kStageArchived);  // where the restored version came from
  CHECK(events[0].to_stage == kStageProduction);
}

TEST_CASE("rolling back again walks further back through what was served") {
  ChurnFixture f(3);
  for (int v = 1; v <= 3; ++v) MustShip(f.registry, "churn", v);
  CHECK(MustRollback(f.registry).to_version == 2);
  CHECK(Served(f.registry, "production") == "churn@production: v2 100% prev=3");
  CHECK(MustRollback(f.registry).to_version == 1);
  CHECK(Served(f.registry, "production") == "churn@production: v1 100% prev=2");
  CHECK(InStage(f.registry, kStageProduction) == "1");
  CHECK(InStage(f.registry, kStageArchived) == "2,3");
  // Nothing further back.
  const std::string message = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition, [&] {
    return f.registry.Rollback("churn", "production");
  });
  CHECK_MENTIONS(message, "nothing to roll back to");
  CHECK_MENTIONS(message, "'production'");
  CHECK_MENTIONS(message, "'churn'");
}

TEST_CASE("a deploy after a rollback is what the next rollback undoes") {
  ChurnFixture f(3);
  MustShip(f.registry, "churn", 1);
  MustShip(f.registry, "churn", 2);
  MustRollback(f.registry);  // back to 1; 2 archived
  MustShip(f.registry, "churn", 3);
  auto outcome = MustRollback(f.registry);
  CHECK(outcome.from_version == 3);
  CHECK(outcome.to_version == 1);  // 2 was rolled back already
  CHECK(Served(f.registry, "production") == "churn@production: v1 100% prev=3");
}

TEST_CASE("with nothing to roll back to, rollback fails and changes nothing") {
  ChurnFixture f(2);
  std::string message;
  SUBCASE("nothing was ever served") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition,
                                [&] { return f.registry.Rollback("churn", "production"); });
    CHECK_MENTIONS(message, "'production' serves nothing of model 'churn'");
  }
  SUBCASE("one version was ever served") {
    MustShip(f.registry, "churn", 1);
    message = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition,
                                [&] { return f.registry.Rollback("churn", "production"); });
    CHECK_MENTIONS(message, "before version 1");
    CHECK(StageOf(f.registry, "churn", 1) == kStageProduction);
  }
  SUBCASE("only a canary ran beside it") {
    MustShip(f.registry, "churn", 1);
    MustTransition(f.registry, "churn", 2, kStageProduction);
    MustDeploy(f.registry, "churn", 2, "production", 10);
    message = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition,
                                [&] { return f.registry.Rollback("churn", "production"); });
  }
  SUBCASE("the version served before was deleted") {
    MustDeploy(f.registry, "churn", 1, "staging");
    MustDeploy(f.registry, "churn", 2, "staging");
    REQUIRE_OK(f.registry.DeleteModelVersion("churn", 1));
    message = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition,
                                [&] { return f.registry.Rollback("churn", "staging"); });
  }
  CHECK_MENTIONS(message, "churn");
}

TEST_CASE("rollback skips versions deleted since they were served") {
  ChurnFixture f(3);
  for (int v = 1; v <= 3; ++v) MustDeploy(f.registry, "churn", v, "staging");
  REQUIRE_OK(f.registry.DeleteModelVersion("churn", 2));
  auto outcome = MustRollback(f.registry, "staging");
  CHECK(outcome.from_version == 3);
  CHECK(outcome.to_version == 1);
}

TEST_CASE("rollback fails quietly for an unknown environment or model") {
  ChurnFixture f;
  CheckFailsQuietly(f.registry, ErrorCode::kNotFound,
                    [&] { return f.registry.Rollback("churn", "prod"); });
  CheckFailsQuietly(f.registry, ErrorCode::kNotFound,
                    [&] { return f.registry.Rollback("fraud", "production"); });
}

TEST_CASE("rollback needs an approver") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustShip(f.registry, "churn", 2);
  const std::string message = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "dev", [&] {
    return f.registry.Rollback("churn", "production", As("dev"));
  });
  CHECK_MENTIONS(message, "'dev' is a developer");
  CHECK_MENTIONS(message, "roll back");
  CHECK_MENTIONS(message, "approver role");
}

TEST_CASE("rollback in an environment that requires no stage moves no version between stages") {
  ChurnFixture f(2);
  MustTransition(f.registry, "churn", 2, kStageStaging);
  MustDeploy(f.registry, "churn", 1, "staging");
  MustDeploy(f.registry, "churn", 2, "staging");
  auto outcome = MustRollback(f.registry, "staging");
  CHECK(outcome.from_version == 2);
  CHECK(outcome.to_version == 1);
  CHECK(outcome.from_version_stage == kStageStaging);
  CHECK(outcome.to_version_stage == kStageNone);
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);
  CHECK(StageOf(f.registry, "churn", 2) == kStageStaging);
  CHECK(Served(f.registry, "staging") == "churn@staging: v1 100% prev=2");
}

TEST_CASE("rollback drops a canary that was running") {
  ChurnFixture f(3);
  for (int v = 1; v <= 3; ++v) MustTransition(f.registry, "churn", v, kStageProduction);
  MustDeploy(f.registry, "churn", 1, "production");
  MustDeploy(f.registry, "churn", 2, "production");
  MustDeploy(f.registry, "churn", 3, "production", 10);
  auto outcome = MustRollback(f.registry);
  CHECK(outcome.from_version == 2);
  CHECK(outcome.to_version == 1);
  CHECK(Served(f.registry, "production") == "churn@production: v1 100% prev=2");
  CHECK(StageOf(f.registry, "churn", 3) == kStageProduction);  // the canary keeps its stage
}

TEST_CASE("rollback after promoting a canary restores the version served before it") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustTransition(f.registry, "churn", 2, kStageProduction);
  MustDeploy(f.registry, "churn", 2, "production", 10);
  REQUIRE_OK(f.registry.PromoteCanary("churn", "production"));
  auto outcome = MustRollback(f.registry);
  CHECK(outcome.from_version == 2);
  CHECK(outcome.to_version == 1);
  CHECK(Served(f.registry, "production") == "churn@production: v1 100% prev=2");
  CHECK(StageOf(f.registry, "churn", 2) == kStageArchived);
}

TEST_CASE("rollback leaves a version in Production while another environment still serves it") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustShip(f.registry, "churn", 2);
  MustDeploy(f.registry, "churn", 2, "staging");
  auto outcome = MustRollback(f.registry);
  CHECK(outcome.from_version_stage == kStageProduction);
  CHECK(StageOf(f.registry, "churn", 2) == kStageProduction);
  CHECK(Served(f.registry, "staging") == "churn@staging: v2 100%");
}

TEST_CASE("rollback never leaves two versions of a model in an exclusive stage") {
  // Production made exclusive after v1 and v2 both served there; staging still serves v2, so
  // the rollback may not archive it. Restoring v1 into Production beside it would break the
  // exclusive rule: the engine must refuse, or leave one version there.
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustShip(f.registry, "churn", 2);
  MustTransition(f.registry, "churn", 1, kStageArchived);
  REQUIRE_OK(f.registry.SetStageExclusive(kStageProduction, true));
  MustDeploy(f.registry, "churn", 2, "staging");
  auto outcome = f.registry.Rollback("churn", "production");
  CAPTURE(outcome.status().message());
  CHECK_MESSAGE(
      InStage(f.registry, kStageProduction).find(',') == std::string::npos,
      "exclusive stage Production holds versions " << InStage(f.registry, kStageProduction));
}

TEST_CASE("rollback never leaves an environment serving an Archived version") {
  // Staging requires no stage, so rollback moves no stages there. v1 was archived once staging
  // stopped serving it (allowed); rolling staging back must not serve it while Archived, since
  // an Archived version is never deployed: refuse, or bring it out of Archived.
  ChurnFixture f(2);
  MustDeploy(f.registry, "churn", 1, "staging");
  MustDeploy(f.registry, "churn", 2, "staging");
  MustTransition(f.registry, "churn", 1, kStageArchived);
  auto outcome = f.registry.Rollback("churn", "staging");
  CAPTURE(outcome.status().message());
  const auto served = ServedIn(f.registry, "churn", "staging");
  REQUIRE(served.has_value());
  CHECK_MESSAGE(StageOf(f.registry, "churn", served->version) != kStageArchived,
                "staging serves version " << served->version << ", which is Archived");
}

TEST_CASE("re-deploying the primary at 100% ends the canary and keeps what the primary replaced") {
  ChurnFixture f(3);
  for (int v = 1; v <= 3; ++v) MustTransition(f.registry, "churn", v, kStageProduction);
  MustDeploy(f.registry, "churn", 1, "production");
  MustDeploy(f.registry, "churn", 2, "production");
  MustDeploy(f.registry, "churn", 3, "production", 10);
  REQUIRE(Served(f.registry, "production") == "churn@production: v2 90% canary v3 10% prev=1");
  auto deployed = MustDeploy(f.registry, "churn", 2, "production");
  CHECK_FALSE(deployed.canary_version.has_value());
  CHECK(deployed.traffic == 100);
  // v2 still replaced v1: ending a canary does not change that. The history says why the
  // canary stopped.
  CHECK(Served(f.registry, "production") == "churn@production: v2 100% prev=1");
  CHECK(ModelHistory(f.registry, "churn").back().comment == "100% (ends the canary of version 3)");
  // And a rollback still returns to v1.
  CHECK(MustRollback(f.registry).to_version == 1);
}

TEST_CASE("removing a stage an environment requires is refused, naming the environment") {
  ChurnFixture f;
  REQUIRE_OK(f.registry.AddStage("Shadow"));
  REQUIRE_OK(f.registry.AddEnvironment("qa", "Shadow"));
  const std::string before = GovernedState(f.registry);
  const Status removed = f.registry.RemoveStage("Shadow");
  // A domain error, not SQLite's "FOREIGN KEY constraint failed".
  CHECK_MESSAGE(removed.code() == ErrorCode::kFailedPrecondition,
                std::string(ErrorCodeName(removed.code())) << ": " << removed.message());
  CHECK_MENTIONS(removed.message(), "'qa'");
  CHECK_MENTIONS(removed.message(), "'Shadow'");
  CHECK(GovernedState(f.registry) == before);
}

TEST_CASE("a deployment says where a rollback would go, by the rule rollback itself follows") {
  ChurnFixture f(3);
  const auto rollback_to = [&](const std::string& environment = "production") {
    auto served = ServedIn(f.registry, "churn", environment);
    REQUIRE(served.has_value());
    return served->rollback_to;
  };
  MustShip(f.registry, "churn", 1);
  CHECK_FALSE(rollback_to().has_value());  // the first version served replaced nothing
  MustShip(f.registry, "churn", 2);
  CHECK(rollback_to() == 1);
  MustShip(f.registry, "churn", 3);
  CHECK(rollback_to() == 2);
  // After a rollback the next one walks further back, though previous_version names v3.
  CHECK(MustRollback(f.registry).to_version == 2);
  CHECK(ServedIn(f.registry, "churn", "production")->previous_version == 3);
  CHECK(rollback_to() == 1);
  CHECK(MustRollback(f.registry).to_version == 1);
  CHECK_FALSE(rollback_to().has_value());
  CHECK_FALSE(f.registry.Rollback("churn", "production").ok());

  // Where no stage is required, an archived version is passed over as rollback passes it.
  MustCreateVersion(f.registry, "churn");  // v4
  MustCreateVersion(f.registry, "churn");  // v5
  for (int v : {1, 4, 5}) MustDeploy(f.registry, "churn", v, "staging");
  CHECK(rollback_to("staging") == 4);
  MustTransition(f.registry, "churn", 4, kStageArchived);
  CHECK(rollback_to("staging") == 1);
  CHECK(MustRollback(f.registry, "staging").to_version == 1);
}
