#pragma once
// The pieces of the command grammar shared by the files that declare its commands. Internal to
// stagecraft_commands.

#include <CLI/CLI.hpp>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "output.h"
#include "stagecraft/commands/command_line.h"
#include "stagecraft/commands/mlflow_equivalent.h"

namespace stagecraft::commands::internal {

using engine::Registry;
using engine::Status;
using nlohmann::json;

// What a handler gets: the registry, who acts, and where to print.
struct Context {
  Registry& registry;
  engine::Actor actor;
  bool json = false;
  std::string& out;
  // What the command acts on. Leaf fills it from the common flags before the handler runs; a
  // handler whose subject is named otherwise (a positional NAME, a request id) records it here.
  CommandSubject& subject;
};
using Handler = std::function<Status(Context&)>;

// Every flag value a leaf may declare; each leaf owns one (shared with its handler).
struct Flags {
  std::string name, model_name, stage, comment, source, run_id, description, alias, uri, filter,
      key, value, before, role, env;
  std::int64_t version = 0;  // 0: not given (given values are checked to be positive)
  std::int64_t id = 0;
  int traffic = 100;
  int approvals = -1;  // -1: not given
  bool archive_existing = false, exclusive = false, off = false, force = false, pending = false,
       clear = false;
  std::vector<std::string> metrics, tags;
  double number = 0;
};

inline std::string Q(std::string_view s) { return "'" + std::string(s) + "'"; }

// "KEY=VALUE" -> pair; CLI11 validator form returns an error text ("" when fine).
inline std::string CheckKeyValue(const std::string& text, bool numeric) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return "expected KEY=VALUE, got " + Q(text);
  if (numeric) {
    const std::string value = text.substr(eq + 1);
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    // Decimal only: strtod would also take " 1", "0x10", "nan" and "inf".
    const bool decimal = !value.empty() &&
                         value.find_first_not_of("0123456789+-.eE") == std::string::npos;
    if (!decimal || end != value.c_str() + value.size() || !std::isfinite(number)) {
      return "the value of " + Q(text.substr(0, eq)) + " must be a finite decimal number, got " +
             Q(value);
    }
  }
  return "";
}

// Accepts a whole number from 1 up; the message says so in words (CLI::PositiveNumber prints
// its range as a 309-digit number).
inline CLI::Validator PositiveInteger() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const bool digits = !text.empty() && text.size() <= 18 &&
                            text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::strtoll(text.c_str(), nullptr, 10) < 1) {
          return "must be a whole number from 1 up, got " + Q(text);
        }
        return "";
      },
      "N>=1");
}

// Accepts a finite decimal number (not "nan", "inf" or hexadecimal).
inline CLI::Validator FiniteNumber() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::string error = CheckKeyValue("value=" + text, true);
        return error.empty() ? "" : "must be a finite decimal number, got " + Q(text);
      },
      "NUMBER");
}

// The full command name of `command`, e.g. "stagecraft models create".
inline std::string PathOf(const CLI::App* command) {
  std::string path;
  for (const CLI::App* a = command; a != nullptr; a = a->get_parent()) {
    path = path.empty() ? a->get_name() : a->get_name() + " " + path;
  }
  return path;
}

// A command the host added (quiz, lesson, ...): a leaf below the top level whose usage line the
// grammar does not hold.
inline bool IsHostCommand(const CLI::App* command) {
  return command->get_parent() != nullptr &&
         command->get_subcommands([](const CLI::App*) { return true; }).empty();
}

// "stagecraft quiz [BANK] [flags]": a host command's path, its positionals (required ones bare,
// others in brackets) and its flags.
inline std::string HostUsage(const CLI::App* command) {
  std::string line = PathOf(command);
  for (const CLI::Option* option :
       command->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
    std::string word = option->get_name();
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    line += option->get_required() ? " " + word : " [" + word + "]";
  }
  return line + " [flags]";
}

// The grammar: the CLI11 tree plus, per leaf, its handler and its one-line usage.
class Grammar {
 public:
  explicit Grammar(const std::vector<HostCommand>& host_commands);

