#pragma once
// The open-time check of a database file: before a program writes to an existing file, is it
// one of its own that this build can use? One implementation for every Stagecraft database (the
// registry, the progress store); callers differ only in what they do with the answer (the
// registry refuses; the progress store moves a foreign or damaged file aside).

#include <string>
#include <string_view>

namespace stagecraft::engine::sqlite {

// What a program expects of its own database files.
struct FileKind {
  std::string_view name;       // for messages, e.g. "Stagecraft registry database"
  int application_id = 0;      // the PRAGMA application_id the program stamps on its files
  int schema_version = 0;      // the newest PRAGMA user_version this build understands
  // A cheap query over a table every use reads, run when the file has tables: it fails on a
  // damaged schema or damaged pages there. nullptr for none.
  const char* probe_sql = nullptr;
  // Also run PRAGMA quick_check, which reads every page: for files that stay small.
  bool quick_check = false;
};

enum class FileVerdict {
  kUsable,      // no file yet, an empty file, or ours at a schema version this build knows
  kForeign,     // not SQLite, truncated, damaged, or another program's SQLite database
  kNewer,       // ours, written by a newer build: refuse it and leave it as it is
  kUnreadable,  // cannot be examined or used: a directory, no permission, a name too long for
                // SQLite's NAME-wal beside it
};

// The outcome of CheckDatabaseFile.
struct FileCheck {
  FileVerdict verdict = FileVerdict::kUsable;
  // Why, as a clause: "it is truncated (8192 bytes, the header says 16384)"; empty when usable.
  std::string reason;
  // One line naming the file, fit to show as it is (for kForeign and kNewer it says the file
  // was left untouched); empty when usable.
  std::string message;

  bool usable() const { return verdict == FileVerdict::kUsable; }
};

// Examines the file at `path` (not ":memory:") as a file of `kind`, without writing to it: it
// never creates the file, and its own connection is closed before it returns. Never throws.
FileCheck CheckDatabaseFile(const std::string& path, const FileKind& kind);

}  // namespace stagecraft::engine::sqlite
