#pragma once
// The list of challenges the learner picks from, with what they have done with each: solved or
// not, and their best count against par. The terminal's `stagecraft challenges` and the
// window's list both show it.

#include <optional>
#include <string>
#include <vector>

#include "core/challenge.h"
#include "core/progress.h"

namespace stagecraft::core {

struct ChallengeListEntry {
  const Challenge* challenge = nullptr;  // owned by the content library
  int attempts = 0;
  bool solved = false;
  std::optional<int> best;  // the fewest commands of a solve
};

// One entry per challenge, easy ones first (in the order given within a level), each with its
// record in `records` when there is one.
std::vector<ChallengeListEntry> ListChallenges(const std::vector<const Challenge*>& challenges,
                                               const std::vector<ChallengeRecord>& records);

}  // namespace stagecraft::core
