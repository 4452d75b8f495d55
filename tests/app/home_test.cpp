// BuildHome: the lessons and quizzes of the library with what the progress store knows — how
// far the learner got, accuracy, reviews due, and where to continue.

#include "core/home.h"

#include <doctest/doctest.h>

#include <string>

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

const char* kLesson = R"(---
id: intro
title: Intro
topic: Stages
---

# Why

Text.

```quiz
{"id": "q1", "level": "easy", "prompt": "Where?", "options": ["None", "Staging"], "answer": "A"}
```

```quiz
{"id": "q2", "level": "easy", "prompt": "When?", "options": ["Now", "Later"], "answer": "B"}
```
)";

struct Content {
  testing::TempDir dir{"stagecraft-home"};
  ContentLibrary library;
  Content() {
    dir.Write("quizzes/basics.json", kQuiz);
    dir.Write("quizzes/broken.json", "{");
    dir.Write("lessons/intro.md", kLesson);
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
  }
  SUBCASE("a day later the missed and the once-right questions are due") {
    const HomeSummary home = BuildHome(content.library, &*store, kNow + 2 * kDay);
    CHECK(home.quizzes.at(0).due == 2);  // e1 and m1; "gone" is not in the library
    CHECK(home.lessons.at(0).due == 1);  // intro/q1
    CHECK(home.due == 3);
  }
}

}  // namespace
}  // namespace stagecraft::core
