// lesson_text.cpp: a lesson as the terminal shows it (walkthrough, blocks, callouts,
// questions), and the interactive walkthrough's text: a step's changes as lines, a played step,
// a prediction and its grade. Helpers: lesson_test_files.h.

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
#include "core/walkthrough_player.h"

#ifndef STAGECRAFT_LESSONS_DIR
#error "STAGECRAFT_LESSONS_DIR must name the shipped lessons folder"
#endif

namespace stagecraft::core {
namespace {

using testing::Contains;
using testing::Listing;
using namespace lesson_test;  // lesson_test_files.h

using Kind = LessonBlock::Kind;

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

TEST_CASE("FormatBlock lists a prediction's choices by letter, the answer only in the reveal") {
  const Lesson lesson = Clean(R"(# Why

> **Predict:** Version 1 is in Production and version 2 moves there. What happens?
>
> - [ ] The move is refused
> - [x] Both are in `Production`
>
> **Reveal:** Nothing is archived unless you ask.
)");
  const LessonBlock& block = Blocks(lesson, LessonModeKind::kWhy).at(0);
  const std::string question =
      "Predict: Version 1 is in Production and version 2 moves there. What happens?\n"
      "  A. The move is refused\n"
      "  B. Both are in `Production`\n";
  CHECK(FormatBlock(block, 100, false) == question);
  CHECK(FormatBlock(block, 100, true) ==
        question + "\nReveal: The answer is B. Nothing is archived unless you ask.\n");
  CHECK(FormatReveal(block, 100, false) == "Reveal: Nothing is archived unless you ask.\n");
  // A long choice wraps under its own text.
  CHECK(FormatBlock(block, 24, false).find("  A. The move is refused\n") != std::string::npos);
  CHECK(FormatBlock(block, 22, false).find("  A. The move is\n     refused\n") != std::string::npos);
  CHECK(ChoiceVerdict(block, 1) == "Your prediction was right: the answer is B.");
  CHECK(ChoiceVerdict(block, 0) == "Your prediction was wrong: the answer is B, not A.");

  // As an answer the window marks option by option.
  const AnswerFeedback right = GradeChoice(block, 1);
  CHECK(right.correct);
  REQUIRE(right.involved.size() == 1);
  CHECK(std::string(right.involved[0].Verdict()) == "right");
  const AnswerFeedback wrong = GradeChoice(block, 0);
  CHECK_FALSE(wrong.correct);
  CHECK(wrong.chosen == std::vector<int>{0});
  CHECK(wrong.answers == std::vector<int>{1});
  REQUIRE(wrong.involved.size() == 2);
  CHECK(std::string(wrong.involved[0].Verdict()) == "wrong");
  CHECK(std::string(wrong.involved[1].Verdict()) == "missed");
}

// --- The interactive walkthrough (WalkthroughPlayer) ---

WalkthroughPlayer Play(const std::string& id, const Lesson& lesson) {
  auto player = WalkthroughPlayer::Create(lesson);
  REQUIRE_MESSAGE(player.ok(), id << ": " << player.status().message());
  return std::move(player).value();
}

Lesson Shipped(const std::string& id) {
  LessonLoad load = LoadLessonFile(std::string(STAGECRAFT_LESSONS_DIR) + "/" + id + ".md");
  REQUIRE(load.clean());
  return std::move(*load.lesson);
}

TEST_CASE("StepChangeLines says what moved, appeared, was served and decided") {
  StepChanges changes;
  changes.created.push_back({"fraud", 3});
  changes.stage_moves.push_back({{"fraud", 2}, "Staging", "Production"});
  changes.alias_changes.push_back({"fraud", "champion", 2, 1});
  changes.alias_changes.push_back({"fraud", "challenger", std::nullopt, 3});
  ServingChange canary;
  canary.model_name = "fraud";
  canary.environment = "production";
  canary.version_before = 2;
  canary.version_after = 2;
  canary.canary_after = 3;
  canary.canary_traffic_after = 10;
  changes.serving_changes.push_back(canary);
  stagecraft::engine::TransitionRequest request;
  request.id = 1;
  request.model_name = "fraud";
  request.version = 2;
  request.to_stage = "Production";
  changes.request_changes.push_back({RequestChange::Kind::kApproved, request});
  CHECK(StepChangeLines(changes) ==
        std::vector<std::string>{"fraud v3 created", "fraud v2: Staging -> Production",
                                 "alias champion of fraud: v2 -> v1",
                                 "alias challenger of fraud set to v3",
                                 "production serves fraud v2 with v3 as a canary at 10% (was v2)",
                                 "request 1 approved: fraud v2 to Production"});
  CHECK(StepChangeLines(StepChanges{}).empty());
}

TEST_CASE("FormatPlayedStep shows the step, its result, its changes and its key moment") {
  const Lesson lesson = Shipped("promoting-between-stages");
  const WalkthroughPlayer player = Play("promoting-between-stages", lesson);
  const std::string refused = FormatPlayedStep(player, 10, 100);
  CHECK(Contains(refused, "Step 10 of 14: Try to skip the review\n"));
  CHECK(Contains(refused, "  $ stagecraft --as dana models transition-stage"));
  CHECK(Contains(refused, "refused (permission denied): user 'dana'"));
  CHECK(Contains(refused, "Nothing changed.\n"));
  CHECK(Contains(refused, "Key moment"));
  const std::string rollback = FormatPlayedStep(player, 14, 100);
  CHECK(Contains(rollback, "  ok\n"));
  CHECK(Contains(rollback, "  - fraud v2: Production -> Archived\n"));
  CHECK(Contains(rollback, "  - production serves fraud v1 (was v2)\n"));
  // Step 1 registers a model name: accepted, no version moved, and no "Nothing changed".
  const std::string name = FormatPlayedStep(player, 1, 100);
  CHECK(Contains(name, "  ok\n"));
  CHECK_FALSE(Contains(name, "Nothing changed"));
}

TEST_CASE("FormatPrediction lists the choices; FormatGradedPrediction says right or not") {
  Prediction p;
  p.kind = Prediction::Kind::kStage;
  p.question = "Which stage will fraud v2 be in after step 12?";
  p.choices = {"None", "Staging", "Production", "Archived"};
  p.answer = "Production";
  CHECK(FormatPrediction(p) ==
        "Predict: Which stage will fraud v2 be in after step 12?\n  1. None\n  2. Staging\n"
        "  3. Production\n  4. Archived\n");
  CHECK(FormatGradedPrediction({p, "Production", true}) == "Right: Production.\n");
  CHECK(FormatGradedPrediction({p, "Staging", false}) ==
        "Not quite: you said Staging; the registry says Production.\n");
}

}  // namespace
}  // namespace stagecraft::core
