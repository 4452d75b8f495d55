// registry_bench: how fast the registry engine is, measured against raw SQLite doing the same row
// writes (the "floor"). A program, not a test: it prints a readable report (its figures go in the
// README) and exits 1 only when an engine call or SQLite fails.
//
//   build/bench/registry_bench            the full run (about a minute)
//   build/bench/registry_bench --quick    shorter runs and a 100 x 100 registry, to smoke-test
//
// 1. Stage transitions per second, each TransitionStage its own transaction, on a file with the
//    engine's defaults (WAL + synchronous=NORMAL), with Durability::kFull (WAL + synchronous=FULL)
//    and on :memory:. The floor runs BEGIN IMMEDIATE; UPDATE versions; INSERT INTO audit_log;
//    COMMIT through reused prepared statements on a copy of an engine-made database (so the
//    schema, indexes and triggers are exactly the engine's), with the same pragmas.
// 2. CreateModelVersion throughput around version 1, 1,000 and 10,000 of one model.
// 3. ListModelVersions and Resolve latency on a registry of 1,000 models x 100 versions.
//
// Throughput figures are the best of several repetitions of a fixed minimum time; engine and
// floor repetitions alternate so that machine noise hits both alike.

#include <sqlite3.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stagecraft/engine/registry.h"

namespace {

namespace se = stagecraft::engine;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr double kTargetRatio = 0.70;

// ---------------------------------------------------------------------------------------------
// Failing, temp files, formatting

std::string g_tmpdir;  // removed at exit, also on failure

void RemoveTempDir() {
  if (g_tmpdir.empty()) return;
  std::error_code ec;
  fs::remove_all(g_tmpdir, ec);
  g_tmpdir.clear();
}

[[noreturn]] void Fail(const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "registry_bench: error: %s\n", message.c_str());
  RemoveTempDir();
  std::exit(1);
}

[[noreturn]] void FailStatus(const std::string& call, const se::Status& status) {
  Fail("engine call " + call + " failed (" + se::ErrorCodeName(status.code()) +
       "): " + status.message());
}

void Check(const se::Status& status, const std::string& call) {
  if (!status.ok()) FailStatus(call, status);
}

template <typename T>
T Check(se::Result<T> result, const std::string& call) {
  if (!result.ok()) FailStatus(call, result.status());
  return std::move(result).value();
}

// Removes a database file with its -wal and -shm companions.
void RemoveDatabase(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// 12345.6 -> "12,346"
std::string Thousands(double value) {
  auto n = static_cast<long long>(std::llround(value));
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string Fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Runs `op` back to back for at least `min_seconds` and returns operations per second.
template <typename Op>
double RatePerSecond(double min_seconds, Op&& op) {
  const auto start = Clock::now();
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(min_seconds));
  std::int64_t count = 0;
  Clock::time_point now;
  do {
    for (int i = 0; i < 4; ++i) op();
    count += 4;
    now = Clock::now();
  } while (now < deadline);
  return static_cast<double>(count) / Seconds(now - start);
}

// ---------------------------------------------------------------------------------------------
// Raw SQLite

class RawDb {
 public:
  RawDb(const std::string& path, int flags) : path_(path) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      Fail("sqlite3_open_v2('" + path + "'): " + message);
    }
  }
  ~RawDb() {
    for (auto* stmt : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  sqlite3* handle() { return db_; }

  void Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errmsg(db_);
      sqlite3_free(error);
      Fail("SQLite on '" + path_ + "': " + sql + ": " + message);
    }
  }

  sqlite3_stmt* Prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      Fail(std::string("SQLite cannot prepare \"") + sql + "\" (does the floor still match the " +
           "engine's schema in engine/src/sqlite/schema.cpp?): " + sqlite3_errmsg(db_));
    }
    statements_.push_back(stmt);
    return stmt;
  }

  // Steps a statement that returns no rows, then resets it for reuse.
  void Run(sqlite3_stmt* stmt) {
    if (sqlite3_step(stmt) != SQLITE_DONE) {
      Fail(std::string("SQLite: ") + sqlite3_sql(stmt) + ": " + sqlite3_errmsg(db_));
    }
    sqlite3_reset(stmt);
  }

  // The first column of the first row of `sql`, with text parameters bound in order.
  std::int64_t QueryInt(const char* sql, std::initializer_list<std::string_view> params = {}) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) {
      Fail(std::string("SQLite cannot prepare \"") + sql + "\": " + sqlite3_errmsg(db_));
    }
    int index = 1;
    for (auto param : params) {
      sqlite3_bind_text(stmt, index++, param.data(), static_cast<int>(param.size()),
                        SQLITE_TRANSIENT);
    }
    if (sqlite3_step(stmt) != SQLITE_ROW) {
      std::string message = sqlite3_errmsg(db_);
      sqlite3_finalize(stmt);
      Fail(std::string("SQLite: no row from \"") + sql + "\": " + message);
    }
    std::int64_t value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
  }

  std::string QueryText(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string value;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      if (text) value = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
    return value;
  }

  // Copies the whole database at `source_path` into this connection (sqlite3 backup API).
  void CopyFrom(const std::string& source_path) {
    RawDb source(source_path, SQLITE_OPEN_READONLY);
    sqlite3_backup* backup = sqlite3_backup_init(db_, "main", source.handle(), "main");
    if (!backup) Fail("SQLite backup from '" + source_path + "': " + sqlite3_errmsg(db_));
    int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) Fail("SQLite backup from '" + source_path + "' failed: " + sqlite3_errstr(rc));
  }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
};

