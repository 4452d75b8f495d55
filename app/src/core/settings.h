#pragma once
// Settings: how the desktop window looks and behaves, kept between runs in
// $XDG_CONFIG_HOME/stagecraft/settings.json (else ~/.config/stagecraft/settings.json).
//
// A settings file is the learner's, so reading it never fails as a whole: a missing file is the
// defaults, and a value that is missing, of the wrong type or out of range keeps its default while
// the rest still apply; each such value is reported once (`problems`) and shown in the window.

#include <string>
#include <vector>

#include "stagecraft/engine/status.h"

namespace stagecraft::core {

enum class Theme { kDark, kLight };
const char* ThemeName(Theme theme);  // "dark", "light"

struct Settings {
  Theme theme = Theme::kDark;
  // Multiplies the font size (16 px at 1.0) and every spacing; 0.75 to 2.5. The window also
  // multiplies by the monitor's content scale, so 1.0 reads the same on a high-DPI screen.
  float font_scale = 1.0f;
  // No animations: walkthrough cards jump to their new lane instead of sliding.
  bool reduced_motion = false;
  // The walkthrough player asks for a prediction at every step that changes a stage, not only
  // at the steps the lesson marks.
  bool predict_every_step = false;
  int window_width = 1280;  // the window's size when it was last closed; at least 640 x 480
  int window_height = 800;

  bool operator==(const Settings&) const = default;
};

inline constexpr float kMinFontScale = 0.75f;
inline constexpr float kMaxFontScale = 2.5f;

// The config folder: $XDG_CONFIG_HOME/stagecraft, else $HOME/.config/stagecraft (a relative
// XDG_CONFIG_HOME is ignored, as the XDG spec says). Creates nothing.
std::string ConfigFolder();
// ConfigFolder()/settings.json.
std::string DefaultSettingsPath();

struct LoadedSettings {
  Settings settings;
  std::vector<std::string> problems;  // "FILE: font_scale: must be a number from 0.75 to 2.5"
};

// Reads `path`. A missing file gives the defaults and no problem.
LoadedSettings LoadSettings(const std::string& path);

// Writes `settings` to `path`, creating its folder; the file is replaced whole (written beside it
// and renamed), so a failed write leaves the old settings as they were.
engine::Status SaveSettings(const Settings& settings, const std::string& path);

}  // namespace stagecraft::core
