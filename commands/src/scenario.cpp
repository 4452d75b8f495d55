#include "stagecraft/commands/scenario.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "output.h"
#include "stagecraft/commands/command_line.h"

namespace stagecraft::commands {
namespace {

constexpr std::size_t kMaxLineLength = 4096;
constexpr std::size_t kMaxCommands = 10000;

// Drops a trailing comment: a '#' at the start or after white space, outside quotes.
std::string StripComment(std::string_view line) {
  char quote = 0;
  bool word_start = true;  // at the start of the line or after unescaped white space
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"') ++i;
      word_start = false;
    } else if (c == '#' && word_start) {
      return std::string(line.substr(0, i));
    } else {
      if (c == '\'' || c == '"') quote = c;
      if (c == '\\') ++i;  // the escaped character is part of a word, even a space
      word_start = (c == ' ' || c == '\t');
    }
  }
  return std::string(line);
}

std::string Trim(std::string text) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  return text;
}

// The model and version a command names: --model-name/-m and --version/-v.
void NamedVersion(const std::vector<std::string>& words, std::string* model, std::int64_t* version) {
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == "--model-name" || words[i] == "-m") *model = words[i + 1];
    if (words[i] == "--version" || words[i] == "-v") {
      *version = std::strtoll(words[i + 1].c_str(), nullptr, 10);
    }
  }
}

const engine::ModelVersion* FindVersion(const engine::RegistryState& state,
                                        const std::string& model, std::int64_t version) {
  for (const auto& v : state.versions) {
    if (v.model_name == model && v.version == version) return &v;
  }
  return nullptr;
}

std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.rfind("error: ", 0) == 0) line = line.substr(7);
  return line;
}

}  // namespace

