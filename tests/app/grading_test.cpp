// Grade, the one grader: verdicts and per-letter feedback for single and select-all questions,
// all-or-nothing and partial credit (each right option +1/k, each wrong one -1/k, never below 0),
// confidence points, and CheckChosen / ParseScoring.

#include "core/grading.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/quiz_loader.h"

namespace stagecraft::core {
namespace {

using engine::ErrorCode;

// Five options A-E; the key is B, C, D; each option's feedback names it.
Question SelectAll() {
  QuizLoad load = ParseQuiz(R"({"format": 1, "id": "q", "title": "T", "topic": "Stages",
    "questions": [{"id": "multi", "level": "medium", "prompt": "Which?",
      "options": [{"text": "a", "feedback": "fa"}, {"text": "b", "feedback": "fb"},
                  {"text": "c", "feedback": "fc"}, {"text": "d"}, {"text": "e", "feedback": "fe"}],
      "answer": ["B", "C", "D"]},
     {"id": "single", "level": "easy", "prompt": "One?", "options": ["x", "y", "z"],
      "answer": "C"}]})", "grading.json");
  REQUIRE(load.clean());
  return load.quiz->questions[0];
}

Question Single() {
  QuizLoad load = ParseQuiz(R"({"format": 1, "id": "q", "title": "T", "topic": "Stages",
    "questions": [{"id": "single", "level": "easy", "prompt": "One?",
      "options": [{"text": "x", "feedback": "fx"}, "y", {"text": "z", "feedback": "fz"}],
      "answer": "C"}]})", "grading.json");
  REQUIRE(load.clean());
  return load.quiz->questions[0];
}

std::string Verdicts(const AnswerFeedback& feedback) {
  std::string out;
  for (const auto& option : feedback.involved) {
    out += OptionLetter(option.shown) + "=" + option.Verdict() + ":" + option.feedback + " ";
  }
  return out;
}

TEST_CASE("A select-all answer lists, letter by letter, what was right, wrong and missed") {
  const Question question = SelectAll();
  // Chose A (wrong), B (right), C (right); missed D; E neither chosen nor correct.
  const AnswerFeedback feedback =
      Grade(question, FileOrder(question), {2, 0, 1}, Scoring::kAllOrNothing);
  CHECK_FALSE(feedback.correct);
  CHECK(feedback.chosen == std::vector<int>{0, 1, 2});
  CHECK(feedback.answers == std::vector<int>{1, 2, 3});
  CHECK(Verdicts(feedback) == "A=wrong:fa B=right:fb C=right:fc D=missed: ");
  CHECK(feedback.credit == 0);
  CHECK(feedback.points == 0);
}

TEST_CASE("Shown letters follow the session's order, and so does the key") {
  const Question question = SelectAll();
  // Shown A..E are the file's E, D, C, B, A: the key B, C, D is shown as B, C, D again, and
  // shown A is the file's E.
  const std::vector<int> order = {4, 3, 2, 1, 0};
  const AnswerFeedback feedback = Grade(question, order, {0, 1}, Scoring::kAllOrNothing);
  CHECK(feedback.answers == std::vector<int>{1, 2, 3});
  CHECK(Verdicts(feedback) == "A=wrong:fe B=right: C=missed:fc D=missed:fb ");
}

