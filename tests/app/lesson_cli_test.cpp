// `stagecraft lessons`, `stagecraft lesson` and `stagecraft validate` on lessons, end to end
// through a pipe, as a learner runs them.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "piped_run.h"

namespace {

namespace fs = std::filesystem;
using stagecraft::testing::RunPiped;
using stagecraft::testing::TempDir;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Lines 1-7 front matter; # Why from line 9.
const char* kLesson = R"(---
id: demo
title: Demo lesson
topic: Model stages
minutes: 5
quiz: stages-basics
---

# Why

A new version starts in **None**.

> **Predict:** Can two versions be in Production at once?
>
> **Reveal:** Yes: MLflow allows it unless you archive the others.

# Commands and configuration

```console
$ stagecraft models create fraud
Registered model 'fraud'.
```

# Step by step

```walkthrough
# Register the model
models create fraud
# Create version 1
models create-version --model-name fraud --source runs:/a/model
# Stage it
models transition-stage --model-name fraud --version 1 --stage Staging
# Skip a version that does not exist
# expect: refused
models transition-stage --model-name fraud --version 9 --stage Production
```

```quiz
{
  "id": "after-3",
  "level": "easy",
  "prompt": "Which stage is fraud v1 in after step 3?",
  "options": ["None", "Staging", {"text": "Production", "feedback": "Step 3 moves it to Staging only."}],
  "answer": "B",
  "solution": ["Read the status tracker's row for step 3."],
  "verify": {"after-step": 3, "check": "stage", "model": "fraud", "version": 1}
}
```
)";

struct LessonFolder {
  TempDir dir{"stagecraft-lesson-cli"};
  fs::path lessons = dir.path / "lessons";
  LessonFolder() {
    fs::create_directories(lessons);
    std::ofstream(lessons / "demo.md") << kLesson;
  }
};

TEST_CASE("stagecraft lessons lists id, title, minutes and modes, and notes a broken file") {
  LessonFolder folder;
  std::ofstream(folder.lessons / "broken.md") << "no front matter\n";
  const auto run = RunPiped("lessons '" + folder.lessons.string() + "'", "", folder.dir.path);
  CHECK(run.exit_code == 0);
  CHECK(Contains(run.out, "demo  Demo lesson  5        why, commands, step-by-step\n"));
  CHECK(Contains(run.out, "broken.md has 1 problem(s)"));
  // Narrower than the table: a lesson per entry, nothing wider than the terminal.
  const auto narrow =
      RunPiped("lessons '" + folder.lessons.string() + "'", "", folder.dir.path, "COLUMNS=50");
  CHECK(narrow.exit_code == 0);
  CHECK(Contains(narrow.out, "demo  (5 min)\n  Demo lesson\n  modes: why, commands, step-by-step\n"));
  CHECK_FALSE(Contains(narrow.out, "Minutes"));
}

TEST_CASE("stats says how far each mode of a lesson was read and which to continue with") {
  LessonFolder folder;
  const std::string lessons = "STAGECRAFT_LESSONS='" + folder.lessons.string() + "'";
  SUBCASE("the input ended before the question: half the step by step read, continue there") {
    const auto run =
        RunPiped("lesson demo --mode step-by-step --interactive", "", folder.dir.path, lessons);
    CHECK(run.exit_code == 0);
    const auto stats = RunPiped("stats", "", folder.dir.path, lessons);
    CHECK(Contains(stats.out, "  demo (lesson): 0 of 1 questions answered\n"
                              "    read: why 0%, commands 0%, step-by-step 50%\n"));
    CHECK(Contains(stats.out,
                   "Continue where you left off: stagecraft lesson demo --mode step-by-step\n"));
  }
  SUBCASE("the why read to its end: continue with the next mode") {
    const auto run = RunPiped("lesson demo --mode why --interactive", "\n", folder.dir.path, lessons);
    CHECK(run.exit_code == 0);
    const auto stats = RunPiped("stats", "", folder.dir.path, lessons);
    CHECK(Contains(stats.out, "    read: why done, commands 0%, step-by-step 0%\n"));
    CHECK(Contains(stats.out, "Continue where you left off: stagecraft lesson demo --mode commands\n"));
  }
  SUBCASE("--no-record saves nothing") {
    RunPiped("lesson demo --mode why --interactive --no-record", "\n", folder.dir.path, lessons);
    const auto stats = RunPiped("stats", "", folder.dir.path, lessons);
    CHECK(Contains(stats.out, "    read: why 0%, commands 0%, step-by-step 0%\n"));
    CHECK_FALSE(Contains(stats.out, "Continue where you left off"));
  }
}

