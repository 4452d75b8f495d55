#pragma once
// Helpers for the quiz file tests (quiz_loader_test.cpp, quiz_clean_parser_test.cpp,
// quiz_validation_test.cpp): problem checks, quiz text builders and a temporary folder.
//
// The JSON of every test is written out inline so that lines and columns can be counted by eye.
// Most question tests use WithQuestions(), which puts the questions' text from line 7 on, each
// question's "{" at column 5; members one per line at an indent of 6, so that the value of
// "KEY" starts at column 11 + the length of KEY (id 13, level 16, prompt 17, options 18,
// answer 17, verify 17, hint 15).

#include <doctest/doctest.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "problem_listing.h"
#include "core/quiz.h"
#include "core/quiz_loader.h"

namespace stagecraft::core::quiz_test {

namespace fs = std::filesystem;

// Whether `problems` has one at exactly this line, column and path whose message contains
// `message`.
inline bool HasProblem(const std::vector<QuizProblem>& problems, int line, int column,
                       std::string_view path, std::string_view message) {
  for (const auto& p : problems) {
    if (p.line == line && p.column == column && p.path == path &&
        testing::Contains(p.message, message)) {
      return true;
    }
  }
  return false;
}

#define CHECK_PROBLEM(problems, line, column, path, message)                          \
  CHECK_MESSAGE(HasProblem(problems, line, column, path, message), "expected " << line \
                << ":" << column << ": " << path << ": ..." << message << "... in:\n"  \
                << Listing(problems))

// The only problem is the one described.
#define CHECK_ONLY_PROBLEM(problems, line, column, path, message) \
  do {                                                            \
    CHECK_MESSAGE((problems).size() == 1, Listing(problems));     \
    CHECK_PROBLEM(problems, line, column, path, message);         \
  } while (false)

inline QuizLoad Parse(std::string_view text) { return ParseQuiz(text, "x.json"); }

// Lines 1-6 of a quiz; the questions follow from line 7.
inline constexpr std::string_view kHead = R"json({
  "format": 1,
  "id": "q",
  "title": "T",
  "topic": "Stages",
  "questions": [
)json";

inline std::string WithQuestions(std::string_view questions) {
  return std::string(kHead) + std::string(questions) + "\n  ]\n}\n";
}

// `text` with its one occurrence of `from` replaced by `to`.
inline std::string Replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "no " << std::string(from) << " in the text");
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  return text.replace(at, from.size(), to);
}

// A quiz file with `count` one-line questions q0, q1, ... (question i on line 7 + i); valid
// unless `level` is not one.
inline std::string QuizFile(std::string_view id, std::size_t count,
                            std::string_view level = "easy") {
  std::string text = "{\n  \"format\": 1,\n  \"id\": \"" + std::string(id) +
                     "\",\n  \"title\": \"T\",\n  \"topic\": \"Stages\",\n  \"questions\": [\n";
  for (std::size_t i = 0; i < count; ++i) {
    text += std::string(i == 0 ? "" : ",\n") + "    {\"id\": \"q" + std::to_string(i) +
            "\", \"level\": \"" + std::string(level) +
            "\", \"prompt\": \"P?\", \"options\": [\"X\", \"Y\"], \"answer\": \"A\"}";
  }
  return text + "\n  ]\n}\n";
}

// A fresh temporary folder, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "stagecraft-quiz-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }

  // Writes `text` to `relative` (creating folders) and returns the file's path.
  std::string Write(const std::string& relative, std::string_view text) const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    out.close();
    REQUIRE(out.good());
    return file.string();
  }

 private:
  fs::path path_;
};

// Every problem of `report` that names `file`.
inline std::vector<QuizProblem> ProblemsOf(const ValidationReport& report,
                                           const std::string& file) {
  std::vector<QuizProblem> found;
  for (const auto& p : report.problems) {
    if (p.file == file) found.push_back(p);
  }
  return found;
}

}  // namespace stagecraft::core::quiz_test
