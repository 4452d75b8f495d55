// Governance: the catalog cache (stages with gates, users, environments), roles, refusals, and
// transition requests with approvals. Gates themselves are in gates.cpp.
//
// Sections: names of roles and request states | catalog cache | roles and refusals | users |
// transition requests.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "registry_impl.h"

namespace stagecraft::engine {

// ---------------------------------------------------------------------------------------------
// Names of roles and request states

const char* RoleName(Role role) {
  switch (role) {
    case Role::kViewer: return "viewer";
    case Role::kDeveloper: return "developer";
    case Role::kApprover: return "approver";
    case Role::kAdmin: return "admin";
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kViewer, Role::kDeveloper, Role::kApprover, Role::kAdmin}) {
    if (EqualsIgnoreCase(name, RoleName(role))) return role;
  }
  return std::nullopt;
}

const char* RequestStatusName(RequestStatus status) {
  switch (status) {
    case RequestStatus::kPending: return "pending";
    case RequestStatus::kApproved: return "approved";
    case RequestStatus::kRejected: return "rejected";
    case RequestStatus::kCancelled: return "cancelled";
  }
  return "pending";
}

namespace {

std::optional<RequestStatus> ParseRequestStatus(std::string_view text) {
  for (auto s : {RequestStatus::kPending, RequestStatus::kApproved, RequestStatus::kRejected,
                 RequestStatus::kCancelled}) {
    if (text == RequestStatusName(s)) return s;
  }
  return std::nullopt;
}

std::optional<FilterOp> ParseComparison(std::string_view text) {
  for (auto op : {FilterOp::kEq, FilterOp::kNe, FilterOp::kLt, FilterOp::kLe, FilterOp::kGt,
                  FilterOp::kGe}) {
    if (text == FilterOpText(op)) return op;
  }
  return std::nullopt;
}

Status ValidateUserName(std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("a user name cannot be empty");
  if (name.size() > 64) {
    return Status::InvalidArgument("user name " + Quote(name) + " is longer than 64 characters");
  }
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
          c == '@')) {
      return Status::InvalidArgument("user name " + Quote(name) +
                                     " may contain only letters, digits, '_', '-', '.' and '@'");
    }
  }
  return Status::Ok();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Catalog cache

