// The sandbox's console, shared by the sandbox and the challenges: the lines run with their output
// or refusal in place, and the input line with its history and completion. ImGui only.

#include "views/console_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "views/widgets.h"

namespace stagecraft::views {

using core::SandboxScreen;

namespace {

// ↑/↓ and Tab inside the input line. The field edits its own buffer, so the model answers on a
// copy and the new text goes in through the callback's own edit calls.
int InputCallback(ImGuiInputTextCallbackData* data) {
  auto& screen = *static_cast<SandboxScreen*>(data->UserData);
  const std::string text(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  auto replace = [&](const std::string& line, int cursor) {
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, line.c_str());
    data->CursorPos = cursor;
    data->SelectionStart = data->SelectionEnd = cursor;
  };
  if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
    const core::Completion completion =
        screen.Complete(text, static_cast<std::size_t>(data->CursorPos));
    if (completion.line != text) replace(completion.line, static_cast<int>(completion.cursor));
  } else if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory) {
    const auto line =
        data->EventKey == ImGuiKey_UpArrow ? screen.HistoryUp(text) : screen.HistoryDown(text);
    if (line) replace(*line, static_cast<int>(line->size()));
  }
  return 0;
}

// Text wrapped at the right edge of what the entries pane shows. The pane scrolls sideways for
// long command lines, so its work area is as wide as the widest line: wrapping there (wrap
// position 0) would cut messages off at the right instead of wrapping them.
void TextWrappedInView(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(ImGui::GetScrollX() + ImGui::GetWindowContentRegionMax().x);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void DrawEntry(SandboxScreen& screen, std::size_t index, const ViewContext& ctx) {
  const core::ConsoleEntry& entry = screen.Console()[index];
  ImGui::PushID(static_cast<int>(index));
  const bool selected = screen.selected() == index;
  const std::string prompt = entry.actor + " $ " + entry.line;
  ImGui::PushStyleColor(ImGuiCol_Text,
                        entry.undone ? ctx.palette.muted : ImGui::GetStyleColorVec4(ImGuiCol_Text));
  if (ImGui::Selectable(prompt.c_str(), selected)) screen.Select(index);
  ImGui::PopStyleColor();
  if (entry.undone && ImGui::IsItemHovered()) ImGui::SetTooltip("undone");
  ImGui::Indent(ImGui::GetFontSize());
  if (!entry.ok) TextWrappedInView(ctx.palette.bad, entry.error);
  if (entry.output_in_columns) {
    // A table keeps its lines, so its columns line up; the pane scrolls sideways for wide ones.
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
    ImGui::TextUnformatted(entry.output.c_str());
    ImGui::PopStyleColor();
  } else if (!entry.output.empty()) {
    TextWrappedInView(ctx.palette.muted, entry.output);
  }
  ImGui::Unindent(ImGui::GetFontSize());
  ImGui::PopID();
}

}  // namespace

bool DrawConsole(SandboxScreen& screen, const ViewContext& ctx, ImVec2 size, const char* empty_text,
                 bool* focus) {
  bool submitted = false;
  ImGui::BeginChild("console", size, true);
  // Keyboard first: the input line takes the keyboard when the console comes on screen — unless
  // a menu opened with it (taking the keyboard would close the menu) — and when asked.
  const bool appearing =
      ImGui::IsWindowAppearing() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  SectionHeading(ctx, "Console");
  const float input_h = ImGui::GetFrameHeightWithSpacing() +
                        (screen.candidates().empty() ? 0 : ImGui::GetTextLineHeightWithSpacing());
  ImGui::BeginChild("entries", ImVec2(0, -input_h), false, ImGuiWindowFlags_HorizontalScrollbar);
  if (!screen.note.empty()) TextWrappedInView(ctx.palette.accent, screen.note);
  ImGui::PushFont(ctx.fonts.mono);
  if (screen.Console().empty()) {
    TextWrappedInView(ctx.palette.muted, empty_text);
  }
  for (std::size_t i = 0; i < screen.Console().size(); ++i) DrawEntry(screen, i, ctx);
  // Follows the newest entry while the learner has not scrolled up; an empty console stays at
  // its top, where the note begins.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID shown = ImGui::GetID("shown");
  const int count = static_cast<int>(screen.Console().size());
  // A new entry scrolls to it; at the bottom already, the view stays there as the entries' wrapped
  // height settles (the first frames of a screen) or the pane grows.
  const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY();
  if (storage->GetInt(shown, -1) != count || (count > 0 && at_bottom)) {
    storage->SetInt(shown, count);
    if (count > 0) ImGui::SetScrollHereY(1.0f);
  }
  ImGui::PopFont();
  ImGui::EndChild();

  if (!screen.candidates().empty()) {
    std::string list;
    for (const std::string& c : screen.candidates()) list += c + "  ";
    ImGui::PushFont(ctx.fonts.mono);
    ImGui::TextColored(ctx.palette.muted, "%s", list.c_str());
    ImGui::PopFont();
  }
  ImGui::PushFont(ctx.fonts.mono);
  ImGui::SetNextItemWidth(-1);
  constexpr ImGuiInputTextFlags kFlags = ImGuiInputTextFlags_EnterReturnsTrue |
                                         ImGuiInputTextFlags_CallbackCompletion |
                                         ImGuiInputTextFlags_CallbackHistory;
  if (appearing || (focus != nullptr && *focus)) ImGui::SetKeyboardFocusHere();
  if (ImGui::InputTextWithHint("##command", "models list", &screen.input, kFlags, InputCallback,
                               &screen)) {
    submitted = true;
    ImGui::SetKeyboardFocusHere(-1);  // keep typing
  }
  if (focus != nullptr && ImGui::IsItemActive()) *focus = false;
  ImGui::PopFont();
  ImGui::EndChild();
  return submitted;
}

}  // namespace stagecraft::views
