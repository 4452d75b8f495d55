#pragma once
// The question widget: a question drawn the same way wherever the window asks or reviews one —
// the quiz question page, the exam review on the results page, a lesson's quiz blocks — and its
// lettered option rows, which a lesson's prediction choices use too. Prompts, options, feedback,
// solutions and mistakes are drawn with their `code` spans in the mono font. ImGui only: the
// wording (verdicts, tags) is core's, and keys stay with each screen.

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/grading.h"
#include "core/lesson.h"
#include "core/quiz.h"
#include "views/style.h"

namespace stagecraft::views {

// How an option row is marked: not at all, picked (before grading), by its verdict once graded,
// or kOther for an option a graded answer does not involve (its text muted).
enum class OptionMark { kNone, kPicked, kRight, kWrong, kMissed, kOther };

struct OptionLook {
  OptionMark mark = OptionMark::kNone;
  std::string tag;   // at the row's right edge: core::OptionVerdictTag's, core::PickedOptionTag's
  std::string note;  // under the text in italics: the option's feedback
};

// The look of an option picked (or not) before grading.
OptionLook PickedLook(bool picked);
// The look of option `shown` once `feedback` graded the answer: its verdict's mark, tag and
// feedback when the answer involves it, else kOther.
OptionLook GradedLook(const core::AnswerFeedback& feedback, int shown);

// One option as a row from the cursor to RightEdge(): its letter in a box, its text wrapped
// beside it, the tag at the right, the note under the text. The row is as tall as its text
// wraps to, measured by drawing it. True when clicked (only when `clickable`).
bool OptionRow(const ViewContext& ctx, int shown, const core::InlineText& text,
               const OptionLook& look, bool clickable);

// A question where the learner is with it.
struct QuestionState {
  const core::Question* question = nullptr;
  std::vector<int> order;   // order[shown] = index in question->options; empty: file order
  std::vector<int> picked;  // shown indexes picked, before grading
  const core::AnswerFeedback* feedback = nullptr;  // once graded
  std::string verdict;      // over the prompt once graded: core::FeedbackVerdict's (or
                            // core::OutcomeVerdict's in a review); "" for none
  std::string next_review;  // under the verdict: core::FormatNextReview's, or ""
  std::optional<std::string> hint;  // under the options once asked for ("" when it has none)
  bool clickable = false;   // the option rows pick when clicked
};

// The verdict and when the question comes back, the prompt (bold) and its code, the option rows
// (picked, or graded with every involved option's tag and feedback), the hint, and once graded
// the solution and, unless the answer was right, the common mistakes. Returns the shown index of
// an option clicked this frame.
std::optional<int> DrawQuestionWidget(const QuestionState& state, const ViewContext& ctx);

// "1-4 or A-D pick": the keys that pick one of `count` options (at most 6 have keys).
std::string PickKeys(std::size_t count);

}  // namespace stagecraft::views