Status Registry::Impl::RefreshCatalog() {
  auto pragma = db->Prepare("PRAGMA data_version");
  if (!pragma.ok()) return pragma.status();
  std::int64_t version = -1;
  {
    StatementUse use(**pragma);
    if (use->Step()) version = use->Int(0);
    SC_RETURN_IF_ERROR(use->status());
  }
  if (stages_valid && version == data_version) return Status::Ok();

  std::vector<StageRow> loaded_stages;
  {
    auto select = db->Prepare(
        "SELECT id, name, position, exclusive, builtin, required_approvals FROM stages "
        "ORDER BY position");
    if (!select.ok()) return select.status();
    StatementUse use(**select);
    while (use->Step()) {
      StageRow row{use->Int(0), Stage{}};
      row.stage.name = use->Text(1);
      row.stage.position = static_cast<int>(use->Int(2));
      row.stage.exclusive = use->Int(3) != 0;
      row.stage.builtin = use->Int(4) != 0;
      row.stage.required_approvals = static_cast<int>(use->Int(5));
      loaded_stages.push_back(std::move(row));
    }
    SC_RETURN_IF_ERROR(use->status());
  }
  {
    auto select = db->Prepare("SELECT stage_id, kind, key, op, value FROM stage_gates "
                              "ORDER BY stage_id, kind, key");
    if (!select.ok()) return select.status();
    StatementUse use(**select);
    while (use->Step()) {
      auto row = std::find_if(loaded_stages.begin(), loaded_stages.end(),
                              [&](const StageRow& r) { return r.id == use->Int(0); });
      if (row == loaded_stages.end()) continue;
      if (use->Text(1) == "metric") {
        auto op = ParseComparison(use->Text(3));
        row->stage.required_metrics.push_back(MetricRequirement{
            use->Text(2), op.value_or(FilterOp::kGe), std::strtod(use->Text(4).c_str(), nullptr)});
      } else {
        row->stage.required_tags[use->Text(2)] = use->Text(4);
      }
    }
    SC_RETURN_IF_ERROR(use->status());
  }
  std::vector<EnvironmentRow> loaded_environments;
  {
    auto select = db->Prepare(
        "SELECT e.id, e.name, coalesce(e.required_stage_id, 0), coalesce(s.name, '') "
        "FROM environments e LEFT JOIN stages s ON s.id = e.required_stage_id ORDER BY e.name");
    if (!select.ok()) return select.status();
    StatementUse use(**select);
    while (use->Step()) {
      loaded_environments.push_back(
          EnvironmentRow{use->Int(0), Environment{use->Text(1), use->Text(3)}, use->Int(2)});
    }
    SC_RETURN_IF_ERROR(use->status());
  }
  std::map<std::string, User, std::less<>> loaded_users;
  {
    auto select = db->Prepare("SELECT name, role, created_at FROM users");
    if (!select.ok()) return select.status();
    StatementUse use(**select);
    while (use->Step()) {
      User user{use->Text(0), ParseRole(use->Text(1)).value_or(Role::kViewer), use->Int(2)};
      loaded_users.emplace(user.name, user);
    }
    SC_RETURN_IF_ERROR(use->status());
  }
  stages = std::move(loaded_stages);
  environments = std::move(loaded_environments);
  users = std::move(loaded_users);
  stages_valid = true;
  data_version = version;
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Roles and refusals

Status Registry::Impl::Authorize(const Actor& actor, Role needed, std::string_view doing) {
  auto user = users.find(actor.name);
  if (user == users.end()) {
    return Refuse(Status::PermissionDenied(
        "unknown user " + Quote(actor.name) + " cannot " + std::string(doing) +
        "; an admin adds users with: stagecraft users add NAME --role ROLE"));
  }
  if (user->second.role < needed) {
    return Refuse(Status::PermissionDenied(
        "user " + Quote(actor.name) + " is a " + RoleName(user->second.role) + " and cannot " +
        std::string(doing) + ": that needs the " + RoleName(needed) + " role"));
  }
  return Status::Ok();
}

void Registry::Impl::RecordRefusal(const Actor& actor, const std::string& message) {
  const RefusalContext refusal = context;
  sqlite::Transaction transaction(*db);
  if (!transaction.Begin().ok()) return;  // the refusal itself is what the caller reports
  if (!Audit(kActionRefused, refusal.model_id, refusal.model_name, refusal.version, "",
             refusal.stage, message, actor, refusal.environment)
           .ok()) {
    return;
  }
  if (transaction.Commit().ok()) Notify();
  pending.clear();
}

// ---------------------------------------------------------------------------------------------
// Users

Result<User> Registry::AddUser(std::string_view name, Role role, const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateUserName(name));
  auto& d = *impl_;
  auto result = d.Write(actor, [&]() -> Result<User> {
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kAdmin, "add users"));
    if (d.users.count(name) != 0) {
      return Status::AlreadyExists("a user named " + Quote(name) + " already exists");
    }
    User user{std::string(name), role, d.Now()};
    SC_RETURN_IF_ERROR(d.Exec("INSERT INTO users (name, role, created_at) VALUES (?1, ?2, ?3)",
                              [&](Statement& s) {
                                s.Bind(1, name);
                                s.Bind(2, RoleName(role));
                                s.Bind(3, user.created_at);
                              }));
    SC_RETURN_IF_ERROR(d.Audit(kActionAddUser, std::nullopt, "", std::nullopt, "", "",
                               std::string(name) + " as " + RoleName(role), actor));
    return user;
  });
  d.stages_valid = false;
  return result;
}

Status Registry::SetUserRole(std::string_view name, Role role, const Actor& actor) {
  auto& d = *impl_;
  Status status = d.Write(actor, [&]() -> Status {
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kAdmin, "change roles"));
    auto user = d.users.find(name);
    if (user == d.users.end()) return Status::NotFound("no user named " + Quote(name));
    if (user->second.role == role) return Status::Ok();
    if (user->second.role == Role::kAdmin) {
      int admins = 0;
      for (const auto& [n, u] : d.users) admins += u.role == Role::kAdmin ? 1 : 0;
      if (admins == 1) {
        return Status::FailedPrecondition("user " + Quote(name) +
                                          " is the last admin; make another admin first");
      }
    }
    SC_RETURN_IF_ERROR(d.Exec("UPDATE users SET role = ?1 WHERE name = ?2", [&](Statement& s) {
      s.Bind(1, RoleName(role));
      s.Bind(2, name);
    }));
    return d.Audit(kActionSetRole, std::nullopt, "", std::nullopt, "", "",
                   std::string(name) + ": " + RoleName(user->second.role) + " -> " +
                       RoleName(role),
                   actor);
  });
  d.stages_valid = false;
  return status;
}

