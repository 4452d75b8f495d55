#include "views/widgets.h"

#include <imgui_internal.h>  // GetTopMostPopupModal, the window being drawn

#include "views/keys.h"

#include <string>

namespace stagecraft::views {

void TextIn(ImFont* font, std::string_view text) {
  ImGui::PushFont(font);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void TextColoredWrapped(const ImVec4& color, std::string_view text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void ScreenTitle(const ViewContext& ctx, std::string_view title, std::string_view subtitle) {
  TextIn(ctx.fonts.title, title);
  if (!subtitle.empty()) TextColoredWrapped(ctx.palette.muted, subtitle);
  ImGui::Spacing();
}

void SectionHeading(const ViewContext& ctx, std::string_view text) {
  ImGui::Spacing();
  TextIn(ctx.fonts.heading, text);
  ImGui::Separator();
}

namespace {

// A modal popup is open and the code asking is drawing something under it: the modal's keys are
// its own (a question's D must not also pick option D of the quiz beneath it).
bool BehindModal() {
  const ImGuiWindow* modal = ImGui::GetTopMostPopupModal();
  if (modal == nullptr) return false;
  const ImGuiWindow* current = ImGui::GetCurrentContext()->CurrentWindow;
  return current == nullptr || current->RootWindow != modal;
}

}  // namespace

bool ShortcutPressed(int key, bool repeat) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper || BehindModal()) return false;
  return ImGui::IsKeyPressed(key, repeat);
}

bool CtrlShortcutPressed(int key) {
  const ImGuiIO& io = ImGui::GetIO();
  return io.KeyCtrl && !io.KeyAlt && !BehindModal() && ImGui::IsKeyPressed(key, false);
}

bool BeginQuestion(const char* title, bool asked) {
  if (!asked) return false;
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  return ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize);
}

bool KeyButton(const char* label, const char* key_hint, bool enabled) {
  std::string text = label;
  if (key_hint != nullptr && key_hint[0] != '\0') text += std::string("   ") + key_hint;
  if (!enabled) ImGui::BeginDisabled();
  const bool clicked = ImGui::Button(text.c_str());
  if (!enabled) ImGui::EndDisabled();
  return clicked && enabled;
}

void CountBar(int done, int total, float width, const char* suffix) {
  const float fraction = total > 0 ? static_cast<float>(done) / static_cast<float>(total) : 0.0f;
  const std::string text = std::to_string(done) + " / " + std::to_string(total) + suffix;
  ImGui::ProgressBar(fraction, ImVec2(width, 0), text.c_str());
}

}  // namespace stagecraft::views
