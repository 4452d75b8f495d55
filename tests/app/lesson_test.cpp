// Lesson files (lessons/README.md is the contract): front matter, modes, the document tree,
// console/walkthrough/quiz blocks and callouts with every problem's line; the checks run on the
// engine; the status tracker and the terminal text; ValidateContent over quizzes and lessons;
// and the shipped lessons.
//
// Each lesson is written out inline; kHead is lines 1-6, so a lesson's body starts at line 7.

#include <doctest/doctest.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "problem_listing.h"
#include "core/lesson_loader.h"
#include "core/lesson_text.h"

#ifndef STAGECRAFT_LESSONS_DIR
#error "STAGECRAFT_LESSONS_DIR must name the shipped lessons folder"
#endif
#ifndef STAGECRAFT_QUIZZES_DIR
#error "STAGECRAFT_QUIZZES_DIR must name the shipped quizzes folder"
#endif

namespace stagecraft::core {
namespace {

using testing::Contains;
using testing::Listing;

namespace fs = std::filesystem;
using Kind = LessonBlock::Kind;

bool HasProblem(const std::vector<QuizProblem>& problems, int line, std::string_view where,
                std::string_view message) {
  for (const auto& p : problems) {
    if (p.line == line && p.path == where && Contains(p.message, message)) return true;
  }
  return false;
}

#define CHECK_PROBLEM(problems, line, where, message)                                        \
  CHECK_MESSAGE(HasProblem(problems, line, where, message),                                  \
                "expected " << line << ": " << where << ": ..." << message << "... in:\n" \
                            << Listing(problems))

#define CHECK_ONLY_PROBLEM(problems, line, where, message)    \
  do {                                                        \
    CHECK_MESSAGE((problems).size() == 1, Listing(problems)); \
    CHECK_PROBLEM(problems, line, where, message);            \
  } while (false)

constexpr std::string_view kHead = R"(---
id: demo
title: Demo
topic: Model stages
---

)";

std::string WithBody(std::string_view body) { return std::string(kHead) + std::string(body); }

LessonLoad Parse(std::string_view body) { return ParseLesson(WithBody(body), "x.md"); }

// Parses a lesson that must load without problems.
Lesson Clean(std::string_view body) {
  LessonLoad load = Parse(body);
  INFO(Listing(load.problems));
  REQUIRE(load.clean());
  return std::move(*load.lesson);
}

const std::vector<LessonBlock>& Blocks(const Lesson& lesson, LessonModeKind kind) {
  const LessonMode* mode = lesson.Mode(kind);
  REQUIRE(mode != nullptr);
  return mode->blocks;
}

TEST_CASE("ParseLesson reads front matter and modes") {
  const Lesson lesson = Clean(R"(# Why

Because.

# Complexity

Then.
)");
  CHECK(lesson.path == "x.md");
  CHECK(lesson.id == "demo");
  CHECK(lesson.title == "Demo");
  CHECK(lesson.topic == "Model stages");
  CHECK(lesson.minutes == 0);
  REQUIRE(lesson.modes.size() == 2);
  CHECK(lesson.modes[0].kind == LessonModeKind::kWhy);
  CHECK(lesson.modes[0].line == 7);
  CHECK(lesson.modes[1].kind == LessonModeKind::kComplexity);
  CHECK(lesson.modes[1].line == 11);
  CHECK(lesson.Mode(LessonModeKind::kDeepDive) == nullptr);
  CHECK(PlainText(lesson.modes[0].blocks.at(0).text) == "Because.");

  SUBCASE("the optional keys") {
    const auto load = ParseLesson(R"(---
id: x
title: "Stages: a primer"
topic: 'P'
summary: One sentence.
minutes: 12
quiz: stages-basics
---
# Why
a
)", "y.md");
    INFO(Listing(load.problems));
    REQUIRE(load.clean());
    CHECK(load.lesson->summary == "One sentence.");
    CHECK(load.lesson->title == "Stages: a primer");
    CHECK(load.lesson->topic == "P");
    CHECK(load.lesson->minutes == 12);
    CHECK(load.lesson->quiz_id == "stages-basics");
  }
}

TEST_CASE("The mode ids and headings are the documented ones") {
  CHECK(std::string(LessonModeId(LessonModeKind::kDeepDive)) == "deep-dive");
  CHECK(std::string(LessonModeHeading(LessonModeKind::kCommands)) == "Commands and configuration");
  CHECK(LessonModeFromId("step-by-step") == LessonModeKind::kStepByStep);
  CHECK(LessonModeFromId("complexity") == LessonModeKind::kComplexity);
  CHECK_FALSE(LessonModeFromId("Why").has_value());
}

TEST_CASE("ParseLesson reports front matter problems at their lines") {
  SUBCASE("no front matter") {
    const auto load = ParseLesson("# Why\n\nText.\n", "x.md");
    CHECK_FALSE(load.lesson.has_value());
    CHECK_ONLY_PROBLEM(load.problems, 1, "", "a lesson starts with front matter");
  }
  SUBCASE("no closing line") {
    const auto load = ParseLesson("---\nid: a\ntitle: T\ntopic: P\n# Why\n", "x.md");
    CHECK_FALSE(load.lesson.has_value());
    CHECK_PROBLEM(load.problems, 1, "", "no closing \"---\"");
  }
  SUBCASE("missing required keys") {
    const auto load = ParseLesson("---\nid: a\n---\n# Why\nx\n", "x.md");
    CHECK(load.problems.size() == 2);
    CHECK_PROBLEM(load.problems, 1, "", "front matter is missing \"title\"");
    CHECK_PROBLEM(load.problems, 1, "", "front matter is missing \"topic\"");
  }
  SUBCASE("an unknown key, a repeated key, a line without a colon") {
    const auto load = ParseLesson("---\nid: a\ntitle: T\ntopic: P\nauthor: me\ntitle: U\njust words\n---\n# Why\nx\n", "x.md");
    CHECK(load.problems.size() == 3);
    CHECK_PROBLEM(load.problems, 5, "author", "unknown front matter key");
    CHECK_PROBLEM(load.problems, 6, "title", "is given twice");
    CHECK_PROBLEM(load.problems, 7, "", "has no colon");
  }
  SUBCASE("bad values") {
    const auto load = ParseLesson("---\nid: a b\ntitle: T\ntopic: P\nminutes: soon\nsummary:\n---\n# Why\nx\n", "x.md");
    CHECK(load.problems.size() == 3);
    CHECK_PROBLEM(load.problems, 2, "id", "\"a b\" is not an identifier");
    CHECK_PROBLEM(load.problems, 5, "minutes", "whole number of minutes");
    CHECK_PROBLEM(load.problems, 6, "summary", "must not be empty");
  }
}

TEST_CASE("ParseLesson reports mode problems") {
  SUBCASE("text before the first mode") {
    const auto load = Parse("Intro.\n\n# Why\n\nx\n");
    CHECK_ONLY_PROBLEM(load.problems, 7, "", "text before the first mode heading");
  }
  SUBCASE("an unknown mode") {
    const auto load = Parse("# Why\n\nx\n\n# Overview\n\ny\n");
    CHECK_ONLY_PROBLEM(load.problems, 11, "mode", "\"Overview\" is not a learning mode (known: Why,");
    CHECK(load.lesson->modes.size() == 1);
  }
  SUBCASE("a mode twice") {
    const auto load = Parse("# Why\n\nx\n\n# Why\n\ny\n");
    CHECK_ONLY_PROBLEM(load.problems, 11, "mode", "\"Why\" appears twice");
  }
  SUBCASE("no mode at all") {
    const auto load = Parse("");
    CHECK_ONLY_PROBLEM(load.problems, 1, "", "at least one mode heading");
  }
}

TEST_CASE("ParseLesson builds the document tree with inline styles") {
  const Lesson lesson = Clean(R"(# Why

A *registered model* is a **name** with `versions`; see [the docs](https://example.org).
Second line.

## Before and after

- one
- two

1. first
2. second

| Stage | Meaning |
|---|---|
| None | new |

```python
client.transition_model_version_stage("m", 2, "Production")
```

---
)");
  const auto& blocks = Blocks(lesson, LessonModeKind::kWhy);
  REQUIRE(blocks.size() == 7);
  const InlineText& text = blocks[0].text;
  CHECK(blocks[0].kind == Kind::kParagraph);
  CHECK(blocks[0].line == 9);
  CHECK(PlainText(text) ==
        "A registered model is a name with versions; see the docs. Second line.");
  REQUIRE(text.size() >= 8);
  CHECK(text[1].text == "registered model");
  CHECK(text[1].style == TextRun::kEmphasis);
  CHECK(text[3].style == TextRun::kStrong);
  CHECK(text[5].style == TextRun::kCode);
  CHECK(text[7].style == TextRun::kLink);
  CHECK(text[7].href == "https://example.org");

  CHECK(blocks[1].kind == Kind::kHeading);
  CHECK(blocks[1].level == 2);
  CHECK(blocks[1].line == 12);
  CHECK(blocks[2].kind == Kind::kList);
  CHECK_FALSE(blocks[2].ordered);
  REQUIRE(blocks[2].items.size() == 2);
  CHECK(PlainText(blocks[2].items[1].at(0).text) == "two");
  CHECK(blocks[3].ordered);
  CHECK(blocks[3].start == 1);
  CHECK(blocks[4].kind == Kind::kTable);
  REQUIRE(blocks[4].header.size() == 2);
  CHECK(PlainText(blocks[4].header[1]) == "Meaning");
  REQUIRE(blocks[4].rows.size() == 1);
  CHECK(PlainText(blocks[4].rows[0][0]) == "None");
  CHECK(blocks[5].kind == Kind::kCode);
  CHECK(blocks[5].info == "python");
  CHECK(blocks[5].line == 24);
  CHECK(blocks[5].code_line == 25);
  CHECK(blocks[5].code == "client.transition_model_version_stage(\"m\", 2, \"Production\")\n");
  REQUIRE(blocks.size() == 7);
  CHECK(blocks[6].kind == Kind::kRule);
}

TEST_CASE("ParseLesson builds nested and tight lists without losing or misplacing text") {
  // Each of these once wrote through a pointer into a vector that had grown (found by ASan).
  SUBCASE("a tight list after a paragraph") {
    const Lesson lesson = Clean("# Why\n\npara\n\n- a\n");
    const auto& blocks = Blocks(lesson, LessonModeKind::kWhy);
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[1].line == 11);
    CHECK(PlainText(blocks[1].items.at(0).at(0).text) == "a");
  }
  SUBCASE("a list inside a tight item") {
    const Lesson lesson = Clean("# Why\n\n- a\n  - b\n");
    const auto& item = Blocks(lesson, LessonModeKind::kWhy).at(0).items.at(0);
    REQUIRE(item.size() == 2);
    CHECK(PlainText(item[0].text) == "a");
    CHECK(PlainText(item[1].items.at(0).at(0).text) == "b");
  }
  SUBCASE("text after a code block in the same item") {
    const Lesson lesson = Clean("# Why\n\n- a\n  ```\n  x\n  ```\n  b\n");
    const auto& item = Blocks(lesson, LessonModeKind::kWhy).at(0).items.at(0);
    REQUIRE(item.size() == 3);
    CHECK(PlainText(item[0].text) == "a");
    CHECK(item[1].code == "x\n");
    CHECK(PlainText(item[2].text) == "b");
    CHECK(item[2].line == 13);
  }
}

TEST_CASE("ParseLesson refuses a file that is not UTF-8, naming where") {
  const auto load = ParseLesson(WithBody("# Why\n\nCaf\xE9 au lait.\n"), "x.md");
  CHECK_FALSE(load.lesson.has_value());
  CHECK_ONLY_PROBLEM(load.problems, 9, "", "the file is not valid UTF-8 (byte 0xE9)");
  REQUIRE_FALSE(load.problems.empty());
  CHECK(load.problems[0].column == 4);
}

TEST_CASE("ParseLesson keeps quotes that are not callouts, and decodes entities") {
  const Lesson lesson = Clean("# Why\n\n> Quoted &amp; &#955; plain.\n");
  const auto& blocks = Blocks(lesson, LessonModeKind::kWhy);
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].kind == Kind::kQuote);
  REQUIRE(blocks[0].children.size() == 1);
  CHECK(PlainText(blocks[0].children[0].text) == "Quoted & \u03bb plain.");
}

