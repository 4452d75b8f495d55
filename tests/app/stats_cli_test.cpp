// `stagecraft stats` with the readiness figures: the topic × level table, calibration, score
// history and the 7-day forecast at 80 columns, and `stats --json`.

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "piped_run.h"

namespace {

using stagecraft::testing::RunPiped;
using stagecraft::testing::TempDir;

// One question per level, all of topic Stages.
const char* kQuiz = R"({
  "format": 1, "id": "pipe", "title": "Pipe", "topic": "Stages",
  "questions": [
    {"id": "one", "level": "easy", "prompt": "Where do new versions start?",
     "options": ["None", "Staging", "Production", "Archived"], "answer": "A"},
    {"id": "two", "level": "medium", "prompt": "Which stages are MLflow's?",
     "options": ["Staging", "QA", "Production", "Canary"], "answer": ["A", "C"]},
    {"id": "three", "level": "hard", "prompt": "What does models:/m/Production resolve to?",
     "options": ["The highest version in Production", "The latest moved", "The oldest"],
     "answer": "A"}
  ]
})";

// A topic longer than the table's column.
const char* kLongTopic = R"({
  "format": 1, "id": "long", "title": "Long", "topic": "A topic name far longer than its column",
  "questions": [
    {"id": "q", "level": "medium", "prompt": "P?", "options": ["X", "Y"], "answer": "A"}
  ]
})";

struct Folder {
  TempDir dir{"stagecraft-stats"};
  std::string env;
  Folder() {
    dir.Write("quizzes/pipe.json", kQuiz);
    dir.Write("quizzes/long.json", kLongTopic);
    std::filesystem::create_directories(dir.path / "lessons");
    env = "COLUMNS=80 STAGECRAFT_QUIZZES='" + (dir.path / "quizzes").string() +
          "' STAGECRAFT_LESSONS='" + (dir.path / "lessons").string() + "'";
  }
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void CheckWithin80(const std::string& out) {
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    CHECK_MESSAGE(end - start <= 80, out.substr(start, end - start));
    start = end + 1;
  }
}

TEST_CASE("stats without progress shows the table of the content, and no figures made up") {
  Folder folder;
  const auto stats = RunPiped("stats", "", folder.dir.path, folder.env);
  CHECK(stats.exit_code == 0);
  CHECK(Contains(stats.out, "Answers: 0, correct 0 (-) in 0 session(s); streak: 0 day(s)\n"));
  // Per level: % right (or "-") and answered/questions; "-" alone for a level without questions.
  CHECK(Contains(stats.out,
                 "\n  topic                              easy         medium           hard   due\n"
                 "  A topic name far lon...               -    -       0/1              -     0\n"
                 "  Stages                      -       0/1    -       0/1    -       0/1     0\n"
                 "  all topics                  -       0/1    -       0/2    -       0/1     0\n"));
  CHECK(Contains(stats.out, "(no answers with a confidence yet: stagecraft quiz --confidence)"));
  CHECK(Contains(stats.out,
                 "\nScore history (% of the questions asked, oldest first):\n"
                 "  (no sessions yet)\n"));
  CHECK(Contains(stats.out, "  today 0, "));
  CHECK(Contains(stats.out, ", later 0\n"));
  CheckWithin80(stats.out);
}

TEST_CASE("stats after a confidence quiz: the table, calibration, history and forecast") {
  Folder folder;
  const auto quiz = RunPiped("quiz pipe --count 3 --seed 7 --confidence", "A\n3\nA\n3\nA\n3\n",
                             folder.dir.path, folder.env);
  REQUIRE(quiz.exit_code == 0);
  const auto stats = RunPiped("stats", "", folder.dir.path, folder.env);
  CHECK(stats.exit_code == 0);
  // Kept from before: the totals line and the recent answers.
  CHECK(Contains(stats.out, "Answers: 3, correct "));
  CHECK(Contains(stats.out, "\nRecent answers:\n"));
  // Each level of Stages: one question, answered once; nothing due before tomorrow.
  const std::regex stages(R"(\n  Stages +(\d+%) +1/1 +(\d+%) +1/1 +(\d+%) +1/1 +0\n)");
  CHECK_MESSAGE(std::regex_search(stats.out, stages), stats.out);
  CHECK(Contains(stats.out, "  1 guessing <67%:        0 answers\n"
                            "  2 fairly sure 67-80%:   0 answers\n"
                            "  3 certain >80%:         3 answers, "));
  CHECK(Contains(stats.out, "): too few to tell\n"));  // 3 answers never give a verdict
  const std::regex history(R"(\n  pipe: \d+%\n)");
  CHECK_MESSAGE(std::regex_search(stats.out, history), stats.out);
  // Every first answer comes back tomorrow.
  const std::regex forecast(R"(\n  today 0, [A-Z][a-z][a-z] 3, )");
  CHECK_MESSAGE(std::regex_search(stats.out, forecast), stats.out);
  CheckWithin80(stats.out);
}

TEST_CASE("stats --json prints every figure as JSON") {
  Folder folder;
  REQUIRE(RunPiped("quiz pipe --count 3 --seed 7 --confidence", "A\n3\nA\n3\nA\n3\n",
                   folder.dir.path, folder.env)
              .exit_code == 0);
  const auto stats = RunPiped("stats --json", "", folder.dir.path, folder.env);
  CHECK(stats.exit_code == 0);
  const auto json = nlohmann::json::parse(stats.out);  // nothing but the JSON on stdout
  CHECK(json["totals"]["attempts"] == 3);
  CHECK(json["totals"]["sessions"] == 1);
  REQUIRE(json["heatmap"].size() == 2);
  CHECK(json["heatmap"][1]["topic"] == "Stages");
  CHECK(json["heatmap"][1]["hard"]["answered"] == 1);
  CHECK(json["heatmap"][0]["easy"]["questions"] == 0);
  CHECK(json["heatmap"][0]["easy"]["accuracy"].is_null());
  CHECK(json["calibration"][2]["answers"] == 3);
  CHECK(json["calibration"][2]["expected_low"] == 0.8);
  CHECK(json["calibration"][0]["verdict"] == "no answers");
  REQUIRE(json["history"].size() == 2);
  CHECK(json["history"][1]["id"] == "pipe");
  CHECK(json["history"][1]["sessions"][0]["asked"] == 3);
  CHECK(json["forecast"][0]["due"] == 0);
  CHECK(json["forecast"][1]["due"] == 3);
  CHECK(json["recent"].size() == 3);
}

}  // namespace
