// Quiz files (quizzes/README.md is the contract): ParseQuiz's values and every validation
// problem with its line, column, JSON path and message; the limits against hostile files;
// LoadQuizFile. Helpers and conventions: quiz_test_files.h.

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

namespace stagecraft::core {
namespace {

using testing::Contains;
using testing::Listing;
using namespace quiz_test;  // quiz_test_files.h

// =============================================================================================
// Small pieces

TEST_CASE("QuizProblem prints as FILE:LINE:COL: JSON-PATH: message") {
  const QuizProblem at_value{"quizzes/x.json", 14, 17, "questions[2].answer",
                             "\"E\" is not an option (A-D)"};
  CHECK(at_value.ToString() == "quizzes/x.json:14:17: questions[2].answer: \"E\" is not an option (A-D)");
  SUBCASE("without a path, the message follows the position") {
    const QuizProblem whole_file{"x.json", 1, 1, "", "invalid JSON: oops"};
    CHECK(whole_file.ToString() == "x.json:1:1: invalid JSON: oops");
  }
}

TEST_CASE("OptionLetter and LevelName name options and levels as files write them") {
  CHECK(OptionLetter(0) == "A");
  CHECK(OptionLetter(5) == "F");
  CHECK(std::string(LevelName(Level::kEasy)) == "easy");
  CHECK(std::string(LevelName(Level::kMedium)) == "medium");
  CHECK(std::string(LevelName(Level::kHard)) == "hard");
}

// =============================================================================================
// ParseQuiz: a valid file

TEST_CASE("ParseQuiz loads a valid quiz with every field, ignoring $schema") {
  const auto load = Parse(R"json({
  "$schema": "./quiz.schema.json",
  "format": 1,
  "id": "stages-basics",
  "title": "Model stages",
  "topic": "Model stages",
  "questions": [
    {
      "id": "staging-purpose",
      "level": "easy",
      "prompt": "What is the Staging stage for?",
      "code": "stagecraft models list",
      "options": [
        "Serving live traffic",
        {"text": "Testing a candidate before it is promoted", "feedback": "Right: (before)"},
        {"text": "Keeping retired versions"}
      ],
      "answer": "B",
      "hint": "Think of what happens before Production.",
      "solution": ["Step 1", "Step 2"],
      "mistakes": ["Thinking Staging serves customers"],
      "tags": ["stages", "basics"]
    },
    {
      "id": "select_all-2",
      "level": "hard",
      "topic": "Archiving",
      "prompt": "Which are archived?",
      "options": ["A1", "B1", "C1", "D1", "E1", "F1"],
      "answer": ["F", "A", "C"]
    },
    {
      "id": "m",
      "level": "medium",
      "prompt": "Where is version 1?",
      "options": ["None", "Production"],
      "answer": "A",
      "verify": {"setup": ["models create churn"], "check": "stage", "model": "churn", "version": 1}
    }
  ]
})json");
  INFO(Listing(load.problems));
  REQUIRE(load.clean());
  const Quiz& quiz = *load.quiz;
  CHECK(quiz.path == "x.json");
  CHECK(quiz.id == "stages-basics");
  CHECK(quiz.title == "Model stages");
  CHECK(quiz.topic == "Model stages");
  REQUIRE(quiz.questions.size() == 3);

  SUBCASE("a single-answer question with object options and every optional field") {
    const Question& q = quiz.questions[0];
    CHECK(q.id == "staging-purpose");
    CHECK(q.level == Level::kEasy);
    CHECK(q.topic == "Model stages");  // inherited from the quiz
    CHECK(q.prompt == "What is the Staging stage for?");
    CHECK(q.code == "stagecraft models list");
    REQUIRE(q.options.size() == 3);
    CHECK(q.options[0].text == "Serving live traffic");
    CHECK(q.options[0].feedback.empty());
    CHECK(q.options[1].text == "Testing a candidate before it is promoted");
    CHECK(q.options[1].feedback == "Right: (before)");
    CHECK(q.options[2].text == "Keeping retired versions");
    CHECK(q.options[2].feedback.empty());
    CHECK(q.answers == std::vector<int>{1});
    CHECK_FALSE(q.multiple);
    CHECK(q.hint == "Think of what happens before Production.");
    CHECK(q.solution == std::vector<std::string>{"Step 1", "Step 2"});
    CHECK(q.mistakes == std::vector<std::string>{"Thinking Staging serves customers"});
    CHECK(q.tags == std::vector<std::string>{"stages", "basics"});
    CHECK_FALSE(q.verify.has_value());
    CHECK(q.index_in_file == 0);
  }
  SUBCASE("a select-all question: answers as ascending indexes, its own topic") {
    const Question& q = quiz.questions[1];
    CHECK(q.id == "select_all-2");
    CHECK(q.level == Level::kHard);
    CHECK(q.topic == "Archiving");
    CHECK(q.options.size() == 6);
    CHECK(q.answers == std::vector<int>{0, 2, 5});
    CHECK(q.multiple);
    CHECK(q.code.empty());
    CHECK(q.hint.empty());
    CHECK(q.solution.empty());
    CHECK(q.index_in_file == 1);
  }
  SUBCASE("a question with a verify block") {
    const Question& q = quiz.questions[2];
    CHECK(q.level == Level::kMedium);
    CHECK(q.answers == std::vector<int>{0});
    REQUIRE(q.verify.has_value());
    CHECK(q.verify->setup == std::vector<std::string>{"models create churn"});
    CHECK(q.verify->check == VerifyBlock::Check::kStage);
    CHECK(q.verify->model == "churn");
    CHECK(q.verify->version == 1);
    CHECK(q.verify->line == 38);
    CHECK(q.verify->column == 17);
  }
}

TEST_CASE("ParseQuiz accepts the failing-options and succeeding-options checks") {
  SUBCASE("failing-options") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["models create a", "models create b"],
      "answer": ["A", "B"],
      "verify": {"check": "failing-options"}
    })json"));
    INFO(Listing(load.problems));
    REQUIRE(load.clean());
    REQUIRE(load.quiz->questions.at(0).verify.has_value());
    CHECK(load.quiz->questions[0].verify->check == VerifyBlock::Check::kFailingOptions);
    CHECK(load.quiz->questions[0].verify->setup.empty());
  }
  SUBCASE("succeeding-options") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["models create a", "models create b"],
      "answer": "A",
      "verify": {"setup": ["models create b"], "check": "succeeding-options"}
    })json"));
    INFO(Listing(load.problems));
    REQUIRE(load.clean());
    REQUIRE(load.quiz->questions.at(0).verify.has_value());
    CHECK(load.quiz->questions[0].verify->check == VerifyBlock::Check::kSucceedingOptions);
  }
}