TEST_CASE("stats keeps a lesson's modes within 80 columns") {
  LessonFolder folder;
  const std::string lessons = "STAGECRAFT_LESSONS='" + folder.lessons.string() + "'";
  // The bundled lessons have all five modes: the longest line of progress.
  const auto stats = RunPiped("stats", "", folder.dir.path);
  CHECK(Contains(stats.out, "    read: why 0%, commands 0%, deep-dive 0%, step-by-step 0%,"));
  std::size_t start = 0;
  while (start < stats.out.size()) {
    std::size_t end = stats.out.find('\n', start);
    if (end == std::string::npos) end = stats.out.size();
    CHECK_MESSAGE(end - start <= 80, stats.out.substr(start, end - start));
    start = end + 1;
  }
}

TEST_CASE("stagecraft lesson prints a mode, with the walkthrough's tables from the engine") {
  LessonFolder folder;
  const auto run = RunPiped("lesson demo --mode step-by-step --lessons '" + folder.lessons.string() + "'",
                            "", folder.dir.path);
  CHECK(run.exit_code == 0);
  CHECK(Contains(run.out, "Demo lesson: Step by step\n"));
  CHECK(Contains(run.out, "  1. Register the model\n"));
  CHECK(Contains(run.out, "refused: model 'fraud' has no version 9"));
  CHECK(Contains(run.out, "  step 3  Staging\n"));
  CHECK(Contains(run.out, "Answer: B\n"));
  CHECK_FALSE(Contains(run.out, "Demo lesson: Why"));
  CHECK(Contains(run.out, "Practise: stagecraft quiz stages-basics"));
}

TEST_CASE("stagecraft lesson waits for Enter before a reveal and grades answers with --interactive") {
  LessonFolder folder;
  SUBCASE("a right answer, after asking for the hint with ?") {
    const auto run = RunPiped("lesson demo --interactive --lessons '" + folder.lessons.string() + "'",
                              "\nq\n?\nb\n", folder.dir.path);
    CHECK(run.exit_code == 0);
    CHECK(Contains(run.out, "Predict: Can two versions be in Production at once?\n(Enter to reveal) \n"
                            "Reveal: Yes"));
    CHECK(Contains(run.out, "Your answer (? for the hint): ?\nNo hint for this one.\n"
                            "Your answer (? for the hint): b\nCorrect.\n  B (right)\nSolution:\n"));
    // The answer went to the learner's progress store, under the lesson's id.
    const auto stats = RunPiped("stats", "", folder.dir.path);
    CHECK(Contains(stats.out, "Answers: 1, correct 1"));
    CHECK(Contains(stats.out, "right  demo/after-3 (easy)"));
  }
  SUBCASE("a wrong answer shows that option's feedback, after a letter that is no option") {
    const auto run = RunPiped("lesson demo --interactive --lessons '" + folder.lessons.string() + "'",
                              "\nq\nz\nC\n", folder.dir.path);
    CHECK(Contains(run.out, "Your answer (? for the hint): z\nZ is not an option (A-C)\n"
                            "Your answer (? for the hint): C\n"));
    // The same feedback as a quiz: the verdict, each option involved by letter, the solution.
    CHECK(Contains(run.out, "Not quite: the answer is B.\n  B (missed)\n"
                            "  C (wrong): Step 3 moves it to Staging only.\nSolution:\n"
                            "  1. Read the status tracker's row for step 3.\n"));
  }
  SUBCASE("input that ends early reveals the rest") {
    const auto run = RunPiped("lesson demo --interactive --lessons '" + folder.lessons.string() + "'",
                              "", folder.dir.path);
    CHECK(run.exit_code == 0);
    CHECK(Contains(run.out, "Reveal: Yes"));
    CHECK(Contains(run.out, "Answer: B\n"));
  }
}

// A lesson whose prediction has choices (B is the answer); line 9 is the Predict.
const char* kChoiceLesson = R"(---
id: choices
title: Choices
topic: Model stages
---

# Why

> **Predict:** Version 1 is in Production and version 2 moves there. What happens?
>
> - [ ] The move is refused
> - [x] Both are in Production
> - [ ] Version 1 is archived
>
> **Reveal:** Nothing is archived unless you ask for it.

Read on.
)";

