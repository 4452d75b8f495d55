// Registry: every operation of the model registry, over SQLite.
//
// Sections: opening | registered models | model versions | stages and transitions | aliases and
// URIs | history, search, snapshots | change events. (Governance, gates, deployments and rollback
// have files of their own; Registry::Impl, its transactions and loaders are in registry_impl.h.)
//
// Every mutating operation goes through Impl::Write, which opens one BEGIN IMMEDIATE
// transaction, runs the operation's body, appends the body's audit events in that transaction,
// commits, and only then tells listeners. A body that returns an error leaves the transaction to
// roll back, so nothing it wrote survives.

#include "stagecraft/engine/registry.h"

#include <chrono>
#include <cmath>
#include <unordered_map>

#include "names.h"
#include "registry_impl.h"
#include "sqlite/schema.h"
#include "stagecraft/engine/model_uri.h"
#include "stagecraft/engine/search_filter.h"

namespace stagecraft::engine {


// ---------------------------------------------------------------------------------------------
// Opening

Registry::Registry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Registry::Registry(Registry&&) noexcept = default;
Registry& Registry::operator=(Registry&&) noexcept = default;
Registry::~Registry() = default;

const std::string& Registry::path() const { return impl_->path; }

Result<Registry> Registry::Open(const std::string& path, RegistryOptions options) {
  const bool in_memory = path == ":memory:";
  if (path.empty()) return Status::InvalidArgument("the registry database path is empty");
  if (!in_memory) {
    // Refuses, untouched, a file that is not a registry this build can use.
    const sqlite::FileCheck check = sqlite::CheckDatabaseFile(path, sqlite::RegistryFileKind());
    if (!check.usable()) return Status::Storage(check.message);
  }
  auto db = sqlite::Database::Open(path, /*create=*/true);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = std::move(options);
  impl->db = std::move(*db);
  auto& database = *impl->db;
  SC_RETURN_IF_ERROR(database.Exec("PRAGMA foreign_keys = ON"));
  if (!in_memory) {
    Status mode = database.UseWriteAheadLog();
    if (!mode.ok()) return sqlite::StorageError("opening '" + path + "'", mode.message());
    SC_RETURN_IF_ERROR(database.Exec(impl->options.durability == Durability::kFull
                                         ? "PRAGMA synchronous = FULL"
                                         : "PRAGMA synchronous = NORMAL"));
  }
  SC_RETURN_IF_ERROR(sqlite::Migrate(database, path));
  SC_RETURN_IF_ERROR(impl->RefreshCatalog());
  return Registry(std::move(impl));
}

// ---------------------------------------------------------------------------------------------
// Registered models

Result<RegisteredModel> Registry::CreateModel(std::string_view name, std::string_view description,
                                              const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateModelName(name));
  SC_RETURN_IF_ERROR(ValidateText("description", description));
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Result<RegisteredModel> {
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kDeveloper, "register models"));
    auto existing = d.FindModel(name);
    if (existing.ok()) return Status::AlreadyExists("a model named " + Quote(name) + " already exists");
    if (existing.status().code() != ErrorCode::kNotFound) return existing.status();
    RegisteredModel model;
    model.name = std::string(name);
    model.description = std::string(description);
    model.created_at = model.updated_at = d.Now();
    SC_RETURN_IF_ERROR(d.Exec(
        "INSERT INTO models (name, description, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        [&](Statement& s) {
          s.Bind(1, name);
          s.Bind(2, description);
          s.Bind(3, model.created_at);
        }));
    SC_RETURN_IF_ERROR(d.Audit(kActionCreateModel, d.db->LastInsertRowid(), name, std::nullopt,
                               "", "", description, actor));
    return model;
  });
}

Result<RegisteredModel> Registry::GetModel(std::string_view name) const {
  auto& d = *impl_;
  return d.Read([&]() -> Result<RegisteredModel> {
    auto models = d.LoadModels("m.name = ?1", [&](Statement& s) { s.Bind(1, name); });
    if (!models.ok()) return models.status();
    if (models->empty()) return Status::NotFound("no model named " + Quote(name));
    return std::move(models->front());
  });
}

Result<std::vector<RegisteredModel>> Registry::ListModels() const {
  auto& d = *impl_;
  return d.Read([&] { return d.LoadModels("1", [](Statement&) {}); });
}

Status Registry::UpdateModelDescription(std::string_view name, std::string_view description,
                                        const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateText("description", description));
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Status {
    auto model = d.FindModel(name);
    if (!model.ok()) return model.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kDeveloper, "edit models"));
    SC_RETURN_IF_ERROR(d.Exec("UPDATE models SET description = ?1, updated_at = ?2 WHERE id = ?3",
                              [&](Statement& s) {
                                s.Bind(1, description);
                                s.Bind(2, d.Now());
                                s.Bind(3, model->id);
                              }));
    return d.Audit(kActionUpdateModel, model->id, name, std::nullopt, "", "", description, actor);
  });
}

