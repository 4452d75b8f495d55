// The audit log: one event per state change with seq, time, actor, action, model, version,
// from/to stage and comment; history of a model and of a version, oldest first.

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

std::int64_t LastSeq(const Registry& registry) {
  const auto events = MustHistory(registry);
  return events.empty() ? 0 : events.back().seq;
}

}  // namespace

TEST_CASE("a new registry has an empty audit log") {
  Fixture f;
  CHECK(MustHistory(f.registry).empty());
}

TEST_CASE("every change appends one event with seq time actor and details") {
  Fixture f;
  MustAddUser(f.registry, "alice");
  MustAddUser(f.registry, "bob");
  const std::int64_t base = LastSeq(f.registry);  // the two add_user events
  const Actor alice{"alice"};
  const Actor bob{"bob"};
  std::vector<Timestamp> times;

  times.push_back(f.clock.Advance(1000));
  REQUIRE_OK(f.registry.CreateModel("churn", "predicts who leaves", alice));

  times.push_back(f.clock.Advance(1000));
  NewModelVersion spec;
  spec.model_name = "churn";
  spec.source = "runs:/r1/model";
  spec.run_id = "r1";
  REQUIRE_OK(f.registry.CreateModelVersion(spec, alice));

  times.push_back(f.clock.Advance(1000));
  REQUIRE_OK(f.registry.TransitionStage(Move("churn", 1, "staging", false, "looks good"), bob));

  times.push_back(f.clock.Advance(1000));
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1, bob));

  times.push_back(f.clock.Advance(1000));
  REQUIRE_OK(f.registry.SetModelTag("churn", "team", "growth", alice));

  times.push_back(f.clock.Advance(1000));
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "accuracy", 0.5, alice));

  times.push_back(f.clock.Advance(1000));
  REQUIRE_OK(f.registry.UpdateModelDescription("churn", "new words", alice));

  times.push_back(f.clock.Advance(1000));
  REQUIRE_OK(f.registry.AddStage("QA", "Production", false, bob));

  auto events = MustHistory(f.registry);
  REQUIRE(events.size() == static_cast<std::size_t>(base) + 8);
  for (std::size_t i = 0; i < events.size(); ++i) {
    CHECK(events[i].seq == static_cast<std::int64_t>(i + 1));
  }
  events.erase(events.begin(), events.begin() + base);
  for (std::size_t i = 0; i < events.size(); ++i) {
    CAPTURE(Describe(events[i]));
    CHECK(events[i].time == times[i]);
  }

  const AuditEvent& create_model = events[0];
  CHECK(create_model.action == kActionCreateModel);
  CHECK(create_model.actor == "alice");
  CHECK(create_model.model_name == "churn");
  CHECK_FALSE(create_model.version.has_value());
  CHECK(create_model.from_stage.empty());

  const AuditEvent& create_version = events[1];
  CHECK(create_version.action == kActionCreateVersion);
  CHECK(create_version.actor == "alice");
  CHECK(create_version.model_name == "churn");
  REQUIRE(create_version.version.has_value());
  CHECK(*create_version.version == 1);
  CHECK(create_version.from_stage.empty());

  const AuditEvent& transition = events[2];
  CHECK(transition.action == kActionTransitionStage);
  CHECK(transition.actor == "bob");
  CHECK(transition.model_name == "churn");
  REQUIRE(transition.version.has_value());
  CHECK(*transition.version == 1);
  CHECK(transition.from_stage == "None");
  CHECK(transition.to_stage == "Staging");
  CHECK(transition.comment == "looks good");

  const AuditEvent& alias = events[3];
  CHECK(alias.action == kActionSetAlias);
  CHECK(alias.actor == "bob");
  REQUIRE(alias.version.has_value());
  CHECK(*alias.version == 1);
  CHECK(alias.comment.rfind("champion", 0) == 0);
  CHECK(alias.from_stage.empty());
  CHECK(alias.to_stage.empty());

  const AuditEvent& tag = events[4];
  CHECK(tag.action == kActionSetModelTag);
  CHECK(tag.model_name == "churn");
  CHECK_FALSE(tag.version.has_value());
  CHECK(tag.comment == "team=growth");

  const AuditEvent& metric = events[5];
  CHECK(metric.action == kActionSetMetric);
  REQUIRE(metric.version.has_value());
  CHECK(*metric.version == 1);
  CHECK(metric.comment.rfind("accuracy=", 0) == 0);

  const AuditEvent& update = events[6];
  CHECK(update.action == kActionUpdateModel);
  CHECK(update.model_name == "churn");

  const AuditEvent& stage = events[7];
  CHECK(stage.action == kActionAddStage);
  CHECK(stage.actor == "bob");
  CHECK(stage.model_name.empty());
  CHECK_FALSE(stage.version.has_value());
  CHECK(stage.to_stage == "QA");
}

