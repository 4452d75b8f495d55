// Stages: the default list, case-insensitive canonical names, adding (before, exclusive),
// exclusivity changes and removal.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

std::vector<Stage> MustListStages(const Registry& registry) {
  auto stages = registry.ListStages();
  REQUIRE_MESSAGE(stages.ok(), stages.status().message());
  return stages.value();
}

Stage FindStage(const Registry& registry, const std::string& name) {
  for (const auto& stage : MustListStages(registry)) {
    if (stage.name == name) return stage;
  }
  FAIL("no stage named " << name);
  return {};
}

void CheckListsKnownStages(const std::string& message) {
  CHECK_MENTIONS(message, "None");
  CHECK_MENTIONS(message, "Staging");
  CHECK_MENTIONS(message, "Production");
  CHECK_MENTIONS(message, "Archived");
}

}  // namespace

TEST_CASE("a new registry has MLflow's four stages in order") {
  Fixture f;
  const auto stages = MustListStages(f.registry);
  REQUIRE(stages.size() == 4);
  CHECK(StageNames(stages) == "None,Staging,Production,Archived");
  for (int i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(stages[i].position == i);
    CHECK(stages[i].builtin);
    CHECK_FALSE(stages[i].exclusive);
  }
  CHECK(stages[0].name == kStageNone);
  CHECK(stages[1].name == kStageStaging);
  CHECK(stages[2].name == kStageProduction);
  CHECK(stages[3].name == kStageArchived);
}

TEST_CASE("stage names match in any case and come back canonical") {
  Fixture f;
  struct Case {
    const char* given;
    const char* canonical;
  };
  const Case cases[] = {
      {"production", "Production"}, {"PRODUCTION", "Production"}, {"Production", "Production"},
      {"pRoDuCtIoN", "Production"}, {"staging", "Staging"},       {"STAGING", "Staging"},
      {"none", "None"},             {"NONE", "None"},             {"archived", "Archived"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.given));
    auto canonical = f.registry.CanonicalStage(c.given);
    REQUIRE_OK(canonical);
    CHECK(*canonical == c.canonical);
  }
}

TEST_CASE("an unknown stage is kUnknownStage naming it and listing the known stages") {
  Fixture f;
  for (const char* name : {"Prod", "Productions", "QA", "Stagin", "Prod2"}) {
    CAPTURE(std::string(name));
    auto canonical = f.registry.CanonicalStage(name);
    CHECK_ERROR(canonical, ErrorCode::kUnknownStage);
    CHECK_MENTIONS(canonical.status().message(), name);
    CheckListsKnownStages(canonical.status().message());
  }
}

TEST_CASE("a stage without a position is added just before Archived") {
  Fixture f;
  auto added = f.registry.AddStage("QA");
  REQUIRE_OK(added);
  CHECK(added->name == "QA");
  CHECK(added->position == 3);
  CHECK_FALSE(added->exclusive);
  CHECK_FALSE(added->builtin);
  CHECK(StageNames(f.registry) == "None,Staging,Production,QA,Archived");
  const auto stages = MustListStages(f.registry);
  for (std::size_t i = 0; i < stages.size(); ++i) CHECK(stages[i].position == static_cast<int>(i));
  CHECK(FindStage(f.registry, "Archived").position == 4);
}

TEST_CASE("a stage can be added before a named stage") {
  Fixture f;
  SUBCASE("before Production") {
    auto added = f.registry.AddStage("QA", "Production");
    REQUIRE_OK(added);
    CHECK(added->position == 2);
    CHECK(StageNames(f.registry) == "None,Staging,QA,Production,Archived");
  }
  SUBCASE("before a stage spelt in another case") {
    REQUIRE_OK(f.registry.AddStage("QA", "production"));
    CHECK(StageNames(f.registry) == "None,Staging,QA,Production,Archived");
  }
  SUBCASE("before Staging") {
    REQUIRE_OK(f.registry.AddStage("Dev", "Staging"));
    CHECK(StageNames(f.registry) == "None,Dev,Staging,Production,Archived");
  }
  SUBCASE("before an added stage") {
    REQUIRE_OK(f.registry.AddStage("QA", "Production"));
    REQUIRE_OK(f.registry.AddStage("Canary", "QA"));
    CHECK(StageNames(f.registry) == "None,Staging,Canary,QA,Production,Archived");
  }
  const auto stages = MustListStages(f.registry);
  for (std::size_t i = 0; i < stages.size(); ++i) {
    CAPTURE(std::string(stages[i].name));
    CHECK(stages[i].position == static_cast<int>(i));
  }
}

