#pragma once
// Finding content files (quizzes, lessons, challenges) under the paths a user gives.

#include <string>
#include <vector>

#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// The regular files under `folder` (recursively) whose name ends with `extension` (".json",
// ".challenge.json") and is longer than it, except those named `skip` (a format's own file such
// as README.md), sorted. Unreadable subfolders are passed over.
std::vector<std::string> FilesUnder(const std::string& folder, const std::string& extension,
                                    const std::string& skip);

// Challenge files are told from quiz files by their name: NAME.challenge.json.
inline constexpr const char* kChallengeFileSuffix = ".challenge.json";
bool IsChallengeFile(const std::string& path);

// JSON Schemas for editors (quiz.schema.json, challenge.schema.json) are NAME.schema.json: never
// content, wherever they are.
inline constexpr const char* kSchemaFileSuffix = ".schema.json";
bool IsSchemaFile(const std::string& path);

// The quiz files under `folder`: *.json except schema files and challenge files.
std::vector<std::string> QuizFilesUnder(const std::string& folder);
// The challenge files under `folder`: *.challenge.json.
std::vector<std::string> ChallengeFilesUnder(const std::string& folder);

// `files` without the repeats of a file named twice (a folder and a file in it, or two
// spellings of one path), in their order: the first spelling is kept.
std::vector<std::string> UniqueFiles(const std::vector<std::string>& files);

// Reads the file at `path` whole, refusing one over `max_bytes` before reading it. The error's
// message is one line without the path: "cannot read the file: No such file or directory",
// "the file is 9000000 bytes; at most 8388608 are allowed".
engine::Result<std::string> ReadContentFile(const std::string& path, std::size_t max_bytes);

}  // namespace stagecraft::core
