#include "core/content_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace stagecraft::core {

std::vector<std::string> FilesUnder(const std::string& folder, const std::string& extension,
                                    const std::string& skip) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_regular_file(ec) && name.size() > extension.size() &&
        name.compare(name.size() - extension.size(), extension.size(), extension) == 0 &&
        name != skip) {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

namespace {

// Whether the file name of `path` is longer than `suffix` and ends with it.
bool NameEndsWith(const std::string& path, std::string_view suffix) {
  const std::string name = std::filesystem::path(path).filename().string();
  return name.size() > suffix.size() &&
         std::string_view(name).substr(name.size() - suffix.size()) == suffix;
}

}  // namespace

bool IsChallengeFile(const std::string& path) { return NameEndsWith(path, kChallengeFileSuffix); }

bool IsSchemaFile(const std::string& path) { return NameEndsWith(path, kSchemaFileSuffix); }

std::vector<std::string> QuizFilesUnder(const std::string& folder) {
  std::vector<std::string> files = FilesUnder(folder, ".json", "");
  files.erase(std::remove_if(files.begin(), files.end(),
                             [](const std::string& file) {
                               return IsChallengeFile(file) || IsSchemaFile(file);
                             }),
              files.end());
  return files;
}

std::vector<std::string> ChallengeFilesUnder(const std::string& folder) {
  return FilesUnder(folder, kChallengeFileSuffix, "");
}

std::vector<std::string> UniqueFiles(const std::vector<std::string>& files) {
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (const auto& file : files) {
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(file, ec).string();
    if (seen.insert(ec ? file : canonical).second) unique.push_back(file);
  }
  return unique;
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
