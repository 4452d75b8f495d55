// quiz_validation.cpp: VerifyQuestion on the registry engine; ValidatePaths over files and
// folders; and the shipped bank. Helpers and conventions: quiz_test_files.h.

#include <doctest/doctest.h>
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "problem_listing.h"
#include "quiz_test_files.h"
#include "core/quiz.h"
#include "core/quiz_loader.h"

#ifndef STAGECRAFT_QUIZZES_DIR
#error "STAGECRAFT_QUIZZES_DIR must name the shipped quizzes folder"
#endif

namespace stagecraft::core {
namespace {

using testing::Contains;
using testing::Listing;
using namespace quiz_test;  // quiz_test_files.h

// =============================================================================================
// VerifyQuestion

// The README's example: version 2 is promoted with --archive-existing, so version 1 ends in
// Archived (D). The verify block's "{" is at 13:17.
constexpr std::string_view kStageQuestion = R"json(    {
      "id": "where-is-v1",
      "level": "medium",
      "prompt": "Which stage is version 1 in?",
      "options": ["None", "Staging", "Production", "Archived"],
      "answer": "D",
      "verify": {
        "setup": [
          "models create churn",
          "models create-version --model-name churn --source runs:/a/model",
          "models create-version --model-name churn --source runs:/b/model",
          "models transition-stage --model-name churn --version 1 --stage Production",
          "models transition-stage --model-name churn --version 2 --stage Production --archive-existing"
        ],
        "check": "stage",
        "model": "churn",
        "version": 1
      }
    })json";

// Options A and C fail (churn exists; there is no model nope), B and D succeed. The verify
// block's "{" is at 18:17.
constexpr std::string_view kCommandsQuestion = R"json(    {
      "id": "which-fail",
      "level": "hard",
      "prompt": "After creating churn, which commands fail?",
      "options": [
        "models create churn",
        "models create fraud",
        "models create-version --model-name nope --source runs:/a/model",
        "models create-version --model-name churn --source runs:/a/model"
      ],
      "answer": ["A", "C"],
      "verify": {"setup": ["models create churn"], "check": "failing-options"}
    })json";

// Parses `question` (which must be valid) and runs its verify block.
std::vector<QuizProblem> Verify(const std::string& question) {
  const auto load = Parse(WithQuestions(question));
  INFO(Listing(load.problems));
  REQUIRE(load.clean());
  REQUIRE(load.quiz->questions.size() == 1);
  return VerifyQuestion(*load.quiz, 0);
}

TEST_CASE("VerifyQuestion passes a stage check whose answer is the version's stage") {
  SUBCASE("as written") {
    const auto problems = Verify(std::string(kStageQuestion));
    CHECK_MESSAGE(problems.empty(), Listing(problems));
  }
  SUBCASE("with a leading stagecraft on the setup commands") {
    const auto problems = Verify(Replaced(std::string(kStageQuestion), "\"models create churn\"",
                                          "\"stagecraft models create churn\""));
    CHECK_MESSAGE(problems.empty(), Listing(problems));
  }
  SUBCASE("a version still in None") {
    const auto problems =
        Verify(Replaced(Replaced(std::string(kStageQuestion), "\"answer\": \"D\"", "\"answer\": \"A\""),
                        "--version 1 --stage Production\"", "--version 2 --stage Staging\""));
    CHECK_MESSAGE(problems.empty(), Listing(problems));
  }
}

TEST_CASE("VerifyQuestion reports a stage check whose answer is not the version's stage") {
  const auto problems =
      Verify(Replaced(std::string(kStageQuestion), "\"answer\": \"D\"", "\"answer\": \"C\""));
  CHECK_ONLY_PROBLEM(problems, 13, 17, "questions[0].verify",
                     "the registry puts version 1 of 'churn' in Archived, but the answer marks "
                     "\"Production\" (D says Archived)");
  REQUIRE_FALSE(problems.empty());
  CHECK(problems[0].file == "x.json");
  SUBCASE("when no option names the stage") {
    const auto none = Verify(Replaced(Replaced(std::string(kStageQuestion), "\"Archived\"]", "\"Retired\"]"),
                                      "\"answer\": \"D\"", "\"answer\": \"C\""));
    CHECK_ONLY_PROBLEM(none, 13, 17, "questions[0].verify", "(no option says Archived)");
  }
}

TEST_CASE("VerifyQuestion reports a stage check it cannot carry out") {
  SUBCASE("the version does not exist after setup") {
    const auto problems = Verify(Replaced(std::string(kStageQuestion), "\"version\": 1", "\"version\": 3"));
    CHECK_ONLY_PROBLEM(problems, 13, 17, "questions[0].verify",
                       "after setup, model 'churn' has no version 3");
  }
  SUBCASE("an empty setup") {
    const auto problems = Verify(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["None", "Production"],
      "answer": "A",
      "verify": {"setup": [], "check": "stage", "model": "churn", "version": 1}
    })json");
    CHECK_ONLY_PROBLEM(problems, 13, 17, "questions[0].verify", "setup is empty");
  }
  SUBCASE("a select-all answer") {
    const auto problems =
        Verify(Replaced(std::string(kStageQuestion), "\"answer\": \"D\"", "\"answer\": [\"D\"]"));
    CHECK_ONLY_PROBLEM(problems, 13, 17, "questions[0].verify", "needs a single-letter answer");
  }
}