Status Registry::SetModelTag(std::string_view name, std::string_view key, std::string_view value,
                             const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateKey("tag", key));
  SC_RETURN_IF_ERROR(ValidateText("tag value", value));
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Status {
    auto model = d.FindModel(name);
    if (!model.ok()) return model.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kDeveloper, "tag models"));
    SC_RETURN_IF_ERROR(d.Exec(
        "INSERT INTO model_tags (model_id, key, value) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value",
        [&](Statement& s) {
          s.Bind(1, model->id);
          s.Bind(2, key);
          s.Bind(3, value);
        }));
    SC_RETURN_IF_ERROR(d.Exec("UPDATE models SET updated_at = ?1 WHERE id = ?2", [&](Statement& s) {
      s.Bind(1, d.Now());
      s.Bind(2, model->id);
    }));
    return d.Audit(kActionSetModelTag, model->id, name, std::nullopt, "", "",
                   std::string(key) + "=" + std::string(value), actor);
  });
}

Status Registry::DeleteModelTag(std::string_view name, std::string_view key, const Actor& actor) {
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Status {
    auto model = d.FindModel(name);
    if (!model.ok()) return model.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kDeveloper, "tag models"));
    SC_RETURN_IF_ERROR(d.Exec("DELETE FROM model_tags WHERE model_id = ?1 AND key = ?2",
                              [&](Statement& s) {
                                s.Bind(1, model->id);
                                s.Bind(2, key);
                              }));
    if (d.db->Changes() == 0) {
      return Status::NotFound("model " + Quote(name) + " has no tag " + Quote(key));
    }
    return d.Audit(kActionDeleteModelTag, model->id, name, std::nullopt, "", "", key, actor);
  });
}

Status Registry::DeleteModel(std::string_view name, const Actor& actor) {
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Status {
    auto model = d.FindModel(name);
    if (!model.ok()) return model.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kAdmin, "delete models"));
    auto served = d.LoadDeployments("d.model_id = ?1", [&](Statement& s) { s.Bind(1, model->id); });
    if (!served.ok()) return served.status();
    if (!served->empty()) {
      return d.Refuse(Status::FailedPrecondition(
          "environment " + Quote(served->front().environment) + " still serves version " +
          std::to_string(served->front().version) + " of model " + Quote(name) +
          "; a served model cannot be deleted"));
    }
    SC_RETURN_IF_ERROR(
        d.Exec("DELETE FROM models WHERE id = ?1", [&](Statement& s) { s.Bind(1, model->id); }));
    return d.Audit(kActionDeleteModel, model->id, name, std::nullopt, "", "", "", actor);
  });
}

// ---------------------------------------------------------------------------------------------
// Model versions

Result<ModelVersion> Registry::CreateModelVersion(const NewModelVersion& spec,
                                                  const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateModelName(spec.model_name));
  if (spec.source.empty()) {
    return Status::InvalidArgument("a new version of model " + Quote(spec.model_name) +
                                   " needs a source URI (e.g. runs:/<run_id>/model)");
  }
  SC_RETURN_IF_ERROR(ValidateText("source", spec.source));
  SC_RETURN_IF_ERROR(ValidateText("run id", spec.run_id));
  SC_RETURN_IF_ERROR(ValidateText("description", spec.description));
  for (const auto& [key, value] : spec.tags) {
    SC_RETURN_IF_ERROR(ValidateKey("tag", key));
    SC_RETURN_IF_ERROR(ValidateText("tag value", value));
  }
  for (const auto& [key, value] : spec.metrics) {
    SC_RETURN_IF_ERROR(ValidateKey("metric", key));
    if (!std::isfinite(value)) {
      return Status::InvalidArgument("metric " + Quote(key) + " must be a finite number");
    }
  }
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Result<ModelVersion> {
    auto model = d.FindModel(spec.model_name);
    if (!model.ok()) return model.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kDeveloper, "register model versions"));
    ModelVersion mv;
    mv.model_name = spec.model_name;
    mv.version = model->next_version;
    mv.source = spec.source;
    mv.run_id = spec.run_id;
    mv.metrics = spec.metrics;
    mv.tags = spec.tags;
    mv.description = spec.description;
    mv.creator = actor.name;
    mv.stage = d.StageName(kNoneStageId);
    mv.created_at = mv.updated_at = d.Now();
    SC_RETURN_IF_ERROR(d.Exec(
        "UPDATE models SET next_version = next_version + 1, updated_at = ?1 WHERE id = ?2",
        [&](Statement& s) {
          s.Bind(1, mv.created_at);
          s.Bind(2, model->id);
        }));
    SC_RETURN_IF_ERROR(d.Exec(
        "INSERT INTO versions (model_id, version, source, run_id, description, creator, "
        "created_at, updated_at, stage_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
        [&](Statement& s) {
          s.Bind(1, model->id);
          s.Bind(2, mv.version);
          s.Bind(3, mv.source);
          s.Bind(4, mv.run_id);
          s.Bind(5, mv.description);
          s.Bind(6, mv.creator);
          s.Bind(7, mv.created_at);
          s.Bind(8, kNoneStageId);
        }));
    const std::int64_t version_id = d.db->LastInsertRowid();
    for (const auto& entry : spec.tags) {  // not [key, value]: clang 14 cannot capture those
      SC_RETURN_IF_ERROR(d.Exec(
          "INSERT INTO version_tags (version_id, key, value) VALUES (?1, ?2, ?3)",
          [&](Statement& s) {
            s.Bind(1, version_id);
            s.Bind(2, entry.first);
            s.Bind(3, entry.second);
          }));
    }
    for (const auto& entry : spec.metrics) {  // not [key, value]: clang 14 cannot capture them
      SC_RETURN_IF_ERROR(d.Exec(
          "INSERT INTO version_metrics (version_id, key, value) VALUES (?1, ?2, ?3)",
          [&](Statement& s) {
            s.Bind(1, version_id);
            s.Bind(2, entry.first);
            s.Bind(3, entry.second);
          }));
    }
    SC_RETURN_IF_ERROR(d.Audit(kActionCreateVersion, model->id, mv.model_name, mv.version, "",
                               mv.stage, spec.source, actor));
    return mv;
  });
}

