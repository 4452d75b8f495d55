#include "core/template_file.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace stagecraft::core {

namespace fs = std::filesystem;

engine::Result<std::string> WriteTemplateFile(
    const std::string& folder, const std::string& stem, const std::string& suffix,
    const std::function<std::string(const std::string& name)>& text, const std::string& schema) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) {
    return engine::Status::InvalidArgument("cannot create the folder " + folder + ": " +
                                           ec.message());
  }
  std::string name = stem;
  for (int n = 2; fs::exists(fs::path(folder) / (name + suffix), ec); ++n) {
    name = stem + "-" + std::to_string(n);
  }
  const fs::path path = fs::path(folder) / (name + suffix);
  {
    std::ofstream out(path, std::ios::binary);
    out << text(name);
    if (!out.flush()) {
      return engine::Status::InvalidArgument("cannot write " + path.string());
    }
  }
  if (!schema.empty()) {
    const fs::path beside = fs::path(folder) / fs::path(schema).filename();
    if (fs::exists(schema, ec) && !fs::exists(beside, ec)) {
      fs::copy_file(schema, beside, ec);  // only a help for editors: a failed copy is no problem
    }
  }
  return path.string();
}

}  // namespace stagecraft::core