// =============================================================================================
// ParseQuiz: the whole file

TEST_CASE("ParseQuiz reports invalid JSON at the line and column where parsing stopped") {
  SUBCASE("a missing value") {
    const auto load = Parse("{\n  \"format\": 1,\n  \"id\": }");
    CHECK_ONLY_PROBLEM(load.problems, 3, 9, "", "invalid JSON: ");
    CHECK_FALSE(load.quiz.has_value());
  }
  SUBCASE("a missing colon") {
    const auto load = Parse("{\"a\" 1}");
    CHECK_ONLY_PROBLEM(load.problems, 1, 6, "", "invalid JSON: ");
  }
  SUBCASE("columns count characters, not bytes, before the error") {
    const auto load = Parse("{\"é€\": }");
    CHECK_ONLY_PROBLEM(load.problems, 1, 8, "", "invalid JSON: ");
  }
  SUBCASE("a line break inside a string") {
    const auto load = Parse("{\n  \"id\": \"a\nb\"}");
    CHECK_ONLY_PROBLEM(load.problems, 2, 11, "", "invalid JSON: ");
  }
  SUBCASE("a truncated file") {
    const auto load = Parse("{\n  \"format\": 1,");
    CHECK_ONLY_PROBLEM(load.problems, 2, 15, "", "invalid JSON: ");
    CHECK(Contains(load.problems[0].message, "end of input"));
  }
  SUBCASE("an empty file") {
    const auto load = Parse("");
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "invalid JSON: ");
  }
  SUBCASE("CRLF line ends") {
    const auto load = Parse("{\r\n  \"format\": 1,\r\n  \"id\": ]\r\n}");
    CHECK_ONLY_PROBLEM(load.problems, 3, 9, "", "invalid JSON: ");
  }
  // The message is nlohmann's, without its exception prefix or the "last read" echo.
  const auto load = Parse("{\"format\": tru}");
  REQUIRE(load.problems.size() == 1);
  CHECK_FALSE(Contains(load.problems[0].message, "[json.exception"));
  CHECK_FALSE(Contains(load.problems[0].message, "last read"));
  CHECK(Contains(load.problems[0].message, "invalid literal"));
  CHECK(load.problems[0].file == "x.json");
}

TEST_CASE("ParseQuiz reports a file that does not hold an object") {
  SUBCASE("an array") {
    const auto load = Parse("[1, 2]");
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "a quiz file must hold an object, not an array");
    CHECK_FALSE(load.quiz.has_value());
  }
  SUBCASE("a string") {
    const auto load = Parse("\"quiz\"");
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "must hold an object, not a string");
    CHECK_FALSE(load.quiz.has_value());
  }
  SUBCASE("a number, after blank lines") {
    const auto load = Parse("\n\n  42\n");
    CHECK_ONLY_PROBLEM(load.problems, 3, 3, "", "must hold an object, not a number");
    CHECK_FALSE(load.quiz.has_value());
  }
}

TEST_CASE("ParseQuiz reports each missing top-level field at the root object") {
  SUBCASE("format") {
    const auto load = Parse(R"json({
  "id": "q", "title": "T", "topic": "S",
  "questions": [{"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"}]
})json");
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "missing required field \"format\"");
  }
  SUBCASE("id") {
    const auto load = Parse(R"json({
  "format": 1, "title": "T", "topic": "S",
  "questions": [{"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"}]
})json");
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "missing required field \"id\"");
  }
  SUBCASE("title") {
    const auto load = Parse(R"json(  {
  "format": 1, "id": "q", "topic": "S",
  "questions": [{"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"}]
})json");
    CHECK_ONLY_PROBLEM(load.problems, 1, 3, "", "missing required field \"title\"");
  }
  SUBCASE("topic") {
    const auto load = Parse(R"json({
  "format": 1, "id": "q", "title": "T",
  "questions": [{"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"}]
})json");
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "missing required field \"topic\"");
  }
  SUBCASE("questions") {
    const auto load = Parse(R"json({"format": 1, "id": "q", "title": "T", "topic": "S"})json");
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "missing required field \"questions\"");
    REQUIRE(load.quiz.has_value());
    CHECK(load.quiz->questions.empty());
  }
  SUBCASE("all five at once") {
    const auto load = Parse("{}");
    CHECK(load.problems.size() == 5);
    for (const char* field : {"format", "id", "title", "topic", "questions"}) {
      CAPTURE(field);
      CHECK_PROBLEM(load.problems, 1, 1, "",
                    std::string("missing required field \"") + field + "\"");
    }
  }
}

TEST_CASE("ParseQuiz reports top-level fields of the wrong type") {
  SUBCASE("format as a string") {
    const auto load = Parse(Replaced(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"),
                                     "\"format\": 1", "\"format\": \"1\""));
    CHECK_ONLY_PROBLEM(load.problems, 2, 13, "format", "must be a number, not a string");
  }
  SUBCASE("id as a number") {
    const auto load = Parse(Replaced(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"),
                                     "\"id\": \"q\"", "\"id\": 5"));
    CHECK_ONLY_PROBLEM(load.problems, 3, 9, "id", "must be a string, not a number");
  }
  SUBCASE("title as an array") {
    const auto load = Parse(Replaced(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"),
                                     "\"title\": \"T\"", "\"title\": []"));
    CHECK_ONLY_PROBLEM(load.problems, 4, 12, "title", "must be a string, not an array");
  }
  SUBCASE("topic as null") {
    const auto load = Parse(Replaced(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"),
                                     "\"topic\": \"Stages\"", "\"topic\": null"));
    CHECK_ONLY_PROBLEM(load.problems, 5, 12, "topic", "must be a string, not null");
  }
  SUBCASE("questions as an object") {
    const auto load = Parse(R"json({
  "format": 1,
  "id": "q",
  "title": "T",
  "topic": "Stages",
  "questions": {"id": "a"}
})json");
    CHECK_ONLY_PROBLEM(load.problems, 6, 16, "questions", "must be an array, not an object");
  }
  SUBCASE("no questions") {
    const auto load = Parse(R"json({
  "format": 1,
  "id": "q",
  "title": "T",
  "topic": "Stages",
  "questions": []
})json");
    CHECK_ONLY_PROBLEM(load.problems, 6, 16, "questions", "at least one question");
  }
  SUBCASE("a question that is not an object") {
    const auto load = Parse(WithQuestions(R"json(    "what is Staging?")json"));
    CHECK_ONLY_PROBLEM(load.problems, 7, 5, "questions[0]",
                       "a question must be an object, not a string");
  }
}

