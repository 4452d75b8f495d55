// Questions, feedback and results as terminal text: FormatQuestion (letters follow the shown
// order, code indented, select-all marked, wrapping within the width), FormatHint,
// FormatFeedback (verdict, every involved option labelled right/wrong/missed, solution, common
// mistakes only when not right, partial credit, confidence points), FormatNextReview,
// FormatClock, FormatScore and FormatRunResult for a timed exam whose time ran out.
//
// Questions come from inline JSON through ParseQuiz, as the terminal gets them. Expected texts
// are built from the questions' own fields and the documented rules.

#include "core/question_text.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/quiz_loader.h"
#include "core/text_wrap.h"
#include "fake_clock.h"

namespace stagecraft::core {
namespace {

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The index of the first line equal to `line` at or after `from`, or -1.
int LineIndex(const std::vector<std::string>& lines, std::string_view line, int from = 0) {
  for (int i = from; i < static_cast<int>(lines.size()); ++i) {
    if (lines[static_cast<std::size_t>(i)] == line) return i;
  }
  return -1;
}

// The index of the first line starting with `start` at or after `from`, or -1.
int LineStarting(const std::vector<std::string>& lines, std::string_view start, int from = 0) {
  for (int i = from; i < static_cast<int>(lines.size()); ++i) {
    if (lines[static_cast<std::size_t>(i)].rfind(start, 0) == 0) return i;
  }
  return -1;
}

std::string Fixed2(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

// Two questions, each with everything a question may carry.
constexpr std::string_view kQuiz =
    R"({"format": 1, "id": "text", "title": "T", "topic": "Model stages",
  "questions": [
    {"id": "uri", "level": "medium",
     "prompt": "Version 2 of fraud is in Production and you move version 1 there as well. Which version does the stage URI serve from now on?",
     "code": "models transition-stage --model-name fraud --version 1 --stage Production\nmodels get-version --model-name fraud --version 1",
     "options": [
       {"text": "Version 1, the one moved last", "feedback": "The URI does not follow the last move."},
       {"text": "Version 2, the highest version in Production", "feedback": "Yes: the highest wins."},
       "Neither: the URI is ambiguous and fails",
       "Both, one after the other"
     ],
     "answer": "B",
     "hint": "Think of how a stage URI picks one version when several share the stage.",
     "solution": ["List the versions in Production.", "Take the highest."],
     "mistakes": ["Expecting the last move to win"]},
    {"id": "mlflow", "level": "hard", "prompt": "Which are MLflow's stages?",
     "options": [
       {"text": "Staging", "feedback": "One of the four."},
       {"text": "QA", "feedback": "Not a stage MLflow knows."},
       {"text": "Production", "feedback": "Where live traffic is served."},
       "Canary",
       "Archived"
     ],
     "answer": ["A", "C", "E"],
     "solution": ["Recall the four stages: None, Staging, Production, Archived."],
     "mistakes": ["Counting deployment strategies as stages", "Forgetting Archived"]}
  ]})";

const Quiz& TheQuiz() {
  static const Quiz quiz = [] {
    QuizLoad load = ParseQuiz(kQuiz, "text.json");
    REQUIRE_MESSAGE(load.clean(), (load.problems.empty() ? "" : load.problems[0].ToString()));
    return *load.quiz;
  }();
  return quiz;
}

const Question& Uri() { return TheQuiz().questions[0]; }
const Question& Mlflow() { return TheQuiz().questions[1]; }

TEST_CASE("FormatQuestion shows the prompt, the code indented and the options lettered in order") {
  const Question& question = Uri();
  SUBCASE("file order") {
    const std::string text = FormatQuestion(question, 200);
    const auto lines = Lines(text);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0] == question.prompt);
    // The code, under the prompt and above the options, each line indented by four spaces.
    const int code = LineIndex(lines, "    " + Lines(question.code)[0]);
    REQUIRE(code > 0);
    CHECK(lines[static_cast<std::size_t>(code) + 1] == "    " + Lines(question.code)[1]);
    int previous = code + 1;
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      CAPTURE(i);
      const int at = LineIndex(
          lines, "  " + OptionLetter(static_cast<int>(i)) + ". " + question.options[i].text);
      CHECK(at == previous + 1);
      previous = at;
    }
    CHECK(previous == static_cast<int>(lines.size()) - 1);
    CHECK_FALSE(Contains(text, "Select all"));
    CHECK(text.back() == '\n');
    // The same as giving the file order explicitly.
    CHECK(text == FormatQuestion(question, FileOrder(question), 200));
  }
  SUBCASE("a shuffled order: the letters follow the order shown") {
    const std::vector<int> order = {2, 0, 3, 1};
    const auto lines = Lines(FormatQuestion(question, order, 200));
    const int first = LineStarting(lines, "  A. ");
    REQUIRE(first > 0);
    for (std::size_t shown = 0; shown < order.size(); ++shown) {
      CAPTURE(shown);
      CHECK(lines.at(static_cast<std::size_t>(first) + shown) ==
            "  " + OptionLetter(static_cast<int>(shown)) + ". " +
                question.options[static_cast<std::size_t>(order[shown])].text);
    }
  }
  SUBCASE("a lead before the prompt") {
    const auto lines = Lines(FormatQuestion(question, 200, "Question: "));
    CHECK(lines.at(0) == "Question: " + question.prompt);
  }
}

