#pragma once
// Finding content files (quizzes, lessons) under the paths a user gives.

#include <string>
#include <vector>

namespace stagecraft::core {

// The regular files under `folder` (recursively) whose extension is `extension` (".json"),
// except those named `skip` (a format's own file such as README.md), sorted. Unreadable
// subfolders are passed over.
std::vector<std::string> FilesUnder(const std::string& folder, const std::string& extension,
                                    const std::string& skip);

}  // namespace stagecraft::core
