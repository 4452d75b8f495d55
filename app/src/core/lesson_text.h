#pragma once
// Lessons as plain text for a terminal: wrapped paragraphs, lists, tables, code, callouts,
// questions, and a walkthrough's tables produced by running it on the engine.

#include <string>
#include <string_view>
#include <vector>

#include "core/lesson.h"
#include "core/lesson_loader.h"
#include "core/question_text.h"
#include "core/walkthrough_player.h"

namespace stagecraft::core {

// One block (and what it holds), for a terminal `width` characters wide: prose wraps at `width`
// (100 at most), tables may use it all. A callout prints its first part (a prediction's choices
// as "  A. ...") only when `with_reveal` is false; a quiz block prints its question, and also its
// answer and solution when `with_reveal` is true. A walkthrough runs on the engine (see
// FormatWalkthrough).
std::string FormatBlock(const LessonBlock& block, int width, bool with_reveal = true);

// A callout's second part ("Reveal: ..." / "Reality: ..."); "" when it has none. A prediction
// with choices starts it with "The answer is C." unless `with_answer` is false (the learner was
// just told, by ChoiceVerdict).
std::string FormatReveal(const LessonBlock& callout, int width, bool with_answer = true);

// What a choice (file order) made for the prediction `callout` earned: "Your prediction was
// right: the answer is C." or "Your prediction was wrong: the answer is C, not A."
std::string ChoiceVerdict(const LessonBlock& callout, int choice);
// The same choice as an answer the window marks option by option, as it marks a question's:
// chosen {choice}, the answer {choice_answer}, and the involved choices (the one chosen, and the
// answer when it was missed). Choices have no feedback of their own.
AnswerFeedback GradeChoice(const LessonBlock& callout, int choice);

// A walkthrough as the step-by-step mode shows it: process flow, execution table (run on a fresh
// in-memory registry) and status tracker. An execution table wider than `width` is shown as a
// list, a step per entry. An engine failure is reported in the text.
std::string FormatWalkthrough(const std::vector<WalkthroughStep>& steps, int width = 80);

// --- The interactive walkthrough (WalkthroughPlayer) ---

// What a step changed, a line each: "fraud v2: Staging -> Production", "fraud v3 created",
// "alias champion of fraud: v2 -> v1", "production serves fraud v3 (was v2)", "production runs
// fraud v3 as a canary at 10% beside v2", "request 1 approved: fraud v2 to Production". Empty
// when the step changed nothing.
std::vector<std::string> StepChangeLines(const StepChanges& changes);

// Step k as the interactive walkthrough reveals it: "Step k of N: title", the narration, the
// command, its result ("ok", or "refused (permission denied): message"), what it changed, and
// the step's key moments.
std::string FormatPlayedStep(const WalkthroughPlayer& player, std::size_t k, int width = 80);

// A prediction before its step is revealed: the question and its choices ("1. None",
// "2. Staging", ...; yes/no for the refused question).
std::string FormatPrediction(const Prediction& prediction, int width = 80);
// Its grade: "Right: ..." or "Not quite: ...", with the right answer.
std::string FormatGradedPrediction(const GradedPrediction& graded);

}  // namespace stagecraft::core
