// Scenarios: ParseScript (comments, blank lines, quotes, line numbers, limits), RunScenario (a
// fresh registry, a fixed clock, a snapshot per step, refused steps recorded and the script going
// on), the step table and the JSON, and `stagecraft run SCRIPT`.

#include "stagecraft/commands/scenario.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "../engine/test_registry.h"
#include "stagecraft/commands/command_line.h"
#include "stagecraft/engine/registry.h"

using namespace stagecraft::commands;
using nlohmann::json;
using stagecraft::engine::ErrorCode;
using stagecraft::engine::RegistryState;

namespace {

constexpr std::int64_t kMinute = 60'000;

bool Has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::vector<ScriptLine> MustParse(std::string_view text) {
  auto lines = ParseScript(text);
  REQUIRE_MESSAGE(lines.ok(), lines.status().message());
  return lines.value();
}

// "3:models list" per line, so that a comparison shows what differed.
std::vector<std::string> Render(const std::vector<ScriptLine>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(std::to_string(l.line) + ":" + l.command);
  return out;
}

ScenarioRun MustRun(std::string_view script, ScenarioOptions options = {}) {
  auto run = RunScenario(MustParse(script), options);
  REQUIRE_MESSAGE(run.ok(), run.status().message());
  return std::move(run).value();
}

// The whole state after step `k` (1-based; 0 before the first).
stagecraft::engine::RegistrySnapshot After(const ScenarioRun& run, std::size_t k) {
  auto state = run.StateAfter(k);
  REQUIRE_MESSAGE(state.ok(), state.status().message());
  return *state;
}

std::string Json(const ScenarioRun& run) {
  auto text = FormatScenarioJson(run);
  REQUIRE_MESSAGE(text.ok(), text.status().message());
  return *text;
}

std::string StageIn(const RegistryState& state, const std::string& model, std::int64_t version) {
  for (const auto& v : state.versions) {
    if (v.model_name == model && v.version == version) return v.stage;
  }
  return "-";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The walkthrough every scenario test below starts from: a model through its stages to
// production, with a refusal on purpose at step 5.
const char* const kWalkthrough = R"(# Promotion walkthrough
users add dev --role developer
users add ann --role approver

models create churn
stagecraft models create-version --model-name churn --source runs:/a1/model --metric accuracy=0.93
--as dev models transition-stage --model-name churn --version 1 --stage Archived --force  # refused
--as dev models request-transition --model-name churn --version 1 --stage Production --comment 'ready #1'
--as ann models approve-request --id 1
--as ann models deploy --model-name churn --version 1 --env production
models set-alias --model-name churn --alias champion --version 1
)";

}  // namespace

// ---------------------------------------------------------------------------------------------
// ParseScript

TEST_CASE("ParseScript keeps one command per line, skipping blank lines and comment lines") {
  const auto lines = MustParse(
      "# a comment\n"
      "models create churn\n"
      "\n"
      "   \t \n"
      "   # an indented comment\n"
      "  models list  \n"
      "models create fraud");  // no final newline
  CHECK(Render(lines) == std::vector<std::string>{"2:models create churn", "6:models list",
                                                  "7:models create fraud"});
}

TEST_CASE("ParseScript drops a trailing comment after white space, outside quotes") {
  const auto lines = MustParse(
      "models create churn # registers churn\n"
      "models create fraud\t# tab before\n"
      "models create a#b\n"
      "models create x --description 'one # two'\n"
      "models create y --description \"three # four\" # a real comment\n"
      "models create w --description 'it''s # still quoted'\n");
  CHECK(Render(lines) == std::vector<std::string>{
                             "1:models create churn", "2:models create fraud",
                             "3:models create a#b", "4:models create x --description 'one # two'",
                             "5:models create y --description \"three # four\"",
                             "6:models create w --description 'it''s # still quoted'"});
}

TEST_CASE("ParseScript numbers lines from 1 and treats CRLF like LF") {
  const auto lines = MustParse("\r\nmodels create churn\r\n\r\n# c\r\nmodels list\r\n");
  CHECK(Render(lines) == std::vector<std::string>{"2:models create churn", "5:models list"});
  CHECK(MustParse("").empty());
  CHECK(MustParse("\n\n# only comments\n").empty());
}

