// Snapshots (read-only copies of the whole state, cheap to copy) and change listeners (told
// after each commit with that commit's audit events).

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

RegistrySnapshot MustSnapshot(const Registry& registry) {
  auto snapshot = registry.TakeSnapshot();
  REQUIRE_MESSAGE(snapshot.ok(), snapshot.status().message());
  REQUIRE(snapshot.value() != nullptr);
  return snapshot.value();
}

const ModelVersion* FindVersion(const RegistryState& state, const std::string& model,
                                std::int64_t version) {
  for (const auto& v : state.versions) {
    if (v.model_name == model && v.version == version) return &v;
  }
  return nullptr;
}

// Records every call a listener gets.
struct Recorder {
  std::vector<std::vector<AuditEvent>> calls;
  ChangeListener Listener() {
    return [this](const std::vector<AuditEvent>& events) { calls.push_back(events); };
  }
};

}  // namespace

// --- Snapshots ---

TEST_CASE("a snapshot of a new registry has the four stages and nothing else") {
  Fixture f;
  RegistrySnapshot snapshot = MustSnapshot(f.registry);
  CHECK(StageNames(snapshot->stages) == "None,Staging,Production,Archived");
  CHECK(snapshot->models.empty());
  CHECK(snapshot->versions.empty());
  CHECK(snapshot->last_event_seq == 0);
}

TEST_CASE("a snapshot holds the whole state in order") {
  Fixture f;
  MustCreateModel(f.registry, "fraud", "fraud model");
  MustCreateModel(f.registry, "churn", "churn model");
  MustCreateVersion(f.registry, "fraud");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 2, "Production");
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 2));
  REQUIRE_OK(f.registry.SetModelTag("churn", "team", "growth"));
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 2, "accuracy", 0.9));
  REQUIRE_OK(f.registry.AddStage("QA", "Production", true));

  RegistrySnapshot snapshot = MustSnapshot(f.registry);
  CHECK(StageNames(snapshot->stages) == "None,Staging,QA,Production,Archived");
  REQUIRE(snapshot->models.size() == 2);
  CHECK(snapshot->models[0].name == "churn");
  CHECK(snapshot->models[1].name == "fraud");
  CHECK(snapshot->models[0].description == "churn model");
  CHECK(snapshot->models[0].tags.at("team") == "growth");
  CHECK(snapshot->models[0].aliases.at("champion") == 2);
  CHECK(snapshot->models[0].latest_version == 2);
  CHECK(VersionList(snapshot->versions) == "churn/1 churn/2 fraud/1");
  const ModelVersion* v2 = FindVersion(*snapshot, "churn", 2);
  REQUIRE(v2 != nullptr);
  CHECK(v2->stage == "Production");
  CHECK(v2->aliases == std::vector<std::string>{"champion"});
  CHECK(v2->metrics.at("accuracy") == doctest::Approx(0.9));
  const auto history = MustHistory(f.registry);
  REQUIRE_FALSE(history.empty());
  CHECK(snapshot->last_event_seq == history.back().seq);
}

TEST_CASE("a snapshot agrees with what the registry reports one item at a time") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "Staging");
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1));
  RegistrySnapshot snapshot = MustSnapshot(f.registry);
  for (const auto& v : snapshot->versions) {
    CAPTURE(v.version);
    ModelVersion got = MustGetVersion(f.registry, v.model_name, v.version);
    CHECK(got.stage == v.stage);
    CHECK(got.aliases == v.aliases);
    CHECK(got.created_at == v.created_at);
    CHECK(got.updated_at == v.updated_at);
    CHECK(got.source == v.source);
  }
}

