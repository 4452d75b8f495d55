#pragma once
// `stagecraft gui`: opens the desktop window (on a screen given by --open), or renders a named
// scene to a PNG and exits (--screenshot FILE --scene NAME), or lists the scenes.

#include "stagecraft/commands/command_line.h"

namespace stagecraft::platform {

commands::HostCommand GuiCommand();

}  // namespace stagecraft::platform
