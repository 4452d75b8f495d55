// ScenarioRun: each step as data (the engine's code and message, its audit events, the versions
// it touched with their stage after it, the primary version), and the state after any step
// rebuilt from checkpoints by replay: the same as running up to that step, whatever the
// checkpoint spacing, the cache or the order of access.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "stagecraft/commands/scenario.h"

using namespace stagecraft::commands;
using stagecraft::engine::ErrorCode;
using stagecraft::engine::RegistrySnapshot;
using stagecraft::engine::RegistryState;

namespace {

ScenarioRun MustRun(const std::string& script, ScenarioOptions options = {}) {
  auto lines = ParseScript(script);
  REQUIRE_MESSAGE(lines.ok(), lines.status().message());
  auto run = RunScenario(*lines, options);
  REQUIRE_MESSAGE(run.ok(), run.status().message());
  return std::move(run).value();
}

RegistrySnapshot After(const ScenarioRun& run, std::size_t k) {
  auto state = run.StateAfter(k);
  REQUIRE_MESSAGE(state.ok(), state.status().message());
  return *state;
}

// "churn v1" for each touched version, with its stage ("-" when gone).
std::vector<std::string> Touched(const ScenarioStep& step) {
  std::vector<std::string> out;
  for (const auto& t : step.touched) {
    out.push_back(t.model_name + " v" + std::to_string(t.version) + " " +
                  (t.exists ? t.stage : "-"));
  }
  return out;
}

std::vector<std::string> Actions(const ScenarioStep& step) {
  std::vector<std::string> out;
  for (const auto& e : step.events) out.push_back(e.action);
  return out;
}

// A script of every kind of step, refusals and usage errors included, from a seed.
std::string MixedScript(unsigned seed, int steps) {
  std::mt19937 random(seed);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::vector<std::string> models = {"churn", "fraud", "ltv"};
  std::string script =
      "users add dev --role developer\nusers add ann --role approver\nusers add vic --role viewer\n"
      "stages add Shadow --before Production\n";
  for (const auto& m : models) script += "models create " + m + "\n";
  std::map<std::string, int> versions;
  int requests = 0;
  for (int i = 0; i < steps; ++i) {
    const std::string m = models[static_cast<std::size_t>(pick(3))];
    const std::string v = std::to_string(1 + pick(versions[m] + 1));
    const std::string stages[] = {"Staging", "Production", "Shadow", "Archived", "production", "Nowhere"};
    switch (pick(16)) {
      case 0: case 1: case 2:
        script += "models create-version -m " + m + " --source s --metric accuracy=0.9\n";
        ++versions[m];
        break;
      case 3: case 4:
        script += "models transition-stage -m " + m + " -v " + v + " --stage " +
                  stages[pick(6)] + (pick(2) ? " --archive-existing\n" : "\n");
        break;
      case 5:
        script += "models set-alias -m " + m + " --alias " + (pick(2) ? "champion" : "challenger") +
                  " -v " + v + "\n";
        break;
      case 6: script += "models delete-alias -m " + m + " --alias champion\n"; break;
      case 7:
        script += "--as ann models deploy -m " + m + " -v " + v + " --env " +
                  (pick(2) ? "production" : "staging") + (pick(3) == 0 ? " --traffic 20\n" : "\n");
        break;
      case 8: script += "--as ann models rollback -m " + m + "\n"; break;
      case 9: script += "models promote-canary -m " + m + "\n"; break;
      case 10:
        script += "--as dev models request-transition -m " + m + " -v " + v + " --stage Production\n";
        ++requests;
        break;
      case 11:
        script += "--as ann models " + std::string(pick(2) ? "approve" : "reject") + "-request --id " +
                  std::to_string(1 + pick(requests + 1)) + "\n";
        break;
      case 12: script += "--as vic models transition-stage -m " + m + " -v " + v + " --stage Staging\n"; break;
      case 13: script += "models delete-version -m " + m + " -v " + v + "\n"; break;
      case 14: script += pick(4) ? "models get-version -m " + m + " -v " + v + "\n" : "models delete " + m + "\nmodels create " + m + "\n"; break;
      default: script += "models frobnicate " + m + "\n"; break;
    }
  }
  return script;
}

std::map<std::pair<std::string, std::int64_t>, std::string> StagesAndAliases(const RegistryState& state) {
  std::map<std::pair<std::string, std::int64_t>, std::string> out;
  for (const auto& v : state.versions) {
    std::string cell = v.stage;
    for (const auto& a : v.aliases) cell += " @" + a;
    out[{v.model_name, v.version}] = cell;
  }
  return out;
}

// The audit position, what is served and pending, and every version's stage and aliases.
std::string Describe(const RegistryState& state) {
  std::string text = std::to_string(state.last_event_seq) + ";" +
                     std::to_string(state.deployments.size()) + ";" +
                     std::to_string(state.pending_requests.size()) + ";";
  for (const auto& [key, cell] : StagesAndAliases(state)) {
    text += key.first + " v" + std::to_string(key.second) + " " + cell + ",";
  }
  return text;
}

}  // namespace