Result<ModelVersion> Registry::GetModelVersion(std::string_view model_name,
                                               std::int64_t version) const {
  auto& d = *impl_;
  return d.Read([&]() -> Result<ModelVersion> {
    auto row = d.FindVersion(model_name, version);
    if (!row.ok()) return row.status();
    return d.LoadVersion(row->id);
  });
}

Result<std::vector<ModelVersion>> Registry::ListModelVersions(std::string_view model_name) const {
  auto& d = *impl_;
  return d.Read([&]() -> Result<std::vector<ModelVersion>> {
    auto model = d.FindModel(model_name);
    if (!model.ok()) return model.status();
    return d.LoadVersions("v.model_id = ?1", [&](Statement& s) { s.Bind(1, model->id); });
  });
}


Status Registry::UpdateVersionDescription(std::string_view model_name, std::int64_t version,
                                          std::string_view description, const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateText("description", description));
  auto& d = *impl_;
  return d.EditVersion(actor, model_name, version, [&](const Impl::VersionRow& row) -> Status {
    SC_RETURN_IF_ERROR(d.Exec("UPDATE versions SET description = ?1 WHERE id = ?2",
                              [&](Statement& s) {
                                s.Bind(1, description);
                                s.Bind(2, row.id);
                              }));
    return d.Audit(kActionUpdateVersion, row.model_id, model_name, version, "", "", description,
                   actor);
  });
}

Status Registry::SetVersionTag(std::string_view model_name, std::int64_t version,
                               std::string_view key, std::string_view value, const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateKey("tag", key));
  SC_RETURN_IF_ERROR(ValidateText("tag value", value));
  auto& d = *impl_;
  return d.EditVersion(actor, model_name, version, [&](const Impl::VersionRow& row) -> Status {
    SC_RETURN_IF_ERROR(d.Exec(
        "INSERT INTO version_tags (version_id, key, value) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (version_id, key) DO UPDATE SET value = excluded.value",
        [&](Statement& s) {
          s.Bind(1, row.id);
          s.Bind(2, key);
          s.Bind(3, value);
        }));
    return d.Audit(kActionSetVersionTag, row.model_id, model_name, version, "", "",
                   std::string(key) + "=" + std::string(value), actor);
  });
}

Status Registry::DeleteVersionTag(std::string_view model_name, std::int64_t version,
                                  std::string_view key, const Actor& actor) {
  auto& d = *impl_;
  return d.EditVersion(actor, model_name, version, [&](const Impl::VersionRow& row) -> Status {
    SC_RETURN_IF_ERROR(d.Exec("DELETE FROM version_tags WHERE version_id = ?1 AND key = ?2",
                              [&](Statement& s) {
                                s.Bind(1, row.id);
                                s.Bind(2, key);
                              }));
    if (d.db->Changes() == 0) {
      return Status::NotFound(VersionName(model_name, version) + " has no tag " + Quote(key));
    }
    return d.Audit(kActionDeleteVersionTag, row.model_id, model_name, version, "", "", key, actor);
  });
}

Status Registry::SetVersionMetric(std::string_view model_name, std::int64_t version,
                                  std::string_view key, double value, const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateKey("metric", key));
  if (!std::isfinite(value)) {
    return Status::InvalidArgument("metric " + Quote(key) + " must be a finite number");
  }
  auto& d = *impl_;
  return d.EditVersion(actor, model_name, version, [&](const Impl::VersionRow& row) -> Status {
    SC_RETURN_IF_ERROR(d.Exec(
        "INSERT INTO version_metrics (version_id, key, value) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (version_id, key) DO UPDATE SET value = excluded.value",
        [&](Statement& s) {
          s.Bind(1, row.id);
          s.Bind(2, key);
          s.Bind(3, value);
        }));
    return d.Audit(kActionSetMetric, row.model_id, model_name, version, "", "",
                   std::string(key) + "=" + NumberText(value), actor);
  });
}

