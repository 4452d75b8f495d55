#pragma once
// `stagecraft demo`: a scripted tour of the registry, run on a throw-away in-memory registry and
// printed as a terminal session: each step's narration, its command line, and what it printed.

#include <string>

#include "stagecraft/commands/command_line.h"

namespace stagecraft::app {

// The `demo` top-level command, for commands::RunCommand.
commands::HostCommand DemoCommand();

// Runs the tour and returns the transcript; `ok` is false if a step that should have worked did
// not, or a step meant to be refused was not.
std::string RunDemo(bool* ok);

}  // namespace stagecraft::app