// ---------------------------------------------------------------------------------------------
// Section 1: transitions, engine vs floor

constexpr const char* kTransitionModel = "bench-model";
constexpr int kSeedVersions = 10;       // versions of kTransitionModel
constexpr std::int64_t kMovedVersion = 5;  // the one that moves between Staging and Production

// What the engine and the floor both start from: one model with a few versions, all in None.
void SeedTransitionModel(se::Registry& registry) {
  Check(registry.CreateModel(kTransitionModel, "transition benchmark"), "CreateModel");
  for (int i = 1; i <= kSeedVersions; ++i) {
    se::NewModelVersion spec;
    spec.model_name = kTransitionModel;
    spec.run_id = "run" + std::to_string(i);
    spec.source = "runs:/" + spec.run_id + "/model";
    Check(registry.CreateModelVersion(spec), "CreateModelVersion");
  }
}

// Moves kMovedVersion between Staging and Production through the engine, one call per op.
class EngineMover {
 public:
  explicit EngineMover(se::Registry& registry) : registry_(registry) {
    to_staging_.model_name = to_production_.model_name = kTransitionModel;
    to_staging_.version = to_production_.version = kMovedVersion;
    to_staging_.stage = se::kStageStaging;
    to_production_.stage = se::kStageProduction;
  }
  void operator()() {
    const se::StageTransition& t = to_production_next_ ? to_production_ : to_staging_;
    auto outcome = registry_.TransitionStage(t, actor_);
    if (!outcome.ok()) {
      FailStatus("TransitionStage(" + t.model_name + " v" + std::to_string(t.version) + " -> " +
                     t.stage + ")",
                 outcome.status());
    }
    to_production_next_ = !to_production_next_;
  }

 private:
  se::Registry& registry_;
  se::StageTransition to_staging_, to_production_;
  se::Actor actor_;
  bool to_production_next_ = false;
};