TEST_CASE("each kind of change is recorded under its action name") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  REQUIRE_OK(f.registry.AddStage("QA"));
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1));
  const std::int64_t start = LastSeq(f.registry);

  struct Case {
    const char* action;
    std::function<Status()> run;
  };
  Registry& r = f.registry;
  const std::vector<Case> cases = {
      {kActionUpdateModel, [&] { return r.UpdateModelDescription("churn", "d"); }},
      {kActionSetModelTag, [&] { return r.SetModelTag("churn", "k", "v"); }},
      {kActionDeleteModelTag, [&] { return r.DeleteModelTag("churn", "k"); }},
      {kActionUpdateVersion, [&] { return r.UpdateVersionDescription("churn", 1, "d"); }},
      {kActionSetVersionTag, [&] { return r.SetVersionTag("churn", 1, "k", "v"); }},
      {kActionDeleteVersionTag, [&] { return r.DeleteVersionTag("churn", 1, "k"); }},
      {kActionSetMetric, [&] { return r.SetVersionMetric("churn", 1, "m", 1.0); }},
      {kActionTransitionStage, [&] { return r.TransitionStage(Move("churn", 1, "QA")).status(); }},
      {kActionSetAlias, [&] { return r.SetAlias("churn", "champion", 2); }},
      {kActionDeleteAlias, [&] { return r.DeleteAlias("churn", "champion"); }},
      {kActionUpdateStage, [&] { return r.SetStageExclusive("Production", true); }},
      {kActionDeleteVersion, [&] { return r.DeleteModelVersion("churn", 2); }},
      {kActionDeleteModel, [&] { return r.DeleteModel("churn"); }},
  };
  std::int64_t expected_seq = start;
  for (const Case& c : cases) {
    CAPTURE(std::string(c.action));
    REQUIRE_OK(c.run());
    const auto events = MustHistory(f.registry);
    REQUIRE(!events.empty());
    ++expected_seq;
    CHECK(events.back().seq == expected_seq);
    CHECK(events.back().action == c.action);
    CHECK(events.size() == static_cast<std::size_t>(expected_seq));
  }
  REQUIRE_OK(f.registry.AddStage("Canary"));
  REQUIRE_OK(f.registry.RemoveStage("Canary"));
  CHECK(MustHistory(f.registry).back().action == kActionRemoveStage);
}

// types.h says "comment: key=value"; the natural rendering of 0.5 is "0.5", not "0.500000".
TEST_CASE("a metric event comment shows the value in its shortest form") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "accuracy", 0.5));
  CHECK(MustHistory(f.registry).back().comment == "accuracy=0.5");
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "epochs", 12));
  CHECK(MustHistory(f.registry).back().comment == "epochs=12");
}

TEST_CASE("changes with no actor are recorded as admin") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  for (const auto& e : MustHistory(f.registry)) CHECK(e.actor == kDefaultActor);
}

