#pragma once
// Proving a challenge on the engine, as `stagecraft validate` does: every start command
// succeeds, the start does not already meet the target, every solution command succeeds, the
// solution meets the target with its last command (not before) and within par.

#include <vector>

#include "core/challenge.h"

namespace stagecraft::core {

// The problems found (none when the challenge is sound), each at the command, `par` or
// `target` it concerns.
std::vector<QuizProblem> CheckChallengeOnEngine(const Challenge& challenge);

}  // namespace stagecraft::core
