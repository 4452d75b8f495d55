#pragma once
// The stagecraft command grammar, in one place.
//
// The terminal, the sandbox console, walkthrough scripts and engine-checked quiz answers all run
// command lines through RunCommand, in-process, and get the same output and exit code the
// `stagecraft` executable would print. The grammar:
//
//   stagecraft [--db PATH] [--as USER] [--json] models <command> [flags]
//   stagecraft [--db PATH] [--as USER] [--json] stages list|add|remove|set-exclusive ...
//
// `--show-mlflow` anywhere prints the command's MLflow equivalent (mlflow_equivalent.h) instead
// of running it; the registry is not opened.
//
// Exit codes: 0 success; 1 an engine error ("error: <message>" on err); 2 a usage error (the
// message and the usage line on err). `--help` at every level prints help on out and exits 0.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "stagecraft/engine/status.h"

namespace CLI {
class App;
}

namespace stagecraft::commands {
namespace internal {
class Grammar;
}

inline constexpr int kExitOk = 0;
inline constexpr int kExitEngineError = 1;
inline constexpr int kExitUsage = 2;

// What a registry command acted on, as its parsed options name it (never read back from its
// text). Set as soon as the command line parsed, whether the engine then accepted it or not.
struct CommandSubject {
  std::string model_name;       // --model-name, or NAME of `models create|get|update|delete`
  std::int64_t version = 0;     // --version; 0 when the command names none
  std::int64_t request_id = 0;  // --id of approve-, reject- and cancel-request
  std::string environment;      // --env (rollback and promote-canary default to production)
  std::string stage;            // --stage
};

// What a command printed and how it ended.
struct CommandResult {
  int exit_code = kExitOk;
  std::string out;  // standard output
  std::string err;  // standard error
  // Why it failed, as data: the engine's Status for a refused command (exit 1, printed as
  // "error: <message>"); kInvalidArgument with the first line of the message for a usage error
  // (exit 2, usage_error set). Ok when the command succeeded; a host command's failure is only
  // in `err`.
  engine::Status status;
  bool usage_error = false;
  CommandSubject subject;  // empty unless a registry command parsed
  bool ok() const { return exit_code == kExitOk; }
};

// Hands out the registry a command runs on. `db_path` is the --db value when one was given. The
// executable opens that file (or the default one); an in-process host returns its own registry and
// refuses --db.
using RegistryOpener =
    std::function<engine::Result<engine::Registry*>(const std::optional<std::string>& db_path)>;

// Writes a piece of standard output as soon as it is ready.
using OutputStream = std::function<void(std::string_view)>;

// Where an extension's command writes, and whether --json was given.
struct CommandIo {
  std::string out;
  std::string err;
  bool json = false;
  // Set when the host prints as it goes: a command with a long output may write it here piece
  // by piece instead of into `out` (what it wrote there is printed after).
  OutputStream stream;
};

// Adds host-only commands (such as `demo`) to the top level. A command's handler returns its
// exit code and writes to `io`.
struct HostCommand {
  std::string name;
  std::string description;
  // Declares the command's own flags on `command` and returns the handler that runs it.
  std::function<std::function<int(CommandIo& io)>(CLI::App& command)> define;
};

// Runs one command: `args` are the words after the program name (a leading "stagecraft" is
// skipped, so a script may write it or not). `stream`, when set, is handed to host commands
// (CommandIo::stream).
CommandResult RunCommand(const std::vector<std::string>& args, const RegistryOpener& open,
                         const std::vector<HostCommand>& host_commands = {},
                         const OutputStream& stream = {});

// Runs one command on `registry`, as the sandbox and scripts do; --db is a usage error here.
CommandResult RunCommand(engine::Registry& registry, const std::vector<std::string>& args);

// Splits a line into words the way a POSIX shell does for quoting: 'single quotes' keep
// everything, "double quotes" and backslash escape, spaces separate. No variables, globs or
// pipes. An unterminated quote fails with kInvalidArgument naming the column.
engine::Result<std::vector<std::string>> SplitCommandLine(std::string_view line);

// SplitCommandLine, then RunCommand on `registry`. A split error is a usage error (exit 2).
CommandResult RunCommandLine(engine::Registry& registry, std::string_view line);

// Runs many command lines with one grammar, built once: building CLI11's tree is most of what a
// short command costs, so scenario runs, their replays and quiz checks use one of these. Gives
// exactly what RunCommandLine gives. Not for host commands.
class CommandRunner {
 public:
  CommandRunner();
  CommandRunner(CommandRunner&&) noexcept;
  CommandRunner& operator=(CommandRunner&&) noexcept;
  ~CommandRunner();
  // RunCommandLine(registry, line), on this runner's grammar.
  CommandResult Run(engine::Registry& registry, std::string_view line);

 private:
  std::unique_ptr<internal::Grammar> grammar_;
};

// The registry file used when --db is not given: $XDG_DATA_HOME/stagecraft/registry.db, else
// $HOME/.local/share/stagecraft/registry.db. Does not create anything.
std::string DefaultRegistryPath();

}  // namespace stagecraft::commands
