// challenge_attempt.cpp: a try at a challenge on the engine: the start, acting as its user,
// what counts, the checklist after each command, solved, reset.

#include "core/challenge_attempt.h"

#include <doctest/doctest.h>

#include "challenge_test_files.h"
#include "core/challenge_loader.h"
#include "problem_listing.h"

namespace stagecraft::core {
namespace {

using testing::ChallengeJson;
using testing::Listing;

Challenge Load(const std::string& text) {
  ChallengeLoad load = ParseChallenge(text, "t.challenge.json");
  INFO(Listing(load.problems));
  REQUIRE(load.challenge.has_value());
  return *load.challenge;
}

// Production gated by one approval; dana must request and priya approve.
Challenge Governed() {
  return Load(ChallengeJson(
      R"([{"kind": "stage", "model": "churn", "version": 2, "stage": "Production"},
          {"kind": "approved-only", "stage": "Production"},
          {"kind": "no-pending-requests"}])",
      R"(["stages gate Production --require-approvals 1 --as admin",
          "models request-transition -m churn -v 2 --stage Production",
          "models approve-request --id 1 --as priya"])",
      3, R"(
  "user": "dana",)"));
}

TEST_CASE("An attempt starts from the start, as the challenge's user, with the checklist") {
  auto attempt = ChallengeAttempt::Open(Governed());
  REQUIRE(attempt.ok());
  CHECK(attempt->screen().ActingAs() == "dana");
  CHECK(attempt->checklist() == std::vector<bool>{false, true, true});
  CHECK(attempt->met() == 2);
  CHECK_FALSE(attempt->solved());
  CHECK(attempt->commands() == 0);
  CHECK(attempt->screen().Console().empty());  // the start is not in the console
}

TEST_CASE("Reads (failed too), blanks and usage errors are free; changes and refusals count") {
  auto attempt = ChallengeAttempt::Open(Governed());
  REQUIRE(attempt.ok());
  CHECK_FALSE(attempt->Run("   ").ran);
  ChallengeStep step = attempt->Run("models list-versions -m churn");
  CHECK(step.ran);
  CHECK_FALSE(step.counted);
  step = attempt->Run("models frobnicate");
  CHECK(step.entry.usage_error);
  CHECK_FALSE(step.counted);
  for (const char* failed_read : {"models get-version -m churn -v 9", "models get nosuch",
                                  "models resolve models:/churn/Nope"}) {
    CAPTURE(failed_read);
    step = attempt->Run(failed_read);
    CHECK_FALSE(step.entry.ok);
    CHECK_FALSE(step.entry.usage_error);
    CHECK_FALSE(step.counted);
  }
  step = attempt->Run("models set-metric -m churn -v 9 --key auc --value 0.9");  // refused
  CHECK_FALSE(step.entry.ok);
  CHECK(step.counted);
  step = attempt->Run("models set-metric -m churn -v 2 --key auc --value 0.9");
  CHECK(step.entry.ok);
  CHECK(step.counted);
  CHECK(attempt->commands() == 2);
}

TEST_CASE("The checklist follows each command, and solving stops the attempt") {
  auto attempt = ChallengeAttempt::Open(Governed());
  REQUIRE(attempt.ok());
  REQUIRE(attempt->Run("stages gate Production --require-approvals 1 --as admin").entry.ok);
  ChallengeStep step = attempt->Run("models request-transition -m churn -v 2 --stage Production");
  REQUIRE(step.entry.ok);
  CHECK(step.newly_unmet == std::vector<std::size_t>{2});  // a request is pending now
  step = attempt->Run("models approve-request --id 1 --as priya");
  REQUIRE(step.entry.ok);
  CHECK(step.newly_met == std::vector<std::size_t>{0, 2});
  CHECK(attempt->solved());
  CHECK(attempt->commands() == 3);
  // Solved: nothing more runs.
  step = attempt->Run("models transition-stage -m churn -v 1 --stage Archived --as admin");
  CHECK_FALSE(step.ran);
  CHECK(attempt->commands() == 3);
}

TEST_CASE("A direct move into a gated stage by an admin breaks approved-only for good") {
  auto attempt = ChallengeAttempt::Open(Governed());
  REQUIRE(attempt.ok());
  const ChallengeStep step =
      attempt->Run("models transition-stage -m churn -v 2 --stage Production --as admin");
  REQUIRE(step.entry.ok);
  CHECK(step.newly_met == std::vector<std::size_t>{0});
  CHECK(step.newly_unmet == std::vector<std::size_t>{1});
  CHECK_FALSE(attempt->solved());
}

TEST_CASE("four-eyes asks for dana's request: priya's, approved by admin, does not solve it") {
  ChallengeLoad load = LoadChallengeFile(STAGECRAFT_CHALLENGES_DIR "/four-eyes.challenge.json");
  INFO(Listing(load.problems));
  REQUIRE(load.challenge.has_value());
  auto attempt = ChallengeAttempt::Open(*load.challenge);
  REQUIRE(attempt.ok());
  REQUIRE(attempt->Run("models request-transition -m fraud -v 2 --stage Production --as priya")
              .entry.ok);
  REQUIRE(attempt->Run("models approve-request --id 1 --as admin").entry.ok);
  CHECK(attempt->met() == attempt->checklist().size() - 1);
  CHECK_FALSE(attempt->solved());
}

TEST_CASE("A challenge with no conditions is never solved") {
  Challenge empty = Governed();
  empty.target.clear();
  auto attempt = ChallengeAttempt::Open(empty);
  REQUIRE(attempt.ok());
  CHECK(attempt->checklist().empty());
  CHECK_FALSE(attempt->solved());
  CHECK(attempt->Run("models set-metric -m churn -v 2 --key auc --value 0.9").counted);
  CHECK_FALSE(attempt->solved());
}

TEST_CASE("Reset returns to the start with nothing counted") {
  auto attempt = ChallengeAttempt::Open(Governed());
  REQUIRE(attempt.ok());
  attempt->screen().input = "models transition-stage -m churn -v 2 --stage Production --as admin";
  REQUIRE(attempt->Submit().entry.ok);
  CHECK(attempt->screen().input.empty());
  CHECK(attempt->commands() == 1);
  REQUIRE(attempt->Reset().ok());
  CHECK(attempt->commands() == 0);
  CHECK(attempt->screen().Console().empty());
  CHECK(attempt->checklist() == std::vector<bool>{false, true, true});
  CHECK(attempt->screen().ActingAs() == "dana");
}

TEST_CASE("Opening fails on a refused start command or an unknown user") {
  SUBCASE("a refused start command") {
    Challenge challenge = Governed();
    challenge.start.push_back("models transition-stage -m churn -v 7 --stage Staging");
    auto attempt = ChallengeAttempt::Open(challenge);
    REQUIRE_FALSE(attempt.ok());
    CHECK(testing::Contains(attempt.status().message(), "the start fails"));
  }
  SUBCASE("an unknown user") {
    Challenge challenge = Governed();
    challenge.user = "zoe";
    auto attempt = ChallengeAttempt::Open(challenge);
    REQUIRE_FALSE(attempt.ok());
    CHECK(testing::Contains(attempt.status().message(), "user \"zoe\" does not exist"));
  }
}

}  // namespace
}  // namespace stagecraft::core
