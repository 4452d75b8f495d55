#include "core/authoring.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include "core/challenge_template.h"
#include "core/challenge_validation.h"
#include "core/content_files.h"
#include "core/lesson_loader.h"
#include "core/quiz_loader.h"
#include "core/quiz_template.h"

namespace stagecraft::core {

namespace fs = std::filesystem;

const char* ContentKindName(ContentKind kind) {
  switch (kind) {
    case ContentKind::kQuiz: return "quiz";
    case ContentKind::kLesson: return "lesson";
    case ContentKind::kChallenge: return "challenge";
  }
  return "quiz";
}

FileStamp StampOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return FileStamp{};
  constexpr std::int64_t kNs = 1'000'000'000;
  return FileStamp{static_cast<std::uint64_t>(st.st_ino), static_cast<std::int64_t>(st.st_size),
                   st.st_mtim.tv_sec * kNs + st.st_mtim.tv_nsec,
                   st.st_ctim.tv_sec * kNs + st.st_ctim.tv_nsec};
}

UserFolders UserFoldersOf(const ContentFolders& folders) {
  return UserFolders{folders.user_quizzes, folders.user_lessons, folders.user_challenges};
}

AuthoringScreen AuthoringScreen::Open(const ContentFolders& folders, double now) {
  AuthoringScreen screen;
  screen.folders_ = folders;
  screen.user_ = UserFoldersOf(folders);
  for (const std::string* folder : {&screen.user_.quizzes, &screen.user_.lessons,
                                    &screen.user_.challenges}) {
    if (folder->empty()) continue;
    std::error_code ec;
    fs::create_directories(*folder, ec);
    if (ec && screen.problem_.empty()) {
      screen.problem_ = "cannot create the folder " + *folder + ": " + ec.message();
    }
  }
  (void)screen.Poll(now, /*force=*/true);
  return screen;
}

std::vector<AuthoringScreen::Found> AuthoringScreen::List() const {
  std::vector<Found> found;
  // The library's load order: bundled quizzes, bundled lessons, the user's, then challenges.
  // A folder named twice (a user folder that is also the bundled one) lists its files once.
  std::set<std::string> seen;
  auto add = [&](const std::string& folder, ContentKind kind, ContentOrigin origin) {
    std::error_code ec;
    if (folder.empty() || !fs::is_directory(folder, ec)) return;
    for (auto& path : kind == ContentKind::kQuiz     ? QuizFilesUnder(folder)
                      : kind == ContentKind::kLesson ? FilesUnder(folder, ".md", "README.md")
                                                     : ChallengeFilesUnder(folder)) {
      if (!seen.insert(fs::weakly_canonical(path, ec).string()).second) continue;
      found.push_back(Found{kind, origin, std::move(path)});
    }
  };
  add(folders_.quizzes, ContentKind::kQuiz, ContentOrigin::kBundled);
  add(folders_.lessons, ContentKind::kLesson, ContentOrigin::kBundled);
  add(folders_.user_quizzes, ContentKind::kQuiz, ContentOrigin::kUser);
  add(folders_.user_lessons, ContentKind::kLesson, ContentOrigin::kUser);
  add(folders_.challenges, ContentKind::kChallenge, ContentOrigin::kBundled);
  add(folders_.user_challenges, ContentKind::kChallenge, ContentOrigin::kUser);
  return found;
}

void AuthoringScreen::Check(AuthoredFile& file) const {
  bool good = false;
  if (file.kind == ContentKind::kQuiz) {
    QuizFileCheck check = CheckQuizFile(file.path);
    file.load_problems = std::move(check.load.problems);
    file.engine_problems = std::move(check.verify_problems);
    file.loaded_id = check.load.quiz ? check.load.quiz->id : "";
    if (check.load.quiz) {
      file.id_line = check.load.quiz->id_line;
      file.id_column = check.load.quiz->id_column;
    }
    // As the library has it: a quiz file with any problem of its own is not used.
    good = check.load.quiz && file.load_problems.empty();
    if (good) file.quiz = std::move(check.load.quiz);
  } else if (file.kind == ContentKind::kChallenge) {
    ChallengeFileCheck check = CheckChallengeFile(file.path);
    file.load_problems = std::move(check.load.problems);
    file.engine_problems = std::move(check.engine_problems);
    file.loaded_id = check.load.challenge ? check.load.challenge->id : "";
    if (check.load.challenge) {
      file.id_line = check.load.challenge->id_at.line;
      file.id_column = check.load.challenge->id_at.column;
    }
    // As the library has it: a challenge file with any problem of its own is not used.
    good = check.load.challenge && file.load_problems.empty();
    if (good) file.challenge = std::move(check.load.challenge);
  } else {
    LessonFileCheck check = CheckLessonFile(file.path);
    file.load_problems = std::move(check.load.problems);
    file.engine_problems = std::move(check.engine_problems);
    file.loaded_id = check.load.lesson ? check.load.lesson->id : "";
    if (check.load.lesson) {
      file.id_line = check.load.lesson->id_line;
      file.id_column = 1;
    }
    // A lesson with a problem in one block still reads.
    good = check.load.lesson.has_value();
    if (good) file.lesson = std::move(check.load.lesson);
  }
  file.stale = !good && (file.quiz || file.lesson || file.challenge);
}

