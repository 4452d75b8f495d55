#pragma once
// The quiz screen's parts, one per phase of core::QuizScreen, drawn by DrawQuiz (quiz_view.cpp):
// the setup form (quiz_view.cpp), the question with its confidence step and feedback
// (quiz_question_view.cpp), and the results with the exam review and the history chart
// (quiz_results_view.cpp). ImGui only: every rule is the model's.

#include "core/quiz_screen.h"
#include "core/tutor.h"
#include "views/style.h"

namespace stagecraft::views::quiz {

// Sends `key` to the screen, as a key press or the button that stands for it. A failure becomes
// the tutor's notice; a notice an earlier key raised leaves once a key succeeds.
void Press(core::Tutor& tutor, core::QuizScreen& screen, char key);
// Shows `status` as the notice when it failed.
void Report(core::Tutor& tutor, const engine::Status& status);

// The height the footer under a scrolling body needs: a row of buttons and a line of keys.
float FooterHeight();
// Page Up / Page Down (and Ctrl+Home / Ctrl+End) scroll the window they are called in: the
// question's and the results' bodies, which the focus never enters.
void ScrollKeys();
// The muted line of keys at the very bottom.
void KeysLine(const ViewContext& ctx, const char* keys);

void DrawSetup(core::Tutor& tutor, core::QuizScreen& screen, ViewContext& ctx);
// A question waiting for its answer, the confidence step, or the answer's feedback.
void DrawQuestion(core::Tutor& tutor, core::QuizScreen& screen, ViewContext& ctx);
void DrawResults(core::Tutor& tutor, core::QuizScreen& screen, ViewContext& ctx);

}  // namespace stagecraft::views::quiz
