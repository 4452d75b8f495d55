// `stagecraft validate` over quiz and lesson files together.

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/challenge_loader.h"
#include "core/challenge_validation.h"
#include "core/content_files.h"
#include "core/lesson_loader.h"

namespace stagecraft::core {
namespace {

// Loads each challenge file once, checks ids are unique and proves each on the engine.
void ValidateChallenges(const std::vector<std::string>& files, ContentReport& report) {
  std::map<std::string, std::string> ids;  // id -> the file that has it
  for (const auto& file : UniqueFiles(files)) {
    ++report.files;
    ChallengeFileCheck check = CheckChallengeFile(file);
    const auto& load = check.load;
    report.problems.insert(report.problems.end(), load.problems.begin(), load.problems.end());
    if (!load.challenge) continue;
    const Challenge& challenge = *load.challenge;
    ++report.challenges;
    auto [first, fresh] = ids.emplace(challenge.id, file);
    if (!fresh) {
      report.problems.push_back(IdAlreadyUsed("challenge", file, challenge.id_at.line,
                                              challenge.id_at.column, challenge.id,
                                              first->second));
    }
    report.problems.insert(report.problems.end(), check.engine_problems.begin(),
                           check.engine_problems.end());
  }
}

}  // namespace

LessonFileCheck CheckLessonFile(const std::string& path) {
  LessonFileCheck check{LoadLessonFile(path), {}};
  if (check.load.lesson) check.engine_problems = CheckLessonOnEngine(*check.load.lesson);
  return check;
}

ContentReport ValidateContent(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  ContentReport report;
  std::vector<std::string> quiz_paths;    // quiz files, and folders (searched for *.json)
  std::vector<std::string> lesson_files;
  std::vector<std::string> challenge_files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      quiz_paths.push_back(path);
      const auto found = FilesUnder(path, ".md", "README.md");
      lesson_files.insert(lesson_files.end(), found.begin(), found.end());
      const auto challenges = ChallengeFilesUnder(path);
      challenge_files.insert(challenge_files.end(), challenges.begin(), challenges.end());
    } else if (IsSchemaFile(path)) {
      continue;  // a format's JSON Schema, as a folder's listing passes it over: not content
    } else if (IsChallengeFile(path)) {
      challenge_files.push_back(path);  // LoadChallengeFile reports one that does not exist
    } else if (fs::path(path).extension() == ".md" && fs::exists(path, ec)) {
      lesson_files.push_back(path);
    } else {
      quiz_paths.push_back(path);  // ValidatePaths reports one that does not exist
    }
  }
  // A folder holding only lessons has no quiz files: that is not a problem.
  if (!quiz_paths.empty()) {
    ValidationReport quizzes = ValidatePaths(quiz_paths);
    report.files += quizzes.files;
    report.questions += quizzes.questions;
    report.problems = std::move(quizzes.problems);
  }
  ValidateChallenges(challenge_files, report);
  std::map<std::string, std::string> lesson_ids;  // id -> the file that has it
  for (const auto& file : UniqueFiles(lesson_files)) {
    ++report.files;
    LessonFileCheck check = CheckLessonFile(file);
    const LessonLoad& load = check.load;
    report.problems.insert(report.problems.end(), load.problems.begin(), load.problems.end());
    if (!load.lesson) continue;
    const Lesson& lesson = *load.lesson;
    ++report.lessons;
    report.questions += static_cast<int>(lesson.Questions().size());
    auto [first, fresh] = lesson_ids.emplace(lesson.id, file);
    if (!fresh) {
      report.problems.push_back(
          IdAlreadyUsed("lesson", file, lesson.id_line, 1, lesson.id, first->second));
    }
    report.problems.insert(report.problems.end(), check.engine_problems.begin(),
                           check.engine_problems.end());
  }
  return report;
}

}  // namespace stagecraft::core
