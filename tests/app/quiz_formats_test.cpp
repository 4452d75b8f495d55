// Aiken and GIFT import and export, and QuizToJson: what each format keeps, every import problem
// with its exact source line, escapes, and round trips (export -> import, and quiz -> JSON ->
// ParseQuiz) on hand-written quizzes and on the shipped bank.

#include "core/quiz_formats.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/quiz.h"
#include "core/quiz_loader.h"

#ifndef STAGECRAFT_QUIZZES_DIR
#error "STAGECRAFT_QUIZZES_DIR must name the shipped quizzes folder"
#endif

namespace stagecraft::core {
namespace {

std::vector<std::string> Messages(const std::vector<QuizProblem>& problems) {
  std::vector<std::string> out;
  for (const QuizProblem& problem : problems) out.push_back(problem.ToString());
  return out;
}

// The one problem of an import that must fail, as "FILE:LINE:1: message".
std::string OnlyProblem(const QuizImport& imported) {
  CHECK_FALSE(imported.quiz.has_value());
  REQUIRE(imported.problems.size() == 1);
  return imported.problems.front().ToString();
}

std::vector<Quiz> ShippedQuizzes() {
  std::vector<Quiz> quizzes;
  for (const auto& entry : std::filesystem::directory_iterator(STAGECRAFT_QUIZZES_DIR)) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "quiz.schema.json") {
      continue;
    }
    QuizLoad load = LoadQuizFile(entry.path().string());
    REQUIRE(load.clean());
    quizzes.push_back(std::move(*load.quiz));
  }
  REQUIRE(quizzes.size() >= 2);
  return quizzes;
}

// A quiz with every field the format has, including a topic override and a verify block.
Quiz FullQuiz() {
  Quiz quiz;
  quiz.path = "full.json";
  quiz.id = "full";
  quiz.title = "Everything: \"quotes\", ünïcode";
  quiz.topic = "Stages";
  Question single;
  single.id = "single";
  single.level = Level::kHard;
  single.topic = "Aliases";
  single.prompt = "Which stage?\nSecond line with {braces} and = signs";
  single.code = "models list";
  single.options = {{"None", ""}, {"Staging", "Right: ~it is #1"}, {"Production", "No."}};
  single.answers = {1};
  single.hint = "Think.";
  single.solution = {"Step 1", "Step 2"};
  single.mistakes = {"A mistake"};
  single.tags = {"stages", "basics"};
  VerifyBlock verify;
  verify.setup = {"models create churn",
                  "models create-version --model-name churn --source runs:/a/model"};
  verify.check = VerifyBlock::Check::kStage;
  verify.model = "churn";
  verify.version = 1;
  single.verify = verify;
  Question multi;
  multi.id = "multi_2";
  multi.level = Level::kEasy;
  multi.topic = "Stages";
  multi.prompt = "Which commands fail?";
  multi.options = {{"models delete x", ""}, {"models list", ""}, {"models get y", "It is missing"}};
  multi.answers = {0, 2};
  multi.multiple = true;
  multi.verify = VerifyBlock{{}, VerifyBlock::Check::kFailingOptions, "", 0, 0, 0};
  quiz.questions = {single, multi};
  return quiz;
}

// What both formats carry: prompt, option texts, answers (and, with `feedback`, option feedback
// and whether a question is select-all).
void CheckSameQuestions(const Quiz& got, const Quiz& want, bool feedback) {
  REQUIRE(got.questions.size() == want.questions.size());
  for (std::size_t i = 0; i < want.questions.size(); ++i) {
    const Question& g = got.questions[i];
    const Question& w = want.questions[i];
    CAPTURE(w.id);
    CHECK(g.prompt == w.prompt);
    REQUIRE(g.options.size() == w.options.size());
    for (std::size_t o = 0; o < w.options.size(); ++o) {
      CHECK(g.options[o].text == w.options[o].text);
      if (feedback) CHECK(g.options[o].feedback == w.options[o].feedback);
    }
    CHECK(g.answers == w.answers);
    if (feedback) CHECK(g.multiple == w.multiple);
  }
}