TEST_CASE("failed operations append no event") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "Staging");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();

  CHECK_FALSE(f.registry.CreateModel("churn").ok());
  CHECK_FALSE(f.registry.CreateModel("").ok());
  CHECK_FALSE(f.registry.TransitionStage(Move("churn", 1, "Staging")).ok());
  CHECK_FALSE(f.registry.TransitionStage(Move("churn", 1, "Nowhere")).ok());
  CHECK_FALSE(f.registry.TransitionStage(Move("churn", 9, "Production")).ok());
  CHECK_FALSE(f.registry.SetAlias("churn", "latest", 1).ok());
  CHECK_FALSE(f.registry.SetAlias("churn", "champion", 9).ok());
  CHECK_FALSE(f.registry.DeleteAlias("churn", "champion").ok());
  CHECK_FALSE(f.registry.DeleteModel("fraud").ok());
  CHECK_FALSE(f.registry.DeleteModelVersion("churn", 9).ok());
  CHECK_FALSE(f.registry.AddStage("staging").ok());
  CHECK_FALSE(f.registry.RemoveStage("Production").ok());
  CHECK_FALSE(f.registry.SetVersionMetric("churn", 1, "m", std::numeric_limits<double>::quiet_NaN()).ok());

  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("earlier events never change as the log grows") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "Production");
  std::vector<std::string> first;
  for (const auto& e : MustHistory(f.registry)) first.push_back(Describe(e));

  f.clock.Advance(10'000);
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 2, "Production", true);
  REQUIRE_OK(f.registry.DeleteModelVersion("churn", 1));
  REQUIRE_OK(f.registry.DeleteModel("churn"));

  const auto later = MustHistory(f.registry);
  REQUIRE(later.size() > first.size());
  for (std::size_t i = 0; i < first.size(); ++i) CHECK(Describe(later[i]) == first[i]);
}

TEST_CASE("the history of a model has only its events oldest first") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateModel(f.registry, "fraud");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "fraud");
  REQUIRE_OK(f.registry.AddStage("QA"));
  MustTransition(f.registry, "churn", 1, "Staging");
  MustTransition(f.registry, "fraud", 1, "Production");
  MustCreateVersion(f.registry, "churn");

  const auto churn = ModelHistory(f.registry, "churn");
  CHECK(Join(Summaries(churn), " | ") ==
        "create_model churn | create_version churn v1 | "
        "transition_stage churn v1 None->Staging | create_version churn v2");
  for (std::size_t i = 1; i < churn.size(); ++i) CHECK(churn[i - 1].seq < churn[i].seq);

  const auto fraud = ModelHistory(f.registry, "fraud");
  CHECK(Join(Summaries(fraud), " | ") ==
        "create_model fraud | create_version fraud v1 | "
        "transition_stage fraud v1 None->Production");
}

TEST_CASE("the history of a version has only its events oldest first") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "Production");
  MustTransition(f.registry, "churn", 2, "Staging");
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1));
  // Version 2 displaces version 1: the archive event belongs to version 1's history.
  MustTransition(f.registry, "churn", 2, "Production", true);

  const auto v1 = VersionHistory(f.registry, "churn", 1);
  CHECK(Join(Summaries(v1), " | ") ==
        "create_version churn v1 | transition_stage churn v1 None->Production | "
        "set_alias churn v1 | transition_stage churn v1 Production->Archived");
  for (std::size_t i = 1; i < v1.size(); ++i) CHECK(v1[i - 1].seq < v1[i].seq);

  const auto v2 = VersionHistory(f.registry, "churn", 2);
  CHECK(Join(Summaries(v2), " | ") ==
        "create_version churn v2 | transition_stage churn v2 None->Staging | "
        "transition_stage churn v2 Staging->Production");
}

