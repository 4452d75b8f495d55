#pragma once
// Registry::Impl: the state behind a Registry, shared by the files that implement its operations
// (registry.cpp: models, versions, stages, aliases, search; governance.cpp: users, requests;
// gates.cpp: gates; deployments.cpp: environments, deployments; rollback.cpp: rollback).

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "names.h"
#include "stagecraft/sqlite/database.h"
#include "stagecraft/engine/registry.h"
#include "stagecraft/engine/search_filter.h"

namespace stagecraft::engine {

using sqlite::Statement;
using sqlite::StatementUse;

inline constexpr std::int64_t kNoneStageId = 1;  // the built-in stages have fixed ids (schema v1)
inline constexpr std::int64_t kProductionStageId = 3;
inline constexpr std::int64_t kArchivedStageId = 4;

inline Timestamp SystemNow() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The error of a Status or of a Result, for code generic over both.
inline Status StatusOf(const Status& status) { return status; }
template <typename T>
Status StatusOf(const Result<T>& result) {
  return result.status();
}

// "version 2 of model 'churn'"
inline std::string VersionName(std::string_view model, std::int64_t version) {
  return "version " + std::to_string(version) + " of model " + Quote(model);
}

// The connection, the stage cache, listeners and the events of the open transaction.
struct Registry::Impl {
  std::string path;
  RegistryOptions options;
  std::unique_ptr<sqlite::Database> db;

  struct StageRow {
    std::int64_t id;
    Stage stage;
  };
  std::vector<StageRow> stages;  // by position
  struct EnvironmentRow {
    std::int64_t id;
    Environment environment;
    std::int64_t required_stage_id;  // 0 for none
  };
  std::vector<EnvironmentRow> environments;  // by name
  std::map<std::string, User, std::less<>> users;
  bool stages_valid = false;  // the whole catalog: stages, environments, users
  std::int64_t data_version = -1;

  // What the operation in progress is about, for the audit event of a refusal.
  struct RefusalContext {
    std::optional<std::int64_t> model_id;
    std::string model_name;
    std::optional<std::int64_t> version;
    std::string stage;
    std::string environment;
  };
  RefusalContext context;
  bool refused = false;  // the body's error is a governance refusal, audited after rollback

  std::vector<AuditEvent> pending;  // events of the open write transaction
  std::map<SubscriptionId, ChangeListener> listeners;
  SubscriptionId next_subscription = 1;

  Timestamp Now() const { return options.clock ? options.clock() : SystemNow(); }

  // --- catalog cache: stages, environments, users ---------------------------------------------------------------------------

  // Reloads stages, gates, users and environments when they may be stale: after a failed
  // write, or when another connection committed (PRAGMA data_version changes only for other
  // connections' commits). Defined in governance.cpp.
  Status RefreshCatalog();

  const StageRow* FindStage(std::string_view name) const {
    for (const auto& row : stages) {
      if (EqualsIgnoreCase(row.stage.name, name)) return &row;
    }
    return nullptr;
  }
  const StageRow* StageById(std::int64_t id) const {
    for (const auto& row : stages) {
      if (row.id == id) return &row;
    }
    return nullptr;
  }
  std::string StageName(std::int64_t id) const {
    const auto* row = StageById(id);
    return row ? row->stage.name : "?";
  }
  std::string KnownStages() const {
    std::string list;
    for (const auto& row : stages) {
      if (!list.empty()) list += ", ";
      list += row.stage.name;
    }
    return list;
  }
  Result<const StageRow*> RequireStage(std::string_view name) const {
    if (const auto* row = FindStage(name)) return row;
    return Status::UnknownStage("unknown stage " + Quote(name) + "; known stages: " +
                                KnownStages());
  }

  // --- transactions and audit ----------------------------------------------------------------

  // Runs `body` in one write transaction; see the comment at the top of registry.cpp. A
  // refusal (see Refuse) is audited in a transaction of its own after the rollback.
  template <typename Body>
  auto Write(const Actor& actor, Body&& body) -> decltype(body()) {
    pending.clear();
    context = RefusalContext{};
    refused = false;
    decltype(body()) result = Status::Storage("not run");
    {
      sqlite::Transaction transaction(*db);
      Status begun = transaction.Begin();
      if (!begun.ok()) return sqlite::StorageError("starting a transaction", begun.message());
      Status refreshed = RefreshCatalog();
      if (!refreshed.ok()) return refreshed;
      result = body();
      if (result.ok()) {
        Status committed = transaction.Commit();
        if (committed.ok()) {
          Notify();
          return result;
        }
        result = sqlite::StorageError("committing", committed.message());
      }
    }  // rolled back
    stages_valid = false;  // the body may have changed the catalog before it failed
    pending.clear();
    if (refused) RecordRefusal(actor, StatusOf(result).message());
    return result;
  }

