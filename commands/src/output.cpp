#include "output.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace stagecraft::commands {
std::string FormatTime(engine::Timestamp time) {
  std::time_t seconds = static_cast<std::time_t>(time / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &utc);
  return buf;
}

std::string FormatNumber(double value) {
  char buf[32];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

std::string FormatMetrics(const std::map<std::string, double>& metrics) {
  std::string out;
  for (const auto& [key, value] : metrics) {
    if (!out.empty()) out += ", ";
    out += key + "=" + FormatNumber(value);
  }
  return out;
}

std::string FormatTags(const std::map<std::string, std::string>& tags) {
  std::string out;
  for (const auto& [key, value] : tags) {
    if (!out.empty()) out += ", ";
    out += key + "=" + value;
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

nlohmann::json ToJson(const engine::ModelVersion& v) {
  return {{"model_name", v.model_name}, {"version", v.version},       {"stage", v.stage},
          {"run_id", v.run_id},         {"source", v.source},         {"aliases", v.aliases},
          {"metrics", v.metrics},       {"tags", v.tags},             {"description", v.description},
          {"creator", v.creator},       {"created_at", v.created_at}, {"updated_at", v.updated_at}};
}

nlohmann::json ToJson(const engine::RegisteredModel& m) {
  return {{"name", m.name},
          {"description", m.description},
          {"tags", m.tags},
          {"aliases", m.aliases},
          {"latest_version", m.latest_version},
          {"created_at", m.created_at},
          {"updated_at", m.updated_at}};
}

nlohmann::json ToJson(const engine::AuditEvent& e) {
  nlohmann::json version = nullptr;
  if (e.version) version = *e.version;
  return {{"seq", e.seq},
          {"time", e.time},
          {"actor", e.actor},
          {"action", e.action},
          {"model_name", e.model_name},
          {"version", version},
          {"from_stage", e.from_stage},
          {"to_stage", e.to_stage},
          {"comment", e.comment},
          {"environment", e.environment},
          {"related_version", e.related_version ? nlohmann::json(*e.related_version)
                                                : nlohmann::json(nullptr)}};
}

nlohmann::json ToJson(const engine::Stage& s) {
  nlohmann::json metrics = nlohmann::json::array();
  for (const auto& m : s.required_metrics) {
    metrics.push_back({{"metric", m.metric}, {"op", engine::FilterOpText(m.op)},
                       {"threshold", m.threshold}});
  }
  return {{"name", s.name},
          {"position", s.position},
          {"exclusive", s.exclusive},
          {"builtin", s.builtin},
          {"gates",
           {{"required_approvals", s.required_approvals},
            {"metrics", metrics},
            {"tags", s.required_tags}}}};
}

std::string GateText(const engine::Stage& s) {
  std::vector<std::string> parts;
  if (s.required_approvals > 0) {
    parts.push_back(std::to_string(s.required_approvals) +
                    (s.required_approvals == 1 ? " approval" : " approvals"));
  }
  for (const auto& m : s.required_metrics) {
    parts.push_back(m.metric + " " + engine::FilterOpText(m.op) + " " + FormatNumber(m.threshold));
  }
  for (const auto& [key, value] : s.required_tags) parts.push_back(key + "=" + value);
  return Join(parts, "; ");
}

nlohmann::json ToJson(const engine::TransitionRequest& r) {
  nlohmann::json approvals = nlohmann::json::array();
  for (const auto& a : r.approvals) {
    approvals.push_back({{"approver", a.approver}, {"comment", a.comment}, {"time", a.time}});
  }
  return {{"id", r.id},
          {"model_name", r.model_name},
          {"version", r.version},
          {"from_stage", r.from_stage},
          {"to_stage", r.to_stage},
          {"archive_existing", r.archive_existing},
          {"requester", r.requester},
          {"comment", r.comment},
          {"status", engine::RequestStatusName(r.status)},
          {"stale", r.stale},
          {"required_approvals", r.required_approvals},
          {"approvals", approvals},
          {"created_at", r.created_at},
          {"resolved_at", r.resolved_at},
          {"resolved_by", r.resolved_by},
          {"resolution_comment", r.resolution_comment}};
}

nlohmann::json ToJson(const engine::RollbackOutcome& o) {
  return {{"model_name", o.model_name},
          {"env", o.environment},
          {"from_version", o.from_version},
          {"from_version_stage", o.from_version_stage},
          {"to_version", o.to_version},
          {"to_version_stage", o.to_version_stage}};
}

nlohmann::json ToJson(const engine::User& u) {
  return {{"name", u.name}, {"role", engine::RoleName(u.role)}, {"created_at", u.created_at}};
}

nlohmann::json ToJson(const engine::Environment& e) {
  return {{"name", e.name},
          {"required_stage", e.required_stage.empty() ? nlohmann::json(nullptr)
                                                      : nlohmann::json(e.required_stage)}};
}

nlohmann::json DeploymentRows(const engine::Deployment& d) {
  nlohmann::json previous =
      d.previous_version ? nlohmann::json(*d.previous_version) : nlohmann::json(nullptr);
  nlohmann::json rows = nlohmann::json::array();
  rows.push_back({{"model_name", d.model_name},
                  {"env", d.environment},
                  {"version", d.version},
                  {"traffic", d.traffic},
                  {"role", "primary"},
                  {"previous_version", previous},
                  {"updated_at", d.updated_at}});
  if (d.canary_version) {
    rows.push_back({{"model_name", d.model_name},
                    {"env", d.environment},
                    {"version", *d.canary_version},
                    {"traffic", d.canary_traffic},
                    {"role", "canary"},
                    {"previous_version", nullptr},
                    {"updated_at", d.updated_at}});
  }
  return rows;
}

nlohmann::json ToJson(const engine::TransitionOutcome& o) {
  return {{"model_name", o.model_name}, {"version", o.version}, {"from_stage", o.from_stage},
          {"to_stage", o.to_stage}, {"archived_versions", o.archived_versions}};
}

nlohmann::json ToJson(const engine::Deployment& d) {
  nlohmann::json rows = DeploymentRows(d);
  nlohmann::json primary = rows.front();
  primary["canary"] = rows.size() > 1 ? rows[1] : nlohmann::json(nullptr);
  return primary;
}

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string TransitionText(const engine::TransitionOutcome& outcome) {
  std::string text = "Moved version " + std::to_string(outcome.version) + " of model '" +
                     outcome.model_name + "' from " + outcome.from_stage + " to " +
                     outcome.to_stage + ".\n";
  for (auto archived : outcome.archived_versions) {
    text += "Archived version " + std::to_string(archived) + " (it was in " + outcome.to_stage +
            ").\n";
  }
  return text;
}

}  // namespace stagecraft::commands
