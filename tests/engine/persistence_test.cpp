// Persistence: file-backed registries survive reopening; ":memory:" leaves nothing behind; a
// newer schema, a non-SQLite file or a corrupt file is refused with kStorage and left untouched.

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

// Builds a registry in `path` with a bit of everything, then closes it.
void Populate(const std::string& path, const TestClock& clock) {
  Registry registry = OpenRegistry(clock, path);
  MustAddUser(registry, "alice");
  MustCreateModel(registry, "churn", "predicts who leaves");
  MustCreateModel(registry, "x'); DROP TABLE models;--");
  REQUIRE_OK(registry.SetModelTag("churn", "team", "growth"));
  REQUIRE_OK(registry.AddStage("QA", "Production", true));
  NewModelVersion spec;
  spec.model_name = "churn";
  spec.source = "runs:/r1/model";
  spec.run_id = "r1";
  spec.metrics = {{"accuracy", 0.93}};
  spec.tags = {{"data", "2024-01"}};
  MustCreateVersion(registry, spec, Actor{"alice"});
  MustCreateVersion(registry, "churn", "r2");
  MustCreateVersion(registry, "churn", "r3");
  MustTransition(registry, "churn", 1, "Production");
  MustTransition(registry, "churn", 2, "QA");
  REQUIRE_OK(registry.SetAlias("churn", "champion", 1));
  REQUIRE_OK(registry.DeleteModelVersion("churn", 3));
  MustCreateVersion(registry, "x'); DROP TABLE models;--");
}

// Opens `path` expecting kStorage; checks the file is byte-for-byte what it was.
void CheckRefusedAndUntouched(const std::string& path) {
  const std::string before = ReadBytes(path);
  TestClock clock;
  auto opened = Registry::Open(path, OptionsWith(clock));
  CHECK_ERROR(opened, ErrorCode::kStorage);
  CHECK_FALSE(opened.status().message().empty());
  CHECK(ReadBytes(path) == before);
}

}  // namespace

TEST_CASE("a registry file keeps its whole state across reopening") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  std::string state_before;
  {
    Populate(path, clock);
    Registry registry = OpenRegistry(clock, path);
    state_before = Fingerprint(registry);
  }
  REQUIRE(std::filesystem::exists(path));

  Registry reopened = OpenRegistry(clock, path);
  CHECK(Fingerprint(reopened) == state_before);

  CHECK(StageNames(reopened) == "None,Staging,QA,Production,Archived");
  ModelVersion v1 = MustGetVersion(reopened, "churn", 1);
  CHECK(v1.stage == "Production");
  CHECK(v1.creator == "alice");
  CHECK(v1.metrics.at("accuracy") == doctest::Approx(0.93));
  CHECK(v1.tags.at("data") == "2024-01");
  CHECK(v1.aliases == std::vector<std::string>{"champion"});
  CHECK(StageOf(reopened, "churn", 2) == "QA");
  auto model = reopened.GetModel("churn");
  REQUIRE_OK(model);
  CHECK(model->description == "predicts who leaves");
  CHECK(model->tags.at("team") == "growth");
  CHECK(MustGetVersion(reopened, "x'); DROP TABLE models;--", 1).version == 1);
}

TEST_CASE("version numbers stay unused across reopening") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  Populate(path, clock);  // churn has versions 1 and 2; 3 was deleted
  Registry registry = OpenRegistry(clock, path);
  CHECK(MustCreateVersion(registry, "churn").version == 4);
}

TEST_CASE("the audit log continues its numbering across reopening") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  Populate(path, clock);
  std::int64_t last_seq = 0;
  {
    Registry registry = OpenRegistry(clock, path);
    const auto events = MustHistory(registry);
    REQUIRE_FALSE(events.empty());
    last_seq = events.back().seq;
    CHECK(static_cast<std::size_t>(last_seq) == events.size());
  }
  Registry registry = OpenRegistry(clock, path);
  MustTransition(registry, "churn", 2, "Staging");
  const auto events = MustHistory(registry);
  CHECK(events.back().seq == last_seq + 1);
  auto snapshot = registry.TakeSnapshot();
  REQUIRE_OK(snapshot);
  CHECK((*snapshot)->last_event_seq == last_seq + 1);
}

