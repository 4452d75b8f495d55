#pragma once
// Challenges as the learning core holds them: a small goal on the registry, loaded from the
// instructors' JSON files (challenges/README.md is the format's contract). A challenge starts
// from a script of commands, and its target is a list of conditions checked on the registry's
// state and on its audit log after every command the learner runs.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json_positions.h"
#include "core/quiz.h"

namespace stagecraft::core {

// What one condition of a target looks at (see challenges/README.md for each kind's fields).
enum class ConditionKind {
  kStage,              // a version is in a stage
  kAlias,              // an alias points at a version
  kServes,             // an environment serves a version as its primary, at a share
  kCanary,             // an environment serves a version as its canary (at a share, if given)
  kMetric,             // a version's metric compares with a value
  kNoPendingRequests,  // no transition request is pending (of one model, if given)
  kHappened,           // since the start, an audit event matching the filter happened
  kNever,              // since the start, no audit event matching the filter happened
  kApprovedOnly,       // since the start, every move into a stage came from an approved request
};
// The kind's name in files: "stage", "no-pending-requests", ...
const char* ConditionKindName(ConditionKind kind);
std::optional<ConditionKind> ConditionKindNamed(std::string_view name);

// One condition. Only the fields its kind uses are set; "" and nullopt mean "any" in the
// audit filters of kHappened and kNever.
struct Condition {
  ConditionKind kind = ConditionKind::kStage;
  std::string model;
  std::optional<std::int64_t> version;
  std::string stage;           // kStage, kApprovedOnly; kHappened/kNever: the event's to-stage
  std::string alias;           // kAlias
  std::string environment;     // kServes, kCanary; kHappened/kNever: the event's environment
  std::optional<int> traffic;  // kServes (100 when not given), kCanary, deploy_canary events
  std::string metric;          // kMetric
  std::string op;              // kMetric: < <= > >= =
  double value = 0;            // kMetric
  std::string action;          // kHappened, kNever: an audit action ("rollback")
  std::string actor;           // kHappened, kNever: who did it
  std::string label;           // what the checklist says; generated when the file gives none
  TextPosition at;             // where the condition is written
};

struct Challenge {
  std::string path;  // the file it came from
  std::string id;
  TextPosition id_at;
  std::string title;
  Level level = Level::kEasy;
  std::string goal;                // one sentence, always shown
  std::vector<std::string> start;  // command lines run as admin on a fresh registry
  std::vector<TextPosition> start_at;
  std::string user = "admin";  // who the learner acts as
  TextPosition user_at;
  std::vector<Condition> target;
  TextPosition target_at;
  int par = 1;  // the counted commands the solution needs, at most
  TextPosition par_at;
  std::string hint;
  std::vector<std::string> solution;  // command lines that reach the target
  std::vector<TextPosition> solution_at;
};

}  // namespace stagecraft::core
