#pragma once
// Scenarios: a list of command lines run on a fresh in-memory registry with a fixed clock,
// recording what every step did as data and rebuilding the whole state after any step on
// demand. Walkthroughs, the sandbox's undo/replay and engine-checked quiz answers are built on
// this.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "stagecraft/commands/command_line.h"
#include "stagecraft/engine/registry.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::commands {

// One command line of a script, with where it came from.
struct ScriptLine {
  int line = 0;  // 1-based line number in the script text
  std::string command;
};

// Splits script text into command lines: one per line; blank lines and lines whose first
// non-blank character is '#' are skipped, and a '#' after a space outside quotes starts a
// comment. A line longer than 4096 characters, or a script of more than 10,000 commands, is
// kInvalidArgument naming the line.
engine::Result<std::vector<ScriptLine>> ParseScript(std::string_view text);

// A version a step touched, and where it stands after the step.
struct TouchedVersion {
  std::string model_name;
  std::int64_t version = 0;
  bool exists = false;               // false when the step deleted it, or it never existed
  std::string stage;                 // its stage after the step; "" when it does not exist
  std::vector<std::string> aliases;  // its aliases after the step, sorted
};

// What one step did, as data: how it ended (the engine's code and message), the audit events it
// appended and the versions it touched. The whole state after it is ScenarioRun::StateAfter.
struct ScenarioStep {
  int line = 0;
  std::string command;  // as written, without a leading "stagecraft"
  bool ok = false;
  // The line is not a command of the grammar (unknown command or flag, unclosed quote): the
  // engine never saw it. Always false when ok.
  bool usage_error = false;
  // kOk when ok; the engine's code when it refused the command; kInvalidArgument for a usage
  // error.
  engine::ErrorCode code = engine::ErrorCode::kOk;
  std::string error;   // the one-line message when !ok (no "error: " prefix); "" when ok
  std::string output;  // what the command printed on success
  // The audit events the step appended, oldest first; a governance refusal is one `refused`
  // event.
  std::vector<engine::AuditEvent> events;
  // The versions the step touched, as the engine reports them: those its events name (version
  // and related_version; an alias's previous holder; every version of a deleted model), or,
  // for a refusal the engine did not audit, the version its parsed options named. Each with its
  // stage and aliases after the step. Versions whose stage or aliases changed are all here.
  std::vector<TouchedVersion> touched;
  // The step's primary version, for the table's Version and Stage columns: the version the
  // command names (--version, or its request's), else the first one its events name
  // (create-version's new version, rollback's restored one, the promoted canary). version 0
  // when it has none; `stage` is its stage after the step ("" when it does not exist).
  std::string model_name;
  std::int64_t version = 0;
  std::string stage;
};

// The fixed clock of a scenario: step N runs at kScenarioStart + N minutes.
inline constexpr engine::Timestamp kScenarioStart = 1767258000000;  // 2026-01-01 09:00:00 UTC

// How a ScenarioRun keeps what StateAfter rebuilds from.
struct ScenarioOptions {
  // Images of the registry kept along the run (the empty registry at step 0 among them). When
  // they are all used, every other one is dropped and the spacing between them doubles, so a
  // run of N steps keeps at most this many, N / max_checkpoints steps apart at most twice over.
  std::size_t max_checkpoints = 32;
  std::size_t cached_states = 8;  // states StateAfter keeps, most recently used
};

// A script run on a fresh in-memory registry with the fixed clock: a record per step (cheap) and
// the whole state after any step, rebuilt on demand from the nearest checkpoint by replaying the
// commands after it (replay is deterministic: same registry, same clock). Use from one thread.
class ScenarioRun {
 public:
  ScenarioRun(ScenarioRun&&) noexcept;
  ScenarioRun& operator=(ScenarioRun&&) noexcept;
  ~ScenarioRun();

  const std::vector<ScenarioStep>& steps() const;
  std::size_t size() const { return steps().size(); }
  bool empty() const { return steps().empty(); }
  const ScenarioStep& operator[](std::size_t i) const { return steps()[i]; }
  const ScenarioStep& back() const { return steps().back(); }
  std::vector<ScenarioStep>::const_iterator begin() const { return steps().begin(); }
  std::vector<ScenarioStep>::const_iterator end() const { return steps().end(); }

  // The whole state after step `k` (1-based; 0 is the registry before the first step).
  // kInvalidArgument when k > size(). Cheap for a recent k, for k one past the last one asked
  // (stepping forward) and for the last step; otherwise it replays at most the checkpoint
  // spacing's worth of commands.
  engine::Result<engine::RegistrySnapshot> StateAfter(std::size_t k) const;

  // An independent registry in the state after step `k`, with the scenario clock (its next
  // change is stamped as step k + 1): for checking "what if" on a copy without rerunning.
  engine::Result<engine::Registry> RegistryAfter(std::size_t k) const;

  // Calls `visit(k, state)` for k = from..to in order, each state built from the previous one by
  // running one command: every state of a run without holding them all. Stops at the first
  // error `visit` returns (and returns it).
  engine::Status ForEachState(
      std::size_t from, std::size_t to,
      const std::function<engine::Status(std::size_t, const engine::RegistrySnapshot&)>& visit)
      const;

  // What the checkpoints hold now (for tests and benchmarks).
  std::size_t checkpoint_count() const;
  std::size_t checkpoint_bytes() const;
  std::size_t checkpoint_spacing() const;

 private:
  friend engine::Result<ScenarioRun> RunScenario(const std::vector<ScriptLine>& lines,
                                                 ScenarioOptions options);
  struct Impl;
  explicit ScenarioRun(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Runs `lines` on a fresh in-memory registry. A refused step is recorded with its error and the
// script goes on. Fails only when the registry cannot be created or read back.
engine::Result<ScenarioRun> RunScenario(const std::vector<ScriptLine>& lines,
                                        ScenarioOptions options = {});

// The step table `stagecraft run` prints: Step | Command | Version | Stage | Result.
std::string FormatScenarioTable(const ScenarioRun& run);
// Its rows, one per step: "3", the command, "fraud v1" (or ""), the version's stage after the
// step (or ""), and "ok" or "refused: why".
std::vector<std::vector<std::string>> ScenarioTableRows(const ScenarioRun& run);
// One row of it: step `index` (0-based) of `run`.
std::vector<std::string> ScenarioTableRow(const ScenarioStep& step, std::size_t index);

// The JSON `stagecraft run --json` prints: one object per step with command, ok, code, error,
// output, the versions it touched and the state after it (versions with stage and aliases,
// deployments, pending requests). Written a step at a time through `write`, each state rebuilt
// from the previous one, so a long run never holds every state.
engine::Status WriteScenarioJson(const ScenarioRun& run,
                                 const std::function<void(std::string_view)>& write);
// The same, as one string.
engine::Result<std::string> FormatScenarioJson(const ScenarioRun& run);

// `stagecraft run SCRIPT`: reads a script file, runs it with RunScenario and prints the step
// table (or the JSON with --json). Exit 0 when it ran, whatever steps were refused; 1 when the
// file cannot be read or parsed ("FILE:LINE: message").
HostCommand RunScriptCommand();

}  // namespace stagecraft::commands