// Raw SQLite doing the row writes of one transition per transaction: the floor.
class FloorMover {
 public:
  // `path` is a new file (or ":memory:") that gets a copy of the engine-made `seed_path`.
  FloorMover(const std::string& seed_path, const std::string& path, const char* synchronous)
      : db_(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX) {
    db_.CopyFrom(seed_path);
    // The connection settings the engine uses (engine/sqlite/database.cpp, registry.cpp).
    sqlite3_extended_result_codes(db_.handle(), 1);
    sqlite3_busy_timeout(db_.handle(), 5000);
    if (path != ":memory:") {
      db_.Exec("PRAGMA journal_mode = WAL");
      if (db_.QueryText("PRAGMA journal_mode") != "wal") Fail("floor: WAL mode not set on " + path);
    }
    if (synchronous) db_.Exec(std::string("PRAGMA synchronous = ") + synchronous);
    db_.Exec("PRAGMA foreign_keys = ON");

    model_id_ = db_.QueryInt("SELECT id FROM models WHERE name = ?", {kTransitionModel});
    version_row_ = db_.QueryInt(
        "SELECT v.id FROM versions v JOIN models m ON m.id = v.model_id "
        "WHERE m.name = ?1 AND v.version = CAST(?2 AS INTEGER)",
        {kTransitionModel, std::to_string(kMovedVersion)});
    staging_id_ = db_.QueryInt("SELECT id FROM stages WHERE name = ?", {se::kStageStaging});
    production_id_ = db_.QueryInt("SELECT id FROM stages WHERE name = ?", {se::kStageProduction});

    begin_ = db_.Prepare("BEGIN IMMEDIATE");
    update_ = db_.Prepare("UPDATE versions SET stage_id = ?1, updated_at = ?2 WHERE id = ?3");
    insert_ = db_.Prepare(
        "INSERT INTO audit_log (time, actor, action, model_id, model_name, version, from_stage, "
        "to_stage, comment, environment, related_version) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    commit_ = db_.Prepare("COMMIT");
  }

  void operator()() {
    const bool to_production = to_production_next_;
    const char* to = to_production ? se::kStageProduction : se::kStageStaging;
    const std::int64_t now = NowMillis();
    db_.Run(begin_);
    sqlite3_bind_int64(update_, 1, to_production ? production_id_ : staging_id_);
    sqlite3_bind_int64(update_, 2, now);
    sqlite3_bind_int64(update_, 3, version_row_);
    db_.Run(update_);
    sqlite3_bind_int64(insert_, 1, now);
    sqlite3_bind_text(insert_, 2, se::kDefaultActor, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert_, 3, se::kActionTransitionStage, -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert_, 4, model_id_);
    sqlite3_bind_text(insert_, 5, kTransitionModel, -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert_, 6, kMovedVersion);
    sqlite3_bind_text(insert_, 7, from_, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert_, 8, to, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert_, 9, "", 0, SQLITE_STATIC);
    sqlite3_bind_text(insert_, 10, "", 0, SQLITE_STATIC);
    sqlite3_bind_null(insert_, 11);
    db_.Run(insert_);
    db_.Run(commit_);
    from_ = to;
    to_production_next_ = !to_production;
  }

 private:
  RawDb db_;
  std::int64_t model_id_ = 0, version_row_ = 0, staging_id_ = 0, production_id_ = 0;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* update_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
  const char* from_ = se::kStageNone;
  bool to_production_next_ = false;
};

struct TransitionSetting {
  const char* label;
  bool memory;
  se::Durability durability;
  const char* synchronous;  // for the floor; nullptr on :memory:
  double seconds;           // minimum time of one repetition
};

struct TransitionRow {
  double engine = 0;  // transitions per second, best repetition
  double floor = 0;
  double engine_worst = 1e300;  // the worst repetitions, to show how noisy the machine was
  double floor_worst = 1e300;
};

TransitionRow MeasureTransitions(const TransitionSetting& setting, const std::string& seed_path,
                                 int reps, int warmup, int index) {
  const std::string engine_path =
      setting.memory ? ":memory:" : g_tmpdir + "/engine-" + std::to_string(index) + ".db";
  const std::string floor_path =
      setting.memory ? ":memory:" : g_tmpdir + "/floor-" + std::to_string(index) + ".db";
  TransitionRow row;
  {
    se::RegistryOptions options;
    options.durability = setting.durability;
    se::Registry registry = Check(se::Registry::Open(engine_path, options), "Registry::Open");
    SeedTransitionModel(registry);
    EngineMover engine(registry);
    FloorMover floor(seed_path, floor_path, setting.synchronous);
    for (int i = 0; i < warmup; ++i) engine();
    for (int i = 0; i < warmup; ++i) floor();
    for (int rep = 0; rep < reps; ++rep) {
      const double e = RatePerSecond(setting.seconds, engine);
      const double f = RatePerSecond(setting.seconds, floor);
      row.engine = std::max(row.engine, e);
      row.floor = std::max(row.floor, f);
      row.engine_worst = std::min(row.engine_worst, e);
      row.floor_worst = std::min(row.floor_worst, f);
    }
  }
  if (!setting.memory) {
    RemoveDatabase(engine_path);
    RemoveDatabase(floor_path);
  }
  return row;
}

void BenchTransitions(bool quick) {
  const int reps = 3;
  const int warmup = quick ? 50 : 300;
  const double normal_seconds = quick ? 0.15 : 1.0;
  const double full_seconds = quick ? 0.1 : 0.5;
  const std::vector<TransitionSetting> settings = {
      {"file  WAL, synchronous=NORMAL (default)", false, se::Durability::kNormal, "NORMAL",
       normal_seconds},
      {"file  WAL, synchronous=FULL (kFull)", false, se::Durability::kFull, "FULL", full_seconds},
      {":memory:", true, se::Durability::kNormal, nullptr, normal_seconds},
  };

  // The floor's database is a copy of this engine-made one: same schema, same rows.
  const std::string seed_path = g_tmpdir + "/seed.db";
  {
    se::Registry seed = Check(se::Registry::Open(seed_path), "Registry::Open");
    SeedTransitionModel(seed);
  }
  {
    RawDb seed(seed_path, SQLITE_OPEN_READONLY);
    auto count = [&](const char* type) {
      return seed.QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = ? AND name NOT LIKE "
                           "'sqlite_%'",
                           {type});
    };
    std::printf("\n== 1. Stage transitions per second ==\n");
    std::printf(
        "Each call moves %s v%lld between Staging and Production in its own transaction.\n"
        "Floor: raw SQLite, prepared statements reused: BEGIN IMMEDIATE; UPDATE versions SET\n"
        "stage_id, updated_at; INSERT INTO audit_log (the engine's columns, seq autoincrement);\n"
        "COMMIT -- on a copy of an engine-made database (schema v%lld: %lld tables, %lld indexes,\n"
        "%lld triggers), same journal mode, synchronous and foreign_keys.\n"
        "Best of %d repetitions of %.2f s (FULL: %.2f s), engine and floor alternating.\n\n",
        kTransitionModel, static_cast<long long>(kMovedVersion),
        static_cast<long long>(seed.QueryInt("PRAGMA user_version")),
        static_cast<long long>(count("table")), static_cast<long long>(count("index")),
        static_cast<long long>(count("trigger")), reps, normal_seconds, full_seconds);
  }

