// content_validation.cpp: ValidateContent over quizzes and lessons, and the shipped lessons.
// Helpers: lesson_test_files.h.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "problem_listing.h"
#include "temp_dir.h"
#include "lesson_test_files.h"
#include "core/lesson_loader.h"
#include "core/lesson_text.h"

#ifndef STAGECRAFT_LESSONS_DIR
#error "STAGECRAFT_LESSONS_DIR must name the shipped lessons folder"
#endif
#ifndef STAGECRAFT_QUIZZES_DIR
#error "STAGECRAFT_QUIZZES_DIR must name the shipped quizzes folder"
#endif

namespace stagecraft::core {
namespace {

using testing::Contains;
using testing::Listing;
using testing::TempDir;
using namespace lesson_test;  // lesson_test_files.h

namespace fs = std::filesystem;


TEST_CASE("ValidateContent checks quizzes and lessons together, file by file") {
  TempDir dir;
  dir.Write("README.md", "# Not a lesson\n");
  dir.Write("a.md", WithBody("# Why\n\nx\n"));
  dir.Write("sub/b.md", std::string("---\nid: demo\ntitle: T\ntopic: P\n---\n# Why\n\ny\n"));
  dir.Write("bad.md", "no front matter\n");
  dir.Write("q.json", R"({"format": 1, "id": "q", "title": "T", "topic": "P", "questions": [
    {"id": "a", "level": "easy", "prompt": "P?", "options": ["x", "y"], "answer": "A"}]})");
  const ContentReport report = ValidateContent({dir.path.string()});
  CHECK(report.files == 4);
  CHECK(report.lessons == 2);
  CHECK(report.questions == 1);
  CHECK(report.problems.size() == 2);
  CHECK_PROBLEM(report.problems, 1, "", "a lesson starts with front matter");
  CHECK_PROBLEM(report.problems, 2, "id", "lesson id \"demo\" is already used by");

  SUBCASE("a lesson named directly, and a missing one") {
    const ContentReport direct = ValidateContent({(dir.path / "a.md").string(), (dir.path / "nope.md").string()});
    CHECK(direct.lessons == 1);
    CHECK_ONLY_PROBLEM(direct.problems, 1, "", "no such file or folder");
  }
  SUBCASE("a format's JSON Schema named directly is passed over, as in a folder") {
    const ContentReport schemas =
        ValidateContent({std::string(STAGECRAFT_QUIZZES_DIR) + "/quiz.schema.json"});
    CHECK(schemas.files == 0);
    CHECK(schemas.problems.empty());
  }
}

TEST_CASE("The shipped lessons validate with no problems, and each has all five modes") {
  const ContentReport report = ValidateContent({STAGECRAFT_LESSONS_DIR});
  INFO(Listing(report.problems));
  CHECK(report.problems.empty());
  CHECK(report.lessons >= 3);
  for (const auto& entry : fs::directory_iterator(STAGECRAFT_LESSONS_DIR)) {
    if (entry.path().extension() != ".md" || entry.path().filename() == "README.md") continue;
    const LessonLoad load = LoadLessonFile(entry.path().string());
    REQUIRE(load.lesson.has_value());
    CAPTURE(load.lesson->id);
    CHECK(load.lesson->modes.size() == kLessonModeCount);
    CHECK(load.lesson->Walkthrough() != nullptr);
    if (!load.lesson->quiz_id.empty()) {
      CHECK(fs::exists(fs::path(STAGECRAFT_QUIZZES_DIR) / (load.lesson->quiz_id + ".json")));
    }
  }
}

}  // namespace
}  // namespace stagecraft::core