Status Registry::DeleteModelVersion(std::string_view model_name, std::int64_t version,
                                    const Actor& actor) {
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Status {
    auto row = d.FindVersion(model_name, version);
    if (!row.ok()) return row.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kAdmin, "delete model versions"));
    auto serving = d.ServingEnvironments(row->model_id, row->id);
    if (!serving.ok()) return serving.status();
    if (!serving->empty()) {
      return d.Refuse(Status::FailedPrecondition(
          "environment " + Quote(serving->front()->environment.name) + " still serves " +
          VersionName(model_name, version) + "; deploy another version there before deleting it"));
    }
    SC_RETURN_IF_ERROR(
        d.Exec("DELETE FROM versions WHERE id = ?1", [&](Statement& s) { s.Bind(1, row->id); }));
    return d.Audit(kActionDeleteVersion, row->model_id, model_name, version,
                   d.StageName(row->stage_id), "", "", actor);
  });
}

// ---------------------------------------------------------------------------------------------
// Stages and transitions

Result<TransitionOutcome> Registry::TransitionStage(const StageTransition& t, const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateText("comment", t.comment));
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Result<TransitionOutcome> {
    auto target = d.RequireStage(t.stage);
    if (!target.ok()) return target.status();
    d.context.stage = (*target)->stage.name;
    auto row = d.FindVersion(t.model_name, t.version);
    if (!row.ok()) return row.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kDeveloper, "move versions between stages"));
    return d.ApplyTransition(*row, **target, t, actor, /*approvals=*/0, /*direct=*/true);
  });
}

Result<TransitionOutcome> Registry::Impl::ApplyTransition(const VersionRow& row,
                                                          const StageRow& target,
                                                          const StageTransition& t,
                                                          const Actor& actor, int approvals,
                                                          bool direct) {
  const Stage& to = target.stage;
  const std::int64_t to_id = target.id;
  if (row.stage_id == to_id) {
    return Status::FailedPrecondition(VersionName(t.model_name, t.version) +
                                      " is already in stage " + Quote(to.name));
  }
  if (t.archive_existing && (to_id == kNoneStageId || to_id == kArchivedStageId)) {
    return Status::InvalidArgument("archive-existing cannot be used when moving " +
                                   VersionName(t.model_name, t.version) +
                                   " to " + Quote(to.name) +
                                   "; it archives the versions a new one replaces in a working "
                                   "stage");
  }
  if (direct && to.gated()) {
    SC_RETURN_IF_ERROR(Authorize(actor, Role::kApprover,
                                 "move a version into gated stage " + Quote(to.name) +
                                     " directly (request the transition instead)"));
  }
  if (t.force) SC_RETURN_IF_ERROR(Authorize(actor, Role::kAdmin, "force a stage transition"));
  if (to.gated()) SC_RETURN_IF_ERROR(CheckGate(row, target, t, approvals));

  TransitionOutcome outcome;
  outcome.model_name = t.model_name;
  outcome.version = t.version;
  outcome.from_stage = StageName(row.stage_id);
  outcome.to_stage = to.name;

  // Versions leaving a stage an environment depends on: this one, and any archive-existing
  // moves out of the target.
  std::vector<std::pair<std::int64_t, std::int64_t>> occupants;  // (row id, version)
  if (t.archive_existing || to.exclusive) {
    auto others = db->Prepare(
        "SELECT id, version FROM versions WHERE model_id = ?1 AND stage_id = ?2 AND id != ?3 "
        "ORDER BY version");
    if (!others.ok()) return others.status();
    StatementUse use(**others);
    use->Bind(1, row.model_id);
    use->Bind(2, to_id);
    use->Bind(3, row.id);
    while (use->Step()) occupants.emplace_back(use->Int(0), use->Int(1));
    SC_RETURN_IF_ERROR(use->status());
  }
  if (!occupants.empty() && !t.archive_existing) {
    return Status::Conflict("stage " + Quote(to.name) + " is exclusive and already holds " +
                            VersionName(t.model_name, occupants.front().second) +
                            "; move it out first, or use archive-existing to archive it in the "
                            "same step");
  }
  std::string forced;
  auto check_served = [&](std::int64_t version_id, std::int64_t version, std::int64_t from_id,
                          std::int64_t dest_id) -> Status {
    // Only archiving, or leaving a stage some environment requires, can strand what is served.
    bool relevant = dest_id == kArchivedStageId;
    for (const auto& env : environments) relevant |= env.required_stage_id == from_id;
    if (!relevant) return Status::Ok();
    auto serving = ServingEnvironments(row.model_id, version_id);
    if (!serving.ok()) return serving.status();
    for (const EnvironmentRow* env : *serving) {
      const bool leaves_required = env->required_stage_id != 0 &&
                                   env->required_stage_id == from_id && dest_id != from_id;
      if (dest_id != kArchivedStageId && !leaves_required) continue;
      if (t.force) {
        forced += (forced.empty() ? " [forced: " : ", ") + VersionName(t.model_name, version) +
                  " was served by " + Quote(env->environment.name);
        continue;
      }
      return Refuse(Status::FailedPrecondition(
          "environment " + Quote(env->environment.name) + " still serves " +
          VersionName(t.model_name, version) + "; deploy another version there (or roll back) "
          "before " + (dest_id == kArchivedStageId ? "archiving it" : "moving it out of " +
          Quote(StageName(from_id)))));
    }
    return Status::Ok();
  };
  SC_RETURN_IF_ERROR(check_served(row.id, t.version, row.stage_id, to_id));
  for (const auto& [id, version] : occupants) {
    SC_RETURN_IF_ERROR(check_served(id, version, to_id, kArchivedStageId));
  }
  if (!forced.empty()) forced += "]";

  const std::string archive_comment = "archived by archive-existing: version " +
                                      std::to_string(t.version) + " moved to " + to.name;
  for (const auto& [id, version] : occupants) {
    const std::int64_t row_id = id;  // clang 14 cannot capture a structured binding
    SC_RETURN_IF_ERROR(Exec("UPDATE versions SET stage_id = ?1, updated_at = ?2 WHERE id = ?3",
                            [&](Statement& s) {
                              s.Bind(1, kArchivedStageId);
                              s.Bind(2, Now());
                              s.Bind(3, row_id);
                            }));
    SC_RETURN_IF_ERROR(Audit(kActionTransitionStage, row.model_id, t.model_name, version, to.name,
                             StageName(kArchivedStageId), archive_comment, actor, {}, t.version));
    outcome.archived_versions.push_back(version);
  }
  SC_RETURN_IF_ERROR(Exec("UPDATE versions SET stage_id = ?1, updated_at = ?2 WHERE id = ?3",
                          [&](Statement& s) {
                            s.Bind(1, to_id);
                            s.Bind(2, Now());
                            s.Bind(3, row.id);
                          }));
  SC_RETURN_IF_ERROR(Audit(kActionTransitionStage, row.model_id, t.model_name, t.version,
                           outcome.from_stage, to.name, t.comment + forced, actor));
  return outcome;
}

