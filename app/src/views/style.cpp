#include "views/style.h"

namespace stagecraft::views {

Palette PaletteFor(core::Theme theme) {
  if (theme == core::Theme::kLight) {
    return Palette{
        .muted = ImVec4(0.36f, 0.38f, 0.42f, 1),
        .accent = ImVec4(0.10f, 0.36f, 0.78f, 1),
        .good = ImVec4(0.05f, 0.48f, 0.20f, 1),
        .bad = ImVec4(0.74f, 0.12f, 0.12f, 1),
        .warn = ImVec4(0.62f, 0.40f, 0.00f, 1),
        .changed_bg = ImVec4(0.99f, 0.89f, 0.55f, 1),
        .panel_bg = ImVec4(0.93f, 0.94f, 0.96f, 1),
        .code_text = ImVec4(0.15f, 0.17f, 0.22f, 1),
    };
  }
  return Palette{
      .muted = ImVec4(0.62f, 0.65f, 0.70f, 1),
      .accent = ImVec4(0.45f, 0.68f, 1.00f, 1),
      .good = ImVec4(0.40f, 0.83f, 0.50f, 1),
      .bad = ImVec4(1.00f, 0.45f, 0.42f, 1),
      .warn = ImVec4(0.98f, 0.76f, 0.32f, 1),
      .changed_bg = ImVec4(0.45f, 0.36f, 0.08f, 1),
      .panel_bg = ImVec4(0.16f, 0.17f, 0.20f, 1),
      .code_text = ImVec4(0.86f, 0.88f, 0.92f, 1),
  };
}

}  // namespace stagecraft::views