TEST_CASE("ParseQuiz accepts only format 1") {
  const std::string quiz = WithQuestions(
      R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json");
  SUBCASE("2") {
    const auto load = Parse(Replaced(quiz, "\"format\": 1", "\"format\": 2"));
    CHECK_ONLY_PROBLEM(load.problems, 2, 13, "format", "format 2 is not supported (1 is)");
  }
  SUBCASE("0") {
    const auto load = Parse(Replaced(quiz, "\"format\": 1", "\"format\": 0"));
    CHECK_ONLY_PROBLEM(load.problems, 2, 13, "format", "format 0 is not supported");
  }
  SUBCASE("1.5") {
    const auto load = Parse(Replaced(quiz, "\"format\": 1", "\"format\": 1.5"));
    CHECK_ONLY_PROBLEM(load.problems, 2, 13, "format", "format 1.5 is not supported");
  }
}

TEST_CASE("ParseQuiz reports quiz and question ids that are not identifiers") {
  const std::string quiz = WithQuestions(
      R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json");
  SUBCASE("a quiz id with a space") {
    const auto load = Parse(Replaced(quiz, "\"id\": \"q\"", "\"id\": \"has space\""));
    CHECK_ONLY_PROBLEM(load.problems, 3, 9, "id",
                       "\"has space\" must be 1-64 letters, digits, '-' or '_'");
  }
  SUBCASE("an empty quiz id") {
    const auto load = Parse(Replaced(quiz, "\"id\": \"q\"", "\"id\": \"\""));
    CHECK_ONLY_PROBLEM(load.problems, 3, 9, "id", "\"\" must be 1-64 letters");
  }
  SUBCASE("a quiz id of 65 characters") {
    const auto load =
        Parse(Replaced(quiz, "\"id\": \"q\"", "\"id\": \"" + std::string(65, 'a') + "\""));
    CHECK_ONLY_PROBLEM(load.problems, 3, 9, "id", "must be 1-64 letters");
  }
  SUBCASE("a quiz id of 64 characters is fine") {
    const auto load =
        Parse(Replaced(quiz, "\"id\": \"q\"", "\"id\": \"" + std::string(64, 'a') + "\""));
    CHECK_MESSAGE(load.clean(), Listing(load.problems));
  }
  SUBCASE("a quiz id with a non-ASCII letter") {
    const auto load = Parse(Replaced(quiz, "\"id\": \"q\"", "\"id\": \"étapes\""));
    CHECK_ONLY_PROBLEM(load.problems, 3, 9, "id", "\"étapes\" must be 1-64 letters");
  }
  SUBCASE("a question id with a dot") {
    const auto load = Parse(Replaced(quiz, "\"id\": \"a\"", "\"id\": \"a.b\""));
    CHECK_ONLY_PROBLEM(load.problems, 7, 12, "questions[0].id", "\"a.b\" must be 1-64 letters");
    CHECK(load.quiz->questions.empty());
  }
}

// =============================================================================================
// ParseQuiz: questions

TEST_CASE("ParseQuiz reports each missing question field at the question object") {
  SUBCASE("id") {
    const auto load = Parse(WithQuestions(R"json(    {"level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"));
    CHECK_ONLY_PROBLEM(load.problems, 7, 5, "questions[0]", "missing required field \"id\"");
  }
  SUBCASE("level") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"));
    CHECK_ONLY_PROBLEM(load.problems, 7, 5, "questions[0]", "missing required field \"level\"");
  }
  SUBCASE("prompt") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "easy", "options": ["X", "Y"], "answer": "A"})json"));
    CHECK_ONLY_PROBLEM(load.problems, 7, 5, "questions[0]", "missing required field \"prompt\"");
  }
  SUBCASE("options") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "answer": "A"})json"));
    CHECK_PROBLEM(load.problems, 7, 5, "questions[0]", "missing required field \"options\"");
  }
  SUBCASE("answer") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"]})json"));
    CHECK_ONLY_PROBLEM(load.problems, 7, 5, "questions[0]", "missing required field \"answer\"");
  }
  SUBCASE("in the second question, on its own line") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"},
      {"id": "b", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"));
    CHECK_ONLY_PROBLEM(load.problems, 8, 7, "questions[1]", "missing required field \"level\"");
  }
}

TEST_CASE("ParseQuiz reports question fields of the wrong type") {
  struct Case {
    const char* member;  // the replacement for `"prompt": "P?",` on line 10
    int column;
    const char* path;
    const char* message;
  };
  const Case cases[] = {
      {R"json("prompt": 5,)json", 17, "questions[0].prompt", "must be a string, not a number"},
      {R"json("prompt": "P?", "hint": true,)json", 31, "questions[0].hint",
       "must be a string, not true or false"},
      {R"json("prompt": "P?", "code": [],)json", 31, "questions[0].code",
       "must be a string, not an array"},
      {R"json("prompt": "P?", "topic": 3,)json", 32, "questions[0].topic",
       "must be a string, not a number"},
      {R"json("prompt": "P?", "solution": "x",)json", 35, "questions[0].solution",
       "must be an array, not a string"},
      {R"json("prompt": "P?", "solution": ["a", 1],)json", 41, "questions[0].solution[1]",
       "must be a string, not a number"},
      {R"json("prompt": "P?", "mistakes": null,)json", 35, "questions[0].mistakes",
       "must be an array, not null"},
      {R"json("prompt": "P?", "tags": {},)json", 31, "questions[0].tags",
       "must be an array, not an object"},
      {R"json("prompt": "P?", "verify": [],)json", 33, "questions[0].verify",
       "must be an object, not an array"},
  };
  const std::string question = WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y"],
      "answer": "A"
    })json");
  SUBCASE("each member on its own") {
    for (const Case& c : cases) {
      CAPTURE(c.member);
      const auto load = Parse(Replaced(question, R"json("prompt": "P?",)json", c.member));
      CHECK_ONLY_PROBLEM(load.problems, 10, c.column, c.path, c.message);
    }
  }
  SUBCASE("id and level as numbers") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": 1,
      "level": 2,
      "prompt": "P?",
      "options": ["X", "Y"],
      "answer": "A"
    })json"));
    CHECK(load.problems.size() == 2);
    CHECK_PROBLEM(load.problems, 8, 13, "questions[0].id", "must be a string, not a number");
    CHECK_PROBLEM(load.problems, 9, 16, "questions[0].level", "must be a string, not a number");
  }
  SUBCASE("the answer as a number") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y"],
      "answer": 1
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 12, 17, "questions[0].answer",
                       "an answer is a letter such as \"B\", not a number");
  }
}

