#pragma once
// Thin RAII over the SQLite C API: a connection, prepared statements and transactions.
// The only place in the project that includes <sqlite3.h> (with database.cpp and schema.cpp).

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stagecraft/engine/status.h"

namespace stagecraft::engine::sqlite {

// A prepared statement. Reset on destruction of a Use (see Database::Prepare), finalized with the
// Database. Text is bound SQLITE_TRANSIENT, so arguments may be temporaries.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Bind by 1-based index.
  void Bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void Bind(int index, int value) { sqlite3_bind_int64(stmt_, index, value); }
  void Bind(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
  void Bind(int index, bool value) { sqlite3_bind_int(stmt_, index, value ? 1 : 0); }
  void Bind(int index, std::string_view text) {
    // An empty std::string_view may have a null data(), which SQLite would bind as NULL.
    sqlite3_bind_text(stmt_, index, text.data() ? text.data() : "", static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }
  void Bind(int index, const char* text) { Bind(index, std::string_view(text)); }
  void Bind(int index, const std::string& text) { Bind(index, std::string_view(text)); }
  void BindNull(int index) { sqlite3_bind_null(stmt_, index); }
  void Bind(int index, const std::optional<std::int64_t>& value) {
    if (value) Bind(index, *value); else BindNull(index);
  }

  // Steps once: true when a row is available, false when done. Errors go to status().
  bool Step();
  // Steps to completion; the outcome of the whole run.
  Status Run();
  // The first error Step met since the last Reset, with SQLite's extended code in it.
  const Status& status() const { return status_; }
  int extended_error() const { return extended_error_; }

  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const { return sqlite3_column_double(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string Text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
  }

  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    status_ = Status::Ok();
    extended_error_ = SQLITE_OK;
  }

 private:
  sqlite3_stmt* stmt_;
  Status status_;
  int extended_error_ = SQLITE_OK;
};

// A cached statement borrowed for one use; resets it when the use ends.
class StatementUse {
 public:
  explicit StatementUse(Statement& s) : s_(&s) {}
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;
  ~StatementUse() { s_->Reset(); }
  Statement* operator->() { return s_; }
  Statement& operator*() { return *s_; }

 private:
  Statement* s_;
};

// One SQLite connection with a cache of prepared statements keyed by their SQL text.
class Database {
 public:
  // Opens (creating when `create` is true) the file; ":memory:" is a private in-memory database.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements with no parameters and no result rows wanted.
  Status Exec(const char* sql);
  // A cached prepared statement for `sql` (a string literal: the pointer is the cache key).
  // Preparing fails only on a programming mistake or a broken file; the error is returned.
  Result<Statement*> Prepare(const char* sql);
  // The same for SQL built at run time (keyed by its text; the cache is kept small).
  Result<Statement*> PrepareDynamic(const std::string& sql);

  sqlite3* handle() { return db_; }
  bool in_memory() const { return in_memory_; }
  std::int64_t LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int Changes() const { return sqlite3_changes(db_); }
  // SQLite's message for the last failure on this connection.
  std::string LastError() const { return sqlite3_errmsg(db_); }

 private:
  Database(sqlite3* db, bool in_memory) : db_(db), in_memory_(in_memory) {}
  sqlite3* db_;
  bool in_memory_;
  Result<std::unique_ptr<Statement>> Compile(const char* sql);
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> dynamic_cache_;
};

// BEGIN IMMEDIATE now; ROLLBACK in the destructor unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  // Starts the transaction; kStorage when the database is busy or broken.
  Status Begin();
  Status Commit();

 private:
  Database& db_;
  bool open_ = false;
};

// A read transaction (BEGIN DEFERRED) so that a multi-statement read sees one consistent state.
class ReadTransaction {
 public:
  explicit ReadTransaction(Database& db);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Database& db_;
  bool open_ = false;
};

// The integer the first row of `sql` (a literal) holds, e.g. "PRAGMA user_version".
Result<std::int64_t> QueryInt(Database& db, const char* sql);

// Applies the append-only migration `steps` that `db` lacks (step N takes PRAGMA user_version
// from N to N+1), each with its user_version bump and `application_id` in one transaction, so a
// half-applied step is impossible. `what` names the file in messages ("'registry.db'").
Status ApplyMigrations(Database& db, const std::vector<const char*>& steps, int application_id,
                       std::string_view what);

// Wraps a storage failure with what the engine was doing, e.g. "storage error while creating
// model 'churn': database is locked".
Status StorageError(std::string_view doing, std::string_view sqlite_message);

}  // namespace stagecraft::engine::sqlite