TEST_CASE("the history of a version includes the rollback away from it") {
  ChurnFixture f(2);
  MustShip(f.registry, "churn", 1);
  MustShip(f.registry, "churn", 2);
  REQUIRE_OK(f.registry.Rollback("churn", "production"));
  const auto v2 = VersionHistory(f.registry, "churn", 2);
  REQUIRE_FALSE(v2.empty());
  CHECK(v2.back().action == kActionRollback);
  CHECK(v2.back().version == 1);
  CHECK(v2.back().related_version == 2);
  // Filed under the version it restored, it is in that version's history once.
  const auto v1 = VersionHistory(f.registry, "churn", 1);
  CHECK(std::count_if(v1.begin(), v1.end(),
                      [](const AuditEvent& e) { return e.action == kActionRollback; }) == 1);
}

TEST_CASE("the history of a deleted version stays in its model's history") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustAddUser(f.registry, "eve");
  REQUIRE_OK(f.registry.DeleteModelVersion("churn", 2, Actor{"eve"}));
  const auto events = ModelHistory(f.registry, "churn");
  REQUIRE_FALSE(events.empty());
  const AuditEvent& e = events.back();
  CHECK(e.action == kActionDeleteVersion);
  REQUIRE(e.version.has_value());
  CHECK(*e.version == 2);
  CHECK(e.actor == "eve");
}

TEST_CASE("a version history query needs a model name") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  HistoryQuery query;
  query.version = 1;
  CHECK_ERROR(f.registry.History(query), ErrorCode::kInvalidArgument);
}

TEST_CASE("the history of a new model never includes events of a deleted model") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "Production");
  REQUIRE_OK(f.registry.DeleteModel("churn"));
  MustCreateModel(f.registry, "fraud");
  const auto events = ModelHistory(f.registry, "fraud");
  CHECK(Join(Summaries(events), " | ") == "create_model fraud");
  for (const auto& e : events) CHECK(e.model_name == "fraud");
}

// "only this model (the one that exists now)": a model registered again under a deleted name
// does not inherit the old one's history. The whole log still has both.
TEST_CASE("the history of a model registered again starts with its new registration") {
  Fixture f;
  MustCreateModel(f.registry, "churn", "old");
  MustCreateVersion(f.registry, "churn");
  REQUIRE_OK(f.registry.DeleteModel("churn"));
  MustCreateModel(f.registry, "churn", "new");
  const auto events = ModelHistory(f.registry, "churn");
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionCreateModel);
  CHECK(MustHistory(f.registry).size() == 4);
}

// The natural reading of "the one that exists now": asking for a model that does not exist is
// the same kNotFound as every other operation on it.
TEST_CASE("the history of an unknown model is kNotFound") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  HistoryQuery query;
  query.model_name = "fraud";
  auto events = f.registry.History(query);
  CHECK_ERROR(events, ErrorCode::kNotFound);
  CHECK_MENTIONS(events.status().message(), "fraud");
}

TEST_CASE("audit events keep names and comments verbatim") {
  Fixture f;
  const std::string name = "x'); DROP TABLE audit_log;--";
  const std::string comment = "it's \"done\"; DELETE FROM audit_log;";
  MustCreateModel(f.registry, name);
  MustCreateVersion(f.registry, name);
  MustAddUser(f.registry, "o.brien@example.com");
  REQUIRE_OK(f.registry.TransitionStage(Move(name, 1, "Staging", false, comment),
                                        Actor{"o.brien@example.com"}));
  const auto events = ModelHistory(f.registry, name);
  REQUIRE(events.size() == 3);
  CHECK(events[2].model_name == name);
  CHECK(events[2].comment == comment);
  CHECK(events[2].actor == "o.brien@example.com");
}

TEST_CASE("the sequence numbers of the log run 1 2 3 without gaps") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  for (int i = 0; i < 5; ++i) MustCreateVersion(f.registry, "churn");
  for (int v = 1; v <= 5; ++v) MustTransition(f.registry, "churn", v, "Production");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 6, "Production", true);
  const auto events = MustHistory(f.registry);
  REQUIRE(events.size() == 1 + 5 + 5 + 1 + 6);
  for (std::size_t i = 0; i < events.size(); ++i) {
    CHECK(events[i].seq == static_cast<std::int64_t>(i + 1));
  }
}