Result<std::vector<Stage>> Registry::ListStages() const {
  auto& d = *impl_;
  return d.Read([&]() -> Result<std::vector<Stage>> {
    std::vector<Stage> stages;
    for (const auto& row : d.stages) stages.push_back(row.stage);
    return stages;
  });
}

Result<std::string> Registry::CanonicalStage(std::string_view name) const {
  auto& d = *impl_;
  return d.Read([&]() -> Result<std::string> {
    auto row = d.RequireStage(name);
    if (!row.ok()) return row.status();
    return (*row)->stage.name;
  });
}

Result<Stage> Registry::AddStage(std::string_view name, std::string_view before, bool exclusive,
                                 const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateStageName(name));
  auto& d = *impl_;
  auto added = d.Write(actor, [&]() -> Result<Stage> {
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kAdmin, "add stages"));
    if (const auto* existing = d.FindStage(name)) {
      return Status::AlreadyExists("a stage named " + Quote(existing->stage.name) +
                                   " already exists");
    }
    const Impl::StageRow* anchor = nullptr;
    if (before.empty()) {
      anchor = d.StageById(kArchivedStageId);
    } else {
      auto found = d.RequireStage(before);
      if (!found.ok()) return found.status();
      anchor = *found;
      if (anchor->id == kNoneStageId) {
        return Status::InvalidArgument("a stage cannot go before 'None': every new version "
                                       "starts there, so it stays first");
      }
    }
    Stage stage;
    stage.name = std::string(name);
    stage.position = anchor->stage.position;
    stage.exclusive = exclusive;
    SC_RETURN_IF_ERROR(d.Exec("UPDATE stages SET position = position + 1 WHERE position >= ?1",
                              [&](Statement& s) { s.Bind(1, stage.position); }));
    SC_RETURN_IF_ERROR(d.Exec(
        "INSERT INTO stages (name, position, exclusive, builtin) VALUES (?1, ?2, ?3, 0)",
        [&](Statement& s) {
          s.Bind(1, name);
          s.Bind(2, stage.position);
          s.Bind(3, exclusive);
        }));
    std::string comment = "before " + anchor->stage.name + (exclusive ? ", exclusive" : "");
    SC_RETURN_IF_ERROR(d.Audit(kActionAddStage, std::nullopt, "", std::nullopt, "", stage.name,
                               comment, actor));
    return stage;
  });
  d.stages_valid = false;  // positions moved
  return added;
}