TEST_CASE("VerifyQuestion reports a setup command that fails, with its index and error") {
  SUBCASE("in a stage check") {
    const auto problems = Verify(Replaced(std::string(kStageQuestion),
                                          "\"models create-version --model-name churn --source runs:/a/model\"",
                                          "\"models create churn\""));
    CHECK_ONLY_PROBLEM(problems, 13, 17, "questions[0].verify", "setup[1] failed: ");
    REQUIRE_FALSE(problems.empty());
    CHECK(Contains(problems[0].message, "churn"));
  }
  SUBCASE("in an options check, reported once") {
    const auto problems = Verify(Replaced(std::string(kCommandsQuestion), "[\"models create churn\"]",
                                          "[\"models create churn\", \"models frobnicate\"]"));
    CHECK_ONLY_PROBLEM(problems, 18, 17, "questions[0].verify", "setup[1] failed: ");
    REQUIRE_FALSE(problems.empty());
    CHECK(Contains(problems[0].message, "frobnicate"));
  }
}

TEST_CASE("VerifyQuestion checks that exactly the failing options are marked") {
  SUBCASE("right") {
    const auto problems = Verify(std::string(kCommandsQuestion));
    CHECK_MESSAGE(problems.empty(), Listing(problems));
  }
  SUBCASE("one failing option not marked") {
    const auto problems = Verify(
        Replaced(std::string(kCommandsQuestion), R"json(["A", "C"])json", R"json(["A"])json"));
    CHECK_ONLY_PROBLEM(problems, 18, 17, "questions[0].verify",
                       "the registry says the failing options are A, C, but the answer marks A");
  }
  SUBCASE("a succeeding option marked") {
    const auto problems = Verify(Replaced(std::string(kCommandsQuestion), R"json(["A", "C"])json",
                                          R"json(["A", "B", "C"])json"));
    CHECK_ONLY_PROBLEM(problems, 18, 17, "questions[0].verify",
                       "failing options are A, C, but the answer marks A, B, C");
  }
}

TEST_CASE("VerifyQuestion checks that exactly the succeeding options are marked") {
  const std::string question =
      Replaced(std::string(kCommandsQuestion), "\"failing-options\"", "\"succeeding-options\"");
  SUBCASE("right") {
    const auto problems = Verify(Replaced(question, R"json(["A", "C"])json", R"json(["B", "D"])json"));
    CHECK_MESSAGE(problems.empty(), Listing(problems));
  }
  SUBCASE("wrong") {
    const auto problems = Verify(Replaced(question, R"json(["A", "C"])json", "\"B\""));
    CHECK_ONLY_PROBLEM(problems, 18, 17, "questions[0].verify",
                       "the registry says the succeeding options are B, D, but the answer marks B");
  }
}

TEST_CASE("VerifyQuestion refuses after-step in a quiz file: only lessons have walkthroughs") {
  const auto load = Parse(WithQuestions(Replaced(std::string(kStageQuestion), "\"check\": \"stage\"",
                                                 "\"after-step\": 2, \"check\": \"stage\"")));
  INFO(Listing(load.problems));
  REQUIRE(load.clean());
  REQUIRE(load.quiz->questions.at(0).verify.has_value());
  CHECK(load.quiz->questions[0].verify->after_step == 2);
  const auto problems = VerifyQuestion(*load.quiz, 0);
  CHECK_ONLY_PROBLEM(problems, 13, 17, "questions[0].verify",
                     "\"after-step\" names a walkthrough step: only a lesson's quiz block has one");
}

TEST_CASE("VerifyQuestion has nothing to say about a question without a verify block") {
  const auto problems = Verify(
      R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json");
  CHECK(problems.empty());
}

// =============================================================================================
// ValidatePaths

TEST_CASE("ValidatePaths checks files and folders, recursively, skipping *.schema.json") {
  TempDir dir;
  const fs::path bank = dir.path() / "bank";
  dir.Write("bank/a.json", QuizFile("a", 2));
  dir.Write("bank/sub/b.json", QuizFile("b", 1));
  dir.Write("bank/sub/deeper/c.json", QuizFile("c", 3));
  dir.Write("bank/quiz.schema.json", R"json({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"})json");
  dir.Write("bank/sub/quiz.schema.json", "not even JSON");
  dir.Write("bank/challenge.schema.json", R"json({"type": "object"})json");
  dir.Write("bank/sub/any.schema.json", "not even JSON");
  dir.Write("bank/notes.txt", "not a quiz");
  dir.Write("bank/README.md", "# Quizzes");
  const std::string single = dir.Write("other/e.json", QuizFile("e", 4));
  const auto report = ValidatePaths({bank.string(), single});
  CHECK_MESSAGE(report.problems.empty(), Listing(report.problems));
  CHECK(report.files == 4);
  CHECK(report.questions == 10);
}

