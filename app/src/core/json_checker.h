#pragma once
// Checking a JSON content file field by field (quizzes, challenges): parsing with the limits
// against hostile files, and a checker that reads members of the expected types and reports
// every problem with its FILE:LINE:COL and JSON path. Internal to stagecraft_core (it exposes
// nlohmann::json, which the core links privately).

#include <cstddef>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_positions.h"
#include "core/quiz.h"
#include "core/quiz_loader.h"

namespace stagecraft::core {

// Parses `text` as the file `path`: a text over `max_bytes` or nested deeper than `max_nesting`
// is refused before parsing, and invalid JSON is reported at the offending character. A UTF-8
// byte order mark is dropped from `text` itself, so positions found in it later agree. Problems
// are appended to `problems`; nullopt when there is no document.
std::optional<nlohmann::json> ParseJsonText(std::string_view& text, const std::string& path,
                                            std::size_t max_bytes, int max_nesting,
                                            std::vector<QuizProblem>& problems);

// "an object", "a string", "a number"...: how messages name a value's type.
const char* JsonTypeName(const nlohmann::json& value);

// Reads members of a parsed document, reporting what is missing, mistyped, too long or unknown.
// A format's checker derives from it and adds its own rules.
class JsonChecker {
 public:
  // `text` must be the (BOM-less) text the document was parsed from, and outlive the checker.
  JsonChecker(std::string_view text, std::string file) : positions_(text), file_(std::move(file)) {}

  std::vector<QuizProblem> problems;

  // Adds a problem at the value at `path` (or its nearest existing parent).
  void Report(const std::string& path, std::string message);

  // The member `key` of `object` if present and of `kind` (number_integer accepts any number);
  // reports a missing required one, or one of another type.
  const nlohmann::json* Member(const nlohmann::json& object, const std::string& path,
                               const char* key, bool required, nlohmann::json::value_t kind);

  // A string member of at least `min_length` bytes and at most `max_length` characters; "" when
  // absent or not a string.
  std::string Text(const nlohmann::json& object, const std::string& path, const char* key,
                   bool required, std::size_t min_length = 0,
                   std::size_t max_length = kMaxQuizString);

  // An optional array of strings, each at most `max_length` characters; the good ones.
  std::vector<std::string> TextList(const nlohmann::json& object, const std::string& path,
                                    const char* key, std::size_t max_length = kMaxQuizString);

  // Reports every member of `object` whose name is not in `known`.
  void UnknownFields(const nlohmann::json& object, const std::string& path,
                     std::initializer_list<const char*> known);

  TextPosition At(const std::string& path) const { return positions_.At(path); }
  const std::string& file() const { return file_; }

 private:
  JsonPositions positions_;
  std::string file_;
};

}  // namespace stagecraft::core