// Every field ParseQuiz gives, except where things are written in the file.
void CheckEqualQuiz(const Quiz& got, const Quiz& want) {
  CHECK(got.id == want.id);
  CHECK(got.title == want.title);
  CHECK(got.topic == want.topic);
  REQUIRE(got.questions.size() == want.questions.size());
  for (std::size_t i = 0; i < want.questions.size(); ++i) {
    const Question& g = got.questions[i];
    const Question& w = want.questions[i];
    CAPTURE(w.id);
    CHECK(g.id == w.id);
    CHECK(g.level == w.level);
    CHECK(g.topic == w.topic);
    CHECK(g.prompt == w.prompt);
    CHECK(g.code == w.code);
    REQUIRE(g.options.size() == w.options.size());
    for (std::size_t o = 0; o < w.options.size(); ++o) {
      CHECK(g.options[o].text == w.options[o].text);
      CHECK(g.options[o].feedback == w.options[o].feedback);
    }
    CHECK(g.answers == w.answers);
    CHECK(g.multiple == w.multiple);
    CHECK(g.hint == w.hint);
    CHECK(g.solution == w.solution);
    CHECK(g.mistakes == w.mistakes);
    CHECK(g.tags == w.tags);
    REQUIRE(g.verify.has_value() == w.verify.has_value());
    if (w.verify) {
      CHECK(g.verify->setup == w.verify->setup);
      CHECK(g.verify->check == w.verify->check);
      CHECK(g.verify->model == w.verify->model);
      CHECK(g.verify->version == w.verify->version);
    }
    CHECK(g.index_in_file == i);
  }
}

// The imported quiz written as a quiz file loads back cleanly: imports meet the quiz format.
void CheckLoadsClean(const Quiz& quiz) {
  const QuizLoad load = ParseQuiz(QuizToJson(quiz), quiz.id + ".json");
  CHECK(Messages(load.problems) == std::vector<std::string>{});
  REQUIRE(load.quiz.has_value());
  CheckEqualQuiz(*load.quiz, quiz);
}

// --- Aiken import ------------------------------------------------------------------------------

TEST_CASE("Aiken import reads multi-line questions, both option styles and the answer") {
  const auto imported = ImportAiken(
      "What is the Staging stage for?\n"
      "Pick one.\n"
      "A. Serving live traffic\n"
      "B. Testing a candidate\n"
      "C. Keeping retired versions\n"
      "ANSWER: B\n"
      "\n"
      "\n"
      "Which stage does a new version start in?\r\n"
      "A) None\r\n"
      "B) Production\r\n"
      "answer: a\r\n",
      "banks/Stage basics.txt");
  REQUIRE(imported.problems.empty());
  REQUIRE(imported.quiz.has_value());
  const Quiz& quiz = *imported.quiz;
  CHECK(quiz.id == "stage-basics");
  CHECK(quiz.title == "Stage basics");
  CHECK(quiz.topic == "Stage basics");
  REQUIRE(quiz.questions.size() == 2);
  const Question& first = quiz.questions[0];
  CHECK(first.id == "q1");
  CHECK(first.level == Level::kMedium);
  CHECK(first.topic == "Stage basics");
  CHECK(first.prompt == "What is the Staging stage for?\nPick one.");
  REQUIRE(first.options.size() == 3);
  CHECK(first.options[2].text == "Keeping retired versions");
  CHECK(first.answers == std::vector<int>{1});
  CHECK_FALSE(first.multiple);
  const Question& second = quiz.questions[1];
  CHECK(second.id == "q2");
  CHECK(second.prompt == "Which stage does a new version start in?");
  CHECK(second.options[0].text == "None");
  CHECK(second.answers == std::vector<int>{0});
  CheckLoadsClean(quiz);
}

TEST_CASE("Aiken import accepts the ANSWER keyword in any case") {
  for (const char* keyword : {"ANSWER", "Answer", "answer", "AnSwEr"}) {
    CAPTURE(keyword);
    const auto imported =
        ImportAiken(std::string("Q?\nA. x\nB. y\n") + keyword + ": B\n", "k.txt");
    REQUIRE(imported.quiz.has_value());
    CHECK(imported.quiz->questions[0].answers == std::vector<int>{1});
  }
}

