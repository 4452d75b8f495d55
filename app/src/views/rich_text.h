#pragma once
// Rich text: a lesson's inline runs (plain, bold, italic, code, links) drawn as one paragraph that
// wraps at the edge of the content region, word by word, each word in its run's font. ImGui only.

#include <imgui.h>

#include <string>

#include "core/lesson.h"
#include "views/style.h"

namespace stagecraft::views {

// Draws `runs` from the cursor (which may follow a SameLine), wrapping at the right edge of the
// content region; wrapped lines start at the current indent. Plain runs use `base` (the regular
// font when null; bold runs then use the bold font), emphasis the italic font, code the mono font
// on a subtle background, links the accent colour with an underline and their address as a
// tooltip. A word wider than a whole line is broken between characters. Returns the address of a
// link clicked this frame, or "".
std::string RichText(const core::InlineText& runs, const ViewContext& ctx, ImFont* base = nullptr);

// Narrows the right edge that RichText, WrappedText and RightEdge use to `screen_x` (a panel
// leaves room on its right, a reading column stops short of a wide window) until the matching
// PopRightEdge. Edges only narrow: a push wider than the current edge keeps the current one.
void PushRightEdge(float screen_x);
void PopRightEdge();
// The right edge, in screen coordinates, that text at the cursor wraps at: the narrowest pushed
// edge, or the content region's right edge when that is nearer (a table cell).
float RightEdge();

// The same for a plain string in one font and colour (prompts, option texts, feedback).
void WrappedText(std::string_view text, const ViewContext& ctx, ImFont* font = nullptr,
                 const ImVec4* color = nullptr);

}  // namespace stagecraft::views
