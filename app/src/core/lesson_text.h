#pragma once
// Lessons as plain text for a terminal: wrapped paragraphs, lists, tables, code, callouts,
// questions, and a walkthrough's tables produced by running it on the engine.

#include <string>
#include <string_view>
#include <vector>

#include "core/lesson.h"
#include "core/lesson_loader.h"
#include "core/question_text.h"

namespace stagecraft::core {

// One block (and what it holds), for a terminal `width` characters wide: prose wraps at `width`
// (100 at most), tables may use it all. A callout prints its first part
// only when `with_reveal` is false; a quiz block prints its question, and also its answer and
// solution when `with_reveal` is true. A walkthrough runs on the engine (see FormatWalkthrough).
std::string FormatBlock(const LessonBlock& block, int width, bool with_reveal = true);

// A callout's second part ("Reveal: ..." / "Reality: ..."); "" when it has none.
std::string FormatReveal(const LessonBlock& callout, int width);

// A walkthrough as the step-by-step mode shows it: process flow, execution table (run on a fresh
// in-memory registry) and status tracker. An execution table wider than `width` is shown as a
// list, a step per entry. An engine failure is reported in the text.
std::string FormatWalkthrough(const std::vector<WalkthroughStep>& steps, int width = 80);

}  // namespace stagecraft::core