TEST_CASE("ParseScript refuses a line over 4096 characters, naming the line") {
  const std::string longest = "models create " + std::string(4096 - 14, 'x');
  REQUIRE(longest.size() == 4096);
  CHECK(MustParse("models list\n" + longest + "\n").size() == 2);
  auto parsed = ParseScript("models list\n\n" + longest + "x\n");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().code() == ErrorCode::kInvalidArgument);
  CHECK(Has(parsed.status().message(), "line 3"));
  CHECK(Has(parsed.status().message(), "4096"));
  // Even as a comment.
  CHECK_FALSE(ParseScript("# " + std::string(5000, 'c')).ok());
}

TEST_CASE("ParseScript refuses more than 10,000 commands, naming the line") {
  std::string script;
  for (int i = 0; i < 10000; ++i) script += "models list\n# comment\n";
  CHECK(MustParse(script).size() == 10000);
  auto parsed = ParseScript(script + "\nmodels list\n");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().code() == ErrorCode::kInvalidArgument);
  CHECK(Has(parsed.status().message(), "line 20002"));
  CHECK(Has(parsed.status().message(), "10000"));
}

// ---------------------------------------------------------------------------------------------
// RunScenario

TEST_CASE("RunScenario records each step: command, ok, error, output and the version it names") {
  const auto steps = MustRun(kWalkthrough);
  REQUIRE(steps.size() == 9);
  CHECK(steps[0].line == 2);
  CHECK(steps[0].command == "users add dev --role developer");
  CHECK(steps[2].line == 5);
  CHECK(steps[3].command ==
        "models create-version --model-name churn --source runs:/a1/model --metric "
        "accuracy=0.93");  // without the leading stagecraft
  CHECK(steps[3].model_name == "churn");
  CHECK(steps[3].version == 1);  // the version create-version made
  CHECK(Has(steps[2].output, "churn"));
  for (std::size_t i = 0; i < steps.size(); ++i) {
    CAPTURE(i);
    if (i == 4) continue;
    CHECK(steps[i].ok);
    CHECK(steps[i].error.empty());
  }
  // The refusal on purpose: recorded with its message, and the script went on.
  CHECK_FALSE(steps[4].ok);
  CHECK(steps[4].output.empty());
  CHECK(Has(steps[4].error, "'dev'"));
  CHECK(Has(steps[4].error, "admin role"));
  CHECK(steps[4].error.rfind("error: ", 0) == std::string::npos);
  CHECK(steps[4].command.find("# refused") == std::string::npos);
  CHECK(steps[5].command ==
        "--as dev models request-transition --model-name churn --version 1 --stage Production "
        "--comment 'ready #1'");
  CHECK(steps[8].model_name == "churn");
  CHECK(steps[8].version == 1);
}

TEST_CASE("RunScenario tells a line that is no command apart from a refusal") {
  const auto steps = MustRun("models create churn\n"
                             "models create churn\n"
                             "models frobnicate churn\n"
                             "models create --colour red x\n"
                             "models create 'x\n");
  REQUIRE(steps.size() == 5);
  CHECK(steps[0].ok);
  CHECK_FALSE(steps[0].usage_error);
  CHECK_FALSE(steps[1].ok);  // refused by the engine: the name is taken
  CHECK_FALSE(steps[1].usage_error);
  for (std::size_t i = 2; i < 5; ++i) {
    CAPTURE(i);
    CHECK_FALSE(steps[i].ok);
    CHECK(steps[i].usage_error);
    CHECK_FALSE(steps[i].error.empty());
  }
}

