#pragma once
// Which command lines only read the registry: a challenge counts the lines the engine acted on,
// and a line that only reads is free even when it fails (`models get nosuch`).

#include <string>
#include <vector>

namespace stagecraft::commands {

// The commands of the grammar that never change the registry: "models list", "models get", ...
// (each one of GrammarCommands(); the tests check that none has drifted away).
const std::vector<std::string>& ReadCommands();

// True when `args` (the words after the program name, as RunCommand takes them; a leading
// "stagecraft" is skipped) name one of ReadCommands(), ask for help (--help or -h anywhere), or
// ask for the MLflow equivalent (--show-mlflow anywhere: the registry is not opened). The global
// flags --db VALUE, --as VALUE and --json may stand anywhere. Looks at the words only: a line
// the grammar would refuse may still be true.
bool OnlyReads(const std::vector<std::string>& args);

}  // namespace stagecraft::commands