TEST_CASE("Aiken import names the source line of each error") {
  SUBCASE("missing ANSWER, at the end of the file and before a blank line") {
    CHECK(OnlyProblem(ImportAiken("Q1?\nA. x\nB. y\nANSWER: A\n\nQ2?\nA. x\nB. y\n", "a.txt")) ==
          "a.txt:6:1: the question has no \"ANSWER:\" line after its options");
    CHECK(OnlyProblem(ImportAiken("\nQ1?\nA. x\nB. y\n\nQ2?\nA. x\nB. y\nANSWER: B\n", "a.txt")) ==
          "a.txt:2:1: the question has no \"ANSWER:\" line after its options");
  }
  SUBCASE("answer letter not among the options") {
    CHECK(OnlyProblem(ImportAiken("Q?\nA. x\nB. y\nC. z\nANSWER: E\n", "a.txt")) ==
          "a.txt:5:1: the answer E is not an option (A-C)");
    CHECK(OnlyProblem(ImportAiken("Q?\nA. x\nB. y\nANSWER: AB\n", "a.txt")) ==
          "a.txt:4:1: \"ANSWER:\" must be followed by one letter, not \"AB\"");
  }
  SUBCASE("options out of order") {
    CHECK(OnlyProblem(ImportAiken("Q?\nA. x\nC. y\nANSWER: A\n", "a.txt")) ==
          "a.txt:3:1: option C is out of order: expected B");
    CHECK(OnlyProblem(ImportAiken("Q?\nB) x\nC) y\nANSWER: B\n", "a.txt")) ==
          "a.txt:2:1: option B is out of order: expected A");
  }
  SUBCASE("fewer than 2 options") {
    CHECK(OnlyProblem(ImportAiken("\n\nQ?\nA. only\nANSWER: A\n", "a.txt")) ==
          "a.txt:3:1: the question has 1 option; a question needs 2 to 6");
    CHECK(OnlyProblem(ImportAiken("Q?\nANSWER: A\n", "a.txt")) ==
          "a.txt:1:1: the question has 0 options; a question needs 2 to 6");
    CHECK(Messages(ImportAiken("Q?\n\nA. x\nB. y\nANSWER: A\n", "a.txt").problems) ==
          std::vector<std::string>{
              "a.txt:1:1: the question has no options (lines starting \"A. \" or \"A) \")",
              "a.txt:3:1: an option line before any question text"});
  }
  SUBCASE("more than 6 options") {
    CHECK(OnlyProblem(ImportAiken("Q?\nA. a\nB. b\nC. c\nD. d\nE. e\nF. f\nG. g\nANSWER: A\n",
                                  "a.txt")) ==
          "a.txt:8:1: more than 6 options; a question needs 2 to 6");
  }
  SUBCASE("text after ANSWER before a blank line") {
    CHECK(OnlyProblem(ImportAiken("Q1?\nA. x\nB. y\nANSWER: A\nQ2?\nA. x\nB. y\nANSWER: B\n",
                                  "a.txt")) ==
          "a.txt:5:1: text after the \"ANSWER:\" line; a blank line must end the question");
  }
  SUBCASE("a stray line among the options") {
    CHECK(OnlyProblem(ImportAiken("Q?\nA. x\nB. y\nmore text\nANSWER: A\n", "a.txt")) ==
          "a.txt:4:1: expected option C or an \"ANSWER:\" line, not \"more text\"");
  }
  SUBCASE("an ANSWER or an option line without a question") {
    CHECK(OnlyProblem(ImportAiken("ANSWER: A\n", "a.txt")) ==
          "a.txt:1:1: an \"ANSWER:\" line without a question");
    CHECK(OnlyProblem(ImportAiken("\nA. x\nB. y\nANSWER: A\n", "a.txt")) ==
          "a.txt:2:1: an option line before any question text");
  }
  SUBCASE("repeated or empty option texts, which the quiz format forbids") {
    CHECK(OnlyProblem(ImportAiken("Q?\nA. same\nB. other\nC. same\nANSWER: A\n", "a.txt")) ==
          "a.txt:4:1: option C repeats the text of option A: \"same\"");
    CHECK(OnlyProblem(ImportAiken("Q?\nA.\nB. y\nANSWER: B\n", "a.txt")) ==
          "a.txt:2:1: option A has no text");
  }
  SUBCASE("an empty file") {
    CHECK(OnlyProblem(ImportAiken("", "a.txt")) == "a.txt:1:1: the file holds no questions");
    CHECK(OnlyProblem(ImportAiken("\n  \n\t\n", "a.txt")) ==
          "a.txt:1:1: the file holds no questions");
  }
}

