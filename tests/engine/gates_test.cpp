// Stage gates: metric thresholds, required tags and required approvals, checked when a version
// moves into the stage; every failure reported in one message; a failed gate changes nothing;
// gates shown by ListStages; replacing and clearing conditions; who may change them.

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

Stage MustStage(const Registry& registry, const std::string& name) {
  auto stages = registry.ListStages();
  REQUIRE_OK(stages);
  for (const auto& s : *stages) {
    if (s.name == name) return s;
  }
  FAIL("no stage " << name);
  return {};
}

}  // namespace

TEST_CASE("no stage of a new registry is gated") {
  Fixture f;
  auto stages = f.registry.ListStages();
  REQUIRE_OK(stages);
  REQUIRE(stages->size() == 4);
  for (const auto& s : *stages) {
    CAPTURE(s.name);
    CHECK_FALSE(s.gated());
    CHECK(s.required_approvals == 0);
    CHECK(s.required_metrics.empty());
    CHECK(s.required_tags.empty());
  }
}

TEST_CASE(
    "SetStageGate adds conditions, returns the stage with its gate, and ListStages shows it") {
  Fixture f;
  GateChange change;
  change.required_approvals = 2;
  change.metrics.push_back(MetricRequirement{"accuracy", FilterOp::kGe, 0.9});
  change.metrics.push_back(MetricRequirement{"latency_ms", FilterOp::kLt, 120});
  change.tags["validation"] = "passed";
  const std::int64_t head = AuditHead(f.registry);
  auto stage = f.registry.SetStageGate("production", change);  // any spelling
  REQUIRE_OK(stage);
  CHECK(stage->name == kStageProduction);
  CHECK(stage->gated());
  CHECK(Describe(*stage) ==
        "gate Production approvals=2 accuracy>=0.90000000000000002 latency_ms<120 "
        "validation=passed");
  CHECK(Describe(MustStage(f.registry, kStageProduction)) == Describe(*stage));
  CHECK_FALSE(MustStage(f.registry, kStageStaging).gated());

  // One set_gate event naming the stage and the conditions.
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionSetGate);
  CHECK(events[0].to_stage == kStageProduction);
  CHECK_MENTIONS(events[0].comment, "2 approvals");
  CHECK_MENTIONS(events[0].comment, "accuracy >= 0.9");
  CHECK_MENTIONS(events[0].comment, "validation=passed");
}

TEST_CASE("a metric threshold lets a version in only when its metric passes") {
  struct Case {
    FilterOp op;
    double threshold;
    double value;
    bool passes;
  };
  const Case cases[] = {
      {FilterOp::kGe, 0.9, 0.9, true},   {FilterOp::kGe, 0.9, 0.8999, false},
      {FilterOp::kGt, 0.9, 0.9, false},  {FilterOp::kGt, 0.9, 0.91, true},
      {FilterOp::kLt, 120, 119.5, true}, {FilterOp::kLt, 120, 120, false},
      {FilterOp::kLe, 120, 120, true},   {FilterOp::kLe, 120, 121, false},
      {FilterOp::kEq, 1, 1, true},       {FilterOp::kEq, 1, 0, false},
      {FilterOp::kNe, 0, 1, true},       {FilterOp::kNe, 0, 0, false},
      {FilterOp::kGe, -5, -4, true},     {FilterOp::kGe, 1e-9, 0, false},
  };
  for (const auto& c : cases) {
    CAPTURE(FilterOpText(c.op));
    CAPTURE(c.threshold);
    CAPTURE(c.value);
    ChurnFixture f;
    MustSetGate(f.registry, kStageStaging, RequireMetric("m", c.op, c.threshold));
    REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "m", c.value));
    if (c.passes) {
      CHECK_OK(f.registry.TransitionStage(Move("churn", 1, kStageStaging)));
      CHECK(StageOf(f.registry, "churn", 1) == kStageStaging);
    } else {
      const std::string message =
          CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin",
                       [&] { return f.registry.TransitionStage(Move("churn", 1, kStageStaging)); });
      CHECK_MENTIONS(message, "gate of stage 'Staging'");
      CHECK_MENTIONS(message, "version 1 of model 'churn'");
      CHECK_MENTIONS(message, std::string("m ") + FilterOpText(c.op));
      CHECK(StageOf(f.registry, "churn", 1) == kStageNone);
    }
  }
}