TEST_CASE("exclusive stages are enforced after reopening") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  Populate(path, clock);  // QA is exclusive and holds churn v2
  Registry registry = OpenRegistry(clock, path);
  MustCreateVersion(registry, "churn");
  CHECK_ERROR(registry.TransitionStage(Move("churn", 4, "QA")), ErrorCode::kConflict);
}

TEST_CASE("times come from the injected clock and survive reopening") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock(1'234'567'000);
  {
    Registry registry = OpenRegistry(clock, path);
    MustCreateModel(registry, "churn");
    clock.Advance(42);
    MustCreateVersion(registry, "churn");
  }
  Registry registry = OpenRegistry(clock, path);
  auto model = registry.GetModel("churn");
  REQUIRE_OK(model);
  CHECK(model->created_at == 1'234'567'000);
  CHECK(MustGetVersion(registry, "churn", 1).created_at == 1'234'567'042);
  const auto events = MustHistory(registry);
  REQUIRE(events.size() == 2);
  CHECK(events[0].time == 1'234'567'000);
  CHECK(events[1].time == 1'234'567'042);
}

TEST_CASE("without an injected clock changes are stamped with the system time") {
  const auto now_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const Timestamp before = now_ms();
  auto opened = Registry::Open(":memory:");
  REQUIRE_OK(opened);
  auto created = opened->CreateModel("churn");
  REQUIRE_OK(created);
  const Timestamp after = now_ms();
  CHECK(created->created_at >= before);
  CHECK(created->created_at <= after);
}

TEST_CASE("two registries on one file see each other's commits") {
  TempDir dir;
  const std::string path = dir.File("shared.db");
  TestClock clock;
  Registry writer = OpenRegistry(clock, path);
  Registry reader = OpenRegistry(clock, path);
  MustCreateModel(writer, "churn");
  MustCreateVersion(writer, "churn");
  MustTransition(writer, "churn", 1, "Staging");
  CHECK(StageOf(reader, "churn", 1) == "Staging");
  // And the other way round, with numbering shared.
  CHECK(MustCreateVersion(reader, "churn").version == 2);
  CHECK(MustGetVersion(writer, "churn", 2).version == 2);
}

TEST_CASE("a registry opened with full durability works and persists") {
  TempDir dir;
  const std::string path = dir.File("full.db");
  TestClock clock;
  {
    RegistryOptions options = OptionsWith(clock);
    options.durability = Durability::kFull;
    auto opened = Registry::Open(path, options);
    REQUIRE_OK(opened);
    MustCreateModel(*opened, "churn");
  }
  Registry registry = OpenRegistry(clock, path);
  CHECK_OK(registry.GetModel("churn"));
}

TEST_CASE("a registry remembers the path it was opened with") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  Registry registry = OpenRegistry(clock, path);
  CHECK(registry.path() == path);
  Registry memory = OpenRegistry(clock);
  CHECK(memory.path() == ":memory:");
}

TEST_CASE("a registry can be moved and keeps working") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  Registry first = OpenRegistry(clock, path);
  MustCreateModel(first, "churn");
  Registry second = std::move(first);
  CHECK(second.path() == path);
  MustCreateVersion(second, "churn");
  Registry third = OpenRegistry(clock);
  third = std::move(second);
  CHECK(MustCreateVersion(third, "churn").version == 2);
}

TEST_CASE("in-memory registries are empty independent and leave nothing on disk") {
  TempDir dir;
  struct CwdGuard {
    std::filesystem::path saved = std::filesystem::current_path();
    ~CwdGuard() { std::filesystem::current_path(saved); }
  };
  {
    CwdGuard guard;
    std::filesystem::current_path(dir.path());
    TestClock clock;
    Registry a = OpenRegistry(clock);
    Registry b = OpenRegistry(clock);
    MustCreateModel(a, "churn");
    CHECK_ERROR(b.GetModel("churn"), ErrorCode::kNotFound);
    auto models = b.ListModels();
    REQUIRE_OK(models);
    CHECK(models->empty());
  }
  CHECK(dir.Entries().empty());
}

TEST_CASE("a new database file records a schema version and uses WAL") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  { Registry registry = OpenRegistry(clock, path); }
  const std::string bytes = ReadBytes(path);
  REQUIRE(bytes.size() >= 100);
  CHECK(bytes.compare(0, 16, std::string("SQLite format 3\0", 16)) == 0);
  CHECK(ReadUserVersion(path) > 0);
  // Header bytes 18 and 19 (file format write/read version) are 2 for WAL.
  CHECK(static_cast<int>(bytes[18]) == 2);
  CHECK(static_cast<int>(bytes[19]) == 2);
}

TEST_CASE("reopening a current database does not change its schema version") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  { Registry registry = OpenRegistry(clock, path); }
  const std::uint32_t version = ReadUserVersion(path);
  { Registry registry = OpenRegistry(clock, path); }
  CHECK(ReadUserVersion(path) == version);
}

