#pragma once
// The command grammar as data: its commands, subcommands and flags, read from the same CLI11
// tree RunCommand parses with. For whoever completes or lists commands (the sandbox console's
// Tab completion) without a hand-written copy of the grammar that could drift from it.

#include <string>
#include <vector>

namespace stagecraft::commands {

// One flag of a command, e.g. --model-name,-m.
struct GrammarFlag {
  std::vector<std::string> names;  // with their dashes, long ones first: "--model-name", "-m"
  bool takes_value = false;        // false for a switch (--archive-existing, --json, --help)
  bool required = false;
  std::string description;
};

// One command of the tree; the root is "stagecraft", whose flags are the global ones
// (--db, --as, --json) that may follow any command too.
struct GrammarCommand {
  std::string name;
  std::string description;
  std::vector<GrammarFlag> flags;        // in declaration order
  std::vector<std::string> positionals;  // e.g. "name" for `models create NAME`
  std::vector<GrammarCommand> commands;  // subcommands, in declaration order; empty for a leaf
};

// The registry commands' grammar (no host commands such as quiz or gui). Builds the tree once
// per call: keep the result.
GrammarCommand GrammarTree();

}  // namespace stagecraft::commands
