// The stagecraft command grammar: one CLI11 tree, built per call, whose leaves hold handlers
// that call the engine and print a table (or JSON with --json). The commands themselves are
// declared in registry_commands.cpp and governance_commands.cpp; this file builds the tree and
// runs a command line through it.

#include "stagecraft/commands/command_line.h"

#include <filesystem>

#include "grammar.h"

namespace stagecraft::commands {
namespace internal {

// Help text whose usage line is the command's full path and its flags, not CLI11's
// "Usage: transition-stage [OPTIONS]".
class UsageFormatter : public CLI::Formatter {
 public:
  explicit UsageFormatter(const std::map<const CLI::App*, std::string>* usages) : usages_(usages) {}
  std::string make_usage(const CLI::App* app, std::string name) const override {
    auto found = usages_->find(app);
    if (found != usages_->end()) return "Usage: " + found->second + "\n";
    (void)name;
    if (IsHostCommand(app)) return "Usage: " + HostUsage(app) + "\n";
    return "Usage: " + PathOf(app) +
           (app->get_parent() ? "" : " [--db PATH] [--as USER] [--json]") + " <command> [flags]\n";
  }

 private:
  const std::map<const CLI::App*, std::string>* usages_;
};

Grammar::Grammar(const std::vector<HostCommand>& host_commands) {
  app.formatter(std::make_shared<UsageFormatter>(&usages));
  app.fallthrough();  // global flags work after a subcommand too: `models list --json`
  app.require_subcommand(1);
  app.add_option("--db", db, "registry database file (default: $XDG_DATA_HOME/stagecraft/registry.db; "
                             ":memory: for a throw-away one)");
  app.add_option("--as", actor, "who acts (recorded in the audit log)");
  app.add_flag("--json", json_output, "print JSON instead of a table");
  app.add_flag("--show-mlflow", show_mlflow,
               "print what the command is in open-source MLflow instead of running it");

  CLI::App* models = app.add_subcommand("models", "Registered models and their versions.");
  models->require_subcommand(1);
  AddModelCommands(*this, models);
  AddVersionCommands(*this, models);
  AddRequestCommands(*this, models);
  AddDeploymentCommands(*this, models);
  CLI::App* stages = app.add_subcommand("stages", "The ordered list of stages.");
  stages->require_subcommand(1);
  AddStageCommands(*this, stages);
  AddGateCommands(*this, stages);
  CLI::App* users = app.add_subcommand("users", "Users and their roles.");
  users->require_subcommand(1);
  AddUserCommands(*this, users);
  CLI::App* environments =
      app.add_subcommand("environments", "Where versions are served: staging, production, ...");
  environments->require_subcommand(1);
  AddEnvironmentCommands(*this, environments);

  for (const auto& host : host_commands) {
    CLI::App* command = app.add_subcommand(host.name, host.description);
    host_handlers[command] = host.define(*command);
  }
}

// Walks the command words before CLI11 does, so that a mistyped command gets "unknown command"
// and the list of commands rather than CLI11's "A subcommand is required". Sets the one-line
// message and the text printed, or returns false when every command word is known.
bool FindUnknownCommand(const Grammar& grammar, const std::vector<std::string>& words,
                        std::string* message, std::string* err) {
  const CLI::App* command = &grammar.app;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--") return false;
    if (!word.empty() && word[0] == '-') {
      if (word == "--db" || word == "--as") ++i;  // skip the value
      continue;
    }
    auto subcommands = command->get_subcommands([](const CLI::App*) { return true; });
    if (subcommands.empty()) return false;  // a leaf: the rest are its arguments
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : subcommands) {
      if (sub->get_name() == word) next = sub;
    }
    if (next == nullptr) {
      *message = "unknown command " + Q(word) + " for '" + PathOf(command) + "'";
      *err = "error: " + *message + "\n" + grammar.UsageOf(command) + "\nRun '" +
             PathOf(command) + " --help' for more.\n";
      return true;
    }
    command = next;
  }
  return false;
}

}  // namespace internal

// ---------------------------------------------------------------------------------------------
// Running a command line

using internal::Context;
using internal::Grammar;
using internal::PathOf;
using internal::Q;
using engine::Registry;
using engine::Status;

namespace {

// A usage error: exit 2, `err` as printed, and the one-line `message` as data.
CommandResult UsageError(CommandResult result, std::string message, std::string err) {
  result.exit_code = kExitUsage;
  result.usage_error = true;
  result.status = Status::InvalidArgument(std::move(message));
  result.err = std::move(err);
  return result;
}

}  // namespace

namespace internal {

const CLI::App* ParseWords(Grammar& grammar, const std::vector<std::string>& args,
                           CommandResult& result) {
  grammar.Reset();
  std::vector<std::string> words = args;
  if (!words.empty() && words.front() == "stagecraft") words.erase(words.begin());

  // The deepest command the words named so far, for help and usage lines.
  auto deepest = [&]() -> const CLI::App* {
    const CLI::App* command = &grammar.app;
    while (true) {
      auto selected = command->get_subcommands();
      if (selected.empty()) return command;
      command = selected.front();
    }
  };

  if (words.empty()) {
    result = UsageError(std::move(result), "no command given", grammar.app.help());
    return nullptr;
  }
  if (std::string message, err; FindUnknownCommand(grammar, words, &message, &err)) {
    result = UsageError(std::move(result), std::move(message), std::move(err));
    return nullptr;
  }
  try {
    std::vector<std::string> reversed(words.rbegin(), words.rend());  // CLI11 pops from the back
    grammar.app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    result.out = deepest()->help();
    return nullptr;
  } catch (const CLI::CallForAllHelp&) {
    result.out = grammar.app.help("", CLI::AppFormatMode::All);
    return nullptr;
  } catch (const CLI::ParseError& e) {
    const CLI::App* command = deepest();
    std::string message = e.what();
    if (message == "A subcommand is required") {
      message = "'" + PathOf(command) + "' needs a command";
    }
    std::string err = "error: " + message + "\n" + grammar.UsageOf(command) + "\n" +
                      "Run '" + PathOf(command) + " --help' for more.\n";
    result = UsageError(std::move(result), std::move(message), std::move(err));
    return nullptr;
  }
  return deepest();
}

}  // namespace internal

