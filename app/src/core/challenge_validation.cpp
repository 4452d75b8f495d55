// CheckChallengeOnEngine: a challenge's start and solution run on the registry engine.

#include "core/challenge_validation.h"

#include <algorithm>

#include "core/challenge_attempt.h"
#include "core/challenge_conditions.h"
#include "stagecraft/commands/scenario.h"

namespace stagecraft::core {
namespace {

QuizProblem At(const Challenge& challenge, TextPosition at, std::string path, std::string message) {
  return QuizProblem{challenge.path, at.line, at.column, std::move(path), std::move(message)};
}

std::string Unmet(const ChallengeAttempt& attempt) {
  std::string out;
  for (std::size_t i = 0; i < attempt.checklist().size(); ++i) {
    if (!attempt.checklist()[i]) {
      out += (out.empty() ? "" : "; ") + attempt.challenge().target[i].label;
    }
  }
  return out;
}

// The stages, models, environments and users a registry state knows, by kind.
struct KnownNames {
  std::vector<std::string> stages, models, environments, users;
  void Add(const engine::RegistryState& state) {
    for (const auto& stage : state.stages) stages.push_back(stage.name);
    for (const auto& model : state.models) models.push_back(model.name);
    for (const auto& environment : state.environments) environments.push_back(environment.name);
    for (const auto& user : state.users) users.push_back(user.name);
  }
};

// Adds the names `attempt`'s registry knows now; false (with the problem) when its state cannot
// be read.
bool AddNames(const ChallengeAttempt& attempt, KnownNames& known,
              std::vector<QuizProblem>& problems) {
  auto state = attempt.screen().sandbox().State();
  if (!state.ok()) {
    problems.push_back(At(attempt.challenge(), {}, "", state.status().message()));
    return false;
  }
  known.Add(**state);
  return true;
}

bool Known(const std::vector<std::string>& names, const std::string& name, bool any_case) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& known) {
    return any_case ? SameStageName(known, name) : known == name;
  });
}

// A problem at each field of a condition that names a stage, model, environment or user the
// registry never had, after the start or after the solution: such a condition can never hold,
// or (never, approved-only) never fail.
void CheckNames(const Challenge& challenge, const KnownNames& known,
                std::vector<QuizProblem>& problems) {
  for (std::size_t i = 0; i < challenge.target.size(); ++i) {
    const Condition& c = challenge.target[i];
    const struct {
      const char* field;
      const std::string& value;
      const std::vector<std::string>& names;
      const char* what;
      bool any_case;  // stage names, as the engine resolves them
    } fields[] = {{"stage", c.stage, known.stages, "stage", true},
                  {"model", c.model, known.models, "model", false},
                  {"environment", c.environment, known.environments, "environment", false},
                  {"actor", c.actor, known.users, "user", false}};
    for (const auto& field : fields) {
      if (field.value.empty() || Known(field.names, field.value, field.any_case)) {
        continue;
      }
      problems.push_back(At(challenge, c.at, MemberPath(ElementPath("target", i), field.field),
                            std::string("no ") + field.what + " \"" + field.value +
                                "\" exists after the start or the solution"));
    }
  }
}

}  // namespace

std::vector<QuizProblem> CheckChallengeOnEngine(const Challenge& challenge) {
  std::vector<QuizProblem> problems;
  // The start on its own first, so that a refused command is reported where it is written.
  std::vector<commands::ScriptLine> lines;
  for (std::size_t i = 0; i < challenge.start.size(); ++i) {
    lines.push_back({static_cast<int>(i + 1), challenge.start[i]});
  }
  auto run = commands::RunScenario(lines);
  if (!run.ok()) {
    problems.push_back(At(challenge, {}, "start", run.status().message()));
    return problems;
  }
  for (std::size_t i = 0; i < run->size(); ++i) {
    const commands::ScenarioStep& step = (*run)[i];
    if (!step.ok) {
      problems.push_back(At(challenge, challenge.start_at[i], ElementPath("start", i),
                            "the start command fails: " + step.error));
    }
  }
  if (!problems.empty()) return problems;

  auto attempt = ChallengeAttempt::Open(challenge);
  if (!attempt.ok()) {
    problems.push_back(At(challenge, challenge.user_at, "user", attempt.status().message()));
    return problems;
  }
  if (attempt->solved()) {
    problems.push_back(At(challenge, challenge.target_at, "target",
                          "the start already meets the target: there is nothing to do"));
    return problems;
  }
  KnownNames known;
  if (!AddNames(*attempt, known, problems)) return problems;
  for (std::size_t i = 0; i < challenge.solution.size(); ++i) {
    const std::string path = ElementPath("solution", i);
    if (attempt->solved()) {
      problems.push_back(At(challenge, challenge.solution_at[i], path,
                            "the target is met after " + std::to_string(i) + " solution " +
                                (i == 1 ? "command" : "commands") +
                                "; this one and those after it never run"));
      return problems;
    }
    const ChallengeStep step = attempt->Run(challenge.solution[i]);
    if (!step.entry.ok) {
      problems.push_back(At(challenge, challenge.solution_at[i], path,
                            "the solution command fails: " + step.entry.error));
      return problems;
    }
  }
  if (!AddNames(*attempt, known, problems)) return problems;
  CheckNames(challenge, known, problems);
  if (!attempt->solved()) {
    problems.push_back(At(challenge, challenge.solution_at.back(),
                          ElementPath("solution", challenge.solution.size() - 1),
                          "the solution does not meet the target; unmet: " + Unmet(*attempt)));
    return problems;
  }
  if (attempt->commands() > challenge.par) {
    problems.push_back(At(challenge, challenge.par_at, "par",
                          "the solution takes " + std::to_string(attempt->commands()) +
                              " commands; par is " + std::to_string(challenge.par)));
  }
  return problems;
}

ChallengeFileCheck CheckChallengeFile(const std::string& path) {
  ChallengeFileCheck check{LoadChallengeFile(path), {}};
  if (check.load.challenge) check.engine_problems = CheckChallengeOnEngine(*check.load.challenge);
  return check;
}

}  // namespace stagecraft::core
