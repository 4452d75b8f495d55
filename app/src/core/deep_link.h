#pragma once
// Deep links: the screen `stagecraft gui --open LINK` opens the window on, for scripts, tests and
// a learner's shortcuts. The grammar:
//
//   home | settings | sandbox | author
//                                  sandbox: the sandbox (`gui --registry FILE` picks its registry)
//                                  author: the authoring screen, for instructors
//   lesson:LESSON-ID[:MODE]        MODE is a learning mode's id: why, commands, deep-dive, ...
//   walkthrough:LESSON-ID          the lesson's step-by-step walkthrough in the player
//   quiz:BANK-OR-LESSON-ID         a quiz on that bank (quiz id) or lesson's questions; the quiz's
//                                  level, count, seed and exam minutes come from other flags
//   challenges | challenge:ID      the challenges, or one of them opened on a fresh start
//
// Parsing checks the shape only; whether the id exists is the tutor's to say when it opens it.

#include <string>
#include <string_view>

#include "stagecraft/engine/status.h"

namespace stagecraft::core {

struct DeepLink {
  enum class Kind {
    kHome, kSettings, kLesson, kWalkthrough, kQuiz, kSandbox, kAuthor, kChallenges, kChallenge,
  };
  Kind kind = Kind::kHome;
  std::string id;    // the lesson, or the quiz bank or lesson, or the challenge
  std::string mode;  // kLesson: a mode id, or "" for the lesson's first mode
};

// kInvalidArgument, naming the link and the accepted forms, when `text` is not a link.
engine::Result<DeepLink> ParseDeepLink(std::string_view text);

}  // namespace stagecraft::core
