#pragma once
// Thin RAII over the SQLite C API: a connection, prepared statements and transactions, the
// migration runner, and QueryInt. Shared by the registry engine and the learning core's progress
// store (target stagecraft_sqlite). <sqlite3.h> stays out of this header: the handles are
// forward-declared, and the few result codes callers branch on are constants below.
//
// The namespace is stagecraft::engine::sqlite because these helpers began inside the engine and
// speak its Status; the engine's own SQL (its schema and queries) stays private to the engine.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stagecraft/engine/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace stagecraft::engine::sqlite {

// SQLite's extended result code for a failed FOREIGN KEY constraint (SQLITE_CONSTRAINT_FOREIGNKEY),
// for comparing with Statement::extended_error(); database.cpp checks it against <sqlite3.h>.
inline constexpr int kConstraintForeignKey = 787;

// A prepared statement. Reset on destruction of a StatementUse (see Database::Prepare), finalized
// with the Database. Text is bound SQLITE_TRANSIENT, so arguments may be temporaries.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Bind by 1-based index.
  void Bind(int index, std::int64_t value);
  void Bind(int index, int value) { Bind(index, std::int64_t{value}); }
  void Bind(int index, double value);
  void Bind(int index, bool value) { Bind(index, std::int64_t{value ? 1 : 0}); }
  void Bind(int index, std::string_view text);
  void Bind(int index, const char* text) { Bind(index, std::string_view(text)); }
  void Bind(int index, const std::string& text) { Bind(index, std::string_view(text)); }
  void BindNull(int index);
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

  std::int64_t Int(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;
  std::string Text(int column) const;

  void Reset();

 private:
  sqlite3_stmt* stmt_;
  Status status_;
  int extended_error_ = 0;  // SQLITE_OK
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
  // The error names `path`.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements with no parameters and no result rows wanted.
  Status Exec(const char* sql);
  // Puts the file in write-ahead-log mode. Switching a new file needs it to itself for a moment,
  // and SQLite does not wait for that on its own: another process opening the same new file
  // would make it fail with "database is locked". This waits as long as the busy timeout (5 s).
  Status UseWriteAheadLog();
  // A cached prepared statement for `sql` (a string literal: the pointer is the cache key).
  // Preparing fails only on a programming mistake or a broken file; the error is returned.
  Result<Statement*> Prepare(const char* sql);
  // The same for SQL built at run time (keyed by its text; the cache is kept small).
  Result<Statement*> PrepareDynamic(const std::string& sql);

  // The raw connection, for code that includes <sqlite3.h> itself (inside the engine only).
  sqlite3* handle() { return db_; }
  bool in_memory() const { return in_memory_; }
  std::int64_t LastInsertRowid() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int Changes() const;

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
