// ParseCleanQuiz (quiz_clean_parser.cpp): ParseQuiz's fast path for clean files, held to its
// checker. Helpers and conventions: quiz_test_files.h.

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
// ParseQuiz's two paths: ParseCleanQuiz (a clean file, straight from the parser's events) and
// CheckQuizText (a document, every problem). ParseQuiz is the first when it gives a quiz.

// Every field of `quiz` as JSON text, so that two quizzes compare in one CHECK that shows both.
std::string Dump(const Quiz& quiz) {
  nlohmann::ordered_json out = {{"path", quiz.path}, {"id", quiz.id},
                                {"id_at", {quiz.id_line, quiz.id_column}},
                                {"title", quiz.title}, {"topic", quiz.topic}};
  for (const Question& q : quiz.questions) {
    nlohmann::ordered_json question = {
        {"id", q.id},           {"level", LevelName(q.level)}, {"topic", q.topic},
        {"prompt", q.prompt},   {"code", q.code},              {"answers", q.answers},
        {"multiple", q.multiple}, {"hint", q.hint},            {"solution", q.solution},
        {"mistakes", q.mistakes}, {"tags", q.tags},            {"index", q.index_in_file}};
    for (const QuizOption& option : q.options) {
      question["options"].push_back({option.text, option.feedback});
    }
    if (q.verify) {
      question["verify"] = {{"setup", q.verify->setup},
                            {"check", static_cast<int>(q.verify->check)},
                            {"model", q.verify->model},
                            {"version", q.verify->version},
                            {"after_step", q.verify->after_step},
                            {"at", {q.verify->line, q.verify->column}}};
    }
    out["questions"].push_back(std::move(question));
  }
  return out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Whether the two paths agree on `text`: the fast path gives a quiz exactly when the checker
// finds no problem, and then the same quiz. `duplicate_members`: the fast path may give up on
// a clean file, as it does when a member is given twice.
void CheckPathsAgree(const std::string& text, bool duplicate_members = false) {
  const std::optional<Quiz> fast = ParseCleanQuiz(text, "x.json");
  const QuizLoad checked = CheckQuizText(text, "x.json");
  INFO("text:\n" << text << "\nproblems:\n" << Listing(checked.problems));
  if (fast) {
    REQUIRE(checked.clean());
    CHECK(Dump(*fast) == Dump(*checked.quiz));
  } else if (!duplicate_members) {
    CHECK_FALSE(checked.clean());
  }
  const QuizLoad load = ParseQuiz(text, "x.json");
  CHECK(Listing(load.problems) == Listing(checked.problems));
  CHECK(load.quiz.has_value() == checked.quiz.has_value());
  if (load.quiz && checked.quiz) CHECK(Dump(*load.quiz) == Dump(*checked.quiz));
}

// A clean quiz with every feature of the format, members in the order people write them.
constexpr std::string_view kEveryFeature = R"json({
  "$schema": "./quiz.schema.json",
  "format": 1,
  "id": "every-feature",
  "title": "Ünïcode títle",
  "topic": "Stages",
  "questions": [
    {
      "id": "q1",
      "level": "easy",
      "prompt": "Which?",
      "code": "stagecraft models list",
      "options": ["X", {"text": "Y", "feedback": "Right."}, {"text": "Z"}],
      "answer": "A",
      "hint": "Think.",
      "solution": ["Step 1", "Step 2"],
      "mistakes": ["A mistake"],
      "tags": ["stages", "basics"]
    },
    {
      "id": "q2",
      "level": "hard",
      "topic": "Archiving",
      "prompt": "Which are archived?",
      "options": ["A1", "B1", "C1", "D1", "E1", "F1"],
      "answer": ["F", "A", "C"],
      "verify": {"setup": ["models create churn"], "check": "stage", "model": "churn", "version": 1}
    },
    {
      "id": "q3",
      "level": "medium",
      "prompt": "Which fail?",
      "options": ["models create a", "models create b"],
      "answer": ["A", "B"],
      "verify": {"check": "failing-options", "after-step": 2, "model": ["ignored"], "version": 1.5}
    }
  ]
})json";