Status Registry::SetStageExclusive(std::string_view name, bool exclusive, const Actor& actor) {
  auto& d = *impl_;
  Status status = d.Write(actor, [&]() -> Status {
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kAdmin, "change stages"));
    auto found = d.RequireStage(name);
    if (!found.ok()) return found.status();
    const auto& stage = (*found)->stage;
    const std::int64_t stage_id = (*found)->id;
    if (stage.exclusive == exclusive) return Status::Ok();  // nothing changes, nothing to audit
    if (exclusive && (stage_id == kNoneStageId || stage_id == kArchivedStageId)) {
      return Status::InvalidArgument("stage " + Quote(stage.name) +
                                     " cannot be exclusive: new and retired versions collect "
                                     "there by design");
    }
    if (exclusive) {
      auto crowded = d.db->Prepare(
          "SELECT m.name, count(*) FROM versions v JOIN models m ON m.id = v.model_id "
          "WHERE v.stage_id = ?1 GROUP BY v.model_id HAVING count(*) > 1 ORDER BY m.name LIMIT 1");
      if (!crowded.ok()) return crowded.status();
      StatementUse use(**crowded);
      use->Bind(1, stage_id);
      if (use->Step()) {
        return Status::Conflict("stage " + Quote(stage.name) + " cannot be made exclusive: model " +
                                Quote(use->Text(0)) + " has " + std::to_string(use->Int(1)) +
                                " versions in it");
      }
      SC_RETURN_IF_ERROR(use->status());
    }
    SC_RETURN_IF_ERROR(d.Exec("UPDATE stages SET exclusive = ?1 WHERE id = ?2", [&](Statement& s) {
      s.Bind(1, exclusive);
      s.Bind(2, stage_id);
    }));
    return d.Audit(kActionUpdateStage, std::nullopt, "", std::nullopt, "", stage.name,
                   exclusive ? "exclusive" : "not exclusive", actor);
  });
  d.stages_valid = false;
  return status;
}

Status Registry::RemoveStage(std::string_view name, const Actor& actor) {
  auto& d = *impl_;
  Status status = d.Write(actor, [&]() -> Status {
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kAdmin, "remove stages"));
    auto found = d.RequireStage(name);
    if (!found.ok()) return found.status();
    const auto stage = (*found)->stage;
    const std::int64_t stage_id = (*found)->id;
    if (stage.builtin) {
      return Status::FailedPrecondition("stage " + Quote(stage.name) +
                                        " is built in and cannot be removed");
    }
    auto occupant = d.db->Prepare(
        "SELECT m.name, v.version FROM versions v JOIN models m ON m.id = v.model_id "
        "WHERE v.stage_id = ?1 ORDER BY m.name, v.version LIMIT 1");
    if (!occupant.ok()) return occupant.status();
    {
      StatementUse use(**occupant);
      use->Bind(1, stage_id);
      if (use->Step()) {
        return Status::FailedPrecondition("stage " + Quote(stage.name) + " still holds " +
                                          VersionName(use->Text(0), use->Int(1)) +
                                          "; move its versions out first");
      }
      SC_RETURN_IF_ERROR(use->status());
    }
    for (const auto& env : d.environments) {
      if (env.required_stage_id == stage_id) {
        return Status::FailedPrecondition("stage " + Quote(stage.name) + " is required by "
                                          "environment " + Quote(env.environment.name) +
                                          "; it cannot be removed");
      }
    }
    auto pending = d.db->Prepare(
        "SELECT id FROM transition_requests WHERE status = 'pending' AND "
        "(from_stage = ?1 OR to_stage = ?1) ORDER BY id LIMIT 1");
    if (!pending.ok()) return pending.status();
    {
      StatementUse use(**pending);
      use->Bind(1, stage.name);
      if (use->Step()) {
        return Status::FailedPrecondition("stage " + Quote(stage.name) + " is named by pending "
                                          "request " + std::to_string(use->Int(0)) +
                                          "; approve, reject or cancel it first");
      }
      SC_RETURN_IF_ERROR(use->status());
    }
    SC_RETURN_IF_ERROR(
        d.Exec("DELETE FROM stages WHERE id = ?1", [&](Statement& s) { s.Bind(1, stage_id); }));
    SC_RETURN_IF_ERROR(d.Exec("UPDATE stages SET position = position - 1 WHERE position > ?1",
                              [&](Statement& s) { s.Bind(1, stage.position); }));
    return d.Audit(kActionRemoveStage, std::nullopt, "", std::nullopt, stage.name, "", "", actor);
  });
  d.stages_valid = false;
  return status;
}

// ---------------------------------------------------------------------------------------------
// Aliases and URIs

Status Registry::SetAlias(std::string_view model_name, std::string_view alias,
                          std::int64_t version, const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateAlias(alias));
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Status {
    auto row = d.FindVersion(model_name, version);
    if (!row.ok()) return row.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kDeveloper, "set aliases"));
    auto found = d.AliasTarget(row->model_id, alias);
    if (!found.ok()) return found.status();
    const std::optional<std::int64_t> previous = *found;
    if (previous == version) return Status::Ok();  // already there: no change, no event
    SC_RETURN_IF_ERROR(d.Exec(
        "INSERT INTO aliases (model_id, alias, version_id) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (model_id, alias) DO UPDATE SET version_id = excluded.version_id",
        [&](Statement& s) {
          s.Bind(1, row->model_id);
          s.Bind(2, alias);
          s.Bind(3, row->id);
        }));
    std::string comment(alias);
    if (previous) comment += " (moved from version " + std::to_string(*previous) + ")";
    return d.Audit(kActionSetAlias, row->model_id, model_name, version, "", "", comment, actor);
  });
}