TEST_CASE("ParseQuiz reports a level other than easy, medium or hard") {
  SUBCASE("expert") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "expert", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"));
    CHECK_ONLY_PROBLEM(load.problems, 7, 26, "questions[0].level",
                       "\"expert\" is not a level (easy, medium, hard)");
  }
  SUBCASE("a capital letter") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "Easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"));
    CHECK_ONLY_PROBLEM(load.problems, 7, 26, "questions[0].level", "\"Easy\" is not a level");
  }
  SUBCASE("empty") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"));
    CHECK_ONLY_PROBLEM(load.problems, 7, 26, "questions[0].level", "\"\" is not a level");
  }
}

TEST_CASE("ParseQuiz reports an empty prompt, title or topic") {
  SUBCASE("prompt") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "", "options": ["X", "Y"], "answer": "A"})json"));
    CHECK_ONLY_PROBLEM(load.problems, 7, 44, "questions[0].prompt", "must not be empty");
  }
  SUBCASE("title") {
    const auto load = Parse(Replaced(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"),
                                     "\"title\": \"T\"", "\"title\": \"\""));
    CHECK_ONLY_PROBLEM(load.problems, 4, 12, "title", "must not be empty");
  }
  SUBCASE("the quiz's topic") {
    const auto load = Parse(Replaced(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"),
                                     "\"topic\": \"Stages\"", "\"topic\": \"\""));
    CHECK_ONLY_PROBLEM(load.problems, 5, 12, "topic", "must not be empty");
  }
  SUBCASE("a question's topic") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "topic": "",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y"],
      "answer": "A"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 9, 16, "questions[0].topic", "must not be empty");
  }
}

TEST_CASE("ParseQuiz reports fewer than 2 or more than 6 options") {
  SUBCASE("one") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X"],
      "answer": "A"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 18, "questions[0].options", "a question needs 2 to 6");
  }
  SUBCASE("none") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": [],
      "answer": "A"
    })json"));
    CHECK_PROBLEM(load.problems, 11, 18, "questions[0].options", "has 0 options; a question needs 2 to 6");
  }
  SUBCASE("seven") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["1", "2", "3", "4", "5", "6", "7"],
      "answer": "B"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 18, "questions[0].options",
                       "has 7 options; a question needs 2 to 6");
  }
  SUBCASE("six is fine") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["1", "2", "3", "4", "5", "6"],
      "answer": "F"
    })json"));
    CHECK_MESSAGE(load.clean(), Listing(load.problems));
  }
}

TEST_CASE("ParseQuiz reports an option text repeated in the same question") {
  SUBCASE("two strings") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y", "X"],
      "answer": "A"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 29, "questions[0].options[2]",
                       "repeats the text of an earlier option: \"X\"");
  }
  SUBCASE("a string and an object") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", {"text": "X", "feedback": "f"}],
      "answer": "A"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 24, "questions[0].options[1]",
                       "repeats the text of an earlier option: \"X\"");
  }
  SUBCASE("the same text in another question is fine") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"},
    {"id": "b", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"));
    CHECK_MESSAGE(load.clean(), Listing(load.problems));
  }
}

TEST_CASE("ParseQuiz reports options that are neither a string nor a text object") {
  SUBCASE("a number") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", 5],
      "answer": "A"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 24, "questions[0].options[1]",
                       "an option must be a string or {\"text\", \"feedback\"}, not a number");
  }
  SUBCASE("an object without text") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", {"feedback": "f"}],
      "answer": "A"
    })json"));
    CHECK_PROBLEM(load.problems, 11, 24, "questions[0].options[1]", "missing required field \"text\"");
  }
  SUBCASE("an empty text") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", ""],
      "answer": "A"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 24, "questions[0].options[1]",
                       "an option's text must not be empty");
  }
  SUBCASE("an object with a misspelt feedback") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", {"text": "Y", "feedbak": "f"}],
      "answer": "A"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 49, "questions[0].options[1].feedbak",
                       "unknown field (known: text, feedback, $comment)");
  }
  SUBCASE("feedback that is not a string") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", {"text": "Y", "feedback": 1}],
      "answer": "A"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 50, "questions[0].options[1].feedback",
                       "must be a string, not a number");
  }
}

TEST_CASE("ParseQuiz does not blame the answer for a problem in the options") {
  // One mistake, one problem: the answer letter is not checked against options that could not
  // be read, and a bad option does not shift the letters of the ones after it.
  SUBCASE("options missing") {
    const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "answer": "A"})json"));
    CHECK_ONLY_PROBLEM(load.problems, 7, 5, "questions[0]", "missing required field \"options\"");
  }
  SUBCASE("options not an array") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": "X, Y",
      "answer": "B"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 18, "questions[0].options",
                       "must be an array, not a string");
  }
  SUBCASE("a bad first option, the answer naming the third") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": [5, "Y", "Z"],
      "answer": "C"
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 19, "questions[0].options[0]",
                       "an option must be a string");
  }
}

TEST_CASE("ParseQuiz reports an answer letter that names no option") {
  SUBCASE("E of four options, as in the README") {
    const auto load = Parse(R"json({
  "format": 1,
  "id": "q",
  "title": "T",
  "topic": "Stages",
  "questions": [
    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"},
    {"id": "b", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "B"},
    {
      "id": "c",
      "level": "hard",
      "prompt": "Which?",
      "options": ["A1", "B1", "C1", "D1"],
      "answer": "E"
    }
  ]
})json");
    CHECK_ONLY_PROBLEM(load.problems, 14, 17, "questions[2].answer",
                       "\"E\" is not an option (A-D)");
    CHECK(load.problems[0].ToString() ==
          "x.json:14:17: questions[2].answer: \"E\" is not an option (A-D)");
    CHECK(load.quiz->questions.size() == 2);
  }
  const std::string question = WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y", "Z", "W"],
      "answer": "B"
    })json");
  SUBCASE("a lower-case letter") {
    const auto load = Parse(Replaced(question, "\"answer\": \"B\"", "\"answer\": \"b\""));
    CHECK_ONLY_PROBLEM(load.problems, 12, 17, "questions[0].answer", "\"b\" is not an option (A-D)");
  }
  SUBCASE("two letters in one string") {
    const auto load = Parse(Replaced(question, "\"answer\": \"B\"", "\"answer\": \"AB\""));
    CHECK_ONLY_PROBLEM(load.problems, 12, 17, "questions[0].answer", "\"AB\" is not an option (A-D)");
  }
  SUBCASE("an empty string") {
    const auto load = Parse(Replaced(question, "\"answer\": \"B\"", "\"answer\": \"\""));
    CHECK_ONLY_PROBLEM(load.problems, 12, 17, "questions[0].answer", "\"\" is not an option (A-D)");
  }
  SUBCASE("an option number instead of a letter") {
    const auto load = Parse(Replaced(question, "\"answer\": \"B\"", "\"answer\": \"2\""));
    CHECK_ONLY_PROBLEM(load.problems, 12, 17, "questions[0].answer", "\"2\" is not an option (A-D)");
  }
}

