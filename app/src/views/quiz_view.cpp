// Quiz: setup, questions, feedback, results. (Drawn in full by the quiz view's own work; this
// starts the run and shows the question.)

#include "views/screens.h"
#include "views/widgets.h"

namespace stagecraft::views {

void DrawQuiz(core::Tutor& tutor, core::QuizScreen& screen, ViewContext& ctx) {
  ScreenTitle(ctx, "Quiz", screen.setup().selector);
  core::PracticeRun* run = screen.run();
  if (run == nullptr) {
    if (ImGui::Button("Start")) {
      if (auto s = screen.Start(); !s.ok()) tutor.Notify(s.message());
    }
    return;
  }
  if (!run->finished()) {
    TextColoredWrapped(ctx.palette.accent, run->current().source->prompt);
  }
}

}  // namespace stagecraft::views