Result<std::vector<User>> Registry::ListUsers() const {
  auto& d = *impl_;
  return d.Read([&]() -> Result<std::vector<User>> {
    std::vector<User> users;
    for (const auto& [name, user] : d.users) users.push_back(user);
    return users;
  });
}

// ---------------------------------------------------------------------------------------------
// Transition requests

Result<std::vector<TransitionRequest>> Registry::Impl::LoadRequests(
    const std::string& where, const std::function<void(Statement&)>& bind) {
  std::vector<TransitionRequest> requests;
  std::map<std::int64_t, std::size_t> index;
  {
    auto stmt = db->PrepareDynamic(
        "SELECT r.id, m.name, v.version, r.from_stage, r.to_stage, r.archive_existing, "
        "r.requester, r.comment, r.status, r.created_at, r.resolved_at, r.resolved_by, "
        "r.resolution_comment, v.stage_id FROM transition_requests r "
        "JOIN models m ON m.id = r.model_id JOIN versions v ON v.id = r.version_id WHERE " +
        where + " ORDER BY r.id");
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    bind(*use);
    while (use->Step()) {
      TransitionRequest r;
      r.id = use->Int(0);
      r.model_name = use->Text(1);
      r.version = use->Int(2);
      r.from_stage = use->Text(3);
      r.to_stage = use->Text(4);
      r.archive_existing = use->Int(5) != 0;
      r.requester = use->Text(6);
      r.comment = use->Text(7);
      r.status = ParseRequestStatus(use->Text(8)).value_or(RequestStatus::kPending);
      r.created_at = use->Int(9);
      r.resolved_at = use->Int(10);
      r.resolved_by = use->Text(11);
      r.resolution_comment = use->Text(12);
      r.stale = r.status == RequestStatus::kPending && StageName(use->Int(13)) != r.from_stage;
      const StageRow* target = FindStage(r.to_stage);
      r.required_approvals = std::max(1, target ? target->stage.required_approvals : 1);
      index.emplace(r.id, requests.size());
      requests.push_back(std::move(r));
    }
    SC_RETURN_IF_ERROR(use->status());
  }
  if (requests.empty()) return requests;
  auto stmt = db->PrepareDynamic(
      "SELECT a.request_id, a.approver, a.comment, a.time FROM approvals a WHERE a.request_id IN "
      "(SELECT r.id FROM transition_requests r JOIN models m ON m.id = r.model_id "
      "JOIN versions v ON v.id = r.version_id WHERE " + where + ") ORDER BY a.time, a.approver");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  bind(*use);
  while (use->Step()) {
    auto found = index.find(use->Int(0));
    if (found == index.end()) continue;
    requests[found->second].approvals.push_back(Approval{use->Text(1), use->Text(2), use->Int(3)});
  }
  SC_RETURN_IF_ERROR(use->status());
  return requests;
}

Result<TransitionRequest> Registry::Impl::LoadRequest(std::int64_t id) {
  auto loaded = LoadRequests("r.id = ?1", [&](Statement& s) { s.Bind(1, id); });
  if (!loaded.ok()) return loaded.status();
  if (loaded->empty()) return Status::NotFound("no transition request with id " + std::to_string(id));
  return std::move(loaded->front());
}

