// Walkthrough player. (Drawn in full by the player's own work; this shows the position and the
// step keys.)

#include <GLFW/glfw3.h>

#include "views/screens.h"
#include "views/widgets.h"

namespace stagecraft::views {

void DrawWalkthrough(core::Tutor&, core::WalkthroughScreen& screen, ViewContext& ctx) {
  ScreenTitle(ctx, screen.lesson().title, "Walkthrough");
  ImGui::Text("Step %zu of %zu", screen.position(), screen.size());
  if (ShortcutPressed(GLFW_KEY_RIGHT, true)) screen.Forward(ctx.now);
  if (ShortcutPressed(GLFW_KEY_LEFT, true)) screen.Back(ctx.now);
}

}  // namespace stagecraft::views
