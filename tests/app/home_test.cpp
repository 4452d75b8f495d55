// BuildHome: the lessons and quizzes of the library with what the progress store knows — how
// far the learner got, accuracy, reviews due, and where to continue.

#include "core/home.h"

#include <doctest/doctest.h>

#include <string>

#include "intro_lesson.h"
#include "temp_dir.h"

namespace stagecraft::core {
namespace {


constexpr UnixTime kNow = 1'767'258'000;
constexpr UnixTime kDay = 86'400;

const char* kQuiz = R"({"format": 1, "id": "basics", "title": "Basics", "topic": "Stages",
  "questions": [
    {"id": "e1", "level": "easy", "prompt": "P?", "options": ["a", "b"], "answer": "A"},
    {"id": "e2", "level": "easy", "prompt": "Q?", "options": ["a", "b"], "answer": "A"},
    {"id": "m1", "level": "medium", "prompt": "R?", "options": ["a", "b"], "answer": "B"},
    {"id": "h1", "level": "hard", "prompt": "S?", "options": ["a", "b"], "answer": ["A", "B"]}
  ]})";


struct Content {
  testing::TempDir dir{"stagecraft-home"};
  ContentLibrary library;
  Content() {
    dir.Write("quizzes/basics.json", kQuiz);
    dir.Write("quizzes/broken.json", "{");
    dir.Write("lessons/intro.md", testing::kIntroLesson);
    library = ContentLibrary::Load(ContentFolders{(dir.path / "quizzes").string(),
                                                  (dir.path / "lessons").string(), "", ""});
  }
};

Attempt Answer(const std::string& quiz, const std::string& question, bool correct, UnixTime when) {
  Attempt attempt;
  attempt.quiz_id = quiz;
  attempt.question_id = question;
  attempt.content_hash = "h";
  attempt.topic = "Stages";
  attempt.level = "easy";
  attempt.answer = "A";
  attempt.correct = correct;
  attempt.when = when;
  return attempt;
}

TEST_CASE("Without progress, home lists the content with questions per level and nothing due") {
  Content content;
  const HomeSummary home = BuildHome(content.library, nullptr, kNow);
  CHECK(home.files_with_problems == 1);  // broken.json
  REQUIRE(home.quizzes.size() == 1);
  CHECK(home.quizzes[0].quiz->id == "basics");
  CHECK(home.quizzes[0].easy == 2);
  CHECK(home.quizzes[0].medium == 1);
  CHECK(home.quizzes[0].hard == 1);
  CHECK(home.quizzes[0].attempts == 0);
  REQUIRE(home.lessons.size() == 1);
  CHECK(home.lessons[0].lesson->id == "intro");
  CHECK(home.lessons[0].questions == 2);
  CHECK(home.lessons[0].answered == 0);
  CHECK(home.due == 0);
  CHECK_FALSE(home.resume.has_value());
  CHECK(home.store_problem.empty());
}

