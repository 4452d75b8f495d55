#include "cli/content_folders.h"

#include <cstdlib>
#include <filesystem>

namespace stagecraft::app {
namespace {

// $`env` if set; else the first `folder` holding `marker` in a parent of the executable (the
// build folder sits in the source tree); else `built_from` (the source tree at build time) if it
// still exists; else /usr/share/stagecraft/`folder`.
std::string FindFolder(const char* env, const char* folder, const char* marker,
                       const char* built_from) {
  if (const char* value = std::getenv(env); value != nullptr && *value != '\0') return value;
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
      if (fs::exists(dir / folder / marker, ec)) return (dir / folder).string();
    }
  }
  if (*built_from != '\0' && fs::exists(built_from, ec)) return built_from;
  return std::string("/usr/share/stagecraft/") + folder;
}

}  // namespace

std::string DefaultQuizBank() {
#ifdef STAGECRAFT_SOURCE_QUIZZES
  const char* built_from = STAGECRAFT_SOURCE_QUIZZES;
#else
  const char* built_from = "";
#endif
  return FindFolder("STAGECRAFT_QUIZZES", "quizzes", "quiz.schema.json", built_from);
}

std::string DefaultLessonFolder() {
#ifdef STAGECRAFT_SOURCE_LESSONS
  const char* built_from = STAGECRAFT_SOURCE_LESSONS;
#else
  const char* built_from = "";
#endif
  return FindFolder("STAGECRAFT_LESSONS", "lessons", "README.md", built_from);
}

}  // namespace stagecraft::app
