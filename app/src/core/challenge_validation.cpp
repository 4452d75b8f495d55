// CheckChallengeOnEngine: a challenge's start and solution run on the registry engine.

#include "core/challenge_validation.h"

#include "core/challenge_attempt.h"
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
  for (std::size_t i = 0; i < challenge.solution.size(); ++i) {
    const std::string path = ElementPath("solution", i);
    if (attempt->solved()) {
      problems.push_back(At(challenge, challenge.solution_at[i], path,
                            "the target is met after " + std::to_string(i) +
                                " solution commands; this one and those after it never run"));
      return problems;
    }
    const ChallengeStep step = attempt->Run(challenge.solution[i]);
    if (!step.entry.ok) {
      problems.push_back(At(challenge, challenge.solution_at[i], path,
                            "the solution command fails: " + step.entry.error));
      return problems;
    }
  }
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
