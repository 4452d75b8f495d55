// Rollback: returning an environment to the version it served at 100% before the current one.
//
// `deployment_history` holds every version an environment has served at 100%, in order. A
// rollback marks the entries it undoes, so the next rollback walks further back.

#include "registry_impl.h"

namespace stagecraft::engine {

Result<std::optional<Registry::Impl::RollbackPlan>> Registry::Impl::PlanRollback(
    std::int64_t model_id, const EnvironmentRow& e) {
  // The entries not yet rolled back, newest first: the first is what is served now.
  struct Entry {
    std::int64_t id;
    std::int64_t version;
  };
  std::vector<Entry> entries;
  {
    auto select = db->Prepare(
        "SELECT id, version FROM deployment_history WHERE model_id = ?1 AND environment_id = ?2 "
        "AND rolled_back = 0 ORDER BY id DESC");
    if (!select.ok()) return select.status();
    StatementUse use(**select);
    use->Bind(1, model_id);
    use->Bind(2, e.id);
    while (use->Step()) entries.push_back(Entry{use->Int(0), use->Int(1)});
    SC_RETURN_IF_ERROR(use->status());
  }
  if (entries.empty()) return std::optional<RollbackPlan>();
  RollbackPlan plan;
  plan.from_version = entries.front().version;
  auto find = db->Prepare(
      "SELECT id, model_id, stage_id FROM versions WHERE model_id = ?1 AND version = ?2");
  if (!find.ok()) return find.status();
  for (std::size_t i = 1; i < entries.size() && !plan.target_entry; ++i) {
    if (entries[i].version == plan.from_version) continue;
    StatementUse use(**find);
    use->Bind(1, model_id);
    use->Bind(2, entries[i].version);
    if (!use->Step()) {  // deleted since: passed over
      SC_RETURN_IF_ERROR(use->status());
      continue;
    }
    const VersionRow row{use->Int(0), use->Int(1), use->Int(2)};
    // Where the environment requires no stage, nothing would bring an archived version back
    // out of Archived: it is passed over like a deleted one.
    if (e.required_stage_id == 0 && row.stage_id == kArchivedStageId) continue;
    plan.target_entry = entries[i].id;
    plan.to_version = entries[i].version;
    plan.target_row = row;
  }
  return std::optional<RollbackPlan>(plan);
}

Result<RollbackOutcome> Registry::Rollback(std::string_view model_name,
                                           std::string_view environment, const Actor& actor) {
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Result<RollbackOutcome> {
    auto env = d.RequireEnvironment(environment);
    if (!env.ok()) return env.status();
    const auto& e = **env;
    d.context.environment = e.environment.name;
    auto model = d.FindModel(model_name);
    if (!model.ok()) return model.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kApprover, "roll back deployments"));
    const std::string env_name = e.environment.name;

    auto plan = d.PlanRollback(model->id, e);
    if (!plan.ok()) return plan.status();
    if (!*plan) {
      return Status::FailedPrecondition(Quote(env_name) + " serves nothing of model " +
                                        Quote(model_name) + "; there is nothing to roll back");
    }
    const std::int64_t from_version = (*plan)->from_version;
    d.context.version = from_version;
    if (!(*plan)->target_entry) {
      return Status::FailedPrecondition(
          "nothing to roll back to: " + Quote(env_name) + " has served no other version of model " +
          Quote(model_name) + " before version " + std::to_string(from_version));
    }
    const std::int64_t to_version = (*plan)->to_version;
    const Impl::VersionRow target_row = *(*plan)->target_row;
    auto from_row = d.FindVersion(model_name, from_version);
    if (!from_row.ok()) return from_row.status();
    const Timestamp now = d.Now();

    SC_RETURN_IF_ERROR(d.Exec(
        "UPDATE deployment_history SET rolled_back = 1 WHERE model_id = ?1 AND "
        "environment_id = ?2 AND rolled_back = 0 AND id > ?3",
        [&](Statement& s) {
          s.Bind(1, model->id);
          s.Bind(2, e.id);
          s.Bind(3, *(*plan)->target_entry);
        }));
    SC_RETURN_IF_ERROR(d.Exec(
        "UPDATE deployments SET version_id = ?1, canary_version_id = NULL, canary_traffic = 0, "
        "previous_version = ?2, updated_at = ?3 WHERE model_id = ?4 AND environment_id = ?5",
        [&](Statement& s) {
          s.Bind(1, target_row.id);
          s.Bind(2, from_version);
          s.Bind(3, now);
          s.Bind(4, model->id);
          s.Bind(5, e.id);
        }));

    RollbackOutcome outcome{std::string(model_name), env_name, from_version, to_version,
                            d.StageName(from_row->stage_id), d.StageName(target_row.stage_id)};
    const std::string target_from_stage = outcome.to_version_stage;
    auto move = [&](std::int64_t version_id, std::int64_t stage_id) {
      return d.Exec("UPDATE versions SET stage_id = ?1, updated_at = ?2 WHERE id = ?3",
                    [&](Statement& s) {
                      s.Bind(1, stage_id);
                      s.Bind(2, now);
                      s.Bind(3, version_id);
                    });
    };
    std::string comment = "rolled back " + env_name + " from version " +
                          std::to_string(from_version) + " to version " +
                          std::to_string(to_version);
    if (e.required_stage_id != 0) {
      // The version rolled back from leaves the required stage, unless another environment
      // still serves it; the restored one returns to it.
      auto serving = d.ServingEnvironments(model->id, from_row->id);
      if (!serving.ok()) return serving.status();
      const bool still_served = !serving->empty();
      if (from_row->stage_id == e.required_stage_id && !still_served) {
        SC_RETURN_IF_ERROR(move(from_row->id, kArchivedStageId));
        outcome.from_version_stage = d.StageName(kArchivedStageId);
        comment += "; version " + std::to_string(from_version) + " archived";
      }
      if (target_row.stage_id != e.required_stage_id) {
        const Impl::StageRow* required = d.StageById(e.required_stage_id);
        if (required != nullptr && required->stage.exclusive) {
          // An exclusive stage must not end up holding two versions of the model.
          auto occupant = d.db->Prepare(
              "SELECT version FROM versions WHERE model_id = ?1 AND stage_id = ?2 AND id != ?3 "
              "ORDER BY version LIMIT 1");
          if (!occupant.ok()) return occupant.status();
          StatementUse use(**occupant);
          use->Bind(1, model->id);
          use->Bind(2, e.required_stage_id);
          use->Bind(3, target_row.id);
          if (use->Step()) {
            return d.Refuse(Status::Conflict(
                "cannot roll back " + Quote(env_name) + " to version " +
                std::to_string(to_version) + ": stage " + Quote(required->stage.name) +
                " is exclusive and still holds " + VersionName(model_name, use->Int(0)) +
                (use->Int(0) == from_version ? ", which another environment serves" : "")));
          }
          SC_RETURN_IF_ERROR(use->status());
        }
        SC_RETURN_IF_ERROR(move(target_row.id, e.required_stage_id));
        outcome.to_version_stage = d.StageName(e.required_stage_id);
      }
    }
    SC_RETURN_IF_ERROR(d.Audit(kActionRollback, model->id, model_name, to_version,
                               target_from_stage, outcome.to_version_stage, comment, actor,
                               env_name, from_version));
    return outcome;
  });
}

}  // namespace stagecraft::engine
