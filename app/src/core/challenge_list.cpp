// ListChallenges: the challenges beside the learner's records of them.

#include "core/challenge_list.h"

#include <algorithm>

namespace stagecraft::core {

std::vector<ChallengeListEntry> ListChallenges(const std::vector<const Challenge*>& challenges,
                                               const std::vector<ChallengeRecord>& records) {
  std::vector<ChallengeListEntry> entries;
  for (const Challenge* challenge : challenges) {
    ChallengeListEntry entry;
    entry.challenge = challenge;
    for (const auto& record : records) {
      if (record.challenge_id != challenge->id) continue;
      entry.attempts = record.attempts;
      entry.solved = record.solves > 0;
      entry.best = record.best;
    }
    entries.push_back(entry);
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.challenge->level < b.challenge->level;
  });
  return entries;
}

}  // namespace stagecraft::core
