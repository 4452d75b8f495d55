#pragma once
// The window's fonts: DejaVu Sans (regular, bold, oblique), DejaVu Sans Mono, and bold heading
// and title sizes, from fonts-dejavu-core; ImGui's own font stands in for any file that is
// missing, so the window always has text.

#include <string>

#include "views/style.h"

namespace stagecraft::platform {

// Replaces the atlas's fonts with fonts of `pixel_size` (16 at scale 1) and builds the atlas.
// `missing` is set to the font files that were not found ("" when all were).
views::Fonts LoadFonts(float pixel_size, std::string* missing);

}  // namespace stagecraft::platform
