#pragma once
// `stagecraft import --from aiken|gift FILE [-o OUT]` and `stagecraft export --to aiken|gift QUIZ
// [-o OUT]`: the formats instructors already have, to and from quiz files.

#include "stagecraft/commands/command_line.h"

namespace stagecraft::app {

commands::HostCommand ImportCommand();
commands::HostCommand ExportCommand();

}  // namespace stagecraft::app
