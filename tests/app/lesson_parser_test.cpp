// lesson_parser.cpp (and markdown_tree.cpp beneath it): front matter, modes, the document tree,
// console/walkthrough/quiz blocks and callouts, with every problem's line. Helpers:
// lesson_test_files.h.

#include <doctest/doctest.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "problem_listing.h"
#include "lesson_test_files.h"
#include "core/lesson_loader.h"
#include "core/lesson_text.h"

namespace stagecraft::core {
namespace {

using testing::Contains;
using testing::Listing;
using namespace lesson_test;  // lesson_test_files.h

using Kind = LessonBlock::Kind;

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

TEST_CASE("ParseLesson reads a Predict's task list as its choices, the [x] one the answer") {
  // Body lines: 7 # Deep dive, 9 ## heading, 11 the Predict, 13-15 the choices, 17 the reveal.
  const Lesson lesson = Clean(R"(# Deep dive

## Step 2: A stage is shared!

> **Predict:** Version 1 is in Production and version 2 moves there. What happens?
>
> - [ ] The move is refused
> - [X] Both are in `Production`
> - [ ] Version 1 is archived
>
> **Reveal:** Both are there.

> **Predict:** And a second prediction under the same heading?
>
> - [x] Yes
> - [ ] No
>
> **Reveal:** It gets its own id.

> **Predict:** Free text, as before?
>
> **Reveal:** Yes.
)");
  const auto& blocks = Blocks(lesson, LessonModeKind::kDeepDive);
  REQUIRE(blocks.size() == 4);
  const LessonBlock& predict = blocks[1];
  REQUIRE(predict.kind == Kind::kCallout);
  REQUIRE(predict.choices.size() == 3);
  CHECK(PlainText(predict.choices[0]) == "The move is refused");
  CHECK(PlainText(predict.choices[1]) == "Both are in Production");
  CHECK(predict.choices[1].back().style == TextRun::kCode);
  CHECK(predict.choice_answer == 1);
  CHECK(predict.prediction_id == "predict-step-2-a-stage-is-shared");
  // The list is no longer part of the question: the question is the paragraph alone.
  REQUIRE(predict.children.size() == 1);
  CHECK(predict.children[0].kind == Kind::kParagraph);
  CHECK(PlainText(predict.reveal.at(0).text) == "Both are there.");

  CHECK(blocks[2].choice_answer == 0);
  CHECK(blocks[2].prediction_id == "predict-step-2-a-stage-is-shared-2");
  CHECK(blocks[3].choices.empty());
  CHECK(blocks[3].choice_answer == -1);
  CHECK(blocks[3].prediction_id.empty());
}

TEST_CASE("A prediction before any heading is named after its mode, and a long heading is cut") {
  const Lesson lesson = Clean(R"(# Why

> **Predict:** Which?
>
> - [ ] One
> - [x] Two
>
> **Reveal:** Two.

## A heading much longer than anyone would ever want to type, with punctuation — and more

> **Predict:** Which?
>
> - [x] One
> - [ ] Two
>
> **Reveal:** One.
)");
  const auto& blocks = Blocks(lesson, LessonModeKind::kWhy);
  CHECK(blocks.at(0).prediction_id == "predict-why");
  const std::string& id = blocks.at(2).prediction_id;
  CHECK(id == "predict-a-heading-much-longer-than-anyone-would-ever");
  CHECK(id.size() <= 64);
}

TEST_CASE("A task list outside a prediction keeps its marks as text") {
  const Lesson lesson = Clean(R"(# Why

Before you promote:

- [ ] the tests pass
- [x] the metrics are logged

> **Myth:** A checklist is a prediction.
>
> - [x] not here
>
> **Reality:** Only a Predict has choices.
)");
  const auto& blocks = Blocks(lesson, LessonModeKind::kWhy);
  const LessonBlock& list = blocks.at(1);
  REQUIRE(list.kind == Kind::kList);
  CHECK(list.tasks.empty());
  CHECK(PlainText(list.items.at(0).at(0).text) == "[ ] the tests pass");
  CHECK(PlainText(list.items.at(1).at(0).text) == "[x] the metrics are logged");
  const LessonBlock& myth = blocks.at(2);
  CHECK(myth.choices.empty());
  CHECK(PlainText(myth.children.at(1).items.at(0).at(0).text) == "[x] not here");
}

TEST_CASE("ParseLesson reports a prediction's choices that cannot be graded, at the box") {
  // The Predict is at line 9; its first choice at line 11, column 3 (after "> ").
  auto parse = [](std::string_view choices) {
    return Parse("# Why\n\n> **Predict:** Which?\n>\n" + std::string(choices) + ">\n> **Reveal:** B.\n");
  };
  SUBCASE("no choice marked") {
    const auto load = parse("> - [ ] A\n> - [ ] B\n");
    CHECK_ONLY_PROBLEM(load.problems, 11, "predict", "mark the answer \"[x]\": no choice is marked");
    CHECK(load.problems.at(0).column == 5);
    // Left as free text, its list as written.
    const LessonBlock& block = load.lesson->modes.at(0).blocks.at(0);
    CHECK(block.choices.empty());
    CHECK(PlainText(block.children.at(1).items.at(0).at(0).text) == "[ ] A");
  }
  SUBCASE("two choices marked") {
    const auto load = parse("> - [x] A\n> - [ ] B\n> - [x] C\n");
    CHECK_ONLY_PROBLEM(load.problems, 13, "predict", "exactly one choice is the answer; A, C are marked");
  }
  SUBCASE("one choice, or seven") {
    auto load = parse("> - [x] A\n");
    CHECK_ONLY_PROBLEM(load.problems, 11, "predict", "a prediction offers 2 to 6 choices; this one has 1");
    load = parse("> - [x] A\n> - [ ] B\n> - [ ] C\n> - [ ] D\n> - [ ] E\n> - [ ] F\n> - [ ] G\n");
    CHECK_ONLY_PROBLEM(load.problems, 11, "predict", "this one has 7");
  }
  SUBCASE("an item without a box") {
    const auto load = parse("> - [x] A\n> - B\n");
    CHECK_ONLY_PROBLEM(load.problems, 12, "predict", "choice B has no box");
  }
  SUBCASE("an empty choice, a choice of two paragraphs, two choices alike") {
    auto load = parse("> - [x] A\n> - [ ]\n");
    CHECK_ONLY_PROBLEM(load.problems, 12, "predict", "choice B is empty");
    load = parse("> - [x] A\n>\n> - [ ] B\n>\n>   Because.\n");
    CHECK_ONLY_PROBLEM(load.problems, 13, "predict", "choice B is more than one paragraph");
    load = parse("> - [x] Both\n> - [ ] both \n");
    CHECK_ONLY_PROBLEM(load.problems, 12, "predict", "choices A and B say the same");
  }
  SUBCASE("choices that do not end the first part") {
    const auto load = parse("> - [x] A\n> - [ ] B\n>\n> Think first.\n");
    CHECK_ONLY_PROBLEM(load.problems, 11, "predict", "the choices (a task list) end the prediction's first part");
  }
  SUBCASE("a quiz block that takes a prediction's id") {
    const auto load = Parse(R"(# Why

> **Predict:** Which?
>
> - [x] A
> - [ ] B
>
> **Reveal:** A.

```quiz
{"id": "predict-why", "level": "easy", "prompt": "Which?", "options": ["A", "B"], "answer": "A"}
```
)");
    CHECK_ONLY_PROBLEM(load.problems, 17, "quiz[predict-why].id",
                       "is the id the prediction at line 9 is recorded under");
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

TEST_CASE("CodeSpans turns backticked words of a plain string into code runs") {
  InlineText runs = CodeSpans("Which values can `ModelApprovalStatus` take in `boto3`?");
  REQUIRE(runs.size() == 5);
  CHECK(runs[0].text == "Which values can ");
  CHECK(runs[0].style == TextRun::kPlain);
  CHECK(runs[1].text == "ModelApprovalStatus");
  CHECK(runs[1].style == TextRun::kCode);
  CHECK(runs[3].text == "boto3");
  CHECK(runs[4].text == "?");
  CHECK(PlainText(runs) == "Which values can ModelApprovalStatus take in boto3?");

  CHECK(PlainText(CodeSpans("an unmatched ` stays")) == "an unmatched ` stays");
  CHECK(CodeSpans("an unmatched ` stays").size() == 1);
  CHECK(PlainText(CodeSpans("`` is no span")) == "`` is no span");
  CHECK(CodeSpans("").empty());
  InlineText whole = CodeSpans("`models:/churn@champion`");
  REQUIRE(whole.size() == 1);
  CHECK(whole[0].style == TextRun::kCode);
}

}  // namespace
}  // namespace stagecraft::core
