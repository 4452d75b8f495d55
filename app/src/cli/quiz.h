#pragma once
// `stagecraft quiz`: a quiz in the terminal, one question at a time, answers as letters on
// standard input (typed or piped), feedback after each, and `Score: X/Y (P%)` last.

#include <cstdio>
#include <string>

#include "stagecraft/commands/command_line.h"

namespace stagecraft::app {

commands::HostCommand QuizCommand();
// `stagecraft review`: a quiz of the questions due for spaced review.
commands::HostCommand ReviewCommand();
// `stagecraft stats`: accuracy per topic and level, streak, recent answers.
commands::HostCommand StatsCommand();

}  // namespace stagecraft::app