TEST_CASE("ParseQuiz reports a select-all answer that is empty, repeats a letter or names no option") {
  const std::string question = WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y", "Z", "W"],
      "answer": ["A", "C"]
    })json");
  SUBCASE("empty") {
    const auto load = Parse(Replaced(question, R"json(["A", "C"])json", "[]"));
    CHECK_ONLY_PROBLEM(load.problems, 12, 17, "questions[0].answer",
                       "a select-all answer needs at least one letter");
  }
  SUBCASE("a letter twice") {
    const auto load = Parse(Replaced(question, R"json(["A", "C"])json", R"json(["A", "A"])json"));
    CHECK_ONLY_PROBLEM(load.problems, 12, 23, "questions[0].answer[1]", "A is listed twice");
  }
  SUBCASE("a letter past the options") {
    const auto load = Parse(Replaced(question, R"json(["A", "C"])json", R"json(["A", "E"])json"));
    CHECK_ONLY_PROBLEM(load.problems, 12, 23, "questions[0].answer[1]",
                       "\"E\" is not an option (A-D)");
  }
  SUBCASE("a number among the letters") {
    const auto load = Parse(Replaced(question, R"json(["A", "C"])json", R"json(["A", 2])json"));
    CHECK_ONLY_PROBLEM(load.problems, 12, 23, "questions[0].answer[1]",
                       "an answer is a letter such as \"B\", not a number");
  }
  SUBCASE("one letter in an array is still select-all") {
    const auto load = Parse(Replaced(question, R"json(["A", "C"])json", R"json(["D"])json"));
    REQUIRE_MESSAGE(load.clean(), Listing(load.problems));
    CHECK(load.quiz->questions.at(0).multiple);
    CHECK(load.quiz->questions.at(0).answers == std::vector<int>{3});
  }
}

TEST_CASE("ParseQuiz reports unknown fields, such as a typo for answer") {
  SUBCASE("answr in a question") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y"],
      "answr": "B"
    })json"));
    CHECK(load.problems.size() == 2);
    CHECK_PROBLEM(load.problems, 12, 16, "questions[0].answr",
                  "unknown field (known: id, level, topic, prompt, code, options, answer, hint, "
                  "solution, mistakes, tags, verify, $comment)");
    CHECK_PROBLEM(load.problems, 7, 5, "questions[0]", "missing required field \"answer\"");
    CHECK(load.quiz->questions.empty());
  }
  SUBCASE("titel at the top level") {
    const auto load = Parse(Replaced(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"),
                                     "\"title\": \"T\"", "\"titel\": \"T\""));
    CHECK(load.problems.size() == 2);
    CHECK_PROBLEM(load.problems, 4, 12, "titel",
                  "unknown field (known: $schema, format, id, title, topic, questions, $comment)");
    CHECK_PROBLEM(load.problems, 1, 1, "", "missing required field \"title\"");
  }
  SUBCASE("an extra field next to the right ones") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y"],
      "answer": "B",
      "explanation": "..."
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 13, 22, "questions[0].explanation", "unknown field");
  }
  SUBCASE("a field whose name has a dot, at its value") {
    const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y"],
      "answer": "B",
      "solution.steps": ["..."]
    })json"));
    CHECK_ONLY_PROBLEM(load.problems, 13, 25, "questions[0].solution.steps", "unknown field");
  }
}

TEST_CASE("ParseQuiz reports bad verify blocks") {
  // The verify block's "{" is at 13:17; inside it, "check": "..." puts its value at 13:27.
  const std::string question = WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["None", "Production"],
      "answer": "A",
      "verify": VERIFY
    })json");
  auto with_verify = [&](std::string_view verify) {
    return Parse(Replaced(question, "VERIFY", verify));
  };
  SUBCASE("an unknown check") {
    const auto load = with_verify(R"json({"check": "stages", "setup": ["models create churn"]})json");
    CHECK_ONLY_PROBLEM(load.problems, 13, 27, "questions[0].verify.check",
                       "\"stages\" is not a check (stage, failing-options, succeeding-options)");
  }
  SUBCASE("no check") {
    const auto load = with_verify(R"json({"setup": ["models create churn"]})json");
    CHECK_ONLY_PROBLEM(load.problems, 13, 17, "questions[0].verify",
                       "missing required field \"check\"");
  }
  SUBCASE("a stage check without a model") {
    const auto load = with_verify(R"json({"check": "stage", "version": 1})json");
    CHECK_ONLY_PROBLEM(load.problems, 13, 17, "questions[0].verify",
                       "missing required field \"model\"");
  }
  SUBCASE("a stage check without a version") {
    const auto load = with_verify(R"json({"check": "stage", "model": "churn"})json");
    CHECK_ONLY_PROBLEM(load.problems, 13, 17, "questions[0].verify",
                       "missing required field \"version\"");
  }
  SUBCASE("a stage check with an empty model") {
    const auto load = with_verify(R"json({"check": "stage", "model": "", "version": 1})json");
    CHECK_ONLY_PROBLEM(load.problems, 13, 45, "questions[0].verify.model", "must not be empty");
  }
  SUBCASE("version 0, 1.5, -1 or a string") {
    for (const char* version : {"0", "1.5", "-1"}) {
      CAPTURE(version);
      const auto load = with_verify(std::string(R"json({"check": "stage", "model": "churn", "version": )json") +
                                    version + "}");
      CHECK_ONLY_PROBLEM(load.problems, 13, 65, "questions[0].verify.version",
                         "must be a whole number from 1 up");
    }
    const auto load = with_verify(R"json({"check": "stage", "model": "churn", "version": "1"})json");
    CHECK_ONLY_PROBLEM(load.problems, 13, 65, "questions[0].verify.version",
                       "must be a number, not a string");
  }
  SUBCASE("a misspelt model") {
    const auto load = with_verify(R"json({"check": "stage", "modle": "churn", "version": 1})json");
    CHECK(load.problems.size() == 2);
    CHECK_PROBLEM(load.problems, 13, 45, "questions[0].verify.modle",
                  "unknown field (known: setup, check, model, version, after-step, $comment)");
    CHECK_PROBLEM(load.problems, 13, 17, "questions[0].verify", "missing required field \"model\"");
  }
  SUBCASE("setup that is not a list of strings") {
    const auto load = with_verify(R"json({"check": "failing-options", "setup": [1]})json");
    CHECK_ONLY_PROBLEM(load.problems, 13, 56, "questions[0].verify.setup[0]",
                       "must be a string, not a number");
  }
  SUBCASE("an after-step that is not a step number") {
    for (const char* step : {"0", "2.5", "-3"}) {
      CAPTURE(step);
      const auto load = with_verify(std::string(R"json({"check": "failing-options", "after-step": )json") +
                                    step + "}");
      CHECK_ONLY_PROBLEM(load.problems, 13, 60, "questions[0].verify.after-step",
                         "must be a step number from 1 up");
    }
  }
  SUBCASE("a verify block that is not an object") {
    const auto load = with_verify(R"json("stage")json");
    CHECK_ONLY_PROBLEM(load.problems, 13, 17, "questions[0].verify",
                       "must be an object, not a string");
  }
}

