#pragma once
// Scenarios: a list of command lines run on a fresh in-memory registry with a fixed clock,
// recording after every step what happened and the whole state. Walkthroughs, the sandbox's
// undo/replay and engine-checked quiz answers are built on this.

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

// What one step did.
struct ScenarioStep {
  int line = 0;
  std::string command;  // as written, without a leading "stagecraft"
  bool ok = false;
  std::string error;    // the error message when !ok (no "error: " prefix); "" when ok
  // The line is not a command of the grammar (unknown command or flag, unclosed quote): the
  // engine never saw it. Always false when ok.
  bool usage_error = false;
  std::string output;   // what the command printed on success
  // The version the step acted on (from --model-name/--version, or the one create-version made).
  std::string model_name;
  std::int64_t version = 0;  // 0 when the step names no version
  engine::RegistrySnapshot state;  // the whole state after the step
};

// The fixed clock of a scenario: step N runs at kScenarioStart + N minutes.
inline constexpr engine::Timestamp kScenarioStart = 1767258000000;  // 2026-01-01 09:00:00 UTC

// Runs `lines` on a fresh in-memory registry. A refused step is recorded with its error and the
// script goes on. Fails only when the registry cannot be created or a snapshot cannot be taken.
engine::Result<std::vector<ScenarioStep>> RunScenario(const std::vector<ScriptLine>& lines);

// The step table `stagecraft run` prints: Step | Command | Version | Stage | Result.
std::string FormatScenarioTable(const std::vector<ScenarioStep>& steps);
// Its rows, one per step: "3", the command, "fraud v1" (or ""), the version's stage after the
// step (or ""), and "ok" or "refused: why".
std::vector<std::vector<std::string>> ScenarioTableRows(const std::vector<ScenarioStep>& steps);

// The JSON `stagecraft run --json` prints: one object per step with command, ok, error, output
// and the state after it (versions with stage and aliases, deployments, pending requests).
std::string FormatScenarioJson(const std::vector<ScenarioStep>& steps);

// `stagecraft run SCRIPT`: reads a script file, runs it with RunScenario and prints the step
// table (or the JSON with --json). Exit 0 when it ran, whatever steps were refused; 1 when the
// file cannot be read or parsed ("FILE:LINE: message").
HostCommand RunScriptCommand();

}  // namespace stagecraft::commands