TEST_CASE("Aiken import reports every broken question in one pass and gives no quiz") {
  const auto imported = ImportAiken(
      "Q1?\nA. x\nB. y\nANSWER: Z\n"  // 1-4
      "\n"                            // 5
      "Q2?\nA. x\nB. y\nANSWER: A\n"  // 6-9
      "\n"                            // 10
      "Q3?\nA. x\nA. y\nANSWER: A\n"  // 11-14
      "\n"                            // 15
      "Q4?\nA. x\nB. y\n",            // 16-18
      "many.txt");
  CHECK_FALSE(imported.quiz.has_value());
  CHECK(Messages(imported.problems) ==
        std::vector<std::string>{
            "many.txt:4:1: the answer Z is not an option (A-B)",
            "many.txt:13:1: option A is out of order: expected B",
            "many.txt:16:1: the question has no \"ANSWER:\" line after its options",
        });
}

// --- GIFT import -------------------------------------------------------------------------------

TEST_CASE("GIFT import reads titles, comments, categories, format markers and feedback") {
  const auto imported = ImportGift(
      "// A comment about the file\n"                          // 1
      "$CATEGORY: $course$/Stages\n"                          // 2
      "\n"                                                    // 3
      "::Staging purpose:: [html]What is <b>Staging</b> for? {\n"  // 4
      "  ~Serving live traffic#That is Production.\n"         // 5
      "  // a comment inside a question\n"                    // 6
      "  =Testing a candidate#Right.\n"                       // 7
      "  ~Keeping retired versions\n"                         // 8
      "}\n"                                                   // 9
      "\n"                                                    // 10
      "Which stage comes first?\n"                            // 11
      "Think of a new version.\n"                             // 12
      "{=None ~Production ~[markdown]Archived}\n",            // 13
      "gift/stages.gift");
  REQUIRE(Messages(imported.problems) == std::vector<std::string>{});
  REQUIRE(imported.quiz.has_value());
  const Quiz& quiz = *imported.quiz;
  CHECK(quiz.id == "stages");
  REQUIRE(quiz.questions.size() == 2);
  const Question& first = quiz.questions[0];
  CHECK(first.id == "staging-purpose");
  CHECK(first.prompt == "What is <b>Staging</b> for?");
  REQUIRE(first.options.size() == 3);
  CHECK(first.options[0].text == "Serving live traffic");
  CHECK(first.options[0].feedback == "That is Production.");
  CHECK(first.options[1].text == "Testing a candidate");
  CHECK(first.options[1].feedback == "Right.");
  CHECK(first.options[2].feedback.empty());
  CHECK(first.answers == std::vector<int>{1});
  CHECK_FALSE(first.multiple);
  const Question& second = quiz.questions[1];
  CHECK(second.id == "q2");
  CHECK(second.prompt == "Which stage comes first?\nThink of a new version.");
  REQUIRE(second.options.size() == 3);
  CHECK(second.options[2].text == "Archived");
  CHECK(second.answers == std::vector<int>{0});
  CheckLoadsClean(quiz);
}

TEST_CASE("GIFT import undoes escapes of special characters") {
  const auto imported = ImportGift(
      "::Esc\\:aped:: Is a \\{b\\} \\= c \\~ d \\# e\\: f\\\\g\\nnext line? {\n"
      "=1 \\= 1#it\\#s \\~right\\}\n"
      "~x \\-> y\n"
      "}\n",
      "esc.gift");
  REQUIRE(Messages(imported.problems) == std::vector<std::string>{});
  const Question& question = imported.quiz->questions.at(0);
  CHECK(question.id == "esc-aped");
  CHECK(question.prompt == "Is a {b} = c ~ d # e: f\\g\nnext line?");
  CHECK(question.options[0].text == "1 = 1");
  CHECK(question.options[0].feedback == "it#s ~right}");
  CHECK(question.options[1].text == "x \\-> y");
}

TEST_CASE("GIFT import makes positive ~%weight% options the answers of a select-all question") {
  const auto imported = ImportGift(
      "Which are stages? {\n"
      "~%50%Staging#yes\n"
      "~%-100%Deployed\n"
      "~%50%Archived\n"
      "~Released\n"
      "####Stages are None, Staging, Production, Archived.\n"
      "}\n"
      "\n"
      "Only one weighted? {~%100%Production ~%-50%Shipped}\n",
      "multi.gift");
  REQUIRE(Messages(imported.problems) == std::vector<std::string>{});
  const Quiz& quiz = *imported.quiz;
  REQUIRE(quiz.questions.size() == 2);
  CHECK(quiz.questions[0].multiple);
  CHECK(quiz.questions[0].answers == std::vector<int>{0, 2});
  CHECK(quiz.questions[0].options.size() == 4);
  CHECK(quiz.questions[0].options[0].feedback == "yes");
  CHECK(quiz.questions[0].options[3].text == "Released");
  CHECK(quiz.questions[1].multiple);
  CHECK(quiz.questions[1].answers == std::vector<int>{0});
  CheckLoadsClean(quiz);
}

