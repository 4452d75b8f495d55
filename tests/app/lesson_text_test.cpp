// lesson_text's functions for the interactive walkthrough: a step's changes as lines, a played
// step, a prediction and its grade.

#include "core/lesson_text.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/walkthrough_player.h"
#include "problem_listing.h"

#ifndef STAGECRAFT_LESSONS_DIR
#error "STAGECRAFT_LESSONS_DIR must name the shipped lessons folder"
#endif

using namespace stagecraft::core;
using stagecraft::testing::Contains;

namespace {

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

}  // namespace

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
