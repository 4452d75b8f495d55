#pragma once
// Finding content files (quizzes, lessons) under the paths a user gives.

#include <string>
#include <vector>

#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// The regular files under `folder` (recursively) whose extension is `extension` (".json"),
// except those named `skip` (a format's own file such as README.md), sorted. Unreadable
// subfolders are passed over.
std::vector<std::string> FilesUnder(const std::string& folder, const std::string& extension,
                                    const std::string& skip);

// Reads the file at `path` whole, refusing one over `max_bytes` before reading it. The error's
// message is one line without the path: "cannot read the file: No such file or directory",
// "the file is 9000000 bytes; at most 8388608 are allowed".
engine::Result<std::string> ReadContentFile(const std::string& path, std::size_t max_bytes);

}  // namespace stagecraft::core
