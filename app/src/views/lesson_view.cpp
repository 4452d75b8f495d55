// Lesson: one tab per learning mode. (Drawn in full by the lesson view's work; this draws the
// tabs and each block's plain text.)

#include "views/screens.h"
#include "views/widgets.h"

namespace stagecraft::views {

void DrawLesson(core::Tutor& tutor, core::LessonScreen& screen, ViewContext& ctx) {
  ScreenTitle(ctx, screen.lesson().title, screen.lesson().summary);
  if (ImGui::BeginTabBar("modes")) {
    for (core::LessonModeKind kind : screen.modes()) {
      if (ImGui::BeginTabItem(core::LessonModeHeading(kind))) {
        if (kind != screen.active()) {
          if (auto s = screen.Select(kind); !s.ok()) tutor.Notify(s.message());
        }
        for (const core::ReadingBlock& block : screen.reading().blocks()) {
          ImGui::PushTextWrapPos(0);
          ImGui::TextUnformatted(core::PlainText(block.block->text).c_str());
          ImGui::PopTextWrapPos();
        }
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
}

}  // namespace stagecraft::views