TEST_CASE("ParseQuiz reports a question id used twice, naming the first use, and drops the repeat") {
  const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"},
    {"id": "b", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"},
    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "B"})json"));
  CHECK_ONLY_PROBLEM(load.problems, 9, 12, "questions[2].id",
                     "id \"a\" is already used by questions[0]");
  // The quiz holds the questions that passed every check: not the repeat.
  REQUIRE(load.quiz.has_value());
  CHECK(load.quiz->questions.size() == 2);
  for (const auto& q : load.quiz->questions) CHECK(q.index_in_file != 2);
}

TEST_CASE("ParseQuiz reports a repeated question id even when its first use has other problems") {
  const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "expert", "prompt": "P?", "options": ["X", "Y"], "answer": "A"},
    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"));
  CHECK(load.problems.size() == 2);
  CHECK_PROBLEM(load.problems, 7, 26, "questions[0].level", "\"expert\" is not a level");
  CHECK_PROBLEM(load.problems, 8, 12, "questions[1].id", "id \"a\" is already used by questions[0]");
}

// =============================================================================================
// ParseQuiz: all problems at once, and the questions that passed

TEST_CASE("ParseQuiz reports every problem of a file in one parse") {
  const auto load = Parse(R"json({
  "format": 1,
  "id": "q",
  "title": "",
  "topic": "Stages",
  "questions": [
    {"id": "a", "level": "expert", "prompt": "P?", "options": ["X", "Y"], "answer": "A"},
    {"id": "b", "level": "easy", "prompt": "", "options": ["X", "Y"], "answer": "A"},
    {"id": "c", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "C"},
    {"id": "d", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "B"},
    {"id": "e", "level": "easy", "prompt": "P?", "options": ["X", "X"], "answr": "A"}
  ]
})json");
  CHECK(load.problems.size() == 7);
  CHECK_PROBLEM(load.problems, 4, 12, "title", "must not be empty");
  CHECK_PROBLEM(load.problems, 7, 26, "questions[0].level", "\"expert\" is not a level");
  CHECK_PROBLEM(load.problems, 8, 44, "questions[1].prompt", "must not be empty");
  CHECK_PROBLEM(load.problems, 9, 83, "questions[2].answer", "\"C\" is not an option (A-B)");
  CHECK_PROBLEM(load.problems, 11, 67, "questions[4].options[1]", "repeats the text");
  CHECK_PROBLEM(load.problems, 11, 82, "questions[4].answr", "unknown field");
  CHECK_PROBLEM(load.problems, 11, 5, "questions[4]", "missing required field \"answer\"");
  for (const auto& p : load.problems) CHECK(p.file == "x.json");
  // Only "d" passed every check.
  REQUIRE(load.quiz.has_value());
  REQUIRE(load.quiz->questions.size() == 1);
  CHECK(load.quiz->questions[0].id == "d");
}

TEST_CASE("ParseQuiz keeps the valid questions of a file with bad ones") {
  const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"},
    {"id": "b", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "Z"},
    {"id": "c", "level": "hard", "prompt": "P?", "options": ["X", "Y"], "answer": ["A", "B"]},
    "not a question",
    {"id": "e", "level": "medium", "prompt": "P?", "options": ["X", "Y"], "answer": "B"})json"));
  CHECK(load.problems.size() == 2);
  CHECK_FALSE(load.clean());
  REQUIRE(load.quiz.has_value());
  CHECK(load.quiz->id == "q");
  CHECK(load.quiz->title == "T");
  REQUIRE(load.quiz->questions.size() == 3);
  CHECK(load.quiz->questions[0].id == "a");
  CHECK(load.quiz->questions[1].id == "c");
  CHECK(load.quiz->questions[1].index_in_file == 2);
  CHECK(load.quiz->questions[1].answers == std::vector<int>{0, 1});
  CHECK(load.quiz->questions[2].id == "e");
  CHECK(load.quiz->questions[2].index_in_file == 4);
  CHECK(load.quiz->questions[2].topic == "Stages");
}

// =============================================================================================
// ParseQuiz: positions in files editors write

TEST_CASE("ParseQuiz reports positions in a file with CRLF line ends") {
  std::string text = WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y", "Z", "W"],
      "answer": "E"
    })json");
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const auto load = Parse(crlf);
  CHECK_ONLY_PROBLEM(load.problems, 12, 17, "questions[0].answer", "\"E\" is not an option (A-D)");
}

TEST_CASE("ParseQuiz counts columns in characters after multi-byte UTF-8") {
  const auto load = Parse(WithQuestions(R"json(    {"id": "a", "level": "easy", "prompt": "Où est «v1» ?", "options": ["€", "😀"], "answer": "C"})json"));
  // "Où est «v1» ?" is 13 characters (17 bytes); "€" and "😀" one each.
  CHECK_ONLY_PROBLEM(load.problems, 7, 94, "questions[0].answer", "\"C\" is not an option (A-B)");
}

TEST_CASE("ParseQuiz reports positions in a file that starts with a UTF-8 byte order mark") {
  // Editors on Windows write one; nlohmann/json accepts it, so positions must be right too.
  const auto load = Parse("\xEF\xBB\xBF" + WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y", "Z", "W"],
      "answer": "E"
    })json"));
  CHECK_ONLY_PROBLEM(load.problems, 12, 17, "questions[0].answer", "\"E\" is not an option (A-D)");
}

TEST_CASE("ParseQuiz reports a member given twice at the value it uses") {
  // nlohmann/json keeps the last of repeated keys: the problem is that value's.
  const auto load = Parse(WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y"],
      "answer": "A",
      "answer": "E"
    })json"));
  CHECK_PROBLEM(load.problems, 13, 17, "questions[0].answer", "");
}