Status Registry::DeleteAlias(std::string_view model_name, std::string_view alias,
                             const Actor& actor) {
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Status {
    auto model = d.FindModel(model_name);
    if (!model.ok()) return model.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kDeveloper, "delete aliases"));
    auto found = d.AliasTarget(model->id, alias);
    if (!found.ok()) return found.status();
    const std::optional<std::int64_t> version = *found;
    if (!version) {
      return Status::NotFound("model " + Quote(model_name) + " has no alias " + Quote(alias));
    }
    SC_RETURN_IF_ERROR(d.Exec("DELETE FROM aliases WHERE model_id = ?1 AND alias = ?2",
                              [&](Statement& s) {
                                s.Bind(1, model->id);
                                s.Bind(2, alias);
                              }));
    return d.Audit(kActionDeleteAlias, model->id, model_name, version, "", "", alias, actor);
  });
}

Result<ModelVersion> Registry::Resolve(std::string_view uri) const {
  auto parsed = ParseModelUri(uri);
  if (!parsed.ok()) return parsed.status();
  auto& d = *impl_;
  return d.Read([&]() -> Result<ModelVersion> {
    const ModelUri& u = *parsed;
    auto model = d.FindModel(u.model_name);
    if (!model.ok()) return model.status();
    auto first_id = [&](const char* sql, auto&& bind) -> Result<std::optional<std::int64_t>> {
      auto stmt = d.db->Prepare(sql);
      if (!stmt.ok()) return stmt.status();
      StatementUse use(**stmt);
      use->Bind(1, model->id);
      bind(*use);
      if (use->Step()) return std::optional<std::int64_t>(use->Int(0));
      SC_RETURN_IF_ERROR(use->status());
      return std::optional<std::int64_t>();
    };
    Result<std::optional<std::int64_t>> id = std::optional<std::int64_t>();
    std::string missing;
    switch (u.kind) {
      case ModelUri::Kind::kVersion:
        id = first_id("SELECT id FROM versions WHERE model_id = ?1 AND version = ?2",
                      [&](Statement& s) { s.Bind(2, u.version); });
        missing = "model " + Quote(u.model_name) + " has no version " + std::to_string(u.version);
        break;
      case ModelUri::Kind::kLatest:
        id = first_id("SELECT id FROM versions WHERE model_id = ?1 ORDER BY version DESC LIMIT 1",
                      [](Statement&) {});
        missing = "model " + Quote(u.model_name) + " has no versions";
        break;
      case ModelUri::Kind::kStage: {
        auto stage = d.RequireStage(u.reference);
        if (!stage.ok()) return stage.status();
        id = first_id(
            "SELECT id FROM versions WHERE model_id = ?1 AND stage_id = ?2 "
            "ORDER BY version DESC LIMIT 1",
            [&](Statement& s) { s.Bind(2, (*stage)->id); });
        missing = "model " + Quote(u.model_name) + " has no version in stage " +
                  Quote((*stage)->stage.name);
        break;
      }
      case ModelUri::Kind::kAlias:
        id = first_id("SELECT version_id FROM aliases WHERE model_id = ?1 AND alias = ?2",
                      [&](Statement& s) { s.Bind(2, u.reference); });
        missing = "model " + Quote(u.model_name) + " has no alias " + Quote(u.reference);
        break;
    }
    if (!id.ok()) return id.status();
    if (!*id) return Status::NotFound(missing);
    return d.LoadVersion(**id);
  });
}

// ---------------------------------------------------------------------------------------------
// History, search, snapshots

Result<std::vector<AuditEvent>> Registry::History(const HistoryQuery& query) const {
  auto& d = *impl_;
  if (query.version && !query.model_name) {
    return Status::InvalidArgument("the history of a version needs its model name");
  }
  return d.Read([&]() -> Result<std::vector<AuditEvent>> {
    std::string where = "1";
    std::int64_t model_id = 0;
    if (query.model_name) {
      auto model = d.FindModel(*query.model_name);
      if (!model.ok()) return model.status();
      model_id = model->id;
      // A version's history includes the rollback away from it (filed under the version it
      // restored, naming this one as related): that is when it left Production.
      where = query.version ? "model_id = ?1 AND (version = ?2 OR (action = 'rollback' AND "
                              "related_version = ?2))"
                            : "model_id = ?1";
      if (query.version) {
        auto row = d.FindVersion(*query.model_name, *query.version);
        // A deleted version still has a history; only a number never issued is unknown.
        if (!row.ok() && *query.version >= model->next_version) return row.status();
      }
    }
    auto stmt = d.db->PrepareDynamic(
        "SELECT seq, time, actor, action, model_name, version, from_stage, to_stage, comment, "
        "environment, related_version FROM audit_log WHERE " + where + " ORDER BY seq");
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    if (query.model_name) use->Bind(1, model_id);
    if (query.version) use->Bind(2, *query.version);
    std::vector<AuditEvent> events;
    while (use->Step()) {
      AuditEvent e;
      e.seq = use->Int(0);
      e.time = use->Int(1);
      e.actor = use->Text(2);
      e.action = use->Text(3);
      e.model_name = use->Text(4);
      if (!use->IsNull(5)) e.version = use->Int(5);
      e.from_stage = use->Text(6);
      e.to_stage = use->Text(7);
      e.comment = use->Text(8);
      e.environment = use->Text(9);
      if (!use->IsNull(10)) e.related_version = use->Int(10);
      events.push_back(std::move(e));
    }
    SC_RETURN_IF_ERROR(use->status());
    return events;
  });
}

