#pragma once
// ImGui's style for a theme and a scale: the colours, and spacing scaled with the text.

#include "core/settings.h"

namespace stagecraft::platform {

void ApplyTheme(core::Theme theme, float scale);

}  // namespace stagecraft::platform
