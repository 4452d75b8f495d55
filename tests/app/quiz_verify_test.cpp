// Verify blocks run their setup once: each option of a failing-/succeeding-options check runs on
// its own copy of the registry after it, and a setup longer than the cap is one problem naming
// the file, line and path, without running anything.

#include <doctest/doctest.h>

#include <string>

#include "core/quiz_loader.h"
#include "problem_listing.h"

using namespace stagecraft::core;
using stagecraft::testing::Listing;

namespace {

std::vector<QuizProblem> Verify(const std::string& verify, const std::string& options,
                                const std::string& answer) {
  const std::string text = "{\n  \"format\": 1, \"id\": \"q\", \"title\": \"T\", \"topic\": \"Stages\",\n"
                           "  \"questions\": [\n    {\"id\": \"a\", \"level\": \"easy\", \"prompt\": \"P?\",\n"
                           "     \"options\": " + options + ",\n     \"answer\": " + answer + ",\n"
                           "     \"verify\": " + verify + "}\n  ]\n}\n";
  const QuizLoad load = ParseQuiz(text, "v.json");
  INFO(Listing(load.problems));
  REQUIRE(load.quiz.has_value());
  REQUIRE(load.quiz->questions.size() == 1);
  return VerifyQuestion(*load.quiz, 0);
}

std::string Setup(std::size_t commands) {
  std::string setup = "[";
  for (std::size_t i = 0; i < commands; ++i) {
    setup += std::string(i ? ", " : "") + "\"models create m" + std::to_string(i) + "\"";
  }
  return setup + "]";
}

}  // namespace

TEST_CASE("Each option runs on its own copy of the registry after the setup") {
  // Both options create the same model: on one shared registry the second would fail.
  const auto problems = Verify(
      "{\"setup\": [\"models create churn\"], \"check\": \"succeeding-options\"}",
      "[\"models create fraud\", \"stagecraft models create fraud\", \"models create churn\"]", "[\"A\", \"B\"]");
  CHECK_MESSAGE(problems.empty(), Listing(problems));
}

TEST_CASE("A setup command that fails is reported with the engine's message") {
  const auto problems = Verify(
      "{\"setup\": [\"models create churn\", \"models create churn\"], \"check\": \"failing-options\"}",
      "[\"models create churn\", \"models create fraud\"]", "\"A\"");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "setup[1] failed: a model named 'churn' already exists");
}

TEST_CASE("A verify setup of more than 1,000 commands is one problem, and nothing runs") {
  CHECK(kMaxVerifySetupCommands == 1000);
  SUBCASE("1,000 commands run") {
    const auto problems = Verify("{\"setup\": " + Setup(1000) + ", \"check\": \"failing-options\"}",
                                 "[\"models create m0\", \"models create new\"]", "\"A\"");
    CHECK_MESSAGE(problems.empty(), Listing(problems));
  }
  SUBCASE("1,001 do not") {
    const auto problems = Verify("{\"setup\": " + Setup(1001) + ", \"check\": \"failing-options\"}",
                                 "[\"models create m0\", \"models create new\"]", "\"A\"");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == "v.json");
    CHECK(problems[0].line == 7);
    CHECK(problems[0].path == "questions[0].verify.setup");
    CHECK(problems[0].message == "setup has 1001 commands; a verify block runs at most 1000");
  }
}