TEST_CASE("FormatQuestion marks a select-all question") {
  const auto lines = Lines(FormatQuestion(Mlflow(), 80));
  const int marker = LineIndex(lines, "(Select all that apply.)");
  REQUIRE(marker > 0);
  CHECK(marker == LineStarting(lines, "  A. ") - 1);  // between the prompt and the options
  CHECK(LineIndex(lines, "  E. Archived") == static_cast<int>(lines.size()) - 1);
  // A prompt that already says so is not told twice.
  Question said = Mlflow();
  said.prompt = "Which are MLflow's stages? Select all that apply.";
  CHECK(LineIndex(Lines(FormatQuestion(said, 80)), "(Select all that apply.)") < 0);
}

TEST_CASE("FormatQuestion wraps the prompt and options within the width") {
  const Question& question = Uri();
  for (int width : {30, 40, 57, 80}) {
    CAPTURE(width);
    const std::string text = FormatQuestion(question, width);
    const auto lines = Lines(text);
    for (const auto& line : lines) {
      CAPTURE(line);
      const bool code = line.rfind("    models ", 0) == 0;  // code is shown as it is written
      if (!code) CHECK(line.size() <= static_cast<std::size_t>(width));
      CHECK((line.empty() || line.back() != ' '));
    }
    // Nothing is lost: the prompt's words, in order, make up the lines before the blank line
    // that sets the code apart.
    std::string prompt;
    const int blank = LineIndex(lines, "");
    REQUIRE(blank > 0);
    CHECK(blank + 1 == LineStarting(lines, "    models "));
    for (int i = 0; i < blank; ++i) {
      prompt += (i == 0 ? "" : " ") + lines[static_cast<std::size_t>(i)];
    }
    CHECK(prompt == question.prompt);
    // An option's later lines are indented under its text.
    const int b = LineStarting(lines, "  B. ");
    REQUIRE(b > 0);
    const int c = LineStarting(lines, "  C. ");
    std::string option = lines[static_cast<std::size_t>(b)].substr(5);
    for (int i = b + 1; i < c; ++i) {
      const std::string& line = lines[static_cast<std::size_t>(i)];
      CHECK(line.rfind("     ", 0) == 0);
      option += " " + line.substr(5);
    }
    CHECK(option == question.options[1].text);
  }
}

TEST_CASE("FormatQuestion counts display columns, not bytes, when it wraps") {
  // Each word is 11 columns and 14 bytes ("é" is 2 bytes, "—" 3): three words and two spaces
  // fill 35 of 40 columns but take 44 bytes.
  Question question;
  question.id = "wide";
  for (int i = 0; i < 9; ++i) question.prompt += std::string(i == 0 ? "" : " ") + "étape—stage";
  question.options = {QuizOption{"x", ""}, QuizOption{"y", ""}};
  question.answers = {0};
  const std::string text = FormatQuestion(question, 40);
  CHECK(WidestLine(text) <= 40);
  const auto lines = Lines(text);
  REQUIRE(lines.size() == 3 + 2);  // three lines of three words, then the options
  for (int i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(lines[static_cast<std::size_t>(i)] == "étape—stage étape—stage étape—stage");
  }
}