TEST_CASE("a missing metric fails a metric gate, naming the metric") {
  ChurnFixture f;
  MustSetGate(f.registry, kStageProduction, RequireMetric("accuracy", FilterOp::kGe, 0.9));
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "f1", 0.99));
  const std::string message =
      CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin",
                   [&] { return f.registry.TransitionStage(Move("churn", 1, kStageProduction)); });
  CHECK_MENTIONS(message, "metric accuracy is missing (needs accuracy >= 0.9)");
}

TEST_CASE("a required tag must be present with exactly the required value") {
  ChurnFixture f;
  MustSetGate(f.registry, kStageProduction, RequireTag("validation", "passed"));
  std::string message;
  SUBCASE("missing") {
    message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin", [&] {
      return f.registry.TransitionStage(Move("churn", 1, kStageProduction));
    });
    CHECK_MENTIONS(message, "tag validation is missing (needs validation=passed)");
  }
  SUBCASE("another value") {
    REQUIRE_OK(f.registry.SetVersionTag("churn", 1, "validation", "failed"));
    message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin", [&] {
      return f.registry.TransitionStage(Move("churn", 1, kStageProduction));
    });
    CHECK_MENTIONS(message, "tag validation is 'failed' (needs validation=passed)");
  }
  SUBCASE("another letter case") {
    REQUIRE_OK(f.registry.SetVersionTag("churn", 1, "validation", "Passed"));
    message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin", [&] {
      return f.registry.TransitionStage(Move("churn", 1, kStageProduction));
    });
  }
  SUBCASE("the value") {
    REQUIRE_OK(f.registry.SetVersionTag("churn", 1, "validation", "passed"));
    CHECK_OK(f.registry.TransitionStage(Move("churn", 1, kStageProduction)));
    CHECK(StageOf(f.registry, "churn", 1) == kStageProduction);
    return;
  }
  CHECK_MENTIONS(message, "gate of stage 'Production'");
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);
}

TEST_CASE("a stage requiring approvals refuses a direct move even by an admin") {
  ChurnFixture f;
  MustSetGate(f.registry, kStageProduction, RequireApprovals(1));
  const std::string message =
      CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin",
                   [&] { return f.registry.TransitionStage(Move("churn", 1, kStageProduction)); });
  CHECK_MENTIONS(message, "0 of 1 required approvals");
  CHECK_MENTIONS(message, "request the transition");
  CHECK_MENTIONS(message, "version 1 of model 'churn'");
}

TEST_CASE("every failing condition of a gate is reported together in one message") {
  ChurnFixture f;
  GateChange change;
  change.required_approvals = 2;
  change.metrics.push_back(MetricRequirement{"accuracy", FilterOp::kGe, 0.9});
  change.metrics.push_back(MetricRequirement{"latency_ms", FilterOp::kLt, 120});
  change.metrics.push_back(MetricRequirement{"auc", FilterOp::kGt, 0.5});  // passes
  change.tags["validation"] = "passed";
  change.tags["owner"] = "risk";
  MustSetGate(f.registry, kStageProduction, change);
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "accuracy", 0.85));
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "auc", 0.7));
  REQUIRE_OK(f.registry.SetVersionTag("churn", 1, "validation", "pending"));
  const std::string message =
      CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin",
                   [&] { return f.registry.TransitionStage(Move("churn", 1, kStageProduction)); });
  CHECK_MENTIONS(message, "gate of stage 'Production' refused version 1 of model 'churn': ");
  CHECK_MENTIONS(message, "accuracy is 0.85 (needs accuracy >= 0.9)");
  CHECK_MENTIONS(message, "metric latency_ms is missing (needs latency_ms < 120)");
  CHECK_MENTIONS(message, "tag owner is missing (needs owner=risk)");
  CHECK_MENTIONS(message, "tag validation is 'pending' (needs validation=passed)");
  CHECK_MENTIONS(message, "0 of 2 required approvals");
  CHECK(message.find("auc") == std::string::npos);
  CHECK(message.find('\n') == std::string::npos);  // one line
  // Separated by "; ": five failures, four separators after the prefix.
  const std::string failures = message.substr(message.find(": ") + 2);
  std::size_t separators = 0;
  for (std::size_t at = failures.find("; "); at != std::string::npos;
       at = failures.find("; ", at + 2)) {
    ++separators;
  }
  CHECK(separators == 4);
}

