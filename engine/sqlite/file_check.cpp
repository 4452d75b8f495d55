#include "stagecraft/sqlite/file_check.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "stagecraft/sqlite/database.h"

namespace stagecraft::engine::sqlite {
namespace {

namespace fs = std::filesystem;

// The verdict and its one-line message.
FileCheck Verdict(FileVerdict verdict, const std::string& path, const FileKind& kind,
                  std::string reason) {
  FileCheck check{verdict, std::move(reason), {}};
  const std::string quoted = "'" + path + "'";
  const std::string name(kind.name);
  switch (verdict) {
    case FileVerdict::kUsable: break;
    case FileVerdict::kForeign:
      check.message = quoted + " is not a usable " + name + ": " + check.reason +
                      "; the file was left untouched";
      break;
    case FileVerdict::kNewer:
      check.message = quoted + " " + check.reason + "; the file was left untouched";
      break;
    case FileVerdict::kUnreadable:
      check.message = "cannot open " + name + " " + quoted + ": " + check.reason;
      break;
  }
  return check;
}

// The first 16 bytes of an SQLite file.
constexpr std::string_view kMagic("SQLite format 3\0", 16);

// What the header says before SQLite reads the file: kUsable for SQLite or an empty file.
enum class Header { kSqlite, kEmpty, kOther, kUnreadable };
Header ReadHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Header::kUnreadable;
  char header[16] = {};
  in.read(header, sizeof header);
  const auto got = in.gcount();
  if (got == 0) return in.bad() ? Header::kUnreadable : Header::kEmpty;
  if (got < 16 || std::string_view(header, 16) != kMagic) return Header::kOther;
  return Header::kSqlite;
}

}  // namespace

FileCheck CheckDatabaseFile(const std::string& path, const FileKind& kind) {
  auto usable = [] { return FileCheck{}; };
  auto foreign = [&](std::string why) {
    return Verdict(FileVerdict::kForeign, path, kind, std::move(why));
  };
  auto unreadable = [&](std::string why) {
    return Verdict(FileVerdict::kUnreadable, path, kind, std::move(why));
  };

  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  const bool absent = status.type() == fs::file_type::not_found;
  if (ec && !absent) return unreadable(ec.message());
  if (fs::is_directory(status)) return unreadable("it is a directory");
  // A pipe or a device would block the header read below, or never end.
  if (!absent && !fs::is_regular_file(status)) return unreadable("it is not a regular file");

  // SQLite keeps its write-ahead log beside the file as NAME-wal (and NAME-shm): a name with no
  // room for the suffix cannot be used. (Asking about it must not throw: error_code overloads.)
  const std::string wal = path + "-wal";
  const bool has_wal = fs::exists(wal, ec);
  if (ec == std::errc::filename_too_long) {
    return unreadable("its name is too long for SQLite to keep a '-wal' file beside it");
  }
  const bool wal_unknown = static_cast<bool>(ec);
  if (absent) return usable();  // a new file is made

  switch (ReadHeader(path)) {
    case Header::kEmpty: return usable();  // SQLite treats an empty file as an empty database
    case Header::kUnreadable: return unreadable("it cannot be read");
    case Header::kOther: return foreign("it is not an SQLite database");
    case Header::kSqlite: break;
  }

  auto opened = Database::Open(path, /*create=*/false);
  if (!opened.ok()) return unreadable(opened.status().message());
  Database& db = **opened;

  // Reading the schema fails on a file that is not SQLite at all ("file is not a database").
  auto tables = QueryInt(db, "SELECT count(*) FROM sqlite_schema");
  if (!tables.ok()) return foreign(tables.status().message());
  auto app_id = QueryInt(db, "PRAGMA application_id");
  if (!app_id.ok()) return foreign(app_id.status().message());
  auto user_version = QueryInt(db, "PRAGMA user_version");
  if (!user_version.ok()) return foreign(user_version.status().message());
  // Another program's: tables without our mark, or another program's mark even before any
  // table exists (migrating would write into that program's database).
  if (*app_id != kind.application_id && (*tables > 0 || *app_id != 0)) {
    return foreign("it is an SQLite database of another program");
  }
  if (*user_version > kind.schema_version) {
    return Verdict(FileVerdict::kNewer, path, kind,
                   "was written by a newer Stagecraft (schema version " +
                       std::to_string(*user_version) + ", this build understands up to " +
                       std::to_string(kind.schema_version) + ")");
  }
  // A truncated file: the header promises more pages than the file holds. Only meaningful when
  // no write-ahead log holds pages that are not yet in the main file; another process may be
  // writing one right now, so the log is looked for after the page count is read, and the size
  // after that (a checkpoint grows the file before it removes the log).
  if (!has_wal && !wal_unknown) {
    auto page_count = QueryInt(db, "PRAGMA page_count");
    if (!page_count.ok()) return foreign(page_count.status().message());
    auto page_size = QueryInt(db, "PRAGMA page_size");
    if (!page_size.ok()) return foreign(page_size.status().message());
    const bool wal_now = fs::exists(wal, ec) || ec;
    const auto size = fs::file_size(path, ec);
    const std::int64_t promised = *page_count * *page_size;
    if (!wal_now && !ec && static_cast<std::int64_t>(size) < promised) {
      return foreign("it is truncated (" + std::to_string(size) + " bytes, the header says " +
                     std::to_string(promised) + ")");
    }
  }
  if (*tables > 0 && kind.probe_sql != nullptr) {
    auto probe = QueryInt(db, kind.probe_sql);
    if (!probe.ok()) return foreign(probe.status().message());
  }
  if (*tables > 0 && kind.quick_check) {
    auto stmt = db.Prepare("PRAGMA quick_check(1)");
    if (!stmt.ok()) return foreign(stmt.status().message());
    StatementUse use(**stmt);
    if (!use->Step()) {
      return foreign(use->status().ok() ? "its integrity check gave no result"
                                        : use->status().message());
    }
    const std::string result = use->Text(0);
    if (result != "ok") return foreign(result);
  }
  return usable();
}

}  // namespace stagecraft::engine::sqlite
