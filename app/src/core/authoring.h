#pragma once
// Authoring: the instructor's view of the content files — every quiz, lesson and challenge file
// found in the bundled folders and the user's own, each with its problems exactly as `stagecraft
// validate` prints them (the same per-file check: loader, verify blocks, lessons' expected
// output, challenges proven on the engine, and ids taken by an earlier file), kept up to date
// while files change on disk.
//
// Poll() looks at the folders at most every kPollSeconds: it lists them and stats each file
// (inode, size, modification and change times), and reads and checks only a file that is new or
// changed — a rename over it, a chmod that makes it readable and a same-size write in the same
// clock tick included. A file missing at one poll (an editor that deletes before it writes) is
// kept for kMissingPolls polls before it is dropped. A file
// that becomes broken (its quiz, lesson or challenge no longer loads) keeps its last good version
// in use, marked stale, until it is fixed. Library() gives the content as it should now be used.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/challenge.h"
#include "core/content_library.h"
#include "core/lesson.h"
#include "core/quiz.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// What a content file holds.
enum class ContentKind { kQuiz, kLesson, kChallenge };
// "quiz", "lesson", "challenge"
const char* ContentKindName(ContentKind kind);

// How often Poll looks at the disk: a change shows within a second, and an idle screen costs a
// directory listing and a stat per file a few times a second.
inline constexpr double kPollSeconds = 0.4;
// How many polls a file that disappeared stays listed (with its version in use) before it is
// dropped: an editor's delete-then-write must not lose the last good version.
inline constexpr int kMissingPolls = 2;

// What a stat of a file says, to tell whether it changed without reading it.
struct FileStamp {
  std::uint64_t inode = 0;
  std::int64_t size = -1;             // -1: the stat failed
  std::int64_t modified_ns = 0;       // st_mtim
  std::int64_t changed_ns = 0;        // st_ctim: also moves on chmod, rename and link
  bool operator==(const FileStamp&) const = default;
};
// The stamp of the file at `path` (size -1 when it cannot be stat'ed).
FileStamp StampOf(const std::string& path);

// One content file as the authoring screen lists it.
struct AuthoredFile {
  ContentKind kind = ContentKind::kQuiz;
  ContentOrigin origin = ContentOrigin::kBundled;
  std::string path;
  // What `stagecraft validate` prints for this file now, in its order.
  std::vector<QuizProblem> problems;
  // The file is broken now and its last good version is the one in use.
  bool stale = false;
  // The version in use (the last good one when stale); neither when it never loaded.
  std::optional<Quiz> quiz;
  std::optional<Lesson> lesson;
  std::optional<Challenge> challenge;
  // What validate printed for the version in use (the preview's verify results come from it).
  std::vector<QuizProblem> used_problems;

  // Seen on disk when last checked, so that an unchanged file is not read again.
  FileStamp stamp;
  // Polls in a row the file was not found (dropped after kMissingPolls); 0 when it is there.
  int missing_polls = 0;
  // Validate's per-file parts, kept apart so that the id check can go between them as validate
  // orders it: the loader's problems, then an id taken by an earlier file, then the engine's.
  std::vector<QuizProblem> load_problems;
  std::vector<QuizProblem> engine_problems;
  std::string loaded_id;  // the id of what loaded now ("" when nothing did)
  int id_line = 1, id_column = 1;
};

// The user's folders the screen shows and creates.
struct UserFolders {
  std::string quizzes, lessons, challenges;
};
// The user's folders of `folders`: its user quizzes, lessons and challenges.
UserFolders UserFoldersOf(const ContentFolders& folders);

class AuthoringScreen {
 public:
  // Creates the user's folders (a failure is problem()), then lists and checks every file of
  // `folders`, at `now` (seconds on a monotonic clock).
  static AuthoringScreen Open(const ContentFolders& folders, double now);

  const std::vector<AuthoredFile>& files() const { return files_; }
  const UserFolders& user_folders() const { return user_; }
  // Why a user folder could not be created, or ""; a one-line message naming it.
  const std::string& problem() const { return problem_; }
  // The problems of every file together.
  int ProblemCount() const;

  // When kPollSeconds have passed since the last look (or `force`): picks up new, changed and
  // removed files. True when the list or what is in use changed.
  bool Poll(double now, bool force = false);
  // Seconds from `now` until Poll next looks (0 when it is due).
  double SecondsToNextPoll(double now) const;
  // How many files the last Poll read and checked.
  int last_checked() const { return last_checked_; }

  // The content as it should now be used: each file's version in use, with the library's rule
  // that a second file with an id already used is not used.
  ContentLibrary Library() const;

  // The file the screen shows, by index into files(); kept on the same path across polls.
  int selected() const { return selected_; }
  void Select(int index);
  // Selects the file at `path` if it is listed.
  void SelectPath(const std::string& path);

  // "New quiz": writes the template into the user's quizzes folder (WriteNewQuiz, with the
  // bundled schema beside it), makes the next Poll due at once and selects the file there. The
  // path written, or a one-line error.
  engine::Result<std::string> NewQuiz();
  // "New challenge": the same with the challenge template, into the user's challenges folder
  // (WriteNewChallenge, with the bundled challenge.schema.json beside it).
  engine::Result<std::string> NewChallenge();
  // The path the last NewQuiz or NewChallenge wrote, or "".
  const std::string& written() const { return written_; }

  // The question previewed: an index into the selected file's questions (FileQuestions), 0
  // when another file is selected.
  int question() const { return question_; }
  void SelectQuestion(int index) { question_ = index < 0 ? 0 : index; }
  // The seed of the shuffled preview; Reshuffle moves to the next, for another order.
  std::uint64_t seed() const { return seed_; }
  void Reshuffle() { ++seed_; }

 private:
  AuthoringScreen() = default;
  struct Found {
    ContentKind kind;
    ContentOrigin origin;
    std::string path;
  };
  std::vector<Found> List() const;
  void Check(AuthoredFile& file) const;
  void ApplyIdChecks();
  // After a template was written: remembers it, and selects it at a poll due at once.
  engine::Result<std::string> Wrote(engine::Result<std::string> written);

  ContentFolders folders_;
  UserFolders user_;
  std::string problem_;
  std::vector<AuthoredFile> files_;
  double next_poll_ = 0;
  int last_checked_ = 0;
  int selected_ = -1;
  std::string written_;
  std::string select_next_;  // selected at the next Poll
  int question_ = 0;
  std::uint64_t seed_ = 1;
};

}  // namespace stagecraft::core