TEST_CASE("a snapshot is unchanged by later operations") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "Production");
  RegistrySnapshot before = MustSnapshot(f.registry);
  const std::string described = Describe(*before);

  f.clock.Advance(5000);
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 2, "Production", true);
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 2));
  REQUIRE_OK(f.registry.AddStage("QA"));
  MustCreateModel(f.registry, "fraud");
  REQUIRE_OK(f.registry.DeleteModel("churn"));

  CHECK(Describe(*before) == described);
  CHECK(VersionList(before->versions) == "churn/1");
  CHECK(before->versions[0].stage == "Production");
  CHECK(StageNames(before->stages) == "None,Staging,Production,Archived");

  RegistrySnapshot after = MustSnapshot(f.registry);
  CHECK(Describe(*after) != described);
  CHECK(VersionList(after->versions) == "");
  CHECK(after->last_event_seq > before->last_event_seq);
}

TEST_CASE("one snapshot per step tells the story of a walkthrough") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  std::vector<RegistrySnapshot> steps;
  steps.push_back(MustSnapshot(f.registry));
  MustTransition(f.registry, "churn", 1, "Production");
  steps.push_back(MustSnapshot(f.registry));
  MustTransition(f.registry, "churn", 2, "Production", true);
  steps.push_back(MustSnapshot(f.registry));

  auto stages = [](const RegistrySnapshot& s) {
    std::string out;
    for (const auto& v : s->versions) out += std::to_string(v.version) + ":" + v.stage + " ";
    return out;
  };
  CHECK(stages(steps[0]) == "1:None 2:None ");
  CHECK(stages(steps[1]) == "1:Production 2:None ");
  CHECK(stages(steps[2]) == "1:Archived 2:Production ");
  CHECK(steps[0]->last_event_seq < steps[1]->last_event_seq);
  CHECK(steps[1]->last_event_seq < steps[2]->last_event_seq);
}

TEST_CASE("copying a snapshot shares the state instead of copying it") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  RegistrySnapshot original = MustSnapshot(f.registry);
  const long owners = original.use_count();
  RegistrySnapshot copy = original;
  CHECK(copy.get() == original.get());
  CHECK(&copy->models == &original->models);
  CHECK(original.use_count() == owners + 1);
  std::vector<RegistrySnapshot> many(100, original);
  CHECK(original.use_count() == owners + 101);
}

TEST_CASE("a failed operation leaves the next snapshot equal to the last") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  const std::string before = Describe(*MustSnapshot(f.registry));
  f.clock.Advance();
  CHECK_FALSE(f.registry.TransitionStage(Move("churn", 1, "None")).ok());
  CHECK_FALSE(f.registry.CreateModel("churn").ok());
  CHECK(Describe(*MustSnapshot(f.registry)) == before);
}

// --- Change listeners ---

TEST_CASE("a listener is told after each commit with that commit's events") {
  Fixture f;
  Recorder recorder;
  f.registry.Subscribe(recorder.Listener());

  MustCreateModel(f.registry, "churn");
  REQUIRE(recorder.calls.size() == 1);
  REQUIRE(recorder.calls[0].size() == 1);
  CHECK(recorder.calls[0][0].action == kActionCreateModel);
  CHECK(recorder.calls[0][0].model_name == "churn");

  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "Staging");
  REQUIRE(recorder.calls.size() == 3);
  REQUIRE(recorder.calls[2].size() == 1);
  CHECK(Summary(recorder.calls[2][0]) == "transition_stage churn v1 None->Staging");

  // The events handed over are the ones in the log.
  const auto history = MustHistory(f.registry);
  std::vector<AuditEvent> told;
  for (const auto& call : recorder.calls) told.insert(told.end(), call.begin(), call.end());
  REQUIRE(told.size() == history.size());
  for (std::size_t i = 0; i < told.size(); ++i) CHECK(Describe(told[i]) == Describe(history[i]));
}

TEST_CASE("a listener sees the committed state when it is called") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  std::vector<std::string> seen_stages;
  std::vector<std::int64_t> seen_log_sizes;
  f.registry.Subscribe([&](const std::vector<AuditEvent>&) {
    auto v = f.registry.GetModelVersion("churn", 1);
    seen_stages.push_back(v.ok() ? v->stage : "error: " + v.status().message());
    auto log = f.registry.History();
    seen_log_sizes.push_back(log.ok() ? static_cast<std::int64_t>(log->size()) : -1);
  });
  MustTransition(f.registry, "churn", 1, "Production");
  REQUIRE(seen_stages.size() == 1);
  CHECK(seen_stages[0] == "Production");
  CHECK(seen_log_sizes[0] == 3);
}

