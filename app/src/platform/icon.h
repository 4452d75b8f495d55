#pragma once
// Stagecraft's icon, drawn in code at any size: three stage lanes on a dark rounded square, a
// version card moving into the last lane. The window's icon comes from here, and so does
// assets/stagecraft.png (`stagecraft gui --write-icon FILE`), so they never drift apart.

#include <string>
#include <vector>

#include "stagecraft/engine/status.h"

namespace stagecraft::platform {

// `size` x `size` RGBA pixels, rows from the top, anti-aliased.
std::vector<unsigned char> DrawIcon(int size);

// Writes the icon as a PNG of `size` pixels.
engine::Status WriteIconPng(const std::string& path, int size);

}  // namespace stagecraft::platform