TEST_CASE("RunScenario snapshots the whole state after every step") {
  const auto steps = MustRun(kWalkthrough);
  REQUIRE(steps.size() == 9);
  for (std::size_t k = 0; k <= steps.size(); ++k) REQUIRE(After(steps, k) != nullptr);
  // Stages.
  CHECK(StageIn(*After(steps, 4), "churn", 1) == "None");
  CHECK(StageIn(*After(steps, 5), "churn", 1) == "None");  // refused: unchanged
  CHECK(StageIn(*After(steps, 7), "churn", 1) == "Production");
  CHECK(StageIn(*After(steps, 3), "churn", 1) == "-");  // not created yet
  // Pending requests.
  CHECK(After(steps, 5)->pending_requests.empty());
  REQUIRE(After(steps, 6)->pending_requests.size() == 1);
  CHECK(After(steps, 6)->pending_requests[0].id == 1);
  CHECK(After(steps, 6)->pending_requests[0].comment == "ready #1");
  CHECK(After(steps, 7)->pending_requests.empty());
  // Deployments.
  CHECK(After(steps, 7)->deployments.empty());
  REQUIRE(After(steps, 8)->deployments.size() == 1);
  CHECK(After(steps, 8)->deployments[0].environment == "production");
  CHECK(After(steps, 8)->deployments[0].version == 1);
  // Aliases.
  CHECK(After(steps, 8)->versions.at(0).aliases.empty());
  CHECK(After(steps, 9)->versions.at(0).aliases == std::vector<std::string>{"champion"});
  REQUIRE(After(steps, 9)->models.size() == 1);
  CHECK(After(steps, 9)->models[0].aliases.at("champion") == 1);
  // Users, stages and the audit position.
  CHECK(After(steps, 1)->users.size() == 2);
  CHECK(After(steps, 9)->users.size() == 3);
  CHECK(After(steps, 9)->stages.size() == 4);
  CHECK(After(steps, 5)->last_event_seq == After(steps, 4)->last_event_seq + 1);  // the refusal
}

TEST_CASE("RunScenario runs on a fixed clock: step N at kScenarioStart plus N minutes") {
  CHECK(kScenarioStart == 1767258000000);  // 2026-01-01 09:00:00 UTC
  const auto steps = MustRun(kWalkthrough);
  REQUIRE(steps.size() == 9);
  const auto& state = *After(steps, steps.size());
  REQUIRE(state.users.size() == 3);  // by name: admin, ann, dev
  CHECK(state.users.at(2).name == "dev");
  CHECK(state.users.at(2).created_at == kScenarioStart + 1 * kMinute);
  CHECK(state.users.at(1).name == "ann");
  CHECK(state.users.at(1).created_at == kScenarioStart + 2 * kMinute);
  CHECK(state.models.at(0).created_at == kScenarioStart + 3 * kMinute);
  CHECK(state.versions.at(0).created_at == kScenarioStart + 4 * kMinute);
  CHECK(state.versions.at(0).updated_at == kScenarioStart + 7 * kMinute);  // approved at step 7
  CHECK(state.deployments.at(0).updated_at == kScenarioStart + 8 * kMinute);
  REQUIRE(After(steps, 6)->pending_requests.size() == 1);
  CHECK(After(steps, 6)->pending_requests[0].created_at == kScenarioStart + 6 * kMinute);
}

TEST_CASE("RunScenario is deterministic: the same script gives the same steps") {
  const auto first = MustRun(kWalkthrough);
  const auto second = MustRun(kWalkthrough);
  CHECK(Json(first) == Json(second));
  CHECK(FormatScenarioTable(first) == FormatScenarioTable(second));
}

TEST_CASE("RunScenario starts each run from a fresh registry") {
  MustRun("models create churn\n");
  const auto steps = MustRun("models create churn\n");
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].ok);
}

TEST_CASE("RunScenario records usage errors and quoting errors as failed steps and goes on") {
  const auto steps = MustRun(
      "models frobnicate\n"
      "models create 'churn\n"
      "models create-version --model-name churn --source s\n"
      "models create churn\n"
      "--db other.db models list\n"
      "models create-version --model-name churn --source s\n");
  REQUIRE(steps.size() == 6);
  CHECK_FALSE(steps[0].ok);
  CHECK(Has(steps[0].error, "unknown command 'frobnicate'"));
  CHECK(steps[0].error.find('\n') == std::string::npos);  // the first line only
  CHECK_FALSE(steps[1].ok);
  CHECK(Has(steps[1].error, "column"));
  CHECK_FALSE(steps[2].ok);
  CHECK(Has(steps[2].error, "'churn'"));
  CHECK(steps[3].ok);
  CHECK_FALSE(steps[4].ok);
  CHECK(Has(steps[4].error, "--db"));
  CHECK(steps[5].ok);
  CHECK(steps[5].version == 1);
}