TEST_CASE("an added stage can be exclusive") {
  Fixture f;
  auto added = f.registry.AddStage("Canary", "Production", true);
  REQUIRE_OK(added);
  CHECK(added->exclusive);
  CHECK(FindStage(f.registry, "Canary").exclusive);
  CHECK_FALSE(FindStage(f.registry, "Production").exclusive);
}

TEST_CASE("an added stage is matched in any case and kept as it was spelt") {
  Fixture f;
  REQUIRE_OK(f.registry.AddStage("QA"));
  for (const char* spelling : {"qa", "Qa", "QA"}) {
    CAPTURE(std::string(spelling));
    auto canonical = f.registry.CanonicalStage(spelling);
    REQUIRE_OK(canonical);
    CHECK(*canonical == "QA");
  }
}

TEST_CASE("an unknown stage error lists added stages too") {
  Fixture f;
  REQUIRE_OK(f.registry.AddStage("QA"));
  auto canonical = f.registry.CanonicalStage("Prod");
  CHECK_ERROR(canonical, ErrorCode::kUnknownStage);
  CheckListsKnownStages(canonical.status().message());
  CHECK_MENTIONS(canonical.status().message(), "QA");
}

TEST_CASE("a stage name taken in any case is kAlreadyExists and changes nothing") {
  Fixture f;
  REQUIRE_OK(f.registry.AddStage("QA"));
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  struct Case {
    const char* given;
    const char* existing;
  };
  for (const Case& c : {Case{"QA", "QA"}, Case{"qa", "QA"}, Case{"staging", "Staging"},
                        Case{"PRODUCTION", "Production"}, Case{"None", "None"},
                        Case{"archived", "Archived"}}) {
    CAPTURE(std::string(c.given));
    auto added = f.registry.AddStage(c.given);
    CHECK_ERROR(added, ErrorCode::kAlreadyExists);
    // Naming the stage that is in the way, in its canonical spelling, is what helps.
    CHECK_MENTIONS(added.status().message(), c.existing);
  }
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("stage names must be a letter then letters digits underscores or dashes") {
  Fixture f;
  SUBCASE("accepted") {
    for (const char* name : {"QA", "pre-prod", "Canary_1", "x", "A1-b_2"}) {
      CAPTURE(std::string(name));
      auto added = f.registry.AddStage(name);
      REQUIRE_OK(added);
      CHECK(added->name == name);
    }
  }
  SUBCASE("refused") {
    const std::string before = Fingerprint(f.registry);
    f.clock.Advance();
    for (const char* name : {"", "1QA", "-qa", "_qa", "Q A", "QA!", "qa.1", "q/a", "q'a",
                             "'); DROP TABLE stages;--"}) {
      CAPTURE(std::string(name));
      CHECK_ERROR(f.registry.AddStage(name), ErrorCode::kInvalidArgument);
    }
    CHECK(Fingerprint(f.registry) == before);
  }
}

TEST_CASE("a stage name may be 64 characters but not 65") {
  Fixture f;
  const std::string longest = "S" + std::string(63, 'x');
  const std::string too_long = "S" + std::string(64, 'x');
  auto added = f.registry.AddStage(longest);
  REQUIRE_OK(added);
  CHECK(added->name == longest);
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  CHECK_ERROR(f.registry.AddStage(too_long), ErrorCode::kInvalidArgument);
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("adding a stage before an unknown stage is kUnknownStage and changes nothing") {
  Fixture f;
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  auto added = f.registry.AddStage("QA", "Prod");
  CHECK_ERROR(added, ErrorCode::kUnknownStage);
  CHECK_MENTIONS(added.status().message(), "Prod");
  CheckListsKnownStages(added.status().message());
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("versions can move into an added stage") {
  Fixture f;
  REQUIRE_OK(f.registry.AddStage("QA", "Production"));
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  TransitionOutcome moved = MustTransition(f.registry, "churn", 1, "qa");
  CHECK(moved.to_stage == "QA");
  CHECK(StageOf(f.registry, "churn", 1) == "QA");
}

TEST_CASE("a stage can be made exclusive and not exclusive again") {
  Fixture f;
  REQUIRE_OK(f.registry.SetStageExclusive("production", true));
  CHECK(FindStage(f.registry, "Production").exclusive);
  REQUIRE_OK(f.registry.SetStageExclusive("Production", false));
  CHECK_FALSE(FindStage(f.registry, "Production").exclusive);

  REQUIRE_OK(f.registry.AddStage("QA"));
  REQUIRE_OK(f.registry.SetStageExclusive("QA", true));
  CHECK(FindStage(f.registry, "QA").exclusive);
}

TEST_CASE("making a stage exclusive while a model has two versions there is kConflict") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateModel(f.registry, "fraud");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "fraud");
  MustTransition(f.registry, "churn", 1, "Production");
  MustTransition(f.registry, "churn", 2, "Production");
  MustTransition(f.registry, "fraud", 1, "Production");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();

  Status status = f.registry.SetStageExclusive("Production", true);
  CHECK_ERROR(status, ErrorCode::kConflict);
  CHECK_MENTIONS(status.message(), "Production");
  CHECK_MENTIONS(status.message(), "churn");
  CHECK(Fingerprint(f.registry) == before);
  CHECK_FALSE(FindStage(f.registry, "Production").exclusive);

  // One version per model is fine.
  MustTransition(f.registry, "churn", 1, "Archived");
  CHECK_OK(f.registry.SetStageExclusive("Production", true));
  CHECK(FindStage(f.registry, "Production").exclusive);
}

TEST_CASE("changing exclusivity of an unknown stage is kUnknownStage") {
  Fixture f;
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  Status status = f.registry.SetStageExclusive("Prod", true);
  CHECK_ERROR(status, ErrorCode::kUnknownStage);
  CHECK_MENTIONS(status.message(), "Prod");
  CheckListsKnownStages(status.message());
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("an added empty stage can be removed") {
  Fixture f;
  REQUIRE_OK(f.registry.AddStage("QA", "Production"));
  REQUIRE_OK(f.registry.AddStage("Canary"));
  REQUIRE_OK(f.registry.RemoveStage("qa"));
  CHECK(StageNames(f.registry) == "None,Staging,Production,Canary,Archived");
  const auto stages = MustListStages(f.registry);
  for (std::size_t i = 0; i < stages.size(); ++i) CHECK(stages[i].position == static_cast<int>(i));
  CHECK_ERROR(f.registry.CanonicalStage("QA"), ErrorCode::kUnknownStage);
}

TEST_CASE("a built-in stage cannot be removed") {
  Fixture f;
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  for (const char* name : {"None", "Staging", "production", "ARCHIVED"}) {
    CAPTURE(std::string(name));
    Status status = f.registry.RemoveStage(name);
    CHECK_FALSE(status.ok());
    CHECK(status.code() != ErrorCode::kStorage);
  }
  CHECK(Fingerprint(f.registry) == before);
  CHECK(StageNames(f.registry) == "None,Staging,Production,Archived");
}

TEST_CASE("a stage that holds a version cannot be removed") {
  Fixture f;
  REQUIRE_OK(f.registry.AddStage("QA"));
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "QA");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  Status status = f.registry.RemoveStage("QA");
  CHECK_FALSE(status.ok());
  CHECK(status.code() != ErrorCode::kStorage);
  CHECK_MENTIONS(status.message(), "QA");
  CHECK(Fingerprint(f.registry) == before);
  CHECK(StageOf(f.registry, "churn", 1) == "QA");
}

// The natural codes: a rule about the current state is a failed precondition.
TEST_CASE("removing a built-in or occupied stage is kFailedPrecondition") {
  Fixture f;
  CHECK_ERROR(f.registry.RemoveStage("Staging"), ErrorCode::kFailedPrecondition);
  REQUIRE_OK(f.registry.AddStage("QA"));
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "QA");
  CHECK_ERROR(f.registry.RemoveStage("QA"), ErrorCode::kFailedPrecondition);
}