TEST_CASE("GIFT import reports questions other than multiple choice by line and keeps the rest") {
  const auto imported = ImportGift(
      "::tf:: The sky is blue {T}\n"                          // 1
      "\n"                                                    // 2
      "Pick one {=a ~b}\n"                                    // 3
      "\n"                                                    // 4
      "// comment\n"                                          // 5
      "Name a stage {=Staging =Production}\n"                 // 6
      "\n"                                                    // 7
      "How many stages? {#4}\n"                               // 8
      "\n"                                                    // 9
      "Match {\n"                                             // 10
      "=None -> new\n"                                        // 11
      "=Archived -> retired\n"                                // 12
      "}\n"                                                   // 13
      "\n"                                                    // 14
      "Explain staging. {}\n"                                 // 15
      "\n"                                                    // 16
      "False, with feedback {FALSE#It is not.}\n"             // 17
      "\n"                                                    // 18
      "Just a description without answers\n"                  // 19
      "\n"                                                    // 20
      "Pick another {~c =d}\n",                               // 21
      "mixed.gift");
  const std::string only = "only multiple-choice questions can be imported";
  CHECK(Messages(imported.problems) ==
        std::vector<std::string>{
            "mixed.gift:1:1: " + only + " (this is a true/false question)",
            "mixed.gift:6:1: " + only + " (this is a short-answer question)",
            "mixed.gift:8:1: " + only + " (this is a numerical question)",
            "mixed.gift:10:1: " + only + " (this is a matching question)",
            "mixed.gift:15:1: " + only + " (this is an essay question)",
            "mixed.gift:17:1: " + only + " (this is a true/false question)",
            "mixed.gift:19:1: " + only + " (this has no { } answers)",
        });
  REQUIRE(imported.quiz.has_value());
  REQUIRE(imported.quiz->questions.size() == 2);
  CHECK(imported.quiz->questions[0].prompt == "Pick one");
  CHECK(imported.quiz->questions[0].id == "q2");
  CHECK(imported.quiz->questions[1].prompt == "Pick another");
  CHECK(imported.quiz->questions[1].answers == std::vector<int>{1});
  CheckLoadsClean(*imported.quiz);
}

TEST_CASE("GIFT import makes ids from titles: lowercase, other characters '-', repeats numbered") {
  const auto imported = ImportGift(
      "::What is Staging?:: one {=a ~b}\n\n"
      "::what is staging:: two {=a ~b}\n\n"
      "::What_is-Staging!:: three {=a ~b}\n\n"
      "::q4:: four {=a ~b}\n\n"
      "five {=a ~b}\n\n"
      "::  ¿?  :: six {=a ~b}\n\n"
      "::" + std::string(80, 'x') + ":: seven {=a ~b}\n",
      "Ids & Titles!.gift");
  REQUIRE(Messages(imported.problems) == std::vector<std::string>{});
  const Quiz& quiz = *imported.quiz;
  CHECK(quiz.id == "ids-titles");
  CHECK(quiz.title == "Ids & Titles!");
  std::vector<std::string> ids;
  for (const Question& question : quiz.questions) ids.push_back(question.id);
  CHECK(ids == std::vector<std::string>{"what-is-staging", "what-is-staging-2", "what_is-staging",
                                        "q4", "q5", "q6", std::string(58, 'x')});
  CheckLoadsClean(quiz);
}

