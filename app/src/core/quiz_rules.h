#pragma once
// The rules of quizzes/README.md that both of ParseQuiz's paths apply: the checker in
// quiz_loader.cpp, which reports every problem, and ParseCleanQuiz in quiz_clean_parser.cpp,
// which gives up at the first one. Stating them once keeps the two paths from drifting apart.
// Internal to stagecraft_core.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/quiz.h"

namespace stagecraft::core::quiz_rules {

// Lengths in characters; every other string is limited by kMaxQuizString (quiz_loader.h).
inline constexpr std::size_t kMaxTitle = 200;  // a quiz's title and topic, a question's topic
inline constexpr std::size_t kMaxPrompt = 4000;
inline constexpr std::size_t kMinOptions = 2;
inline constexpr std::size_t kMaxOptions = 6;
inline constexpr std::int64_t kMaxAfterStep = 10000;

// Characters (UTF-8 code points), which is what the limits count.
inline std::size_t CharCount(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Whether `text` has more than `max_chars` characters (counting only when its bytes could).
inline bool TooLong(std::string_view text, std::size_t max_chars) {
  return text.size() > max_chars && CharCount(text) > max_chars;
}

// A quiz or question id: 1-64 letters, digits, '-' or '_'.
inline bool IsIdentifier(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '-' || c == '_';
         });
}

// The level a file names ("easy"), if it is one.
inline std::optional<Level> LevelNamed(std::string_view name) {
  if (name == "easy") return Level::kEasy;
  if (name == "medium") return Level::kMedium;
  if (name == "hard") return Level::kHard;
  return std::nullopt;
}

// The index of the option an answer's letter names ("B" -> 1) among `option_count` options.
inline std::optional<int> OptionIndex(std::string_view letter, std::size_t option_count) {
  if (letter.size() != 1 || letter[0] < 'A' ||
      static_cast<std::size_t>(letter[0] - 'A') >= option_count) {
    return std::nullopt;
  }
  return letter[0] - 'A';
}

}  // namespace stagecraft::core::quiz_rules