TEST_CASE("FormatHint shows the hint, or says there is none") {
  SUBCASE("with a hint") {
    CHECK(FormatHint(Uri(), 200) == "Hint: " + Uri().hint + "\n");
    const auto lines = Lines(FormatHint(Uri(), 30));
    REQUIRE(lines.size() > 1);
    CHECK(lines[0].rfind("Hint: ", 0) == 0);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CAPTURE(lines[i]);
      CHECK(lines[i].size() <= 30);
      if (i > 0) CHECK(lines[i].rfind("  ", 0) == 0);
    }
  }
  SUBCASE("without one") {
    REQUIRE(Mlflow().hint.empty());
    CHECK(FormatHint(Mlflow(), 80) == "No hint for this one.\n");
  }
}

TEST_CASE("FormatFeedback for a wrong select-all answer lists every involved option") {
  const Question& question = Mlflow();
  // A (right), B (wrong); C and E are missed; D is neither chosen nor in the key.
  const AnswerFeedback feedback =
      Grade(question, FileOrder(question), {0, 1}, Scoring::kAllOrNothing);
  REQUIRE_FALSE(feedback.correct);
  const std::string text = FormatFeedback(question, feedback, 100);
  const auto lines = Lines(text);
  const std::vector<std::string> expected = {
      "Not quite: the answer is A, C, E.",
      "  A (right): " + question.options[0].feedback,
      "  B (wrong): " + question.options[1].feedback,
      "  C (missed): " + question.options[2].feedback,
      "  E (missed)",  // no feedback of its own
      "Solution:",
      "  1. " + question.solution[0],
      "Common mistakes:",
      "  - " + question.mistakes[0],
      "  - " + question.mistakes[1],
  };
  CHECK(lines == expected);
  CHECK_FALSE(Contains(text, "  D "));
}

TEST_CASE("FormatFeedback for a right answer says so and lists no mistakes") {
  const Question& question = Mlflow();
  const AnswerFeedback feedback =
      Grade(question, FileOrder(question), {0, 2, 4}, Scoring::kAllOrNothing);
  REQUIRE(feedback.correct);
  const std::string text = FormatFeedback(question, feedback, 100);
  const auto lines = Lines(text);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0] == "Correct.");
  CHECK(LineIndex(lines, "  A (right): " + question.options[0].feedback) == 1);
  CHECK(LineIndex(lines, "  C (right): " + question.options[2].feedback) == 2);
  CHECK(LineIndex(lines, "  E (right)") == 3);
  CHECK(LineIndex(lines, "Solution:") == 4);
  CHECK_FALSE(Contains(text, "Common mistakes"));
  CHECK_FALSE(Contains(text, "missed"));
  CHECK_FALSE(Contains(text, "wrong"));
}

TEST_CASE("FormatFeedback letters follow the order the options were shown in") {
  const Question& question = Uri();             // the key is file option B
  const std::vector<int> order = {3, 2, 1, 0};  // shown C is file B; shown D is file A
  const AnswerFeedback feedback = Grade(question, order, {3}, Scoring::kAllOrNothing);
  const auto lines = Lines(FormatFeedback(question, feedback, 100));
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] == "Not quite: the answer is C.");
  CHECK(lines[1] == "  C (missed): " + question.options[1].feedback);
  CHECK(lines[2] == "  D (wrong): " + question.options[0].feedback);
  CHECK(LineIndex(lines, "Common mistakes:") > 2);
}

TEST_CASE("FormatFeedback shows partial credit as the rule computes it") {
  const Question& question = Mlflow();
  const double k = static_cast<double>(question.answers.size());  // 3 correct options
  SUBCASE("two right, one wrong") {
    const AnswerFeedback feedback =
        Grade(question, FileOrder(question), {0, 1, 2}, Scoring::kPartialCredit);
    const std::string credit = Fixed2((2 - 1) / k);  // "0.33"
    const auto lines = Lines(FormatFeedback(question, feedback, 100));
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0] == "Partly right (" + credit + " of 1): the answer is A, C, E.");
    CHECK(LineIndex(lines, "Common mistakes:") > 0);  // partly right is not right
  }
  SUBCASE("two right, none wrong") {
    const AnswerFeedback feedback =
        Grade(question, FileOrder(question), {0, 2}, Scoring::kPartialCredit);
    const std::string credit = Fixed2(2 / k);  // "0.67"
    CHECK(Lines(FormatFeedback(question, feedback, 100)).at(0) ==
          "Partly right (" + credit + " of 1): the answer is A, C, E.");
  }
  SUBCASE("as many wrong as right earns nothing") {
    const AnswerFeedback feedback =
        Grade(question, FileOrder(question), {0, 1}, Scoring::kPartialCredit);
    CHECK(Lines(FormatFeedback(question, feedback, 100)).at(0) ==
          "Not quite: the answer is A, C, E.");
  }
}

