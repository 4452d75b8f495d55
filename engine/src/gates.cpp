// Gates: what a version needs to enter a stage (metric thresholds, tag values, approvals),
// how they are changed (SetStageGate), checked at a move (CheckGate), and parsed from text
// (ParseMetricRequirement).

#include <cmath>
#include <map>

#include "registry_impl.h"

namespace stagecraft::engine {
namespace {

bool Compare(double value, FilterOp op, double threshold) {
  switch (op) {
    case FilterOp::kEq: return value == threshold;
    case FilterOp::kNe: return value != threshold;
    case FilterOp::kLt: return value < threshold;
    case FilterOp::kLe: return value <= threshold;
    case FilterOp::kGt: return value > threshold;
    case FilterOp::kGe: return value >= threshold;
    case FilterOp::kLike: return false;
  }
  return false;
}

std::string RequirementText(const MetricRequirement& m) {
  return m.metric + " " + FilterOpText(m.op) + " " + NumberText(m.threshold);
}

}  // namespace

Result<MetricRequirement> ParseMetricRequirement(std::string_view text) {
  auto filter = ParseSearchFilter(text);
  auto bad = [&](std::string why) {
    return Status::InvalidArgument("metric requirement " + Quote(text) + " " + why +
                                   " (expected e.g. accuracy>=0.9)");
  };
  if (!filter.ok()) return bad("is malformed: " + filter.status().message());
  if (filter->clauses.size() != 1) return bad("must be one comparison");
  const FilterClause& clause = filter->clauses.front();
  if (clause.field != FilterField::kMetric || clause.op == FilterOp::kLike) {
    return bad("must compare a metric with a number");
  }
  return MetricRequirement{clause.key, clause.op, std::get<double>(clause.value)};
}

Status Registry::Impl::CheckGate(const VersionRow& row, const StageRow& target,
                                 const StageTransition& t, int approvals) {
  const Stage& stage = target.stage;
  std::vector<std::string> failures;
  if (!stage.required_metrics.empty()) {
    std::map<std::string, double> metrics;
    auto select = db->Prepare("SELECT key, value FROM version_metrics WHERE version_id = ?1");
    if (!select.ok()) return select.status();
    StatementUse use(**select);
    use->Bind(1, row.id);
    while (use->Step()) metrics[use->Text(0)] = use->Double(1);
    SC_RETURN_IF_ERROR(use->status());
    for (const auto& need : stage.required_metrics) {
      auto found = metrics.find(need.metric);
      if (found == metrics.end()) {
        failures.push_back("metric " + need.metric + " is missing (needs " +
                           RequirementText(need) + ")");
      } else if (!Compare(found->second, need.op, need.threshold)) {
        failures.push_back(need.metric + " is " + NumberText(found->second) + " (needs " +
                           RequirementText(need) + ")");
      }
    }
  }
  if (!stage.required_tags.empty()) {
    std::map<std::string, std::string> tags;
    auto select = db->Prepare("SELECT key, value FROM version_tags WHERE version_id = ?1");
    if (!select.ok()) return select.status();
    StatementUse use(**select);
    use->Bind(1, row.id);
    while (use->Step()) tags[use->Text(0)] = use->Text(1);
    SC_RETURN_IF_ERROR(use->status());
    for (const auto& [key, value] : stage.required_tags) {
      auto found = tags.find(key);
      if (found == tags.end()) {
        failures.push_back("tag " + key + " is missing (needs " + key + "=" + value + ")");
      } else if (found->second != value) {
        failures.push_back("tag " + key + " is " + Quote(found->second) + " (needs " + key + "=" +
                           value + ")");
      }
    }
  }
  if (approvals < stage.required_approvals) {
    failures.push_back(std::to_string(approvals) + " of " +
                       std::to_string(stage.required_approvals) + " required approvals" +
                       (approvals == 0 ? " (request the transition and have it approved)" : ""));
  }
  if (failures.empty()) return Status::Ok();
  std::string message = "gate of stage " + Quote(stage.name) + " refused " +
                         VersionName(t.model_name, t.version) + ": ";
  for (std::size_t i = 0; i < failures.size(); ++i) message += (i ? "; " : "") + failures[i];
  return Refuse(Status::FailedPrecondition(std::move(message)));
}

Result<Stage> Registry::SetStageGate(std::string_view stage_name, const GateChange& change,
                                     const Actor& actor) {
  if (change.required_approvals && (*change.required_approvals < 0 ||
                                    *change.required_approvals > 10)) {
    return Status::InvalidArgument("required approvals must be between 0 and 10, not " +
                                   std::to_string(*change.required_approvals));
  }
  for (std::size_t i = 0; i < change.metrics.size(); ++i) {
    const auto& m = change.metrics[i];
    SC_RETURN_IF_ERROR(ValidateKey("metric", m.metric));
    for (std::size_t j = 0; j < i; ++j) {
      // A gate holds one condition per metric: the second would silently replace the first.
      if (change.metrics[j].metric == m.metric) {
        return Status::InvalidArgument("two conditions on metric " + Quote(m.metric) +
                                       " in one change; a gate holds one condition per metric");
      }
    }
    if (!std::isfinite(m.threshold) || m.op == FilterOp::kLike) {
      return Status::InvalidArgument("metric requirement on " + Quote(m.metric) +
                                     " needs a comparison with a finite number");
    }
  }
  for (const auto& [key, value] : change.tags) {
    SC_RETURN_IF_ERROR(ValidateKey("tag", key));
    SC_RETURN_IF_ERROR(ValidateText("tag value", value));
  }
  auto& d = *impl_;
  auto result = d.Write(actor, [&]() -> Result<Stage> {
    SC_RETURN_IF_ERROR(d.Authorize(actor, Role::kAdmin, "change stage gates"));
    auto found = d.RequireStage(stage_name);
    if (!found.ok()) return found.status();
    const std::int64_t stage_id = (*found)->id;
    const std::string name = (*found)->stage.name;
    d.context.stage = name;
    if (stage_id == kNoneStageId) {
      return Status::InvalidArgument("stage 'None' cannot have a gate: every new version starts "
                                     "there");
    }
    if (change.clear) {
      SC_RETURN_IF_ERROR(d.Exec("DELETE FROM stage_gates WHERE stage_id = ?1",
                                [&](Statement& s) { s.Bind(1, stage_id); }));
      SC_RETURN_IF_ERROR(d.Exec("UPDATE stages SET required_approvals = 0 WHERE id = ?1",
                                [&](Statement& s) { s.Bind(1, stage_id); }));
    }
    if (change.required_approvals) {
      SC_RETURN_IF_ERROR(d.Exec("UPDATE stages SET required_approvals = ?1 WHERE id = ?2",
                                [&](Statement& s) {
                                  s.Bind(1, *change.required_approvals);
                                  s.Bind(2, stage_id);
                                }));
    }
    std::vector<std::string> parts;
    if (change.clear) parts.push_back("cleared");
    if (change.required_approvals) {
      parts.push_back(std::to_string(*change.required_approvals) + " approvals");
    }
    auto upsert = [&](const char* kind, const std::string& key, const char* op,
                      const std::string& value) {
      return d.Exec(
          "INSERT INTO stage_gates (stage_id, kind, key, op, value) VALUES (?1, ?2, ?3, ?4, ?5) "
          "ON CONFLICT (stage_id, kind, key) DO UPDATE SET op = excluded.op, value = excluded.value",
          [&](Statement& s) {
            s.Bind(1, stage_id);
            s.Bind(2, kind);
            s.Bind(3, key);
            s.Bind(4, op);
            s.Bind(5, value);
          });
    };
    for (const auto& m : change.metrics) {
      SC_RETURN_IF_ERROR(upsert("metric", m.metric, FilterOpText(m.op), NumberText(m.threshold)));
      parts.push_back(RequirementText(m));
    }
    for (const auto& [key, value] : change.tags) {
      SC_RETURN_IF_ERROR(upsert("tag", key, "=", value));
      parts.push_back(key + "=" + value);
    }
    std::string comment;
    for (const auto& part : parts) comment += (comment.empty() ? "" : ", ") + part;
    SC_RETURN_IF_ERROR(
        d.Audit(kActionSetGate, std::nullopt, "", std::nullopt, "", name, comment, actor));
    d.stages_valid = false;
    SC_RETURN_IF_ERROR(d.RefreshCatalog());
    return d.StageById(stage_id)->stage;
  });
  d.stages_valid = false;
  return result;
}

}  // namespace stagecraft::engine
