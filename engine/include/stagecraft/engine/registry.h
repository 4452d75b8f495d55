#pragma once
// Registry: the in-process model registry, persisted in SQLite. The only engine header an
// application needs besides the value types.
//
// Contract for every mutating operation: it runs as one SQLite transaction (all or nothing),
// appends one audit event per state change in that transaction, and tells subscribers after the
// commit. A failed operation changes nothing and returns a Status whose message names the model,
// version and stage involved. A Registry is used from one thread; several processes may share a
// database file (SQLite serialises their writes).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stagecraft/engine/status.h"
#include "stagecraft/engine/types.h"

namespace stagecraft::engine {

// How durable a commit to a database file is (SQLite's PRAGMA synchronous, in WAL mode).
enum class Durability {
  kNormal,  // default: a power cut may lose the last commits, never corrupt the file
  kFull,    // every commit is flushed to disk before it returns
};

// Settings for Registry::Open.
struct RegistryOptions {
  // Returns the time recorded on changes; the system clock when empty. Tests inject a fixed one.
  std::function<Timestamp()> clock;
  Durability durability = Durability::kNormal;
};

// Who performs a change; recorded in the audit log.
struct Actor {
  std::string name = kDefaultActor;
};

// What a new model version is made of (CreateModelVersion).
struct NewModelVersion {
  std::string model_name;
  std::string source;  // required, e.g. runs:/<run_id>/model or s3://bucket/model
  std::string run_id;
  std::map<std::string, double> metrics;
  std::map<std::string, std::string> tags;
  std::string description;
};

// A request to move one version to a stage (TransitionStage).
struct StageTransition {
  std::string model_name;
  std::int64_t version = 0;
  std::string stage;              // any spelling: "production" means Production
  bool archive_existing = false;  // move the model's other versions in `stage` to Archived
  std::string comment;
  // Archive or move out a version an environment still serves (admin only; audited).
  bool force = false;
};

// A change to a stage's gate (SetStageGate). Metric and tag conditions are added, replacing any
// on the same metric or tag; `clear` first removes every condition.
struct GateChange {
  bool clear = false;
  std::optional<int> required_approvals;
  std::vector<MetricRequirement> metrics;
  std::map<std::string, std::string> tags;
};

// Parses a metric condition such as "accuracy>=0.9" or "latency_ms < 120"; kInvalidArgument
// naming the text otherwise.
Result<MetricRequirement> ParseMetricRequirement(std::string_view text);

// Which requests ListRequests returns.
struct RequestQuery {
  std::optional<std::string> model_name;
  bool pending_only = false;
};

// What approving a request did: the request as it now stands, and the transition when this
// approval was the last one needed.
struct ApprovalOutcome {
  TransitionRequest request;
  std::optional<TransitionOutcome> applied;
};

// What to deploy (Deploy): `traffic` 100 replaces what the environment serves; less runs the
// version as a canary beside the current one, with that share of the traffic.
struct DeployRequest {
  std::string model_name;
  std::int64_t version = 0;
  std::string environment;
  int traffic = 100;
};

// Which audit events History returns; empty fields match everything.
struct HistoryQuery {
  std::optional<std::string> model_name;  // only this model (the one that exists now)
  std::optional<std::int64_t> version;    // only this version (needs model_name)
};

// The whole database of an in-memory registry as bytes (Registry::SaveImage): a checkpoint that
// FromImage turns back into a registry. Copying an image copies a pointer.
struct RegistryImage {
  std::shared_ptr<const std::string> bytes;
  std::size_t size() const { return bytes ? bytes->size() : 0; }
};

// Identifies a subscription so it can be cancelled.
using SubscriptionId = std::uint64_t;

// Called after each commit with the audit events it appended, oldest first.
using ChangeListener = std::function<void(const std::vector<AuditEvent>&)>;

class Registry {
 public:
  // Opens the database at `path`, creating and migrating it when needed. ":memory:" gives a fresh,
  // empty registry that leaves nothing on disk. A file that is not a registry database, is
  // corrupt, or was written by a newer Stagecraft fails with kStorage and is left untouched.
  static Result<Registry> Open(const std::string& path, RegistryOptions options = {});

  Registry(Registry&&) noexcept;
  Registry& operator=(Registry&&) noexcept;
  ~Registry();

  // The path given to Open.
  const std::string& path() const;

  // --- Registered models ---