TEST_CASE("ParseLesson reads callouts and their reveals") {
  const Lesson lesson = Clean(R"(# Deep dive

> **Predict:** Version 2 is in Production. What does `models:/m/Production` serve?
>
> **Reveal:** Still version 2.
>
> It is the highest version in the stage.

> **Pitfall:** Forgetting `--archive-existing`.
)");
  const auto& blocks = Blocks(lesson, LessonModeKind::kDeepDive);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].kind == Kind::kCallout);
  CHECK(blocks[0].callout == CalloutKind::kPredict);
  CHECK(blocks[0].line == 9);
  REQUIRE(blocks[0].children.size() == 1);
  CHECK(PlainText(blocks[0].children[0].text) ==
        "Version 2 is in Production. What does models:/m/Production serve?");
  REQUIRE(blocks[0].reveal.size() == 2);
  CHECK(PlainText(blocks[0].reveal[0].text) == "Still version 2.");
  CHECK(blocks[1].callout == CalloutKind::kPitfall);
  CHECK(blocks[1].reveal.empty());
  CHECK(std::string(CalloutRevealLabel(CalloutKind::kMyth)) == "Reality");
}

TEST_CASE("ParseLesson reports callouts that are missing their second part or misspelt") {
  SUBCASE("a prediction without a reveal") {
    const auto load = Parse("# Why\n\n> **Predict:** What happens?\n");
    CHECK_ONLY_PROBLEM(load.problems, 9, "callout", "needs a later paragraph starting \"**Reveal:**\"");
  }
  SUBCASE("a myth without its reality") {
    const auto load = Parse("# Why\n\n> **Myth:** Stages are case-sensitive.\n>\n> **Reveal:** no\n");
    CHECK_ONLY_PROBLEM(load.problems, 9, "callout", "\"**Reality:**\"");
  }
  SUBCASE("a misspelt label") {
    const auto load = Parse("# Why\n\n> **Predcit:** What happens?\n");
    CHECK_ONLY_PROBLEM(load.problems, 9, "callout", "\"**Predcit:**\" is not a callout label (known: Predict, Myth,");
  }
  SUBCASE("a reveal on its own") {
    const auto load = Parse("# Why\n\n> **Reveal:** It is None.\n");
    CHECK_ONLY_PROBLEM(load.problems, 9, "callout", "it follows a \"**Predict:**\"");
  }
  SUBCASE("the colon outside the bold still makes a callout") {
    const Lesson lesson = Clean("# Why\n\n> **Predict**: What happens?\n>\n> **Reveal**: It moves.\n");
    const auto& block = Blocks(lesson, LessonModeKind::kWhy).at(0);
    CHECK(block.kind == Kind::kCallout);
    CHECK(PlainText(block.children.at(0).text) == "What happens?");
    CHECK(PlainText(block.reveal.at(0).text) == "It moves.");
  }
  SUBCASE("bold text that is not a label is an ordinary quote") {
    const Lesson lesson = Clean("# Why\n\n> **Important** words.\n");
    CHECK(Blocks(lesson, LessonModeKind::kWhy).at(0).kind == Kind::kQuote);
  }
}