Result<std::vector<ModelVersion>> Registry::Impl::Search(const SearchFilter& filter) {
  // Each clause becomes SQL with numbered parameters; values are bound, never spliced.
  std::string where = "1";
  std::vector<std::variant<std::string, double, std::int64_t>> params;
  auto param = [&](std::variant<std::string, double, std::int64_t> value) {
    params.push_back(std::move(value));
    return "?" + std::to_string(params.size());
  };
  for (const auto& clause : filter.clauses) {
    const std::string op = FilterOpText(clause.op);
    std::string sql;
    switch (clause.field) {
      case FilterField::kName:
        sql = "m.name " + op + " " + param(std::get<std::string>(clause.value));
        break;
      case FilterField::kRunId:
        sql = "v.run_id " + op + " " + param(std::get<std::string>(clause.value));
        break;
      case FilterField::kSource:
        sql = "v.source " + op + " " + param(std::get<std::string>(clause.value));
        break;
      case FilterField::kVersion:
        sql = "v.version " + op + " " + param(std::get<double>(clause.value));
        break;
      case FilterField::kStage: {
        const auto& value = std::get<std::string>(clause.value);
        if (clause.op == FilterOp::kLike) {
          sql = "(SELECT name FROM stages WHERE id = v.stage_id) LIKE " + param(value);
        } else if (clause.op == FilterOp::kEq || clause.op == FilterOp::kNe) {
          auto stage = RequireStage(value);
          if (!stage.ok()) return stage.status();
          sql = "v.stage_id " + op + " " + param((*stage)->id);
        } else {
          return Status::InvalidArgument("stage can be compared with =, != or LIKE, not " + op);
        }
        break;
      }
      case FilterField::kAlias: {
        const auto& value = std::get<std::string>(clause.value);
        if (clause.op == FilterOp::kNe) {
          sql = "NOT EXISTS (SELECT 1 FROM aliases a WHERE a.version_id = v.id AND a.alias = " +
                param(value) + ")";
        } else {
          sql = "EXISTS (SELECT 1 FROM aliases a WHERE a.version_id = v.id AND a.alias " + op +
                " " + param(value) + ")";
        }
        break;
      }
      case FilterField::kTag:
        sql = "EXISTS (SELECT 1 FROM version_tags t WHERE t.version_id = v.id AND t.key = " +
              param(clause.key) + " AND t.value " + op + " " +
              param(std::get<std::string>(clause.value)) + ")";
        break;
      case FilterField::kMetric:
        sql = "EXISTS (SELECT 1 FROM version_metrics x WHERE x.version_id = v.id AND x.key = " +
              param(clause.key) + " AND x.value " + op + " " +
              param(std::get<double>(clause.value)) + ")";
        break;
    }
    where += " AND " + sql;
  }
  return LoadVersions(where, [&](Statement& s) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::visit([&](const auto& value) { s.Bind(static_cast<int>(i + 1), value); }, params[i]);
    }
  });
}

Result<std::vector<ModelVersion>> Registry::SearchVersions(std::string_view filter) const {
  auto parsed = ParseSearchFilter(filter);
  if (!parsed.ok()) return parsed.status();
  auto& d = *impl_;
  return d.Read([&] { return d.Search(*parsed); });
}

Result<RegistrySnapshot> Registry::TakeSnapshot() const {
  auto& d = *impl_;
  return d.Read([&]() -> Result<RegistrySnapshot> {
    auto state = std::make_shared<RegistryState>();
    for (const auto& row : d.stages) state->stages.push_back(row.stage);
    auto models = d.LoadModels("1", [](Statement&) {});
    if (!models.ok()) return models.status();
    state->models = std::move(*models);
    auto versions = d.LoadVersions("1", [](Statement&) {});
    if (!versions.ok()) return versions.status();
    state->versions = std::move(*versions);
    auto deployments = d.LoadDeployments("1", [](Statement&) {});
    if (!deployments.ok()) return deployments.status();
    state->deployments = std::move(*deployments);
    auto requests = d.LoadRequests("r.status = 'pending'", [](Statement&) {});
    if (!requests.ok()) return requests.status();
    state->pending_requests = std::move(*requests);
    for (const auto& [name, user] : d.users) state->users.push_back(user);
    for (const auto& row : d.environments) state->environments.push_back(row.environment);
    auto last = d.db->Prepare("SELECT coalesce(max(seq), 0) FROM audit_log");
    if (!last.ok()) return last.status();
    StatementUse use(**last);
    if (use->Step()) state->last_event_seq = use->Int(0);
    SC_RETURN_IF_ERROR(use->status());
    return RegistrySnapshot(std::move(state));
  });
}

// ---------------------------------------------------------------------------------------------
// Change events

SubscriptionId Registry::Subscribe(ChangeListener listener) {
  SubscriptionId id = impl_->next_subscription++;
  impl_->listeners.emplace(id, std::move(listener));
  return id;
}

void Registry::Unsubscribe(SubscriptionId id) { impl_->listeners.erase(id); }

}  // namespace stagecraft::engine
