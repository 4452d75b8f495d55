// challenge_validation.cpp and ValidateContent on challenges: each way a challenge can be
// unsound, at its position; and the shipped challenges validate.

#include "core/challenge_validation.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "challenge_test_files.h"
#include "core/challenge_loader.h"
#include "core/lesson_loader.h"
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

std::vector<QuizProblem> Check(const std::string& text) {
  ChallengeLoad load = ParseChallenge(text, "t.challenge.json");
  INFO(Listing(load.problems));
  REQUIRE(load.challenge.has_value());
  return CheckChallengeOnEngine(*load.challenge);
}

void CheckOnly(const std::vector<QuizProblem>& problems, int line, const std::string& path,
               const std::string& message) {
  INFO(Listing(problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == line);
  CHECK(problems[0].path == path);
  CHECK(Contains(problems[0].message, message));
}

TEST_CASE("A sound challenge has no problems") { CHECK(Check(ChallengeJson()).empty()); }

TEST_CASE("A solution over par is reported at par") {
  const auto problems = Check(ChallengeJson(
      ChallengeJsonTarget(),
      R"(["models set-metric -m churn -v 2 --key auc --value 0.9",
          "models transition-stage -m churn -v 2 --stage Staging"])",
      1));
  CheckOnly(problems, 16, "par", "the solution takes 2 commands; par is 1");
}

TEST_CASE("A start that already meets the target is reported at target") {
  const auto problems = Check(ChallengeJson(
      R"([{"kind": "stage", "model": "churn", "version": 1, "stage": "Production"}])"));
  CheckOnly(problems, 15, "target", "the start already meets the target");
}

TEST_CASE("A start command that fails is reported where it is written") {
  std::string text = ChallengeJson();
  text.replace(text.find("--version 1 --stage Production"), 30, "--version 5 --stage Production");
  CheckOnly(Check(text), 13, "start[5]", "the start command fails");
}

TEST_CASE("A solution command that fails, or one left over, is reported where it is written") {
  SUBCASE("refused") {
    CheckOnly(Check(ChallengeJson(ChallengeJsonTarget(),
                                  R"(["models transition-stage -m churn -v 9 --stage Staging"])")),
              18, "solution[0]", "the solution command fails");
  }
  SUBCASE("not a command") {
    CheckOnly(Check(ChallengeJson(ChallengeJsonTarget(), R"(["models stage-it"])")), 18,
              "solution[0]", "the solution command fails");
  }
  SUBCASE("after the target is met") {
    CheckOnly(Check(ChallengeJson(ChallengeJsonTarget(),
                                  R"(["models transition-stage -m churn -v 2 --stage Staging",
          "models set-alias -m churn --alias c --version 2"])",
                                  2)),
              19, "solution[1]", "the target is met after 1 solution command;");
  }
  SUBCASE("short of the target") {
    CheckOnly(Check(ChallengeJson(ChallengeJsonTarget(),
                                  R"(["models set-alias -m churn --alias c --version 2"])")),
              18, "solution[0]", "unmet: churn v2 is in Staging");
  }
}

TEST_CASE("A condition naming what the registry never has is reported at its field") {
  // churn v2 in Staging, and `more`.
  const auto target = [](const std::string& more) {
    return R"([{"kind": "stage", "model": "churn", "version": 2, "stage": "Staging"}, )" + more +
           "]";
  };
  SUBCASE("a misspelt stage in approved-only, which would always hold") {
    CheckOnly(Check(ChallengeJson(target(R"({"kind": "approved-only", "stage": "Prodution"})"))),
              15, "target[1].stage",
              "no stage \"Prodution\" exists after the start or the solution");
  }
  SUBCASE("an unknown actor, model and environment in never") {
    const auto problems = Check(ChallengeJson(target(R"({"kind": "never", "action": "deploy",
        "model": "churm", "environment": "prod", "actor": "dan"})")));
    INFO(Listing(problems));
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].path == "target[1].model");
    CHECK(problems[0].message == "no model \"churm\" exists after the start or the solution");
    CHECK(problems[1].path == "target[1].environment");
    CHECK(problems[2].path == "target[1].actor");
    CHECK(problems[2].message == "no user \"dan\" exists after the start or the solution");
  }
  SUBCASE("a stage named in another letter case, and a model the solution creates, are known") {
    CHECK(Check(ChallengeJson(target(R"({"kind": "approved-only", "stage": "production"},
        {"kind": "happened", "action": "create_model", "model": "fraud", "actor": "admin"})"),
                              R"(["models transition-stage -m churn -v 2 --stage Staging",
          "models create fraud"])",
                              2))
              .empty());
  }
}

TEST_CASE("validate finds challenge files in folders and checks ids across them") {
  testing::TempDir dir;
  dir.Write("a.challenge.json", ChallengeJson());
  dir.Write("sub/b.challenge.json", ChallengeJson());  // the same id
  dir.Write("c.challenge.json", ChallengeJson(ChallengeJsonTarget(), "[]"));
  const ContentReport report = ValidateContent({dir.path.string()});
  INFO(Listing(report.problems));
  CHECK(report.files == 3);
  CHECK(report.challenges == 2);
  CHECK(report.questions == 0);
  REQUIRE(report.problems.size() == 2);
  CHECK(Contains(report.problems[0].ToString(), "c.challenge.json:18:15: solution: must hold"));
  CHECK(Contains(report.problems[1].message, "challenge id \"demo\" is already used by"));
}

TEST_CASE("The shipped challenges validate with no problems, the schema beside them not read") {
  // challenge.schema.json sits in the folder: read as a quiz, it would be a quiz file's problems.
  REQUIRE(std::filesystem::exists(STAGECRAFT_CHALLENGES_DIR "/challenge.schema.json"));
  const ContentReport report = ValidateContent({STAGECRAFT_CHALLENGES_DIR});
  INFO(Listing(report.problems));
  CHECK(report.problems.empty());
  CHECK(report.challenges >= 4);
}

}  // namespace
}  // namespace stagecraft::core
