#pragma once
// The MLflow equivalent of a stagecraft command: what the same action is in open-source MLflow's
// Python client, filled in with the command's own arguments, or a plain statement that
// open-source MLflow has none and where one exists instead (the Databricks workspace registry,
// SageMaker, Vertex AI, the serving platform).
//
// Learners are interviewed on MLflow, not on Stagecraft, so the sandbox console shows this beside
// each command and `stagecraft ... --show-mlflow` prints it. The mapping is data kept beside the
// grammar (mlflow_equivalent.cpp, one entry per command) and every claim in it agrees with
// ../shared/FACTS.md.

#include <string>
#include <string_view>
#include <vector>

#include "stagecraft/engine/status.h"

namespace stagecraft::commands {

// One command's MLflow equivalent.
struct MlflowEquivalent {
  std::string command;          // the stagecraft command, e.g. "models transition-stage"
  bool has_equivalent = false;  // open-source MLflow has a client call for it
  // Python for MLflow's client, one statement a line, arguments filled in:
  // `MlflowClient().set_registered_model_alias(name="churn", alias="champion", version=2)`.
  // Empty when has_equivalent is false.
  std::string python;
  // What differs, or where an equivalent exists instead when open-source MLflow has none.
  std::string note;
};

// Parses `args` (the words after the program name, as RunCommand takes them) with the command
// grammar and returns the equivalent of the command they name. A command line the grammar
// refuses fails with kInvalidArgument and the grammar's one-line message; so does a line asking
// for --help. Global flags (--db, --as, --json, --show-mlflow) are accepted and ignored.
[[nodiscard]] engine::Result<MlflowEquivalent> MlflowEquivalentOf(
    const std::vector<std::string>& args);

// Every registry command of the grammar, as "models create", "stages gate", ... (host commands
// such as quiz are not the grammar's and are not listed).
std::vector<std::string> GrammarCommands();

// True when the mapping holds an entry for `command` ("models create"): a command added to the
// grammar without one fails the tests.
bool HasMlflowEntry(std::string_view command);

// The Python of an equivalent, ready to paste: the imports it needs, then the code with calls too
// long for 80 columns broken inside their parentheses, each line after `indent`. "" when MLflow
// has no equivalent.
std::string MlflowPythonCode(const MlflowEquivalent& equivalent, const std::string& indent = "");

// What --show-mlflow prints: the Python (with the import it needs) and the note, or "Open-source
// MLflow has no equivalent" and the note.
std::string MlflowEquivalentText(const MlflowEquivalent& equivalent);

// The same as a JSON object {"command", "has_equivalent", "python", "note"} (--show-mlflow --json).
std::string MlflowEquivalentJson(const MlflowEquivalent& equivalent);

// `text` as a Python string literal in double quotes: backslash, double quote and control
// characters escaped; other UTF-8 kept as it is.
std::string PythonString(std::string_view text);

}  // namespace stagecraft::commands