TEST_CASE("Home counts answered questions, accuracy and reviews due, and where to continue") {
  Content content;
  auto store = ProgressStore::Open(":memory:");
  REQUIRE(store.ok());
  auto session = store->BeginSession("quiz", kNow);
  REQUIRE(session.ok());
  // basics: e1 twice (wrong, then right), m1 wrong; intro: q1 right, last of all.
  REQUIRE(store->Record(*session, Answer("basics", "e1", false, kNow)).ok());
  REQUIRE(store->Record(*session, Answer("basics", "e1", true, kNow + 1)).ok());
  REQUIRE(store->Record(*session, Answer("basics", "m1", false, kNow + 2)).ok());
  // A question no longer in the library is not counted as due.
  REQUIRE(store->Record(*session, Answer("basics", "gone", false, kNow + 3)).ok());
  // A walkthrough prediction is recorded under the lesson's id, but is none of its questions.
  Attempt prediction = Answer("intro", "walkthrough-step-2", true, kNow + 3);
  prediction.schedule = false;
  REQUIRE(store->Record(*session, prediction).ok());
  REQUIRE(store->Record(*session, Answer("intro", "q1", true, kNow + 4)).ok());

  SUBCASE("the same day nothing is due yet") {
    const HomeSummary home = BuildHome(content.library, &*store, kNow + 10);
    const QuizCard& quiz = home.quizzes.at(0);
    CHECK(quiz.answered == 2);  // e1 and m1: the one that is gone is no question of the quiz
    CHECK(quiz.attempts == 3);
    CHECK(quiz.correct == 1);
    CHECK(quiz.due == 0);
    CHECK(home.lessons.at(0).answered == 1);  // q1, not the prediction
    CHECK(home.lessons.at(0).attempts == 1);
    CHECK(home.lessons.at(0).correct == 1);
    CHECK(home.due == 0);
    REQUIRE(home.resume.has_value());
    CHECK(home.resume->id == "intro");
    CHECK(home.resume->lesson);
    CHECK(home.resume->title == "Intro");
    CHECK(home.resume->mode == LessonModeKind::kWhy);  // the mode q1 is in
  }
  SUBCASE("a day later the missed and the once-right questions are due") {
    const HomeSummary home = BuildHome(content.library, &*store, kNow + 2 * kDay);
    CHECK(home.quizzes.at(0).due == 2);  // e1 and m1; "gone" is not in the library
    CHECK(home.lessons.at(0).due == 1);  // intro/q1
    CHECK(home.due == 3);
  }
}

// Three modes: why (four blocks, a question in the middle), deep dive (two), complexity (one).
const char* kFlow = R"(---
id: flow
title: Flow
topic: Stages
---

# Why

One.

Two.

```quiz
{"id": "w1", "level": "easy", "prompt": "Where?", "options": ["None", "Staging"], "answer": "A"}
```

Four.

# Deep dive

One.

Two.

# Complexity

Only.
)";

struct FlowContent {
  testing::TempDir dir{"stagecraft-home"};
  ContentLibrary library;
  ProgressStore store = [] {
    auto opened = ProgressStore::Open(":memory:");
    REQUIRE(opened.ok());
    return std::move(*opened);
  }();
  FlowContent() {
    dir.Write("quizzes/basics.json", kQuiz);
    dir.Write("lessons/flow.md", kFlow);
    library = ContentLibrary::Load(ContentFolders{(dir.path / "quizzes").string(),
                                                  (dir.path / "lessons").string(), "", ""});
    REQUIRE(library.FindLesson("flow") != nullptr);
  }
  void Read(const std::string& mode, int position, int blocks, UnixTime when) {
    ReadingProgress progress;
    progress.lesson_id = "flow";
    progress.mode = mode;
    progress.position = position;
    progress.blocks = blocks;
    progress.when = when;
    REQUIRE(store.SaveReading(progress).ok());
  }
  void Answer(const std::string& quiz, const std::string& question, UnixTime when) {
    auto session = store.BeginSession("quiz", when);
    REQUIRE(session.ok());
    REQUIRE(store.Record(*session, core::Answer(quiz, question, true, when)).ok());
  }
};

