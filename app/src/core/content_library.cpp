#include "core/content_library.h"

#include <cstdlib>
#include <filesystem>

#include "core/challenge_loader.h"
#include "core/content_files.h"
#include "core/lesson_loader.h"
#include "core/quiz_loader.h"

namespace stagecraft::core {
namespace {

namespace fs = std::filesystem;

bool Exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// $`env` if set; else the first `folder` holding `marker` in a parent of the executable (the
// build folder sits in the source tree) or in its share/stagecraft/ (an install: PREFIX/bin and
// PREFIX/share/stagecraft); else `built_from` if it still exists; else
// /usr/share/stagecraft/`folder`.
std::string FindBundledFolder(const char* env, const char* folder, const char* marker,
                              const char* built_from) {
  if (const char* value = std::getenv(env); value != nullptr && *value != '\0') return value;
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
      for (const fs::path& candidate : {dir / folder, dir / "share/stagecraft" / folder}) {
        if (Exists(candidate / marker)) return candidate.string();
      }
    }
  }
  if (*built_from != '\0' && Exists(built_from)) return built_from;
  return std::string("/usr/share/stagecraft/") + folder;
}

std::string KnownIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out.empty() ? "none" : out;
}

}  // namespace

ContentFolders DefaultContentFolders() {
#ifdef STAGECRAFT_SOURCE_QUIZZES
  const char* quizzes_built_from = STAGECRAFT_SOURCE_QUIZZES;
  const char* lessons_built_from = STAGECRAFT_SOURCE_LESSONS;
  const char* challenges_built_from = STAGECRAFT_SOURCE_CHALLENGES;
#else
  const char* quizzes_built_from = "";
  const char* lessons_built_from = "";
  const char* challenges_built_from = "";
#endif
  ContentFolders folders;
  folders.quizzes =
      FindBundledFolder("STAGECRAFT_QUIZZES", "quizzes", "quiz.schema.json", quizzes_built_from);
  folders.lessons =
      FindBundledFolder("STAGECRAFT_LESSONS", "lessons", "README.md", lessons_built_from);
  folders.challenges = FindBundledFolder("STAGECRAFT_CHALLENGES", "challenges", "README.md",
                                         challenges_built_from);
  const std::string data = DataFolder();
  folders.user_quizzes = data + "/quizzes";
  folders.user_lessons = data + "/lessons";
  folders.user_challenges = data + "/challenges";
  return folders;
}

namespace {

// The problem of a file whose id an earlier file has, or nullopt when the id is free.
std::optional<QuizProblem> IdTaken(const ContentLibrary& library, const std::string& path,
                                   const std::string& id, int line, int column) {
  const Quiz* taken = library.FindQuiz(id);
  const Lesson* lesson = library.FindLesson(id);
  if (taken == nullptr && lesson == nullptr) return std::nullopt;
  const std::string other = taken != nullptr ? taken->path : lesson->path;
  return QuizProblem{path, line, column, "id",
                     "the id \"" + id + "\" is already used by " + other +
                         "; this file is not used"};
}

}  // namespace

void ContentLibrary::AddQuizFile(const std::string& path, ContentOrigin origin) {
  QuizLoad load = LoadQuizFile(path);
  QuizFile file{path, origin, std::nullopt, std::move(load.problems)};
  if (load.quiz) {
    if (auto taken = IdTaken(*this, path, load.quiz->id, load.quiz->id_line, load.quiz->id_column)) {
      file.problems.push_back(std::move(*taken));
    }
    if (file.problems.empty()) file.quiz = std::move(load.quiz);
  }
  quiz_files_.push_back(std::move(file));
}

void ContentLibrary::AddLessonFile(const std::string& path, ContentOrigin origin) {
  LessonLoad load = LoadLessonFile(path);
  AddLoaded(LessonFile{path, origin, std::move(load.lesson), std::move(load.problems)});
}

void ContentLibrary::AddLoaded(QuizFile file) {
  if (file.quiz) {
    if (auto taken = IdTaken(*this, file.path, file.quiz->id, file.quiz->id_line,
                             file.quiz->id_column)) {
      file.problems.push_back(std::move(*taken));
      file.quiz.reset();
    }
  }
  quiz_files_.push_back(std::move(file));
}