TEST_CASE("Partial credit earns 1/k per right option, loses 1/k per wrong one, never below 0") {
  const Question question = SelectAll();  // k = 3
  const auto credit = [&](std::vector<int> chosen, Scoring scoring = Scoring::kPartialCredit) {
    return Grade(question, FileOrder(question), std::move(chosen), scoring).credit;
  };
  CHECK(credit({1, 2, 3}) == 1);
  CHECK(credit({1, 2}) == doctest::Approx(2.0 / 3));
  CHECK(credit({1}) == doctest::Approx(1.0 / 3));
  CHECK(credit({0, 1, 2}) == doctest::Approx(1.0 / 3));    // two right, one wrong
  CHECK(credit({0, 1, 2, 3}) == doctest::Approx(2.0 / 3));  // all right plus one wrong
  CHECK(credit({0, 1, 2, 3, 4}) == doctest::Approx(1.0 / 3));
  CHECK(credit({0, 4}) == 0);     // -2/3 is floored at 0
  CHECK(credit({0, 1, 4}) == 0);  // 1/3 - 2/3
  // All-or-nothing: anything but the key earns nothing.
  CHECK(credit({1, 2}, Scoring::kAllOrNothing) == 0);
  CHECK(credit({1, 2, 3}, Scoring::kAllOrNothing) == 1);
  // Partial credit never makes an answer "correct".
  CHECK_FALSE(Grade(question, FileOrder(question), {1, 2}, Scoring::kPartialCredit).correct);
}

TEST_CASE("A single-answer question is right or wrong under both scorings") {
  const Question question = Single();
  for (Scoring scoring : {Scoring::kAllOrNothing, Scoring::kPartialCredit}) {
    const AnswerFeedback right = Grade(question, FileOrder(question), {2}, scoring);
    CHECK(right.correct);
    CHECK(right.credit == 1);
    CHECK(Verdicts(right) == "C=right:fz ");
    const AnswerFeedback wrong = Grade(question, FileOrder(question), {0}, scoring);
    CHECK_FALSE(wrong.correct);
    CHECK(wrong.credit == 0);
    CHECK(Verdicts(wrong) == "A=wrong:fx C=missed:fz ");
  }
}

TEST_CASE("Confidence points follow the verdict: +1/+2/+3 right, 0/-2/-6 wrong") {
  const Question question = Single();
  const int right[] = {1, 2, 3};
  const int wrong[] = {0, -2, -6};
  for (int confidence = 1; confidence <= 3; ++confidence) {
    CAPTURE(confidence);
    const auto graded_right =
        Grade(question, FileOrder(question), {2}, Scoring::kAllOrNothing, confidence);
    CHECK(graded_right.points == right[confidence - 1]);
    CHECK(graded_right.confidence == confidence);
    CHECK(Grade(question, FileOrder(question), {1}, Scoring::kAllOrNothing, confidence).points ==
          wrong[confidence - 1]);
  }
  // Without confidence mode the points are the plain mark.
  CHECK(Grade(question, FileOrder(question), {2}, Scoring::kAllOrNothing).points == 1);
  CHECK(Grade(question, FileOrder(question), {0}, Scoring::kAllOrNothing).points == 0);
}

TEST_CASE("CheckChosen refuses no option, an option not shown, a repeat, and two for one") {
  const Question single = Single();
  const Question multi = SelectAll();
  CHECK(CheckChosen(single, {1}).ok());
  CHECK(CheckChosen(multi, {0, 4}).ok());
  const auto message = [](const Question& q, std::vector<int> chosen) {
    engine::Status status = CheckChosen(q, chosen);
    CHECK(status.code() == ErrorCode::kInvalidArgument);
    return status.message();
  };
  CHECK(message(single, {}) == "no letter given");
  CHECK(message(single, {3}) == "D is not an option (A-C)");
  CHECK(message(single, {-1}) == "option -1 is not an option (A-C)");
  CHECK(message(multi, {1, 1}) == "B is given twice");
  CHECK(message(single, {0, 1}) == "this question takes one letter");
}

TEST_CASE("ParseScoring reads the two rules in any letter case and nothing else") {
  CHECK(ParseScoring("partial") == Scoring::kPartialCredit);
  CHECK(ParseScoring("Partial") == Scoring::kPartialCredit);
  CHECK(ParseScoring("all-or-nothing") == Scoring::kAllOrNothing);
  CHECK_FALSE(ParseScoring("moodle").has_value());
  CHECK_FALSE(ParseScoring("").has_value());
  CHECK(std::string(ScoringName(Scoring::kPartialCredit)) == "partial");
}

}  // namespace
}  // namespace stagecraft::core