TEST_CASE("ParseLesson reads console blocks into commands and expected output") {
  const Lesson lesson = Clean(R"(# Commands and configuration

```console
$ stagecraft models create fraud
Registered model 'fraud'.
$ stagecraft models list
$ stagecraft models get fraud
Name  fraud
```
)");
  const auto& block = Blocks(lesson, LessonModeKind::kCommands).at(0);
  CHECK(block.kind == Kind::kConsole);
  REQUIRE(block.console.size() == 3);
  CHECK(block.console[0].line == 10);
  CHECK(block.console[0].command == "models create fraud");
  CHECK(block.console[0].expected == "Registered model 'fraud'.\n");
  CHECK(block.console[1].expected.empty());
  CHECK(block.console[2].line == 13);
  CHECK(block.console[2].expected == "Name  fraud\n");
}

TEST_CASE("ParseLesson reports console blocks it cannot check") {
  SUBCASE("another tool") {
    const auto load = Parse("# Why\n\n```console\n$ mlflow models serve -m runs:/a/model\n```\n");
    CHECK_PROBLEM(load.problems, 10, "console", "only stagecraft commands can be checked");
  }
  SUBCASE("output before a command") {
    const auto load = Parse("# Why\n\n```console\nhello\n$ stagecraft models list\n```\n");
    CHECK_ONLY_PROBLEM(load.problems, 10, "console", "output before the first command");
  }
  SUBCASE("no command") {
    const auto load = Parse("# Why\n\ntext\n\n```console\n\n```\n");
    CHECK_ONLY_PROBLEM(load.problems, 11, "console", "at least one \"$ stagecraft\" command");
  }
  SUBCASE("no command, after an unrelated problem") {
    const auto load = Parse("# Why\n\n> **Predcit:** x\n\n```console\n\n```\n");
    CHECK(load.problems.size() == 2);
    CHECK_PROBLEM(load.problems, 11, "console", "at least one \"$ stagecraft\" command");
  }
  SUBCASE("the output of another tool's command is not charged to the command before it") {
    const auto load = Parse("# Why\n\n```console\n$ stagecraft models list\nNo models yet.\n"
                            "$ mlflow models serve -m runs:/a/model\nUvicorn running\n$ stagecraft\n```\n");
    CHECK(load.problems.size() == 2);
    CHECK_PROBLEM(load.problems, 12, "console", "only stagecraft commands can be checked");
    CHECK_PROBLEM(load.problems, 14, "console", "a command follows \"$ stagecraft \"");
    REQUIRE(load.lesson.has_value());
    const auto& console = Blocks(*load.lesson, LessonModeKind::kWhy).at(0).console;
    REQUIRE(console.size() == 1);
    CHECK(console[0].expected == "No models yet.\n");
  }
}

