#pragma once
// The window's screens. Each draws one model of the learning core and calls it; none decides
// anything itself (grading, timing, recording and navigation rules live in the core).

#include "core/tutor.h"
#include "views/style.h"

namespace stagecraft::views {

// The whole window for one frame: the navigation bar, the notice, the current screen.
void DrawTutor(core::Tutor& tutor, ViewContext& ctx);

void DrawHome(core::Tutor& tutor, ViewContext& ctx);
void DrawLesson(core::Tutor& tutor, core::LessonScreen& screen, ViewContext& ctx);
void DrawWalkthrough(core::Tutor& tutor, core::WalkthroughScreen& screen, ViewContext& ctx);
void DrawQuiz(core::Tutor& tutor, core::QuizScreen& screen, ViewContext& ctx);
void DrawSettings(core::Tutor& tutor, ViewContext& ctx);
void DrawSandbox(core::Tutor& tutor, core::SandboxScreen& screen, ViewContext& ctx);
void DrawChallenges(core::Tutor& tutor, core::ChallengeScreen& screen, ViewContext& ctx);
void DrawReadiness(core::Tutor& tutor, const core::ReadinessScreen& screen, ViewContext& ctx);
// The authoring screen: the content files, their problems and a question preview.
void DrawAuthor(core::Tutor& tutor, core::AuthoringScreen& screen, ViewContext& ctx);
// The content files with problems, one `FILE:LINE:COL: message` a line.
void DrawContentProblems(core::Tutor& tutor, ViewContext& ctx);

}  // namespace stagecraft::views
