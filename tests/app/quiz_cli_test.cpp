// `stagecraft quiz` end to end, as a learner pipes answers into it.

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "piped_run.h"

namespace {

namespace fs = std::filesystem;

using Run = stagecraft::testing::PipedRun;
using stagecraft::testing::TempDir;

Run RunQuiz(const std::string& args, const std::string& input, const fs::path& dir,
            const std::string& env = "") {
  return stagecraft::testing::RunPiped(args, input, dir, env);
}

// A quiz whose correct option of each question is known by its text.
const char* kQuiz = R"({
  "format": 1, "id": "pipe", "title": "Pipe", "topic": "Stages",
  "questions": [
    {"id": "one", "level": "easy", "prompt": "Where do new versions start?",
     "options": ["None", "Staging", "Production", "Archived"], "answer": "A",
     "hint": "Before anything happens.", "solution": ["Registration puts it in None."]},
    {"id": "two", "level": "medium", "prompt": "Which stages are MLflow's?",
     "options": ["Staging", "QA", "Production", "Canary"], "answer": ["A", "C"],
     "mistakes": ["Thinking custom stages exist in MLflow"]},
    {"id": "three", "level": "hard", "prompt": "What does models:/m/Production resolve to?",
     "options": ["The highest version in Production", "The latest moved", "The oldest"],
     "answer": "A"}
  ]
})";

// The correct letters the quiz printed ("the answer is B, D") in order of the questions.
std::vector<std::string> CorrectLetters(const std::string& out) {
  std::vector<std::string> letters;
  std::regex pattern("the answer is ([A-F](, [A-F])*)\\.");
  for (std::sregex_iterator it(out.begin(), out.end(), pattern), end; it != end; ++it) {
    letters.push_back((*it)[1].str());
  }
  return letters;
}

}  // namespace

TEST_CASE("a piped quiz with every answer right ends with Score: 3/3 (100%)") {
  TempDir dir;
  std::ofstream(dir.path / "pipe.json") << kQuiz;
  const std::string args = "quiz '" + (dir.path / "pipe.json").string() + "' --count 3 --seed 7";
  // First pass: answer A to everything and learn the shuffled key from the feedback.
  Run first = RunQuiz(args, "A\nA\nA\n", dir.path);
  REQUIRE(first.exit_code == 0);
  const auto key = CorrectLetters(first.out);
  // Every question answered A that was wrong told us its key; those answered right need none.
  std::string answers;
  std::size_t k = 0;
  for (const char* marker : {"Question 1/3", "Question 2/3", "Question 3/3"}) {
    const auto start = first.out.find(marker);
    REQUIRE(start != std::string::npos);
    const auto next = first.out.find("Question ", start + 1);
    const std::string block = first.out.substr(start, next - start);
    if (block.find("Correct.") != std::string::npos) {
      answers += "A\n";
    } else {
      REQUIRE(k < key.size());
      answers += key[k++] + "\n";
    }
  }
  Run right = RunQuiz(args, answers, dir.path);
  CHECK(right.exit_code == 0);
  CHECK(right.out.find("Score: 3/3 (100%)\n") != std::string::npos);
  const auto last = right.out.rfind("Score: ");
  CHECK(right.out.substr(last) == "Score: 3/3 (100%)\n");  // the last line
}

TEST_CASE("a piped quiz that runs out of input counts the rest as unanswered") {
  TempDir dir;
  std::ofstream(dir.path / "pipe.json") << kQuiz;
  Run run = RunQuiz("quiz '" + (dir.path / "pipe.json").string() + "' --count 3 --seed 1", "",
                    dir.path);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("Question 1/3") != std::string::npos);
  CHECK(run.out.find("no more input") != std::string::npos);
  CHECK(run.out.find("Score: 0/3 (0%)") != std::string::npos);
}

TEST_CASE("a hint on ? and a re-ask on a letter that is not an option") {
  TempDir dir;
  std::ofstream(dir.path / "pipe.json") << kQuiz;
  Run run = RunQuiz("quiz '" + (dir.path / "pipe.json").string() + "' --count 1 --level easy",
                    "?\nZ\nA\n", dir.path);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("Hint: Before anything happens.") != std::string::npos);
  CHECK(run.out.find("Z is not an option") != std::string::npos);
  CHECK(run.out.find("Score: ") != std::string::npos);
}

TEST_CASE("the same seed gives the same questions in the same order") {
  TempDir dir;
  std::ofstream(dir.path / "pipe.json") << kQuiz;
  const std::string args = "quiz '" + (dir.path / "pipe.json").string() + "' --count 3 --seed 42";
  CHECK(RunQuiz(args, "A\nA\nA\n", dir.path).out == RunQuiz(args, "A\nA\nA\n", dir.path).out);
}

TEST_CASE("a quiz id that is neither a file nor in the bank exits 1 naming it") {
  TempDir dir;
  Run run = RunQuiz("quiz no-such-quiz", "", dir.path);
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("no-such-quiz") != std::string::npos);
}

