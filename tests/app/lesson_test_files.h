#pragma once
// Helpers for the lesson tests (lesson_parser_test.cpp, lesson_engine_check_test.cpp,
// lesson_text_test.cpp, content_validation_test.cpp): problem checks, lessons written inline
// (kHead is lines 1-6, so a lesson's body starts at line 7) and a walkthrough.

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "problem_listing.h"
#include "core/lesson_loader.h"

namespace stagecraft::core::lesson_test {

inline bool HasProblem(const std::vector<QuizProblem>& problems, int line,
                       std::string_view where, std::string_view message) {
  for (const auto& p : problems) {
    if (p.line == line && p.path == where && testing::Contains(p.message, message)) return true;
  }
  return false;
}

#define CHECK_PROBLEM(problems, line, where, message)                                        \
  CHECK_MESSAGE(HasProblem(problems, line, where, message),                                  \
                "expected " << line << ": " << where << ": ..." << message << "... in:\n" \
                            << Listing(problems))

#define CHECK_ONLY_PROBLEM(problems, line, where, message)    \
  do {                                                        \
    CHECK_MESSAGE((problems).size() == 1, Listing(problems)); \
    CHECK_PROBLEM(problems, line, where, message);            \
  } while (false)

inline constexpr std::string_view kHead = R"(---
id: demo
title: Demo
topic: Model stages
---

)";

inline std::string WithBody(std::string_view body) {
  return std::string(kHead) + std::string(body);
}

inline LessonLoad Parse(std::string_view body) { return ParseLesson(WithBody(body), "x.md"); }

// Parses a lesson that must load without problems.
inline Lesson Clean(std::string_view body) {
  LessonLoad load = Parse(body);
  INFO(testing::Listing(load.problems));
  REQUIRE(load.clean());
  return std::move(*load.lesson);
}

inline const std::vector<LessonBlock>& Blocks(const Lesson& lesson, LessonModeKind kind) {
  const LessonMode* mode = lesson.Mode(kind);
  REQUIRE(mode != nullptr);
  return mode->blocks;
}

inline constexpr std::string_view kWalkthrough = R"(# Step by step

```walkthrough
# Register the model
# A name, no versions yet.
models create fraud
# Create version 1
models create-version --model-name fraud --source runs:/a/model
# Stage it
models transition-stage --model-name fraud --version 1 --stage Staging
# Break a rule
# expect: refused
models transition-stage --model-name fraud --version 9 --stage Production
# Ship it
models transition-stage --model-name fraud --version 1 --stage Production
# Name the champion
models set-alias --model-name fraud --alias champion --version 1
```
)";

}  // namespace stagecraft::core::lesson_test