  CLI::App app{"Stagecraft: learn and practise promoting ML models between stages.", "stagecraft"};
  std::optional<std::string> db;
  std::string actor = engine::kDefaultActor;
  bool json_output = false;
  bool show_mlflow = false;  // --show-mlflow: print the MLflow equivalent instead of running
  std::map<const CLI::App*, Handler> handlers;
  std::map<const CLI::App*, std::shared_ptr<Flags>> leaf_flags;  // each leaf's, as parsed
  std::map<const CLI::App*, std::function<int(CommandIo&)>> host_handlers;
  std::map<const CLI::App*, std::string> usages;
  std::vector<std::pair<std::shared_ptr<Flags>, Flags>> defaults;  // each leaf's, as declared

  // Makes the grammar ready for another command line: CLI11 clears what it parsed by itself,
  // but the values it wrote into the flags and the global options stay until reset here.
  void Reset() {
    for (auto& [flags, initial] : defaults) *flags = initial;
    db.reset();
    actor = engine::kDefaultActor;
    json_output = false;
    show_mlflow = false;
  }

  std::string UsageOf(const CLI::App* command) const {
    auto found = usages.find(command);
    if (found != usages.end()) return "usage: " + found->second;
    if (IsHostCommand(command)) return "usage: " + HostUsage(command);
    std::string names;
    for (const CLI::App* sub : command->get_subcommands([](const CLI::App*) { return true; })) {
      names += names.empty() ? sub->get_name() : "|" + sub->get_name();
    }
    return "usage: " + PathOf(command) + (command->get_parent() ? "" : " [--db PATH] [--as USER] [--json]") +
           " <" + names + "> ...";
  }

  // Adds a leaf command: `declare` binds its flags to `flags`; `run` is its handler.
  CLI::App* Leaf(CLI::App* parent, const std::string& name, const std::string& description,
                 const std::string& usage,
                 const std::function<void(CLI::App&, Flags&)>& declare,
                 std::function<Status(Context&, const Flags&)> run) {
    auto flags = std::make_shared<Flags>();
    CLI::App* leaf = parent->add_subcommand(name, description);
    declare(*leaf, *flags);
    defaults.emplace_back(flags, *flags);  // with the defaults `declare` set (--env production)
    leaf_flags[leaf] = flags;
    usages[leaf] = usage;
    handlers[leaf] = [flags, run = std::move(run)](Context& c) {
      c.subject = CommandSubject{flags->model_name, flags->version, flags->id, flags->env,
                                 flags->stage};
      return run(c, *flags);
    };
    return leaf;
  }

};

// Parses `words` (after the program name) into `grammar`, reset first. Returns the leaf command
// they name, or nullptr with `result` filled: help printed (exit 0) or a usage error (exit 2).
const CLI::App* ParseWords(Grammar& grammar, const std::vector<std::string>& words,
                           CommandResult& result);

// The MLflow equivalent of the leaf `grammar` just parsed (mlflow_equivalent.cpp); the leaf must
// be one of the grammar's own commands, not a host command.
MlflowEquivalent EquivalentOfLeaf(const Grammar& grammar, const CLI::App* leaf);

// The command groups, each in its own file.
void AddModelCommands(Grammar& grammar, CLI::App* models);      // registry_commands.cpp
void AddVersionCommands(Grammar& grammar, CLI::App* models);    // registry_commands.cpp
void AddStageCommands(Grammar& grammar, CLI::App* stages);      // registry_commands.cpp
void AddRequestCommands(Grammar& grammar, CLI::App* models);    // governance_commands.cpp
void AddDeploymentCommands(Grammar& grammar, CLI::App* models); // governance_commands.cpp
void AddGateCommands(Grammar& grammar, CLI::App* stages);       // governance_commands.cpp
void AddUserCommands(Grammar& grammar, CLI::App* users);        // governance_commands.cpp
void AddEnvironmentCommands(Grammar& grammar, CLI::App* environments);  // governance_commands.cpp

// Shorthands for declaring the common flags.
inline void ModelNameFlag(CLI::App& c, Flags& f) {
  c.add_option("--model-name,-m", f.model_name, "registered model name")->required();
}
inline void VersionFlag(CLI::App& c, Flags& f, bool required = true) {
  auto* o = c.add_option("--version,-v", f.version, "version number")->check(PositiveInteger());
  if (required) o->required();
}

}  // namespace stagecraft::commands::internal
