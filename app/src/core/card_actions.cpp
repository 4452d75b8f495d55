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

std::string VersionList(const std::vector<std::int64_t>& versions) {
  std::string list;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    list += (i == 0 ? "" : i + 1 == versions.size() ? " and " : ", ") + std::string("v") +
            std::to_string(versions[i]);
  }
  return list;
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
  const engine::Environment* EnvironmentNamed(std::string_view env_name) const {
    for (const engine::Environment& env : state.environments) {
      if (SameName(env.name, env_name)) return &env;
    }
    return nullptr;
  }
  // The stage of version `v` of this model; "" when it is gone.
  std::string StageOf(std::int64_t v) const {
    for (const engine::ModelVersion& other : state.versions) {
      if (other.model_name == version.model_name && other.version == v) return other.stage;
    }
    return "";
  }
  // The other versions of this model in `stage`, by number.
  std::vector<std::int64_t> Occupants(std::string_view stage) const {
    std::vector<std::int64_t> in;
    for (const engine::ModelVersion& other : state.versions) {
      if (other.model_name == version.model_name && other.version != version.version &&
          SameName(other.stage, stage)) {
        in.push_back(other.version);
      }
    }
    return in;
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
  // Why this version may not leave its stage at all: an environment serving it requires it there.
  std::string PinnedReason() const {
    for (const engine::Deployment* d : Serving(version.version)) {
      const engine::Environment* env = EnvironmentNamed(d->environment);
      if (env != nullptr && !env->required_stage.empty() &&
          SameName(env->required_stage, version.stage)) {
        return d->environment + " requires " + env->required_stage + " and still serves " + name +
               ", so it cannot leave " + version.stage +
               " (deploy another version there first, or roll back)";
      }
    }
    return "";
  }
};

bool IsWorking(const engine::Stage& stage) {
  return stage.name != engine::kStageNone && stage.name != engine::kStageArchived;
}

// Moving the card's version into working stage `to`, as the engine's transition would: whether
// the line should archive the versions already there, what happens to them, and why the engine
// would refuse (beyond roles and gates, which the caller checks).
struct Move {
  bool archive_existing = false;
  std::string note;
  std::string refusal;
};

// `archive_existing` is the request's choice when set; else the card chooses: into Production or
// an exclusive stage the versions there are archived in the same step, unless an environment
// still serves one (archiving it would be refused), and then they stay.
Move MoveInto(const Card& c, const engine::Stage& to, std::optional<bool> archive_existing) {
  Move move;
  const std::vector<std::int64_t> occupants = c.Occupants(to.name);
  std::string served;
  for (std::int64_t v : occupants) {
    if (served.empty()) served = c.ServedReason(v, "be archived");
  }
  const bool replaces = !occupants.empty() && (to.name == engine::kStageProduction || to.exclusive);
  move.archive_existing = archive_existing ? *archive_existing : replaces && served.empty();
  const std::string held = c.version.model_name + " " + VersionList(occupants);
  if (move.archive_existing && !occupants.empty()) {
    move.note = VersionList(occupants) + " in " + to.name +
                (occupants.size() == 1 ? " moves" : " move") + " to Archived in the same step";
  } else if (replaces && !served.empty()) {
    move.note = "without --archive-existing: " + served;
  }
  move.refusal = FirstOf(
      {to.exclusive && !occupants.empty() && !move.archive_existing
           ? to.name + " is exclusive and already holds " + held +
                 (served.empty() ? "; archive-existing would archive it in the same step"
                                 : ", which cannot be archived: " + served)
           : "",
       c.PinnedReason(), move.archive_existing ? served : ""});
  return move;
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
      const Move move = MoveInto(c, *next, std::nullopt);
      out.push_back(CardAction{
          CardAction::Group::kStage, "Promote to " + next->name,
          "models transition-stage " + c.Flags() + " --stage " + Word(next->name) +
              (move.archive_existing ? " --archive-existing" : ""),
          FirstOf({c.seat.Lacks(Role::kDeveloper, "move versions between stages"),
                   next->gated() ? c.seat.Lacks(Role::kApprover, "move a version into gated "
                                                                 "stage " +
                                                                     next->name + " directly")
                                 : "",
                   next->required_approvals > 0
                       ? next->name + " needs " + std::to_string(next->required_approvals) +
                             " approval(s): request the transition instead"
                       : "",
                   move.refusal}),
          move.note});
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
    // The engine takes one pending request per move: same version, from its stage, to `stage`.
    std::string pending;
    for (const engine::TransitionRequest& r : c.state.pending_requests) {
      if (r.model_name == c.version.model_name && r.version == c.version.version &&
          SameName(r.to_stage, stage.name) && SameName(r.from_stage, c.version.stage) &&
          pending.empty()) {
        pending = "request #" + std::to_string(r.id) + " for this move is already pending";
      }
    }
    const Move move = MoveInto(c, stage, std::nullopt);
    out.push_back(CardAction{
        CardAction::Group::kRequest, "Request a move to " + stage.name,
        "models request-transition " + c.Flags() + " --stage " + Word(stage.name) +
            (move.archive_existing ? " --archive-existing" : ""),
        FirstOf({c.seat.Lacks(Role::kDeveloper, "request stage transitions"), pending}),
        move.note.empty() ? "" : "once approved: " + move.note});
  }
  for (const engine::TransitionRequest& r : c.state.pending_requests) {
    if (r.model_name != c.version.model_name || r.version != c.version.version) continue;
    const std::string id = std::to_string(r.id);
    const std::string what = " request #" + id + " (" + r.from_stage + " \xE2\x86\x92 " +  // →
                             r.to_stage + ", by " + r.requester + ")";
    bool approved_already = false;
    for (const engine::Approval& a : r.approvals) approved_already |= a.approver == c.seat.name();
    // The approval that completes the request moves the version then, by the transition's rules.
    const engine::Stage* to = c.StageNamed(r.to_stage);
    const bool completes = static_cast<int>(r.approvals.size()) + 1 >= r.required_approvals;
    const std::string move_refusal =
        completes && to != nullptr ? MoveInto(c, *to, r.archive_existing).refusal : "";
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
                 approved_already ? c.seat.name() + " has already approved request #" + id : "",
                 move_refusal}),
        std::to_string(r.approvals.size()) + " of " + std::to_string(r.required_approvals) +
            " approvals so far"});
    out.push_back(CardAction{CardAction::Group::kRequest, "Reject" + what,
                             "models reject-request --id " + id,
                             c.seat.Lacks(Role::kApprover, "reject transition requests"), ""});
    // Only the requester may withdraw a request; others see approve and reject.
    if (r.requester == c.seat.name()) {
      out.push_back(CardAction{CardAction::Group::kRequest, "Cancel request #" + id,
                               "models cancel-request --id " + id, "",
                               "withdraws it; " + c.name + " stays in " + c.version.stage});
    }
  }
}

