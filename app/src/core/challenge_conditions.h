#pragma once
// Checking a challenge's target: each condition evaluated on the registry's state and on the
// audit events appended since the challenge's start, and the checklist's words for it.

#include <string>
#include <string_view>
#include <vector>

#include "core/challenge.h"
#include "stagecraft/engine/types.h"

namespace stagecraft::core {

// Whether two stage names are the same stage: ignoring letter case, as the engine resolves them.
bool SameStageName(std::string_view a, std::string_view b);

// The audit actions a kHappened or kNever condition may name (types.h's kAction... names).
const std::vector<std::string>& KnownAuditActions();

// What the checklist says for `condition` when the file gives no label, e.g.
// "churn v2 is in Staging", "production serves churn v2 at 100%", "A rollback of churn".
std::string ConditionLabel(const Condition& condition);

// Whether `condition` holds in `state`, given the audit events since the start (oldest first).
// Stage names compare ignoring letter case, as the engine resolves them.
bool ConditionHolds(const Condition& condition, const engine::RegistryState& state,
                    const std::vector<engine::AuditEvent>& since_start);

// Every condition of `challenge`, in order: the checklist.
std::vector<bool> EvaluateTarget(const Challenge& challenge, const engine::RegistryState& state,
                                 const std::vector<engine::AuditEvent>& since_start);

}  // namespace stagecraft::core
