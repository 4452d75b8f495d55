#pragma once
// Proving a challenge on the engine, as `stagecraft validate` does: every start command
// succeeds, the start does not already meet the target, every solution command succeeds, the
// solution meets the target with its last command (not before) and within par, and every stage,
// model, environment and actor a condition names exists after the start or the solution.

#include <string>
#include <vector>

#include "core/challenge.h"
#include "core/challenge_loader.h"

namespace stagecraft::core {

// The problems found (none when the challenge is sound), each at the command, `par`, `target`
// or condition field it concerns.
std::vector<QuizProblem> CheckChallengeOnEngine(const Challenge& challenge);

// One challenge file as `stagecraft validate` checks it: loaded, then (when it loaded) proven on
// the engine. The id check among files goes between the two (IdAlreadyUsed).
struct ChallengeFileCheck {
  ChallengeLoad load;
  std::vector<QuizProblem> engine_problems;
};
ChallengeFileCheck CheckChallengeFile(const std::string& path);

}  // namespace stagecraft::core