Result<TransitionRequest> Registry::RequestTransition(const StageTransition& t,
                                                      const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateText("comment", t.comment));
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Result<TransitionRequest> {
    auto target = d.RequireStage(t.stage);
    if (!target.ok()) return target.status();
    d.context.stage = (*target)->stage.name;
    auto row = d.FindVersion(t.model_name, t.version);
    if (!row.ok()) return row.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kDeveloper, "request stage transitions"));
    if (row->stage_id == (*target)->id) {
      return Status::FailedPrecondition(VersionName(t.model_name, t.version) +
                                        " is already in stage " + Quote((*target)->stage.name));
    }
    if (t.archive_existing &&
        ((*target)->id == kNoneStageId || (*target)->id == kArchivedStageId)) {
      return Status::InvalidArgument("archive-existing cannot be used when moving " +
                                     VersionName(t.model_name, t.version) + " to " +
                                     Quote((*target)->stage.name));
    }
    {
      auto duplicate = d.db->Prepare(
          "SELECT id FROM transition_requests WHERE version_id = ?1 AND to_stage = ?2 AND "
          "status = 'pending' AND from_stage = ?3");
      if (!duplicate.ok()) return duplicate.status();
      StatementUse use(**duplicate);
      use->Bind(1, row->id);
      use->Bind(2, (*target)->stage.name);
      use->Bind(3, d.StageName(row->stage_id));
      if (use->Step()) {
        return Status::AlreadyExists("request " + std::to_string(use->Int(0)) + " to move " +
                                     VersionName(t.model_name, t.version) + " to " +
                                     Quote((*target)->stage.name) + " is already pending");
      }
      SC_RETURN_IF_ERROR(use->status());
    }
    SC_RETURN_IF_ERROR(d.Exec(
        "INSERT INTO transition_requests (model_id, version_id, from_stage, to_stage, "
        "archive_existing, requester, comment, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        [&](Statement& s) {
          s.Bind(1, row->model_id);
          s.Bind(2, row->id);
          s.Bind(3, d.StageName(row->stage_id));
          s.Bind(4, (*target)->stage.name);
          s.Bind(5, t.archive_existing);
          s.Bind(6, actor.name);
          s.Bind(7, t.comment);
          s.Bind(8, d.Now());
        }));
    const std::int64_t id = d.db->LastInsertRowid();
    SC_RETURN_IF_ERROR(d.Audit(kActionRequestTransition, row->model_id, t.model_name, t.version,
                               d.StageName(row->stage_id), (*target)->stage.name,
                               "request " + std::to_string(id) +
                                   (t.comment.empty() ? "" : ": " + t.comment),
                               actor));
    return d.LoadRequest(id);
  });
}

Result<TransitionRequest> Registry::GetRequest(std::int64_t id) const {
  auto& d = *impl_;
  return d.Read([&] { return d.LoadRequest(id); });
}

Result<std::vector<TransitionRequest>> Registry::ListRequests(const RequestQuery& query) const {
  auto& d = *impl_;
  return d.Read([&]() -> Result<std::vector<TransitionRequest>> {
    std::string where = query.pending_only ? "r.status = 'pending'" : "1";
    if (!query.model_name) return d.LoadRequests(where, [](Statement&) {});
    auto model = d.FindModel(*query.model_name);
    if (!model.ok()) return model.status();
    return d.LoadRequests(where + " AND r.model_id = ?1",
                          [&](Statement& s) { s.Bind(1, model->id); });
  });
}

Result<TransitionRequest> Registry::Impl::PendingRequest(std::int64_t id, const char* doing) {
  auto request = LoadRequest(id);
  if (!request.ok()) return request.status();
  auto model = FindModel(request->model_name);  // sets the refusal context's model
  if (!model.ok()) return model.status();
  context.version = request->version;
  context.stage = request->to_stage;
  if (request->status != RequestStatus::kPending) {
    return Status::FailedPrecondition("request " + std::to_string(id) + " cannot be " + doing +
                                      ": it is already " + RequestStatusName(request->status));
  }
  return request;
}

Status Registry::Impl::ResolveRequest(std::int64_t id, RequestStatus status,
                                      std::string_view comment, const Actor& actor) {
  return Exec(
      "UPDATE transition_requests SET status = ?1, resolved_at = ?2, resolved_by = ?3, "
      "resolution_comment = ?4 WHERE id = ?5",
      [&](Statement& s) {
        s.Bind(1, RequestStatusName(status));
        s.Bind(2, Now());
        s.Bind(3, actor.name);
        s.Bind(4, comment);
        s.Bind(5, id);
      });
}

