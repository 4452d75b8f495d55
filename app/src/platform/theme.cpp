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
    style.Colors[ImGuiCol_Tab] = ImVec4(0.90f, 0.91f, 0.94f, 1);
    style.Colors[ImGuiCol_Button] = ImVec4(0.88f, 0.90f, 0.95f, 1);
    // Fields, radio buttons and check boxes: a visible grey, not white on near-white.
    style.Colors[ImGuiCol_FrameBg] = ImVec4(0.86f, 0.88f, 0.92f, 1);
    style.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.78f, 0.84f, 0.95f, 1);
    style.Colors[ImGuiCol_FrameBgActive] = ImVec4(0.70f, 0.80f, 0.97f, 1);
    style.Colors[ImGuiCol_CheckMark] = ImVec4(0.10f, 0.36f, 0.78f, 1);
    style.FrameBorderSize = 1;
    style.Colors[ImGuiCol_Border] = ImVec4(0, 0, 0, 0.18f);
    style.Colors[ImGuiCol_TabActive] = ImVec4(0.55f, 0.71f, 0.98f, 1);
    style.Colors[ImGuiCol_TabHovered] = ImVec4(0.72f, 0.82f, 0.98f, 1);
  } else {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.105f, 0.11f, 0.125f, 1);
    style.Colors[ImGuiCol_Text] = ImVec4(0.92f, 0.93f, 0.95f, 1);
    style.Colors[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.03f);
    // The open tab stands out from the others (ImGui's dark tabs differ by a shade).
    style.Colors[ImGuiCol_Tab] = ImVec4(0.18f, 0.22f, 0.29f, 1);
    style.Colors[ImGuiCol_TabActive] = ImVec4(0.23f, 0.45f, 0.78f, 1);
    style.Colors[ImGuiCol_TabHovered] = ImVec4(0.32f, 0.55f, 0.88f, 1);
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
