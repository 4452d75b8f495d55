// lesson_text.cpp: a lesson as the terminal shows it (walkthrough, blocks, callouts,
// questions). Helpers: lesson_test_files.h.

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

using Kind = LessonBlock::Kind;

TEST_CASE("FormatWalkthrough shows the flow, the table from the engine and the tracker") {
  const Lesson lesson = Clean(kWalkthrough);
  const std::string text = FormatWalkthrough(lesson.Walkthrough()->steps);
  CHECK(Contains(text, "Process flow\n  1. Register the model\n  2. Create version 1\n"));
  CHECK(Contains(text, "refused: model 'fraud' has no version 9"));
  CHECK(Contains(text, "  step 3  Staging\n"));
  CHECK(Contains(text, "  step 6  Production @champion\n"));
  SUBCASE("as a table when the terminal is wide enough") {
    const std::string wide = FormatWalkthrough(lesson.Walkthrough()->steps, 200);
    CHECK(Contains(wide, "  Step  Command  "));
    CHECK(Contains(wide, "  4     models transition-stage --model-name fraud --version 9 --stage Production  fraud v9"));
  }
  SUBCASE("as a list of steps when it is not") {
    CHECK_FALSE(Contains(text, "  Step  Command  "));
    CHECK(Contains(text, "  4   models transition-stage --model-name fraud --version 9 --stage Production\n"
                         "      fraud v9: refused: model 'fraud' has no version 9\n"));
    // A command longer than the width wraps under itself.
    const std::string narrow = FormatWalkthrough(lesson.Walkthrough()->steps, 60);
    CHECK(Contains(narrow, "  4   models transition-stage --model-name fraud --version 9\n"
                           "        --stage Production\n"));
    CHECK(Contains(text, "      fraud v1 in Staging: ok\n"));
  }
}

TEST_CASE("FormatBlock keeps at least 20 columns however deep the nesting") {
  std::string body = "# Why\n\n";
  for (int i = 0; i < 9; ++i) body += std::string(static_cast<std::size_t>(i) * 11, ' ') + "999999999. x\n";
  body += std::string(99, ' ') + "***\n";
  const Lesson lesson = Clean(body);
  for (int width : {80, 10, 0, -50}) {
    CAPTURE(width);
    CHECK_NOTHROW((void)FormatBlock(Blocks(lesson, LessonModeKind::kWhy).at(0), width));
  }
}

TEST_CASE("FormatBlock wraps paragraphs and shows callouts, code and questions") {
  const Lesson lesson = Clean(R"(# Why

One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen.

> **Predict:** What happens?
>
> **Reveal:** It moves.

```quiz
{"id": "a", "level": "easy", "prompt": "Where?", "options": ["None", "Staging"], "answer": "B",
 "solution": ["It was moved."]}
```
)");
  const auto& blocks = Blocks(lesson, LessonModeKind::kWhy);
  CHECK(FormatBlock(blocks[0], 40) ==
        "One two three four five six seven eight\nnine ten eleven twelve thirteen fourteen\nfifteen.\n");
  CHECK(FormatBlock(blocks[1], 80, false) == "Predict: What happens?\n");
  CHECK(FormatBlock(blocks[1], 80, true) == "Predict: What happens?\n\nReveal: It moves.\n");
  const std::string question = FormatBlock(blocks[2], 80, true);
  CHECK(Contains(question, "Question: Where?\n  A. None\n  B. Staging\nAnswer: B\n  1. It was moved.\n"));
  CHECK_FALSE(Contains(FormatBlock(blocks[2], 80, false), "Answer"));
}

}  // namespace
}  // namespace stagecraft::core
