#include "core/authoring_preview.h"

#include <doctest/doctest.h>

#include "core/quiz_session.h"
#include "temp_dir.h"

namespace stagecraft::core {
namespace {

constexpr const char* kQuiz = R"({"format": 1, "id": "p", "title": "T", "topic": "Stages",
  "questions": [
    {"id": "plain", "level": "easy", "prompt": "Which?",
     "options": ["One", "Two", "Three", "Four", "Five"], "answer": "C"},
    {"id": "checked", "level": "easy", "prompt": "Where is v1?",
     "options": ["None", "Staging"], "answer": "A",
     "verify": {"setup": ["models create churn",
                          "models create-version --model-name churn --source runs:/a/m"],
                "check": "stage", "model": "churn", "version": 1}},
    {"id": "wrong", "level": "easy", "prompt": "Where is v1?",
     "options": ["None", "Staging"], "answer": "B",
     "verify": {"setup": ["models create churn",
                          "models create-version --model-name churn --source runs:/a/m"],
                "check": "stage", "model": "churn", "version": 1}}]})";

struct Fixture {
  testing::TempDir dir;
  AuthoringScreen screen = [this] {
    dir.Write("data/quizzes/p.json", kQuiz);
    ContentFolders folders;
    folders.user_quizzes = (dir.path / "data/quizzes").string();
    return AuthoringScreen::Open(folders, 0);
  }();
  const AuthoredFile& file() const { return screen.files().at(0); }
};

TEST_CASE("a file's questions are previewed in file order with the marked answer graded right") {
  Fixture f;
  const auto questions = FileQuestions(f.file());
  REQUIRE(questions.size() == 3);
  const QuestionPreview preview = PreviewQuestion(*questions[0], std::nullopt);
  CHECK(preview.order == std::vector<int>{0, 1, 2, 3, 4});
  CHECK(preview.answered.correct);
  CHECK(preview.answered.answers == std::vector<int>{2});
}

TEST_CASE("the shuffled preview is the order a quiz session with the same seed shows") {
  Fixture f;
  const Question& question = *FileQuestions(f.file())[0];
  bool some_order_differs = false;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const QuestionPreview preview = PreviewQuestion(question, seed);
    std::vector<Quiz> bank(1);
    bank[0].questions.push_back(question);
    SessionOptions options;
    options.count = 1;
    options.seed = seed;
    auto session = QuizSession::Start(bank, options);
    REQUIRE(session.ok());
    CHECK(preview.order == session->questions().front().order);
    CHECK(preview.answered.answers == session->questions().front().answers);
    CHECK(preview.answered.correct);
    some_order_differs = some_order_differs || preview.order != FileOrder(question);
  }
  CHECK(some_order_differs);
}

TEST_CASE("a question's verify result is what validate found at its verify block") {
  Fixture f;
  const auto questions = FileQuestions(f.file());
  CHECK_FALSE(VerifyResult(f.file(), *questions[0]).has_value());
  const auto ok = VerifyResult(f.file(), *questions[1]);
  REQUIRE(ok.has_value());
  CHECK(ok->empty());
  const auto wrong = VerifyResult(f.file(), *questions[2]);
  REQUIRE(wrong.has_value());
  REQUIRE(wrong->size() == 1);
  CHECK(wrong->front().ToString() == f.file().problems.at(0).ToString());
}

TEST_CASE("a verify result belongs to its own question even when the file is one line") {
  testing::TempDir dir;
  std::string one_line = kQuiz;
  for (char& c : one_line) {
    if (c == '\n') c = ' ';
  }
  dir.Write("data/quizzes/p.json", one_line);
  ContentFolders folders;
  folders.user_quizzes = (dir.path / "data/quizzes").string();
  const AuthoringScreen screen = AuthoringScreen::Open(folders, 0);
  const AuthoredFile& file = screen.files().at(0);
  REQUIRE(file.problems.size() == 1);
  CHECK(file.problems[0].line == 1);
  const auto questions = FileQuestions(file);
  REQUIRE(questions.size() == 3);
  const auto ok = VerifyResult(file, *questions[1]);
  REQUIRE(ok.has_value());
  CHECK(ok->empty());  // the wrong question's problem is on the same line, but not its own
  const auto wrong = VerifyResult(file, *questions[2]);
  REQUIRE(wrong.has_value());
  CHECK(wrong->size() == 1);
}

TEST_CASE("the previewed file and question survive polls, another file starts at its first question, and reshuffling changes the seed") {
  Fixture f;
  f.dir.Write("data/quizzes/q.json", R"({"format": 1, "id": "q", "title": "T", "topic": "S",
    "questions": [{"id": "a", "level": "easy", "prompt": "?", "options": ["x", "y"],
    "answer": "A"}]})");
  REQUIRE(f.screen.Poll(1));
  f.screen.Select(0);
  f.screen.SelectQuestion(2);
  CHECK(f.screen.question() == 2);
  const auto seed = f.screen.seed();
  f.screen.Reshuffle();
  CHECK(f.screen.seed() != seed);
  // A poll, changed files or not, keeps the file and question previewed.
  f.dir.Write("data/quizzes/0-first.json", R"({"format": 1, "id": "first", "title": "T",
    "topic": "S", "questions": [{"id": "a", "level": "easy", "prompt": "?",
    "options": ["x", "y"], "answer": "A"}]})");
  REQUIRE(f.screen.Poll(2));
  CHECK(f.screen.selected() == 1);
  CHECK(f.screen.question() == 2);
  CHECK_FALSE(f.screen.Poll(3));
  CHECK(f.screen.question() == 2);
  f.screen.Select(2);
  CHECK(f.screen.question() == 0);
}

TEST_CASE("a lesson's quiz blocks are previewed, with validate's verify result for each") {
  testing::TempDir dir;
  dir.Write("data/lessons/mine.md", R"md(---
id: mine
title: Mine
topic: Stages
summary: S.
minutes: 2
---

# Why

```quiz
{"id": "fine", "level": "easy", "prompt": "Where is v1?", "options": ["None", "Staging"],
 "answer": "A",
 "verify": {"setup": ["models create churn",
                      "models create-version --model-name churn --source runs:/a/m"],
            "check": "stage", "model": "churn", "version": 1}}
```

```quiz
{"id": "wrong", "level": "easy", "prompt": "Where is v1?", "options": ["None", "Staging"],
 "answer": "B",
 "verify": {"setup": ["models create churn",
                      "models create-version --model-name churn --source runs:/a/m"],
            "check": "stage", "model": "churn", "version": 1}}
```
)md");
  ContentFolders folders;
  folders.user_lessons = (dir.path / "data/lessons").string();
  const AuthoringScreen screen = AuthoringScreen::Open(folders, 0);
  REQUIRE(screen.files().size() == 1);
  const AuthoredFile& file = screen.files()[0];
  const auto questions = FileQuestions(file);
  REQUIRE(questions.size() == 2);
  const auto fine = VerifyResult(file, *questions[0]);
  REQUIRE(fine.has_value());
  CHECK(fine->empty());
  const auto wrong = VerifyResult(file, *questions[1]);
  REQUIRE(wrong.has_value());
  REQUIRE(wrong->size() == 1);
  CHECK(wrong->front().path == "quiz[wrong].verify");
  CHECK(PreviewQuestion(*questions[1], std::nullopt).answered.answers == std::vector<int>{1});
}

}  // namespace
}  // namespace stagecraft::core
