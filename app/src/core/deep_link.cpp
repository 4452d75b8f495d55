#include "core/deep_link.h"

#include "core/lesson.h"

namespace stagecraft::core {

using engine::Result;
using engine::Status;

namespace {

Status Invalid(std::string_view text, const std::string& why) {
  return Status::InvalidArgument(
      "--open '" + std::string(text) + "': " + why +
      " (expected home, settings, sandbox, author, challenges, lesson:ID[:MODE], walkthrough:ID, "
      "quiz:ID or challenge:ID)");
}

}  // namespace

Result<DeepLink> ParseDeepLink(std::string_view text) {
  DeepLink link;
  if (text == "home") return link;
  if (text == "settings") {
    link.kind = DeepLink::Kind::kSettings;
    return link;
  }
  if (text == "sandbox") {
    link.kind = DeepLink::Kind::kSandbox;
    return link;
  }
  if (text == "author") {
    link.kind = DeepLink::Kind::kAuthor;
    return link;
  }
  if (text == "challenges") {
    link.kind = DeepLink::Kind::kChallenges;
    return link;
  }
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return Invalid(text, "not a screen");
  const std::string_view kind = text.substr(0, colon);
  std::string_view rest = text.substr(colon + 1);
  if (kind == "lesson") {
    link.kind = DeepLink::Kind::kLesson;
    if (const auto second = rest.find(':'); second != std::string_view::npos) {
      link.mode = std::string(rest.substr(second + 1));
      rest = rest.substr(0, second);
      if (!LessonModeFromId(link.mode)) {
        return Invalid(text, "'" + link.mode +
                                 "' is not a learning mode (why, commands, deep-dive, "
                                 "step-by-step, complexity)");
      }
    }
  } else if (kind == "walkthrough") {
    link.kind = DeepLink::Kind::kWalkthrough;
  } else if (kind == "quiz") {
    link.kind = DeepLink::Kind::kQuiz;
  } else if (kind == "challenge") {
    link.kind = DeepLink::Kind::kChallenge;
  } else {
    return Invalid(text, "'" + std::string(kind) + "' is not a screen");
  }
  if (rest.empty()) return Invalid(text, "the id is missing");
  if (rest.find(':') != std::string_view::npos) return Invalid(text, "too many ':'");
  link.id = std::string(rest);
  return link;
}

}  // namespace stagecraft::core