TEST_CASE("A step carries the engine's code and message, and the audit events it appended") {
  const ScenarioRun run = MustRun(
      "users add vic --role viewer\n"
      "models create churn\n"
      "models create churn\n"
      "--as vic models create fraud\n"
      "models frobnicate\n"
      "models create-version -m churn --source s\n");
  REQUIRE(run.size() == 6);
  CHECK(run[1].code == ErrorCode::kOk);
  CHECK(Actions(run[1]) == std::vector<std::string>{"create_model"});
  CHECK(run[2].code == ErrorCode::kAlreadyExists);
  CHECK(run[2].error == "a model named 'churn' already exists");
  CHECK(run[2].events.empty());  // not a governance refusal: not audited
  CHECK(run[3].code == ErrorCode::kPermissionDenied);
  CHECK(Actions(run[3]) == std::vector<std::string>{"refused"});
  CHECK(run[3].events[0].actor == "vic");
  CHECK(run[4].usage_error);
  CHECK(run[4].code == ErrorCode::kInvalidArgument);
  CHECK(run[4].events.empty());
  CHECK(run[5].events.at(0).version == 1);
}

TEST_CASE("A transition with --archive-existing touches every version it moved") {
  const ScenarioRun run = MustRun(
      "models create churn\n"
      "models create-version -m churn --source s\n"
      "models create-version -m churn --source s\n"
      "models create-version -m churn --source s\n"
      "models transition-stage -m churn -v 1 --stage Production\n"
      "models transition-stage -m churn -v 2 --stage Production\n"
      "models transition-stage -m churn -v 3 --stage production --archive-existing\n");
  const ScenarioStep& step = run[6];
  CHECK(step.ok);
  auto touched = Touched(step);
  std::sort(touched.begin(), touched.end());
  CHECK(touched == std::vector<std::string>{"churn v1 Archived", "churn v2 Archived",
                                            "churn v3 Production"});
  CHECK(step.model_name == "churn");
  CHECK(step.version == 3);
  CHECK(step.stage == "Production");
}

TEST_CASE("A rollback touches both versions; the primary is the one served again") {
  const ScenarioRun run = MustRun(
      "models create churn\n"
      "models create-version -m churn --source s\n"
      "models create-version -m churn --source s\n"
      "models transition-stage -m churn -v 1 --stage Production\n"
      "models transition-stage -m churn -v 2 --stage Production\n"
      "models deploy -m churn -v 1 --env production\n"
      "models deploy -m churn -v 2 --env production\n"
      "models rollback -m churn\n");
  const ScenarioStep& step = run[7];
  CHECK(Touched(step) == std::vector<std::string>{"churn v1 Production", "churn v2 Archived"});
  CHECK(step.version == 1);
  CHECK(step.stage == "Production");
  CHECK(Actions(step) == std::vector<std::string>{"rollback"});
}

