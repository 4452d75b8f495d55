#pragma once
// Loading challenge files (NAME.challenge.json): syntax, limits and every rule of
// challenges/README.md, each problem reported with its file, line, column and JSON path. Whether
// the solution really reaches the target is checked on the engine (challenge_validation.h).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/challenge.h"

namespace stagecraft::core {

inline constexpr std::size_t kMaxChallengeFileBytes = 1u << 20;
inline constexpr std::size_t kMaxChallengeCommands = 1000;  // in `start`, and in `solution`
inline constexpr std::size_t kMaxChallengeConditions = 20;
inline constexpr int kMaxChallengePar = 1000;

// What loading one file gave: the challenge when the file broke no rule, and the problems.
struct ChallengeLoad {
  std::optional<Challenge> challenge;
  std::vector<QuizProblem> problems;
};

// Parses and checks `text` as the challenge file `path` (used in messages). Conditions without
// a `label` get the generated one (ConditionLabel).
ChallengeLoad ParseChallenge(std::string_view text, const std::string& path);

// Reads `path` (refusing files over kMaxChallengeFileBytes before reading them) and parses it.
ChallengeLoad LoadChallengeFile(const std::string& path);

}  // namespace stagecraft::core
