// CheckDatabaseFile: the one open-time check every Stagecraft database file gets (the registry
// refuses what it rejects, the progress store moves a foreign file aside). Checked here on its
// own, with a made-up file kind, for every kind of file it must tell apart; it never writes.

#include "stagecraft/sqlite/file_check.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "stagecraft/sqlite/database.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;
using sqlite::CheckDatabaseFile;
using sqlite::Database;
using sqlite::FileCheck;
using sqlite::FileKind;
using sqlite::FileVerdict;

namespace {

constexpr int kTestApplicationId = 0x54657374;  // 'Test'

// Two schema versions: a table of things, then a table of notes.
const std::vector<const char*> kSteps = {
    "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)",
};

FileKind TestKind() {
  FileKind kind;
  kind.name = "test database";
  kind.application_id = kTestApplicationId;
  kind.schema_version = static_cast<int>(kSteps.size());
  kind.probe_sql = "SELECT count(*) FROM things";
  return kind;
}

// Runs `sql` on a new or existing file at `path` and closes it (rollback journal: no -wal left).
void Exec(const std::string& path, const char* sql) {
  auto db = Database::Open(path, /*create=*/true);
  REQUIRE_OK(db);
  REQUIRE_OK((*db)->Exec(sql));
}

// A file of the test kind at `steps` migrations, with enough rows to fill several pages.
void WriteOurs(const std::string& path, std::size_t steps = kSteps.size()) {
  auto db = Database::Open(path, /*create=*/true);
  REQUIRE_OK(db);
  REQUIRE_OK(sqlite::ApplyMigrations(**db, {kSteps.begin(), kSteps.begin() + steps},
                                     kTestApplicationId, "'" + path + "'"));
  REQUIRE_OK((*db)->Exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
      "INSERT INTO things (name) SELECT printf('thing number %d of many', i) FROM n"));
}

// Checks `path`, and that checking changed nothing: the same bytes, no file beside it.
FileCheck CheckUntouched(const TempDir& dir, const std::string& path) {
  std::error_code ec;  // a name too long to exist does not exist
  const bool existed = std::filesystem::exists(path, ec);
  const bool file = std::filesystem::is_regular_file(path, ec);
  const std::string before = file ? ReadBytes(path) : "";
  const auto entries = dir.Entries();
  FileCheck check;
  CHECK_NOTHROW(check = CheckDatabaseFile(path, TestKind()));
  CHECK(std::filesystem::exists(path, ec) == existed);
  if (file) CHECK(ReadBytes(path) == before);
  CHECK(dir.Entries() == entries);
  INFO("reason: " << check.reason << "\nmessage: " << check.message);
  CHECK(check.message.find('\n') == std::string::npos);
  if (check.usable()) {
    CHECK(check.reason.empty());
    CHECK(check.message.empty());
  } else {
    CHECK_MENTIONS(check.message, "'" + path + "'");
    CHECK_MENTIONS(check.message, check.reason);
  }
  return check;
}

}  // namespace

TEST_CASE("file check: a missing file is usable and is not created") {
  TempDir dir;
  FileCheck check = CheckUntouched(dir, dir.File("new.db"));
  CHECK(check.verdict == FileVerdict::kUsable);
}

TEST_CASE("file check: an empty file is usable (SQLite treats it as an empty database)") {
  TempDir dir;
  const std::string path = dir.File("empty.db");
  WriteBytes(path, "");
  CHECK(CheckUntouched(dir, path).verdict == FileVerdict::kUsable);
}

TEST_CASE("file check: our own file at this or an older schema version is usable") {
  TempDir dir;
  const std::string path = dir.File("ours.db");
  SUBCASE("current") { WriteOurs(path); }
  SUBCASE("older") { WriteOurs(path, 1); }
  CHECK(CheckUntouched(dir, path).verdict == FileVerdict::kUsable);
}

TEST_CASE("file check: another program's application_id is foreign, with or without tables") {
  TempDir dir;
  const std::string path = dir.File("other.db");
  SUBCASE("with tables") {
    Exec(path, "PRAGMA application_id = 1094861636; CREATE TABLE theirs (x)");  // 'ABCD'
  }
  SUBCASE("before any table: migrating would write into that program's database") {
    Exec(path, "PRAGMA application_id = 1094861636");
    REQUIRE(std::filesystem::file_size(path) > 0);
  }
  SUBCASE("no application_id, but tables: a plain SQLite database") {
    Exec(path, "CREATE TABLE theirs (x)");
  }
  FileCheck check = CheckUntouched(dir, path);
  CHECK(check.verdict == FileVerdict::kForeign);
  CHECK(check.reason == "it is an SQLite database of another program");
  CHECK(check.message == "'" + path + "' is not a usable test database: it is an SQLite database "
                        "of another program; the file was left untouched");
}