struct ChoiceFolder {
  TempDir dir{"stagecraft-lesson-cli"};
  fs::path lessons = dir.path / "lessons";
  ChoiceFolder() {
    fs::create_directories(lessons);
    std::ofstream(lessons / "choices.md") << kChoiceLesson;
  }
  std::string Args(const std::string& flags) const {
    return "lesson choices " + flags + " --lessons '" + lessons.string() + "'";
  }
};

TEST_CASE("stagecraft lesson asks a prediction's choices by letter and says whether it was right") {
  ChoiceFolder folder;
  const std::string question =
      "Predict: Version 1 is in Production and version 2 moves there. What happens?\n"
      "  A. The move is refused\n  B. Both are in Production\n  C. Version 1 is archived\n";
  SUBCASE("a letter that is no choice, then the right one") {
    const auto run = RunPiped(folder.Args("--interactive"), "z\nb\n", folder.dir.path);
    CHECK(run.exit_code == 0);
    CHECK(Contains(run.out, question + "Your prediction (A-C), or Enter to reveal: z\n"
                                       "Z is not an option (A-C)\n"
                                       "Your prediction (A-C), or Enter to reveal: b\n"
                                       "Your prediction was right: the answer is B.\n"
                                       "Reveal: Nothing is archived unless you ask for it.\n"));
    CHECK(Contains(run.out, "Read on.\n"));
    // Recorded with the learner's answers, under the lesson's id and the prediction's.
    const auto stats = RunPiped("stats", "", folder.dir.path);
    CHECK(Contains(stats.out, "Answers: 1, correct 1"));
    CHECK(Contains(stats.out, "right  choices/predict-why (medium)"));
  }
  SUBCASE("a wrong choice") {
    const auto run = RunPiped(folder.Args("--interactive"), "C\n", folder.dir.path);
    CHECK(Contains(run.out, "Your prediction was wrong: the answer is B, not C.\n"
                            "Reveal: Nothing is archived"));
    const auto stats = RunPiped("stats", "", folder.dir.path);
    CHECK(Contains(stats.out, "Answers: 1, correct 0"));
  }
  SUBCASE("Enter reveals without a prediction, and nothing is recorded") {
    const auto run = RunPiped(folder.Args("--interactive"), "\n", folder.dir.path);
    CHECK(Contains(run.out, "or Enter to reveal: \nReveal: The answer is B. Nothing is archived"));
    CHECK_FALSE(Contains(run.out, "Your prediction was"));
    const auto stats = RunPiped("stats", "", folder.dir.path);
    CHECK_FALSE(Contains(stats.out, "predict-why"));
  }
  SUBCASE("without --interactive the choices are printed, the answer after the Reveal label") {
    const auto run = RunPiped(folder.Args(""), "", folder.dir.path);
    CHECK(run.exit_code == 0);
    CHECK(Contains(run.out, question + "\nReveal: The answer is B. Nothing is archived"));
    CHECK_FALSE(Contains(run.out, "Your prediction"));
  }
}

TEST_CASE("stagecraft validate reports a prediction's choices that cannot be graded") {
  ChoiceFolder folder;
  std::string broken = kChoiceLesson;
  broken.replace(broken.find("- [x] Both"), 5, "- [ ]");
  std::ofstream(folder.lessons / "choices.md") << broken;
  const auto run = RunPiped("validate '" + folder.lessons.string() + "'", "", folder.dir.path);
  CHECK(run.exit_code == 1);
  const std::string file = (folder.lessons / "choices.md").string();
  CHECK(Contains(run.out, file + ":11:5: predict: mark the answer \"[x]\": no choice is marked\n"));
}

TEST_CASE("stagecraft lesson plays the walkthrough step by step: Enter, b, and predictions") {
  LessonFolder folder;
  // Step 1, step 2, back to 1, step 2, step 3; step 4 is marked "expect: refused", so the
  // player asks first: predict "yes" (refused), which is right; then the end and the tables.
  const auto run = RunPiped("lesson demo --mode step-by-step --interactive --lessons '" +
                                folder.lessons.string() + "'",
                            "\n\nb\n\n\nyes\n\nB\n", folder.dir.path);
  CHECK(run.exit_code == 0);
  CHECK(Contains(run.out, "Process flow\n  1. Register the model\n"));
  CHECK(Contains(run.out, "Step 1 of 4: Register the model\n"));
  CHECK(Contains(run.out, "> b\n\nStep 1 of 4: Register the model\n"));
  CHECK(Contains(run.out, "Step 3 of 4: Stage it\n"));
  CHECK(Contains(run.out, "  - fraud v1: None -> Staging\n"));
  CHECK(Contains(run.out, "Predict: "));
  CHECK(Contains(run.out, "Right: yes.\n"));
  CHECK(Contains(run.out, "Step 4 of 4: Skip a version that does not exist\n"));
  CHECK(Contains(run.out, "refused (not found): model 'fraud' has no version 9"));
  CHECK(Contains(run.out, "Execution table\n"));  // the whole tables at the end
  CHECK(Contains(run.out, "Predictions: 1 of 1 right\n"));
  // Then the mode's question, answered right.
  CHECK(Contains(run.out, "Your answer (? for the hint): B\nCorrect.\n"));
  // The prediction and the answer are in the learner's progress.
  const auto stats = RunPiped("stats", "", folder.dir.path);
  CHECK(Contains(stats.out, "Answers: 2, correct 2"));
  CHECK(Contains(stats.out, "right  demo/walkthrough-step-4 (medium)"));
}