TEST_CASE("FormatFeedback shows the points in confidence mode") {
  const Question& question = Uri();
  SUBCASE("right and certain") {
    const AnswerFeedback feedback =
        Grade(question, FileOrder(question), {1}, Scoring::kAllOrNothing, 3);
    CHECK(Lines(FormatFeedback(question, feedback, 100)).at(0) == "Correct. (+3 points)");
  }
  SUBCASE("wrong and fairly sure") {
    const AnswerFeedback feedback =
        Grade(question, FileOrder(question), {0}, Scoring::kAllOrNothing, 2);
    CHECK(Lines(FormatFeedback(question, feedback, 100)).at(0) ==
          "Not quite: the answer is B. (-2 points)");
  }
  SUBCASE("wrong and unsure costs nothing") {
    const AnswerFeedback feedback =
        Grade(question, FileOrder(question), {0}, Scoring::kAllOrNothing, 1);
    CHECK(Lines(FormatFeedback(question, feedback, 100)).at(0) ==
          "Not quite: the answer is B. (+0 points)");
  }
  SUBCASE("no points outside confidence mode") {
    const AnswerFeedback feedback =
        Grade(question, FileOrder(question), {1}, Scoring::kAllOrNothing);
    CHECK_FALSE(Contains(FormatFeedback(question, feedback, 100), "points"));
  }
}

TEST_CASE("FeedbackVerdict is FormatFeedback's first line, unwrapped, for the window") {
  const Question& question = Mlflow();
  const AnswerFeedback feedback =
      Grade(question, FileOrder(question), {0, 1}, Scoring::kAllOrNothing, 2);
  const std::string verdict = FeedbackVerdict(feedback);
  CHECK(verdict == "Not quite: the answer is A, C, E. (-2 points)");
  CHECK(Lines(FormatFeedback(question, feedback, 100)).at(0) == verdict);
}

TEST_CASE("OptionVerdictTag names each involved option's verdict as the window tags it") {
  const Question& question = Mlflow();
  const AnswerFeedback feedback =
      Grade(question, FileOrder(question), {0, 1}, Scoring::kAllOrNothing);
  REQUIRE(feedback.involved.size() == 4);  // A right, B wrong, C and E missed
  CHECK(std::string(OptionVerdictTag(feedback.involved[0])) == "\xE2\x9C\x93 your pick: right");
  CHECK(std::string(OptionVerdictTag(feedback.involved[1])) == "\xE2\x9C\x97 your pick: wrong");
  CHECK(std::string(OptionVerdictTag(feedback.involved[2])) == "missed: right answer");
  CHECK(std::string(PickedOptionTag()) == "your pick");
}

TEST_CASE("OutcomeFeedback and OutcomeVerdict review an answered or unanswered question") {
  const Question& question = Mlflow();
  const SessionQuestion shown{&question, "text", {4, 3, 2, 1, 0}, {0, 2, 4}};
  SUBCASE("answered: the answer's own feedback and verdict") {
    QuestionOutcome outcome;
    outcome.question = &shown;
    outcome.answer = Grade(question, shown.order, {0}, Scoring::kAllOrNothing);
    CHECK(OutcomeFeedback(outcome).chosen == std::vector<int>{0});
    CHECK(OutcomeVerdict(outcome) == FeedbackVerdict(*outcome.answer));
  }
  SUBCASE("unanswered: nothing chosen, the key missed with each option's feedback") {
    QuestionOutcome outcome;
    outcome.question = &shown;
    const AnswerFeedback feedback = OutcomeFeedback(outcome);
    CHECK_FALSE(feedback.correct);
    CHECK(feedback.chosen.empty());
    CHECK(feedback.answers == shown.answers);
    REQUIRE(feedback.involved.size() == 3);
    CHECK(feedback.involved[1].shown == 2);
    CHECK_FALSE(feedback.involved[1].chosen);
    CHECK(feedback.involved[1].feedback == "Where live traffic is served.");  // Production
    CHECK(OutcomeVerdict(outcome) == "Unanswered: the answer is A, C, E.");
    outcome.late = true;
    CHECK(OutcomeVerdict(outcome) ==
          "Unanswered (the answer came after the time was up): the answer is A, C, E.");
  }
}

