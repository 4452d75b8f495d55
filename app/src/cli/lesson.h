#pragma once
// `stagecraft lessons` lists the lessons; `stagecraft lesson ID [--mode M]` prints one in the
// terminal, running its walkthrough on the engine for the step table and status tracker.
// Predictions wait for Enter and questions for an answer when standard input is a terminal (or
// with --interactive); otherwise everything is printed with its reveal.

#include "stagecraft/commands/command_line.h"

namespace stagecraft::app {

commands::HostCommand LessonsCommand();
commands::HostCommand LessonCommand();

}  // namespace stagecraft::app
