// challenge_conditions.cpp: each kind of condition, true and false, on a hand-made state and
// audit log; and the generated labels.

#include "core/challenge_conditions.h"

#include <doctest/doctest.h>

namespace stagecraft::core {
namespace {

engine::RegistryState State() {
  engine::RegistryState state;
  engine::ModelVersion v1;
  v1.model_name = "churn";
  v1.version = 1;
  v1.stage = "Production";
  v1.aliases = {"champion"};
  engine::ModelVersion v2 = v1;
  v2.version = 2;
  v2.stage = "Staging";
  v2.aliases = {};
  v2.metrics = {{"live_auc", 0.7}};
  state.versions = {v1, v2};
  engine::Deployment deployment;
  deployment.model_name = "churn";
  deployment.environment = "production";
  deployment.version = 1;
  deployment.traffic = 90;
  deployment.canary_version = 2;
  deployment.canary_traffic = 10;
  state.deployments = {deployment};
  return state;
}

engine::AuditEvent Event(std::int64_t seq, const char* action, std::int64_t version,
                         const char* to_stage = "", const char* actor = "dana") {
  engine::AuditEvent event;
  event.seq = seq;
  event.action = action;
  event.model_name = "churn";
  event.version = version;
  event.to_stage = to_stage;
  event.actor = actor;
  return event;
}

Condition Make(ConditionKind kind) {
  Condition c;
  c.kind = kind;
  c.model = "churn";
  return c;
}

TEST_CASE("stage and alias conditions look at the version's stage and aliases") {
  const engine::RegistryState state = State();
  Condition stage = Make(ConditionKind::kStage);
  stage.version = 2;
  stage.stage = "staging";  // any letter case, as the engine resolves it
  CHECK(ConditionHolds(stage, state, {}));
  stage.stage = "Production";
  CHECK_FALSE(ConditionHolds(stage, state, {}));
  stage.version = 3;  // no such version
  CHECK_FALSE(ConditionHolds(stage, state, {}));

  Condition alias = Make(ConditionKind::kAlias);
  alias.alias = "champion";
  alias.version = 1;
  CHECK(ConditionHolds(alias, state, {}));
  alias.version = 2;
  CHECK_FALSE(ConditionHolds(alias, state, {}));
}

TEST_CASE("serves and canary conditions look at the environment's deployment") {
  const engine::RegistryState state = State();
  Condition serves = Make(ConditionKind::kServes);
  serves.environment = "production";
  serves.version = 1;
  CHECK_FALSE(ConditionHolds(serves, state, {}));  // 100% by default, and it serves 90%
  serves.traffic = 90;
  CHECK(ConditionHolds(serves, state, {}));
  serves.environment = "staging";
  CHECK_FALSE(ConditionHolds(serves, state, {}));

  Condition canary = Make(ConditionKind::kCanary);
  canary.environment = "production";
  canary.version = 2;
  CHECK(ConditionHolds(canary, state, {}));  // any share
  canary.traffic = 10;
  CHECK(ConditionHolds(canary, state, {}));
  canary.traffic = 20;
  CHECK_FALSE(ConditionHolds(canary, state, {}));
  canary.traffic.reset();
  canary.version = 1;
  CHECK_FALSE(ConditionHolds(canary, state, {}));
}

TEST_CASE("metric conditions compare the version's metric") {
  const engine::RegistryState state = State();
  Condition metric = Make(ConditionKind::kMetric);
  metric.version = 2;
  metric.metric = "live_auc";
  metric.op = "<=";
  metric.value = 0.7;
  CHECK(ConditionHolds(metric, state, {}));
  metric.op = "<";
  CHECK_FALSE(ConditionHolds(metric, state, {}));
  metric.op = "=";
  CHECK(ConditionHolds(metric, state, {}));
  metric.version = 1;  // has no such metric
  CHECK_FALSE(ConditionHolds(metric, state, {}));
}

TEST_CASE("no-pending-requests holds only without a pending request (of the model)") {
  engine::RegistryState state = State();
  Condition none = Make(ConditionKind::kNoPendingRequests);
  CHECK(ConditionHolds(none, state, {}));
  engine::TransitionRequest request;
  request.model_name = "fraud";
  state.pending_requests = {request};
  CHECK(ConditionHolds(none, state, {}));  // another model's
  none.model.clear();
  CHECK_FALSE(ConditionHolds(none, state, {}));
  none.model = "churn";
  request.model_name = "churn";
  state.pending_requests = {request};
  CHECK_FALSE(ConditionHolds(none, state, {}));  // the model's own
}

TEST_CASE("happened and never match audit events by action and the fields given") {
  const engine::RegistryState state = State();
  engine::AuditEvent canary = Event(7, engine::kActionDeployCanary, 2);
  canary.environment = "production";
  canary.comment = "canary at 10% beside version 1";
  const std::vector<engine::AuditEvent> events = {
      Event(5, engine::kActionRefused, 2, "", "dana"), canary};

  Condition happened = Make(ConditionKind::kHappened);
  happened.action = engine::kActionDeployCanary;
  happened.environment = "production";
  happened.traffic = 10;
  CHECK(ConditionHolds(happened, state, events));
  happened.traffic = 25;
  CHECK_FALSE(ConditionHolds(happened, state, events));
  happened.traffic.reset();
  happened.actor = "priya";
  CHECK_FALSE(ConditionHolds(happened, state, events));
  CHECK_FALSE(ConditionHolds(happened, state, {}));

  Condition never = Make(ConditionKind::kNever);
  never.action = engine::kActionRefused;
  CHECK_FALSE(ConditionHolds(never, state, events));
  never.actor = "priya";
  CHECK(ConditionHolds(never, state, events));
  never.actor.clear();
  CHECK(ConditionHolds(never, state, {}));
}

TEST_CASE("approved-only holds when every move into the stage follows its approval") {
  const engine::RegistryState state = State();
  Condition approved = Make(ConditionKind::kApprovedOnly);
  approved.model.clear();
  approved.stage = "Production";
  CHECK(ConditionHolds(approved, state, {}));

  engine::AuditEvent approval = Event(3, engine::kActionApproveRequest, 2, "Production", "priya");
  engine::AuditEvent move = Event(4, engine::kActionTransitionStage, 2, "Production", "priya");
  CHECK(ConditionHolds(approved, state, {approval, move}));
  SUBCASE("a direct move breaks it") {
    CHECK_FALSE(ConditionHolds(approved, state, {move}));
  }
  SUBCASE("an approval of another version does not cover the move") {
    approval.version = 1;
    CHECK_FALSE(ConditionHolds(approved, state, {approval, move}));
  }
  SUBCASE("an approval in an earlier commit does not cover a later direct move") {
    move.seq = 9;
    CHECK_FALSE(ConditionHolds(approved, state, {approval, move}));
  }
  SUBCASE("moves into other stages do not matter") {
    move.to_stage = "Staging";
    CHECK(ConditionHolds(approved, state, {move}));
  }
}

TEST_CASE("Generated labels say what each condition checks") {
  Condition stage = Make(ConditionKind::kStage);
  stage.version = 1;
  stage.stage = "Staging";
  CHECK(ConditionLabel(stage) == "churn v1 is in Staging");
  stage.stage = "Archived";
  CHECK(ConditionLabel(stage) == "churn v1 is Archived");
  stage.stage = "none";
  CHECK(ConditionLabel(stage) == "churn v1 has no stage");
  stage.stage = "QA";
  CHECK(ConditionLabel(stage) == "churn v1 is in QA");
  Condition c = Make(ConditionKind::kServes);
  c.environment = "production";
  c.version = 2;
  CHECK(ConditionLabel(c) == "production serves churn v2 at 100%");
  c.kind = ConditionKind::kCanary;
  c.traffic = 10;
  CHECK(ConditionLabel(c) == "production serves churn v2 as a 10% canary");
  c.kind = ConditionKind::kMetric;
  c.metric = "auc";
  c.op = ">=";
  c.value = 0.85;
  CHECK(ConditionLabel(c) == "churn v2 has auc >= 0.85");
  Condition event = Make(ConditionKind::kHappened);
  event.action = engine::kActionRollback;
  event.environment = "production";
  CHECK(ConditionLabel(event) == "A rollback of churn in production");
  event.kind = ConditionKind::kNever;
  event.action = engine::kActionRefused;
  event.model.clear();
  event.environment.clear();
  event.actor = "dana";
  CHECK(ConditionLabel(event) == "No refused command by dana");
  CHECK(ConditionKindNamed("no-pending-requests") == ConditionKind::kNoPendingRequests);
  CHECK(ConditionKindName(ConditionKind::kApprovedOnly) == std::string("approved-only"));
  CHECK_FALSE(ConditionKindNamed("Stage").has_value());
}

}  // namespace
}  // namespace stagecraft::core