TEST_CASE("FormatNextReview says today, tomorrow or in how many days") {
  constexpr UnixTime kNow = 1'767'258'000;
  constexpr UnixTime kDay = 86'400;
  CHECK(FormatNextReview({kNow, 0}, kNow) == "Back for review today.\n");
  CHECK(FormatNextReview({kNow - 3 * kDay, 1}, kNow) == "Back for review today.\n");  // overdue
  CHECK(FormatNextReview({kNow + kDay, 1}, kNow) == "Back for review tomorrow.\n");
  CHECK(FormatNextReview({kNow + 6 * kDay, 6}, kNow) == "Back for review in 6 days.\n");
  CHECK(FormatNextReview({kNow + 15 * kDay, 15}, kNow) == "Back for review in 15 days.\n");
  // A few minutes off a whole day is still that day.
  CHECK(FormatNextReview({kNow + kDay - 300, 1}, kNow) == "Back for review tomorrow.\n");
  CHECK(FormatNextReview({kNow + 6 * kDay + 300, 6}, kNow) == "Back for review in 6 days.\n");
}

TEST_CASE("FormatClock shows minutes and seconds, rounded up, never below zero") {
  CHECK(FormatClock(245) == "4:05");
  CHECK(FormatClock(0.2) == "0:01");
  CHECK(FormatClock(59.5) == "1:00");
  CHECK(FormatClock(60) == "1:00");
  CHECK(FormatClock(3600) == "60:00");
  CHECK(FormatClock(0) == "0:00");
  CHECK(FormatClock(-5) == "0:00");
}

TEST_CASE("FormatScore writes a score as people do") {
  CHECK(FormatScore(2) == "2");
  CHECK(FormatScore(0) == "0");
  CHECK(FormatScore(1.5) == "1.5");
  CHECK(FormatScore(2.0 / 3) == Fixed2(2.0 / 3));
  CHECK(FormatScore(2.0 / 3) == "0.67");
  CHECK(FormatScore(1.0 / 3 + 2) == "2.33");
  CHECK(FormatScore(2.999) == "3");
}

using testing::FakeClock;

// Three questions over two topics and three levels.
std::vector<Quiz> ExamBank() {
  QuizLoad load = ParseQuiz(R"({"format": 1, "id": "exam", "title": "T", "topic": "Stages",
    "questions": [
      {"id": "start", "level": "easy", "prompt": "Where do new versions start?",
       "options": ["None", "Staging", "Production"], "answer": "A",
       "solution": ["Every version is registered in None."]},
      {"id": "mlflow", "level": "medium", "prompt": "Which stages are MLflow's?",
       "options": ["Staging", "QA", "Production", "Archived"], "answer": ["A", "C", "D"]},
      {"id": "alias", "level": "hard", "topic": "Aliases", "prompt": "What does @champion name?",
       "options": ["One version", "A stage", "Every version"], "answer": "A"}
    ]})",
                            "inline.json");
  REQUIRE_MESSAGE(load.clean(), (load.problems.empty() ? "" : load.problems[0].ToString()));
  return {*load.quiz};
}

// The numbers of the breakdown lines between `title` and the next line that does not start with
// two spaces: the sum of the scores, of the questions and of the unanswered.
struct Breakdown {
  double score = 0;
  int questions = 0;
  int unanswered = 0;
  int lines = 0;
};

Breakdown SumBreakdown(const std::vector<std::string>& lines, std::string_view title) {
  Breakdown sum;
  const int start = LineIndex(lines, title);
  REQUIRE(start >= 0);
  for (std::size_t i = static_cast<std::size_t>(start) + 1;
       i < lines.size() && lines[i].rfind("  ", 0) == 0; ++i) {
    const std::string& line = lines[i];
    CAPTURE(line);
    const auto colon = line.rfind(": ");
    REQUIRE(colon != std::string::npos);
    double score = 0;
    int questions = 0, unanswered = 0;
    const int read = std::sscanf(line.c_str() + colon + 2, "%lf/%d (%d unanswered)", &score,
                                 &questions, &unanswered);
    REQUIRE(read >= 2);
    sum.score += score;
    sum.questions += questions;
    sum.unanswered += unanswered;
    ++sum.lines;
  }
  return sum;
}