// =============================================================================================
// ParseQuiz: limits against hostile or broken files

TEST_CASE("ParseQuiz refuses a file over 8 MiB before parsing it") {
  SUBCASE("one byte over") {
    const auto load = Parse(std::string(kMaxQuizFileBytes + 1, '['));
    CHECK(kMaxQuizFileBytes == 8u * 1024 * 1024);
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "the file is 8388609 bytes; at most 8388608");
    CHECK_FALSE(load.quiz.has_value());
  }
  SUBCASE("exactly 8 MiB is fine") {
    std::string text = QuizFile("q", 3);
    text += std::string(kMaxQuizFileBytes - text.size(), ' ');
    const auto load = Parse(text);
    CHECK_MESSAGE(load.clean(), Listing(load.problems));
  }
}

TEST_CASE("ParseQuiz refuses nesting deeper than 32 levels") {
  // The root, "questions", the question and "tags" are four levels; the rest is in the tags.
  auto with_tags_depth = [](int depth) {
    const int inner = depth - 4;
    return WithQuestions(
        R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A", "tags": [)json" +
        std::string(inner, '[') + std::string(inner, ']') + "]}");
  };
  SUBCASE("33") {
    const auto load = Parse(with_tags_depth(33));
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "nesting is deeper than 32 levels");
    CHECK_FALSE(load.quiz.has_value());
  }
  SUBCASE("32 is allowed, and the file is checked as usual") {
    const auto load = Parse(with_tags_depth(32));
    CHECK_ONLY_PROBLEM(load.problems, 7, 97, "questions[0].tags[0]",
                       "must be a string, not an array");
  }
  SUBCASE("four million opening brackets") {
    const auto load = Parse(std::string(4'000'000, '['));
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "nesting is deeper than 32 levels");
  }
  SUBCASE("brackets inside strings do not count") {
    const auto load = Parse(WithQuestions(
        R"json(    {"id": "a", "level": "easy", "prompt": ")json" + std::string(100, '[') +
        R"json(", "options": ["X", "Y"], "answer": "A"})json"));
    CHECK_MESSAGE(load.clean(), Listing(load.problems));
  }
}

TEST_CASE("ParseQuiz reports strings longer than 10,000 characters") {
  const std::string long_text(kMaxQuizString + 1, 'x');
  const std::string fine_text(kMaxQuizString, 'x');
  // Line 10 of the question, `"prompt": "P?",`, is given extra members.
  const std::string question = WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y"],
      "answer": "A"
    })json");
  auto with = [&](const std::string& members) {
    return Parse(Replaced(question, R"json("prompt": "P?",)json", members));
  };
  SUBCASE("a hint") {
    const auto load = with(R"json("prompt": "P?", "hint": ")json" + long_text + "\",");
    CHECK_ONLY_PROBLEM(load.problems, 10, 31, "questions[0].hint", "10001");
    CHECK(Contains(load.problems.at(0).message, "10000"));
    CHECK_MESSAGE(with(R"json("prompt": "P?", "hint": ")json" + fine_text + "\",").clean(),
                  "10,000 is allowed");
  }
  SUBCASE("code") {
    const auto load = with(R"json("prompt": "P?", "code": ")json" + long_text + "\",");
    CHECK_ONLY_PROBLEM(load.problems, 10, 31, "questions[0].code", "10001");
  }
  SUBCASE("a step of the solution") {
    const auto load = with(R"json("prompt": "P?", "solution": ["ok", ")json" + long_text + "\"],");
    CHECK_ONLY_PROBLEM(load.problems, 10, 42, "questions[0].solution[1]", "10000");
  }
  SUBCASE("a tag") {
    const auto load = with(R"json("prompt": "P?", "tags": [")json" + long_text + "\"],");
    CHECK_ONLY_PROBLEM(load.problems, 10, 32, "questions[0].tags[0]", "10000");
  }
  SUBCASE("a setup command") {
    const auto load = with(R"json("prompt": "P?", "verify": {"check": "failing-options", "setup": [")json" +
                           long_text + "\"]},");
    CHECK_ONLY_PROBLEM(load.problems, 10, 72, "questions[0].verify.setup[0]", "10000");
  }
  SUBCASE("a string option") {
    const auto load = Parse(Replaced(question, R"json(["X", "Y"])json",
                                     R"json(["X", ")json" + long_text + "\"]"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 24, "questions[0].options[1]", "10000");
  }
  SUBCASE("the text of an object option, reported once") {
    const auto load = Parse(Replaced(question, R"json(["X", "Y"])json",
                                     R"json(["X", {"text": ")json" + long_text + "\"}]"));
    CHECK_MESSAGE(load.problems.size() == 1, Listing(load.problems));
    CHECK_FALSE(load.problems.empty());
  }
  SUBCASE("feedback") {
    const auto load = Parse(Replaced(question, R"json(["X", "Y"])json",
                                     R"json(["X", {"text": "Y", "feedback": ")json" + long_text + "\"}]"));
    CHECK_ONLY_PROBLEM(load.problems, 11, 50, "questions[0].options[1].feedback", "10001");
  }
  SUBCASE("a prompt: at most 4,000") {
    const auto load = with(R"json("prompt": ")json" + std::string(4001, 'p') + "\",");
    CHECK_ONLY_PROBLEM(load.problems, 10, 17, "questions[0].prompt", "4001");
    CHECK(with(R"json("prompt": ")json" + std::string(4000, 'p') + "\",").clean());
  }
  SUBCASE("a title: at most 200") {
    const std::string quiz = WithQuestions(
        R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json");
    const auto load =
        Parse(Replaced(quiz, "\"title\": \"T\"", "\"title\": \"" + std::string(201, 't') + "\""));
    CHECK_ONLY_PROBLEM(load.problems, 4, 12, "title", "201");
    CHECK(Parse(Replaced(quiz, "\"title\": \"T\"", "\"title\": \"" + std::string(200, 't') + "\""))
              .clean());
  }
}