TEST_CASE("Moving an alias touches the version it left, and deleting a model every version") {
  const ScenarioRun run = MustRun(
      "models create churn\n"
      "models create-version -m churn --source s\n"
      "models create-version -m churn --source s\n"
      "models set-alias -m churn --alias champion -v 1\n"
      "models set-alias -m churn --alias champion -v 2\n"
      "models delete churn\n");
  CHECK(Touched(run[4]) == std::vector<std::string>{"churn v2 None", "churn v1 None"});
  CHECK(run[4].touched[0].aliases == std::vector<std::string>{"champion"});
  CHECK(run[4].touched[1].aliases.empty());
  auto deleted = Touched(run[5]);
  std::sort(deleted.begin(), deleted.end());
  CHECK(deleted == std::vector<std::string>{"churn v1 -", "churn v2 -"});
}

TEST_CASE("A refusal the engine did not audit touches the version the command named") {
  const ScenarioRun run = MustRun(
      "models create churn\n"
      "models create-version -m churn --source s\n"
      "models transition-stage -m churn -v 1 --stage None\n"
      "models transition-stage -m churn -v 9 --stage Staging\n"
      "models transition-stage -m churn -v 1 --stage Nowhere\n");
  CHECK(run[2].code == ErrorCode::kFailedPrecondition);
  CHECK(Touched(run[2]) == std::vector<std::string>{"churn v1 None"});
  CHECK(run[3].code == ErrorCode::kNotFound);
  CHECK(Touched(run[3]) == std::vector<std::string>{"churn v9 -"});
  CHECK(run[3].version == 9);
  CHECK(run[3].stage.empty());
  CHECK(run[4].code == ErrorCode::kUnknownStage);
  CHECK(run[4].version == 1);
  CHECK(run[4].stage == "None");
}

TEST_CASE("Every version a step created, deleted, moved or re-aliased is among its touched ones") {
  for (unsigned seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    const ScenarioRun run = MustRun(MixedScript(seed, 300), {4, 2});
    auto before = StagesAndAliases(*After(run, 0));
    for (std::size_t k = 1; k <= run.size(); ++k) {
      CAPTURE(k);
      CAPTURE(run[k - 1].command);
      const auto after = StagesAndAliases(*After(run, k));
      std::set<std::pair<std::string, std::int64_t>> changed;
      for (const auto& [key, cell] : after) {
        auto old = before.find(key);
        if (old == before.end() || old->second != cell) changed.insert(key);
      }
      for (const auto& [key, cell] : before) {
        if (!after.count(key)) changed.insert(key);
      }
      for (const auto& t : run[k - 1].touched) {
        const auto key = std::make_pair(t.model_name, t.version);
        changed.erase(key);
        auto now = after.find(key);
        REQUIRE(t.exists == (now != after.end()));
        if (t.exists) {
          std::string cell = t.stage;
          for (const auto& a : t.aliases) cell += " @" + a;
          CHECK(cell == now->second);
        }
      }
      CHECK(changed.empty());
      before = after;
    }
  }
}

TEST_CASE("StateAfter gives the same state whatever the checkpoints, the cache and the order") {
  const std::string script = MixedScript(7, 200);
  const ScenarioRun reference = MustRun(script, {1000, 0});  // a checkpoint after every step
  std::vector<std::string> expected;
  REQUIRE(reference
              .ForEachState(0, reference.size(),
                            [&](std::size_t, const RegistrySnapshot& state) {
                              expected.push_back(Describe(*state));
                              return stagecraft::engine::Status::Ok();
                            })
              .ok());
  REQUIRE(expected.size() == reference.size() + 1);
  for (ScenarioOptions options : {ScenarioOptions{2, 0}, ScenarioOptions{5, 3}, ScenarioOptions{32, 8}}) {
    CAPTURE(options.max_checkpoints);
    const ScenarioRun run = MustRun(script, options);
    CHECK(run.checkpoint_count() <= options.max_checkpoints);
    std::mt19937 random(options.max_checkpoints);
    std::vector<std::size_t> order;
    for (std::size_t k = run.size() + 1; k-- > 0;) order.push_back(k);  // backwards: undo
    for (int i = 0; i < 60; ++i) order.push_back(random() % (run.size() + 1));
    for (std::size_t k : order) {
      CAPTURE(k);
      CHECK(Describe(*After(run, k)) == expected[k]);
    }
  }
}