TEST_CASE("RunScenario names the version a rollback or promotion left served") {
  const auto steps = MustRun(
      "models create churn\n"
      "models create-version -m churn --source s\n"
      "models create-version -m churn --source s\n"
      "models transition-stage -m churn -v 1 --stage Production\n"
      "models transition-stage -m churn -v 2 --stage Production\n"
      "models deploy -m churn -v 1 --env production\n"
      "models deploy -m churn -v 2 --env production --traffic 10\n"
      "models promote-canary -m churn\n"
      "models rollback -m churn\n");
  REQUIRE(steps.size() == 9);
  for (const auto& step : steps) CHECK_MESSAGE(step.ok, step.command << ": " << step.error);
  CHECK(steps[7].version == 2);  // promoted
  CHECK(steps[8].version == 1);  // rolled back to
  CHECK(StageIn(*After(steps, 9), "churn", 2) == "Archived");
  CHECK(StageIn(*After(steps, 9), "churn", 1) == "Production");
}

TEST_CASE("RunScenario of an empty script has no steps") {
  CHECK(MustRun("").empty());
  CHECK(MustRun("# nothing to do\n").empty());
}

// ---------------------------------------------------------------------------------------------
// Formatting

TEST_CASE("FormatScenarioTable prints Step, Command, Version, Stage and Result columns") {
  const auto steps = MustRun(kWalkthrough);
  const std::string table = FormatScenarioTable(steps);
  const auto lines = Lines(table);
  REQUIRE(lines.size() == steps.size() + 1);
  const std::string& header = lines[0];
  const std::vector<std::string> columns = {"Step", "Command", "Version", "Stage", "Result"};
  std::size_t from = 0;
  std::vector<std::size_t> starts;
  for (const auto& c : columns) {
    const std::size_t at = header.find(c, from);
    REQUIRE_MESSAGE(at != std::string::npos, "no column " << c << " in " << header);
    starts.push_back(at);
    from = at + c.size();
  }
  CHECK(starts[0] == 0);
  auto cell = [&](std::size_t row, std::size_t column) {
    const std::string& line = lines[row + 1];
    const std::size_t end = column + 1 < starts.size() ? starts[column + 1] : line.size();
    std::string text = starts[column] < line.size()
                           ? line.substr(starts[column], end - starts[column])
                           : std::string();
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
  };
  CHECK(cell(0, 0) == "1");
  CHECK(cell(0, 1) == "users add dev --role developer");
  CHECK(cell(0, 2).empty());
  CHECK(cell(0, 4) == "ok");
  CHECK(cell(3, 2) == "churn v1");
  CHECK(cell(3, 3) == "None");
  CHECK(cell(4, 0) == "5");
  CHECK(cell(4, 2) == "churn v1");
  CHECK(cell(4, 3) == "None");
  CHECK(cell(4, 4).rfind("refused: ", 0) == 0);
  CHECK(Has(cell(4, 4), "'dev'"));
  CHECK(cell(6, 2) == "churn v1");  // approve-request acts on its request's version
  CHECK(cell(7, 2) == "churn v1");
  CHECK(cell(7, 3) == "Production");  // the stage after the step
  CHECK(cell(8, 4) == "ok");
}

