// Stage transitions: moving versions, canonical stage names, archive-existing, exclusive stages,
// and the refusals (unknown stage, unknown version, same stage, conflict).

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

// churn with `count` versions, all in None.
Fixture WithVersions(int count) {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  for (int i = 0; i < count; ++i) MustCreateVersion(f.registry, "churn");
  return f;
}

std::vector<AuditEvent> EventsAfter(const Registry& registry, std::int64_t seq) {
  std::vector<AuditEvent> out;
  for (const auto& e : MustHistory(registry)) {
    if (e.seq > seq) out.push_back(e);
  }
  return out;
}

std::int64_t LastSeq(const Registry& registry) {
  const auto events = MustHistory(registry);
  return events.empty() ? 0 : events.back().seq;
}

}  // namespace

TEST_CASE("a version moves to a stage and the outcome says from where to where") {
  Fixture f = WithVersions(1);
  const Timestamp when = f.clock.Advance(3000);
  auto moved = f.registry.TransitionStage(Move("churn", 1, "Staging"));
  REQUIRE_OK(moved);
  CHECK(moved->model_name == "churn");
  CHECK(moved->version == 1);
  CHECK(moved->from_stage == "None");
  CHECK(moved->to_stage == "Staging");
  CHECK(moved->archived_versions.empty());

  ModelVersion got = MustGetVersion(f.registry, "churn", 1);
  CHECK(got.stage == "Staging");
  CHECK(got.updated_at == when);
  CHECK(got.created_at == kStartTime);
}

TEST_CASE("a version can walk through every stage and back") {
  Fixture f = WithVersions(1);
  for (const char* stage : {"Staging", "Production", "Archived", "Production", "None"}) {
    CAPTURE(std::string(stage));
    TransitionOutcome moved = MustTransition(f.registry, "churn", 1, stage);
    CHECK(moved.to_stage == stage);
    CHECK(StageOf(f.registry, "churn", 1) == stage);
  }
}

TEST_CASE("a transition stores the canonical stage name") {
  Fixture f = WithVersions(1);
  for (const char* spelling : {"production", "PRODUCTION", "pRoDuCtIoN"}) {
    CAPTURE(std::string(spelling));
    MustTransition(f.registry, "churn", 1, "Staging");
    TransitionOutcome moved = MustTransition(f.registry, "churn", 1, spelling);
    CHECK(moved.to_stage == "Production");
    CHECK(moved.from_stage == "Staging");
    CHECK(StageOf(f.registry, "churn", 1) == "Production");
  }
  const auto events = MustHistory(f.registry);
  CHECK(events.back().to_stage == "Production");
}

