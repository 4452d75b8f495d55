#include "platform/theme.h"

#include <imgui.h>

namespace stagecraft::platform {

void ApplyTheme(core::Theme theme, float scale) {
  ImGuiStyle style;
  if (theme == core::Theme::kLight) {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.99f, 1);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    style.Colors[ImGuiCol_Text] = ImVec4(0.10f, 0.11f, 0.13f, 1);
    style.Colors[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.035f);
  } else {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.105f, 0.11f, 0.125f, 1);
    style.Colors[ImGuiCol_Text] = ImVec4(0.92f, 0.93f, 0.95f, 1);
    style.Colors[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.03f);
  }
  style.WindowPadding = ImVec2(14, 12);
  style.FramePadding = ImVec2(9, 5);
  style.ItemSpacing = ImVec2(10, 7);
  style.ItemInnerSpacing = ImVec2(7, 5);
  style.CellPadding = ImVec2(8, 4);
  style.FrameRounding = 4;
  style.ChildRounding = 6;
  style.WindowRounding = 0;
  style.GrabRounding = 4;
  style.TabRounding = 4;
  style.ScrollbarSize = 14;
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace stagecraft::platform