TEST_CASE("ParseQuiz counts length limits in characters, not bytes") {
  // README: "title ... 1-200 characters", "prompt ... 1-4,000 characters", "strings at most
  // 10,000 characters". é is one character of two bytes.
  auto repeat = [](std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  const std::string quiz = WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y"],
      "answer": "A"
    })json");
  SUBCASE("a title of 200 characters") {
    const auto load =
        Parse(Replaced(quiz, "\"title\": \"T\"", "\"title\": \"" + repeat("é", 200) + "\""));
    CHECK_MESSAGE(load.clean(), Listing(load.problems));
  }
  SUBCASE("a prompt of 4,000 characters") {
    const auto load =
        Parse(Replaced(quiz, "\"prompt\": \"P?\"", "\"prompt\": \"" + repeat("é", 4000) + "\""));
    CHECK_MESSAGE(load.clean(), Listing(load.problems));
  }
  SUBCASE("a hint of 10,000 characters") {
    const auto load = Parse(Replaced(quiz, "\"prompt\": \"P?\"",
                                     "\"prompt\": \"P?\", \"hint\": \"" + repeat("é", 10000) + "\""));
    CHECK_MESSAGE(load.clean(), Listing(load.problems));
  }
  SUBCASE("a title of 201 characters is still too long") {
    const auto load =
        Parse(Replaced(quiz, "\"title\": \"T\"", "\"title\": \"" + repeat("é", 201) + "\""));
    CHECK_ONLY_PROBLEM(load.problems, 4, 12, "title", "");
  }
}

TEST_CASE("ParseQuiz reports more questions than the limit of 20,000") {
  CHECK(kMaxQuestions == 20000);  // quizzes/README.md: "1–20,000 questions"
  SUBCASE("one over") {
    const auto load = Parse(QuizFile("q", kMaxQuestions + 1));
    CHECK_ONLY_PROBLEM(load.problems, 6, 16, "questions", "holds 20001 questions; at most 20000");
    REQUIRE(load.quiz.has_value());
    CHECK(load.quiz->questions.size() <= kMaxQuestions);
  }
  SUBCASE("exactly the limit is fine") {
    const auto load = Parse(QuizFile("q", kMaxQuestions));
    CHECK_MESSAGE(load.clean(), Listing(load.problems));
    CHECK(load.quiz->questions.size() == kMaxQuestions);
  }
}

TEST_CASE("ParseQuiz places problems in time linear in the file, not quadratic") {
  // 10,000 problems in 1 MB. Placing each must not rescan the file from the start: that is
  // quadratic, a minute for a full bank with one systematic mistake, hours for a hostile 8 MiB.
  // Not a timed target (those are in bench/): four times the problems must take about four times
  // as long, where a rescan would take sixteen. A ratio holds on a loaded machine and under
  // sanitizers, which slow both sides alike; each side is the best of three.
  auto best_of_three = [](const std::string& text, std::size_t problems) {
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
      const auto start = std::chrono::steady_clock::now();
      const auto load = Parse(text);
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      REQUIRE(load.problems.size() == problems);
      best = std::min(best, took.count());
    }
    return best;
  };
  const std::string large = QuizFile("q", 10000, "Easy");
  const std::string quarter = QuizFile("q", 2500, "Easy");
  const auto load = Parse(large);
  CHECK_PROBLEM(load.problems, 10006, 30, "questions[9999].level", "\"Easy\" is not a level");
  const double small_s = best_of_three(quarter, 2500);
  const double large_s = best_of_three(large, 10000);
  CHECK_MESSAGE(large_s / small_s < 8.0, "4x the problems took " << large_s / small_s
                                                                  << "x as long (" << small_s
                                                                  << " s, " << large_s << " s)");
}

TEST_CASE("ParseQuiz reports a number too large for a double as a problem, not an exception") {
  // nlohmann/json throws out_of_range (not parse_error) for 1e400.
  const std::string text = Replaced(
      WithQuestions(
          R"json(    {"id": "a", "level": "easy", "prompt": "P?", "options": ["X", "Y"], "answer": "A"})json"),
      "\"format\": 1", "\"format\": 1e400");
  QuizLoad load;
  REQUIRE_NOTHROW(load = Parse(text));
  REQUIRE_MESSAGE(load.problems.size() == 1, Listing(load.problems));
  CHECK(load.problems[0].line == 2);
  CHECK(Contains(load.problems[0].message, "1e400"));
}

// =============================================================================================
// LoadQuizFile

TEST_CASE("LoadQuizFile reads and parses a file, naming it in the quiz and its problems") {
  TempDir dir;
  SUBCASE("a valid file") {
    const std::string path = dir.Write("a.json", QuizFile("a", 2));
    const auto load = LoadQuizFile(path);
    REQUIRE_MESSAGE(load.clean(), Listing(load.problems));
    CHECK(load.quiz->path == path);
    CHECK(load.quiz->questions.size() == 2);
  }
  SUBCASE("a bad file") {
    const std::string path = dir.Write("b.json", "{\n  \"format\": 1,\n  \"id\": }");
    const auto load = LoadQuizFile(path);
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].file == path);
    CHECK(load.problems[0].line == 3);
    CHECK(load.problems[0].column == 9);
  }
  SUBCASE("a missing file") {
    const std::string path = (dir.path() / "missing.json").string();
    const auto load = LoadQuizFile(path);
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "cannot read the file");
    CHECK(load.problems[0].file == path);
    CHECK_FALSE(load.quiz.has_value());
  }
  SUBCASE("a file over 8 MiB is refused by its size") {
    const std::string path = dir.Write("big.json", "");
    fs::resize_file(path, kMaxQuizFileBytes + 1);
    const auto load = LoadQuizFile(path);
    CHECK_ONLY_PROBLEM(load.problems, 1, 1, "", "the file is 8388609 bytes; at most 8388608");
    CHECK_FALSE(load.quiz.has_value());
  }
}

TEST_CASE("a $comment in any object of a quiz is a note for authors, accepted and never read") {
  const std::string text = R"json({
  "$comment": "A note about the quiz.",
  "format": 1, "id": "q", "title": "T", "topic": "Stages",
  "questions": [{
    "$comment": ["any", {"kind": "of"}, "value"],
    "id": "a", "level": "easy", "prompt": "Where?",
    "options": [{"text": "None", "feedback": "Right.", "$comment": "the key"}, "Staging"],
    "answer": "A",
    "verify": {"$comment": "checked by the engine",
               "setup": ["models create churn",
                         "models create-version --model-name churn --source runs:/a/m"],
               "check": "stage", "model": "churn", "version": 1}}]})json";
  // Both paths agree: the fast path takes it as clean, and the checker finds nothing.
  const auto clean = ParseCleanQuiz(text, "x.json");
  REQUIRE(clean.has_value());
  const QuizLoad checked = CheckQuizText(text, "x.json");
  CHECK_MESSAGE(checked.clean(), Listing(checked.problems));
  REQUIRE(checked.quiz.has_value());
  CHECK(checked.quiz->questions.size() == 1);
  CHECK(clean->questions.at(0).options.at(0).feedback == "Right.");
  CHECK(VerifyQuestion(*checked.quiz, 0).empty());
}

}  // namespace
}  // namespace stagecraft::core
