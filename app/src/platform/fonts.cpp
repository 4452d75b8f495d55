#include "platform/fonts.h"

#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace stagecraft::platform {

namespace {

// Where Debian's fonts-dejavu-core puts the files; $STAGECRAFT_FONTS overrides (tests of the
// fallback point it at an empty folder).
std::string FontFolder() {
  const char* env = std::getenv("STAGECRAFT_FONTS");
  return env != nullptr ? env : "/usr/share/fonts/truetype/dejavu";
}

// Latin, Latin-1 and General Punctuation (dashes, quotes, bullets, ellipsis), arrows and a few
// symbols the lessons use (✓ ✗ …).
const ImWchar* GlyphRanges() {
  static const ImWchar ranges[] = {
      0x0020, 0x00FF,  // Basic Latin, Latin-1
      0x0100, 0x017F,  // Latin Extended-A
      0x2010, 0x205E,  // punctuation
      0x2190, 0x21FF,  // arrows
      0x2200, 0x22FF,  // mathematical operators (≤ ≥ ×)
      0x2500, 0x257F,  // box drawing (console output)
      0x25A0, 0x25FF,  // geometric shapes (▶ ●)
      0x2713, 0x2717,  // check marks
      0,
  };
  return ranges;
}

ImFont* Add(const std::string& file, float size, std::string* missing) {
  ImGuiIO& io = ImGui::GetIO();
  const std::string path = FontFolder() + "/" + file;
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    if (ImFont* font = io.Fonts->AddFontFromFileTTF(path.c_str(), size, &config, GlyphRanges())) {
      return font;
    }
  }
  if (missing != nullptr) *missing += (missing->empty() ? "" : ", ") + path;
  ImFontConfig config;
  config.SizePixels = size;
  return io.Fonts->AddFontDefault(&config);
}

}  // namespace

views::Fonts LoadFonts(float pixel_size, std::string* missing) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  if (missing != nullptr) missing->clear();
  views::Fonts fonts;
  fonts.regular = Add("DejaVuSans.ttf", pixel_size, missing);
  fonts.bold = Add("DejaVuSans-Bold.ttf", pixel_size, missing);
  // The oblique face is in fonts-dejavu-extra; without it emphasis is drawn upright.
  std::error_code ec;
  if (std::filesystem::is_regular_file(FontFolder() + "/DejaVuSans-Oblique.ttf", ec)) {
    fonts.italic = Add("DejaVuSans-Oblique.ttf", pixel_size, missing);
  } else {
    fonts.italic = fonts.regular;
  }
  fonts.mono = Add("DejaVuSansMono.ttf", pixel_size * 0.95f, missing);
  fonts.heading = Add("DejaVuSans-Bold.ttf", pixel_size * 1.3f, nullptr);
  fonts.title = Add("DejaVuSans-Bold.ttf", pixel_size * 1.7f, nullptr);
  io.Fonts->Build();
  io.FontDefault = fonts.regular;
  return fonts;
}

}  // namespace stagecraft::platform