TEST_CASE("a transition that fails a gate changes nothing, archive-existing included") {
  ChurnFixture f(2);
  MustTransition(f.registry, "churn", 1, kStageProduction);
  MustSetGate(f.registry, kStageProduction, RequireMetric("accuracy", FilterOp::kGe, 0.9));
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 2, "accuracy", 0.5));
  const std::int64_t head = AuditHead(f.registry);
  CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "ann", [&] {
    return f.registry.TransitionStage(Move("churn", 2, kStageProduction, /*archive=*/true, "go"),
                                      As("ann"));
  });
  CHECK(StageOf(f.registry, "churn", 1) == kStageProduction);  // not archived
  CHECK(StageOf(f.registry, "churn", 2) == kStageNone);
  // The refusal names the version and the stage it was refused.
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].model_name == "churn");
  CHECK(events[0].version == 2);
  CHECK(events[0].to_stage == kStageProduction);
}

TEST_CASE("gates are checked when a version moves in, not when it moves out or stays") {
  ChurnFixture f;
  MustTransition(f.registry, "churn", 1, kStageProduction);
  MustSetGate(f.registry, kStageProduction, RequireMetric("accuracy", FilterOp::kGe, 0.9));
  CHECK(StageOf(f.registry, "churn", 1) == kStageProduction);  // a new gate moves nobody
  CHECK_OK(f.registry.TransitionStage(Move("churn", 1, kStageArchived)));
  CHECK(f.registry.TransitionStage(Move("churn", 1, kStageProduction)).status().code() ==
        ErrorCode::kFailedPrecondition);
}

TEST_CASE("a condition on the same metric or tag replaces the old one; other conditions add up") {
  Fixture f;
  MustSetGate(f.registry, kStageStaging, RequireMetric("accuracy", FilterOp::kGe, 0.9));
  MustSetGate(f.registry, kStageStaging, RequireTag("validation", "passed"));
  MustSetGate(f.registry, kStageStaging, RequireApprovals(1));
  MustSetGate(f.registry, kStageStaging, RequireMetric("accuracy", FilterOp::kGt, 0.8));
  auto stage = MustSetGate(f.registry, kStageStaging, RequireTag("validation", "signed-off"));
  CHECK(Describe(stage) ==
        "gate Staging approvals=1 accuracy>0.80000000000000004 validation=signed-off");
  // Setting approvals again replaces the count; 0 lifts it.
  stage = MustSetGate(f.registry, kStageStaging, RequireApprovals(0));
  CHECK(stage.required_approvals == 0);
  CHECK(stage.gated());
}

TEST_CASE("clear removes every condition, before adding the ones given with it") {
  ChurnFixture f;
  GateChange full;
  full.required_approvals = 3;
  full.metrics.push_back(MetricRequirement{"accuracy", FilterOp::kGe, 0.9});
  full.tags["validation"] = "passed";
  MustSetGate(f.registry, kStageProduction, full);
  SUBCASE("clear alone") {
    GateChange clear;
    clear.clear = true;
    auto stage = MustSetGate(f.registry, kStageProduction, clear);
    CHECK_FALSE(stage.gated());
    CHECK_FALSE(MustStage(f.registry, kStageProduction).gated());
    CHECK(MustHistory(f.registry).back().comment == "cleared");
    // An ungated stage is open again, to a developer too.
    CHECK_OK(f.registry.TransitionStage(Move("churn", 1, kStageProduction), As("dev")));
  }
  SUBCASE("clear and a new condition") {
    GateChange change = RequireTag("owner", "risk");
    change.clear = true;
    auto stage = MustSetGate(f.registry, kStageProduction, change);
    CHECK(Describe(stage) == "gate Production approvals=0 owner=risk");
  }
}

TEST_CASE("only an admin changes a gate") {
  GovernanceFixture f;
  std::string actor;
  SUBCASE("viewer") { actor = "vic"; }
  SUBCASE("developer") { actor = "dev"; }
  SUBCASE("approver") { actor = "ann"; }
  const std::string message = CheckRefused(f.registry, ErrorCode::kPermissionDenied, actor, [&] {
    return f.registry.SetStageGate(kStageProduction, RequireApprovals(0), As(actor));
  });
  CHECK_MENTIONS(message, "'" + actor + "'");
  CHECK_MENTIONS(message, "change stage gates");
  CHECK_MENTIONS(message, "the admin role");
}