constexpr std::string_view kWalkthrough = R"(# Step by step

```walkthrough
# Register the model
# A name, no versions yet.
models create fraud
# Create version 1
models create-version --model-name fraud --source runs:/a/model
# Stage it
models transition-stage --model-name fraud --version 1 --stage Staging
# Break a rule
# expect: refused
models transition-stage --model-name fraud --version 9 --stage Production
# Ship it
models transition-stage --model-name fraud --version 1 --stage Production
# Name the champion
models set-alias --model-name fraud --alias champion --version 1
```
)";

TEST_CASE("ParseLesson reads a walkthrough's steps, narration and expectations") {
  const Lesson lesson = Clean(kWalkthrough);
  const LessonBlock* walkthrough = lesson.Walkthrough();
  REQUIRE(walkthrough != nullptr);
  REQUIRE(walkthrough->steps.size() == 6);
  const auto& first = walkthrough->steps[0];
  CHECK(first.title == "Register the model");
  CHECK(first.narration == std::vector<std::string>{"A name, no versions yet."});
  CHECK(first.command == "models create fraud");
  CHECK(first.line == 12);
  CHECK_FALSE(first.expect_refused);
  CHECK(walkthrough->steps[3].expect_refused);
  CHECK(walkthrough->steps[3].title == "Break a rule");
  CHECK(walkthrough->steps[3].narration.empty());
}