TEST_CASE("A lesson card says how far each of its modes was read, in the lesson's order") {
  FlowContent content;
  SUBCASE("nothing read: every mode at 0%, not started") {
    const HomeSummary home = BuildHome(content.library, &content.store, kNow);
    const LessonCard& card = home.lessons.at(0);
    REQUIRE(card.modes.size() == 3);
    CHECK(card.modes[0].kind == LessonModeKind::kWhy);
    CHECK(card.modes[1].kind == LessonModeKind::kDeepDive);
    CHECK(card.modes[2].kind == LessonModeKind::kComplexity);
    for (const ModeProgress& mode : card.modes) {
      CHECK(mode.percent == 0);
      CHECK_FALSE(mode.started());
    }
  }
  SUBCASE("part read, done, and started over after being done") {
    content.Read("why", 3, 4, kNow);
    content.Read("deep-dive", 2, 2, kNow + 1);
    content.Read("complexity", 1, 1, kNow + 2);
    content.Read("complexity", 0, 1, kNow + 3);  // read again from the start: still done
    const HomeSummary home = BuildHome(content.library, &content.store, kNow + 10);
    const LessonCard& card = home.lessons.at(0);
    REQUIRE(card.modes.size() == 3);
    CHECK(card.modes[0].percent == 75);
    CHECK_FALSE(card.modes[0].done);
    CHECK(card.modes[0].started());
    CHECK(card.modes[1].percent == 100);
    CHECK(card.modes[1].done);
    CHECK(card.modes[2].done);
  }
  SUBCASE("nearly read is not shown as 100%") {
    content.Read("why", 3, 4, kNow);
    content.Read("deep-dive", 199, 200, kNow);  // the lesson had 200 blocks then
    const HomeSummary home = BuildHome(content.library, &content.store, kNow + 10);
    CHECK(home.lessons.at(0).modes[1].percent == 99);
    CHECK_FALSE(home.lessons.at(0).modes[1].done);
  }
  SUBCASE("a mode the lesson no longer has is not shown, nor continued") {
    content.Read("step-by-step", 1, 3, kNow + 50);
    const HomeSummary home = BuildHome(content.library, &content.store, kNow + 60);
    CHECK(home.lessons.at(0).modes.size() == 3);
    CHECK_FALSE(home.resume.has_value());
  }
}

TEST_CASE("Continue names the lesson and mode read last, or the quiz answered last") {
  FlowContent content;
  SUBCASE("a reading after the last answer: its lesson and mode") {
    content.Answer("basics", "e1", kNow);
    content.Read("deep-dive", 1, 2, kNow + 5);
    const HomeSummary home = BuildHome(content.library, &content.store, kNow + 10);
    REQUIRE(home.resume.has_value());
    CHECK(home.resume->lesson);
    CHECK(home.resume->id == "flow");
    CHECK(home.resume->title == "Flow");
    CHECK(home.resume->mode == LessonModeKind::kDeepDive);
  }
  SUBCASE("an answer to a quiz after the last reading: the quiz") {
    content.Read("deep-dive", 1, 2, kNow);
    content.Answer("basics", "e1", kNow + 5);
    const HomeSummary home = BuildHome(content.library, &content.store, kNow + 10);
    REQUIRE(home.resume.has_value());
    CHECK_FALSE(home.resume->lesson);
    CHECK(home.resume->id == "basics");
    CHECK_FALSE(home.resume->mode.has_value());
  }
  SUBCASE("a lesson's question answered last: the mode it is in") {
    content.Read("deep-dive", 1, 2, kNow);
    content.Answer("flow", "w1", kNow + 5);
    const HomeSummary home = BuildHome(content.library, &content.store, kNow + 10);
    REQUIRE(home.resume.has_value());
    CHECK(home.resume->id == "flow");
    CHECK(home.resume->mode == LessonModeKind::kWhy);
  }
  SUBCASE("the answer and the reading it moved on, at the same moment: the reading's mode") {
    content.Answer("flow", "w1", kNow + 5);
    content.Read("why", 3, 4, kNow + 5);
    const HomeSummary home = BuildHome(content.library, &content.store, kNow + 10);
    REQUIRE(home.resume.has_value());
    CHECK(home.resume->mode == LessonModeKind::kWhy);
  }
  SUBCASE("a mode read to its end: the next one not done") {
    content.Read("complexity", 1, 1, kNow);
    content.Read("why", 4, 4, kNow + 5);
    const HomeSummary home = BuildHome(content.library, &content.store, kNow + 10);
    REQUIRE(home.resume.has_value());
    CHECK(home.resume->mode == LessonModeKind::kDeepDive);
  }
  SUBCASE("the last mode, or every mode, read to its end: that mode") {
    content.Read("complexity", 1, 1, kNow + 5);
    const HomeSummary home = BuildHome(content.library, &content.store, kNow + 10);
    REQUIRE(home.resume.has_value());
    CHECK(home.resume->mode == LessonModeKind::kComplexity);
  }
}

}  // namespace
}  // namespace stagecraft::core