TEST_CASE("Checkpoints thin to double spacing when full, keeping the empty registry") {
  std::string script;
  for (int i = 0; i < 100; ++i) script += "models create m" + std::to_string(i) + "\n";
  const ScenarioRun run = MustRun(script, {8, 2});
  CHECK(run.checkpoint_count() <= 8);
  CHECK(run.checkpoint_count() >= 4);
  CHECK(run.checkpoint_spacing() == 16);  // 100 steps over at most 8 checkpoints, doubling
  CHECK(run.checkpoint_bytes() > 0);
  CHECK(After(run, 0)->models.empty());
  CHECK(After(run, 37)->models.size() == 37);
  CHECK(After(run, 100)->models.size() == 100);
}

TEST_CASE("StateAfter past the last step is an error naming it") {
  const ScenarioRun run = MustRun("models create churn\n");
  auto state = run.StateAfter(2);
  REQUIRE_FALSE(state.ok());
  CHECK(state.status().code() == ErrorCode::kInvalidArgument);
  CHECK(state.status().message().find("step 2") != std::string::npos);
  CHECK_FALSE(run.RegistryAfter(2).ok());
}

TEST_CASE("RegistryAfter gives an independent registry in the state after a step") {
  const ScenarioRun run = MustRun(
      "models create churn\n"
      "models create-version -m churn --source s\n"
      "models transition-stage -m churn -v 1 --stage Staging\n");
  auto copy = run.RegistryAfter(2);
  REQUIRE(copy.ok());
  CHECK(copy->GetModelVersion("churn", 1)->stage == "None");
  stagecraft::engine::StageTransition move;
  move.model_name = "churn";
  move.version = 1;
  move.stage = "Production";
  auto moved = copy->TransitionStage(move);
  REQUIRE(moved.ok());
  auto version = copy->GetModelVersion("churn", 1);
  CHECK(version->updated_at == kScenarioStart + 3 * 60'000);  // stamped as step 3
  CHECK(After(run, 2)->versions.at(0).stage == "None");        // the run is untouched
  CHECK(After(run, 3)->versions.at(0).stage == "Staging");
}

TEST_CASE("The JSON is the same whatever the checkpoint spacing") {
  const std::string script = MixedScript(11, 120);
  auto a = FormatScenarioJson(MustRun(script, {2, 0}));
  auto b = FormatScenarioJson(MustRun(script, {64, 8}));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(*a == *b);
}

TEST_CASE("stagecraft run --json writes through the host's stream when it has one") {
  const std::string path = std::filesystem::temp_directory_path() / "stagecraft-scenario-run-test.txt";
  std::ofstream(path) << MixedScript(5, 30);
  std::string streamed;
  const CommandResult result = RunCommand(
      {"--json", "run", path},
      [](const std::optional<std::string>&) -> stagecraft::engine::Result<stagecraft::engine::Registry*> {
        return stagecraft::engine::Status::InvalidArgument("run opens no registry");
      },
      {RunScriptCommand()}, [&](std::string_view part) { streamed += part; });
  std::filesystem::remove(path);
  CHECK(result.exit_code == kExitOk);
  CHECK(result.out.empty());
  auto expected = FormatScenarioJson(MustRun(MixedScript(5, 30)));
  REQUIRE(expected.ok());
  CHECK(streamed == *expected);
}