TEST_CASE("ParseLesson reports walkthrough problems") {
  SUBCASE("a step without narration") {
    const auto load = Parse("# Step by step\n\n```walkthrough\nmodels create a\n```\n");
    CHECK_ONLY_PROBLEM(load.problems, 10, "walkthrough step 1", "needs narration");
  }
  SUBCASE("narration after the last command") {
    const auto load = Parse("# Step by step\n\n```walkthrough\n# One\nmodels create a\n# Dangling\n```\n");
    CHECK_ONLY_PROBLEM(load.problems, 12, "walkthrough", "belongs to no step");
  }
  SUBCASE("an unknown expectation") {
    const auto load = Parse("# Step by step\n\n```walkthrough\n# One\n# expect: ok\nmodels create a\n```\n");
    CHECK_ONLY_PROBLEM(load.problems, 11, "walkthrough step 1", "the only expectation is");
  }
  SUBCASE("outside the step-by-step mode") {
    const auto load = Parse("# Why\n\n```walkthrough\n# One\nmodels create a\n```\n");
    CHECK_ONLY_PROBLEM(load.problems, 9, "walkthrough", "belongs in the # Step by step mode");
  }
  SUBCASE("inside a quote") {
    const auto load = Parse("# Step by step\n\n> ```walkthrough\n> # One\n> models create a\n> ```\n");
    CHECK_PROBLEM(load.problems, 9, "walkthrough", "not inside a quote or list");
  }
  SUBCASE("a step-by-step mode without one") {
    const auto load = Parse("# Step by step\n\nJust prose.\n");
    CHECK_ONLY_PROBLEM(load.problems, 7, "walkthrough", "needs a walkthrough block");
  }
  SUBCASE("two walkthroughs") {
    const auto load = Parse("# Step by step\n\n```walkthrough\n# One\nmodels create a\n```\n\n"
                            "```walkthrough\n# Two\nmodels create b\n```\n");
    CHECK_ONLY_PROBLEM(load.problems, 14, "walkthrough", "this is a second");
  }
}

TEST_CASE("ParseLesson reads quiz blocks with the quiz format's rules, at the lesson's lines") {
  const Lesson lesson = Clean(R"(# Why

```quiz
{
  "id": "start",
  "level": "easy",
  "prompt": "Where does a new version start?",
  "options": ["None", {"text": "Staging", "feedback": "Not until moved."}],
  "answer": "A"
}
```
)");
  const auto questions = lesson.Questions();
  REQUIRE(questions.size() == 1);
  CHECK(questions[0]->id == "start");
  CHECK(questions[0]->topic == "Model stages");
  CHECK(questions[0]->options[1].feedback == "Not until moved.");
  CHECK(questions[0]->answers == std::vector<int>{0});

  SUBCASE("a problem is reported at its line and column in the lesson") {
    const auto load = Parse(R"(# Why

```quiz
{
  "id": "start",
  "level": "easy",
  "prompt": "Where?",
  "options": ["None", "Staging"],
  "answer": "E"
}
```
)");
    CHECK_ONLY_PROBLEM(load.problems, 15, "quiz[start].answer", "\"E\" is not an option (A-B)");
    REQUIRE_FALSE(load.problems.empty());
    CHECK(load.problems[0].column == 13);
  }
  SUBCASE("invalid JSON") {
    const auto load = Parse("# Why\n\n```quiz\n{\n  \"id\": \"a\",\n}\n```\n");
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].path == "quiz");
    CHECK(load.problems[0].line == 12);
    CHECK(Contains(load.problems[0].message, "invalid JSON"));
  }
  SUBCASE("a question id used twice") {
    const std::string block = "```quiz\n{\"id\": \"a\", \"level\": \"easy\", \"prompt\": \"P?\", "
                              "\"options\": [\"x\", \"y\"], \"answer\": \"A\"}\n```\n\n";
    const auto load = Parse("# Why\n\n" + block + block);
    CHECK_ONLY_PROBLEM(load.problems, 14, "quiz[a].id", "already used by another quiz block");
  }
  SUBCASE("two questions in one block") {
    const auto load = Parse("# Why\n\n```quiz\n{\"id\": \"a\", \"level\": \"easy\", \"prompt\": \"P?\", "
                            "\"options\": [\"x\", \"y\"], \"answer\": \"A\"},\n"
                            "{\"id\": \"b\", \"level\": \"easy\", \"prompt\": \"P?\", "
                            "\"options\": [\"x\", \"y\"], \"answer\": \"A\"}\n```\n");
    CHECK_ONLY_PROBLEM(load.problems, 9, "quiz", "exactly one question");
  }
}

// A lesson with a walkthrough and a question about it.
std::string WithVisualQuiz(std::string_view answer, int after_step) {
  return std::string(kWalkthrough) + R"(
```quiz
{
  "id": "tracker",
  "level": "easy",
  "prompt": "Which stage is fraud v1 in after step N?",
  "options": ["None", "Staging", "Production", "Archived"],
  "answer": ")" + std::string(answer) + R"(",
  "verify": {"after-step": )" + std::to_string(after_step) +
         R"(, "check": "stage", "model": "fraud", "version": 1}
}
```
)";
}

