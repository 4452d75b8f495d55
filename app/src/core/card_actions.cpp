#include "core/card_actions.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <optional>

namespace stagecraft::core {

using engine::Role;

namespace {

// `word` as the console's splitter reads it back: bare when it is plain, else in single quotes.
std::string Word(std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("._:/@%+=-").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// What the engine checks first of every governed operation: the acting user's role.
class Seat {
 public:
  Seat(const engine::RegistryState& state, std::string_view name) : name_(name) {
    for (const engine::User& user : state.users) {
      if (user.name == name) role_ = user.role;
    }
  }
  // Why `name` may not do `doing`, which needs `needed`; "" when the role suffices.
  std::string Lacks(Role needed, std::string_view doing) const {
    if (!role_) return "there is no user '" + name_ + "' in this registry to " + std::string(doing);
    if (*role_ >= needed) return "";
    return name_ + " is a " + engine::RoleName(*role_) + " and cannot " + std::string(doing) +
           ": that needs the " + engine::RoleName(needed) + " role";
  }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::optional<Role> role_;
};

// The first non-empty reason.
std::string FirstOf(std::initializer_list<std::string> reasons) {
  for (const std::string& reason : reasons) {
    if (!reason.empty()) return reason;
  }
  return "";
}

struct Card {
  const engine::RegistryState& state;
  const engine::ModelVersion& version;
  const Seat& seat;
  std::string model;  // as a command word
  std::string name;   // "churn v2"

  std::string Flags() const {
    return "--model-name " + model + " --version " + std::to_string(version.version);
  }
  const engine::Stage* StageNamed(std::string_view stage_name) const {
    for (const engine::Stage& stage : state.stages) {
      if (SameName(stage.name, stage_name)) return &stage;
    }
    return nullptr;
  }
  // The environments serving version `v` of this model as primary or canary.
  std::vector<const engine::Deployment*> Serving(std::int64_t v) const {
    std::vector<const engine::Deployment*> serving;
    for (const engine::Deployment& d : state.deployments) {
      if (d.model_name == version.model_name && (d.version == v || d.canary_version == v)) {
        serving.push_back(&d);
      }
    }
    return serving;
  }
  // Why archiving version `v` is refused: an environment still serves it.
  std::string ServedReason(std::int64_t v, std::string_view leaving) const {
    const auto serving = Serving(v);
    if (serving.empty()) return "";
    return serving.front()->environment + " still serves " + version.model_name + " v" +
           std::to_string(v) + ", so it cannot " + std::string(leaving) +
           " (deploy another version there first, or roll back)";
  }
};

bool IsWorking(const engine::Stage& stage) {
  return stage.name != engine::kStageNone && stage.name != engine::kStageArchived;
}

void AddStageActions(const Card& c, std::vector<CardAction>& out) {
  const engine::Stage* current = c.StageNamed(c.version.stage);
  // Promote: the next working stage after the current one, in the registry's order.
  if (current != nullptr && current->name != engine::kStageArchived) {
    const engine::Stage* next = nullptr;
    for (const engine::Stage& stage : c.state.stages) {
      if (stage.position > current->position && IsWorking(stage) &&
          (next == nullptr || stage.position < next->position)) {
        next = &stage;
      }
    }
    if (next != nullptr) {
      CardAction promote{CardAction::Group::kStage, "Promote to " + next->name,
                         "models transition-stage " + c.Flags() + " --stage " + Word(next->name),
                         "", ""};
      // Into Production the versions it replaces go to Archived in the same step, unless an
      // environment still serves one: archiving it would be refused, so they stay for now.
      std::string served;
      if (next->name == engine::kStageProduction) {
        for (const engine::ModelVersion& other : c.state.versions) {
          if (other.model_name == c.version.model_name && other.stage == next->name &&
              served.empty()) {
            served = c.ServedReason(other.version, "be archived");
          }
        }
        if (served.empty()) {
          promote.line += " --archive-existing";
          promote.note = "the versions now in Production move to Archived in the same step";
        } else {
          promote.note = "without --archive-existing: " + served;
        }
      }
      promote.refusal = FirstOf(
          {c.seat.Lacks(Role::kDeveloper, "move versions between stages"),
           next->gated() ? c.seat.Lacks(Role::kApprover, "move a version into gated stage " +
                                                             next->name + " directly")
                         : "",
           next->required_approvals > 0
               ? next->name + " needs " + std::to_string(next->required_approvals) +
                     " approval(s): request the transition instead"
               : ""});
      out.push_back(std::move(promote));
    }
  }
  if (c.version.stage != engine::kStageArchived) {
    out.push_back(CardAction{
        CardAction::Group::kStage, "Archive",
        "models transition-stage " + c.Flags() + " --stage Archived",
        FirstOf({c.seat.Lacks(Role::kDeveloper, "move versions between stages"),
                 c.ServedReason(c.version.version, "be archived")}),
        ""});
  }
}

void AddRequestActions(const Card& c, std::vector<CardAction>& out) {
  for (const engine::Stage& stage : c.state.stages) {
    if (!IsWorking(stage) || SameName(stage.name, c.version.stage)) continue;
    out.push_back(CardAction{
        CardAction::Group::kRequest, "Request a move to " + stage.name,
        "models request-transition " + c.Flags() + " --stage " + Word(stage.name),
        c.seat.Lacks(Role::kDeveloper, "request stage transitions"),
        ""});
  }
  for (const engine::TransitionRequest& r : c.state.pending_requests) {
    if (r.model_name != c.version.model_name || r.version != c.version.version) continue;
    const std::string id = std::to_string(r.id);
    const std::string what = " request #" + id + " (" + r.from_stage + " \xE2\x86\x92 " +  // →
                             r.to_stage + ", by " + r.requester + ")";
    bool approved_already = false;
    for (const engine::Approval& a : r.approvals) approved_already |= a.approver == c.seat.name();
    out.push_back(CardAction{
        CardAction::Group::kRequest, "Approve" + what, "models approve-request --id " + id,
        FirstOf({r.requester == c.seat.name()
                     ? c.seat.name() + " made request #" + id +
                           " and cannot approve it: separation of duties needs a second person"
                     : "",
                 c.seat.Lacks(Role::kApprover, "approve transition requests"),
                 r.stale ? "request #" + id + " is stale: " + c.name + " has left " +
                               r.from_stage + " since it was made"
                         : "",
                 approved_already ? c.seat.name() + " has already approved request #" + id : ""}),
        std::to_string(r.approvals.size()) + " of " + std::to_string(r.required_approvals) +
            " approvals so far"});
    out.push_back(CardAction{CardAction::Group::kRequest, "Reject" + what,
                             "models reject-request --id " + id,
                             c.seat.Lacks(Role::kApprover, "reject transition requests"), ""});
  }
}

void AddDeployActions(const Card& c, std::vector<CardAction>& out) {
  const std::string v = std::to_string(c.version.version);
  for (const engine::Environment& env : c.state.environments) {
    const engine::Deployment* current = nullptr;
    for (const engine::Deployment& d : c.state.deployments) {
      if (d.model_name == c.version.model_name && SameName(d.environment, env.name)) current = &d;
    }
    const std::string env_word = Word(env.name);
    const std::string lacks = c.seat.Lacks(env.required_stage.empty() ? Role::kDeveloper
                                                                      : Role::kApprover,
                                           "deploy to " + env.name);
    const std::string unservable =
        c.version.stage == engine::kStageArchived
            ? c.name + " is Archived; archived versions are not served"
        : !env.required_stage.empty() && !SameName(env.required_stage, c.version.stage)
            ? "only a version in " + env.required_stage + " may be deployed to " + env.name +
                  "; " + c.name + " is in " + c.version.stage
            : "";
    const bool primary = current != nullptr && current->version == c.version.version;
    const bool canary = current != nullptr && current->canary_version == c.version.version;
    if (!primary || current->canary_version) {
      out.push_back(CardAction{CardAction::Group::kDeploy, "Deploy to " + env.name + " (100%)",
                               "models deploy " + c.Flags() + " --env " + env_word,
                               FirstOf({lacks, unservable}),
                               primary ? "ends the canary beside it" : ""});
    }
    if (current != nullptr && !primary && !canary) {
      out.push_back(CardAction{
          CardAction::Group::kDeploy, "Start a 10% canary in " + env.name,
          "models deploy " + c.Flags() + " --env " + env_word + " --traffic 10",
          FirstOf({lacks, unservable}),
          "beside v" + std::to_string(current->version) + ", which keeps 90%"});
    }
    if (canary) {
      out.push_back(CardAction{
          CardAction::Group::kDeploy, "Promote the canary in " + env.name,
          "models promote-canary --model-name " + c.model + " --env " + env_word,
          FirstOf({lacks, unservable}), "v" + v + " takes 100% of " + env.name});
    }
    if (primary) {
      out.push_back(CardAction{CardAction::Group::kDeploy, "Roll back " + env.name,
                               "models rollback --model-name " + c.model + " --env " + env_word,
                               FirstOf({c.seat.Lacks(Role::kApprover, "roll back deployments"),
                                        // The first version an environment served replaced
                                        // nothing: there is no earlier one to return to.
                                        current->previous_version
                                            ? ""
                                            : "nothing to roll back to: " + env.name +
                                                  " has served no other version before v" + v}),
                               env.name + " returns to the version it served before v" + v});
    }
  }
}

}  // namespace

std::vector<CardAction> CardActionsFor(const engine::RegistryState& state, const VersionRef& card,
                                       std::string_view acting_as) {
  std::vector<CardAction> actions;
  const engine::ModelVersion* version = nullptr;
  for (const engine::ModelVersion& v : state.versions) {
    if (v.model_name == card.model_name && v.version == card.version) version = &v;
  }
  if (version == nullptr) return actions;
  const Seat seat(state, acting_as);
  const Card c{state, *version, seat, Word(version->model_name),
               version->model_name + " v" + std::to_string(version->version)};
  AddStageActions(c, actions);
  AddRequestActions(c, actions);
  AddDeployActions(c, actions);
  return actions;
}

}  // namespace stagecraft::core
