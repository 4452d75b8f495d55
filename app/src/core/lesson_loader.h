#pragma once
// Loading lesson files (lessons/README.md is the contract) and checking them on the registry
// engine: console blocks' expected output, walkthroughs' expected refusals, quiz blocks' verify.
// Problems are QuizProblems: FILE:LINE:COL: WHERE: message.
//
// Where each part lives: ParseLesson and LoadLessonFile in lesson_parser.cpp (which reads the
// Markdown with markdown_tree.cpp); CheckLessonOnEngine, RunWalkthrough and TrackStatus in
// lesson_engine_check.cpp; ValidateContent in content_validation.cpp.

#include <string>
#include <string_view>
#include <vector>

#include "core/lesson.h"
#include "core/quiz_loader.h"
#include "stagecraft/commands/scenario.h"

namespace stagecraft::core {

inline constexpr std::size_t kMaxLessonFileBytes = 1u << 20;
inline constexpr int kMaxLessonNesting = 32;  // quotes and lists inside each other
// What one lesson may ask of the engine when it is checked: console commands and walkthrough
// steps together, and quiz blocks (each of whose verify may build several registries).
inline constexpr std::size_t kMaxLessonCommands = 1000;
inline constexpr std::size_t kMaxLessonQuestions = 200;

// What loading one lesson file gave: the lesson (absent only when the file could not be read or
// its front matter is unusable) and every problem found without running the engine.
struct LessonLoad {
  std::optional<Lesson> lesson;
  std::vector<QuizProblem> problems;
  bool clean() const { return lesson.has_value() && problems.empty(); }
};

// Calls visit(block) for each of `blocks` and every block inside it (quotes, callouts' two parts,
// list items), depth first, in document order.
template <typename F>
void ForEachBlock(const std::vector<LessonBlock>& blocks, F&& visit) {
  for (const auto& block : blocks) {
    visit(block);
    ForEachBlock(block.children, visit);
    ForEachBlock(block.reveal, visit);
    for (const auto& item : block.items) ForEachBlock(item, visit);
  }
}

// Calls visit(question) for the question of each quiz block of `lesson`, in document order.
template <typename F>
void ForEachQuestion(const Lesson& lesson, F&& visit) {
  for (const auto& mode : lesson.modes) ForEachBlock(mode.blocks, [&](const LessonBlock& block) {
      if (block.kind == LessonBlock::Kind::kQuiz && block.question) visit(*block.question);
    });
}

// Parses `text` as the lesson file `path` (used in messages).
LessonLoad ParseLesson(std::string_view text, const std::string& path);

// Reads `path` (refusing files over kMaxLessonFileBytes before reading them) and parses it.
LessonLoad LoadLessonFile(const std::string& path);

// Runs what the engine can check: each mode's console blocks (on one fresh registry per mode,
// in order) against their expected output, the walkthrough's steps against `# expect: refused`,
// and every quiz block's verify (with `after-step` steps of the walkthrough first).
std::vector<QuizProblem> CheckLessonOnEngine(const Lesson& lesson);

// Runs a walkthrough's commands on a fresh in-memory registry (commands::RunScenario).
engine::Result<commands::ScenarioRun> RunWalkthrough(
    const std::vector<WalkthroughStep>& steps);

// The stage (and aliases) of every version after every step of a run.
struct StatusTracker {
  std::vector<std::string> versions;  // "fraud v1", in the order they first appear
  // cells[0] is the start (all "—"); cells[i] is after step i; one entry per version:
  // its stage, then " @alias" for each alias, or "—" before it exists (or after deletion).
  std::vector<std::vector<std::string>> cells;
};
// Built from each step's touched versions (ScenarioStep::touched), not from whole states.
StatusTracker TrackStatus(const commands::ScenarioRun& run);

// What `stagecraft validate` finds in one lesson file on its own: what loading it gave, and what
// checking the lesson on the engine found (nothing when it did not load).
struct LessonFileCheck {
  LessonLoad load;
  std::vector<QuizProblem> engine_problems;
};
LessonFileCheck CheckLessonFile(const std::string& path);

// What `stagecraft validate` reports for quiz and lesson files together.
struct ContentReport {
  int files = 0;
  int questions = 0;  // in quiz files and lessons' quiz blocks
  int lessons = 0;
  int challenges = 0;  // challenge files that loaded (challenges/README.md)
  std::vector<QuizProblem> problems;
};

// Checks the quiz files (ValidatePaths), lesson files and challenge files under `paths`: files
// named directly by their name (.md is a lesson, *.challenge.json a challenge, *.schema.json
// passed over, anything else a quiz), folders searched recursively for *.json (except *.schema.json), *.md (except
// README.md) and *.challenge.json. Lesson ids and challenge ids must be unique, and every lesson
// and challenge is checked on the engine (CheckLessonOnEngine, CheckChallengeOnEngine).
ContentReport ValidateContent(const std::vector<std::string>& paths);

}  // namespace stagecraft::core
