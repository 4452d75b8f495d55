#include "stagecraft/commands/scenario.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

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

std::vector<std::string> ScenarioTableRow(const ScenarioStep& step, std::size_t index) {
  std::string version;
  if (step.version > 0) version = step.model_name + " v" + std::to_string(step.version);
  return {std::to_string(index + 1), step.command, version, step.version > 0 ? step.stage : "",
          step.ok ? "ok" : "refused: " + step.error};
}

std::vector<std::vector<std::string>> ScenarioTableRows(const ScenarioRun& run) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(run.size());
  for (std::size_t i = 0; i < run.size(); ++i) rows.push_back(ScenarioTableRow(run[i], i));
  return rows;
}

std::string FormatScenarioTable(const ScenarioRun& run) {
  Table table({"Step", "Command", "Version", "Stage", "Result"});
  for (std::size_t i = 0; i < run.size(); ++i) table.AddRow(ScenarioTableRow(run[i], i));
  return table.Render();
}

namespace {

nlohmann::json StepJson(const ScenarioStep& step, std::size_t number,
                        const engine::RegistryState& state) {
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
  nlohmann::json touched = nlohmann::json::array();
  for (const auto& t : step.touched) {
    touched.push_back({{"model_name", t.model_name},
                       {"version", t.version},
                       {"stage", t.exists ? nlohmann::json(t.stage) : nlohmann::json(nullptr)}});
  }
  return {{"step", number},
          {"line", step.line},
          {"command", step.command},
          {"ok", step.ok},
          {"code", step.ok ? nlohmann::json(nullptr)
                           : nlohmann::json(step.usage_error ? "usage"
                                                             : engine::ErrorCodeName(step.code))},
          {"error", step.ok ? nlohmann::json(nullptr) : nlohmann::json(step.error)},
          {"output", step.output},
          {"touched", touched},
          {"state",
           {{"versions", versions}, {"deployments", deployments}, {"pending_requests", requests}}}};
}

}  // namespace

engine::Status WriteScenarioJson(const ScenarioRun& run,
                                 const std::function<void(std::string_view)>& write) {
  if (run.empty()) {
    write("[]\n");
    return engine::Status::Ok();
  }
  // The layout DumpJson gives the whole array, one element at a time: each element's own dump,
  // indented one level.
  write("[\n");
  SC_RETURN_IF_ERROR(run.ForEachState(
      1, run.size(), [&](std::size_t k, const engine::RegistrySnapshot& state) {
        const std::string element = DumpJson(StepJson(run[k - 1], k, *state));
        std::string indented = "  ";
        for (std::size_t i = 0; i + 1 < element.size(); ++i) {  // without the final newline
          indented += element[i];
          if (element[i] == '\n') indented += "  ";
        }
        indented += k < run.size() ? ",\n" : "\n";
        write(indented);
        return engine::Status::Ok();
      }));
  write("]\n");
  return engine::Status::Ok();
}

engine::Result<std::string> FormatScenarioJson(const ScenarioRun& run) {
  std::string out;
  SC_RETURN_IF_ERROR(WriteScenarioJson(run, [&](std::string_view part) { out += part; }));
  return out;
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
              // Reads one byte past the cap and no further (a script may be /dev/zero).
              std::string text(kMaxScriptBytes + 1, '\0');
              in.read(text.data(), static_cast<std::streamsize>(text.size()));
              text.resize(static_cast<std::size_t>(in.gcount()));
              if (in.bad()) {
                io.err = "error: cannot read script '" + *path + "'\n";
                return kExitEngineError;
              }
              if (text.size() > kMaxScriptBytes) {
                io.err = "error: script '" + *path + "' is larger than 4 MiB\n";
                return kExitEngineError;
              }
              auto lines = ParseScript(text);
              if (!lines.ok()) {
                io.err = "error: " + *path + ": " + lines.status().message() + "\n";
                return kExitEngineError;
              }
              auto run = RunScenario(*lines);
              if (!run.ok()) {
                io.err = "error: " + run.status().message() + "\n";
                return kExitEngineError;
              }
              if (!io.json) {
                io.out = FormatScenarioTable(*run);
                return kExitOk;
              }
              // Each step prints the whole state after it: printed as it is made, the output
              // never has to be held.
              engine::Status written = WriteScenarioJson(*run, [&io](std::string_view part) {
                if (io.stream) io.stream(part);
                else io.out += part;
              });
              if (!written.ok()) {
                io.err = "error: " + written.message() + "\n";
                return kExitEngineError;
              }
              return kExitOk;
            };
          }};
}

}  // namespace stagecraft::commands
