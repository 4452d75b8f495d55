// The conditions of a challenge's target: their names, their checklist words, and whether each
// holds on a registry state and the audit events since the start.

#include "core/challenge_conditions.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace stagecraft::core {
namespace {

struct KindName {
  ConditionKind kind;
  const char* name;
};
constexpr KindName kKindNames[] = {
    {ConditionKind::kStage, "stage"},
    {ConditionKind::kAlias, "alias"},
    {ConditionKind::kServes, "serves"},
    {ConditionKind::kCanary, "canary"},
    {ConditionKind::kMetric, "metric"},
    {ConditionKind::kNoPendingRequests, "no-pending-requests"},
    {ConditionKind::kHappened, "happened"},
    {ConditionKind::kNever, "never"},
    {ConditionKind::kApprovedOnly, "approved-only"},
};

std::string VersionName(const Condition& c) {
  return c.model + " v" + std::to_string(c.version.value_or(0));
}

// How the checklist names an audit action: with and without its article.
struct ActionWords {
  const char* action;
  const char* noun;  // "rollback"
  const char* article;
};
constexpr ActionWords kActionWords[] = {
    {engine::kActionRollback, "rollback", "a"},
    {engine::kActionApproveRequest, "approval", "an"},
    {engine::kActionRequestTransition, "transition request", "a"},
    {engine::kActionRejectRequest, "rejected request", "a"},
    {engine::kActionCancelRequest, "cancelled request", "a"},
    {engine::kActionDeploy, "deployment", "a"},
    {engine::kActionDeployCanary, "canary deployment", "a"},
    {engine::kActionPromoteCanary, "canary promotion", "a"},
    {engine::kActionTransitionStage, "stage move", "a"},
    {engine::kActionRefused, "refused command", "a"},
    {engine::kActionSetMetric, "metric recorded", "a"},
    {engine::kActionSetAlias, "alias set", "an"},
};

std::string EventFilterWords(const Condition& c, bool with_article) {
  std::string noun = c.action;
  std::replace(noun.begin(), noun.end(), '_', ' ');
  std::string article = "a";
  for (const auto& words : kActionWords) {
    if (c.action == words.action) {
      noun = words.noun;
      article = words.article;
    }
  }
  std::string out = with_article ? article + " " + noun : noun;
  if (!c.model.empty()) out += " of " + (c.version ? VersionName(c) : c.model);
  if (!c.stage.empty()) out += " to " + c.stage;
  if (!c.environment.empty()) out += " in " + c.environment;
  if (c.traffic) out += " at " + std::to_string(*c.traffic) + "%";
  if (!c.actor.empty()) out += " by " + c.actor;
  return out;
}

// How a label says a version is in `stage`: " is in Staging", " is Archived", " has no stage".
std::string StagePhrase(const std::string& stage) {
  if (SameStageName(stage, "Archived")) return " is Archived";
  if (SameStageName(stage, "None")) return " has no stage";
  return " is in " + stage;
}

std::string Capitalized(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string NumberText(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

// The share a deploy_canary event gave its canary: its comment reads "canary at N% beside ...".
std::optional<int> CanaryTraffic(const engine::AuditEvent& event) {
  constexpr std::string_view kPrefix = "canary at ";
  if (event.comment.rfind(kPrefix, 0) != 0) return std::nullopt;
  int traffic = 0;
  std::size_t i = kPrefix.size();
  while (i < event.comment.size() && std::isdigit(static_cast<unsigned char>(event.comment[i]))) {
    traffic = traffic * 10 + (event.comment[i++] - '0');
    if (traffic > 100) return std::nullopt;
  }
  if (i == kPrefix.size() || i >= event.comment.size() || event.comment[i] != '%') {
    return std::nullopt;
  }
  return traffic;
}

bool Matches(const Condition& c, const engine::AuditEvent& event) {
  if (event.action != c.action) return false;
  if (!c.model.empty() && event.model_name != c.model) return false;
  if (c.version && event.version != c.version) return false;
  if (!c.stage.empty() && !SameStageName(event.to_stage, c.stage)) return false;
  if (!c.environment.empty() && event.environment != c.environment) return false;
  if (!c.actor.empty() && event.actor != c.actor) return false;
  if (c.traffic && CanaryTraffic(event) != c.traffic) return false;
  return true;
}

const engine::ModelVersion* FindVersion(const engine::RegistryState& state, const Condition& c) {
  for (const auto& version : state.versions) {
    if (version.model_name == c.model && version.version == c.version) return &version;
  }
  return nullptr;
}

const engine::Deployment* FindDeployment(const engine::RegistryState& state, const Condition& c) {
  for (const auto& deployment : state.deployments) {
    if (deployment.model_name == c.model && deployment.environment == c.environment) {
      return &deployment;
    }
  }
  return nullptr;
}

bool Compare(double actual, const std::string& op, double value) {
  if (op == "<") return actual < value;
  if (op == "<=") return actual <= value;
  if (op == ">") return actual > value;
  if (op == ">=") return actual >= value;
  return std::fabs(actual - value) <= 1e-9 * std::max(1.0, std::fabs(value));
}

// Every move into `stage` since the start was applied by an approval: the engine records the
// approval that applies a request just before the move it causes, in the same commit.
bool ApprovedOnly(const std::string& stage, const std::vector<engine::AuditEvent>& events) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& move = events[i];
    if (move.action != engine::kActionTransitionStage || !SameStageName(move.to_stage, stage)) {
      continue;
    }
    if (i == 0) return false;
    const auto& before = events[i - 1];
    if (before.action != engine::kActionApproveRequest || before.seq + 1 != move.seq ||
        before.model_name != move.model_name || before.version != move.version ||
        !SameStageName(before.to_stage, stage)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool SameStageName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

const char* ConditionKindName(ConditionKind kind) {
  for (const auto& entry : kKindNames) {
    if (entry.kind == kind) return entry.name;
  }
  return "stage";
}

std::optional<ConditionKind> ConditionKindNamed(std::string_view name) {
  for (const auto& entry : kKindNames) {
    if (name == entry.name) return entry.kind;
  }
  return std::nullopt;
}

const std::vector<std::string>& KnownAuditActions() {
  static const std::vector<std::string> kActions = {
      engine::kActionCreateModel,       engine::kActionUpdateModel,
      engine::kActionDeleteModel,       engine::kActionSetModelTag,
      engine::kActionDeleteModelTag,    engine::kActionCreateVersion,
      engine::kActionUpdateVersion,     engine::kActionDeleteVersion,
      engine::kActionSetVersionTag,     engine::kActionDeleteVersionTag,
      engine::kActionSetMetric,         engine::kActionTransitionStage,
      engine::kActionSetAlias,          engine::kActionDeleteAlias,
      engine::kActionAddStage,          engine::kActionUpdateStage,
      engine::kActionRemoveStage,       engine::kActionSetGate,
      engine::kActionAddUser,           engine::kActionSetRole,
      engine::kActionRequestTransition, engine::kActionApproveRequest,
      engine::kActionRejectRequest,     engine::kActionCancelRequest,
      engine::kActionAddEnvironment,    engine::kActionDeploy,
      engine::kActionDeployCanary,      engine::kActionPromoteCanary,
      engine::kActionRollback,          engine::kActionRefused,
  };
  return kActions;
}

std::string ConditionLabel(const Condition& c) {
  switch (c.kind) {
    case ConditionKind::kStage:
      return VersionName(c) + StagePhrase(c.stage);
    case ConditionKind::kAlias:
      return "@" + c.alias + " points at " + VersionName(c);
    case ConditionKind::kServes:
      return c.environment + " serves " + VersionName(c) + " at " +
             std::to_string(c.traffic.value_or(100)) + "%";
    case ConditionKind::kCanary:
      return c.environment + " serves " + VersionName(c) + " as a " +
             (c.traffic ? std::to_string(*c.traffic) + "% " : std::string()) + "canary";
    case ConditionKind::kMetric:
      return VersionName(c) + " has " + c.metric + " " + c.op + " " + NumberText(c.value);
    case ConditionKind::kNoPendingRequests:
      return c.model.empty() ? "No request is pending"
                             : "No request for " + c.model + " is pending";
    case ConditionKind::kHappened:
      return Capitalized(EventFilterWords(c, true));
    case ConditionKind::kNever:
      return "No " + EventFilterWords(c, false);
    case ConditionKind::kApprovedOnly:
      return "Every move into " + c.stage + " went through an approved request";
  }
  return c.label;
}

bool ConditionHolds(const Condition& c, const engine::RegistryState& state,
                    const std::vector<engine::AuditEvent>& since_start) {
  switch (c.kind) {
    case ConditionKind::kStage: {
      const auto* version = FindVersion(state, c);
      return version != nullptr && SameStageName(version->stage, c.stage);
    }
    case ConditionKind::kAlias: {
      const auto* version = FindVersion(state, c);
      return version != nullptr && std::find(version->aliases.begin(), version->aliases.end(),
                                             c.alias) != version->aliases.end();
    }
    case ConditionKind::kServes: {
      const auto* deployment = FindDeployment(state, c);
      return deployment != nullptr && deployment->version == c.version &&
             deployment->traffic == c.traffic.value_or(100);
    }
    case ConditionKind::kCanary: {
      const auto* deployment = FindDeployment(state, c);
      return deployment != nullptr && deployment->canary_version == c.version &&
             (!c.traffic || deployment->canary_traffic == *c.traffic);
    }
    case ConditionKind::kMetric: {
      const auto* version = FindVersion(state, c);
      if (version == nullptr) return false;
      auto metric = version->metrics.find(c.metric);
      return metric != version->metrics.end() && Compare(metric->second, c.op, c.value);
    }
    case ConditionKind::kNoPendingRequests:
      return std::none_of(state.pending_requests.begin(), state.pending_requests.end(),
                          [&](const engine::TransitionRequest& request) {
                            return c.model.empty() || request.model_name == c.model;
                          });
    case ConditionKind::kHappened:
      return std::any_of(since_start.begin(), since_start.end(),
                         [&](const engine::AuditEvent& event) { return Matches(c, event); });
    case ConditionKind::kNever:
      return std::none_of(since_start.begin(), since_start.end(),
                          [&](const engine::AuditEvent& event) { return Matches(c, event); });
    case ConditionKind::kApprovedOnly:
      return ApprovedOnly(c.stage, since_start);
  }
  return false;
}

std::vector<bool> EvaluateTarget(const Challenge& challenge, const engine::RegistryState& state,
                                 const std::vector<engine::AuditEvent>& since_start) {
  std::vector<bool> met;
  met.reserve(challenge.target.size());
  for (const auto& condition : challenge.target) {
    met.push_back(ConditionHolds(condition, state, since_start));
  }
  return met;
}

}  // namespace stagecraft::core
