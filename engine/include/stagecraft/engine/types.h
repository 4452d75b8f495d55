#pragma once
// Plain values the registry hands out: models, versions, stages, audit events, snapshots.
// They are copies: changing one changes nothing stored.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

// A stage in the registry's ordered list.
struct Stage {
  std::string name;        // canonical spelling
  int position = 0;        // 0-based order in the list
  bool exclusive = false;  // at most one version of a model may be in it
  bool builtin = false;    // None, Staging, Production, Archived: cannot be removed
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
  std::int64_t last_event_seq = 0;          // the audit event this state follows
};
using RegistrySnapshot = std::shared_ptr<const RegistryState>;

}  // namespace stagecraft::engine