  std::printf("%-40s %10s %10s %6s %6s %17s %7s\n", "setting", "engine/s", "floor/s", "ratio",
              "target", "us/txn eng|floor", "spread");
  int index = 0;
  for (const auto& setting : settings) {
    TransitionRow row = MeasureTransitions(setting, seed_path, reps, warmup, index++);
    const double ratio = row.engine / row.floor;
    const double spread =
        std::max(1 - row.engine_worst / row.engine, 1 - row.floor_worst / row.floor) * 100;
    std::printf("%-40s %10s %10s %6s %6s %8s|%-8s %6.0f%%\n", setting.label,
                Thousands(row.engine).c_str(), Thousands(row.floor).c_str(),
                Fixed(ratio, 2).c_str(), ratio >= kTargetRatio ? "PASS" : "BELOW",
                Fixed(1e6 / row.engine, 1).c_str(), Fixed(1e6 / row.floor, 1).c_str(), spread);
    std::fflush(stdout);
  }
  std::printf("target: engine/floor >= %.2f at every setting. spread: how far the worst repetition\n"
              "fell below the best (engine or floor); a large spread means a noisy machine.\n",
              kTargetRatio);
  RemoveDatabase(seed_path);
}

// ---------------------------------------------------------------------------------------------
// Section 2: CreateModelVersion as one model grows

