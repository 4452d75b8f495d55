#pragma once
// The console of a sandbox (core::SandboxScreen), drawn where a screen's layout puts it: the
// sandbox's own, and a challenge's.

#include <imgui.h>

#include "core/sandbox_screen.h"
#include "views/style.h"

namespace stagecraft::views {

// The console in a child of `size`: each line run with its refusal in place and its output, the
// candidates of the last Tab, and the input line (Enter runs, ↑/↓ walk the history, Tab
// completes), under the screen's note (SandboxScreen::note) when it has one. `empty_text` stands
// in for an empty console. The input line takes the keyboard when the console comes on screen
// (unless a popup opened with it), and when `focus` is set and true; `focus` turns false once it
// has it. True when Enter submitted the
// input: the caller runs it (SandboxScreen::Submit, or a challenge's Submit, which also ticks
// its checklist).
bool DrawConsole(core::SandboxScreen& screen, const ViewContext& ctx, ImVec2 size,
                 const char* empty_text, bool* focus = nullptr);

}  // namespace stagecraft::views
