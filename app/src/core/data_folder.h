#pragma once
// Where Stagecraft keeps the learner's data.

#include <string>

namespace stagecraft::core {

// $XDG_DATA_HOME/stagecraft, else $HOME/.local/share/stagecraft (a relative XDG_DATA_HOME is
// ignored, as the XDG spec says). Creates nothing.
std::string DataFolder();

}  // namespace stagecraft::core
