// Environments and deployments (primary and canary); rollback is in rollback.cpp.
//
// `deployments` holds what each environment serves of each model now; `deployment_history` holds
// every version an environment has served at 100%, in order (rollback.cpp walks it back).

#include <algorithm>

#include "registry_impl.h"

namespace stagecraft::engine {

// ---------------------------------------------------------------------------------------------
// Lookups

const Registry::Impl::EnvironmentRow* Registry::Impl::FindEnvironment(std::string_view name) const {
  for (const auto& row : environments) {
    if (EqualsIgnoreCase(row.environment.name, name)) return &row;
  }
  return nullptr;
}

Result<const Registry::Impl::EnvironmentRow*> Registry::Impl::RequireEnvironment(
    std::string_view name) const {
  if (const auto* row = FindEnvironment(name)) return row;
  std::string known;
  for (const auto& row : environments) known += (known.empty() ? "" : ", ") + row.environment.name;
  return Status::NotFound("unknown environment " + Quote(name) + "; known environments: " + known);
}

Result<std::vector<const Registry::Impl::EnvironmentRow*>> Registry::Impl::ServingEnvironments(
    std::int64_t model_id, std::int64_t version_id) {
  // The model_id prefix makes this a primary-key range scan; an OR over the two version columns
  // alone costs SQLite a temporary b-tree on every call (this runs on every move out of
  // Production).
  auto select = db->Prepare(
      "SELECT environment_id FROM deployments WHERE model_id = ?1 AND "
      "(version_id = ?2 OR canary_version_id = ?2)");
  if (!select.ok()) return select.status();
  StatementUse use(**select);
  use->Bind(1, model_id);
  use->Bind(2, version_id);
  std::vector<const EnvironmentRow*> serving;
  while (use->Step()) {
    for (const auto& env : environments) {
      if (env.id == use->Int(0)) serving.push_back(&env);
    }
  }
  SC_RETURN_IF_ERROR(use->status());
  return serving;
}

Result<std::vector<Deployment>> Registry::Impl::LoadDeployments(
    const std::string& where, const std::function<void(Statement&)>& bind) {
  auto stmt = db->PrepareDynamic(
      "SELECT m.name, e.name, v.version, c.version, d.canary_traffic, d.previous_version, "
      "d.updated_at, d.model_id, d.environment_id FROM deployments d "
      "JOIN models m ON m.id = d.model_id "
      "JOIN environments e ON e.id = d.environment_id JOIN versions v ON v.id = d.version_id "
      "LEFT JOIN versions c ON c.id = d.canary_version_id WHERE " + where +
      " ORDER BY m.name, e.name");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  bind(*use);
  std::vector<Deployment> deployments;
  std::vector<std::pair<std::int64_t, std::int64_t>> keys;  // (model id, environment id)
  while (use->Step()) {
    Deployment dep;
    dep.model_name = use->Text(0);
    dep.environment = use->Text(1);
    dep.version = use->Int(2);
    if (!use->IsNull(3)) {
      dep.canary_version = use->Int(3);
      dep.canary_traffic = static_cast<int>(use->Int(4));
    }
    dep.traffic = 100 - dep.canary_traffic;
    if (!use->IsNull(5)) dep.previous_version = use->Int(5);
    dep.updated_at = use->Int(6);
    keys.emplace_back(use->Int(7), use->Int(8));
    deployments.push_back(std::move(dep));
  }
  SC_RETURN_IF_ERROR(use->status());
  for (std::size_t i = 0; i < deployments.size(); ++i) {
    for (const auto& env : environments) {
      if (env.id != keys[i].second) continue;
      auto plan = PlanRollback(keys[i].first, env);
      if (!plan.ok()) return plan.status();
      if (*plan && (*plan)->target_entry) deployments[i].rollback_to = (*plan)->to_version;
    }
  }
  return deployments;
}

// ---------------------------------------------------------------------------------------------
// Environments

Result<std::vector<Environment>> Registry::ListEnvironments() const {
  auto& d = *impl_;
  return d.Read([&]() -> Result<std::vector<Environment>> {
    std::vector<Environment> list;
    for (const auto& row : d.environments) list.push_back(row.environment);
    return list;
  });
}

Result<Environment> Registry::AddEnvironment(std::string_view name, std::string_view required_stage,
                                             const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateStageName(name).ok()
                         ? Status::Ok()
                         : Status::InvalidArgument(
                               "environment name " + Quote(name) +
                               " must be a letter followed by letters, digits, '_' or '-' (at "
                               "most 64)"));
  auto& d = *impl_;
  auto result = d.Write(actor, [&]() -> Result<Environment> {
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kAdmin, "add environments"));
    if (const auto* existing = d.FindEnvironment(name)) {
      return Status::AlreadyExists("an environment named " +
                                   Quote(existing->environment.name) + " already exists");
    }
    std::int64_t stage_id = 0;
    Environment env{std::string(name), ""};
    if (!required_stage.empty()) {
      auto stage = d.RequireStage(required_stage);
      if (!stage.ok()) return stage.status();
      stage_id = (*stage)->id;
      env.required_stage = (*stage)->stage.name;
    }
    SC_RETURN_IF_ERROR(d.Exec(
        "INSERT INTO environments (name, required_stage_id) VALUES (?1, nullif(?2, 0))",
        [&](Statement& s) {
          s.Bind(1, name);
          s.Bind(2, stage_id);
        }));
    SC_RETURN_IF_ERROR(d.Audit(kActionAddEnvironment, std::nullopt, "", std::nullopt, "",
                               env.required_stage,
                               env.required_stage.empty()
                                   ? "takes versions in any stage but Archived"
                                   : "takes only versions in " + env.required_stage,
                               actor, env.name));
    return env;
  });
  d.stages_valid = false;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Deploy and promote