TEST_CASE("a database from a newer schema is refused with kStorage and left untouched") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  Populate(path, clock);
  // The engine closed the file cleanly: everything is in the main file, no WAL to replay.
  REQUIRE_FALSE(std::filesystem::exists(path + "-wal"));
  const std::uint32_t current = ReadUserVersion(path);
  REQUIRE(current > 0);

  SUBCASE("one version newer") { PatchUserVersion(path, current + 1); }
  SUBCASE("far newer") { PatchUserVersion(path, 0x7fffffff); }
  CheckRefusedAndUntouched(path);

  auto opened = Registry::Open(path, OptionsWith(clock));
  REQUIRE_FALSE(opened.ok());
  CHECK_MENTIONS(opened.status().message(), "registry.db");

  // Put the version back: the data was never touched, so the registry opens as before.
  PatchUserVersion(path, current);
  Registry registry = OpenRegistry(clock, path);
  CHECK(MustGetVersion(registry, "churn", 1).stage == "Production");
}

TEST_CASE("a file that is not a SQLite database is refused with kStorage and left untouched") {
  TempDir dir;
  const std::string path = dir.File("notes.db");
  SUBCASE("text") {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "model,version,stage\nchurn," + std::to_string(i) + ",None\n";
    WriteBytes(path, text);
  }
  SUBCASE("short text") { WriteBytes(path, "hello\n"); }
  SUBCASE("binary noise") {
    std::string noise;
    for (int i = 0; i < 8192; ++i) noise.push_back(static_cast<char>((i * 7919 + 13) & 0xff));
    WriteBytes(path, noise);
  }
  CheckRefusedAndUntouched(path);
  auto opened = Registry::Open(path);
  REQUIRE_FALSE(opened.ok());
  CHECK_MENTIONS(opened.status().message(), "notes.db");
}

TEST_CASE("a corrupt SQLite file is refused with kStorage and left untouched") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  Populate(path, clock);
  REQUIRE_FALSE(std::filesystem::exists(path + "-wal"));
  std::string bytes = ReadBytes(path);
  REQUIRE(bytes.size() > 8192);

  SUBCASE("truncated to its first page") { bytes.resize(4096); }
  SUBCASE("truncated mid-page") { bytes.resize(bytes.size() / 2 + 100); }
  SUBCASE("truncated inside the header") { bytes.resize(60); }
  SUBCASE("first page overwritten after the header") {
    for (std::size_t i = 100; i < 4096 && i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5);
  }
  SUBCASE("magic string damaged") { bytes[0] = 'X'; }
  WriteBytes(path, bytes);
  CheckRefusedAndUntouched(path);
}

// SQLite itself treats an empty file as an empty database; `touch registry.db` then open is a
// natural way to start, so an empty file is assumed to become a new registry.
TEST_CASE("an empty file becomes a new registry") {
  TempDir dir;
  const std::string path = dir.File("empty.db");
  WriteBytes(path, "");
  TestClock clock;
  Registry registry = OpenRegistry(clock, path);
  CHECK(StageNames(registry) == "None,Staging,Production,Archived");
  MustCreateModel(registry, "churn");
  CHECK(std::filesystem::file_size(path) > 0);
}

