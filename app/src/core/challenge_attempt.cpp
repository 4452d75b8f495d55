// ChallengeAttempt: a sandbox seeded with a challenge's start, with the target's checklist
// evaluated after every command.

#include "core/challenge_attempt.h"

#include <algorithm>
#include <memory>

#include "core/challenge_conditions.h"
#include "stagecraft/commands/command_line.h"
#include "stagecraft/commands/only_reads.h"
#include "stagecraft/commands/scenario.h"

namespace stagecraft::core {

using engine::Result;
using engine::Status;

namespace {

// The scenario clock: every call is one minute after the one before, from kScenarioStart.
std::function<engine::Timestamp()> ScenarioClock() {
  auto next = std::make_shared<engine::Timestamp>(commands::kScenarioStart);
  return [next] {
    const engine::Timestamp now = *next;
    *next += 60'000;
    return now;
  };
}

// Whether `line` names a command that never changes the registry (a failed read is free too).
bool OnlyReads(std::string_view line) {
  auto words = commands::SplitCommandLine(line);
  return words.ok() && commands::OnlyReads(*words);
}

}  // namespace

std::string StartScript(const Challenge& challenge) {
  std::string script;
  for (const auto& line : challenge.start) script += line + "\n";
  return script;
}

ChallengeAttempt::ChallengeAttempt(Challenge challenge, SandboxScreen screen,
                                   SandboxOptions options)
    : challenge_(std::move(challenge)), screen_(std::move(screen)), options_(std::move(options)) {}

Result<ChallengeAttempt> ChallengeAttempt::Open(const Challenge& challenge,
                                                SandboxOptions options) {
  SandboxOptions used = options;
  if (!used.clock) used.clock = ScenarioClock();
  auto screen = SandboxScreen::Open(StartScript(challenge), std::move(used));
  if (!screen.ok()) {
    return Status(screen.status().code(),
                  "challenge " + challenge.id + ": the start fails: " + screen.status().message());
  }
  if (!screen->SetActingAs(challenge.user).ok()) {
    return Status::NotFound("challenge " + challenge.id + ": user \"" + challenge.user +
                            "\" does not exist after the start; add it there (users add)");
  }
  ChallengeAttempt attempt(challenge, std::move(*screen), std::move(options));
  auto state = attempt.screen_.sandbox().State();
  if (!state.ok()) return state.status();
  attempt.start_seq_ = (*state)->last_event_seq;
  attempt.Evaluate();
  return attempt;
}

std::size_t ChallengeAttempt::met() const {
  return static_cast<std::size_t>(std::count(checklist_.begin(), checklist_.end(), true));
}

void ChallengeAttempt::Evaluate() {
  auto state = screen_.sandbox().State();
  if (!state.ok()) {
    problem_ = state.status().message();
    return;
  }
  std::vector<engine::AuditEvent> since_start;
  for (const auto& event : screen_.audit_log()) {
    if (event.seq > start_seq_) since_start.push_back(event);
  }
  checklist_ = EvaluateTarget(challenge_, **state, since_start);
  problem_ = screen_.problem();
}

ChallengeStep ChallengeAttempt::Run(std::string_view line) {
  if (solved()) return {};
  const std::size_t before = screen_.Console().size();
  screen_.Run(line);
  return Account(before);
}

ChallengeStep ChallengeAttempt::Submit() {
  if (solved()) {
    screen_.input.clear();
    return {};
  }
  const std::size_t before = screen_.Console().size();
  screen_.Submit();
  return Account(before);
}

ChallengeStep ChallengeAttempt::Account(std::size_t console_before) {
  ChallengeStep step;
  step.ran = screen_.Console().size() != console_before;  // not for a blank line
  if (!step.ran) return step;
  step.entry = screen_.Console().back();
  const bool refused_change = !step.entry.ok && !OnlyReads(step.entry.line);
  step.counted = !step.entry.usage_error && (step.entry.changed || refused_change);
  if (step.counted) ++commands_;
  const std::vector<bool> was = checklist_;
  Evaluate();
  for (std::size_t i = 0; i < checklist_.size() && i < was.size(); ++i) {
    if (checklist_[i] && !was[i]) step.newly_met.push_back(i);
    if (!checklist_[i] && was[i]) step.newly_unmet.push_back(i);
  }
  return step;
}

Status ChallengeAttempt::Reset() {
  auto fresh = Open(challenge_, options_);
  if (!fresh.ok()) return fresh.status();
  *this = std::move(*fresh);
  return Status::Ok();
}

}  // namespace stagecraft::core