TEST_CASE("CheckLessonOnEngine runs visual quizzes after the walkthrough's first steps") {
  SUBCASE("right answers pass, including after a refused step") {
    for (auto entry : {std::pair{"A", 2}, std::pair{"B", 3}, std::pair{"B", 4},
                       std::pair{"C", 5}}) {
      const char* answer = entry.first;  // no structured binding: CAPTURE captures `step`,
      const int step = entry.second;     // and clang 14 cannot capture a binding
      CAPTURE(step);
      const Lesson lesson = Clean(WithVisualQuiz(answer, step));
      const auto problems = CheckLessonOnEngine(lesson);
      CHECK_MESSAGE(problems.empty(), Listing(problems));
    }
  }
  SUBCASE("a wrong answer is reported at the verify block") {
    const Lesson lesson = Clean(WithVisualQuiz("C", 3));
    const auto problems = CheckLessonOnEngine(lesson);
    CHECK_ONLY_PROBLEM(problems, 33, "quiz[tracker].verify",
                       "the registry puts version 1 of 'fraud' in Staging, but the answer marks "
                       "\"Production\" (B says Staging)");
  }
  SUBCASE("a step that does not exist") {
    const auto load = Parse(WithVisualQuiz("C", 7));
    CHECK_ONLY_PROBLEM(load.problems, 33, "quiz[tracker].verify.after-step",
                       "step 7 does not exist; the walkthrough has 6 steps");
  }
  SUBCASE("no walkthrough") {
    const auto load = Parse(R"(# Why

```quiz
{"id": "a", "level": "easy", "prompt": "P?", "options": ["None", "Staging"], "answer": "A",
 "verify": {"after-step": 1, "check": "stage", "model": "m", "version": 1}}
```
)");
    CHECK_ONLY_PROBLEM(load.problems, 11, "quiz[a].verify.after-step", "has no walkthrough");
  }
}

TEST_CASE("CheckLessonOnEngine compares console output with what the engine prints") {
  const std::string good = R"(# Commands and configuration

```console
$ stagecraft models create fraud
Registered model 'fraud'.
$ stagecraft models create-version --model-name fraud --source runs:/a/model
Created version 1 of model 'fraud' in stage None.
```

Later blocks of the same mode continue on the same registry:

```console
$ stagecraft models transition-stage --model-name fraud --version 7 --stage Production
error: model 'fraud' has no version 7
```

# Deep dive

Each mode starts from an empty registry:

```console
$ stagecraft models create fraud   
Registered model 'fraud'.   

```
)";
  SUBCASE("matching output, trailing spaces and blank lines aside") {
    const auto problems = CheckLessonOnEngine(Clean(good));
    CHECK_MESSAGE(problems.empty(), Listing(problems));
  }
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  SUBCASE("a different line") {
    const auto problems = CheckLessonOnEngine(Clean(replaced("in stage None.", "in stage Staging.")));
    CHECK_ONLY_PROBLEM(problems, 12, "console",
                       "`models create-version --model-name fraud --source runs:/a/model` printed "
                       "\"Created version 1 of model 'fraud' in stage None.\" where the lesson "
                       "expects \"Created version 1 of model 'fraud' in stage Staging.\" (line 1 of "
                       "its output)");
  }
  SUBCASE("missing output") {
    const auto problems = CheckLessonOnEngine(Clean(replaced("Registered model 'fraud'.\n$", "$")));
    CHECK_ONLY_PROBLEM(problems, 10, "console", "printed more than the lesson expects: line 1 is");
  }
  SUBCASE("extra output") {
    const auto problems =
        CheckLessonOnEngine(Clean(replaced("no version 7\n", "no version 7\nand more\n")));
    CHECK_ONLY_PROBLEM(problems, 19, "console", "printed less than the lesson expects: line 2 should be \"and more\"");
  }
  SUBCASE("a refusal the lesson did not expect") {
    const auto problems =
        CheckLessonOnEngine(Clean(replaced("error: model 'fraud' has no version 7\n", "")));
    CHECK_ONLY_PROBLEM(problems, 19, "console", "printed more than the lesson expects: line 1 is \"error: model 'fraud' has no version 7\"");
  }
}

TEST_CASE("CheckLessonOnEngine holds walkthrough steps to their expectations") {
  SUBCASE("as written") {
    const auto problems = CheckLessonOnEngine(Clean(kWalkthrough));
    CHECK_MESSAGE(problems.empty(), Listing(problems));
  }
  SUBCASE("a refusal not marked") {
    std::string text(kWalkthrough);
    text.erase(text.find("# expect: refused\n"), 18);
    const auto problems = CheckLessonOnEngine(Clean(text));
    CHECK_ONLY_PROBLEM(problems, 18, "walkthrough step 4",
                       "was refused (model 'fraud' has no version 9); mark it");
  }
  SUBCASE("a step marked refused that succeeds") {
    std::string text(kWalkthrough);
    text.replace(text.find("# Ship it\n"), 10, "# Ship it\n# expect: refused\n");
    const auto problems = CheckLessonOnEngine(Clean(text));
    CHECK_ONLY_PROBLEM(problems, 22, "walkthrough step 5", "the registry accepted it");
  }
}

