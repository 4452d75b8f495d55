#pragma once
// `stagecraft validate PATH...`: checks quiz files and folders and prints one line per problem.

#include "stagecraft/commands/command_line.h"

namespace stagecraft::app {

commands::HostCommand ValidateCommand();

}  // namespace stagecraft::app
