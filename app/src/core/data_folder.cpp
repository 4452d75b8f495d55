#include "core/data_folder.h"

#include <cstdlib>

namespace stagecraft::core {

std::string DataFolder() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/stagecraft";
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr && home[0] != '\0' ? home : ".") + "/.local/share/stagecraft";
}

}  // namespace stagecraft::core