TEST_CASE("importing an Aiken file writes a quiz file that validates") {
  TempDir dir;
  std::ofstream(dir.path / "stages.txt") << "Where do new versions start?\n"
                                            "A. None\n"
                                            "B. Staging\n"
                                            "C. Production\n"
                                            "ANSWER: A\n"
                                            "\n"
                                            "Which stage serves customers?\n"
                                            "A) Staging\n"
                                            "B) Production\n"
                                            "ANSWER: B\n";
  const std::string out = (dir.path / "stages.json").string();
  Run imported = RunQuiz("import --from aiken '" + (dir.path / "stages.txt").string() + "' -o '" +
                             out + "'",
                         "", dir.path);
  CHECK(imported.exit_code == 0);
  CHECK(imported.out.find("2 questions") != std::string::npos);
  Run validated = RunQuiz("validate '" + out + "'", "", dir.path);
  CHECK(validated.exit_code == 0);
  CHECK(validated.out.find("1 file, 2 questions") != std::string::npos);
}

TEST_CASE("an Aiken question without ANSWER exits 1 naming the file and line") {
  TempDir dir;
  const std::string file = (dir.path / "broken.txt").string();
  std::ofstream(file) << "Where do new versions start?\nA. None\nB. Staging\n";
  Run run = RunQuiz("import --from aiken '" + file + "'", "", dir.path);
  CHECK(run.exit_code == 1);
  CHECK(run.out.find(file + ":") != std::string::npos);
  CHECK(run.out.find("ANSWER") != std::string::npos);
}

TEST_CASE("exporting to GIFT prints the questions; Aiken refuses a select-all question by id") {
  TempDir dir;
  std::ofstream(dir.path / "pipe.json") << kQuiz;
  const std::string quiz = "'" + (dir.path / "pipe.json").string() + "'";
  Run gift = RunQuiz("export --to gift " + quiz, "", dir.path);
  CHECK(gift.exit_code == 0);
  CHECK(gift.out.find("Where do new versions start?") != std::string::npos);
  CHECK(gift.out.find("=None") != std::string::npos);
  Run aiken = RunQuiz("export --to aiken " + quiz, "", dir.path);
  CHECK(aiken.exit_code == 1);
  CHECK(aiken.out.find("two") != std::string::npos);  // the select-all question's id
}

TEST_CASE("answers are saved to the progress store: stats counts them, review waits for the schedule") {
  TempDir dir;
  std::ofstream(dir.path / "pipe.json") << kQuiz;
  const std::string quiz = "'" + (dir.path / "pipe.json").string() + "'";
  Run taken = RunQuiz("quiz " + quiz + " --count 2 --seed 5", "A\nA\n", dir.path);
  REQUIRE(taken.exit_code == 0);
  CHECK(fs::exists(dir.path / "data" / "stagecraft" / "progress.db"));
  Run stats = RunQuiz("stats", "", dir.path);
  CHECK(stats.exit_code == 0);
  CHECK(stats.out.find("Answers: 2,") != std::string::npos);
  CHECK(stats.out.find("1 session(s)") != std::string::npos);
  CHECK(stats.out.find("Stages:") != std::string::npos);
  // A missed question comes back after a day, not at once.
  Run review = RunQuiz("review " + quiz, "", dir.path);
  CHECK(review.exit_code == 0);
  CHECK(review.out.find("Nothing is due") != std::string::npos);
}

TEST_CASE("--no-record leaves no progress file") {
  TempDir dir;
  std::ofstream(dir.path / "pipe.json") << kQuiz;
  Run taken = RunQuiz("quiz '" + (dir.path / "pipe.json").string() + "' --count 1 --no-record",
                      "A\n", dir.path);
  CHECK(taken.exit_code == 0);
  CHECK_FALSE(fs::exists(dir.path / "data" / "stagecraft" / "progress.db"));
}

TEST_CASE("an exam shows the time left, gives no hint or feedback, and reviews every question") {
  TempDir dir;
  std::ofstream(dir.path / "pipe.json") << kQuiz;
  Run run = RunQuiz("quiz '" + (dir.path / "pipe.json").string() + "' --count 3 --seed 7 --exam 5",
                    "?\nA\nA\n", dir.path);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("Question 1/3  [") != std::string::npos);
  CHECK(run.out.find("time left 5:00") != std::string::npos);
  CHECK(run.out.find("no hints in an exam\n") != std::string::npos);
  const auto review = run.out.find("\nReview\n");
  REQUIRE(review != std::string::npos);
  // Nothing was graded aloud before the review.
  CHECK(run.out.substr(0, review).find("Correct.") == std::string::npos);
  CHECK(run.out.substr(0, review).find("Not quite") == std::string::npos);
  const std::string end = run.out.substr(review);
  CHECK(end.find("1. [") != std::string::npos);
  CHECK(end.find("3. [") != std::string::npos);
  CHECK(end.find("Unanswered. The answer: ") != std::string::npos);  // the input ran out
  CHECK(end.find("Time used: 0:0") != std::string::npos);
  CHECK(end.find(" of 5:00\n") != std::string::npos);
}

