#pragma once
// How commands print: aligned tables for people, JSON objects for scripts.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "stagecraft/commands/table.h"
#include "stagecraft/engine/types.h"

namespace stagecraft::commands {

// "2026-11-25 14:03:07" (UTC) for a millisecond timestamp.
std::string FormatTime(engine::Timestamp time);
// A number as short as it can be written without losing it: 0.93, 12, 1e-05.
std::string FormatNumber(double value);
// "accuracy=0.93, f1=0.9"; "" when empty.
std::string FormatMetrics(const std::map<std::string, double>& metrics);
std::string FormatTags(const std::map<std::string, std::string>& tags);
std::string Join(const std::vector<std::string>& items, const std::string& separator);

nlohmann::json ToJson(const engine::ModelVersion& version);
nlohmann::json ToJson(const engine::RegisteredModel& model);
nlohmann::json ToJson(const engine::AuditEvent& event);
nlohmann::json ToJson(const engine::Stage& stage);
nlohmann::json ToJson(const engine::TransitionOutcome& outcome);
nlohmann::json ToJson(const engine::TransitionRequest& request);
nlohmann::json ToJson(const engine::RollbackOutcome& outcome);
nlohmann::json ToJson(const engine::User& user);
nlohmann::json ToJson(const engine::Environment& environment);
// One object per served version: {env, version, traffic, role: primary|canary, ...}.
nlohmann::json DeploymentRows(const engine::Deployment& deployment);
// The primary row, with the canary row (or null) under "canary".
nlohmann::json ToJson(const engine::Deployment& deployment);

// "2 approvals; accuracy >= 0.9; validation=passed", or "" for an ungated stage.
std::string GateText(const engine::Stage& stage);

// What a transition did, as transition-stage and an applying approval print it:
// "Moved version 2 of model 'm' from None to Production.\nArchived version 1 (it was in
// Production).\n".
std::string TransitionText(const engine::TransitionOutcome& outcome);

// JSON text as printed by every command: two-space indent, a final newline, UTF-8 kept, invalid
// UTF-8 replaced rather than thrown on.
std::string DumpJson(const nlohmann::json& value);

}  // namespace stagecraft::commands