TEST_CASE("ParseCleanQuiz gives the quiz CheckQuizText gives for a clean file") {
  SUBCASE("every feature") {
    REQUIRE(ParseCleanQuiz(kEveryFeature, "x.json").has_value());
    CheckPathsAgree(std::string(kEveryFeature));
  }
  SUBCASE("the quiz's topic and id after its questions, an answer before its options") {
    const std::string text = R"json({"questions": [{"answer": "B", "options": ["X", "Y"],
      "prompt": "P?", "level": "easy", "id": "a"}], "topic": "Late", "format": 1, "title": "T",
      "id": "late"})json";
    const auto quiz = ParseCleanQuiz(text, "x.json");
    REQUIRE(quiz.has_value());
    CHECK(quiz->questions.at(0).topic == "Late");
    CHECK(quiz->questions.at(0).answers == std::vector<int>{1});
    CheckPathsAgree(text);
  }
  SUBCASE("format written as 1.0, $schema of any kind") {
    CheckPathsAgree(Replaced(std::string(kEveryFeature), "\"format\": 1,", "\"format\": 1.0,"));
    CheckPathsAgree(Replaced(std::string(kEveryFeature), "\"./quiz.schema.json\"",
                             R"json({"a": [null, true, 3, {"b": []}]})json"));
  }
  SUBCASE("a byte order mark and CRLF line ends") {
    std::string text = "\xEF\xBB\xBF";
    for (char c : kEveryFeature) text += c == '\n' ? std::string("\r\n") : std::string(1, c);
    REQUIRE(ParseCleanQuiz(text, "x.json").has_value());
    CheckPathsAgree(text);
  }
  SUBCASE("strings at their limits, counted in characters") {
    std::string title;
    for (int i = 0; i < 200; ++i) title += "é";
    CheckPathsAgree(Replaced(std::string(kEveryFeature), "Ünïcode títle", title));
    CheckPathsAgree(Replaced(std::string(kEveryFeature), "Ünïcode títle", title + "e"));
    const std::string longest(kMaxQuizString, 'x');
    CheckPathsAgree(Replaced(std::string(kEveryFeature), "Think.", longest));
    CheckPathsAgree(Replaced(std::string(kEveryFeature), "Think.", longest + "x"));
  }
  SUBCASE("a one-line bank like the benchmark's") {
    std::string text = QuizFile("bank", 300);
    CheckPathsAgree(text);
    REQUIRE(ParseCleanQuiz(text, "x.json").has_value());
  }
}