void BenchCreates() {
  const int reps = 3;
  // 500 creates write a few thousand WAL pages, so every batch (the first one too) pays its share
  // of the automatic checkpoints, which run every 1,000 pages.
  const int batch = 500;
  const std::vector<std::int64_t> points = {1, 1001, 10001};
  const std::string model = "growing-model";

  std::printf("\n== 2. CreateModelVersion throughput as one model grows ==\n");
  std::printf(
      "One model on a file (default settings); each create its own transaction with a source,\n"
      "run id, 1 metric and 1 tag. Timed batches of %d creates starting at each version; the\n"
      "gaps are filled with untimed creates. Best of %d fresh databases.\n\n",
      batch, reps);

  std::vector<double> best(points.size(), 0.0);
  double fill_rate = 0;
  for (int rep = 0; rep < reps; ++rep) {
    const std::string path = g_tmpdir + "/create-" + std::to_string(rep) + ".db";
    {
      se::Registry registry = Check(se::Registry::Open(path), "Registry::Open");
      Check(registry.CreateModel(model, "create benchmark"), "CreateModel");
      std::int64_t next = 1;
      auto make_spec = [&](std::int64_t n) {
        se::NewModelVersion spec;
        spec.model_name = model;
        char run_id[40];
        std::snprintf(run_id, sizeof run_id, "%032llx", static_cast<unsigned long long>(n * 2654435761ULL));
        spec.run_id = run_id;
        spec.source = "runs:/" + spec.run_id + "/model";
        spec.metrics["accuracy"] = 0.5 + static_cast<double>(n % 500) / 1000.0;
        std::string dataset = "v";  // not "v" + to_string(): g++ 12 -O3 warns falsely (PR 105651)
        dataset += std::to_string(n % 7);
        spec.tags["dataset"] = dataset;
        return spec;
      };
      auto create = [&](const se::NewModelVersion& spec, std::int64_t expected) {
        auto created = registry.CreateModelVersion(spec);
        if (!created.ok()) {
          FailStatus("CreateModelVersion(" + model + ", expecting v" + std::to_string(expected) + ")",
                     created.status());
        }
        if (created->version != expected) {
          Fail("CreateModelVersion gave v" + std::to_string(created->version) + ", expected v" +
               std::to_string(expected));
        }
      };
      double fill_seconds = 0;
      std::int64_t filled = 0;
      for (std::size_t p = 0; p < points.size(); ++p) {
        const auto fill_start = Clock::now();
        for (; next < points[p]; ++next, ++filled) create(make_spec(next), next);
        fill_seconds += Seconds(Clock::now() - fill_start);

        std::vector<se::NewModelVersion> specs;
        for (int i = 0; i < batch; ++i) specs.push_back(make_spec(next + i));
        const auto start = Clock::now();
        for (const auto& spec : specs) create(spec, next++);
        best[p] = std::max(best[p], batch / Seconds(Clock::now() - start));
      }
      if (fill_seconds > 0) fill_rate = std::max(fill_rate, static_cast<double>(filled) / fill_seconds);
    }
    RemoveDatabase(path);
  }

  std::printf("%-26s %12s\n", "batch starting at version", "versions/s");
  for (std::size_t p = 0; p < points.size(); ++p) {
    std::printf("%-26s %12s\n", Thousands(static_cast<double>(points[p])).c_str(),
                Thousands(best[p]).c_str());
  }
  const double ratio = best.back() / best.front();
  std::printf("untimed fill between the batches: %s versions/s\n", Thousands(fill_rate).c_str());
  std::printf("last/first: %.2f  %s (must not fall; below 0.85 counts as falling)\n", ratio,
              ratio >= 0.85 ? "PASS" : "FALLS");
  std::printf("For comparison, MLflow's store falls from 170/s to 49/s over its first thousand "
              "versions (0.29).\n");
}

// ---------------------------------------------------------------------------------------------
// Section 3: read latency on a big registry

struct Latency {
  double median = 0, p99 = 0, mean = 0;  // microseconds
};

