#include "stagecraft/sqlite/database.h"

#include <sqlite3.h>

namespace stagecraft::engine::sqlite {

static_assert(kConstraintForeignKey == SQLITE_CONSTRAINT_FOREIGNKEY);

// ---------------------------------------------------------------------------------------------
// Statement

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::Bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
void Statement::Bind(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
void Statement::Bind(int index, std::string_view text) {
  // An empty std::string_view may have a null data(), which SQLite would bind as NULL.
  sqlite3_bind_text(stmt_, index, text.data() ? text.data() : "", static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}
void Statement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }
bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::string Statement::Text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  status_ = Status::Ok();
  extended_error_ = SQLITE_OK;
}

bool Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && status_.ok()) {
    extended_error_ = sqlite3_extended_errcode(sqlite3_db_handle(stmt_));
    status_ = Status::Storage(sqlite3_errmsg(sqlite3_db_handle(stmt_)));
  }
  return false;
}

Status Statement::Run() {
  while (Step()) {
  }
  return status_;
}

// ---------------------------------------------------------------------------------------------
// Database

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  // A name is a file name, never an SQLite URI ("file:other.db?mode=..."): Debian's SQLite
  // reads URIs by default, and the file checks made on `path` must be about the file opened.
  const std::string name = path.rfind("file:", 0) == 0 ? "./" + path : path;
  int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::Storage("cannot open database '" + path + "': " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  return std::unique_ptr<Database>(new Database(db, path == ":memory:"));
}

std::int64_t Database::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }

Database::~Database() {
  cache_.clear();  // finalize statements before closing
  dynamic_cache_.clear();
  sqlite3_close(db_);
}

Status Database::Exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    return Status::Storage(message);
  }
  return Status::Ok();
}

Status Database::UseWriteAheadLog() {
  constexpr int kWaitMs = 10, kTries = 500;  // the busy timeout set in Open
  Status status = Status::Ok();
  for (int attempt = 0; attempt < kTries; ++attempt) {
    status = Exec("PRAGMA journal_mode = WAL");
    if (status.ok() || (sqlite3_errcode(db_) & 0xff) != SQLITE_BUSY) return status;
    sqlite3_sleep(kWaitMs);
  }
  return status;
}

Result<std::unique_ptr<Statement>> Database::Compile(const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Status::Storage(sqlite3_errmsg(db_));
  }
  return std::make_unique<Statement>(stmt);
}

Result<Statement*> Database::Prepare(const char* sql) {
  auto found = cache_.find(sql);
  if (found != cache_.end()) return found->second.get();
  auto compiled = Compile(sql);
  if (!compiled.ok()) return compiled.status();
  return cache_.emplace(sql, std::move(*compiled)).first->second.get();
}

Result<Statement*> Database::PrepareDynamic(const std::string& sql) {
  auto found = dynamic_cache_.find(sql);
  if (found != dynamic_cache_.end()) return found->second.get();
  constexpr std::size_t kMaxDynamic = 64;
  if (dynamic_cache_.size() >= kMaxDynamic) dynamic_cache_.clear();
  auto compiled = Compile(sql.c_str());
  if (!compiled.ok()) return compiled.status();
  return dynamic_cache_.emplace(sql, std::move(*compiled)).first->second.get();
}

// ---------------------------------------------------------------------------------------------
// Transactions, QueryInt, migrations, errors

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::Begin() {
  auto begin = db_.Prepare("BEGIN IMMEDIATE");
  if (!begin.ok()) return begin.status();
  StatementUse use(**begin);
  SC_RETURN_IF_ERROR(use->Run());
  open_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  auto commit = db_.Prepare("COMMIT");
  if (!commit.ok()) return commit.status();
  StatementUse use(**commit);
  Status status = use->Run();
  if (status.ok()) open_ = false;  // on failure the destructor rolls back
  return status;
}

ReadTransaction::ReadTransaction(Database& db) : db_(db) {
  open_ = sqlite3_get_autocommit(db_.handle()) != 0 &&
          sqlite3_exec(db_.handle(), "BEGIN DEFERRED", nullptr, nullptr, nullptr) == SQLITE_OK;
}

ReadTransaction::~ReadTransaction() {
  if (open_) sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr);
}

Result<std::int64_t> QueryInt(Database& db, const char* sql) {
  auto stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  if (!use->Step()) return use->status().ok() ? Status::Storage("no result") : use->status();
  return use->Int(0);
}

Status ApplyMigrations(Database& db, const std::vector<const char*>& steps, int application_id,
                       std::string_view what) {
  // An up-to-date file is only read (no write lock, so read-only files open). Otherwise the
  // version is read again inside each step's write transaction: two processes opening a new
  // file at once would both read 0 here, and the second would apply step 1 again.
  auto current = QueryInt(db, "PRAGMA user_version");
  if (!current.ok()) return current.status();
  if (*current >= static_cast<std::int64_t>(steps.size())) return Status::Ok();
  for (;;) {
    Transaction transaction(db);
    SC_RETURN_IF_ERROR(transaction.Begin());
    auto user_version = QueryInt(db, "PRAGMA user_version");
    if (!user_version.ok()) return user_version.status();
    const std::int64_t step = *user_version;
    if (step >= static_cast<std::int64_t>(steps.size())) return transaction.Commit();
    Status applied = db.Exec(steps[static_cast<std::size_t>(step)]);
    if (applied.ok()) {
      std::string bump = "PRAGMA user_version = " + std::to_string(step + 1) +
                         "; PRAGMA application_id = " + std::to_string(application_id);
      applied = db.Exec(bump.c_str());
    }
    if (applied.ok()) applied = transaction.Commit();
    if (!applied.ok()) {
      return Status::Storage("cannot upgrade " + std::string(what) + " to schema version " +
                             std::to_string(step + 1) + ": " + applied.message());
    }
  }
}

Status StorageError(std::string_view doing, std::string_view sqlite_message) {
  std::string message = "storage error while ";
  message += doing;
  message += ": ";
  message += sqlite_message;
  return Status::Storage(std::move(message));
}

}  // namespace stagecraft::engine::sqlite