TEST_CASE("ParseCleanQuiz gives up where CheckQuizText finds a problem, and nowhere else") {
  // Every value of a clean file replaced by values of every kind, every member and element
  // removed, members added: each text must get the same verdict and quiz from both paths.
  // nlohmann/json writes members in name order, which puts an answer before its options and
  // the quiz's topic after its questions.
  const nlohmann::json base = nlohmann::json::parse(kEveryFeature);
  const std::vector<nlohmann::json> values = {
      nullptr, true, 0, 1, 2, -1, 1.0, 1.5, 10001, "", "A", "B", "F", "G", "easy", "x y", "q1",
      "stage", "failing-options", "succeeding-options", "churn", std::string(201, 't'),
      std::string(kMaxQuizString + 1, 'x'), nlohmann::json::array(), nlohmann::json::array({"X"}),
      nlohmann::json::array({"A", "C"}), nlohmann::json::array({"A", "A"}),
      nlohmann::json::array({"X", "Y"}), nlohmann::json::array({"1", "2", "3", "4", "5", "6", "7"}),
      nlohmann::json::array({1, 2}), nlohmann::json::object(),
      {{"text", "T"}}, {{"text", ""}}, {{"text", "T"}, {"feedback", "F"}}};
  const std::vector<std::string> names = {
      "$schema", "format", "id", "title", "topic", "questions", "level", "prompt", "code",
      "options", "answer", "hint", "solution", "mistakes", "tags", "verify", "text", "feedback",
      "setup", "check", "model", "version", "after-step", "unknown"};
  int mutations = 0;
  auto check = [&](const nlohmann::json& doc) {
    ++mutations;
    CheckPathsAgree(doc.dump(2));
  };
  const nlohmann::json flat = base.flatten();  // every leaf, by JSON pointer
  std::vector<nlohmann::json::json_pointer> places = {nlohmann::json::json_pointer("")};
  for (const auto& [pointer, leaf] : flat.items()) {
    for (auto at = nlohmann::json::json_pointer(pointer); !at.empty(); at = at.parent_pointer()) {
      if (std::find(places.begin(), places.end(), at) == places.end()) places.push_back(at);
    }
  }
  for (const auto& at : places) {
    for (const auto& value : values) {
      nlohmann::json doc = base;
      doc[at] = value;
      check(doc);
    }
    if (!at.empty()) {
      nlohmann::json doc = base;
      nlohmann::json& parent = doc[at.parent_pointer()];
      if (parent.is_object()) parent.erase(at.back());
      else parent.erase(static_cast<std::size_t>(std::stoul(at.back())));
      check(doc);
    }
    if (base[at].is_object()) {
      for (const auto& name : names) {
        for (const nlohmann::json& value : {nlohmann::json("x"), nlohmann::json("A"),
                                            nlohmann::json(1), nlohmann::json::array(),
                                            nlohmann::json::array({"s"})}) {
          nlohmann::json doc = base;
          doc[at][name] = value;
          check(doc);
        }
      }
    }
  }
  CHECK(mutations > 1000);
}

TEST_CASE("ParseCleanQuiz gives up on a member given twice; ParseQuiz keeps the last, as the checker does") {
  const std::string text = WithQuestions(R"json(    {
      "id": "a",
      "level": "easy",
      "prompt": "P?",
      "options": ["X", "Y"],
      "answer": "A",
      "answer": "B"
    })json");
  CHECK_FALSE(ParseCleanQuiz(text, "x.json").has_value());
  const QuizLoad load = ParseQuiz(text, "x.json");
  REQUIRE_MESSAGE(load.clean(), Listing(load.problems));
  CHECK(load.quiz->questions.at(0).answers == std::vector<int>{1});
  CheckPathsAgree(text, /*duplicate_members=*/true);
}

TEST_CASE("ParseCleanQuiz keeps to the nesting limit in values nothing reads") {
  // The root and $schema's arrays: 32 levels are allowed, 33 are reported before parsing.
  auto with_schema_depth = [](int depth) {
    return Replaced(std::string(kEveryFeature), "\"./quiz.schema.json\"",
                    std::string(depth - 1, '[') + std::string(depth - 1, ']'));
  };
  CHECK(ParseCleanQuiz(with_schema_depth(32), "x.json").has_value());
  CheckPathsAgree(with_schema_depth(32));
  CHECK_FALSE(ParseCleanQuiz(with_schema_depth(33), "x.json").has_value());
  CHECK_ONLY_PROBLEM(Parse(with_schema_depth(33)).problems, 1, 1, "",
                     "nesting is deeper than 32 levels");
}

TEST_CASE("ParseCleanQuiz gives up at syntax errors and limits, which the checker reports") {
  for (const std::string& text :
       {std::string("{"), std::string(R"({"format": 1e400})"), std::string("[]"),
        std::string(kEveryFeature) + " x", QuizFile("q", kMaxQuestions + 1),
        std::string(kEveryFeature) + std::string(kMaxQuizFileBytes, ' ')}) {
    CHECK_FALSE(ParseCleanQuiz(text, "x.json").has_value());
    CHECK_FALSE(ParseQuiz(text, "x.json").problems.empty());
  }
}

}  // namespace
}  // namespace stagecraft::core