TEST_CASE("GIFT import names the source line of each error") {
  SUBCASE("no right answer") {
    CHECK(OnlyProblem(ImportGift("\n\nQ? {~a ~b ~%-50%c}\n", "e.gift")) ==
          "e.gift:3:1: no right answer: mark it with \"=\" (or \"~%N%\" with N above 0)");
  }
  SUBCASE("an unclosed answer block") {
    CHECK(OnlyProblem(ImportGift("Q1? {=a ~b}\n\nQ2?\n{=a\n~b\n", "e.gift")) ==
          "e.gift:4:1: a \"{\" without its closing \"}\"");
  }
  SUBCASE("an unclosed title") {
    CHECK(OnlyProblem(ImportGift("::title Q? {=a ~b}\n", "e.gift")) ==
          "e.gift:1:1: a \"::title\" without its closing \"::\"");
  }
  SUBCASE("too few or too many options") {
    CHECK(OnlyProblem(ImportGift("Q?\n{~a}\n", "e.gift")) ==
          "e.gift:1:1: the question has 1 options; a question needs 2 to 6");
    CHECK(OnlyProblem(ImportGift("Q? {=a ~b ~c ~d ~e ~f ~g}\n", "e.gift")) ==
          "e.gift:1:1: the question has 7 options; a question needs 2 to 6");
  }
  SUBCASE("a bad weight") {
    CHECK(OnlyProblem(ImportGift("Q? {\n=a\n~%half%b\n}\n", "e.gift")) ==
          "e.gift:3:1: a weight must be a number between % signs, as in ~%50%");
  }
  SUBCASE("several = answers") {
    CHECK(OnlyProblem(ImportGift("Q? {=a =b ~c}\n", "e.gift")) ==
          "e.gift:1:1: 2 answers marked \"=\": a question has one; mark several right answers "
          "with \"~%N%\" weights");
  }
  SUBCASE("a repeated option, on its own line") {
    CHECK(OnlyProblem(ImportGift("Q? {\n=a\n~b\n~a\n}\n", "e.gift")) ==
          "e.gift:4:1: option C repeats the text of option A: \"a\"");
  }
  SUBCASE("an empty file, or only comments") {
    CHECK(OnlyProblem(ImportGift("", "e.gift")) == "e.gift:1:1: the file holds no questions");
    CHECK(OnlyProblem(ImportGift("// nothing\n$CATEGORY: x\n\n", "e.gift")) ==
          "e.gift:1:1: the file holds no questions");
  }
  SUBCASE("a broken question withholds the quiz, and the others are still checked") {
    const auto imported = ImportGift("Q1? {=a ~b}\n\nQ2? {~a ~b}\n\nQ3? {T}\n", "e.gift");
    CHECK_FALSE(imported.quiz.has_value());
    CHECK(imported.problems.size() == 2);
  }
}

// --- Export ------------------------------------------------------------------------------------

TEST_CASE("Aiken export writes single-answer questions and reports select-all ones by id") {
  const Quiz quiz = FullQuiz();
  const QuizExport exported = ExportAiken(quiz);
  CHECK(exported.text ==
        "Which stage?\n"
        "Second line with {braces} and = signs\n"
        "A. None\n"
        "B. Staging\n"
        "C. Production\n"
        "ANSWER: B\n"
        "\n");
  REQUIRE(exported.problems.size() == 1);
  CHECK(exported.problems[0].path == "questions[1]");
  CHECK(exported.problems[0].message ==
        "question \"multi_2\" is select-all-that-apply, which Aiken cannot say; it was left out");
}

TEST_CASE("Aiken export leaves out a prompt line that would read as an option") {
  Quiz quiz = FullQuiz();
  quiz.questions.resize(1);
  quiz.questions[0].prompt = "Read this:\nA. is not an option";
  const QuizExport exported = ExportAiken(quiz);
  CHECK(exported.text.empty());
  REQUIRE(exported.problems.size() == 1);
  CHECK(exported.problems[0].message.find("\"single\"") != std::string::npos);
}

TEST_CASE("GIFT export escapes special characters and writes feedback and weights") {
  Quiz quiz = FullQuiz();
  Question third = quiz.questions[1];
  third.id = "three";
  third.options.push_back({"models set-alias", ""});
  third.answers = {0, 1, 3};
  quiz.questions.push_back(third);
  const QuizExport exported = ExportGift(quiz);
  CHECK(exported.problems.empty());
  CHECK(exported.text ==
        "// Everything: \"quotes\", ünïcode (quiz full)\n"
        "\n"
        "::single:: Which stage?\\nSecond line with \\{braces\\} and \\= signs {\n"
        "\t~None\n"
        "\t=Staging#Right\\: \\~it is \\#1\n"
        "\t~Production#No.\n"
        "}\n"
        "\n"
        "::multi_2:: Which commands fail? {\n"
        "\t~%50%models delete x\n"
        "\t~%-100%models list\n"
        "\t~%50%models get y#It is missing\n"
        "}\n"
        "\n"
        "::three:: Which commands fail? {\n"
        "\t~%33.33333%models delete x\n"
        "\t~%33.33333%models list\n"
        "\t~%-100%models get y#It is missing\n"
        "\t~%33.33333%models set-alias\n"
        "}\n"
        "\n");
}