TEST_CASE("stagecraft lesson reports an unknown lesson, mode, or a mode the lesson lacks") {
  LessonFolder folder;
  const std::string where = " --lessons '" + folder.lessons.string() + "'";
  auto run = RunPiped("lesson nope" + where, "", folder.dir.path);
  CHECK(run.exit_code == 1);
  CHECK(Contains(run.out, "error: no lesson \"nope\" in "));
  CHECK(Contains(run.out, "(lessons: demo)"));
  run = RunPiped("lesson demo --lessons '" + (folder.dir.path / "nowhere").string() + "'", "",
                 folder.dir.path);
  CHECK(run.exit_code == 1);
  CHECK(Contains(run.out, "error: no lessons at "));
  CHECK_FALSE(Contains(run.out, "note:"));
  run = RunPiped("lesson demo --mode summary" + where, "", folder.dir.path);
  CHECK(run.exit_code == 2);
  CHECK(Contains(run.out, "--mode \"summary\" is not a learning mode"));
  run = RunPiped("lesson demo --mode deep-dive" + where, "", folder.dir.path);
  CHECK(run.exit_code == 1);
  CHECK(Contains(run.out, "has no deep-dive mode (it has: why, commands, step-by-step)"));
}

TEST_CASE("stagecraft lesson takes a lesson file, and STAGECRAFT_LESSONS names the folder") {
  LessonFolder folder;
  auto run = RunPiped("lesson '" + (folder.lessons / "demo.md").string() + "' --mode why", "",
                      folder.dir.path);
  CHECK(run.exit_code == 0);
  CHECK(Contains(run.out, "A new version starts in None."));
  run = RunPiped("lesson demo --mode commands", "", folder.dir.path,
                 "STAGECRAFT_LESSONS='" + folder.lessons.string() + "'");
  CHECK(run.exit_code == 0);
  CHECK(Contains(run.out, "$ stagecraft models create fraud\n    Registered model 'fraud'."));
}

TEST_CASE("stagecraft validate checks lessons' expected output and answers") {
  LessonFolder folder;
  auto run = RunPiped("validate '" + folder.lessons.string() + "'", "", folder.dir.path);
  CHECK(run.exit_code == 0);
  CHECK(Contains(run.out, "ok: 1 file, 1 question, 1 lesson, no problems"));
  std::string broken = kLesson;
  broken.replace(broken.find("Registered model 'fraud'."), 25, "Created model 'fraud'.");
  broken.replace(broken.find("\"answer\": \"B\""), 13, "\"answer\": \"C\"");
  std::ofstream(folder.lessons / "demo.md") << broken;
  run = RunPiped("validate '" + folder.lessons.string() + "'", "", folder.dir.path);
  CHECK(run.exit_code == 1);
  const std::string file = (folder.lessons / "demo.md").string();
  CHECK(Contains(run.out, file + ":20:1: console: `models create fraud` printed \"Registered model 'fraud'.\" where the lesson expects \"Created model 'fraud'.\""));
  CHECK(Contains(run.out, file + ":46:1: quiz[after-3].verify: the registry puts version 1 of 'fraud' in Staging"));
  CHECK(Contains(run.out, "2 problems in 1 file, 1 question, 1 lesson"));
}

TEST_CASE("stagecraft lessons finds the shipped lessons from the build folder") {
  TempDir dir{"stagecraft-lesson-cli"};
  const auto run = RunPiped("lessons", "", dir.path, "STAGECRAFT_LESSONS=");
  CHECK(run.exit_code == 0);
  CHECK(Contains(run.out, "promoting-between-stages"));
  CHECK(Contains(run.out, "why, commands, deep-dive, step-by-step, complexity"));
}

}  // namespace
