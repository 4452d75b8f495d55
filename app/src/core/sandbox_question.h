#pragma once
// Trying a question in the sandbox: a question whose answer the registry checks (its `verify`
// block, quizzes/README.md) opens in a fresh sandbox already set up as the check sets it up, so
// the learner can run the options and see what the engine does. No ImGui.

#include <string>
#include <vector>

#include "core/lesson.h"
#include "core/quiz.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// How a question opens in the sandbox.
struct SandboxQuestion {
  // The seed (commands::ParseScript's format): the first `after_step` steps of the lesson's
  // walkthrough (those not marked refused; a refusal changes nothing to start from), then the
  // verify block's setup.
  std::string seed;
  // Where the sandbox came from (the question's id and prompt), the state it starts in (the
  // setup lines already run: the console starts empty) and what to try, shown over the console.
  std::string note;
  // The console's input to start with: the first option shown when the options are command lines
  // to try (a failing- or succeeding-options check); "" otherwise.
  std::string first_line;
};

// kFailedPrecondition when `question` has no verify block; kNotFound, naming the question, when
// it starts after a walkthrough step and `lesson` (the lesson holding it) is null or has no such
// step. `shown_order` is the order the learner saw the options in (SessionQuestion::order:
// shown_order[shown index] = index in question.options), so that the note's letters are theirs;
// file order when it is empty or does not fit the question (a lesson shows file order).
engine::Result<SandboxQuestion> SandboxQuestionOf(const Question& question, const Lesson* lesson,
                                                  const std::vector<int>& shown_order = {});

}  // namespace stagecraft::core