TEST_CASE("a transition to an unknown stage is kUnknownStage listing the stages and changes nothing") {
  Fixture f = WithVersions(1);
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  auto moved = f.registry.TransitionStage(Move("churn", 1, "Prod"));
  CHECK_ERROR(moved, ErrorCode::kUnknownStage);
  const std::string message = moved.status().message();
  CHECK_MENTIONS(message, "Prod");
  for (const char* known : {"None", "Staging", "Production", "Archived"}) {
    CHECK_MENTIONS(message, known);
  }
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("a transition of a missing model or version is kNotFound and changes nothing") {
  Fixture f = WithVersions(2);
  REQUIRE_OK(f.registry.DeleteModelVersion("churn", 2));
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  SUBCASE("unknown version") {
    auto moved = f.registry.TransitionStage(Move("churn", 5, "Staging"));
    CHECK_ERROR(moved, ErrorCode::kNotFound);
    CHECK_MENTIONS(moved.status().message(), "churn");
    CHECK_MENTIONS(moved.status().message(), "5");
  }
  SUBCASE("deleted version") {
    auto moved = f.registry.TransitionStage(Move("churn", 2, "Staging"));
    CHECK_ERROR(moved, ErrorCode::kNotFound);
    CHECK_MENTIONS(moved.status().message(), "churn");
    CHECK_MENTIONS(moved.status().message(), "2");
  }
  SUBCASE("unknown model") {
    auto moved = f.registry.TransitionStage(Move("fraud", 1, "Staging"));
    CHECK_ERROR(moved, ErrorCode::kNotFound);
    CHECK_MENTIONS(moved.status().message(), "fraud");
  }
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("a transition to the stage a version is already in is kFailedPrecondition without an audit event") {
  Fixture f = WithVersions(2);
  MustTransition(f.registry, "churn", 1, "Staging");
  // Version 2 stays in None.
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  const std::int64_t last_seq = LastSeq(f.registry);
  f.clock.Advance();
  SUBCASE("same spelling") {
    auto moved = f.registry.TransitionStage(Move("churn", 1, "Staging", false, "again"));
    CHECK_ERROR(moved, ErrorCode::kFailedPrecondition);
    CHECK_MENTIONS(moved.status().message(), "Staging");
    CHECK_MENTIONS(moved.status().message(), "churn");
    CHECK_MENTIONS(moved.status().message(), "1");
  }
  SUBCASE("another spelling of the same stage") {
    auto moved = f.registry.TransitionStage(Move("churn", 1, "STAGING"));
    CHECK_ERROR(moved, ErrorCode::kFailedPrecondition);
    CHECK_MENTIONS(moved.status().message(), "Staging");
  }
  SUBCASE("with archive-existing") {
    auto moved = f.registry.TransitionStage(Move("churn", 1, "Staging", true));
    CHECK_ERROR(moved, ErrorCode::kFailedPrecondition);
  }
  SUBCASE("a new version to None") {
    auto moved = f.registry.TransitionStage(Move("churn", 2, "none"));
    CHECK_ERROR(moved, ErrorCode::kFailedPrecondition);
    CHECK_MENTIONS(moved.status().message(), "None");
    CHECK_MENTIONS(moved.status().message(), "2");
  }
  CHECK(LastSeq(f.registry) == last_seq);
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("several versions may share a non-exclusive stage") {
  Fixture f = WithVersions(3);
  MustTransition(f.registry, "churn", 1, "Production");
  TransitionOutcome moved = MustTransition(f.registry, "churn", 2, "Production");
  CHECK(moved.archived_versions.empty());
  MustTransition(f.registry, "churn", 3, "Production");
  CHECK(StageOf(f.registry, "churn", 1) == "Production");
  CHECK(StageOf(f.registry, "churn", 2) == "Production");
  CHECK(StageOf(f.registry, "churn", 3) == "Production");
}

TEST_CASE("archive-existing moves every other version in the target stage to Archived") {
  Fixture f = WithVersions(4);
  MustTransition(f.registry, "churn", 1, "Production");
  MustTransition(f.registry, "churn", 2, "Production");
  MustTransition(f.registry, "churn", 3, "Staging");
  // Version 4 stays in None.
  const Timestamp when = f.clock.Advance(7000);

  TransitionOutcome moved = MustTransition(f.registry, "churn", 3, "Production", true);
  CHECK(moved.from_stage == "Staging");
  CHECK(moved.to_stage == "Production");
  std::vector<std::int64_t> archived = moved.archived_versions;
  std::sort(archived.begin(), archived.end());
  CHECK(Join(archived) == "1,2");

  CHECK(StageOf(f.registry, "churn", 1) == "Archived");
  CHECK(StageOf(f.registry, "churn", 2) == "Archived");
  CHECK(StageOf(f.registry, "churn", 3) == "Production");
  CHECK(StageOf(f.registry, "churn", 4) == "None");
  CHECK(MustGetVersion(f.registry, "churn", 1).updated_at == when);
  CHECK(MustGetVersion(f.registry, "churn", 2).updated_at == when);
}

TEST_CASE("archive-existing writes a transition event for each archived version") {
  Fixture f = WithVersions(3);
  MustTransition(f.registry, "churn", 1, "Production");
  MustTransition(f.registry, "churn", 2, "Production");
  MustAddUser(f.registry, "alice");
  const std::int64_t last_seq = LastSeq(f.registry);
  const Timestamp when = f.clock.Advance();

  auto moved = f.registry.TransitionStage(Move("churn", 3, "production", true, "better recall"),
                                          Actor{"alice"});
  REQUIRE_OK(moved);

  auto events = EventsAfter(f.registry, last_seq);
  REQUIRE(events.size() == 3);
  std::vector<std::string> summaries = Summaries(events);
  std::sort(summaries.begin(), summaries.end());
  CHECK(Join(summaries, " | ") ==
        "transition_stage churn v1 Production->Archived | "
        "transition_stage churn v2 Production->Archived | "
        "transition_stage churn v3 None->Production");
  for (std::size_t i = 0; i < events.size(); ++i) {
    const AuditEvent& e = events[i];
    CAPTURE(Describe(e));
    CHECK(e.seq == last_seq + 1 + static_cast<std::int64_t>(i));
    CHECK(e.time == when);
    CHECK(e.actor == "alice");
    CHECK(e.action == kActionTransitionStage);
    REQUIRE(e.version.has_value());
    if (*e.version == 3) {
      CHECK(e.comment == "better recall");
    } else {
      // "with a comment naming the version that displaced them"
      CHECK_MENTIONS(e.comment, "3");
    }
  }
}

TEST_CASE("archive-existing leaves other models and other stages alone") {
  Fixture f = WithVersions(3);
  MustCreateModel(f.registry, "fraud");
  MustCreateVersion(f.registry, "fraud");
  MustTransition(f.registry, "fraud", 1, "Production");
  MustTransition(f.registry, "churn", 1, "Staging");
  MustTransition(f.registry, "churn", 2, "Production");

  TransitionOutcome moved = MustTransition(f.registry, "churn", 3, "Production", true);
  CHECK(Join(moved.archived_versions) == "2");
  CHECK(StageOf(f.registry, "fraud", 1) == "Production");
  CHECK(StageOf(f.registry, "churn", 1) == "Staging");
  CHECK(StageOf(f.registry, "churn", 2) == "Archived");
}

TEST_CASE("archive-existing with nothing to archive archives nothing") {
  Fixture f = WithVersions(2);
  const std::int64_t last_seq = LastSeq(f.registry);
  TransitionOutcome moved = MustTransition(f.registry, "churn", 1, "Production", true);
  CHECK(moved.archived_versions.empty());
  CHECK(EventsAfter(f.registry, last_seq).size() == 1);
  CHECK(StageOf(f.registry, "churn", 2) == "None");
}

// MLflow allows archive_existing_versions only when moving to Staging or Production: archiving
// the "others" in None or Archived makes no sense. Assumed the same here for the built-in stages.
TEST_CASE("archive-existing into None or Archived is kInvalidArgument and changes nothing") {
  Fixture f = WithVersions(3);
  MustTransition(f.registry, "churn", 1, "Archived");
  MustTransition(f.registry, "churn", 2, "Production");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  SUBCASE("Archived") {
    auto moved = f.registry.TransitionStage(Move("churn", 3, "Archived", true));
    CHECK_ERROR(moved, ErrorCode::kInvalidArgument);
    CHECK_MENTIONS(moved.status().message(), "Archived");
  }
  SUBCASE("None") {
    auto moved = f.registry.TransitionStage(Move("churn", 2, "None", true));
    CHECK_ERROR(moved, ErrorCode::kInvalidArgument);
    CHECK_MENTIONS(moved.status().message(), "None");
  }
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("archive-existing reaches every displaced version however many there are") {
  Fixture f = WithVersions(12);
  for (int v = 1; v <= 11; ++v) MustTransition(f.registry, "churn", v, "Staging");
  TransitionOutcome moved = MustTransition(f.registry, "churn", 12, "Staging", true);
  CHECK(moved.archived_versions.size() == 11);
  for (int v = 1; v <= 11; ++v) {
    CAPTURE(v);
    CHECK(StageOf(f.registry, "churn", v) == "Archived");
  }
}

TEST_CASE("a transition into an occupied exclusive stage is kConflict and changes nothing") {
  Fixture f = WithVersions(2);
  REQUIRE_OK(f.registry.SetStageExclusive("Production", true));
  MustTransition(f.registry, "churn", 1, "Production");
  MustTransition(f.registry, "churn", 2, "Staging");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();

  auto moved = f.registry.TransitionStage(Move("churn", 2, "Production"));
  CHECK_ERROR(moved, ErrorCode::kConflict);
  CHECK_MENTIONS(moved.status().message(), "Production");
  CHECK_MENTIONS(moved.status().message(), "churn");
  CHECK_MENTIONS(moved.status().message(), "1");  // the version in the way
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("archive-existing lets a version into an occupied exclusive stage") {
  Fixture f = WithVersions(2);
  REQUIRE_OK(f.registry.AddStage("Canary", "Production", true));
  MustTransition(f.registry, "churn", 1, "Canary");
  TransitionOutcome moved = MustTransition(f.registry, "churn", 2, "canary", true);
  CHECK(moved.to_stage == "Canary");
  CHECK(Join(moved.archived_versions) == "1");
  CHECK(StageOf(f.registry, "churn", 1) == "Archived");
  CHECK(StageOf(f.registry, "churn", 2) == "Canary");
}

TEST_CASE("an exclusive stage holds at most one version per model not per registry") {
  Fixture f = WithVersions(1);
  MustCreateModel(f.registry, "fraud");
  MustCreateVersion(f.registry, "fraud");
  REQUIRE_OK(f.registry.AddStage("Canary", "", true));
  MustTransition(f.registry, "churn", 1, "Canary");
  TransitionOutcome moved = MustTransition(f.registry, "fraud", 1, "Canary");
  CHECK(moved.archived_versions.empty());
  CHECK(StageOf(f.registry, "churn", 1) == "Canary");
}

TEST_CASE("an exclusive stage that a version left is free again") {
  Fixture f = WithVersions(2);
  REQUIRE_OK(f.registry.SetStageExclusive("Production", true));
  MustTransition(f.registry, "churn", 1, "Production");
  MustTransition(f.registry, "churn", 1, "Archived");
  MustTransition(f.registry, "churn", 2, "Production");
  CHECK(StageOf(f.registry, "churn", 2) == "Production");
}

TEST_CASE("a deleted version frees its place in an exclusive stage") {
  Fixture f = WithVersions(2);
  REQUIRE_OK(f.registry.SetStageExclusive("Production", true));
  MustTransition(f.registry, "churn", 1, "Production");
  REQUIRE_OK(f.registry.DeleteModelVersion("churn", 1));
  MustTransition(f.registry, "churn", 2, "Production");
  CHECK(StageOf(f.registry, "churn", 2) == "Production");
}

TEST_CASE("a transition records its actor comment and times in the audit log") {
  Fixture f = WithVersions(1);
  MustAddUser(f.registry, "bob");
  const std::int64_t last_seq = LastSeq(f.registry);
  const Timestamp when = f.clock.Advance(60'000);
  REQUIRE_OK(f.registry.TransitionStage(Move("churn", 1, "staging", false, "ready for QA"),
                                        Actor{"bob"}));
  auto events = EventsAfter(f.registry, last_seq);
  REQUIRE(events.size() == 1);
  const AuditEvent& e = events[0];
  CHECK(e.seq == last_seq + 1);
  CHECK(e.time == when);
  CHECK(e.actor == "bob");
  CHECK(e.action == kActionTransitionStage);
  CHECK(e.model_name == "churn");
  REQUIRE(e.version.has_value());
  CHECK(*e.version == 1);
  CHECK(e.from_stage == "None");
  CHECK(e.to_stage == "Staging");
  CHECK(e.comment == "ready for QA");
}

TEST_CASE("a transition with the default actor is recorded as admin") {
  Fixture f = WithVersions(1);
  MustTransition(f.registry, "churn", 1, "Staging");
  CHECK(MustHistory(f.registry).back().actor == "admin");
}