namespace {

// What --show-mlflow prints for `leaf` instead of running it.
CommandResult ShowMlflow(const Grammar& grammar, const CLI::App* leaf, CommandResult result) {
  MlflowEquivalent equivalent;
  if (grammar.host_handlers.count(leaf) != 0) {
    equivalent.command = leaf->get_name();
    equivalent.note = "'" + PathOf(leaf) +
                      "' is a command of the Stagecraft tutor itself, not of the registry.";
  } else {
    equivalent = internal::EquivalentOfLeaf(grammar, leaf);
  }
  result.out = grammar.json_output ? MlflowEquivalentJson(equivalent)
                                   : MlflowEquivalentText(equivalent);
  return result;
}

// Runs `args` through `grammar`, which may have run commands before (see Grammar::Reset).
CommandResult RunWith(Grammar& grammar, const std::vector<std::string>& args,
                      const RegistryOpener& open, const OutputStream& stream = {}) {
  CommandResult result;
  const CLI::App* leaf = internal::ParseWords(grammar, args, result);
  if (leaf == nullptr) return result;
  if (grammar.show_mlflow) return ShowMlflow(grammar, leaf, std::move(result));
  if (auto host = grammar.host_handlers.find(leaf); host != grammar.host_handlers.end()) {
    CommandIo io;
    io.json = grammar.json_output;
    io.stream = stream;
    result.exit_code = host->second(io);
    result.out = std::move(io.out);
    result.err = std::move(io.err);
    return result;
  }
  auto handler = grammar.handlers.find(leaf);
  if (handler == grammar.handlers.end()) {  // unreachable: every branch requires a subcommand
    return UsageError(std::move(result), "'" + PathOf(leaf) + "' needs a command",
                      grammar.UsageOf(leaf) + "\n");
  }
  if (grammar.actor.empty()) {
    return UsageError(std::move(result), "--as needs a user name",
                      "error: --as needs a user name\n" + grammar.UsageOf(&grammar.app) + "\n");
  }
  auto registry = open(grammar.db);
  if (!registry.ok()) {
    const Status& why = registry.status();
    if (why.code() == engine::ErrorCode::kInvalidArgument) {
      return UsageError(std::move(result), why.message(), "error: " + why.message() + "\n");
    }
    result.err = "error: " + why.message() + "\n";
    result.exit_code = kExitEngineError;
    result.status = why;
    return result;
  }
  Context context{**registry, engine::Actor{grammar.actor}, grammar.json_output, result.out,
                  result.subject};
  Status status = handler->second(context);
  if (!status.ok()) {
    // The refusal as data (code and message) and as the text the terminal prints.
    result.err = "error: " + status.message() + "\n";
    result.exit_code = kExitEngineError;
    result.status = std::move(status);
  }
  return result;
}

// The opener of an in-process host: its own registry, and --db refused.
RegistryOpener OwnRegistry(Registry& registry) {
  return [&registry](const std::optional<std::string>& db) -> engine::Result<Registry*> {
    if (db) {
      return Status::InvalidArgument("--db cannot be used here: these commands run on this "
                                     "session's own registry");
    }
    return &registry;
  };
}

CommandResult SplitError(const Status& status) {
  return UsageError(CommandResult{}, status.message(), "error: " + status.message() + "\n");
}

}  // namespace

CommandResult RunCommand(const std::vector<std::string>& args, const RegistryOpener& open,
                         const std::vector<HostCommand>& host_commands,
                         const OutputStream& stream) {
  Grammar grammar(host_commands);
  return RunWith(grammar, args, open, stream);
}

CommandResult RunCommand(Registry& registry, const std::vector<std::string>& args) {
  return RunCommand(args, OwnRegistry(registry));
}

CommandResult RunCommandLine(Registry& registry, std::string_view line) {
  auto words = SplitCommandLine(line);
  if (!words.ok()) return SplitError(words.status());
  return RunCommand(registry, *words);
}

CommandRunner::CommandRunner() : grammar_(std::make_unique<Grammar>(std::vector<HostCommand>{})) {}
CommandRunner::CommandRunner(CommandRunner&&) noexcept = default;
CommandRunner& CommandRunner::operator=(CommandRunner&&) noexcept = default;
CommandRunner::~CommandRunner() = default;

CommandResult CommandRunner::Run(Registry& registry, std::string_view line) {
  auto words = SplitCommandLine(line);
  if (!words.ok()) return SplitError(words.status());
  return RunWith(*grammar_, *words, OwnRegistry(registry));
}

std::string DefaultRegistryPath() {
  namespace fs = std::filesystem;
  const char* data_home = std::getenv("XDG_DATA_HOME");
  fs::path base;
  if (data_home != nullptr && *data_home == '/') {  // the spec ignores relative paths
    base = data_home;
  } else {
    const char* home = std::getenv("HOME");
    base = fs::path(home != nullptr && *home != '\0' ? home : ".") / ".local" / "share";
  }
  return (base / "stagecraft" / "registry.db").string();
}

}  // namespace stagecraft::commands