TEST_CASE("FormatRunResult reviews an exam whose time ran out, with the score last") {
  FakeClock clock;
  RunSettings settings;
  settings.kind = RunKind::kExam;
  settings.exam_minutes = 1;
  settings.selection.count = 3;
  settings.selection.seed = 11;
  auto started = PracticeRun::Start(ExamBank(), settings, nullptr, clock.Clock());
  REQUIRE_MESSAGE(started.ok(), started.status().message());
  PracticeRun run = std::move(*started);
  REQUIRE(run.count() == 3);

  // The first question answered right in time; the second too late; the third never reached.
  clock.Advance(20);
  const std::vector<int> first_key = run.current().answers;
  auto in_time = run.Submit(first_key);
  REQUIRE(in_time.ok());
  REQUIRE(in_time->accepted);
  clock.Advance(45);
  auto late = run.Submit(run.current().answers);
  REQUIRE(late.ok());
  REQUIRE_FALSE(late->accepted);
  REQUIRE(run.finished());

  const RunResult result = run.Result();
  REQUIRE(result.questions.size() == 3);
  const std::string text = FormatRunResult(result, 200);
  const auto lines = Lines(text);
  INFO(text);

  // The review: every question in the order asked, what was given and the key.
  const int review = LineIndex(lines, "Review");
  REQUIRE(review >= 0);
  const char* expected_given[] = {
      "Your answer: ", "Unanswered: your answer came after the time was up.", "Unanswered."};
  int at = review;
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    const SessionQuestion& shown = *result.questions[i].question;
    const Question& question = *shown.source;
    const std::string heading = std::to_string(i + 1) + ". [" + LevelName(question.level) + " - " +
                                question.topic + "] " + question.prompt;
    at = LineIndex(lines, heading, at + 1);
    REQUIRE(at > review);
    // The options as lettered in the exam, so that the letters mean something.
    const std::size_t options = shown.order.size();
    for (std::size_t o = 0; o < options; ++o) {
      CHECK(lines.at(static_cast<std::size_t>(at) + 1 + o) ==
            "   " + OptionLetter(static_cast<int>(o)) + ". " +
                shown.Option(static_cast<int>(o)).text);
    }
    const std::string& given = lines.at(static_cast<std::size_t>(at) + 1 + options);
    const std::string key = "The answer: " + LetterList(shown.answers) + ".";
    if (i == 0) {
      CHECK(given == "   Your answer: " + LetterList(first_key) + " (right). " + key);
    } else {
      CHECK(given == "   " + std::string(expected_given[i]) + " " + key);
    }
    // The solution steps, numbered, under the answer.
    for (std::size_t s = 0; s < question.solution.size(); ++s) {
      CHECK(lines.at(static_cast<std::size_t>(at) + 2 + options + s) ==
            "     " + std::to_string(s + 1) + ". " + question.solution[s]);
    }
  }

  // The score line is last, and the breakdowns add up to it, the unanswered counted.
  REQUIRE_FALSE(lines.empty());
  const std::string& score_line = lines.back();
  double score = -1;
  int total = -1, percent = -1;
  REQUIRE(std::sscanf(score_line.c_str(), "Score: %lf/%d (%d%%)", &score, &total, &percent) == 3);
  CHECK(score_line == "Score: 1/3 (33%)");  // one right of three, rounded down
  for (const char* title : {"By topic:", "By level:"}) {
    CAPTURE(title);
    const Breakdown sum = SumBreakdown(lines, title);
    CHECK(sum.score == doctest::Approx(score));
    CHECK(sum.questions == total);
    CHECK(sum.unanswered == 2);
  }
  CHECK(SumBreakdown(lines, "By topic:").lines == 2);  // Stages, Aliases
  CHECK(SumBreakdown(lines, "By level:").lines == 3);  // easy, medium, hard
  CHECK(LineIndex(lines, "Time used: 1:00 of 1:00 (the time ran out)") >= 0);
  CHECK(LineIndex(lines, "2 questions unanswered.") >= 0);
  CHECK_FALSE(Contains(text, "Certainty-based"));
}

