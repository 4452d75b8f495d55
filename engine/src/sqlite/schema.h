#pragma once
// The registry's schema: append-only migrations, versioned with PRAGMA user_version.

#include <string>

#include "sqlite/database.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::engine::sqlite {

// The schema version this build writes and understands.
int CurrentSchemaVersion();

// Checks that an existing database is a Stagecraft registry this build can use, without writing
// to it: an SQLite file, not truncated, with our application id (or empty), and a schema version
// no newer than ours. `path` is only used in messages.
Status CheckExisting(Database& db, const std::string& path);

// Applies the missing migrations, each with its user_version bump in one transaction.
Status Migrate(Database& db, const std::string& path);

}  // namespace stagecraft::engine::sqlite