void ContentLibrary::AddLoaded(LessonFile file) {
  if (file.lesson) {
    if (auto taken = IdTaken(*this, file.path, file.lesson->id, file.lesson->id_line, 1)) {
      file.problems.push_back(std::move(*taken));
      file.lesson.reset();
    }
  }
  lesson_files_.push_back(std::move(file));
}

void ContentLibrary::AddChallengeFile(const std::string& path, ContentOrigin origin) {
  ChallengeLoad load = LoadChallengeFile(path);
  // A challenge file with any problem is not used, as a quiz file is not.
  if (!load.problems.empty()) load.challenge.reset();
  AddLoaded(ChallengeFile{path, origin, std::move(load.challenge), std::move(load.problems)});
}

void ContentLibrary::AddLoaded(ChallengeFile file) {
  if (file.challenge) {
    const Challenge& challenge = *file.challenge;
    if (const Challenge* taken = FindChallenge(challenge.id)) {
      file.problems.push_back(QuizProblem{file.path, challenge.id_at.line, challenge.id_at.column,
                                          "id", "the id \"" + challenge.id +
                                                    "\" is already used by " + taken->path +
                                                    "; this file is not used"});
      file.challenge.reset();
    }
  }
  challenge_files_.push_back(std::move(file));
}

void ContentLibrary::AddChallengeFolder(const std::string& folder, ContentOrigin origin) {
  if (folder.empty() || !Exists(folder)) return;
  for (const auto& path : ChallengeFilesUnder(folder)) AddChallengeFile(path, origin);
}

void ContentLibrary::AddFolder(const std::string& folder, ContentOrigin origin, bool quizzes,
                               bool lessons) {
  if (folder.empty() || !Exists(folder)) return;
  if (quizzes) {
    for (const auto& path : QuizFilesUnder(folder)) AddQuizFile(path, origin);
  }
  if (lessons) {
    for (const auto& path : FilesUnder(folder, ".md", "README.md")) AddLessonFile(path, origin);
  }
}

ContentLibrary ContentLibrary::Load(const ContentFolders& folders) {
  ContentLibrary library;
  library.AddFolder(folders.quizzes, ContentOrigin::kBundled, true, false);
  library.AddFolder(folders.lessons, ContentOrigin::kBundled, false, true);
  library.AddFolder(folders.user_quizzes, ContentOrigin::kUser, true, false);
  library.AddFolder(folders.user_lessons, ContentOrigin::kUser, false, true);
  library.AddChallengeFolder(folders.challenges, ContentOrigin::kBundled);
  library.AddChallengeFolder(folders.user_challenges, ContentOrigin::kUser);
  return library;
}

ContentLibrary ContentLibrary::LoadPaths(const std::vector<std::string>& paths) {
  ContentLibrary library;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      library.AddFolder(path, ContentOrigin::kGiven, true, true);
      library.AddChallengeFolder(path, ContentOrigin::kGiven);
    } else if (IsChallengeFile(path)) {
      library.AddChallengeFile(path, ContentOrigin::kGiven);
    } else if (!Exists(path)) {
      library.quiz_files_.push_back(QuizFile{
          path, ContentOrigin::kGiven, std::nullopt,
          {QuizProblem{path, 1, 1, "", "cannot read the file: No such file or directory"}}});
    } else if (fs::path(path).extension() == ".md") {
      library.AddLessonFile(path, ContentOrigin::kGiven);
    } else {
      library.AddQuizFile(path, ContentOrigin::kGiven);
    }
  }
  return library;
}

std::vector<const Quiz*> ContentLibrary::quizzes() const {
  std::vector<const Quiz*> out;
  for (const auto& file : quiz_files_) {
    if (file.quiz) out.push_back(&*file.quiz);
  }
  return out;
}

std::vector<const Lesson*> ContentLibrary::lessons() const {
  std::vector<const Lesson*> out;
  for (const auto& file : lesson_files_) {
    if (file.lesson) out.push_back(&*file.lesson);
  }
  return out;
}

const Quiz* ContentLibrary::FindQuiz(std::string_view id) const {
  for (const auto& file : quiz_files_) {
    if (file.quiz && file.quiz->id == id) return &*file.quiz;
  }
  return nullptr;
}

const Lesson* ContentLibrary::FindLesson(std::string_view id) const {
  for (const auto& file : lesson_files_) {
    if (file.lesson && file.lesson->id == id) return &*file.lesson;
  }
  return nullptr;
}

