#pragma once
// `stagecraft challenges` lists the challenges (id, level, par, best, title);
// `stagecraft challenge ID` plays one in the terminal: the goal and the checklist, then command
// lines read from standard input (typed or piped) until the target is met or the input ends,
// each with its result and the conditions it ticked, and the verdict last: "solved in N
// commands (par P)", exit 0, or "not solved: K of M conditions hold", exit 1. The result is
// saved to the progress store (--no-record to not).

#include "stagecraft/commands/command_line.h"

namespace stagecraft::app {

commands::HostCommand ChallengesCommand();
commands::HostCommand ChallengeCommand();

}  // namespace stagecraft::app