  // Fails with kAlreadyExists if `name` is taken, kInvalidArgument if it is empty or longer than
  // 256 characters. The name is stored verbatim.
  Result<RegisteredModel> CreateModel(std::string_view name, std::string_view description = {},
                                      const Actor& actor = {});
  Result<RegisteredModel> GetModel(std::string_view name) const;
  // All models, by name.
  Result<std::vector<RegisteredModel>> ListModels() const;
  Status UpdateModelDescription(std::string_view name, std::string_view description,
                                const Actor& actor = {});
  Status SetModelTag(std::string_view name, std::string_view key, std::string_view value,
                     const Actor& actor = {});
  Status DeleteModelTag(std::string_view name, std::string_view key, const Actor& actor = {});
  // Removes the model with its versions, tags and aliases. Its audit events stay in the log.
  Status DeleteModel(std::string_view name, const Actor& actor = {});

  // --- Model versions ---

  // Adds the next version (one more than the highest ever created for the model), in stage None.
  Result<ModelVersion> CreateModelVersion(const NewModelVersion& spec, const Actor& actor = {});
  Result<ModelVersion> GetModelVersion(std::string_view model_name, std::int64_t version) const;
  // All versions of a model, oldest first.
  Result<std::vector<ModelVersion>> ListModelVersions(std::string_view model_name) const;
  Status UpdateVersionDescription(std::string_view model_name, std::int64_t version,
                                  std::string_view description, const Actor& actor = {});
  Status SetVersionTag(std::string_view model_name, std::int64_t version, std::string_view key,
                       std::string_view value, const Actor& actor = {});
  Status DeleteVersionTag(std::string_view model_name, std::int64_t version,
                          std::string_view key, const Actor& actor = {});
  // Records (or overwrites) a numeric metric on a version. Fails on NaN or infinity.
  Status SetVersionMetric(std::string_view model_name, std::int64_t version, std::string_view key,
                          double value, const Actor& actor = {});
  // Removes the version and its aliases. Its number is never given out again.
  Status DeleteModelVersion(std::string_view model_name, std::int64_t version,
                            const Actor& actor = {});

  // --- Stages and transitions ---

  // Moves a version to a stage. Fails with kUnknownStage (listing the known stages),
  // kFailedPrecondition when the version is already there, when the stage's gate fails (every
  // failing condition listed) or when an environment serves a version that would be archived or
  // leave the stage that environment requires; kConflict when the stage is exclusive, holds
  // another version of the model, and archive_existing is off; kPermissionDenied when the actor
  // is a viewer, or a developer moving into a gated stage (they request instead).
  Result<TransitionOutcome> TransitionStage(const StageTransition& transition,
                                            const Actor& actor = {});

  // The stages in order: None, Staging, Production, Archived and any added.
  Result<std::vector<Stage>> ListStages() const;
  // Resolves any spelling of a stage name to its canonical one; kUnknownStage otherwise.
  Result<std::string> CanonicalStage(std::string_view name) const;
  // Adds a stage before `before` (a stage name), or just before Archived when empty. A name is
  // a letter followed by letters, digits, '_' or '-', at most 64 characters, unique ignoring case.
  Result<Stage> AddStage(std::string_view name, std::string_view before = {}, bool exclusive = false,
                         const Actor& actor = {});
  // Turns exclusivity on or off; on fails with kConflict while a model has two versions there.
  Status SetStageExclusive(std::string_view name, bool exclusive, const Actor& actor = {});
  // Removes an added stage that holds no version; the four built-in stages cannot be removed.
  Status RemoveStage(std::string_view name, const Actor& actor = {});

  // Changes a stage's gate (admin). Returns the stage with its new gate.
  Result<Stage> SetStageGate(std::string_view stage, const GateChange& change,
                             const Actor& actor = {});

  // --- Users and roles ---

  // Adds a user (admin). Names are 1..64 letters, digits, '_', '-', '.' or '@'.
  Result<User> AddUser(std::string_view name, Role role, const Actor& actor = {});
  // Changes a user's role (admin); the last admin cannot be demoted.
  Status SetUserRole(std::string_view name, Role role, const Actor& actor = {});
  Result<std::vector<User>> ListUsers() const;

  // --- Transition requests ---

