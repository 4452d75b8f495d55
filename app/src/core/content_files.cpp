#include "core/content_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

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

engine::Result<std::string> ReadContentFile(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return engine::Status::InvalidArgument("cannot read the file: " + ec.message());
  if (size > max_bytes) {
    return engine::Status::InvalidArgument("the file is " + std::to_string(size) +
                                           " bytes; at most " + std::to_string(max_bytes) +
                                           " are allowed");
  }
  std::string text(static_cast<std::size_t>(size), '\0');
  std::ifstream in(path, std::ios::binary);
  if (!in) return engine::Status::InvalidArgument("cannot read the file: it cannot be opened");
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

}  // namespace stagecraft::core
