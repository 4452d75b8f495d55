#pragma once
// Quizzes as the learning core holds them, loaded from the instructors' JSON files
// (quizzes/README.md is the format's contract).

#include <optional>
#include <string>
#include <vector>

namespace stagecraft::core {

enum class Level { kEasy, kMedium, kHard };
const char* LevelName(Level level);  // "easy"

struct QuizOption {
  std::string text;
  std::string feedback;  // why choosing it is right or wrong; may be empty
};

// A check of a question's answer by the registry engine (see quizzes/README.md).
struct VerifyBlock {
  enum class Check { kStage, kFailingOptions, kSucceedingOptions };
  std::vector<std::string> setup;  // command lines
  Check check = Check::kStage;
  std::string model;               // for kStage
  std::int64_t version = 0;        // for kStage
  // In a lesson's quiz block: the first `after_step` steps of the lesson's walkthrough run
  // before `setup` (see lessons/README.md). 0 elsewhere; a quiz file may not use it.
  int after_step = 0;
  int line = 0, column = 0;        // where the block starts in its file
};

struct Question {
  std::string id;
  Level level = Level::kEasy;
  std::string topic;  // the question's own, else the quiz's
  std::string prompt;
  std::string code;
  std::vector<QuizOption> options;
  std::vector<int> answers;  // indexes into options, ascending
  bool multiple = false;     // select-all-that-apply (answer was an array)
  std::string hint;
  std::vector<std::string> solution;
  std::vector<std::string> mistakes;
  std::vector<std::string> tags;
  std::optional<VerifyBlock> verify;
  std::size_t index_in_file = 0;  // its place in the file's "questions" array
};

struct Quiz {
  std::string path;  // the file it came from
  std::string id;
  int id_line = 1, id_column = 1;  // where the id is written, for cross-file problems
  std::string title;
  std::string topic;
  std::vector<Question> questions;
};

// One problem in a quiz file: FILE:LINE:COL: JSON-PATH: message.
struct QuizProblem {
  std::string file;
  int line = 0;
  int column = 0;
  std::string path;  // e.g. questions[2].answer; empty for the whole file
  std::string message;
  std::string ToString() const;
};

// The letter of option `index`: 0 -> "A".
std::string OptionLetter(int index);

}  // namespace stagecraft::core
