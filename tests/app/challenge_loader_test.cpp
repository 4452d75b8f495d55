// challenge_loader.cpp: the format's rules, each problem at its file position and JSON path.

#include "core/challenge_loader.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "challenge_test_files.h"
#include "core/challenge_conditions.h"
#include "core/content_files.h"
#include "problem_listing.h"
#include "temp_dir.h"

#ifndef STAGECRAFT_CHALLENGES_DIR
#error "STAGECRAFT_CHALLENGES_DIR must name the shipped challenges folder"
#endif

namespace stagecraft::core {
namespace {

using testing::ChallengeJson;
using testing::ChallengeJsonTarget;
using testing::Contains;
using testing::Listing;

// The one problem of `load`, checked for its position, path and message.
void CheckOnlyProblem(const ChallengeLoad& load, int line, int column, const std::string& path,
                      const std::string& message) {
  INFO(Listing(load.problems));
  REQUIRE(load.problems.size() == 1);
  CHECK_FALSE(load.challenge.has_value());
  CHECK(load.problems[0].line == line);
  CHECK(load.problems[0].column == column);
  CHECK(load.problems[0].path == path);
  CHECK(Contains(load.problems[0].message, message));
}

TEST_CASE("A valid challenge loads with its fields, positions and generated labels") {
  const ChallengeLoad load = ParseChallenge(
      ChallengeJson(R"([{"kind": "stage", "model": "churn", "version": 2, "stage": "Staging"},
    {"kind": "serves", "model": "churn", "environment": "production", "version": 1, "label": "Mine"}])",
                    R"(["models transition-stage -m churn -v 2 --stage Staging"])", 1,
                    R"(
  "user": "dana",)"),
      "c.challenge.json");
  INFO(Listing(load.problems));
  REQUIRE(load.challenge.has_value());
  const Challenge& c = *load.challenge;
  CHECK(c.id == "demo");
  CHECK(c.level == Level::kEasy);
  CHECK(c.user == "dana");
  CHECK(c.start.size() == 6);
  CHECK(c.start_at[0].line == 8);
  CHECK(c.solution.size() == 1);
  CHECK(c.par == 1);
  REQUIRE(c.target.size() == 2);
  CHECK(c.target[0].label == "churn v2 is in Staging");
  CHECK(c.target[1].label == "Mine");
  CHECK(c.target[1].kind == ConditionKind::kServes);
}

TEST_CASE("The user defaults to admin") {
  const ChallengeLoad load = ParseChallenge(ChallengeJson(), "c.challenge.json");
  REQUIRE(load.challenge.has_value());
  CHECK(load.challenge->user == "admin");
}

TEST_CASE("$schema and a $comment in the challenge or a condition are accepted and never read") {
  const ChallengeLoad load = ParseChallenge(
      ChallengeJson(R"([{"kind": "stage", "model": "churn", "version": 2, "stage": "Staging",
                        "$comment": ["any", {"kind": "of"}, "value"]},
    {"kind": "no-pending-requests", "$comment": "no model: any model's requests"}])",
                    R"(["models transition-stage -m churn -v 2 --stage Staging"])", 1, R"(
  "$schema": "./challenge.schema.json",
  "$comment": {"a note": "for authors"},)"),
      "c.challenge.json");
  INFO(Listing(load.problems));
  REQUIRE(load.challenge.has_value());
  REQUIRE(load.challenge->target.size() == 2);
  CHECK(load.challenge->target[0].label == "churn v2 is in Staging");
  CHECK(load.challenge->target[1].label == "No request is pending");
  // Only "$comment" is a note: another $-field in a condition is still refused.
  const auto refused = ParseChallenge(
      ChallengeJson(R"([{"kind": "no-pending-requests", "$schema": "x"}])"), "c.challenge.json");
  CheckOnlyProblem(refused, 15, 57, "target[0].$schema",
                   "a no-pending-requests condition takes no \"$schema\"");
}