namespace {

// The current deployment row of a model in an environment.
struct CurrentDeployment {
  std::int64_t version_id = 0;
  std::int64_t version = 0;
  std::optional<std::int64_t> canary_version_id;
  std::optional<std::int64_t> canary_version;
};

}  // namespace

Result<Deployment> Registry::Deploy(const DeployRequest& request, const Actor& actor) {
  if (request.traffic < 1 || request.traffic > 100) {
    return Status::InvalidArgument("traffic must be a percentage from 1 to 100, not " +
                                   std::to_string(request.traffic));
  }
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Result<Deployment> {
    auto env = d.RequireEnvironment(request.environment);
    if (!env.ok()) return env.status();
    const auto& e = **env;
    d.context.environment = e.environment.name;
    auto row = d.FindVersion(request.model_name, request.version);
    if (!row.ok()) return row.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor,
                                   e.required_stage_id ? Role::kApprover : Role::kDeveloper,
                                   "deploy to " + Quote(e.environment.name)));
    const std::string version_name = VersionName(request.model_name, request.version);
    if (row->stage_id == kArchivedStageId) {
      return d.Refuse(Status::FailedPrecondition(version_name +
                                                 " is Archived; archived versions are not served"));
    }
    if (e.required_stage_id != 0 && row->stage_id != e.required_stage_id) {
      return d.Refuse(Status::FailedPrecondition(
          "only a version in stage " + Quote(d.StageName(e.required_stage_id)) +
          " may be deployed to " + Quote(e.environment.name) + "; " + version_name + " is in " +
          Quote(d.StageName(row->stage_id))));
    }
    std::optional<CurrentDeployment> current;
    {
      auto select = d.db->Prepare(
          "SELECT d.version_id, v.version, d.canary_version_id, c.version FROM deployments d "
          "JOIN versions v ON v.id = d.version_id LEFT JOIN versions c ON c.id = "
          "d.canary_version_id WHERE d.model_id = ?1 AND d.environment_id = ?2");
      if (!select.ok()) return select.status();
      StatementUse use(**select);
      use->Bind(1, row->model_id);
      use->Bind(2, e.id);
      if (use->Step()) {
        current = CurrentDeployment{use->Int(0), use->Int(1), std::nullopt, std::nullopt};
        if (!use->IsNull(2)) {
          current->canary_version_id = use->Int(2);
          current->canary_version = use->Int(3);
        }
      }
      SC_RETURN_IF_ERROR(use->status());
    }
    const Timestamp now = d.Now();
    const std::string env_name = e.environment.name;
    if (request.traffic < 100) {
      if (!current) {
        return Status::FailedPrecondition(
            "a canary runs beside a version already served at 100%; " + Quote(env_name) +
            " serves nothing of model " + Quote(request.model_name) + " yet");
      }
      if (current->version_id == row->id) {
        return Status::FailedPrecondition(Quote(env_name) + " already serves " + version_name +
                                          " as its primary version");
      }
      SC_RETURN_IF_ERROR(d.Exec(
          "UPDATE deployments SET canary_version_id = ?1, canary_traffic = ?2, updated_at = ?3 "
          "WHERE model_id = ?4 AND environment_id = ?5",
          [&](Statement& s) {
            s.Bind(1, row->id);
            s.Bind(2, request.traffic);
            s.Bind(3, now);
            s.Bind(4, row->model_id);
            s.Bind(5, e.id);
          }));
      SC_RETURN_IF_ERROR(d.Audit(kActionDeployCanary, row->model_id, request.model_name,
                                 request.version, "", "",
                                 "canary at " + std::to_string(request.traffic) +
                                     "% beside version " + std::to_string(current->version),
                                 actor, env_name, current->version));
    } else {
      if (current && current->version_id == row->id && !current->canary_version_id) {
        return Status::FailedPrecondition(Quote(env_name) + " already serves " + version_name +
                                          " at 100%");
      }
      const bool promotes_canary = current && current->canary_version_id == row->id;
      SC_RETURN_IF_ERROR(d.Exec(
          "INSERT INTO deployments (model_id, environment_id, version_id, canary_version_id, "
          "canary_traffic, previous_version, updated_at) VALUES (?1, ?2, ?3, NULL, 0, ?4, ?5) "
          "ON CONFLICT (model_id, environment_id) DO UPDATE SET version_id = excluded.version_id, "
          "canary_version_id = NULL, canary_traffic = 0, updated_at = excluded.updated_at, "
          // Re-deploying the primary (to end a canary) keeps what it replaced.
          "previous_version = CASE WHEN deployments.version_id = excluded.version_id "
          "THEN deployments.previous_version ELSE excluded.previous_version END",
          [&](Statement& s) {
            s.Bind(1, row->model_id);
            s.Bind(2, e.id);
            s.Bind(3, row->id);
            s.BindNull(4);
            if (current && current->version_id != row->id) s.Bind(4, current->version);
            s.Bind(5, now);
          }));
      if (!current || current->version_id != row->id) {
        SC_RETURN_IF_ERROR(d.Exec(
            "INSERT INTO deployment_history (model_id, environment_id, version, deployed_at) "
            "VALUES (?1, ?2, ?3, ?4)",
            [&](Statement& s) {
              s.Bind(1, row->model_id);
              s.Bind(2, e.id);
              s.Bind(3, request.version);
              s.Bind(4, now);
            }));
      }
      std::optional<std::int64_t> replaced;
      if (current && current->version_id != row->id) replaced = current->version;
      // What the deploy ended, so that the history says why a canary stopped.
      std::string comment = promotes_canary ? "canary promoted to 100%" : "100%";
      std::string ended;
      if (replaced) ended = "replaces version " + std::to_string(*replaced);
      if (current && current->canary_version && !promotes_canary) {
        ended += (ended.empty() ? "" : "; ");
        ended += "ends the canary of version " + std::to_string(*current->canary_version);
      }
      if (!ended.empty()) comment += " (" + ended + ")";
      SC_RETURN_IF_ERROR(d.Audit(promotes_canary ? kActionPromoteCanary : kActionDeploy,
                                 row->model_id, request.model_name, request.version, "", "",
                                 comment, actor, env_name, replaced));
    }
    auto deployments = d.LoadDeployments("d.model_id = ?1 AND d.environment_id = ?2",
                                         [&](Statement& s) {
                                           s.Bind(1, row->model_id);
                                           s.Bind(2, e.id);
                                         });
    if (!deployments.ok()) return deployments.status();
    return std::move(deployments->front());
  });
}

Result<Deployment> Registry::PromoteCanary(std::string_view model_name,
                                           std::string_view environment, const Actor& actor) {
  std::optional<std::int64_t> canary;
  {
    auto deployments = ListDeployments(model_name);
    if (!deployments.ok()) return deployments.status();
    for (const auto& dep : *deployments) {
      if (EqualsIgnoreCase(dep.environment, environment)) canary = dep.canary_version;
    }
  }
  if (!canary) {
    return Status::FailedPrecondition("environment " + Quote(environment) +
                                      " runs no canary of model " + Quote(model_name));
  }
  return Deploy(DeployRequest{std::string(model_name), *canary, std::string(environment), 100},
                actor);
}

Result<std::vector<Deployment>> Registry::ListDeployments(std::string_view model_name) const {
  auto& d = *impl_;
  return d.Read([&]() -> Result<std::vector<Deployment>> {
    auto model = d.FindModel(model_name);
    if (!model.ok()) return model.status();
    return d.LoadDeployments("d.model_id = ?1", [&](Statement& s) { s.Bind(1, model->id); });
  });
}

}  // namespace stagecraft::engine
