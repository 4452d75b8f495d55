#pragma once
// ChallengeScreen: the window's challenges screen, with no ImGui. The list (each challenge with
// solved, par and the learner's best), and the open attempt: a ChallengeAttempt (the sandbox's
// board and console, seeded with the challenge's start, acting as its user) whose checklist is
// recomputed after every command, the hint on request, Reset, and the result — a solve is saved
// to the progress store once, an unsolved try (with at least one counted command) when it is
// left: reset, another challenge opened, or the screen finished.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/challenge_attempt.h"
#include "core/challenge_list.h"
#include "core/content_library.h"
#include "core/practice_run.h"
#include "core/progress.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

class ChallengeScreen {
 public:
  // The list of `library`'s challenges with `store`'s records (store may be null: nothing is
  // saved). Both must outlive the screen.
  ChallengeScreen(const ContentLibrary& library, ProgressStore* store, RunClock clock);
  ChallengeScreen(ChallengeScreen&&) noexcept;
  ChallengeScreen& operator=(ChallengeScreen&&) noexcept;
  ~ChallengeScreen();  // Finish()

  const std::vector<ChallengeListEntry>& list() const { return list_; }
  // Lists the library's challenges afresh. Call it whenever the library's content is replaced
  // (the list points into it); the open attempt holds its own copy of its challenge and stays.
  void RefreshList();

  // Opens challenge `id` on a fresh start (the one open already is left and started afresh).
  // kNotFound names the known challenges; a start that fails is its error. On failure the
  // screen does not change.
  engine::Status Open(std::string_view id);
  // Back to the list, leaving the open attempt (saved when unsolved and tried).
  void CloseAttempt();
  // The open attempt; null on the list.
  ChallengeAttempt* attempt() { return attempt_.get(); }
  const ChallengeAttempt* attempt() const { return attempt_.get(); }

  // Runs the console's input line (or `line`) and saves a solve the moment it happens.
  ChallengeStep Submit();
  ChallengeStep Run(std::string_view line);
  // Back to the challenge's start; the try so far is saved when unsolved and tried.
  engine::Status Reset();
  // Reset as the learner asks for it (Ctrl+R, often pressed by reflex mid-typing): with counted
  // commands to drop it only sets reset_pending() (the window then asks: start again or keep
  // going); otherwise it resets now and returns Reset's status.
  engine::Status AskToReset();
  bool reset_pending() const { return reset_pending_; }
  // "Your 3 commands are dropped.": what the window says under "Start again?" while
  // reset_pending().
  std::string ResetWarning() const;
  // The learner's answer: yes resets (Reset's status); no keeps the try and gives the console
  // the keyboard back. Either way the question closes.
  engine::Status AnswerReset(bool yes);

  // Set when a challenge opens or resets, so the console's input line takes the keyboard (the
  // learner came to type); the view clears it once the line has it.
  bool focus_console = false;

  bool hint_shown() const { return hint_shown_; }
  void ShowHint() { hint_shown_ = true; }

  // "Solved in 4 commands (par 4)", "2 of 3 conditions hold · 3 commands (par 4)".
  std::string ResultText() const;
  // Why a result could not be saved ("" when all is well).
  const std::string& problem() const { return problem_; }

  // Saves the open try when unsolved and tried (the tutor calls it before closing).
  void Finish();

 private:
  void SaveTry();  // the open attempt's result, at most once per try
  ChallengeStep AfterStep(ChallengeStep step);

  const ContentLibrary* library_;
  ProgressStore* store_;
  RunClock clock_;
  std::vector<ChallengeListEntry> list_;
  std::unique_ptr<ChallengeAttempt> attempt_;  // null when moved from, too: nothing to save
  bool saved_ = false;                         // the open try's result is in the store
  bool hint_shown_ = false;
  bool reset_pending_ = false;
  std::string problem_;
};

}  // namespace stagecraft::core