TEST_CASE("archive-existing tells listeners once with every event of the transaction") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  for (int i = 0; i < 3; ++i) MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "Production");
  MustTransition(f.registry, "churn", 2, "Production");
  Recorder recorder;
  f.registry.Subscribe(recorder.Listener());

  MustTransition(f.registry, "churn", 3, "Production", true);
  REQUIRE(recorder.calls.size() == 1);
  std::vector<std::string> summaries = Summaries(recorder.calls[0]);
  std::sort(summaries.begin(), summaries.end());
  CHECK(Join(summaries, " | ") ==
        "transition_stage churn v1 Production->Archived | "
        "transition_stage churn v2 Production->Archived | "
        "transition_stage churn v3 None->Production");
  const auto& events = recorder.calls[0];
  for (std::size_t i = 1; i < events.size(); ++i) CHECK(events[i - 1].seq + 1 == events[i].seq);
}

TEST_CASE("a listener is not told about a failed operation") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  REQUIRE_OK(f.registry.SetStageExclusive("Production", true));
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "Production");
  Recorder recorder;
  f.registry.Subscribe(recorder.Listener());

  CHECK_FALSE(f.registry.CreateModel("churn").ok());
  CHECK_FALSE(f.registry.TransitionStage(Move("churn", 1, "Production")).ok());
  CHECK_FALSE(f.registry.TransitionStage(Move("churn", 2, "Production")).ok());  // conflict
  CHECK_FALSE(f.registry.TransitionStage(Move("churn", 2, "Prod")).ok());
  CHECK_FALSE(f.registry.SetAlias("churn", "latest", 1).ok());
  CHECK_FALSE(f.registry.DeleteModel("fraud").ok());
  CHECK(recorder.calls.empty());
}

TEST_CASE("every subscriber is told and an unsubscribed one is not") {
  Fixture f;
  Recorder first;
  Recorder second;
  const SubscriptionId first_id = f.registry.Subscribe(first.Listener());
  const SubscriptionId second_id = f.registry.Subscribe(second.Listener());
  CHECK(first_id != second_id);

  MustCreateModel(f.registry, "churn");
  CHECK(first.calls.size() == 1);
  CHECK(second.calls.size() == 1);

  f.registry.Unsubscribe(first_id);
  MustCreateModel(f.registry, "fraud");
  CHECK(first.calls.size() == 1);
  REQUIRE(second.calls.size() == 2);
  CHECK(second.calls[1][0].model_name == "fraud");

  f.registry.Unsubscribe(second_id);
  MustCreateModel(f.registry, "spam");
  CHECK(second.calls.size() == 2);
}

TEST_CASE("unsubscribing an unknown id or twice is harmless") {
  Fixture f;
  Recorder recorder;
  const SubscriptionId id = f.registry.Subscribe(recorder.Listener());
  f.registry.Unsubscribe(id + 1000);
  MustCreateModel(f.registry, "churn");
  CHECK(recorder.calls.size() == 1);
  f.registry.Unsubscribe(id);
  f.registry.Unsubscribe(id);
  MustCreateModel(f.registry, "fraud");
  CHECK(recorder.calls.size() == 1);
}

TEST_CASE("listeners hear about stage changes too") {
  Fixture f;
  Recorder recorder;
  f.registry.Subscribe(recorder.Listener());
  REQUIRE_OK(f.registry.AddStage("QA"));
  REQUIRE(recorder.calls.size() == 1);
  REQUIRE(recorder.calls[0].size() == 1);
  CHECK(recorder.calls[0][0].action == kActionAddStage);
  CHECK(recorder.calls[0][0].to_stage == "QA");
}
