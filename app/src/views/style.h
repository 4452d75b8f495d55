#pragma once
// What every view draws with: the fonts, the theme's colours for meaning (right, wrong, changed,
// muted), the scale, and the frame's time. Filled by the platform each frame; the views only read
// it, except to ask for the next frame (WakeIn).

#include <imgui.h>

#include <algorithm>

#include "core/settings.h"

namespace stagecraft::views {

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  ImFont* italic = nullptr;  // the regular font when no oblique face is installed
  ImFont* mono = nullptr;
  ImFont* heading = nullptr;  // bold, 1.35x
  ImFont* title = nullptr;    // bold, 1.7x
};

// Colours that carry meaning, readable on the theme's background.
struct Palette {
  ImVec4 muted;       // secondary text: hints, counts, labels
  ImVec4 accent;      // links, the current step, focus
  ImVec4 good;        // right, accepted, served
  ImVec4 bad;         // wrong, refused
  ImVec4 warn;        // due, pending, late
  ImVec4 changed_bg;  // behind what the current step changed
  ImVec4 panel_bg;    // cards, lanes, code blocks
  ImVec4 code_text;
};

Palette PaletteFor(core::Theme theme);

struct ViewContext {
  Fonts fonts;
  Palette palette;
  core::Theme theme = core::Theme::kDark;
  float scale = 1.0f;    // the font scale times the monitor's content scale
  double now = 0;        // the tutor's clock, in seconds
  bool reduced_motion = false;
  // Seconds until the window must draw again without input; views lower it (WakeIn(0) while
  // something animates). The platform waits for input at most this long.
  double wake_in = 30;
  void WakeIn(double seconds) { wake_in = std::min(wake_in, std::max(0.0, seconds)); }
  // Set by a view to end the program (the window closes).
  bool quit = false;
};

}  // namespace stagecraft::views