  // Marks `status` as a governance refusal: the operation changes nothing, but the refusal
  // itself is audited.
  Status Refuse(Status status) {
    refused = true;
    return status;
  }

  // Refuses unless `actor` has at least `needed`; `doing` completes "user 'bob' (viewer) cannot
  // ...", e.g. "move a version into gated stage 'Production'".
  Status Authorize(const Actor& actor, Role needed, std::string_view doing);
  // Refusal check + audit helpers, defined in governance.cpp.
  void RecordRefusal(const Actor& actor, const std::string& message);

  // Appends one audit event inside the open transaction.
  Status Audit(std::string_view action, std::optional<std::int64_t> model_id,
               std::string_view model_name, std::optional<std::int64_t> version,
               std::string_view from_stage, std::string_view to_stage, std::string_view comment,
               const Actor& actor, std::string_view environment = {},
               std::optional<std::int64_t> related_version = std::nullopt) {
    auto insert = db->Prepare(
        "INSERT INTO audit_log (time, actor, action, model_id, model_name, version, from_stage, "
        "to_stage, comment, environment, related_version) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!insert.ok()) return insert.status();
    const Timestamp time = Now();
    StatementUse use(**insert);
    use->Bind(1, time);
    use->Bind(2, actor.name);
    use->Bind(3, action);
    use->Bind(4, model_id);
    use->Bind(5, model_name);
    use->Bind(6, version);
    use->Bind(7, from_stage);
    use->Bind(8, to_stage);
    use->Bind(9, comment);
    use->Bind(10, environment);
    use->Bind(11, related_version);
    SC_RETURN_IF_ERROR(use->Run());
    if (listeners.empty()) return Status::Ok();  // nobody to tell: skip building the event
    AuditEvent event;
    event.seq = db->LastInsertRowid();
    event.time = time;
    event.actor = actor.name;
    event.action = action;
    event.model_name = model_name;
    event.version = version;
    event.from_stage = from_stage;
    event.to_stage = to_stage;
    event.comment = comment;
    event.environment = environment;
    event.related_version = related_version;
    pending.push_back(std::move(event));
    return Status::Ok();
  }

  void Notify() {
    if (pending.empty() || listeners.empty()) return;
    auto events = std::move(pending);
    pending.clear();
    // A copy: a listener may unsubscribe itself.
    auto current = listeners;
    for (auto& [id, listener] : current) listener(events);
  }

  // Runs a single statement that changes rows; the statement's status.
  template <typename Bind>  // a template, not std::function: no allocation on the hot path
  Status Exec(const char* sql, Bind&& bind) {
    auto stmt = db->Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    bind(*use);
    return use->Run();
  }

  // --- lookups -------------------------------------------------------------------------------

  struct ModelRow {
    std::int64_t id;
    std::int64_t next_version;
  };
  Result<ModelRow> FindModel(std::string_view name) {
    auto select = db->Prepare("SELECT id, next_version FROM models WHERE name = ?1");
    if (!select.ok()) return select.status();
    StatementUse use(**select);
    use->Bind(1, name);
    context.model_name = std::string(name);
    if (use->Step()) {
      context.model_id = use->Int(0);
      return ModelRow{use->Int(0), use->Int(1)};
    }
    SC_RETURN_IF_ERROR(use->status());
    return Status::NotFound("no model named " + Quote(name));
  }

  struct VersionRow {
    std::int64_t id;
    std::int64_t model_id;
    std::int64_t stage_id;
  };
  Result<VersionRow> FindVersion(std::string_view model_name, std::int64_t version) {
    auto select = db->Prepare(
        "SELECT v.id, v.model_id, v.stage_id FROM versions v JOIN models m ON m.id = v.model_id "
        "WHERE m.name = ?1 AND v.version = ?2");
    if (!select.ok()) return select.status();
    {
      StatementUse use(**select);
      use->Bind(1, model_name);
      use->Bind(2, version);
      context.version = version;
      if (use->Step()) {
        context.model_name = std::string(model_name);
        context.model_id = use->Int(1);
        return VersionRow{use->Int(0), use->Int(1), use->Int(2)};
      }
      SC_RETURN_IF_ERROR(use->status());
    }
    auto model = FindModel(model_name);
    if (!model.ok()) return model.status();
    return Status::NotFound("model " + Quote(model_name) + " has no version " +
                            std::to_string(version));
  }

  // The version number `alias` points at, or nullopt when the model has no such alias.
  Result<std::optional<std::int64_t>> AliasTarget(std::int64_t model_id, std::string_view alias) {
    auto select = db->Prepare(
        "SELECT v.version FROM aliases a JOIN versions v ON v.id = a.version_id "
        "WHERE a.model_id = ?1 AND a.alias = ?2");
    if (!select.ok()) return select.status();
    StatementUse use(**select);
    use->Bind(1, model_id);
    use->Bind(2, alias);
    std::optional<std::int64_t> version;
    if (use->Step()) version = use->Int(0);
    SC_RETURN_IF_ERROR(use->status());
    return version;
  }

  // --- loaders -------------------------------------------------------------------------------

  // Runs `sql` (bound by `bind`), whose first column is the row id of a parent, and hands each
  // row to `apply` with the parent `index` maps that id to. Tags, metrics and aliases are loaded
  // this way: one query per kind for all the parents at once.
  template <typename Parent, typename Apply>
  Status AttachRows(const std::string& sql, const std::function<void(Statement&)>& bind,
                    const std::unordered_map<std::int64_t, std::size_t>& index,
                    std::vector<Parent>& parents, Apply&& apply) {
    auto stmt = db->PrepareDynamic(sql);
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    bind(*use);
    while (use->Step()) {
      auto found = index.find(use->Int(0));
      if (found != index.end()) apply(parents[found->second], *use);
    }
    return use->status();
  }

  // Loads the versions selected by `where` (SQL over `v` = versions and `m` = models, with
  // numbered parameters bound by `bind`), with their tags, metrics and aliases.
  Result<std::vector<ModelVersion>> LoadVersions(const std::string& where,
                                                 const std::function<void(Statement&)>& bind) {
    const std::string selected =
        "SELECT v.id FROM versions v JOIN models m ON m.id = v.model_id WHERE " + where;
    std::vector<ModelVersion> versions;
    std::unordered_map<std::int64_t, std::size_t> index;
    {
      auto stmt = db->PrepareDynamic(
          "SELECT v.id, m.name, v.version, v.source, v.run_id, v.description, v.creator, "
          "v.created_at, v.updated_at, v.stage_id FROM versions v JOIN models m ON m.id = "
          "v.model_id WHERE " + where + " ORDER BY m.name, v.version");
      if (!stmt.ok()) return stmt.status();
      StatementUse use(**stmt);
      bind(*use);
      while (use->Step()) {
        ModelVersion mv;
        mv.model_name = use->Text(1);
        mv.version = use->Int(2);
        mv.source = use->Text(3);
        mv.run_id = use->Text(4);
        mv.description = use->Text(5);
        mv.creator = use->Text(6);
        mv.created_at = use->Int(7);
        mv.updated_at = use->Int(8);
        mv.stage = StageName(use->Int(9));
        index.emplace(use->Int(0), versions.size());
        versions.push_back(std::move(mv));
      }
      SC_RETURN_IF_ERROR(use->status());
    }
    if (versions.empty()) return versions;
    auto each_row = [&](const std::string& sql, auto&& apply) {
      return AttachRows(sql, bind, index, versions, apply);
    };
    SC_RETURN_IF_ERROR(each_row(
        "SELECT version_id, key, value FROM version_tags WHERE version_id IN (" + selected + ")",
        [](ModelVersion& mv, Statement& row) { mv.tags[row.Text(1)] = row.Text(2); }));
    SC_RETURN_IF_ERROR(each_row(
        "SELECT version_id, key, value FROM version_metrics WHERE version_id IN (" + selected +
            ")",
        [](ModelVersion& mv, Statement& row) { mv.metrics[row.Text(1)] = row.Double(2); }));
    SC_RETURN_IF_ERROR(each_row(
        "SELECT version_id, alias FROM aliases WHERE version_id IN (" + selected +
            ") ORDER BY alias",
        [](ModelVersion& mv, Statement& row) { mv.aliases.push_back(row.Text(1)); }));
    return versions;
  }

  Result<ModelVersion> LoadVersion(std::int64_t version_id) {
    auto loaded = LoadVersions("v.id = ?1", [&](Statement& s) { s.Bind(1, version_id); });
    if (!loaded.ok()) return loaded.status();
    if (loaded->empty()) return Status::NotFound("version row " + std::to_string(version_id));
    return std::move(loaded->front());
  }

  // Loads the models selected by `where` (SQL over `m` = models).
  Result<std::vector<RegisteredModel>> LoadModels(const std::string& where,
                                                  const std::function<void(Statement&)>& bind) {
    std::vector<RegisteredModel> models;
    std::unordered_map<std::int64_t, std::size_t> index;
    {
      auto stmt = db->PrepareDynamic(
          "SELECT m.id, m.name, m.description, m.created_at, m.updated_at, "
          "(SELECT max(version) FROM versions WHERE model_id = m.id) FROM models m WHERE " +
          where + " ORDER BY m.name");
      if (!stmt.ok()) return stmt.status();
      StatementUse use(**stmt);
      bind(*use);
      while (use->Step()) {
        RegisteredModel model;
        model.name = use->Text(1);
        model.description = use->Text(2);
        model.created_at = use->Int(3);
        model.updated_at = use->Int(4);
        model.latest_version = use->IsNull(5) ? 0 : use->Int(5);
        index.emplace(use->Int(0), models.size());
        models.push_back(std::move(model));
      }
      SC_RETURN_IF_ERROR(use->status());
    }
    if (models.empty()) return models;
    const std::string selected = "SELECT m.id FROM models m WHERE " + where;
    auto each_row = [&](const std::string& sql, auto&& apply) {
      return AttachRows(sql, bind, index, models, apply);
    };
    SC_RETURN_IF_ERROR(each_row(
        "SELECT model_id, key, value FROM model_tags WHERE model_id IN (" + selected + ")",
        [](RegisteredModel& m, Statement& row) { m.tags[row.Text(1)] = row.Text(2); }));
    SC_RETURN_IF_ERROR(each_row(
        "SELECT a.model_id, a.alias, v.version FROM aliases a JOIN versions v ON v.id = "
        "a.version_id WHERE a.model_id IN (" + selected + ")",
        [](RegisteredModel& m, Statement& row) { m.aliases[row.Text(1)] = row.Int(2); }));
    return models;
  }

  // Reads run in one read transaction, on a fresh stage list.
  template <typename Body>
  auto Read(Body&& body) -> decltype(body()) {
    sqlite::ReadTransaction transaction(*db);
    Status refreshed = RefreshCatalog();
    if (!refreshed.ok()) return refreshed;
    return body();
  }

  Result<std::vector<ModelVersion>> Search(const SearchFilter& filter);

  // The heart of TransitionStage and of the approval that completes a request: every rule of a
  // stage move, checked and applied inside the open transaction. `approvals` counts toward the
  // gate; `direct` means the actor moves the version themselves (roles are checked).
  Result<TransitionOutcome> ApplyTransition(const VersionRow& row, const StageRow& target,
                                            const StageTransition& t, const Actor& actor,
                                            int approvals, bool direct);
  // Checks the target stage's gate for `row`, listing every failing condition.
  Status CheckGate(const VersionRow& row, const StageRow& target, const StageTransition& t,
                   int approvals);
  // The environments that serve a version (as primary or canary), by name.
  Result<std::vector<const EnvironmentRow*>> ServingEnvironments(std::int64_t model_id,
                                                                 std::int64_t version_id);
  // Where a rollback of model `model_id` in environment `e` would go (rollback.cpp): the newest
  // history entry not rolled back is what is served now (`from_version`); the target is the
  // newest earlier entry of another version that still exists and, where `e` requires no stage,
  // is not Archived. Nullopt when the environment has served nothing of the model. The one rule:
  // Rollback applies it and every Deployment's `rollback_to` reports it. Changes nothing, not
  // even the refusal context.
  struct RollbackPlan {
    std::int64_t from_version = 0;
    std::optional<std::int64_t> target_entry;  // its deployment_history id; none: nothing to go to
    std::int64_t to_version = 0;
    std::optional<VersionRow> target_row;
  };
  Result<std::optional<RollbackPlan>> PlanRollback(std::int64_t model_id, const EnvironmentRow& e);
  const EnvironmentRow* FindEnvironment(std::string_view name) const;
  Result<const EnvironmentRow*> RequireEnvironment(std::string_view name) const;
  Result<std::vector<Deployment>> LoadDeployments(const std::string& where,
                                                  const std::function<void(Statement&)>& bind);
  Result<std::vector<TransitionRequest>> LoadRequests(const std::string& where,
                                                      const std::function<void(Statement&)>& bind);
  Result<TransitionRequest> LoadRequest(std::int64_t id);
  // Loads a request to approve, reject or cancel (`doing`): it must exist and be pending.
  Result<TransitionRequest> PendingRequest(std::int64_t id, const char* doing);
  Status ResolveRequest(std::int64_t id, RequestStatus status, std::string_view comment,
                        const Actor& actor);

  // The shape shared by the small version edits: find the version, let `change` write its rows
  // and audit, then touch updated_at.
  template <typename Change>
  Status EditVersion(const Actor& actor, std::string_view model_name, std::int64_t version,
                     Change&& change) {
    return Write(actor, [&]() -> Status {
      auto row = FindVersion(model_name, version);
      if (!row.ok()) return row.status();
      SC_RETURN_IF_ERROR(Authorize(actor, Role::kDeveloper, "edit model versions"));
      SC_RETURN_IF_ERROR(change(*row));
      return Exec("UPDATE versions SET updated_at = ?1 WHERE id = ?2", [&](Statement& s) {
        s.Bind(1, Now());
        s.Bind(2, row->id);
      });
    });
  }
};


}  // namespace stagecraft::engine
