// lesson_engine_check.cpp: the checks run on the engine (console output, walkthrough
// expectations, quiz blocks' verify) and the status tracker. Helpers: lesson_test_files.h.

#include <doctest/doctest.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "problem_listing.h"
#include "lesson_test_files.h"
#include "core/lesson_loader.h"
#include "core/lesson_text.h"

namespace stagecraft::core {
namespace {

using testing::Contains;
using testing::Listing;
using namespace lesson_test;  // lesson_test_files.h

// A lesson with a walkthrough and a question about it.
std::string WithVisualQuiz(std::string_view answer, int after_step) {
  return std::string(kWalkthrough) + R"(
```quiz
{
  "id": "tracker",
  "level": "easy",
  "prompt": "Which stage is fraud v1 in after step N?",
  "options": ["None", "Staging", "Production", "Archived"],
  "answer": ")" + std::string(answer) + R"(",
  "verify": {"after-step": )" + std::to_string(after_step) +
         R"(, "check": "stage", "model": "fraud", "version": 1}
}
```
)";
}

TEST_CASE("CheckLessonOnEngine runs visual quizzes after the walkthrough's first steps") {
  SUBCASE("right answers pass, including after a refused step") {
    for (auto entry : {std::pair{"A", 2}, std::pair{"B", 3}, std::pair{"B", 4},
                       std::pair{"C", 5}}) {
      const char* answer = entry.first;  // no structured binding: CAPTURE captures `step`,
      const int step = entry.second;     // and clang 14 cannot capture a binding
      CAPTURE(step);
      const Lesson lesson = Clean(WithVisualQuiz(answer, step));
      const auto problems = CheckLessonOnEngine(lesson);
      CHECK_MESSAGE(problems.empty(), Listing(problems));
    }
  }
  SUBCASE("a wrong answer is reported at the verify block") {
    const Lesson lesson = Clean(WithVisualQuiz("C", 3));
    const auto problems = CheckLessonOnEngine(lesson);
    CHECK_ONLY_PROBLEM(problems, 33, "quiz[tracker].verify",
                       "the registry puts version 1 of 'fraud' in Staging, but the answer marks "
                       "\"Production\" (B says Staging)");
  }
  SUBCASE("a step that does not exist") {
    const auto load = Parse(WithVisualQuiz("C", 7));
    CHECK_ONLY_PROBLEM(load.problems, 33, "quiz[tracker].verify.after-step",
                       "step 7 does not exist; the walkthrough has 6 steps");
  }
  SUBCASE("no walkthrough") {
    const auto load = Parse(R"(# Why

```quiz
{"id": "a", "level": "easy", "prompt": "P?", "options": ["None", "Staging"], "answer": "A",
 "verify": {"after-step": 1, "check": "stage", "model": "m", "version": 1}}
```
)");
    CHECK_ONLY_PROBLEM(load.problems, 11, "quiz[a].verify.after-step", "has no walkthrough");
  }
}

TEST_CASE("CheckLessonOnEngine compares console output with what the engine prints") {
  const std::string good = R"(# Commands and configuration

```console
$ stagecraft models create fraud
Registered model 'fraud'.
$ stagecraft models create-version --model-name fraud --source runs:/a/model
Created version 1 of model 'fraud' in stage None.
```

Later blocks of the same mode continue on the same registry:

```console
$ stagecraft models transition-stage --model-name fraud --version 7 --stage Production
error: model 'fraud' has no version 7
```

# Deep dive

Each mode starts from an empty registry:

```console
$ stagecraft models create fraud   
Registered model 'fraud'.   

```
)";
  SUBCASE("matching output, trailing spaces and blank lines aside") {
    const auto problems = CheckLessonOnEngine(Clean(good));
    CHECK_MESSAGE(problems.empty(), Listing(problems));
  }
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  SUBCASE("a different line") {
    const auto problems = CheckLessonOnEngine(Clean(replaced("in stage None.", "in stage Staging.")));
    CHECK_ONLY_PROBLEM(problems, 12, "console",
                       "`models create-version --model-name fraud --source runs:/a/model` printed "
                       "\"Created version 1 of model 'fraud' in stage None.\" where the lesson "
                       "expects \"Created version 1 of model 'fraud' in stage Staging.\" (line 1 of "
                       "its output)");
  }
  SUBCASE("missing output") {
    const auto problems = CheckLessonOnEngine(Clean(replaced("Registered model 'fraud'.\n$", "$")));
    CHECK_ONLY_PROBLEM(problems, 10, "console", "printed more than the lesson expects: line 1 is");
  }
  SUBCASE("extra output") {
    const auto problems =
        CheckLessonOnEngine(Clean(replaced("no version 7\n", "no version 7\nand more\n")));
    CHECK_ONLY_PROBLEM(problems, 19, "console", "printed less than the lesson expects: line 2 should be \"and more\"");
  }
  SUBCASE("a refusal the lesson did not expect") {
    const auto problems =
        CheckLessonOnEngine(Clean(replaced("error: model 'fraud' has no version 7\n", "")));
    CHECK_ONLY_PROBLEM(problems, 19, "console", "printed more than the lesson expects: line 1 is \"error: model 'fraud' has no version 7\"");
  }
}

TEST_CASE("CheckLessonOnEngine holds walkthrough steps to their expectations") {
  SUBCASE("as written") {
    const auto problems = CheckLessonOnEngine(Clean(kWalkthrough));
    CHECK_MESSAGE(problems.empty(), Listing(problems));
  }
  SUBCASE("a refusal not marked") {
    std::string text(kWalkthrough);
    text.erase(text.find("# expect: refused\n"), 18);
    const auto problems = CheckLessonOnEngine(Clean(text));
    CHECK_ONLY_PROBLEM(problems, 18, "walkthrough step 4",
                       "was refused (model 'fraud' has no version 9); mark it");
  }
  SUBCASE("a step marked refused that succeeds") {
    std::string text(kWalkthrough);
    text.replace(text.find("# Ship it\n"), 10, "# Ship it\n# expect: refused\n");
    const auto problems = CheckLessonOnEngine(Clean(text));
    CHECK_ONLY_PROBLEM(problems, 22, "walkthrough step 5", "the registry accepted it");
  }
}

TEST_CASE("CheckLessonOnEngine reports lines that are no command, whatever is expected") {
  const auto problems = CheckLessonOnEngine(Clean(R"(# Commands and configuration

```console
$ stagecraft models frobnicate x
error: whatever the grammar says
```

# Step by step

```walkthrough
# Open a quote and never close it
# expect: refused
models create 'x
```
)"));
  CHECK(problems.size() == 2);
  CHECK_PROBLEM(problems, 10, "console", "`models frobnicate x` is not a Stagecraft registry command");
  CHECK_PROBLEM(problems, 19, "walkthrough step 1", "is not a Stagecraft registry command");
}

TEST_CASE("TrackStatus gives every version's stage and aliases after every step") {
  const Lesson lesson = Clean(kWalkthrough);
  auto run = RunWalkthrough(lesson.Walkthrough()->steps);
  REQUIRE(run.ok());
  const StatusTracker tracker = TrackStatus(*run);
  CHECK(tracker.versions == std::vector<std::string>{"fraud v1"});
  REQUIRE(tracker.cells.size() == 7);
  std::vector<std::string> column;
  for (const auto& row : tracker.cells) column.push_back(row.at(0));
  CHECK(column == std::vector<std::string>{"—", "—", "None", "Staging", "Staging", "Production",
                                           "Production @champion"});
}

}  // namespace
}  // namespace stagecraft::core