TEST_CASE("FormatRunResult for a practice run has no review and no time") {
  FakeClock clock;
  RunSettings settings;
  settings.kind = RunKind::kPractice;
  settings.selection.count = 3;
  settings.selection.confidence = true;
  auto started = PracticeRun::Start(ExamBank(), settings, nullptr, clock.Clock());
  REQUIRE(started.ok());
  PracticeRun run = std::move(*started);
  REQUIRE(run.Submit(run.current().answers, 3).ok());  // +3
  REQUIRE(run.Next().ok());
  run.Finish();
  const std::string text = FormatRunResult(run.Result(), 80);
  const auto lines = Lines(text);
  INFO(text);
  CHECK(LineIndex(lines, "Review") == -1);
  CHECK(LineStarting(lines, "Time used") == -1);
  CHECK(LineIndex(lines, "Certainty-based score: 3 of 9") >= 0);
  CHECK(LineIndex(lines, "2 questions unanswered.") >= 0);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.back() == "Score: 1/3 (33%)");
}

TEST_CASE("With partial credit the breakdown's shown scores add up to the score line's") {
  // Three select-all questions on three topics, each answered with two of its three right
  // options: 2/3 each, 2 in all. Rounded one by one, 0.67 three times would read as 2.01.
  QuizLoad load = ParseQuiz(R"({"format": 1, "id": "thirds", "title": "T", "topic": "One",
    "questions": [
      {"id": "a", "level": "easy", "prompt": "A?", "options": ["1", "2", "3", "4"],
       "answer": ["A", "B", "C"]},
      {"id": "b", "level": "easy", "topic": "Two", "prompt": "B?", "options": ["1", "2", "3", "4"],
       "answer": ["A", "B", "C"]},
      {"id": "c", "level": "easy", "topic": "Three", "prompt": "C?",
       "options": ["1", "2", "3", "4"], "answer": ["A", "B", "C"]}]})", "thirds.json");
  REQUIRE(load.clean());
  FakeClock clock;
  RunSettings settings;
  settings.kind = RunKind::kExam;
  settings.exam_minutes = 5;
  settings.selection.count = 3;
  settings.selection.scoring = Scoring::kPartialCredit;
  auto started = PracticeRun::Start({*load.quiz}, settings, nullptr, clock.Clock());
  REQUIRE(started.ok());
  PracticeRun run = std::move(*started);
  while (!run.finished()) {
    std::vector<int> two = run.current().answers;
    two.pop_back();
    REQUIRE(run.Submit(two).ok());
  }
  const std::string text = FormatRunResult(run.Result(), 100);
  const auto lines = Lines(text);
  INFO(text);
  CHECK(lines.back() == "Score: 2/3 (66%)");
  const Breakdown topics = SumBreakdown(lines, "By topic:");
  CHECK(topics.lines == 3);
  CHECK(topics.score == doctest::Approx(2.0));
  CHECK(SumBreakdown(lines, "By level:").score == doctest::Approx(2.0));
  // The review says the answer was partly right, not wrong, and shows what was missed.
  CHECK(Contains(text, " (partly right: 0.67 of 1). The answer: "));
  CHECK(Contains(text, "(missed)"));
  CHECK_FALSE(Contains(text, "(wrong). The answer"));
}

TEST_CASE("ShownSliceScores rounds by the largest remainder so the slices add up") {
  auto tally = [](double score) {
    Tally t;
    t.questions = 1;
    t.answered = 1;
    t.score = score;
    return t;
  };
  CHECK(ShownSliceScores({tally(1.0 / 3), tally(1.0 / 3), tally(1.0 / 3)}) ==
        std::vector<std::string>{"0.34", "0.33", "0.33"});
  CHECK(ShownSliceScores({tally(2), tally(0.5), tally(0)}) ==
        std::vector<std::string>{"2", "0.5", "0"});
  CHECK(ShownSliceScores({tally(2.0 / 3), tally(2.0 / 3), tally(2.0 / 3)}) ==
        std::vector<std::string>{"0.67", "0.67", "0.66"});
  CHECK(ShownSliceScores({}).empty());
}

}  // namespace
}  // namespace stagecraft::core