TEST_CASE("file check: a newer user_version is refused as written by a newer Stagecraft") {
  TempDir dir;
  const std::string path = dir.File("newer.db");
  WriteOurs(path);
  std::uint32_t newer = static_cast<std::uint32_t>(kSteps.size()) + 1;
  SUBCASE("one version newer") {}
  SUBCASE("far newer") { newer = 0x7fffffff; }
  PatchUserVersion(path, newer);
  FileCheck check = CheckUntouched(dir, path);
  CHECK(check.verdict == FileVerdict::kNewer);
  CHECK(check.message == "'" + path + "' was written by a newer Stagecraft (schema version " +
                             std::to_string(newer) + ", this build understands up to 2); the "
                             "file was left untouched");
}

// SQLite itself reports a file shorter than its header's page count as malformed; the check's own
// size comparison catches files whose header does not record the count (older writers), whose
// last page is cut short.
TEST_CASE("file check: a truncated file is foreign") {
  TempDir dir;
  const std::string path = dir.File("truncated.db");
  WriteOurs(path);
  std::string bytes = ReadBytes(path);
  REQUIRE(bytes.size() > 3 * 4096);
  SUBCASE("to two pages") { bytes.resize(2 * 4096); }
  SUBCASE("mid-page") { bytes.resize(2 * 4096 + 100); }
  SUBCASE("mid-page, with no page count in the header") {
    bytes.resize(2 * 4096 + 100);
    bytes[95] = static_cast<char>(bytes[95] ^ 1);  // version-valid-for no longer matches
  }
  WriteBytes(path, bytes);
  FileCheck check = CheckUntouched(dir, path);
  INFO(check.reason);
  CHECK(check.verdict == FileVerdict::kForeign);
  CHECK_FALSE(check.reason.empty());
}

TEST_CASE("file check: a file that is not SQLite is foreign") {
  TempDir dir;
  const std::string path = dir.File("notes.db");
  SUBCASE("text") { WriteBytes(path, "model,stage\nchurn,Production\n"); }
  SUBCASE("shorter than the SQLite magic") { WriteBytes(path, "SQLite"); }
  SUBCASE("binary noise") {
    std::string noise;
    for (int i = 0; i < 8192; ++i) noise.push_back(static_cast<char>((i * 7919 + 13) & 0xff));
    WriteBytes(path, noise);
  }
  FileCheck check = CheckUntouched(dir, path);
  CHECK(check.verdict == FileVerdict::kForeign);
  CHECK(check.reason == "it is not an SQLite database");
}

TEST_CASE("file check: a damaged magic string or schema page is foreign") {
  TempDir dir;
  const std::string path = dir.File("damaged.db");
  WriteOurs(path);
  std::string bytes = ReadBytes(path);
  SUBCASE("the schema page") {
    for (std::size_t i = 100; i < 4096; ++i) bytes[i] = static_cast<char>(0xA5);
  }
  SUBCASE("the magic string") { bytes[0] = 'X'; }
  WriteBytes(path, bytes);
  CHECK(CheckUntouched(dir, path).verdict == FileVerdict::kForeign);
}

TEST_CASE("file check: quick_check catches a damaged page the probe does not read") {
  TempDir dir;
  const std::string path = dir.File("pages.db");
  WriteOurs(path);
  {
    auto db = Database::Open(path, /*create=*/false);
    REQUIRE_OK(db);
    REQUIRE_OK((*db)->Exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
        "INSERT INTO notes (text) SELECT printf('note number %d of many', i) FROM n"));
  }
  std::string bytes = ReadBytes(path);
  REQUIRE(bytes.size() >= 8 * 4096);
  // Wreck a page in the middle (a b-tree page of one of the tables), keeping the header sane.
  for (std::size_t i = 5 * 4096; i < 6 * 4096; ++i) bytes[i] = static_cast<char>(0x5A);
  WriteBytes(path, bytes);
  FileKind kind = TestKind();
  kind.probe_sql = nullptr;
  kind.quick_check = false;
  CHECK(CheckDatabaseFile(path, kind).usable());  // nothing read that page
  kind.quick_check = true;
  FileCheck check = CheckDatabaseFile(path, kind);
  CHECK(check.verdict == FileVerdict::kForeign);
  CHECK_FALSE(check.reason.empty());
}

TEST_CASE("file check: a directory or a name with no room for -wal is unreadable, no throw") {
  TempDir dir;
  SUBCASE("a directory") {
    FileCheck check = CheckUntouched(dir, dir.path().string());
    CHECK(check.verdict == FileVerdict::kUnreadable);
    CHECK(check.message == "cannot open test database '" + dir.path().string() +
                               "': it is a directory");
  }
  SUBCASE("a 253-character name, as an existing file or not yet") {
    const std::string path = dir.File(std::string(253, 'n'));
    SUBCASE("existing") { WriteBytes(path, ""); }
    SUBCASE("not yet") {}
    FileCheck check = CheckUntouched(dir, path);
    CHECK(check.verdict == FileVerdict::kUnreadable);
    CHECK_MENTIONS(check.reason, "too long");
    CHECK_MENTIONS(check.reason, "'-wal'");
  }
  SUBCASE("a name longer than the file system allows") {
    FileCheck check = CheckUntouched(dir, dir.File(std::string(300, 'n')));
    CHECK(check.verdict == FileVerdict::kUnreadable);
  }
}