TEST_CASE("the breakdown counts unanswered questions, so it adds up to the score line") {
  TempDir dir;
  std::ofstream(dir.path / "pipe.json") << kQuiz;
  Run run = RunQuiz("quiz '" + (dir.path / "pipe.json").string() + "' --count 3 --seed 1",
                    "A\n", dir.path);
  CHECK(run.exit_code == 0);
  // One question answered, two left: every level appears with its question, answered or not.
  std::regex line("  (easy|medium|hard): ([0-9]+)/([0-9]+)");
  int total = 0;
  for (std::sregex_iterator it(run.out.begin(), run.out.end(), line), end; it != end; ++it) {
    total += std::stoi((*it)[3].str());
  }
  CHECK(total == 3);
  CHECK(run.out.find("2 questions unanswered.\n") != std::string::npos);
  CHECK(run.out.find("/3 (") != std::string::npos);
}

TEST_CASE("--scoring partial gives a select-all answer credit for each right letter") {
  TempDir dir;
  std::ofstream(dir.path / "pipe.json") << kQuiz;
  const std::string args = "quiz '" + (dir.path / "pipe.json").string() +
                           "' --count 3 --seed 7 --level medium --scoring partial";
  // The select-all question (MLflow's stages: Staging and Production of four) alone: find the
  // letter of "Staging" and answer with it only: 1 of 2 right, none wrong.
  Run first = RunQuiz(args, "", dir.path);
  std::smatch letter;
  REQUIRE(std::regex_search(first.out, letter, std::regex("  ([A-D])\\. Staging\n")));
  Run run = RunQuiz(args, letter[1].str() + "\n", dir.path);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("Partly right (0.5 of 1): the answer is ") != std::string::npos);
  CHECK(run.out.find("(missed)") != std::string::npos);
  CHECK(run.out.find("Score: 0.5/1 (50%)\n") != std::string::npos);
}

TEST_CASE("a quiz on a lesson's id asks its questions, and records them under the lesson") {
  TempDir dir;
  fs::create_directories(dir.path / "lessons");
  std::ofstream(dir.path / "lessons" / "mini.md") << R"(---
id: mini
title: Mini
topic: Stages
---

# Why

Text.

```quiz
{"id": "start", "level": "easy", "prompt": "Where do new versions start?",
 "options": ["None", "Staging"], "answer": "A"}
```
)";
  const std::string env = "STAGECRAFT_LESSONS='" + (dir.path / "lessons").string() + "'";
  Run run = RunQuiz("quiz mini --seed 3", "B\nA\n", dir.path, env);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("Where do new versions start?") != std::string::npos);
  CHECK(run.out.find("Score: ") != std::string::npos);
  Run stats = RunQuiz("stats", "", dir.path, env);
  CHECK(stats.out.find("mini/start (easy)") != std::string::npos);
  CHECK(stats.out.find("  mini (lesson): 1 of 1 questions answered") != std::string::npos);
  // The question is in the why mode: that is where to continue.
  CHECK(stats.out.find("Continue where you left off: stagecraft lesson mini --mode why\n") !=
        std::string::npos);
}

TEST_CASE("a quiz id wins over a folder of the same name in the current directory") {
  TempDir dir;
  // A folder named like a shipped quiz, holding a quiz of its own, where the learner stands.
  fs::create_directories(dir.path / "promotion-workflow");
  std::ofstream(dir.path / "promotion-workflow" / "pipe.json") << kQuiz;
  const std::string command = "cd '" + dir.path.string() + "' && env HOME='" + dir.path.string() +
                              "' XDG_DATA_HOME='" + (dir.path / "data").string() + "' '" +
                              STAGECRAFT_EXE +
                              "' quiz promotion-workflow --count 1 --seed 1 --no-record "
                              "</dev/null 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, got);
  CHECK(pclose(pipe) == 0);
  // The shipped quiz's topic, not the folder's pipe.json (topic Stages).
  CHECK(out.find("Promotion workflow") != std::string::npos);
  CHECK(out.find("- Stages]") == std::string::npos);
}

TEST_CASE("the terminal commands' usage lines name their arguments") {
  TempDir dir;
  Run wrong = RunQuiz("quiz --bogus", "", dir.path);
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.out.find("usage: stagecraft quiz [BANK] [flags]\n") != std::string::npos);
  CHECK(RunQuiz("lesson --help", "", dir.path).out.find("Usage: stagecraft lesson ID [flags]\n") !=
        std::string::npos);
  CHECK(RunQuiz("stats --help", "", dir.path).out.find("Usage: stagecraft stats [flags]\n") !=
        std::string::npos);
}
