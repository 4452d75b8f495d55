#pragma once
// Home: what a learner sees first — the lessons (with their modes and how far each was read, and
// how many of their questions the learner has answered), the quizzes with their questions per
// level, accuracy so far and reviews due, and where to continue. Built from the content library
// and the progress store; the terminal can print it and the desktop window's home screen draws it.

#include <optional>
#include <string>
#include <vector>

#include "core/content_library.h"
#include "core/progress.h"

namespace stagecraft::core {

// How far the learner read one mode of a lesson (ReadingProgress, as the store keeps it).
struct ModeProgress {
  LessonModeKind kind = LessonModeKind::kWhy;
  int percent = 0;    // of its blocks read, rounded down: 100 only when done
  bool done = false;  // read to its end (at least once)
  bool started() const { return percent > 0 || done; }
};

// Counts are of the questions in the content now: an answer to a question since removed, or a
// walkthrough prediction, is not one of them. The cards point into the library: keep it while
// they are shown.
struct LessonCard {
  const Lesson* lesson = nullptr;
  int questions = 0;  // its quiz blocks
  int answered = 0;   // of them, answered at least once
  int correct = 0;    // answers that were right, of `attempts`
  int attempts = 0;
  int due = 0;        // its questions due for review now
  std::vector<ModeProgress> modes;  // one per mode, in the lesson's order
};

struct QuizCard {
  const Quiz* quiz = nullptr;
  int easy = 0, medium = 0, hard = 0;  // questions per level
  int answered = 0;  // distinct questions answered at least once
  int attempts = 0;
  int correct = 0;
  int due = 0;  // questions due for review now
};

// Where the learner left off: the quiz or lesson of their most recent answer or reading. For a
// lesson, the mode they last read (or answered a question of); when they read it to its end, the
// next mode of the lesson not yet done, if any.
struct ResumePoint {
  std::string id;  // a quiz or lesson id
  bool lesson = false;
  std::string title;
  std::optional<LessonModeKind> mode;  // a lesson's; nullopt when not known
};

struct HomeSummary {
  std::vector<LessonCard> lessons;  // in the library's order
  std::vector<QuizCard> quizzes;
  int due = 0;  // the cards' due questions together
  std::optional<ResumePoint> resume;
  int files_with_problems = 0;  // content files the library reported problems in
  std::string store_problem;    // why progress could not be read; "" when it could
};

// Summarises `library` with what `store` knows at `now`. `store` may be null (no progress yet,
// or it could not be opened): the cards then show the content alone.
HomeSummary BuildHome(const ContentLibrary& library, const ProgressStore* store, UnixTime now);

}  // namespace stagecraft::core