void AuthoringScreen::ApplyIdChecks() {
  // As validate has it: an id is unique among the files of its kind; the later file gets the
  // problem.
  std::map<ContentKind, std::map<std::string, std::string>> ids;  // kind -> id -> first file
  for (AuthoredFile& file : files_) {
    file.problems = file.load_problems;
    if (!file.loaded_id.empty()) {
      auto [first, fresh] = ids[file.kind].emplace(file.loaded_id, file.path);
      if (!fresh) {
        file.problems.push_back(IdAlreadyUsed(ContentKindName(file.kind), file.path, file.id_line,
                                              file.id_column, file.loaded_id, first->second));
      }
    }
    file.problems.insert(file.problems.end(), file.engine_problems.begin(),
                         file.engine_problems.end());
    if (!file.stale) file.used_problems = file.problems;
  }
}

bool AuthoringScreen::Poll(double now, bool force) {
  if (!force && now < next_poll_) return false;
  next_poll_ = now + kPollSeconds;
  last_checked_ = 0;
  const std::string selected_path =
      selected_ >= 0 && selected_ < static_cast<int>(files_.size()) ? files_[selected_].path : "";

  std::map<std::string, std::size_t> known;  // path -> index in files_
  for (std::size_t i = 0; i < files_.size(); ++i) known.emplace(files_[i].path, i);
  std::vector<bool> listed(files_.size(), false);
  std::vector<AuthoredFile> next;
  bool changed = false;
  for (Found& found : List()) {
    const FileStamp stamp = StampOf(found.path);
    auto it = known.find(found.path);
    AuthoredFile file;
    if (it != known.end() && files_[it->second].kind == found.kind) {
      listed[it->second] = true;
      file = std::move(files_[it->second]);
      const bool was_missing = file.missing_polls > 0;
      file.missing_polls = 0;
      // A file that could not be stat'ed is looked at again at every poll.
      if (file.stamp == stamp && stamp.size >= 0) {
        changed = changed || was_missing;
        next.push_back(std::move(file));
        continue;
      }
    } else {
      file.kind = found.kind;
      file.origin = found.origin;
      file.path = std::move(found.path);
    }
    file.stamp = stamp;
    Check(file);
    ++last_checked_;
    changed = true;
    next.push_back(std::move(file));
  }
  // A file gone from its folder stays, with its version in use, for kMissingPolls polls.
  for (std::size_t i = 0; i < files_.size(); ++i) {
    if (listed[i] || files_[i].path.empty()) continue;
    const int missing = ++files_[i].missing_polls;
    changed = changed || missing == 1 || missing > kMissingPolls;
    if (missing > kMissingPolls) continue;
    next.push_back(std::move(files_[i]));
  }
  files_ = std::move(next);
  ApplyIdChecks();
  // The selection follows its file, on the same question (the view clamps it to the questions
  // there are); a removed file leaves nothing selected.
  selected_ = -1;
  for (std::size_t i = 0; i < files_.size() && !selected_path.empty(); ++i) {
    if (files_[i].path == selected_path) selected_ = static_cast<int>(i);
  }
  if (selected_ < 0) question_ = 0;
  if (!select_next_.empty()) SelectPath(select_next_);
  select_next_.clear();
  return changed;
}

double AuthoringScreen::SecondsToNextPoll(double now) const {
  return std::max(0.0, next_poll_ - now);
}

int AuthoringScreen::ProblemCount() const {
  int count = 0;
  for (const AuthoredFile& file : files_) count += static_cast<int>(file.problems.size());
  return count;
}

ContentLibrary AuthoringScreen::Library() const {
  ContentLibrary library;
  for (const AuthoredFile& file : files_) {
    switch (file.kind) {
      case ContentKind::kQuiz:
        library.AddLoaded(QuizFile{file.path, file.origin, file.quiz, file.problems});
        break;
      case ContentKind::kLesson:
        library.AddLoaded(LessonFile{file.path, file.origin, file.lesson, file.problems});
        break;
      case ContentKind::kChallenge:
        library.AddLoaded(ChallengeFile{file.path, file.origin, file.challenge, file.problems});
        break;
    }
  }
  return library;
}

engine::Result<std::string> AuthoringScreen::NewQuiz() {
  if (user_.quizzes.empty()) return engine::Status::FailedPrecondition("there is no user folder");
  const std::string schema =
      folders_.quizzes.empty() ? "" : (fs::path(folders_.quizzes) / "quiz.schema.json").string();
  return Wrote(WriteNewQuiz(user_.quizzes, schema));
}

engine::Result<std::string> AuthoringScreen::NewChallenge() {
  if (user_.challenges.empty()) {
    return engine::Status::FailedPrecondition("there is no user challenges folder");
  }
  const std::string schema =
      folders_.challenges.empty()
          ? ""
          : (fs::path(folders_.challenges) / "challenge.schema.json").string();
  return Wrote(WriteNewChallenge(user_.challenges, schema));
}

engine::Result<std::string> AuthoringScreen::Wrote(engine::Result<std::string> written) {
  if (!written.ok()) return written;
  written_ = *written;
  select_next_ = *written;
  next_poll_ = 0;
  return written;
}

void AuthoringScreen::Select(int index) {
  const int next = index >= 0 && index < static_cast<int>(files_.size()) ? index : -1;
  if (next != selected_) question_ = 0;
  selected_ = next;
}

void AuthoringScreen::SelectPath(const std::string& path) {
  for (std::size_t i = 0; i < files_.size(); ++i) {
    if (files_[i].path == path) Select(static_cast<int>(i));
  }
}

}  // namespace stagecraft::core
