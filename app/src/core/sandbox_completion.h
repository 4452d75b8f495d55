#pragma once
// Tab completion of a command line of the grammar: commands and subcommands and the current
// command's flags from the grammar's own tree (commands::GrammarTree), and flag values (model
// names, versions, stages, aliases, environments, users, roles, request ids) from a live registry.

#include <cstddef>
#include <string_view>

#include "core/sandbox.h"

namespace stagecraft::core {

// What fits at `cursor` in `line` (text after the cursor is kept as it is). Candidates match the
// word being typed ignoring letter case; the word is replaced by their longest common start, and
// a unique candidate is followed by a space.
Completion CompleteCommandLine(const commands::GrammarCommand& tree,
                               const engine::Registry& registry, std::string_view line,
                               std::size_t cursor);

}  // namespace stagecraft::core
