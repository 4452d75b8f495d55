#pragma once
// Helpers for tests that look at content problems (quiz and lesson files).

#include <string>
#include <string_view>
#include <vector>

#include "core/quiz.h"

namespace stagecraft::testing {

inline bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The problems one per line, as `stagecraft validate` prints them, for failure messages.
inline std::string Listing(const std::vector<core::QuizProblem>& problems) {
  std::string out;
  for (const auto& problem : problems) out += problem.ToString() + "\n";
  return out.empty() ? "(no problems)" : out;
}

}  // namespace stagecraft::testing