TEST_CASE("a malformed gate change fails and changes nothing") {
  Fixture f;
  std::string message;
  SUBCASE("approvals below 0") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument, [&] {
      return f.registry.SetStageGate(kStageProduction, RequireApprovals(-1));
    });
  }
  SUBCASE("approvals above 10") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument, [&] {
      return f.registry.SetStageGate(kStageProduction, RequireApprovals(11));
    });
    CHECK_MENTIONS(message, "11");
  }
  SUBCASE("a threshold that is not finite") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument, [&] {
      return f.registry.SetStageGate(
          kStageProduction,
          RequireMetric("accuracy", FilterOp::kGe, std::numeric_limits<double>::infinity()));
    });
    CHECK_MENTIONS(message, "'accuracy'");
  }
  SUBCASE("two conditions on one metric, which would silently keep only the second") {
    GateChange change;
    change.metrics = {MetricRequirement{"auc", FilterOp::kGe, 0.9},
                      MetricRequirement{"auc", FilterOp::kGe, 0.8}};
    message = CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument, [&] {
      return f.registry.SetStageGate(kStageProduction, change);
    });
    CHECK_MENTIONS(message, "two conditions on metric 'auc'");
  }
  SUBCASE("LIKE on a metric") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument, [&] {
      return f.registry.SetStageGate(kStageProduction,
                                     RequireMetric("accuracy", FilterOp::kLike, 1));
    });
  }
  SUBCASE("an empty tag key") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument, [&] {
      return f.registry.SetStageGate(kStageProduction, RequireTag("", "x"));
    });
  }
  SUBCASE("the stage None") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument, [&] {
      return f.registry.SetStageGate("none", RequireApprovals(1));
    });
    CHECK_MENTIONS(message, "'None'");
  }
  SUBCASE("an unknown stage") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kUnknownStage, [&] {
      return f.registry.SetStageGate("Canary", RequireApprovals(1));
    });
    CHECK_MENTIONS(message, "'Canary'");
    CHECK_MENTIONS(message, "None, Staging, Production, Archived");
  }
  CHECK_FALSE(message.empty());
}

TEST_CASE("ParseMetricRequirement reads one metric comparison and refuses anything else") {
  auto ge = ParseMetricRequirement("accuracy>=0.9");
  REQUIRE_OK(ge);
  CHECK(ge->metric == "accuracy");
  CHECK(ge->op == FilterOp::kGe);
  CHECK(ge->threshold == doctest::Approx(0.9));
  auto lt = ParseMetricRequirement("latency_ms < 120");
  REQUIRE_OK(lt);
  CHECK(lt->metric == "latency_ms");
  CHECK(lt->op == FilterOp::kLt);
  CHECK(lt->threshold == 120);
  auto dotted = ParseMetricRequirement("metrics.f1 != 0");
  if (dotted.ok()) CHECK(dotted->metric == "f1");

  for (const char* bad : {"", "accuracy", "accuracy >= high", "accuracy >= 0.9 AND f1 > 0.5",
                          "tags.validation = 'passed'", "accuracy LIKE '0.9'", ">= 0.9"}) {
    CAPTURE(bad);
    auto parsed = ParseMetricRequirement(bad);
    CHECK(parsed.status().code() == ErrorCode::kInvalidArgument);
    CHECK_MENTIONS(parsed.status().message(), "accuracy>=0.9");  // says what is expected
  }
}

TEST_CASE("a gate on an added stage guards it like a built-in one") {
  ChurnFixture f;
  REQUIRE_OK(f.registry.AddStage("Shadow", kStageProduction, /*exclusive=*/true));
  MustSetGate(f.registry, "shadow", RequireMetric("accuracy", FilterOp::kGe, 0.9));
  const std::string message =
      CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "admin",
                   [&] { return f.registry.TransitionStage(Move("churn", 1, "Shadow")); });
  CHECK_MENTIONS(message, "gate of stage 'Shadow'");
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "accuracy", 0.91));
  CHECK_OK(f.registry.TransitionStage(Move("churn", 1, "Shadow")));
}

TEST_CASE("gates survive reopening the registry file") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  std::string described;
  {
    Registry registry = OpenRegistry(clock, path);
    GateChange change = RequireMetric("accuracy", FilterOp::kGe, 0.1 + 0.2);  // not 0.3
    change.required_approvals = 2;
    change.tags["validation"] = "passed";
    described = Describe(MustSetGate(registry, kStageProduction, change));
  }
  Registry reopened = OpenRegistry(clock, path);
  CHECK(Describe(MustStage(reopened, kStageProduction)) == described);
  CHECK(MustStage(reopened, kStageProduction).required_metrics.at(0).threshold == 0.1 + 0.2);
}
