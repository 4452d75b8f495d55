// Commands of governance: transition requests and approvals, deployments and rollback, stage
// gates, users and environments.

#include "grammar.h"

namespace stagecraft::commands::internal {
namespace {

std::string RequestsTable(const std::vector<engine::TransitionRequest>& requests) {
  Table t({"ID", "Model", "Version", "From", "To", "Requester", "Status", "Approvals", "Comment"});
  for (const auto& r : requests) {
    std::string status = engine::RequestStatusName(r.status);
    if (r.stale) status += " (stale)";
    std::string approvals = std::to_string(r.approvals.size()) + "/" +
                            std::to_string(r.required_approvals);
    for (std::size_t i = 0; i < r.approvals.size(); ++i) {
      approvals += (i == 0 ? " " : ",") + r.approvals[i].approver;
    }
    t.AddRow({std::to_string(r.id), r.model_name, std::to_string(r.version), r.from_stage,
              r.to_stage, r.requester, status, approvals, r.comment});
  }
  return t.Render();
}

std::string DeploymentText(const engine::Deployment& d) {
  std::string text = Q(d.environment) + " serves version " + std::to_string(d.version) +
                     " of model " + Q(d.model_name) + " at " + std::to_string(d.traffic) + "%";
  if (d.canary_version) {
    text += ", with version " + std::to_string(*d.canary_version) + " as a canary at " +
            std::to_string(d.canary_traffic) + "%";
  } else if (d.previous_version) {
    text += " (it replaced version " + std::to_string(*d.previous_version) + ")";
  }
  return text + ".\n";
}

Status PrintDeployment(Context& c, const engine::Result<engine::Deployment>& deployment) {
  if (!deployment.ok()) return deployment.status();
  c.out += c.json ? DumpJson(ToJson(*deployment)) : DeploymentText(*deployment);
  return Status::Ok();
}

Status ParseRoleFlag(const std::string& text, engine::Role* role) {
  auto parsed = engine::ParseRole(text);
  if (!parsed) {
    return Status::InvalidArgument("unknown role " + Q(text) +
                                   "; roles are viewer, developer, approver, admin");
  }
  *role = *parsed;
  return Status::Ok();
}

void RoleFlag(CLI::App& c, Flags& f) {
  c.add_option("--role,-r", f.role, "viewer, developer, approver or admin")
      ->required()
      ->check(CLI::IsMember({"viewer", "developer", "approver", "admin"}, CLI::ignore_case));
}

// A request command names a request; the version it acts on is the request's, when it exists.
void RecordRequestSubject(Context& c, std::int64_t id) {
  auto request = c.registry.GetRequest(id);
  if (!request.ok()) return;
  c.subject.model_name = request->model_name;
  c.subject.version = request->version;
  c.subject.stage = request->to_stage;
}

void EnvFlag(CLI::App& c, Flags& f, const char* fallback) {
  auto* o = c.add_option("--env,-e", f.env, "environment, e.g. staging or production");
  if (fallback) {
    f.env = fallback;
    o->capture_default_str();
  } else {
    o->required();
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Requests

void AddRequestCommands(Grammar& g, CLI::App* models) {
  g.Leaf(models, "request-transition",
         "Ask approvers to move a version to a stage; the move happens when enough approve.",
         "stagecraft models request-transition --model-name N --version V --stage S "
         "[--comment T] [--archive-existing]",
         [](CLI::App& c, Flags& f) {
           ModelNameFlag(c, f);
           VersionFlag(c, f);
           c.add_option("--stage", f.stage, "target stage")->required();
           c.add_option("--comment,-c", f.comment, "why");
           c.add_flag("--archive-existing", f.archive_existing,
                      "archive the other versions in the target stage when applied");
         },
         [](Context& c, const Flags& f) -> Status {
           engine::StageTransition t{f.model_name, f.version, f.stage, f.archive_existing,
                                     f.comment, false};
           auto r = c.registry.RequestTransition(t, c.actor);
           if (!r.ok()) return r.status();
           c.out += c.json ? DumpJson(ToJson(*r))
                           : "Request " + std::to_string(r->id) + ": move version " +
                                 std::to_string(r->version) + " of model " + Q(r->model_name) +
                                 " from " + r->from_stage + " to " + r->to_stage + " (needs " +
                                 std::to_string(r->required_approvals) + " approval" +
                                 (r->required_approvals == 1 ? "" : "s") + ").\n";
           return Status::Ok();
         });

  g.Leaf(models, "list-requests", "List transition requests (all, or pending ones with --pending).",
         "stagecraft models list-requests [--model-name N] [--pending]",
         [](CLI::App& c, Flags& f) {
           c.add_option("--model-name,-m", f.model_name, "only this model's requests");
           c.add_flag("--pending", f.pending, "only pending requests");
         },
         [](Context& c, const Flags& f) -> Status {
           engine::RequestQuery query;
           if (!f.model_name.empty()) query.model_name = f.model_name;
           query.pending_only = f.pending;
           auto requests = c.registry.ListRequests(query);
           if (!requests.ok()) return requests.status();
           if (c.json) {
             json array = json::array();
             for (const auto& r : *requests) array.push_back(ToJson(r));
             c.out += DumpJson(array);
           } else if (requests->empty()) {
             c.out += "No transition requests.\n";
           } else {
             c.out += RequestsTable(*requests);
           }
           return Status::Ok();
         });

  g.Leaf(models, "approve-request",
         "Approve a request (approver; not your own). The last approval needed applies it.",
         "stagecraft models approve-request --id ID [--comment T]",
         [](CLI::App& c, Flags& f) {
           c.add_option("--id", f.id, "request id")->required()->check(PositiveInteger());
           c.add_option("--comment,-c", f.comment, "why");
         },
         [](Context& c, const Flags& f) -> Status {
           RecordRequestSubject(c, f.id);
           auto outcome = c.registry.ApproveRequest(f.id, f.comment, c.actor);
           if (!outcome.ok()) return outcome.status();
           const auto& r = outcome->request;
           if (c.json) {
             c.out += DumpJson({{"request", ToJson(r)},
                                {"applied", outcome->applied ? ToJson(*outcome->applied)
                                                             : json(nullptr)}});
             return Status::Ok();
           }
           c.out += "Approved request " + std::to_string(r.id) + " (" +
                    std::to_string(r.approvals.size()) + " of " +
                    std::to_string(r.required_approvals) + ").\n";
           if (outcome->applied) c.out += TransitionText(*outcome->applied);
           return Status::Ok();
         });

  g.Leaf(models, "reject-request", "Reject a pending request (approver).",
         "stagecraft models reject-request --id ID [--comment T]",
         [](CLI::App& c, Flags& f) {
           c.add_option("--id", f.id, "request id")->required()->check(PositiveInteger());
           c.add_option("--comment,-c", f.comment, "why");
         },
         [](Context& c, const Flags& f) -> Status {
           RecordRequestSubject(c, f.id);
           auto r = c.registry.RejectRequest(f.id, f.comment, c.actor);
           if (!r.ok()) return r.status();
           c.out += c.json ? DumpJson(ToJson(*r))
                           : "Rejected request " + std::to_string(r->id) + ".\n";
           return Status::Ok();
         });

  g.Leaf(models, "cancel-request", "Withdraw your own pending request.",
         "stagecraft models cancel-request --id ID",
         [](CLI::App& c, Flags& f) {
           c.add_option("--id", f.id, "request id")->required()->check(PositiveInteger());
         },
         [](Context& c, const Flags& f) -> Status {
           RecordRequestSubject(c, f.id);
           auto r = c.registry.CancelRequest(f.id, c.actor);
           if (!r.ok()) return r.status();
           c.out += c.json ? DumpJson(ToJson(*r))
                           : "Cancelled request " + std::to_string(r->id) + ".\n";
           return Status::Ok();
         });
}

// ---------------------------------------------------------------------------------------------
// Deployments

void AddDeploymentCommands(Grammar& g, CLI::App* models) {
  g.Leaf(models, "deploy",
         "Serve a version in an environment: at 100%, or as a canary with --traffic below 100.",
         "stagecraft models deploy --model-name N --version V --env E [--traffic PCT]",
         [](CLI::App& c, Flags& f) {
           ModelNameFlag(c, f);
           VersionFlag(c, f);
           EnvFlag(c, f, nullptr);
           c.add_option("--traffic,-t", f.traffic, "percent of traffic (1-100; default 100)")
               ->check(CLI::Range(1, 100));
         },
         [](Context& c, const Flags& f) -> Status {
           return PrintDeployment(
               c, c.registry.Deploy({f.model_name, f.version, f.env, f.traffic}, c.actor));
         });

  g.Leaf(models, "promote-canary", "Make the canary the primary version at 100%.",
         "stagecraft models promote-canary --model-name N [--env E]",
         [](CLI::App& c, Flags& f) {
           ModelNameFlag(c, f);
           EnvFlag(c, f, "production");
         },
         [](Context& c, const Flags& f) -> Status {
           return PrintDeployment(c, c.registry.PromoteCanary(f.model_name, f.env, c.actor));
         });

  g.Leaf(models, "rollback",
         "Return an environment to the version it served before (and Production to that "
         "version); again goes further back.",
         "stagecraft models rollback --model-name N [--env E]",
         [](CLI::App& c, Flags& f) {
           ModelNameFlag(c, f);
           EnvFlag(c, f, "production");
         },
         [](Context& c, const Flags& f) -> Status {
           auto o = c.registry.Rollback(f.model_name, f.env, c.actor);
           if (!o.ok()) return o.status();
           if (c.json) {
             c.out += DumpJson(ToJson(*o));
             return Status::Ok();
           }
           c.out += "Rolled back " + Q(o->environment) + " from version " +
                    std::to_string(o->from_version) + " to version " +
                    std::to_string(o->to_version) + " of model " + Q(o->model_name) + ".\n" +
                    "Version " + std::to_string(o->to_version) + " is in " + o->to_version_stage +
                    " and served at 100%; version " + std::to_string(o->from_version) +
                    " is in " + o->from_version_stage + ".\n";
           return Status::Ok();
         });

  g.Leaf(models, "deployments", "What each environment serves of a model now.",
         "stagecraft models deployments --model-name N",
         [](CLI::App& c, Flags& f) { ModelNameFlag(c, f); },
         [](Context& c, const Flags& f) -> Status {
           auto list = c.registry.ListDeployments(f.model_name);
           if (!list.ok()) return list.status();
           if (c.json) {
             json array = json::array();
             for (const auto& d : *list) {
               for (auto& row : DeploymentRows(d)) array.push_back(row);
             }
             c.out += DumpJson(array);
             return Status::Ok();
           }
           if (list->empty()) {
             c.out += "No environment serves model " + Q(f.model_name) + ".\n";
             return Status::Ok();
           }
           Table t({"Env", "Version", "Traffic", "Role", "Previous", "Updated"});
           for (const auto& d : *list) {
             for (const auto& row : DeploymentRows(d)) {
               t.AddRow({row["env"].get<std::string>(), std::to_string(row["version"].get<std::int64_t>()),
                         std::to_string(row["traffic"].get<int>()) + "%",
                         row["role"].get<std::string>(),
                         row["previous_version"].is_null()
                             ? ""
                             : std::to_string(row["previous_version"].get<std::int64_t>()),
                         FormatTime(d.updated_at)});
             }
           }
           c.out += t.Render();
           return Status::Ok();
         });
}

// ---------------------------------------------------------------------------------------------
// Gates, users, environments

void AddGateCommands(Grammar& g, CLI::App* stages) {
  g.Leaf(stages, "gate",
         "Set what a version needs to enter a stage: approvals, metric thresholds, tags "
         "(admin). Conditions add up; a new condition on a metric or tag already in the gate "
         "replaces it; --clear starts over.",
         "stagecraft stages gate STAGE [--require-approvals N] [--require-metric 'accuracy>=0.9']"
         "... [--require-tag validation=passed]... [--clear]",
         [](CLI::App& c, Flags& f) {
           c.add_option("stage", f.stage, "stage name")->required();
           c.add_option("--require-approvals", f.approvals, "approvals of a transition request")
               ->check(CLI::Range(0, 10));
           c.add_option("--require-metric", f.metrics, "a metric condition, e.g. 'accuracy>=0.9'")
               ->check(CLI::Validator(
                   [](std::string& text) -> std::string {
                     auto parsed = engine::ParseMetricRequirement(text);
                     return parsed.ok() ? "" : parsed.status().message();
                   },
                   "METRIC>=N"));
           c.add_option("--require-tag", f.tags, "a required tag, KEY=VALUE")
               ->check(CLI::Validator([](std::string& s) { return CheckKeyValue(s, false); },
                                      "KEY=VALUE"));
           c.add_flag("--clear", f.clear, "remove every condition first");
         },
         [](Context& c, const Flags& f) -> Status {
           engine::GateChange change;
           change.clear = f.clear;
           if (f.approvals >= 0) change.required_approvals = f.approvals;
           for (const auto& text : f.metrics) {
             auto m = engine::ParseMetricRequirement(text);
             if (!m.ok()) return m.status();
             change.metrics.push_back(*m);
           }
           for (const auto& t : f.tags) {
             auto eq = t.find('=');
             change.tags[t.substr(0, eq)] = t.substr(eq + 1);
           }
           auto stage = c.registry.SetStageGate(f.stage, change, c.actor);
           if (!stage.ok()) return stage.status();
           const std::string gate = GateText(*stage);
           c.out += c.json ? DumpJson(ToJson(*stage))
                           : "Gate of stage " + Q(stage->name) + ": " +
                                 (gate.empty() ? "none" : gate) + ".\n";
           return Status::Ok();
         });
}

void AddUserCommands(Grammar& g, CLI::App* users) {
  g.Leaf(users, "add", "Add a user with a role (admin).", "stagecraft users add NAME --role R",
         [](CLI::App& c, Flags& f) {
           c.add_option("name", f.name, "user name")->required();
           RoleFlag(c, f);
         },
         [](Context& c, const Flags& f) -> Status {
           engine::Role role;
           SC_RETURN_IF_ERROR(ParseRoleFlag(f.role, &role));
           auto user = c.registry.AddUser(f.name, role, c.actor);
           if (!user.ok()) return user.status();
           c.out += c.json ? DumpJson(ToJson(*user))
                           : "Added user " + Q(user->name) + " as " +
                                 engine::RoleName(user->role) + ".\n";
           return Status::Ok();
         });

  g.Leaf(users, "set-role", "Change a user's role (admin).",
         "stagecraft users set-role NAME --role R",
         [](CLI::App& c, Flags& f) {
           c.add_option("name", f.name, "user name")->required();
           RoleFlag(c, f);
         },
         [](Context& c, const Flags& f) -> Status {
           engine::Role role;
           SC_RETURN_IF_ERROR(ParseRoleFlag(f.role, &role));
           SC_RETURN_IF_ERROR(c.registry.SetUserRole(f.name, role, c.actor));
           c.out += c.json ? DumpJson({{"name", f.name}, {"role", engine::RoleName(role)}})
                           : "User " + Q(f.name) + " is now " + engine::RoleName(role) + ".\n";
           return Status::Ok();
         });

  g.Leaf(users, "list", "List users and their roles.", "stagecraft users list",
         [](CLI::App&, Flags&) {},
         [](Context& c, const Flags&) -> Status {
           auto users = c.registry.ListUsers();
           if (!users.ok()) return users.status();
           if (c.json) {
             json array = json::array();
             for (const auto& u : *users) array.push_back(ToJson(u));
             c.out += DumpJson(array);
             return Status::Ok();
           }
           Table t({"Name", "Role"});
           for (const auto& u : *users) t.AddRow({u.name, engine::RoleName(u.role)});
           c.out += t.Render();
           return Status::Ok();
         });
}

void AddEnvironmentCommands(Grammar& g, CLI::App* environments) {
  g.Leaf(environments, "list", "List environments.", "stagecraft environments list",
         [](CLI::App&, Flags&) {},
         [](Context& c, const Flags&) -> Status {
           auto list = c.registry.ListEnvironments();
           if (!list.ok()) return list.status();
           if (c.json) {
             json array = json::array();
             for (const auto& e : *list) array.push_back(ToJson(e));
             c.out += DumpJson(array);
             return Status::Ok();
           }
           Table t({"Env", "Takes versions in"});
           for (const auto& e : *list) {
             t.AddRow({e.name, e.required_stage.empty() ? "any stage but Archived"
                                                        : e.required_stage});
           }
           c.out += t.Render();
           return Status::Ok();
         });

  g.Leaf(environments, "add", "Add an environment (admin).",
         "stagecraft environments add NAME [--require-stage S]",
         [](CLI::App& c, Flags& f) {
           c.add_option("name", f.name, "environment name")->required();
           c.add_option("--require-stage", f.stage, "only versions in this stage may be deployed");
         },
         [](Context& c, const Flags& f) -> Status {
           auto env = c.registry.AddEnvironment(f.name, f.stage, c.actor);
           if (!env.ok()) return env.status();
           c.out += c.json ? DumpJson(ToJson(*env)) : "Added environment " + Q(env->name) + ".\n";
           return Status::Ok();
         });
}

}  // namespace stagecraft::commands::internal