// --- Round trips -------------------------------------------------------------------------------

TEST_CASE("GIFT export then import gives the same questions") {
  SUBCASE("a quiz with escapes, line breaks and select-all questions") {
    Quiz quiz = FullQuiz();
    quiz.questions[0].options[0].text = "a \\ backslash, a \\n that is not a line break, -> arrow";
    quiz.questions[1].options.push_back({"~%50% = {odd} #text: //", "feedback with ####"});
    quiz.questions[1].options.push_back({"all right", ""});
    quiz.questions[1].answers = {0, 2, 3, 4};
    const QuizExport exported = ExportGift(quiz);
    REQUIRE(exported.problems.empty());
    const QuizImport imported = ImportGift(exported.text, "full.gift");
    REQUIRE(Messages(imported.problems) == std::vector<std::string>{});
    CheckSameQuestions(*imported.quiz, quiz, true);
    CHECK(imported.quiz->questions[0].id == "single");
    CHECK(imported.quiz->questions[1].id == "multi_2");
  }
  SUBCASE("the shipped bank") {
    for (const Quiz& quiz : ShippedQuizzes()) {
      CAPTURE(quiz.path);
      const QuizExport exported = ExportGift(quiz);
      REQUIRE(exported.problems.empty());
      const QuizImport imported = ImportGift(exported.text, quiz.id + ".gift");
      REQUIRE(Messages(imported.problems) == std::vector<std::string>{});
      CheckSameQuestions(*imported.quiz, quiz, true);
      CheckLoadsClean(*imported.quiz);
    }
  }
}

TEST_CASE("Aiken export then import gives the same prompts, options and answers") {
  SUBCASE("a quiz with a multi-line prompt") {
    Quiz quiz = FullQuiz();
    quiz.questions.resize(1);
    const QuizImport imported = ImportAiken(ExportAiken(quiz).text, "full.txt");
    REQUIRE(imported.problems.empty());
    CheckSameQuestions(*imported.quiz, quiz, false);
    CHECK(imported.quiz->questions[0].options[1].feedback.empty());
  }
  SUBCASE("the shipped bank, select-all questions aside") {
    for (Quiz quiz : ShippedQuizzes()) {
      CAPTURE(quiz.path);
      const QuizExport exported = ExportAiken(quiz);
      std::size_t multiple = 0;
      std::erase_if(quiz.questions, [&](const Question& q) { return q.multiple && ++multiple; });
      CHECK(exported.problems.size() == multiple);
      if (quiz.questions.empty()) continue;
      const QuizImport imported = ImportAiken(exported.text, quiz.id + ".txt");
      REQUIRE(Messages(imported.problems) == std::vector<std::string>{});
      CheckSameQuestions(*imported.quiz, quiz, false);
    }
  }
}

TEST_CASE("QuizToJson writes a pretty format-1 file that loads back to the same quiz") {
  SUBCASE("every field") {
    const Quiz quiz = FullQuiz();
    const std::string json = QuizToJson(quiz);
    CHECK(json.rfind("{\n  \"$schema\": \"./quiz.schema.json\",\n  \"format\": 1,\n  \"id\": \"full\",",
                     0) == 0);
    CHECK(json.back() == '\n');
    CHECK(json.find("\"answer\": [\n") != std::string::npos);
    const QuizLoad load = ParseQuiz(json, "full.json");
    REQUIRE(Messages(load.problems) == std::vector<std::string>{});
    CheckEqualQuiz(*load.quiz, quiz);
  }
  SUBCASE("the shipped bank") {
    for (const Quiz& quiz : ShippedQuizzes()) {
      CAPTURE(quiz.path);
      const QuizLoad load = ParseQuiz(QuizToJson(quiz), quiz.path);
      REQUIRE(Messages(load.problems) == std::vector<std::string>{});
      CheckEqualQuiz(*load.quiz, quiz);
    }
  }
}

}  // namespace
}  // namespace stagecraft::core