TEST_CASE("CheckLessonOnEngine reports lines that are no command, whatever is expected") {
  const auto problems = CheckLessonOnEngine(Clean(R"(# Commands and configuration

```console
$ stagecraft models frobnicate x
error: whatever the grammar says
```

# Step by step

```walkthrough
# Open a quote and never close it
# expect: refused
models create 'x
```
)"));
  CHECK(problems.size() == 2);
  CHECK_PROBLEM(problems, 10, "console", "`models frobnicate x` is not a Stagecraft registry command");
  CHECK_PROBLEM(problems, 19, "walkthrough step 1", "is not a Stagecraft registry command");
}

TEST_CASE("TrackStatus gives every version's stage and aliases after every step") {
  const Lesson lesson = Clean(kWalkthrough);
  auto run = RunWalkthrough(lesson.Walkthrough()->steps);
  REQUIRE(run.ok());
  const StatusTracker tracker = TrackStatus(*run);
  CHECK(tracker.versions == std::vector<std::string>{"fraud v1"});
  REQUIRE(tracker.cells.size() == 7);
  std::vector<std::string> column;
  for (const auto& row : tracker.cells) column.push_back(row.at(0));
  CHECK(column == std::vector<std::string>{"—", "—", "None", "Staging", "Staging", "Production",
                                           "Production @champion"});
}

TEST_CASE("FormatWalkthrough shows the flow, the table from the engine and the tracker") {
  const Lesson lesson = Clean(kWalkthrough);
  const std::string text = FormatWalkthrough(lesson.Walkthrough()->steps);
  CHECK(Contains(text, "Process flow\n  1. Register the model\n  2. Create version 1\n"));
  CHECK(Contains(text, "refused: model 'fraud' has no version 9"));
  CHECK(Contains(text, "  step 3  Staging\n"));
  CHECK(Contains(text, "  step 6  Production @champion\n"));
  SUBCASE("as a table when the terminal is wide enough") {
    const std::string wide = FormatWalkthrough(lesson.Walkthrough()->steps, 200);
    CHECK(Contains(wide, "  Step  Command  "));
    CHECK(Contains(wide, "  4     models transition-stage --model-name fraud --version 9 --stage Production  fraud v9"));
  }
  SUBCASE("as a list of steps when it is not") {
    CHECK_FALSE(Contains(text, "  Step  Command  "));
    CHECK(Contains(text, "  4   models transition-stage --model-name fraud --version 9 --stage Production\n"
                         "      fraud v9: refused: model 'fraud' has no version 9\n"));
    // A command longer than the width wraps under itself.
    const std::string narrow = FormatWalkthrough(lesson.Walkthrough()->steps, 60);
    CHECK(Contains(narrow, "  4   models transition-stage --model-name fraud --version 9\n"
                           "        --stage Production\n"));
    CHECK(Contains(text, "      fraud v1 in Staging: ok\n"));
  }
}

TEST_CASE("FormatBlock keeps at least 20 columns however deep the nesting") {
  std::string body = "# Why\n\n";
  for (int i = 0; i < 9; ++i) body += std::string(static_cast<std::size_t>(i) * 11, ' ') + "999999999. x\n";
  body += std::string(99, ' ') + "***\n";
  const Lesson lesson = Clean(body);
  for (int width : {80, 10, 0, -50}) {
    CAPTURE(width);
    CHECK_NOTHROW((void)FormatBlock(Blocks(lesson, LessonModeKind::kWhy).at(0), width));
  }
}

TEST_CASE("FormatBlock wraps paragraphs and shows callouts, code and questions") {
  const Lesson lesson = Clean(R"(# Why

One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen.

> **Predict:** What happens?
>
> **Reveal:** It moves.

```quiz
{"id": "a", "level": "easy", "prompt": "Where?", "options": ["None", "Staging"], "answer": "B",
 "solution": ["It was moved."]}
```
)");
  const auto& blocks = Blocks(lesson, LessonModeKind::kWhy);
  CHECK(FormatBlock(blocks[0], 40) ==
        "One two three four five six seven eight\nnine ten eleven twelve thirteen fourteen\nfifteen.\n");
  CHECK(FormatBlock(blocks[1], 80, false) == "Predict: What happens?\n");
  CHECK(FormatBlock(blocks[1], 80, true) == "Predict: What happens?\n\nReveal: It moves.\n");
  const std::string question = FormatBlock(blocks[2], 80, true);
  CHECK(Contains(question, "Question: Where?\n  A. None\n  B. Staging\nAnswer: B\n  1. It was moved.\n"));
  CHECK_FALSE(Contains(FormatBlock(blocks[2], 80, false), "Answer"));
}

TEST_CASE("ParseLesson copes with CRLF, a byte order mark and oversized files") {
  SUBCASE("CRLF") {
    const auto load = ParseLesson("---\r\nid: a\r\ntitle: T\r\ntopic: P\r\n---\r\n# Why\r\n\r\n> **Predcit:** x\r\n", "x.md");
    CHECK_ONLY_PROBLEM(load.problems, 8, "callout", "not a callout label");
    CHECK(load.lesson->id == "a");
  }
  SUBCASE("a byte order mark") {
    const auto load = ParseLesson("\xEF\xBB\xBF" + WithBody("# Why\n\nx\n"), "x.md");
    CHECK(load.clean());
  }
  SUBCASE("over 1 MiB") {
    const auto load = ParseLesson(WithBody("# Why\n\n" + std::string(kMaxLessonFileBytes, 'x')), "x.md");
    CHECK_FALSE(load.lesson.has_value());
    CHECK_ONLY_PROBLEM(load.problems, 1, "", "at most 1048576 are allowed");
  }
  SUBCASE("quotes or lists nested deeper than 32 levels are reported, not followed") {
    for (const auto& entry : {std::pair{std::string(480000, '>') + " deep\n", 9},
                                      [] {
                                        std::string lists;
                                        for (int i = 0; i < 40; ++i) {
                                          lists += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- item\n";
                                        }
                                        return std::pair{lists, 41};  // the 33rd list
                                      }()}) {
      const std::string& nested = entry.first;  // no structured binding: clang 14 cannot
      const int line = entry.second;            // capture one in CHECK_ONLY_PROBLEM
      const auto load = Parse("# Why\n\n" + nested);
      REQUIRE(load.lesson.has_value());
      CHECK_ONLY_PROBLEM(load.problems, line, "", "nested deeper than 32 levels");
    }
  }
  SUBCASE("more commands than the engine should run for one lesson") {
    std::string body = "# Commands and configuration\n\n```console\n";
    for (std::size_t i = 0; i < kMaxLessonCommands + 5; ++i) body += "$ stagecraft models list\n";
    body += "```\n\n# Step by step\n\n```walkthrough\n# One more\nmodels create a\n```\n";
    const auto load = Parse(body);
    REQUIRE(load.lesson.has_value());
    CHECK_ONLY_PROBLEM(load.problems, 10 + static_cast<int>(kMaxLessonCommands), "",
                       "a lesson runs at most 1000 commands");
    CHECK(load.lesson->modes[0].blocks[0].console.size() == kMaxLessonCommands);
    CHECK(load.lesson->Walkthrough()->steps.empty());
  }
  SUBCASE("more quiz blocks than the limit") {
    std::string body = "# Why\n\n";
    for (std::size_t i = 0; i <= kMaxLessonQuestions; ++i) {
      body += "```quiz\n{\"id\": \"q" + std::to_string(i) +
              "\", \"level\": \"easy\", \"prompt\": \"P?\", \"options\": [\"x\", \"y\"], \"answer\": \"A\"}\n```\n\n";
    }
    const auto load = Parse(body);
    REQUIRE(load.lesson.has_value());
    CHECK_ONLY_PROBLEM(load.problems, 9 + 4 * static_cast<int>(kMaxLessonQuestions), "quiz",
                       "at most 200 quiz blocks");
    CHECK(load.lesson->Questions().size() == kMaxLessonQuestions);
  }
  SUBCASE("32 levels are fine") {
    const auto load = Parse("# Why\n\n" + std::string(32, '>') + " deep\n");
    CHECK_MESSAGE(load.clean(), Listing(load.problems));
  }

}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "stagecraft-lessons-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string Write(const std::string& name, const std::string& text) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

TEST_CASE("ValidateContent checks quizzes and lessons together, file by file") {
  TempDir dir;
  dir.Write("README.md", "# Not a lesson\n");
  dir.Write("a.md", WithBody("# Why\n\nx\n"));
  dir.Write("sub/b.md", std::string("---\nid: demo\ntitle: T\ntopic: P\n---\n# Why\n\ny\n"));
  dir.Write("bad.md", "no front matter\n");
  dir.Write("q.json", R"({"format": 1, "id": "q", "title": "T", "topic": "P", "questions": [
    {"id": "a", "level": "easy", "prompt": "P?", "options": ["x", "y"], "answer": "A"}]})");
  const ContentReport report = ValidateContent({dir.path.string()});
  CHECK(report.files == 4);
  CHECK(report.lessons == 2);
  CHECK(report.questions == 1);
  CHECK(report.problems.size() == 2);
  CHECK_PROBLEM(report.problems, 1, "", "a lesson starts with front matter");
  CHECK_PROBLEM(report.problems, 2, "id", "lesson id \"demo\" is already used by");

  SUBCASE("a lesson named directly, and a missing one") {
    const ContentReport direct = ValidateContent({(dir.path / "a.md").string(), (dir.path / "nope.md").string()});
    CHECK(direct.lessons == 1);
    CHECK_ONLY_PROBLEM(direct.problems, 1, "", "no such file or folder");
  }
}

TEST_CASE("The shipped lessons validate with no problems, and each has all five modes") {
  const ContentReport report = ValidateContent({STAGECRAFT_LESSONS_DIR});
  INFO(Listing(report.problems));
  CHECK(report.problems.empty());
  CHECK(report.lessons >= 3);
  for (const auto& entry : fs::directory_iterator(STAGECRAFT_LESSONS_DIR)) {
    if (entry.path().extension() != ".md" || entry.path().filename() == "README.md") continue;
    const LessonLoad load = LoadLessonFile(entry.path().string());
    REQUIRE(load.lesson.has_value());
    CAPTURE(load.lesson->id);
    CHECK(load.lesson->modes.size() == kLessonModeCount);
    CHECK(load.lesson->Walkthrough() != nullptr);
    if (!load.lesson->quiz_id.empty()) {
      CHECK(fs::exists(fs::path(STAGECRAFT_QUIZZES_DIR) / (load.lesson->quiz_id + ".json")));
    }
  }
}

}  // namespace
}  // namespace stagecraft::core
