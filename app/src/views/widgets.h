#pragma once
// Small drawing helpers shared by the screens. ImGui only; no state, no logic.

#include <imgui.h>

#include <string>
#include <string_view>

#include "views/style.h"

namespace stagecraft::views {

// `text` in `font`, wrapped at the window's edge.
void TextIn(ImFont* font, std::string_view text);
// Wrapped text in a colour.
void TextColoredWrapped(const ImVec4& color, std::string_view text);
// A screen's title and, under it, one muted line.
void ScreenTitle(const ViewContext& ctx, std::string_view title, std::string_view subtitle = {});
// A section heading.
void SectionHeading(const ViewContext& ctx, std::string_view text);

// True when `key` (a keys.h code) was pressed this frame and no text field has the keyboard,
// so single-key shortcuts never fire while the learner types; nor under a modal question (only
// the modal's own code sees its keys).
bool ShortcutPressed(int key, bool repeat = false);
// The same with Ctrl held.
bool CtrlShortcutPressed(int key);

// A button with its key shown after the label ("Next  (Enter)"); true when clicked.
bool KeyButton(const char* label, const char* key_hint, bool enabled = true);

// While `asked`: opens the modal question `title` (once) centred in the window and begins it.
// True while it shows; then draw its content and call ImGui::EndPopup().
bool BeginQuestion(const char* title, bool asked);

// A progress bar of `done` out of `total` with the numbers on it.
void CountBar(int done, int total, float width, const char* suffix = "");

}  // namespace stagecraft::views
