#pragma once
// ChallengeAttempt: one try at a challenge, with no window code. A sandbox (SandboxScreen: the
// live registry, its console and what the window draws of it) seeded with the challenge's start,
// acting as the challenge's user; after every command the target's checklist is evaluated on
// the registry's state and the audit events since the start. The terminal, `stagecraft validate`
// and the window all try challenges through it.
//
// What counts as a command: a line that changed the registry, or a change the engine refused (by
// a rule, or for an error such as an unknown version). A line that only reads (list, get,
// resolve, history, --help: commands::OnlyReads), even one that fails (`models get nosuch`), a
// blank line and a line that is not a command of the grammar (a usage error) are free. Once
// every condition holds the attempt is solved and runs nothing more.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/challenge.h"
#include "core/sandbox_screen.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// What running one line did.
struct ChallengeStep {
  bool ran = false;                      // false for a blank line, or once solved
  ConsoleEntry entry;                    // what the console recorded (when ran)
  bool counted = false;                  // it counts towards the total (see above)
  std::vector<std::size_t> newly_met;    // conditions that hold now and did not before
  std::vector<std::size_t> newly_unmet;  // conditions that held before and do not now
};

class ChallengeAttempt {
 public:
  // Runs the start on a fresh in-memory registry (as admin, on the scenario clock: the first
  // change at kScenarioStart, each next one a minute later) and acts as the challenge's user.
  // Fails when a start command is refused (naming it) or the user does not exist after the
  // start.
  static engine::Result<ChallengeAttempt> Open(const Challenge& challenge,
                                               SandboxOptions options = {});

  // Runs `line` as if typed (unless solved) and re-evaluates the checklist.
  ChallengeStep Run(std::string_view line);
  // Runs the screen's input line (the window's console) as SandboxScreen::Submit does; once
  // solved it only clears the line.
  ChallengeStep Submit();

  // Back to the start: a fresh registry, an empty console, no commands counted.
  engine::Status Reset();

  const Challenge& challenge() const { return challenge_; }
  // The checklist: whether each condition of the target holds now.
  const std::vector<bool>& checklist() const { return checklist_; }
  std::size_t met() const;
  // Every condition holds: never for an empty checklist, nor while the state cannot be read.
  bool solved() const {
    return !checklist_.empty() && problem_.empty() && met() == checklist_.size();
  }
  int commands() const { return commands_; }
  // Why the state could not be read, if it could not ("" when all is well).
  const std::string& problem() const { return problem_; }

  SandboxScreen& screen() { return screen_; }
  const SandboxScreen& screen() const { return screen_; }

 private:
  ChallengeAttempt(Challenge challenge, SandboxScreen screen, SandboxOptions options);
  void Evaluate();
  // Counts and re-evaluates after the screen ran a line (the console had `console_before`).
  ChallengeStep Account(std::size_t console_before);

  Challenge challenge_;
  SandboxScreen screen_;
  SandboxOptions options_;      // as given to Open, for Reset
  std::int64_t start_seq_ = 0;  // the audit event the start ended with
  std::vector<bool> checklist_;
  int commands_ = 0;
  std::string problem_;
};

// The challenge's start as one script (commands::ParseScript's format).
std::string StartScript(const Challenge& challenge);

}  // namespace stagecraft::core
