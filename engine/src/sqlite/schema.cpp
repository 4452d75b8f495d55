#include "sqlite/schema.h"

#include <array>

namespace stagecraft::engine::sqlite {
namespace {

// 'Stgc': marks a file as a Stagecraft registry in the SQLite header (PRAGMA application_id).
constexpr int kApplicationId = 0x53746763;

// Migration N takes user_version N to N+1. Append only: never edit a step that has shipped.
constexpr std::array<const char*, 2> kMigrations = {
    // 0 -> 1: models, versions, stages, aliases, tags, metrics and the append-only audit log.
    R"sql(
    CREATE TABLE stages (
      id        INTEGER PRIMARY KEY AUTOINCREMENT,  -- a removed stage's id is never reused
      name      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
      position  INTEGER NOT NULL,
      exclusive INTEGER NOT NULL DEFAULT 0,
      builtin   INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO stages (id, name, position, builtin) VALUES
      (1, 'None', 0, 1), (2, 'Staging', 1, 1), (3, 'Production', 2, 1), (4, 'Archived', 3, 1);

    -- AUTOINCREMENT: a model id is never reused, so a deleted model's audit events are never
    -- mistaken for those of a later model.
    CREATE TABLE models (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      name         TEXT    NOT NULL UNIQUE,
      description  TEXT    NOT NULL DEFAULT '',
      created_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL,
      next_version INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE model_tags (
      model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
      key      TEXT    NOT NULL,
      value    TEXT    NOT NULL,
      PRIMARY KEY (model_id, key)
    ) WITHOUT ROWID;

    CREATE TABLE versions (
      id          INTEGER PRIMARY KEY,
      model_id    INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
      version     INTEGER NOT NULL,
      source      TEXT    NOT NULL,
      run_id      TEXT    NOT NULL DEFAULT '',
      description TEXT    NOT NULL DEFAULT '',
      creator     TEXT    NOT NULL,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL,
      stage_id    INTEGER NOT NULL REFERENCES stages(id),
      UNIQUE (model_id, version)
    );
    CREATE INDEX versions_by_stage ON versions (model_id, stage_id, version);
    CREATE TABLE version_tags (
      version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
      key        TEXT    NOT NULL,
      value      TEXT    NOT NULL,
      PRIMARY KEY (version_id, key)
    ) WITHOUT ROWID;
    CREATE TABLE version_metrics (
      version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
      key        TEXT    NOT NULL,
      value      REAL    NOT NULL,
      PRIMARY KEY (version_id, key)
    ) WITHOUT ROWID;
    CREATE TABLE aliases (
      model_id   INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
      alias      TEXT    NOT NULL,
      version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
      PRIMARY KEY (model_id, alias)
    ) WITHOUT ROWID;
    CREATE INDEX aliases_by_version ON aliases (version_id);

    -- Model ids and names are copied, not referenced: events outlive what they describe.
    CREATE TABLE audit_log (
      seq        INTEGER PRIMARY KEY AUTOINCREMENT,
      time       INTEGER NOT NULL,
      actor      TEXT    NOT NULL,
      action     TEXT    NOT NULL,
      model_id   INTEGER,
      model_name TEXT    NOT NULL DEFAULT '',
      version    INTEGER,
      from_stage TEXT    NOT NULL DEFAULT '',
      to_stage   TEXT    NOT NULL DEFAULT '',
      comment    TEXT    NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_by_model ON audit_log (model_id, version, seq);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    )sql",

    // 1 -> 2: governance: users and roles, stage gates, transition requests, environments,
    // deployments and their history, and the audit columns deployments need.
    R"sql(
    CREATE TABLE users (
      name       TEXT    PRIMARY KEY,
      role       TEXT    NOT NULL CHECK (role IN ('viewer', 'developer', 'approver', 'admin')),
      created_at INTEGER NOT NULL
    );
    INSERT INTO users (name, role, created_at) VALUES ('admin', 'admin', 0);

    ALTER TABLE stages ADD COLUMN required_approvals INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE stage_gates (
      stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
      kind     TEXT    NOT NULL CHECK (kind IN ('metric', 'tag')),
      key      TEXT    NOT NULL,
      op       TEXT    NOT NULL,  -- for tags always '='
      value    TEXT    NOT NULL,  -- a metric threshold is stored as text that round-trips
      PRIMARY KEY (stage_id, kind, key)
    ) WITHOUT ROWID;

    CREATE TABLE transition_requests (
      id                 INTEGER PRIMARY KEY AUTOINCREMENT,  -- ids people type are never reused
      model_id           INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
      version_id         INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
      -- Stage names, not ids: a request is a record of what was asked, and must not stop a
      -- stage from being removed later (RemoveStage refuses only while one is pending).
      from_stage         TEXT    NOT NULL,
      to_stage           TEXT    NOT NULL,
      archive_existing   INTEGER NOT NULL DEFAULT 0,
      requester          TEXT    NOT NULL,
      comment            TEXT    NOT NULL DEFAULT '',
      status             TEXT    NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
      created_at         INTEGER NOT NULL,
      resolved_at        INTEGER NOT NULL DEFAULT 0,
      resolved_by        TEXT    NOT NULL DEFAULT '',
      resolution_comment TEXT    NOT NULL DEFAULT ''
    );
    CREATE INDEX requests_by_model ON transition_requests (model_id, status);
    CREATE TABLE approvals (
      request_id INTEGER NOT NULL REFERENCES transition_requests(id) ON DELETE CASCADE,
      approver   TEXT    NOT NULL,
      comment    TEXT    NOT NULL DEFAULT '',
      time       INTEGER NOT NULL,
      PRIMARY KEY (request_id, approver)
    ) WITHOUT ROWID;

    CREATE TABLE environments (
      id                INTEGER PRIMARY KEY,
      name              TEXT    NOT NULL UNIQUE COLLATE NOCASE,
      required_stage_id INTEGER REFERENCES stages(id)
    );
    INSERT INTO environments (id, name, required_stage_id) VALUES
      (1, 'staging', NULL), (2, 'production', 3);

    -- What each environment serves of each model now.
    CREATE TABLE deployments (
      model_id          INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
      environment_id    INTEGER NOT NULL REFERENCES environments(id),
      version_id        INTEGER NOT NULL REFERENCES versions(id),
      canary_version_id INTEGER REFERENCES versions(id),
      canary_traffic    INTEGER NOT NULL DEFAULT 0,
      previous_version  INTEGER,
      updated_at        INTEGER NOT NULL,
      PRIMARY KEY (model_id, environment_id)
    ) WITHOUT ROWID;
    CREATE INDEX deployments_by_version ON deployments (version_id);
    CREATE INDEX deployments_by_canary ON deployments (canary_version_id);
    -- Every version served at 100%, in order; a rollback marks the entries it undoes.
    CREATE TABLE deployment_history (
      id             INTEGER PRIMARY KEY,
      model_id       INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
      environment_id INTEGER NOT NULL REFERENCES environments(id),
      version        INTEGER NOT NULL,
      deployed_at    INTEGER NOT NULL,
      rolled_back    INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX history_by_environment ON deployment_history (model_id, environment_id, id);

    ALTER TABLE audit_log ADD COLUMN environment TEXT NOT NULL DEFAULT '';
    ALTER TABLE audit_log ADD COLUMN related_version INTEGER;
    )sql",
};

}  // namespace

int CurrentSchemaVersion() { return static_cast<int>(kMigrations.size()); }

FileKind RegistryFileKind() {
  FileKind kind;
  kind.name = "Stagecraft registry database";
  kind.application_id = kApplicationId;
  kind.schema_version = CurrentSchemaVersion();
  // Catches a damaged schema or damaged pages in the table every operation reads; a registry may
  // be large, so not every page is checked.
  kind.probe_sql = "SELECT count(*) FROM stages";
  return kind;
}

Status Migrate(Database& db, const std::string& path) {
  return ApplyMigrations(db, {kMigrations.begin(), kMigrations.end()}, kApplicationId,
                         "'" + path + "'");
}

}  // namespace stagecraft::engine::sqlite
