#include "core/deep_link.h"

#include <doctest/doctest.h>

namespace stagecraft::core {
namespace {

TEST_CASE("deep link: each screen's form") {
  CHECK(ParseDeepLink("home")->kind == DeepLink::Kind::kHome);
  CHECK(ParseDeepLink("settings")->kind == DeepLink::Kind::kSettings);
  CHECK(ParseDeepLink("author")->kind == DeepLink::Kind::kAuthor);

  auto lesson = ParseDeepLink("lesson:rollback-and-aliases");
  REQUIRE(lesson.ok());
  CHECK(lesson->kind == DeepLink::Kind::kLesson);
  CHECK(lesson->id == "rollback-and-aliases");
  CHECK(lesson->mode.empty());

  auto mode = ParseDeepLink("lesson:rollback-and-aliases:deep-dive");
  REQUIRE(mode.ok());
  CHECK(mode->id == "rollback-and-aliases");
  CHECK(mode->mode == "deep-dive");

  auto walkthrough = ParseDeepLink("walkthrough:promoting-between-stages");
  REQUIRE(walkthrough.ok());
  CHECK(walkthrough->kind == DeepLink::Kind::kWalkthrough);
  CHECK(walkthrough->id == "promoting-between-stages");

  auto quiz = ParseDeepLink("quiz:stages-basics");
  REQUIRE(quiz.ok());
  CHECK(quiz->kind == DeepLink::Kind::kQuiz);
  CHECK(quiz->id == "stages-basics");

  auto sandbox = ParseDeepLink("sandbox");
  REQUIRE(sandbox.ok());
  CHECK(sandbox->kind == DeepLink::Kind::kSandbox);
}

TEST_CASE("deep link: challenges and challenge:ID") {
  auto list = ParseDeepLink("challenges");
  REQUIRE(list.ok());
  CHECK(list->kind == DeepLink::Kind::kChallenges);
  auto one = ParseDeepLink("challenge:four-eyes");
  REQUIRE(one.ok());
  CHECK(one->kind == DeepLink::Kind::kChallenge);
  CHECK(one->id == "four-eyes");
  CHECK_FALSE(ParseDeepLink("challenge:").ok());
}

TEST_CASE("deep link: malformed links say what is wrong and what is accepted") {
  auto unknown = ParseDeepLink("sandbox:x");  // the sandbox takes no id
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().code() == engine::ErrorCode::kInvalidArgument);
  CHECK(unknown.status().message() ==
        "--open 'sandbox:x': 'sandbox' is not a screen (expected home, settings, sandbox, author, "
        "challenges, lesson:ID[:MODE], walkthrough:ID, quiz:ID or challenge:ID)");

  CHECK(ParseDeepLink("lesson:").status().message().find("the id is missing") !=
        std::string::npos);
  CHECK(ParseDeepLink("quiz").status().message().find("not a screen") != std::string::npos);
  CHECK(ParseDeepLink("lesson:x:sideways").status().message().find(
            "'sideways' is not a learning mode") != std::string::npos);
  CHECK(ParseDeepLink("walkthrough:a:b").status().message().find("too many ':'") !=
        std::string::npos);
  CHECK_FALSE(ParseDeepLink("").ok());
}

}  // namespace
}  // namespace stagecraft::core