TEST_CASE("Loader problems are reported at the value at fault") {
  SUBCASE("an unknown condition kind") {
    const auto load = ParseChallenge(ChallengeJson(R"([{"kind": "stages"}])"), "c.challenge.json");
    CheckOnlyProblem(load, 15, 23, "target[0].kind", "unknown kind \"stages\"");
  }
  SUBCASE("a field the kind needs is missing") {
    const auto load = ParseChallenge(
        ChallengeJson(R"([{"kind": "stage", "model": "churn", "stage": "Staging"}])"),
        "c.challenge.json");
    CheckOnlyProblem(load, 15, 14, "target[0]", "missing required field \"version\"");
  }
  SUBCASE("a field the kind does not take") {
    const auto load = ParseChallenge(
        ChallengeJson(R"([{"kind": "no-pending-requests", "version": 2}])"), "c.challenge.json");
    CheckOnlyProblem(load, 15, 57, "target[0].version",
                     "a no-pending-requests condition takes no \"version\"");
  }
  SUBCASE("an unknown audit action") {
    const auto load = ParseChallenge(ChallengeJson(R"([{"kind": "happened", "action": "rollbak"}])"),
                                     "c.challenge.json");
    CheckOnlyProblem(load, 15, 45, "target[0].action", "unknown audit action \"rollbak\"");
  }
  SUBCASE("traffic out of range") {
    const auto load = ParseChallenge(
        ChallengeJson(R"([{"kind": "canary", "model": "m", "environment": "e", "version": 1, "traffic": 0}])"),
        "c.challenge.json");
    CheckOnlyProblem(load, 15, 92, "target[0].traffic", "from 1 to 100");
  }
  SUBCASE("traffic on an audit filter whose action has none") {
    const auto load = ParseChallenge(
        ChallengeJson(R"([{"kind": "never", "action": "deploy", "traffic": 10}])"),
        "c.challenge.json");
    CheckOnlyProblem(load, 15, 63, "target[0].traffic",
                     "traffic only matches a deploy_canary event, not \"deploy\"");
  }
  SUBCASE("par is not a whole number") {
    const auto load = ParseChallenge(ChallengeJson(), "c.challenge.json");
    REQUIRE(load.challenge.has_value());
    std::string text = ChallengeJson();
    text.replace(text.find("\"par\": 1"), 8, "\"par\": 1.5");
    CheckOnlyProblem(ParseChallenge(text, "c.challenge.json"), 16, 10, "par", "whole number");
  }
  SUBCASE("an empty solution") {
    CheckOnlyProblem(ParseChallenge(ChallengeJson(ChallengeJsonTarget(), "[]"), "c.challenge.json"),
                     18, 15, "solution", "at least one command");
  }
  SUBCASE("a solution that is not a list, or none") {
    CheckOnlyProblem(ParseChallenge(ChallengeJson(ChallengeJsonTarget(), R"("models list")"),
                                    "c.challenge.json"),
                     18, 15, "solution", "must be an array, not a string");
    std::string text = ChallengeJson();
    text.erase(text.find(",\n  \"solution\""));
    text += "\n}";
    CheckOnlyProblem(ParseChallenge(text, "c.challenge.json"), 1, 1, "",
                     "missing required field \"solution\"");
  }
  SUBCASE("an empty target") {
    CheckOnlyProblem(ParseChallenge(ChallengeJson("[]"), "c.challenge.json"), 15, 13, "target",
                     "1 to 20 conditions");
  }
  SUBCASE("an unknown field") {
    CheckOnlyProblem(ParseChallenge(ChallengeJson(ChallengeJsonTarget(), R"(["x"])", 1, R"(
  "goals": "x",)"),
                                    "c.challenge.json"),
                     15, 12, "goals", "unknown field");
  }
  SUBCASE("a bad level") {
    std::string text = ChallengeJson();
    text.replace(text.find("\"easy\""), 6, "\"tricky\"");
    CheckOnlyProblem(ParseChallenge(text, "c.challenge.json"), 5, 12, "level",
                     "\"easy\", \"medium\" or \"hard\"");
  }
  SUBCASE("invalid JSON") {
    const auto load = ParseChallenge("{\n  \"id\": \"x\",,\n}", "c.challenge.json");
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].line == 2);
    CHECK(Contains(load.problems[0].message, "invalid JSON"));
  }
}

TEST_CASE("A missing challenge file is one problem naming it") {
  const ChallengeLoad load = LoadChallengeFile("/nonexistent/x.challenge.json");
  REQUIRE(load.problems.size() == 1);
  CHECK(load.problems[0].ToString().rfind("/nonexistent/x.challenge.json:1:1: ", 0) == 0);
}

TEST_CASE("The shipped challenges load with no problems, easy to hard") {
  int levels[3] = {0, 0, 0};
  int files = 0;
  for (const std::string& path : ChallengeFilesUnder(STAGECRAFT_CHALLENGES_DIR)) {
    ++files;
    const ChallengeLoad load = LoadChallengeFile(path);
    INFO(Listing(load.problems));
    REQUIRE(load.challenge.has_value());
    ++levels[static_cast<int>(load.challenge->level)];
  }
  CHECK(files >= 4);
  CHECK(levels[0] >= 1);
  CHECK(levels[1] >= 1);
  CHECK(levels[2] >= 1);
}

// The schema beside the challenges is written by hand: it must name exactly the loader's
// condition kinds and audit actions, or editors would offer (or refuse) the wrong ones.
TEST_CASE("challenge.schema.json lists exactly the condition kinds and audit actions the loader knows") {
  std::ifstream in(std::filesystem::path(STAGECRAFT_CHALLENGES_DIR) / "challenge.schema.json");
  const auto schema = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(schema.is_discarded());
  const auto& condition = schema["definitions"]["condition"]["properties"];
  REQUIRE(condition["kind"].contains("enum"));
  REQUIRE(condition["action"].contains("enum"));

  std::set<std::string> kinds;
  for (const auto& kind : condition["kind"]["enum"]) kinds.insert(kind.get<std::string>());
  std::set<std::string> loader_kinds;
  for (int k = 0; k <= static_cast<int>(ConditionKind::kApprovedOnly); ++k) {
    loader_kinds.insert(ConditionKindName(static_cast<ConditionKind>(k)));
  }
  CHECK(kinds == loader_kinds);
  for (const std::string& kind : kinds) CHECK(ConditionKindNamed(kind).has_value());

  std::set<std::string> actions;
  for (const auto& action : condition["action"]["enum"]) actions.insert(action.get<std::string>());
  const auto& known = KnownAuditActions();
  CHECK(actions == std::set<std::string>(known.begin(), known.end()));
}

}  // namespace
}  // namespace stagecraft::core