Latency Summarize(std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  Latency l;
  const std::size_t n = micros.size();
  l.median = n % 2 ? micros[n / 2] : (micros[n / 2 - 1] + micros[n / 2]) / 2;
  std::size_t p99 = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(n)));
  l.p99 = micros[std::min(n, std::max<std::size_t>(p99, 1)) - 1];
  double sum = 0;
  for (double m : micros) sum += m;
  l.mean = sum / static_cast<double>(n);
  return l;
}

void BenchReads(bool quick) {
  const int models = quick ? 100 : 1000;
  const int versions = 100;
  const int queries = quick ? 500 : 2000;
  const int reps = quick ? 1 : 3;
  // Per model: stages and aliases on these versions (Resolve checks the answers).
  constexpr std::int64_t kArchived = 60, kProduction = 80, kStaging = 90, kPlain = 57;

  std::printf("\n== 3. Read latency on a registry of %s models x %d versions ==\n",
              Thousands(models).c_str(), versions);

  const std::string path = g_tmpdir + "/big.db";
  std::vector<std::string> names;
  for (int m = 0; m < models; ++m) {
    char name[32];
    std::snprintf(name, sizeof name, "model-%04d", m);
    names.emplace_back(name);
  }
  {
    se::Registry registry = Check(se::Registry::Open(path), "Registry::Open");
    long long metric_count = 0, tag_count = 0, other_calls = 0;
    const auto build_start = Clock::now();
    for (const auto& name : names) {
      Check(registry.CreateModel(name, "a model of the read benchmark"), "CreateModel(" + name + ")");
      for (int v = 1; v <= versions; ++v) {
        se::NewModelVersion spec;
        spec.model_name = name;
        spec.run_id = "run-" + name + "-" + std::to_string(v);
        spec.source = "runs:/" + spec.run_id + "/model";
        spec.metrics["accuracy"] = 0.5 + v / 250.0;
        ++metric_count;
        if (v % 5 == 0) {
          spec.metrics["f1"] = 0.4 + v / 300.0;
          spec.tags["validated"] = "true";
          metric_count += 1;
          tag_count += 1;
        }
        if (v % 10 == 0) {
          spec.tags["dataset"] = "2024-q" + std::to_string(v % 4 + 1);
          tag_count += 1;
        }
        auto created = registry.CreateModelVersion(spec);
        if (!created.ok()) {
          FailStatus("CreateModelVersion(" + name + " v" + std::to_string(v) + ")", created.status());
        }
      }
      auto move = [&](std::int64_t version, const char* stage) {
        se::StageTransition t;
        t.model_name = name;
        t.version = version;
        t.stage = stage;
        Check(registry.TransitionStage(t),
              "TransitionStage(" + name + " v" + std::to_string(version) + " -> " + stage + ")");
      };
      move(kArchived, se::kStageArchived);
      move(kProduction, se::kStageProduction);
      move(kStaging, se::kStageStaging);
      Check(registry.SetAlias(name, "champion", kProduction), "SetAlias(" + name + "@champion)");
      Check(registry.SetAlias(name, "challenger", kStaging), "SetAlias(" + name + "@challenger)");
      other_calls += 1 + 3 + 2;
    }
    const double build_seconds = Seconds(Clock::now() - build_start);
    const long long total_versions = static_cast<long long>(models) * versions;
    std::error_code ec;
    const auto size = fs::file_size(path, ec) + fs::file_size(path + "-wal", ec);
    std::printf(
        "Built with the engine API on a file (default settings), one transaction per call:\n"
        "%s models, %s versions (%s metrics, %s tags, given at creation), 3 transitions and 2\n"
        "aliases per model: %s calls in %.2f s (%s calls/s), file %.1f MB.\n",
        Thousands(models).c_str(), Thousands(static_cast<double>(total_versions)).c_str(),
        Thousands(static_cast<double>(metric_count)).c_str(),
        Thousands(static_cast<double>(tag_count)).c_str(),
        Thousands(static_cast<double>(total_versions + other_calls)).c_str(), build_seconds,
        Thousands(static_cast<double>(total_versions + other_calls) / build_seconds).c_str(),
        static_cast<double>(size) / 1e6);
  }

  // Reopened, as an application would after start-up.
  se::Registry registry = Check(se::Registry::Open(path), "Registry::Open");
  std::vector<std::string> production_uris, alias_uris, version_uris;
  for (const auto& name : names) {
    production_uris.push_back("models:/" + name + "/Production");
    alias_uris.push_back("models:/" + name + "@champion");
    version_uris.push_back("models:/" + name + "/" + std::to_string(kPlain));
  }

  struct Query {
    const char* label;
    std::function<void(std::size_t model)> run;
  };
  // Each run times only the call itself; the answer is checked after the clock stops.
  std::vector<double> sink;
  const std::vector<Query> kinds = {
      {"ListModelVersions(NAME)",
       [&](std::size_t m) {
         const auto start = Clock::now();
         auto listed = registry.ListModelVersions(names[m]);
         sink.push_back(Seconds(Clock::now() - start) * 1e6);
         if (!listed.ok()) FailStatus("ListModelVersions(" + names[m] + ")", listed.status());
         if (listed->size() != static_cast<std::size_t>(versions)) {
           Fail("ListModelVersions(" + names[m] + ") gave " + std::to_string(listed->size()) +
                " versions, expected " + std::to_string(versions));
         }
       }},
      {"Resolve(models:/NAME/Production)",
       [&](std::size_t m) {
         const auto start = Clock::now();
         auto found = registry.Resolve(production_uris[m]);
         sink.push_back(Seconds(Clock::now() - start) * 1e6);
         if (!found.ok()) FailStatus("Resolve(" + production_uris[m] + ")", found.status());
         if (found->version != kProduction) Fail("Resolve(" + production_uris[m] + "): wrong version");
       }},
      {"Resolve(models:/NAME@champion)",
       [&](std::size_t m) {
         const auto start = Clock::now();
         auto found = registry.Resolve(alias_uris[m]);
         sink.push_back(Seconds(Clock::now() - start) * 1e6);
         if (!found.ok()) FailStatus("Resolve(" + alias_uris[m] + ")", found.status());
         if (found->version != kProduction) Fail("Resolve(" + alias_uris[m] + "): wrong version");
       }},
      {"Resolve(models:/NAME/57)",
       [&](std::size_t m) {
         const auto start = Clock::now();
         auto found = registry.Resolve(version_uris[m]);
         sink.push_back(Seconds(Clock::now() - start) * 1e6);
         if (!found.ok()) FailStatus("Resolve(" + version_uris[m] + ")", found.status());
         if (found->version != kPlain) Fail("Resolve(" + version_uris[m] + "): wrong version");
       }},
  };

  std::printf("%s random queries per call (uniform over the models), after a warm-up; best of %d "
              "passes by median.\n\n",
              Thousands(queries).c_str(), reps);
  std::printf("%-36s %12s %12s %12s\n", "call", "median us", "p99 us", "mean us");
  std::mt19937_64 rng(20240601);
  std::uniform_int_distribution<std::size_t> pick(0, names.size() - 1);
  for (const auto& kind : kinds) {
    for (int i = 0; i < 200; ++i) kind.run(pick(rng));  // warm-up
    Latency best;
    best.median = INFINITY;
    for (int rep = 0; rep < reps; ++rep) {
      sink.clear();
      sink.reserve(static_cast<std::size_t>(queries));
      for (int q = 0; q < queries; ++q) kind.run(pick(rng));
      Latency l = Summarize(sink);
      if (l.median < best.median) best = l;
    }
    std::printf("%-36s %12s %12s %12s\n", kind.label, Fixed(best.median, 1).c_str(),
                Fixed(best.p99, 1).c_str(), Fixed(best.mean, 1).c_str());
    std::fflush(stdout);
  }
}