  // Asks approvers to move a version (developer). kAlreadyExists when the same move is pending.
  Result<TransitionRequest> RequestTransition(const StageTransition& transition,
                                              const Actor& actor = {});
  Result<TransitionRequest> GetRequest(std::int64_t id) const;
  // Requests by id, stale ones marked.
  Result<std::vector<TransitionRequest>> ListRequests(const RequestQuery& query = {}) const;
  // Approves (approver, never the requester, once per approver). The approval that reaches the
  // target stage's required count applies the transition in the same transaction, gates
  // re-checked; if they fail, nothing is recorded. A stale request cannot be approved.
  Result<ApprovalOutcome> ApproveRequest(std::int64_t id, std::string_view comment = {},
                                         const Actor& actor = {});
  Result<TransitionRequest> RejectRequest(std::int64_t id, std::string_view comment = {},
                                          const Actor& actor = {});
  // Withdraws a pending request; only its requester may.
  Result<TransitionRequest> CancelRequest(std::int64_t id, const Actor& actor = {});

  // --- Environments, deployments, rollback ---

  // Environments by name; a new registry has staging and production (which requires Production).
  Result<std::vector<Environment>> ListEnvironments() const;
  Result<Environment> AddEnvironment(std::string_view name, std::string_view required_stage = {},
                                     const Actor& actor = {});
  // Serves a version (see DeployRequest). An environment that requires a stage takes only
  // versions in it (the error names the version's stage) and needs an approver; others need a
  // developer. Archived versions are never deployed. Deploying the canary at 100% promotes it.
  Result<Deployment> Deploy(const DeployRequest& request, const Actor& actor = {});
  // Makes the canary the primary at 100%, recording the version it replaces (developer, or
  // approver where the environment requires a stage).
  Result<Deployment> PromoteCanary(std::string_view model_name, std::string_view environment,
                                   const Actor& actor = {});
  // What each environment serves of a model, by environment name.
  Result<std::vector<Deployment>> ListDeployments(std::string_view model_name) const;
  // Returns the environment to the version it served before the current one (approver): where
  // the environment requires a stage, the current version leaves it for Archived and the
  // previous one returns to it; the previous one is served at 100%. One transaction, one audit
  // event naming both versions. Again walks further back. Gates are not checked: a rollback
  // restores what already passed them. kFailedPrecondition when there is nothing to return to.
  Result<RollbackOutcome> Rollback(std::string_view model_name, std::string_view environment,
                                   const Actor& actor = {});

  // --- Aliases and URIs ---

  // Points `alias` at a version, moving it if it pointed elsewhere. Alias names are letters,
  // digits, '_' and '-', at most 256 characters; "latest" and "v<number>" are reserved.
  Status SetAlias(std::string_view model_name, std::string_view alias, std::int64_t version,
                  const Actor& actor = {});
  Status DeleteAlias(std::string_view model_name, std::string_view alias, const Actor& actor = {});
  // Resolves models:/NAME/VERSION, models:/NAME/STAGE (the highest version in that stage),
  // models:/NAME/latest (the highest version) and models:/NAME@ALIAS.
  Result<ModelVersion> Resolve(std::string_view uri) const;

  // --- Audit log, search, snapshots ---

  // Audit events matching `query`, oldest first. A version's history also holds the rollbacks
  // away from it (events filed under the version they restored).
  Result<std::vector<AuditEvent>> History(const HistoryQuery& query = {}) const;
  // Versions matching a filter such as "stage = 'Production' AND accuracy > 0.9", by model name
  // then version. The grammar is documented in search_filter.h.
  Result<std::vector<ModelVersion>> SearchVersions(std::string_view filter) const;
  // A read-only copy of the whole state.
  Result<RegistrySnapshot> TakeSnapshot() const;

  // --- Copies (registry_copy.cpp) ---

  // The whole state of a ":memory:" registry as an image (sqlite3_serialize); kFailedPrecondition
  // for a registry kept in a file.
  Result<RegistryImage> SaveImage() const;
  // A new ":memory:" registry holding the image's state, audit log included; changes to it never
  // reach the registry the image came from. kInvalidArgument for an empty image.
  static Result<Registry> FromImage(const RegistryImage& image, RegistryOptions options = {});
  // SaveImage then FromImage: an independent copy of this in-memory registry, with its own
  // options (clock) and no subscribers.
  Result<Registry> Copy(RegistryOptions options = {}) const;

  // --- Change events ---

  // `listener` is called after every commit, with that commit's audit events. Listeners must not
  // change the registry from inside the call.
  SubscriptionId Subscribe(ChangeListener listener);
  void Unsubscribe(SubscriptionId id);

 private:
  struct Impl;
  explicit Registry(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stagecraft::engine