TEST_CASE("ValidatePaths reports a path that does not exist and checks the rest") {
  TempDir dir;
  const std::string good = dir.Write("a.json", QuizFile("a", 2));
  const std::string missing = (dir.path() / "nope").string();
  const auto report = ValidatePaths({missing, good});
  CHECK_ONLY_PROBLEM(report.problems, 1, 1, "", "no such file or folder");
  REQUIRE_FALSE(report.problems.empty());
  CHECK(report.problems[0].file == missing);
  CHECK(report.files == 1);
  CHECK(report.questions == 2);
}

TEST_CASE("ValidatePaths reports a quiz id used by two files, naming the first") {
  TempDir dir;
  const std::string first = dir.Write("a.json", QuizFile("dup", 1));
  const std::string second = dir.Write("b.json", QuizFile("dup", 2));
  dir.Write("c.json", QuizFile("other", 1));
  const auto report = ValidatePaths({dir.path().string()});
  CHECK(report.files == 3);
  REQUIRE_MESSAGE(report.problems.size() == 1, Listing(report.problems));
  const QuizProblem& problem = report.problems[0];
  CHECK(problem.file == second);
  CHECK(problem.path == "id");
  CHECK(Contains(problem.message, "\"dup\""));
  CHECK(Contains(problem.message, first));
  // At the id's value, as every other problem (QuizFile writes it on line 3: `  "id": "dup",`).
  CHECK(problem.line == 3);
  CHECK(problem.column == 9);
}

TEST_CASE("ValidatePaths checks every file even when some are bad") {
  TempDir dir;
  const std::string syntax = dir.Write("1-syntax.json", "{\n  \"format\": 1,\n  \"id\": }");
  const std::string array = dir.Write("2-array.json", "[]");
  const std::string empty = dir.Write("3-empty.json", "");
  const std::string big = dir.Write("4-big.json", "");
  fs::resize_file(big, kMaxQuizFileBytes + 1);
  const std::string deep = dir.Write("5-deep.json", std::string(100'000, '['));
  const std::string mixed = dir.Write("6-mixed.json", WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"},
    {"id": "b", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "Z"})json"));
  const std::string wrong = dir.Write("7-verify.json",
      Replaced(Replaced(WithQuestions(kStageQuestion), "\"answer\": \"D\"", "\"answer\": \"B\""),
               "\"id\": \"q\"", "\"id\": \"v\""));
  const std::string good = dir.Write("8-good.json", QuizFile("good", 3));
  const auto report = ValidatePaths({dir.path().string()});
  INFO(Listing(report.problems));
  CHECK(report.files == 8);
  CHECK(report.questions == 1 + 1 + 3);  // 6-mixed's "a", 7-verify's question, 8-good's
  for (const auto& file : {syntax, array, empty, big, deep, mixed, wrong}) {
    CAPTURE(file);
    CHECK(ProblemsOf(report, file).size() == 1);
  }
  CHECK(ProblemsOf(report, good).empty());
  CHECK_PROBLEM(ProblemsOf(report, syntax), 3, 9, "", "invalid JSON");
  CHECK_PROBLEM(ProblemsOf(report, mixed), 8, 83, "questions[1].answer", "\"Z\" is not an option");
  CHECK_PROBLEM(ProblemsOf(report, wrong), 13, 17, "questions[0].verify", "in Archived");
  // Files are taken in name order.
  REQUIRE(report.problems.size() == 7);
  CHECK(report.problems.front().file == syntax);
  CHECK(report.problems.back().file == wrong);
}

TEST_CASE("ValidatePaths goes on past a file whose number overflows") {
  TempDir dir;
  const std::string overflow = dir.Write("a.json", Replaced(QuizFile("a", 1), "\"format\": 1",
                                                            "\"format\": 1e400"));
  const std::string good = dir.Write("b.json", QuizFile("b", 2));
  ValidationReport report;
  REQUIRE_NOTHROW(report = ValidatePaths({dir.path().string()}));
  CHECK(report.files == 2);
  CHECK(report.questions == 2);
  CHECK(ProblemsOf(report, overflow).size() == 1);
  CHECK(ProblemsOf(report, good).empty());
}

// =============================================================================================
// The shipped bank

TEST_CASE("The shipped quiz bank validates with no problems") {
  const auto report = ValidatePaths({STAGECRAFT_QUIZZES_DIR});
  CHECK_MESSAGE(report.problems.empty(), Listing(report.problems));
  CHECK(report.files >= 1);
  CHECK(report.questions >= 1);
}

}  // namespace
}  // namespace stagecraft::core
