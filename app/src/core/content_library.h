#pragma once
// ContentLibrary: every quiz and lesson the learner can use, found and loaded once. The terminal
// commands and the desktop window ask it for a quiz, a lesson or a bank of questions by id, and
// show the problems of a broken file beside everything that still works.
//
// Content comes from two places: the bundled folders (quizzes/ and lessons/ shipped with
// Stagecraft) and the learner's own ($XDG_DATA_HOME/stagecraft/quizzes and .../lessons), or from
// files and folders given on the command line. Loading never fails as a whole: a file that cannot
// be read or has problems is kept with its problems, and whatever in it loaded is still used when
// the format allows (a lesson with problems in one block still reads; a quiz file with any
// problem is not used, as a half-checked answer key would mislead).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/challenge.h"
#include "core/data_folder.h"
#include "core/lesson.h"
#include "core/quiz.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// Where content is looked for. An empty entry is not searched.
struct ContentFolders {
  std::string quizzes;       // bundled quiz files
  std::string lessons;       // bundled lesson files
  std::string user_quizzes;  // the learner's own
  std::string user_lessons;
  // Challenges (given initializers, so that a brace list of the four above still names all).
  std::string challenges = {};       // bundled challenge files (*.challenge.json)
  std::string user_challenges = {};  // the learner's own
};

// The bundled folders: $STAGECRAFT_QUIZZES / $STAGECRAFT_LESSONS when set; else the quizzes/ and
// lessons/ folders of a parent of the executable (a build folder inside the source tree); else
// the source tree this executable was built from, if it still exists; else
// /usr/share/stagecraft/{quizzes,lessons}; challenges/ likewise ($STAGECRAFT_CHALLENGES). The
// learner's folders: DataFolder()/quizzes, DataFolder()/lessons and DataFolder()/challenges.
ContentFolders DefaultContentFolders();

// Where a file came from.
enum class ContentOrigin { kBundled, kUser, kGiven };

// One quiz file: what loaded, and its problems. `quiz` is set only when the file is usable.
struct QuizFile {
  std::string path;
  ContentOrigin origin = ContentOrigin::kGiven;
  std::optional<Quiz> quiz;
  std::vector<QuizProblem> problems;
};

// One lesson file: the lesson (when its front matter was usable) and its problems.
struct LessonFile {
  std::string path;
  ContentOrigin origin = ContentOrigin::kGiven;
  std::optional<Lesson> lesson;
  std::vector<QuizProblem> problems;
};

// One challenge file: the challenge (only when the file is usable) and its problems.
struct ChallengeFile {
  std::string path;
  ContentOrigin origin = ContentOrigin::kGiven;
  std::optional<Challenge> challenge;
  std::vector<QuizProblem> problems;
};

class ContentLibrary {
 public:
  // Loads every *.json (except *.schema.json and challenge files) and *.md (except README.md)
  // under the folders, and every *.challenge.json under the challenge folders, bundled first. A missing folder is no problem (the learner's usually is); an id used by two
  // files is a problem of the second, which is not used.
  static ContentLibrary Load(const ContentFolders& folders);

  // Loads what the command line named: files (.md is a lesson, *.challenge.json a challenge,
  // anything else a quiz) and folders (searched like Load's, challenges included), each kept as given. A path that does not exist is a problem.
  static ContentLibrary LoadPaths(const std::vector<std::string>& paths);

  const std::vector<QuizFile>& quiz_files() const { return quiz_files_; }
  const std::vector<LessonFile>& lesson_files() const { return lesson_files_; }
  const std::vector<ChallengeFile>& challenge_files() const { return challenge_files_; }

  // The usable quizzes and lessons, in file order.
  std::vector<const Quiz*> quizzes() const;
  std::vector<const Lesson*> lessons() const;

  // By id; null when there is none (or its file was not usable).
  const Quiz* FindQuiz(std::string_view id) const;
  const Lesson* FindLesson(std::string_view id) const;
  // The usable challenges, in file order, and one by id (null when there is none).
  std::vector<const Challenge*> challenges() const;
  const Challenge* FindChallenge(std::string_view id) const;

  // A question by the id of its quiz (or lesson) and its own id, as the progress store records
  // them; null when it is gone.
  const Question* FindQuestion(std::string_view quiz_id, std::string_view question_id) const;

  // The questions a practice run draws from. An empty selector is every usable quiz; otherwise a
  // quiz id, or a lesson id (the lesson's questions that stand on their own: a question about
  // a walkthrough's table, `after-step`, needs the table beside it and is left out). kNotFound
  // names the known ids when nothing matches.
  engine::Result<std::vector<Quiz>> Bank(std::string_view selector = {}) const;

  // Every question a review may bring back: every usable quiz, and each lesson's questions that
  // stand on their own (as a quiz whose id is the lesson's).
  std::vector<Quiz> Everything() const;

  // Adds a file loaded elsewhere (the authoring screen's, which keeps a broken file's last good
  // version beside its problems): its quiz or lesson, when set, is used unless an earlier file
  // has its id (then that is one more problem and it is not used), as when Load reads it.
  void AddLoaded(QuizFile file);
  void AddLoaded(LessonFile file);
  // Likewise a challenge file (challenge ids are their own: a quiz may share one).
  void AddLoaded(ChallengeFile file);

  // Every problem of every file, in load order.
  std::vector<QuizProblem> Problems() const;
  // How many files have problems.
  int FilesWithProblems() const;

 private:
  void AddQuizFile(const std::string& path, ContentOrigin origin);
  void AddLessonFile(const std::string& path, ContentOrigin origin);
  void AddChallengeFile(const std::string& path, ContentOrigin origin);
  void AddChallengeFolder(const std::string& folder, ContentOrigin origin);
  void AddFolder(const std::string& folder, ContentOrigin origin, bool quizzes, bool lessons);

  std::vector<QuizFile> quiz_files_;
  std::vector<LessonFile> lesson_files_;
  std::vector<ChallengeFile> challenge_files_;
};

// A lesson's standalone questions as a quiz whose id is the lesson's (see Bank).
Quiz LessonQuiz(const Lesson& lesson);

}  // namespace stagecraft::core