engine::Result<std::vector<ScriptLine>> ParseScript(std::string_view text) {
  std::vector<ScriptLine> lines;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    ++number;
    if (raw.size() > kMaxLineLength) {
      return engine::Status::InvalidArgument("line " + std::to_string(number) + " is " +
                                             std::to_string(raw.size()) +
                                             " characters long; at most " +
                                             std::to_string(kMaxLineLength) + " are allowed");
    }
    std::string command = Trim(StripComment(raw));
    if (!command.empty()) {
      if (lines.size() == kMaxCommands) {
        return engine::Status::InvalidArgument("line " + std::to_string(number) +
                                               ": a script may hold at most " +
                                               std::to_string(kMaxCommands) + " commands");
      }
      lines.push_back(ScriptLine{number, std::move(command)});
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

engine::Result<std::vector<ScenarioStep>> RunScenario(const std::vector<ScriptLine>& lines) {
  std::int64_t step_index = 0;
  engine::RegistryOptions options;
  options.clock = [&step_index] { return kScenarioStart + step_index * 60'000; };
  auto registry = engine::Registry::Open(":memory:", std::move(options));
  if (!registry.ok()) return registry.status();
  std::vector<ScenarioStep> steps;
  for (const auto& line : lines) {
    ++step_index;
    ScenarioStep step;
    step.line = line.line;
    step.command = line.command;
    if (step.command.rfind("stagecraft ", 0) == 0) step.command = Trim(step.command.substr(11));
    auto words = SplitCommandLine(line.command);
    if (!words.ok()) {
      step.error = words.status().message();
      step.usage_error = true;
    } else {
      NamedVersion(*words, &step.model_name, &step.version);
      CommandResult result = RunCommand(*registry, *words);
      step.ok = result.ok();
      step.usage_error = result.exit_code == kExitUsage;
      if (step.ok) step.output = std::move(result.out);
      else step.error = FirstLine(result.err);
    }
    auto snapshot = registry->TakeSnapshot();
    if (!snapshot.ok()) return snapshot.status();
    step.state = std::move(*snapshot);
    // create-version names no version: the step acted on the one it made.
    if (step.ok && step.version == 0 && !step.model_name.empty() &&
        step.command.find("create-version") != std::string::npos) {
      for (const auto& v : step.state->versions) {
        if (v.model_name == step.model_name) step.version = std::max(step.version, v.version);
      }
    }
    // approve-, reject- and cancel-request name a request: the step acted on its version.
    if (step.version == 0 && words.ok()) {
      for (std::size_t i = 0; i + 1 < words->size(); ++i) {
        if ((*words)[i] != "--id") continue;
        auto request = registry->GetRequest(std::strtoll((*words)[i + 1].c_str(), nullptr, 10));
        if (request.ok()) {
          step.model_name = request->model_name;
          step.version = request->version;
        }
      }
    }
    // rollback and promote-canary name no version: the step acted on what is served now.
    if (step.ok && step.version == 0 && !step.model_name.empty() &&
        (step.command.find("rollback") != std::string::npos ||
         step.command.find("promote-canary") != std::string::npos)) {
      std::string env = "production";
      for (std::size_t i = 0; words.ok() && i + 1 < words->size(); ++i) {
        if ((*words)[i] == "--env" || (*words)[i] == "-e") env = (*words)[i + 1];
      }
      for (const auto& d : step.state->deployments) {
        if (d.model_name == step.model_name && d.environment == env) step.version = d.version;
      }
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<std::vector<std::string>> ScenarioTableRows(const std::vector<ScenarioStep>& steps) {
  std::vector<std::vector<std::string>> rows;
  int number = 0;
  for (const auto& step : steps) {
    std::string version, stage;
    if (step.version > 0) {
      version = step.model_name + " v" + std::to_string(step.version);
      if (const auto* v = FindVersion(*step.state, step.model_name, step.version)) stage = v->stage;
    }
    rows.push_back({std::to_string(++number), step.command, version, stage,
                    step.ok ? "ok" : "refused: " + step.error});
  }
  return rows;
}

std::string FormatScenarioTable(const std::vector<ScenarioStep>& steps) {
  Table table({"Step", "Command", "Version", "Stage", "Result"});
  for (auto& row : ScenarioTableRows(steps)) table.AddRow(std::move(row));
  return table.Render();
}

std::string FormatScenarioJson(const std::vector<ScenarioStep>& steps) {
  nlohmann::json array = nlohmann::json::array();
  int number = 0;
  for (const auto& step : steps) {
    const auto& state = *step.state;
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& v : state.versions) {
      versions.push_back({{"model_name", v.model_name},
                          {"version", v.version},
                          {"stage", v.stage},
                          {"aliases", v.aliases}});
    }
    nlohmann::json deployments = nlohmann::json::array();
    for (const auto& d : state.deployments) {
      for (auto& row : DeploymentRows(d)) deployments.push_back(row);
    }
    nlohmann::json requests = nlohmann::json::array();
    for (const auto& r : state.pending_requests) requests.push_back(ToJson(r));
    array.push_back({{"step", ++number},
                     {"line", step.line},
                     {"command", step.command},
                     {"ok", step.ok},
                     {"error", step.ok ? nlohmann::json(nullptr) : nlohmann::json(step.error)},
                     {"output", step.output},
                     {"state",
                      {{"versions", versions},
                       {"deployments", deployments},
                       {"pending_requests", requests}}}});
  }
  return DumpJson(array);
}

HostCommand RunScriptCommand() {
  return {"run",
          "Run a script of stagecraft command lines (one per line, # for comments) on a fresh "
          "in-memory registry and print what each step did.",
          [](CLI::App& command) {
            auto path = std::make_shared<std::string>();
            command.add_option("script", *path, "script file")->required();
            return [path](CommandIo& io) {
              constexpr std::uintmax_t kMaxScriptBytes = 4 << 20;
              std::ifstream in(*path, std::ios::binary);
              if (!in) {
                io.err = "error: cannot read script '" + *path + "'\n";
                return kExitEngineError;
              }
              std::ostringstream text;
              text << in.rdbuf();
              if (text.str().size() > kMaxScriptBytes) {
                io.err = "error: script '" + *path + "' is larger than 4 MiB\n";
                return kExitEngineError;
              }
              auto lines = ParseScript(text.str());
              if (!lines.ok()) {
                io.err = "error: " + *path + ": " + lines.status().message() + "\n";
                return kExitEngineError;
              }
              auto steps = RunScenario(*lines);
              if (!steps.ok()) {
                io.err = "error: " + steps.status().message() + "\n";
                return kExitEngineError;
              }
              io.out = io.json ? FormatScenarioJson(*steps) : FormatScenarioTable(*steps);
              return kExitOk;
            };
          }};
}

}  // namespace stagecraft::commands