TEST_CASE("removing an unknown stage is kUnknownStage") {
  Fixture f;
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  Status status = f.registry.RemoveStage("QA");
  CHECK_ERROR(status, ErrorCode::kUnknownStage);
  CHECK_MENTIONS(status.message(), "QA");
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("stage changes are recorded in the audit log") {
  Fixture f;
  MustAddUser(f.registry, "ops");
  const std::size_t start = MustHistory(f.registry).size();
  REQUIRE_OK(f.registry.AddStage("QA", "Production", false, Actor{"ops"}));
  REQUIRE_OK(f.registry.SetStageExclusive("QA", true, Actor{"ops"}));
  REQUIRE_OK(f.registry.RemoveStage("QA", Actor{"ops"}));
  auto events = MustHistory(f.registry);
  events.erase(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(start));
  REQUIRE(events.size() == 3);
  CHECK(events[0].action == kActionAddStage);
  CHECK(events[0].to_stage == "QA");
  CHECK(events[0].model_name.empty());
  CHECK_FALSE(events[0].version.has_value());
  CHECK(events[0].actor == "ops");
  CHECK(events[1].action == kActionUpdateStage);
  CHECK(events[2].action == kActionRemoveStage);
  for (const auto& e : events) {
    CAPTURE(Describe(e));
    CHECK(e.model_name.empty());
    CHECK((e.to_stage == "QA" || e.from_stage == "QA" || Contains(e.comment, "QA")));
  }
}
