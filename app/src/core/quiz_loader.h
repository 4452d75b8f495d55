#pragma once
// Loading quiz files: syntax, limits and every rule of quizzes/README.md, each problem reported
// with its file, line, column and JSON path. A bad file never stops other files from loading.

#include <string>
#include <string_view>
#include <vector>

#include "core/quiz.h"

namespace stagecraft::commands {
class ScenarioRun;
}

namespace stagecraft::core {

inline constexpr std::size_t kMaxQuizFileBytes = 8u << 20;
inline constexpr int kMaxQuizNesting = 32;
inline constexpr std::size_t kMaxQuizString = 10000;
inline constexpr std::size_t kMaxQuestions = 20000;

// What loading one file gave. `quiz` holds the questions that passed every check (it is absent
// only when the file could not be read, parsed, or does not hold an object); the file is usable
// as it is when `problems` is empty.
struct QuizLoad {
  std::optional<Quiz> quiz;
  std::vector<QuizProblem> problems;
  bool clean() const { return quiz.has_value() && problems.empty(); }
};

// Parses and checks `text` as the quiz file `path` (used in messages). Does not run `verify`
// blocks (VerifyQuestion does).
QuizLoad ParseQuiz(std::string_view text, const std::string& path);

// ParseQuiz's two paths, public so that tests can hold them to the same results. ParseQuiz is
// ParseCleanQuiz when that gives a quiz, else CheckQuizText.
//
// ParseCleanQuiz (quiz_clean_parser.cpp) builds the quiz straight from the JSON parser's events,
// with no document, and gives up (nullopt) at the first thing that is not clean. When it gives a
// quiz, CheckQuizText gives the same quiz and no problems.
std::optional<Quiz> ParseCleanQuiz(std::string_view text, const std::string& path);
// CheckQuizText parses `text` into a document and checks every rule, reporting every problem.
QuizLoad CheckQuizText(std::string_view text, const std::string& path);

// Reads `path` (refusing files over kMaxQuizFileBytes before reading them) and parses it.
QuizLoad LoadQuizFile(const std::string& path);

// The most setup commands one verify block may run (as a lesson runs at most 1,000 commands):
// a longer setup is one problem, never a long wait.
inline constexpr std::size_t kMaxVerifySetupCommands = 1000;

// Runs `question`'s verify block on the registry engine; the problems found (none when the
// marked answer is what the engine does). The setup runs once; each option of a
// failing-/succeeding-options check runs on its own copy of the registry after it.
std::vector<QuizProblem> VerifyQuestion(const Quiz& quiz, std::size_t index);

// Where a lesson's verify with "after-step" starts: the state after `after_step` steps of its
// walkthrough's `run` (copied, so the run is not rerun per question).
struct VerifyStart {
  const commands::ScenarioRun* run = nullptr;
  std::size_t after_step = 0;
};
std::vector<QuizProblem> VerifyQuestion(const Quiz& quiz, std::size_t index,
                                        const VerifyStart& start);

// What `stagecraft validate` finds in one quiz file on its own: what loading it gave, and the
// problems of its verify blocks run on the engine (each question that loaded is verified).
struct QuizFileCheck {
  QuizLoad load;
  std::vector<QuizProblem> verify_problems;
};
QuizFileCheck CheckQuizFile(const std::string& path);

// `stagecraft validate`'s problem for a file whose `what` ("quiz", "lesson") id an earlier file,
// `first`, already has; at the id's line and column of `path`.
QuizProblem IdAlreadyUsed(const std::string& what, const std::string& path, int line, int column,
                          const std::string& id, const std::string& first);

// What `stagecraft validate` reports for a set of files and folders.
struct ValidationReport {
  int files = 0;
  int questions = 0;
  std::vector<QuizProblem> problems;
};

// Loads every quiz under `paths` (folders are searched recursively for *.json, except
// *.schema.json and *.challenge.json), checks quiz ids are unique across them, and runs every
// verify block.
ValidationReport ValidatePaths(const std::vector<std::string>& paths);

}  // namespace stagecraft::core