// PRAGMA application_id (4 bytes big-endian at offset 68) marks which program owns an SQLite
// file; a different one stands for a database written by another program. The contract: "a file
// that is not a registry database ... fails with kStorage and is left untouched".
TEST_CASE("an SQLite database of another program is refused with kStorage and left untouched") {
  TempDir dir;
  const std::string path = dir.File("other.db");
  TestClock clock;
  Populate(path, clock);
  REQUIRE_FALSE(std::filesystem::exists(path + "-wal"));
  std::string bytes = ReadBytes(path);
  const char other_program[4] = {'A', 'B', 'C', 'D'};
  bytes.replace(68, 4, other_program, 4);
  WriteBytes(path, bytes);
  CheckRefusedAndUntouched(path);
}

TEST_CASE("another program's SQLite database with no tables yet is refused, not migrated into") {
  TempDir dir;
  const std::string path = dir.File("other.db");
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA application_id = 1094861636", nullptr, nullptr, nullptr) ==
            SQLITE_OK);  // 'ABCD'
    sqlite3_close(db);
  }
  REQUIRE(std::filesystem::file_size(path) > 0);
  CheckRefusedAndUntouched(path);
}

// Refusing a file should leave the directory as it was: no -wal or -shm files left behind (SQLite
// removes them when the refused connection is closed properly).
TEST_CASE("a refused database file leaves no side files behind") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  Populate(path, clock);
  PatchUserVersion(path, ReadUserVersion(path) + 1);
  const auto entries = dir.Entries();
  {
    auto opened = Registry::Open(path, OptionsWith(clock));
    CHECK_ERROR(opened, ErrorCode::kStorage);
  }
  CHECK(Join(dir.Entries()) == Join(entries));
}

TEST_CASE("a directory given as the database path is refused with kStorage") {
  TempDir dir;
  auto opened = Registry::Open(dir.path().string());
  CHECK_ERROR(opened, ErrorCode::kStorage);
  CHECK(dir.Entries().empty());
}

TEST_CASE("failed operations leave nothing in the file for the next opener") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  Populate(path, clock);
  std::string before;
  {
    Registry registry = OpenRegistry(clock, path);
    before = Fingerprint(registry);
    CHECK_ERROR(registry.TransitionStage(Move("churn", 1, "Production")),
                ErrorCode::kFailedPrecondition);
    CHECK_ERROR(registry.TransitionStage(Move("churn", 1, "QA")), ErrorCode::kConflict);
    CHECK_ERROR(registry.CreateModel("churn"), ErrorCode::kAlreadyExists);
    CHECK_ERROR(registry.SetAlias("churn", "latest", 2), ErrorCode::kInvalidArgument);
  }
  Registry registry = OpenRegistry(clock, path);
  CHECK(Fingerprint(registry) == before);
}

// A file name of 253 characters is legal, but SQLite's write-ahead log beside it ("NAME-wal", 257)
// is not: opening such a file must come back as a Status naming it, never as an exception (a
// throwing std::filesystem call once aborted the program here).
TEST_CASE("a file whose name leaves no room for SQLite's -wal is refused with kStorage, no throw") {
  TempDir dir;
  const std::string path = dir.File(std::string(253, 'r'));
  SUBCASE("an empty file") { WriteBytes(path, ""); }
  SUBCASE("a registry renamed to the long name") {
    const std::string short_path = dir.File("registry.db");
    TestClock clock;
    Populate(short_path, clock);
    std::filesystem::rename(short_path, path);
  }
  SUBCASE("no file yet") {}
  const bool existed = std::filesystem::exists(path);
  const std::string before = existed ? ReadBytes(path) : "";
  const auto entries = dir.Entries();
  std::optional<Result<Registry>> opened;
  CHECK_NOTHROW(opened.emplace(Registry::Open(path)));
  REQUIRE(opened.has_value());
  CHECK_ERROR(*opened, ErrorCode::kStorage);
  const std::string message = opened->status().message();
  INFO(message);
  CHECK_MENTIONS(message, path);
  CHECK_MENTIONS(message, "too long");
  if (existed) CHECK(ReadBytes(path) == before);
  CHECK(dir.Entries() == entries);  // nothing created, nothing left beside it
}