Result<ApprovalOutcome> Registry::ApproveRequest(std::int64_t id, std::string_view comment,
                                                 const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateText("comment", comment));
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Result<ApprovalOutcome> {
    auto request = d.PendingRequest(id, "approved");
    if (!request.ok()) return request.status();
    const std::string what = "request " + std::to_string(id);
    if (request->requester == actor.name) {  // checked first: it is the rule people need to hear
      return d.Refuse(Status::PermissionDenied(
          "user " + Quote(actor.name) + " made " + what +
          " and cannot approve it: separation of duties needs a second person"));
    }
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kApprover, "approve transition requests"));
    if (request->stale) {
      auto now = d.FindVersion(request->model_name, request->version);
      std::string where = now.ok() ? d.StageName(now->stage_id) : "elsewhere";
      return d.Refuse(Status::FailedPrecondition(
          what + " is stale: " + VersionName(request->model_name, request->version) +
          " was in " + Quote(request->from_stage) + " when it was made and is now in " +
          Quote(where) + "; make a new request"));
    }
    for (const auto& approval : request->approvals) {
      if (approval.approver == actor.name) {
        return Status::AlreadyExists("user " + Quote(actor.name) + " has already approved " +
                                     what);
      }
    }
    SC_RETURN_IF_ERROR(d.Exec(
        "INSERT INTO approvals (request_id, approver, comment, time) VALUES (?1, ?2, ?3, ?4)",
        [&](Statement& s) {
          s.Bind(1, id);
          s.Bind(2, actor.name);
          s.Bind(3, comment);
          s.Bind(4, d.Now());
        }));
    auto row = d.FindVersion(request->model_name, request->version);
    if (!row.ok()) return row.status();
    const int approvals = static_cast<int>(request->approvals.size()) + 1;
    SC_RETURN_IF_ERROR(d.Audit(kActionApproveRequest, row->model_id, request->model_name,
                               request->version, request->from_stage, request->to_stage,
                               what + " (" + std::to_string(approvals) + " of " +
                                   std::to_string(request->required_approvals) + ")" +
                                   (comment.empty() ? "" : ": " + std::string(comment)),
                               actor));
    ApprovalOutcome outcome;
    if (approvals >= request->required_approvals) {
      auto target = d.RequireStage(request->to_stage);
      if (!target.ok()) return target.status();
      StageTransition t{request->model_name, request->version, request->to_stage,
                        request->archive_existing, what + " approved by " + actor.name};
      auto applied = d.ApplyTransition(*row, **target, t, actor, approvals, /*direct=*/false);
      if (!applied.ok()) return applied.status();
      outcome.applied = std::move(*applied);
      SC_RETURN_IF_ERROR(d.ResolveRequest(id, RequestStatus::kApproved, comment, actor));
    }
    auto updated = d.LoadRequest(id);
    if (!updated.ok()) return updated.status();
    outcome.request = std::move(*updated);
    return outcome;
  });
}

Result<TransitionRequest> Registry::RejectRequest(std::int64_t id, std::string_view comment,
                                                  const Actor& actor) {
  SC_RETURN_IF_ERROR(ValidateText("comment", comment));
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Result<TransitionRequest> {
    auto request = d.PendingRequest(id, "rejected");
    if (!request.ok()) return request.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kApprover, "reject transition requests"));
    SC_RETURN_IF_ERROR(d.ResolveRequest(id, RequestStatus::kRejected, comment, actor));
    SC_RETURN_IF_ERROR(d.Audit(kActionRejectRequest, d.context.model_id, request->model_name,
                               request->version, request->from_stage, request->to_stage,
                               "request " + std::to_string(id) +
                                   (comment.empty() ? "" : ": " + std::string(comment)),
                               actor));
    return d.LoadRequest(id);
  });
}

Result<TransitionRequest> Registry::CancelRequest(std::int64_t id, const Actor& actor) {
  auto& d = *impl_;
  return d.Write(actor, [&]() -> Result<TransitionRequest> {
    auto request = d.PendingRequest(id, "cancelled");
    if (!request.ok()) return request.status();
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kViewer, "cancel transition requests"));
    if (request->requester != actor.name) {
      return d.Refuse(Status::PermissionDenied(
          "only " + Quote(request->requester) + ", who made request " + std::to_string(id) +
          ", may cancel it; an approver can reject it instead"));
    }
    SC_RETURN_IF_ERROR(d.ResolveRequest(id, RequestStatus::kCancelled, "", actor));
    SC_RETURN_IF_ERROR(d.Audit(kActionCancelRequest, d.context.model_id, request->model_name,
                               request->version, request->from_stage, request->to_stage,
                               "request " + std::to_string(id), actor));
    return d.LoadRequest(id);
  });
}

}  // namespace stagecraft::engine