TEST_CASE("FormatScenarioJson prints one object per step with command, ok, error and state") {
  const auto steps = MustRun(kWalkthrough);
  json array;
  REQUIRE_NOTHROW(array = json::parse(Json(steps)));
  REQUIRE(array.is_array());
  REQUIRE(array.size() == steps.size());
  for (std::size_t i = 0; i < array.size(); ++i) {
    CAPTURE(i);
    const json& step = array[i];
    CHECK(step.at("step") == i + 1);
    CHECK(step.at("line") == steps[i].line);
    CHECK(step.at("command") == steps[i].command);
    CHECK(step.at("ok").is_boolean());
    CHECK(step.at("ok") == steps[i].ok);
    if (steps[i].ok) {
      CHECK(step.at("error").is_null());
    } else {
      CHECK(step.at("error") == steps[i].error);
    }
    CHECK(step.at("output").is_string());
    const json& state = step.at("state");
    CHECK(state.at("versions").is_array());
    CHECK(state.at("deployments").is_array());
    CHECK(state.at("pending_requests").is_array());
  }
  CHECK(array[4].at("ok") == false);
  CHECK(array[4].at("error").get<std::string>().find("'dev'") != std::string::npos);
  const json& after_request = array[5].at("state");
  REQUIRE(after_request.at("pending_requests").size() == 1);
  CHECK(after_request.at("pending_requests")[0].at("id") == 1);
  CHECK(after_request.at("pending_requests")[0].at("to_stage") == "Production");
  CHECK(after_request.at("pending_requests")[0].at("requester") == "dev");
  const json& last = array.back().at("state");
  REQUIRE(last.at("versions").size() == 1);
  CHECK(last.at("versions")[0].at("model_name") == "churn");
  CHECK(last.at("versions")[0].at("version") == 1);
  CHECK(last.at("versions")[0].at("stage") == "Production");
  CHECK(last.at("versions")[0].at("aliases") == json{"champion"});
  REQUIRE(last.at("deployments").size() == 1);
  CHECK(last.at("deployments")[0].at("env") == "production");
  CHECK(last.at("deployments")[0].at("version") == 1);
  CHECK(last.at("deployments")[0].at("traffic") == 100);
  CHECK(Json(MustRun("")) == "[]\n");
}

// ---------------------------------------------------------------------------------------------
// stagecraft run SCRIPT

namespace {

CommandResult RunHost(const std::vector<std::string>& args) {
  return RunCommand(args,
                    [](const std::optional<std::string>&)
                        -> stagecraft::engine::Result<stagecraft::engine::Registry*> {
                      return stagecraft::engine::Status::InvalidArgument("run opens no registry");
                    },
                    {RunScriptCommand()});
}

}  // namespace

TEST_CASE("stagecraft run SCRIPT prints the step table, or the JSON with --json, and exits 0") {
  stagecraft::engine::testing::TempDir dir;
  const std::string path = dir.File("walkthrough.txt");
  stagecraft::engine::testing::WriteBytes(path, kWalkthrough);
  const auto steps = MustRun(kWalkthrough);

  const CommandResult table = RunHost({"run", path});
  CHECK(table.exit_code == kExitOk);
  CHECK(table.out == FormatScenarioTable(steps));
  CHECK(table.err.empty());
  const CommandResult json_out = RunHost({"--json", "run", path});
  CHECK(json_out.exit_code == kExitOk);
  CHECK(json_out.out == Json(steps));
}

TEST_CASE("stagecraft run exits 1 when the script cannot be read or parsed") {
  stagecraft::engine::testing::TempDir dir;
  SUBCASE("a missing file") {
    const CommandResult r = RunHost({"run", dir.File("nope.txt")});
    CHECK(r.exit_code == kExitEngineError);
    CHECK(Has(r.err, "nope.txt"));
  }
  SUBCASE("a line too long") {
    const std::string path = dir.File("long.txt");
    stagecraft::engine::testing::WriteBytes(path, "models list\n" + std::string(5000, 'x') + "\n");
    const CommandResult r = RunHost({"run", path});
    CHECK(r.exit_code == kExitEngineError);
    CHECK(Has(r.err, "long.txt"));
    CHECK(Has(r.err, "line 2"));
    CHECK(r.out.empty());
  }
  SUBCASE("no script named") {
    const CommandResult r = RunHost({"run"});
    CHECK(r.exit_code == kExitUsage);
  }
}
