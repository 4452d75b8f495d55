// OnlyReads: the command a line names, found from its words, against the commands that read.

#include "stagecraft/commands/only_reads.h"

#include <algorithm>
#include <cstddef>

namespace stagecraft::commands {

const std::vector<std::string>& ReadCommands() {
  static const std::vector<std::string> commands = {
      "models list",        "models get",     "models get-version", "models list-versions",
      "models search",      "models resolve", "models history",     "models list-requests",
      "models deployments", "stages list",    "users list",         "environments list",
  };
  return commands;
}

bool OnlyReads(const std::vector<std::string>& args) {
  std::string command;  // "group name", from the first two words that are not flags
  int named = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--") break;  // the rest are values
    if (word == "--help" || word == "-h" || word == "--show-mlflow") return true;
    if (word == "--db" || word == "--as") {
      ++i;  // skip the value
      continue;
    }
    if (!word.empty() && word[0] == '-') continue;
    if (i == 0 && word == "stagecraft") continue;
    if (named < 2) {
      command += (named == 0 ? "" : " ") + word;
      ++named;
    }
  }
  const auto& reads = ReadCommands();
  return named == 2 && std::find(reads.begin(), reads.end(), command) != reads.end();
}

}  // namespace stagecraft::commands