// Rolling back the environment `env` serves `current` from: where it goes, what moves, and why
// the engine would refuse (beyond the role).
CardAction RollbackAction(const Card& c, const engine::Environment& env,
                          const engine::Deployment& current) {
  const std::string v = std::to_string(c.version.version);
  CardAction action{CardAction::Group::kDeploy, "Roll back " + env.name,
                    "models rollback --model-name " + c.model + " --env " + Word(env.name),
                    c.seat.Lacks(Role::kApprover, "roll back deployments"), ""};
  if (!current.rollback_to) {
    // The engine's own rule found nothing: the first version served, or everything before it
    // rolled back, deleted or (where no stage is required) archived.
    if (action.refusal.empty()) {
      action.refusal = "nothing to roll back to: " + env.name +
                       " has served no other version before v" + v;
    }
    return action;
  }
  const std::int64_t to = *current.rollback_to;
  action.label += " to v" + std::to_string(to);
  action.note = env.name + " serves v" + std::to_string(to) + " again at 100%";
  if (current.canary_version) {
    action.note += "; the canary of v" + std::to_string(*current.canary_version) + " ends";
  }
  if (!env.required_stage.empty()) {
    // v leaves the required stage for Archived unless another environment still serves it; the
    // restored version returns to the required stage.
    const bool archived = SameName(c.version.stage, env.required_stage) &&
                          c.Serving(c.version.version).size() <= 1;
    if (archived) action.note += "; v" + v + " moves to Archived";
    const std::string to_stage = c.StageOf(to);
    if (!SameName(to_stage, env.required_stage)) {
      action.note += "; v" + std::to_string(to) + " returns to " + env.required_stage + " from " +
                     to_stage;
      const engine::Stage* required = c.StageNamed(env.required_stage);
      std::int64_t holder = 0;
      for (const engine::ModelVersion& other : c.state.versions) {
        if (other.model_name == c.version.model_name && other.version != to &&
            SameName(other.stage, env.required_stage) &&
            !(archived && other.version == c.version.version) && holder == 0) {
          holder = other.version;
        }
      }
      if (required != nullptr && required->exclusive && holder != 0 && action.refusal.empty()) {
        action.refusal = "cannot roll back " + env.name + " to v" + std::to_string(to) + ": " +
                         required->name + " is exclusive and still holds " +
                         c.version.model_name + " v" + std::to_string(holder);
      }
    }
  }
  return action;
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
    // Another version's canary beside the primary, which this card's deploys would end.
    const std::int64_t other_canary =
        current != nullptr && !canary ? current->canary_version.value_or(0) : 0;
    // The canary's own card deploys it at 100% with "Promote the canary", the same command.
    if (!canary && (!primary || other_canary != 0)) {
      std::string note;
      if (current != nullptr && !primary) note = "replaces v" + std::to_string(current->version);
      if (other_canary != 0) {
        note += (note.empty() ? "" : "; ") + std::string("ends the canary of v") +
                std::to_string(other_canary) + " beside it";
      }
      out.push_back(CardAction{CardAction::Group::kDeploy, "Deploy to " + env.name + " (100%)",
                               "models deploy " + c.Flags() + " --env " + env_word,
                               FirstOf({lacks, unservable}), note});
    }
    if (current != nullptr && !primary && !canary) {
      out.push_back(CardAction{
          CardAction::Group::kDeploy, "Start a 10% canary in " + env.name,
          "models deploy " + c.Flags() + " --env " + env_word + " --traffic 10",
          FirstOf({lacks, unservable}),
          "beside v" + std::to_string(current->version) + ", which keeps 90%" +
              (other_canary != 0 ? "; replaces the canary of v" + std::to_string(other_canary)
                                 : "")});
    }
    if (canary) {
      out.push_back(CardAction{
          CardAction::Group::kDeploy, "Promote the canary in " + env.name,
          "models promote-canary --model-name " + c.model + " --env " + env_word,
          FirstOf({lacks, unservable}),
          "v" + v + " takes 100% of " + env.name + ", replacing v" +
              std::to_string(current->version) + " (the same as deploying it at 100%)"});
    }
    if (primary) out.push_back(RollbackAction(c, env, *current));
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