// ---------------------------------------------------------------------------------------------
// Header

std::string CpuName() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown CPU";
}

// "0.12 0.30 0.25" (1, 5 and 15 minutes), and whether the last minute's exceeds `limit`.
std::string LoadAverage(double limit, bool* busy) {
  std::ifstream in("/proc/loadavg");
  double one = 0, five = 0, fifteen = 0;
  if (!(in >> one >> five >> fifteen)) {
    *busy = false;
    return "unknown";
  }
  *busy = one > limit;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f %.2f %.2f", one, five, fifteen);
  return buffer;
}

// `own` is the load this benchmark itself adds to the figure (about 1 once it has run a while).
void PrintLoad(const char* when, double own) {
  bool busy = false;
  const std::string load = LoadAverage(own + 0.5, &busy);
  std::printf("load avg:  %s (%s)%s\n", load.c_str(), when,
              busy ? " -- other processes are running: figures will be noisy and low" : "");
}

std::string FilesystemType(const std::string& path) {
  struct statfs info {};
  if (statfs(path.c_str(), &info) != 0) return "unknown";
  switch (static_cast<unsigned long>(info.f_type)) {
    case 0xEF53: return "ext4";
    case 0x01021994: return "tmpfs";
    case 0x58465342: return "xfs";
    case 0x9123683E: return "btrfs";
    case 0x794C7630: return "overlayfs";
    case 0x65735546: return "fuse";
    default: {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "fs 0x%lx", static_cast<unsigned long>(info.f_type));
      return buffer;
    }
  }
}

