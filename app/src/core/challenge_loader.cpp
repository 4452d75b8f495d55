// Loading challenge files: the checker of challenges/README.md's rules.

#include "core/challenge_loader.h"

#include <algorithm>
#include <cmath>

#include "core/challenge_conditions.h"
#include "core/content_files.h"
#include "core/json_checker.h"
#include "core/quiz_rules.h"

namespace stagecraft::core {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxGoal = 500;
constexpr int kMaxChallengeNesting = 16;

// The fields each kind of condition takes: required first, then optional ones.
struct KindFields {
  std::vector<const char*> required;
  std::vector<const char*> optional;
};

KindFields FieldsOf(ConditionKind kind) {
  switch (kind) {
    case ConditionKind::kStage:
      return {{"model", "version", "stage"}, {}};
    case ConditionKind::kAlias:
      return {{"model", "alias", "version"}, {}};
    case ConditionKind::kServes:
      return {{"model", "environment", "version"}, {"traffic"}};
    case ConditionKind::kCanary:
      return {{"model", "environment", "version"}, {"traffic"}};
    case ConditionKind::kMetric:
      return {{"model", "version", "metric", "op", "value"}, {}};
    case ConditionKind::kNoPendingRequests:
      return {{}, {"model"}};
    case ConditionKind::kHappened:
    case ConditionKind::kNever:
      return {{"action"}, {"model", "version", "stage", "environment", "actor", "traffic"}};
    case ConditionKind::kApprovedOnly:
      return {{"stage"}, {}};
  }
  return {};
}

class ChallengeChecker : public JsonChecker {
 public:
  using JsonChecker::JsonChecker;

  std::optional<Challenge> Check(const json& root) {
    if (!root.is_object()) {
      Report("", std::string("a challenge file must hold an object, not ") + JsonTypeName(root));
      return std::nullopt;
    }
    UnknownFields(root, "",
                  {"$schema", "format", "id", "title", "level", "goal", "start", "user", "target",
                   "par", "hint", "solution", "$comment"});
    Challenge challenge;
    challenge.path = file();
    if (const json* format = Member(root, "", "format", true, json::value_t::number_integer)) {
      if (*format != 1) Report("format", "must be 1 (the only format there is)");
    }
    challenge.id = Text(root, "", "id", true);
    challenge.id_at = At("id");
    if (root.contains("id") && root["id"].is_string() && !quiz_rules::IsIdentifier(challenge.id)) {
      Report("id", "must be 1-64 letters, digits, '-' or '_'");
    }
    challenge.title = Text(root, "", "title", true, 1, quiz_rules::kMaxTitle);
    const std::string level = Text(root, "", "level", true);
    if (auto named = quiz_rules::LevelNamed(level)) {
      challenge.level = *named;
    } else if (root.contains("level") && root["level"].is_string()) {
      Report("level", "must be \"easy\", \"medium\" or \"hard\", not " + JsonString(level));
    }
    challenge.goal = Text(root, "", "goal", true, 1, kMaxGoal);
    challenge.hint = Text(root, "", "hint", true, 1);
    if (root.contains("user")) {
      challenge.user = Text(root, "", "user", false, 1, 64);
      challenge.user_at = At("user");
    }
    Commands(root, "start", false, challenge.start, challenge.start_at);
    Commands(root, "solution", true, challenge.solution, challenge.solution_at);
    if (const json* par = Member(root, "", "par", true, json::value_t::number_integer)) {
      challenge.par_at = At("par");
      const double value = par->get<double>();
      if (!par->is_number_integer() || value < 1 || value > kMaxChallengePar) {
        Report("par", "must be a whole number from 1 to " + std::to_string(kMaxChallengePar));
      } else {
        challenge.par = static_cast<int>(value);
      }
    }
    if (const json* target = Member(root, "", "target", true, json::value_t::array)) {
      challenge.target_at = At("target");
      if (target->empty() || target->size() > kMaxChallengeConditions) {
        Report("target", "must hold 1 to " + std::to_string(kMaxChallengeConditions) +
                             " conditions, not " + std::to_string(target->size()));
      }
      for (std::size_t i = 0; i < target->size() && i < kMaxChallengeConditions; ++i) {
        if (auto condition = CheckCondition((*target)[i], ElementPath("target", i))) {
          challenge.target.push_back(std::move(*condition));
        }
      }
    }
    if (!problems.empty()) return std::nullopt;
    return challenge;
  }

 private:
  // A list of command lines: `required` ones must hold at least one.
  void Commands(const json& root, const char* key, bool required, std::vector<std::string>& lines,
                std::vector<TextPosition>& at) {
    if (required && !root.contains(key)) {
      Report("", std::string("missing required field \"") + key + "\"");
    }
    lines = TextList(root, "", key);
    if (required && root.contains(key) && root[key].is_array() && root[key].empty()) {
      Report(key, "must hold at least one command");
    }
    if (lines.size() > kMaxChallengeCommands) {
      Report(key, "holds " + std::to_string(lines.size()) + " commands; at most " +
                      std::to_string(kMaxChallengeCommands) + " are allowed");
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string path = ElementPath(key, i);
      at.push_back(At(path));
      if (lines[i].find_first_not_of(" \t") == std::string::npos) {
        Report(path, "is blank; write a command line");
      }
    }
  }

