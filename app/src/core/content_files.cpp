#include "core/content_files.h"

#include <algorithm>
#include <filesystem>

namespace stagecraft::core {

std::vector<std::string> FilesUnder(const std::string& folder, const std::string& extension,
                                    const std::string& skip) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == extension &&
        it->path().filename() != skip) {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace stagecraft::core