std::vector<const Challenge*> ContentLibrary::challenges() const {
  std::vector<const Challenge*> out;
  for (const auto& file : challenge_files_) {
    if (file.challenge) out.push_back(&*file.challenge);
  }
  return out;
}

const Challenge* ContentLibrary::FindChallenge(std::string_view id) const {
  for (const auto& file : challenge_files_) {
    if (file.challenge && file.challenge->id == id) return &*file.challenge;
  }
  return nullptr;
}

const Question* ContentLibrary::FindQuestion(std::string_view quiz_id,
                                             std::string_view question_id) const {
  if (const Quiz* quiz = FindQuiz(quiz_id)) {
    for (const auto& question : quiz->questions) {
      if (question.id == question_id) return &question;
    }
  }
  if (const Lesson* lesson = FindLesson(quiz_id)) {
    for (const Question* question : lesson->Questions()) {
      if (question->id == question_id) return question;
    }
  }
  return nullptr;
}

Quiz LessonQuiz(const Lesson& lesson) {
  Quiz quiz;
  quiz.path = lesson.path;
  quiz.id = lesson.id;
  quiz.id_line = lesson.id_line;
  quiz.title = lesson.title;
  quiz.topic = lesson.topic;
  for (const Question* question : lesson.Questions()) {
    if (question->verify && question->verify->after_step > 0) continue;
    quiz.questions.push_back(*question);
  }
  return quiz;
}

engine::Result<std::vector<Quiz>> ContentLibrary::Bank(std::string_view selector) const {
  std::vector<Quiz> bank;
  if (selector.empty()) {
    for (const Quiz* quiz : quizzes()) bank.push_back(*quiz);
    if (bank.empty()) {  // lessons alone (`quiz lessons/x.md`): their questions are the bank
      for (const Lesson* lesson : lessons()) {
        Quiz quiz = LessonQuiz(*lesson);
        if (!quiz.questions.empty()) bank.push_back(std::move(quiz));
      }
    }
    if (bank.empty()) return engine::Status::NotFound("there is no usable quiz");
    return bank;
  }
  if (const Quiz* quiz = FindQuiz(selector)) {
    bank.push_back(*quiz);
    return bank;
  }
  if (const Lesson* lesson = FindLesson(selector)) {
    Quiz quiz = LessonQuiz(*lesson);
    if (quiz.questions.empty()) {
      return engine::Status::NotFound("lesson \"" + std::string(selector) +
                                      "\" has no question that stands on its own");
    }
    bank.push_back(std::move(quiz));
    return bank;
  }
  std::vector<std::string> quiz_ids, lesson_ids;
  for (const Quiz* quiz : quizzes()) quiz_ids.push_back(quiz->id);
  for (const Lesson* lesson : lessons()) lesson_ids.push_back(lesson->id);
  return engine::Status::NotFound("no quiz or lesson \"" + std::string(selector) +
                                  "\" (quizzes: " + KnownIds(quiz_ids) +
                                  "; lessons: " + KnownIds(lesson_ids) + ")");
}

std::vector<Quiz> ContentLibrary::Everything() const {
  std::vector<Quiz> bank;
  for (const Quiz* quiz : quizzes()) bank.push_back(*quiz);
  for (const Lesson* lesson : lessons()) {
    Quiz quiz = LessonQuiz(*lesson);
    if (!quiz.questions.empty()) bank.push_back(std::move(quiz));
  }
  return bank;
}

std::vector<QuizProblem> ContentLibrary::Problems() const {
  std::vector<QuizProblem> out;
  for (const auto& file : quiz_files_) out.insert(out.end(), file.problems.begin(), file.problems.end());
  for (const auto& file : lesson_files_) {
    out.insert(out.end(), file.problems.begin(), file.problems.end());
  }
  for (const auto& file : challenge_files_) {
    out.insert(out.end(), file.problems.begin(), file.problems.end());
  }
  return out;
}

int ContentLibrary::FilesWithProblems() const {
  int count = 0;
  for (const auto& file : quiz_files_) count += file.problems.empty() ? 0 : 1;
  for (const auto& file : lesson_files_) count += file.problems.empty() ? 0 : 1;
  for (const auto& file : challenge_files_) count += file.problems.empty() ? 0 : 1;
  return count;
}

}  // namespace stagecraft::core