  // A whole number in [min, max], or nullopt (reported).
  std::optional<std::int64_t> Whole(const json& object, const std::string& path, const char* key,
                                    std::int64_t min, std::int64_t max) {
    const json* value = Member(object, path, key, false, json::value_t::number_integer);
    if (value == nullptr) return std::nullopt;
    const double number = value->get<double>();
    if (!value->is_number_integer() || number < static_cast<double>(min) ||
        number > static_cast<double>(max)) {
      Report(MemberPath(path, key),
             "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    return value->get<std::int64_t>();
  }

  std::optional<Condition> CheckCondition(const json& object, const std::string& path) {
    if (!object.is_object()) {
      Report(path, std::string("a condition must be an object, not ") + JsonTypeName(object));
      return std::nullopt;
    }
    const std::size_t before = problems.size();
    const std::string kind_name = Text(object, path, "kind", true);
    const auto kind = ConditionKindNamed(kind_name);
    if (!kind) {
      if (object.contains("kind") && object["kind"].is_string()) {
        Report(MemberPath(path, "kind"),
               "unknown kind " + JsonString(kind_name) +
                   " (known: stage, alias, serves, canary, metric, no-pending-requests, "
                   "happened, never, approved-only)");
      }
      return std::nullopt;
    }
    Condition condition;
    condition.kind = *kind;
    condition.at = At(path);
    const KindFields fields = FieldsOf(*kind);
    for (const char* key : fields.required) {
      if (!object.contains(key))
        Report(path, std::string("missing required field \"") + key + "\" (a " + kind_name +
                         " condition needs it)");
    }
    for (const auto& [key, value] : object.items()) {
      const auto named = [&key = key](const char* k) { return key == k; };
      if (key != "kind" && key != "label" && key != "$comment" &&
          std::none_of(fields.required.begin(), fields.required.end(), named) &&
          std::none_of(fields.optional.begin(), fields.optional.end(), named)) {
        Report(MemberPath(path, key), "a " + kind_name + " condition takes no \"" + key + "\"");
      }
    }
    condition.model = Text(object, path, "model", false, 1, 256);
    condition.version = Whole(object, path, "version", 1, 1'000'000'000);
    condition.stage = Text(object, path, "stage", false, 1, 64);
    condition.alias = Text(object, path, "alias", false, 1, 256);
    condition.environment = Text(object, path, "environment", false, 1, 64);
    if (auto traffic = Whole(object, path, "traffic", 1, 100)) {
      condition.traffic = static_cast<int>(*traffic);
    }
    condition.metric = Text(object, path, "metric", false, 1, 256);
    condition.op = Text(object, path, "op", false);
    if (object.contains("op") && object["op"].is_string()) {
      static const std::vector<std::string> kOps = {"<", "<=", ">", ">=", "="};
      if (std::find(kOps.begin(), kOps.end(), condition.op) == kOps.end()) {
        Report(MemberPath(path, "op"),
               "must be one of < <= > >= =, not " + JsonString(condition.op));
      }
    }
    if (const json* value = Member(object, path, "value", false, json::value_t::number_integer)) {
      condition.value = value->get<double>();
    }
    condition.action = Text(object, path, "action", false);
    if (object.contains("action") && object["action"].is_string()) {
      const auto& known = KnownAuditActions();
      if (std::find(known.begin(), known.end(), condition.action) == known.end()) {
        std::string list;
        for (const auto& action : known) list += (list.empty() ? "" : ", ") + action;
        Report(MemberPath(path, "action"),
               "unknown audit action " + JsonString(condition.action) + " (known: " + list + ")");
      }
    }
    // An audit filter's traffic matches only a canary deployment's share: on any other action
    // it would never match, and a `never` would hold whatever the learner did.
    const bool audit_filter =
        condition.kind == ConditionKind::kHappened || condition.kind == ConditionKind::kNever;
    if (audit_filter && object.contains("traffic") && object.contains("action") &&
        object["action"].is_string() && condition.action != engine::kActionDeployCanary) {
      Report(MemberPath(path, "traffic"),
             "traffic only matches a deploy_canary event, not " + JsonString(condition.action));
    }
    condition.actor = Text(object, path, "actor", false, 1, 64);
    condition.label = Text(object, path, "label", false, 1, quiz_rules::kMaxTitle);
    if (problems.size() != before) return std::nullopt;
    if (condition.label.empty()) condition.label = ConditionLabel(condition);
    return condition;
  }
};

}  // namespace

ChallengeLoad ParseChallenge(std::string_view text, const std::string& path) {
  ChallengeLoad load;
  const std::optional<json> root =
      ParseJsonText(text, path, kMaxChallengeFileBytes, kMaxChallengeNesting, load.problems);
  if (!root) return load;
  ChallengeChecker checker(text, path);
  load.challenge = checker.Check(*root);
  load.problems = std::move(checker.problems);
  return load;
}

ChallengeLoad LoadChallengeFile(const std::string& path) {
  auto text = ReadContentFile(path, kMaxChallengeFileBytes);
  if (!text.ok()) {
    ChallengeLoad load;
    load.problems.push_back(QuizProblem{path, 1, 1, "", text.status().message()});
    return load;
  }
  return ParseChallenge(*text, path);
}

}  // namespace stagecraft::core
