#pragma once
// Plain values the registry hands out: models, versions, stages, audit events, snapshots.
// They are copies: changing one changes nothing stored.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stagecraft/engine/search_filter.h"

namespace stagecraft::engine {

// Milliseconds since the Unix epoch, UTC.
using Timestamp = std::int64_t;

// The stage every new version starts in, and the stage archive-existing moves versions to.
inline constexpr const char* kStageNone = "None";
inline constexpr const char* kStageStaging = "Staging";
inline constexpr const char* kStageProduction = "Production";
inline constexpr const char* kStageArchived = "Archived";

// The actor a change is recorded under when none is named.
inline constexpr const char* kDefaultActor = "admin";

// A registered model: a name that versions are grouped under.
struct RegisteredModel {
  std::string name;  // unique, verbatim, 1..256 characters
  std::string description;
  std::map<std::string, std::string> tags;
  std::map<std::string, std::int64_t> aliases;  // alias -> version
  std::int64_t latest_version = 0;              // highest existing version, 0 when none
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// One version of a registered model.
struct ModelVersion {
  std::string model_name;
  std::int64_t version = 0;  // 1, 2, 3... per model; never reused
  std::string source;        // e.g. runs:/<run_id>/model
  std::string run_id;
  std::map<std::string, double> metrics;
  std::map<std::string, std::string> tags;
  std::string description;
  std::string creator;
  std::string stage;                 // canonical stage name, "None" for a new version
  std::vector<std::string> aliases;  // sorted
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// A metric condition of a stage gate: `metric op threshold`, e.g. accuracy >= 0.9.
struct MetricRequirement {
  std::string metric;
  FilterOp op = FilterOp::kGe;  // = != < <= > >= (not LIKE)
  double threshold = 0;
};

// A stage in the registry's ordered list, with the gate a version must pass to enter it.
struct Stage {
  std::string name;        // canonical spelling
  int position = 0;        // 0-based order in the list
  bool exclusive = false;  // at most one version of a model may be in it
  bool builtin = false;    // None, Staging, Production, Archived: cannot be removed
  // The gate, checked when a version moves in; all failures are reported together.
  int required_approvals = 0;                         // approvals of a transition request
  std::vector<MetricRequirement> required_metrics;    // by metric name
  std::map<std::string, std::string> required_tags;   // tag -> required value
  bool gated() const {
    return required_approvals > 0 || !required_metrics.empty() || !required_tags.empty();
  }
};

// Roles, each allowed everything the ones before it are. They model separation of duties for
// teaching and scripting; they are not an authentication boundary on a local file.
enum class Role {
  kViewer,     // read only
  kDeveloper,  // register models and versions, request transitions, move into ungated stages
  kApprover,   // approve or reject requests, move into gated stages, deploy to production
  kAdmin,      // manage users, stages, gates and environments; delete; force
};
const char* RoleName(Role role);                    // "developer"
std::optional<Role> ParseRole(std::string_view name);  // any letter case

struct User {
  std::string name;
  Role role = Role::kViewer;
  Timestamp created_at = 0;
};

// One approval of a transition request.
struct Approval {
  std::string approver;
  std::string comment;
  Timestamp time = 0;
};

enum class RequestStatus { kPending, kApproved, kRejected, kCancelled };
const char* RequestStatusName(RequestStatus status);  // "pending"

// A request to move a version to a stage, applied when enough approvers agree.
struct TransitionRequest {
  std::int64_t id = 0;
  std::string model_name;
  std::int64_t version = 0;
  std::string from_stage;  // the version's stage when the request was made
  std::string to_stage;
  bool archive_existing = false;
  std::string requester;
  std::string comment;
  RequestStatus status = RequestStatus::kPending;
  bool stale = false;           // pending, but the version has left from_stage since
  int required_approvals = 1;   // the target stage's count, at least 1
  std::vector<Approval> approvals;
  Timestamp created_at = 0;
  Timestamp resolved_at = 0;    // 0 while pending
  std::string resolved_by;      // who approved last, rejected or cancelled
  std::string resolution_comment;
};

// A place versions are served from, e.g. staging or production.
struct Environment {
  std::string name;
  std::string required_stage;  // a version must be in this stage to be deployed; "" for any
};

// What one environment serves of one model: a primary version, and maybe a canary beside it.
struct Deployment {
  std::string model_name;
  std::string environment;
  std::int64_t version = 0;  // the primary
  int traffic = 100;         // the primary's share, 100 - canary_traffic
  std::optional<std::int64_t> canary_version;
  int canary_traffic = 0;
  std::optional<std::int64_t> previous_version;  // what the primary replaced, if anything
  // The version Registry::Rollback would return to now, by its own rule: the newest version
  // served here before the primary that no rollback has undone, still exists and (where the
  // environment requires no stage) is not Archived. None when a rollback would find nothing.
  // After a rollback this is not previous_version (the version just rolled back from).
  std::optional<std::int64_t> rollback_to;
  Timestamp updated_at = 0;
};

// What a rollback did.
struct RollbackOutcome {
  std::string model_name;
  std::string environment;
  std::int64_t from_version = 0;  // served before the rollback; archived when it was in the stage
  std::int64_t to_version = 0;    // served now, at 100%
  std::string from_version_stage;  // where from_version ended up
  std::string to_version_stage;    // where to_version ended up
};

// One entry of the append-only audit log: one state change.
struct AuditEvent {
  std::int64_t seq = 0;  // 1, 2, 3... in commit order
  Timestamp time = 0;
  std::string actor;
  std::string action;  // one of the kAction... names below
  std::string model_name;                // empty for registry-wide events (stages)
  std::optional<std::int64_t> version;   // set for version-level events
  std::string from_stage;                // empty when the event moves no version
  std::string to_stage;
  std::string comment;  // the user's comment, or what the engine adds (alias name, stage added)
  std::string environment;                     // for deployment events
  std::optional<std::int64_t> related_version;  // the other version an event names (rollback)
};

// Audit actions. Stage moves caused by archive-existing are recorded as kActionTransitionStage
// events of their own, with a comment naming the version that displaced them.
inline constexpr const char* kActionCreateModel = "create_model";
inline constexpr const char* kActionUpdateModel = "update_model";      // description changed
inline constexpr const char* kActionDeleteModel = "delete_model";
inline constexpr const char* kActionSetModelTag = "set_model_tag";     // comment: key=value
inline constexpr const char* kActionDeleteModelTag = "delete_model_tag";
inline constexpr const char* kActionCreateVersion = "create_version";
inline constexpr const char* kActionUpdateVersion = "update_version";  // description changed
inline constexpr const char* kActionDeleteVersion = "delete_version";
inline constexpr const char* kActionSetVersionTag = "set_version_tag";
inline constexpr const char* kActionDeleteVersionTag = "delete_version_tag";
inline constexpr const char* kActionSetMetric = "set_metric";          // comment: key=value
inline constexpr const char* kActionTransitionStage = "transition_stage";
inline constexpr const char* kActionSetAlias = "set_alias";            // comment: the alias
inline constexpr const char* kActionDeleteAlias = "delete_alias";
inline constexpr const char* kActionAddStage = "add_stage";            // to_stage: the stage
inline constexpr const char* kActionUpdateStage = "update_stage";
inline constexpr const char* kActionRemoveStage = "remove_stage";
inline constexpr const char* kActionSetGate = "set_gate";          // to_stage: the stage
inline constexpr const char* kActionAddUser = "add_user";          // comment: name and role
inline constexpr const char* kActionSetRole = "set_role";
inline constexpr const char* kActionRequestTransition = "request_transition";  // comment: id
inline constexpr const char* kActionApproveRequest = "approve_request";
inline constexpr const char* kActionRejectRequest = "reject_request";
inline constexpr const char* kActionCancelRequest = "cancel_request";
inline constexpr const char* kActionAddEnvironment = "add_environment";
inline constexpr const char* kActionDeploy = "deploy";             // version at 100%
inline constexpr const char* kActionDeployCanary = "deploy_canary";  // comment: traffic
inline constexpr const char* kActionPromoteCanary = "promote_canary";
// One event for the whole rollback: `version` is restored (from_stage -> to_stage), and
// `related_version` is the version rolled back from (archived when it was in the stage).
inline constexpr const char* kActionRollback = "rollback";
// An operation refused by a rule of governance (role, gate, stale or own request, served
// version); nothing else changed. The comment is the refusal message.
inline constexpr const char* kActionRefused = "refused";

// The result of moving a version between stages.
struct TransitionOutcome {
  std::string model_name;
  std::int64_t version = 0;
  std::string from_stage;
  std::string to_stage;
  std::vector<std::int64_t> archived_versions;  // moved to Archived by archive-existing
};

// The whole state of a registry at one moment. Read-only and shared: copying a snapshot copies
// a pointer, so a walkthrough can keep one per step.
struct RegistryState {
  std::vector<Stage> stages;
  std::vector<RegisteredModel> models;      // by name
  std::vector<ModelVersion> versions;       // by model name, then version
  std::vector<Deployment> deployments;      // by model name, then environment
  std::vector<TransitionRequest> pending_requests;  // by id
  std::vector<User> users;                  // by name
  std::vector<Environment> environments;    // by name
  std::int64_t last_event_seq = 0;          // the audit event this state follows
};
using RegistrySnapshot = std::shared_ptr<const RegistryState>;

}  // namespace stagecraft::engine
