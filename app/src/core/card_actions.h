#pragma once
// Card actions: what the learner can do to one version card of the sandbox's board — promote it,
// archive it, request a transition, approve or reject a request on it, deploy it, start or promote
// a canary, roll back an environment serving it — each as the exact command line the console
// would take, so clicking teaches the commands. Actions the engine will surely refuse (the acting
// user lacks the role, a request of one's own, an archived version) are still listed, with why,
// so that a rule can be broken on purpose and the refusal seen. No ImGui.

#include <string>
#include <string_view>
#include <vector>

#include "core/walkthrough_player.h"
#include "stagecraft/engine/types.h"

namespace stagecraft::core {

struct CardAction {
  enum class Group { kStage, kRequest, kDeploy };
  Group group = Group::kStage;  // the menu separates the groups
  std::string label;            // "Promote to Production"
  std::string line;             // the command line the console runs, without --as
  // Why the engine will refuse it when run as the acting user; "" when it may well succeed (the
  // engine still has the last word: a gate's metrics, say, are not foreseen here).
  std::string refusal;
  std::string note;  // what the line does beyond the label; "" when nothing
};

// The actions that make sense for `card` in `state` when run as `acting_as`, in menu order:
//   stage    promote to the next working stage (None → Staging → Production), with
//            --archive-existing when that stage is Production or exclusive and holds versions no
//            environment serves (the note names them); archive
//   request  request a transition to each working stage it is not in; approve and reject each
//            pending request on the version; cancel each the acting user made
//   deploy   deploy at 100% to each environment not serving it so (on a canary's own card,
//            promoting the canary is that deploy); a 10% canary in each environment serving
//            another version of the model; promote the canary where it is one; roll back each
//            environment serving it, to the version Deployment::rollback_to names
// Foreseen besides roles: a move already requested, an exclusive stage, a served version leaving
// a stage its environment requires or being archived, a rollback with nowhere to go.
// Empty when the version is not in `state`.
std::vector<CardAction> CardActionsFor(const engine::RegistryState& state, const VersionRef& card,
                                       std::string_view acting_as);

}  // namespace stagecraft::core