void Usage(std::FILE* out) {
  std::fprintf(out,
               "usage: registry_bench [--quick] [--dir PARENT] [--only transitions|create|read]\n"
               "  --quick   shorter runs and a 100 x 100 registry (a smoke test)\n"
               "  --dir     where the temporary databases go (default: $TMPDIR or /tmp)\n"
               "  --only    run one section (for profiling)\n");
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string parent;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--quick") {
      quick = true;
    } else if (arg == "--dir" && i + 1 < argc) {
      parent = argv[++i];
    } else if (arg == "--only" && i + 1 < argc) {
      only = argv[++i];
      if (only != "transitions" && only != "create" && only != "read") {
        Usage(stderr);
        return 2;
      }
    } else if (arg == "--help" || arg == "-h") {
      Usage(stdout);
      return 0;
    } else {
      Usage(stderr);
      return 2;
    }
  }
  if (parent.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    parent = tmp && *tmp ? tmp : "/tmp";
  }
  std::string pattern = parent + "/registry_bench.XXXXXX";
  if (!mkdtemp(pattern.data())) {
    std::fprintf(stderr, "registry_bench: error: cannot create a directory in %s: %s\n",
                 parent.c_str(), std::strerror(errno));
    return 1;
  }
  g_tmpdir = pattern;

  std::string command = "build/bench/registry_bench";
  for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
  std::printf("Stagecraft registry benchmark\n");
  std::printf("reproduce: cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && "
              "cmake --build build --target registry_bench && %s\n",
              command.c_str());
  std::printf("machine:   %s, %ld CPUs; SQLite %s\n", CpuName().c_str(), sysconf(_SC_NPROCESSORS_ONLN),
              sqlite3_libversion());
#if defined(__OPTIMIZE__) && defined(NDEBUG)
  std::printf("build:     optimized, NDEBUG\n");
#elif defined(__OPTIMIZE__)
  std::printf("build:     optimized, assertions on (use -DCMAKE_BUILD_TYPE=Release for figures)\n");
#else
  std::printf("build:     NOT OPTIMIZED: figures are meaningless; use -DCMAKE_BUILD_TYPE=Release\n");
#endif
  const std::string fs_type = FilesystemType(g_tmpdir);
  std::printf("databases: %s (%s)%s%s\n", g_tmpdir.c_str(), fs_type.c_str(),
              fs_type == "tmpfs" ? " -- tmpfs has no real fsync: FULL figures are not a disk's" : "",
              quick ? "\nmode:      --quick (smoke test: short runs, small registry)" : "");
  PrintLoad("at start", 0);
  std::fflush(stdout);

  const auto start = Clock::now();
  if (only.empty() || only == "transitions") BenchTransitions(quick);
  if (only.empty() || only == "create") BenchCreates();
  if (only.empty() || only == "read") BenchReads(quick);
  std::printf("\n");
  PrintLoad("at end, including this run", 1);
  std::printf("total time %.1f s\n", Seconds(Clock::now() - start));
  RemoveTempDir();
  return 0;
}
