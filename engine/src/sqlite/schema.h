#pragma once
// The registry's schema: append-only migrations, versioned with PRAGMA user_version.

#include <string>

#include "stagecraft/sqlite/database.h"
#include "stagecraft/sqlite/file_check.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::engine::sqlite {

// The schema version this build writes and understands.
int CurrentSchemaVersion();

// What the open-time check (CheckDatabaseFile) expects of a registry file: our application id, a
// schema version no newer than ours, and a readable `stages` table.
FileKind RegistryFileKind();

// Applies the missing migrations, each with its user_version bump in one transaction.
Status Migrate(Database& db, const std::string& path);

}  // namespace stagecraft::engine::sqlite
