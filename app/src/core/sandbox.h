#pragma once
// Sandbox: the model of the sandbox screen, a live registry the learner plays with, with no
// window code. A console runs command lines of the one grammar (commands::CommandRunner) as the
// user the learner is "acting as", keeps every line with what it printed or the engine's
// refusal, offers ↑/↓ history and Tab completion (commands, flags, and model names, stages,
// aliases, versions, users read from the live registry), and undoes, redoes and resets.
//
// Undo without replaying the session: the sandbox keeps an image of the registry (SaveImage)
// every `checkpoint_every` changes, and the state before change k is rebuilt from the nearest
// image at or before it plus at most checkpoint_every - 1 replayed commands, each with the time
// it first ran at, so the rebuilt state equals the one left (audit log included). Redo runs the
// next change again. A command that appends nothing to the audit log (a list, a usage error) is
// not an undo step; a refusal the engine audits (a developer approving) is one, as it is in the
// log the learner sees.
//
// A registry file the learner picks is copied into memory and never written until Save, which
// runs the session's changes on the file through the engine (so its own rules and audit log
// apply) and makes the saved state the new start. Use from one thread; no exception crosses it.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/walkthrough_player.h"
#include "stagecraft/commands/command_line.h"
#include "stagecraft/commands/grammar_tree.h"
#include "stagecraft/engine/registry.h"
#include "stagecraft/engine/status.h"
#include "stagecraft/engine/types.h"

namespace stagecraft::core {

struct SandboxOptions {
  // The time changes are stamped with; the system clock when empty. Tests inject a fixed one.
  std::function<engine::Timestamp()> clock;
  // An image of the registry every this many changes: undo replays at most this many - 1.
  std::size_t checkpoint_every = 16;
};

// One line the console ran, as the view shows it: the line, then its output or, in place under
// it, the engine's refusal.
struct ConsoleEntry {
  std::string line;   // as typed
  std::string actor;  // who it ran as (--as in the line, else the acting-as user)
  bool ok = false;
  bool usage_error = false;  // not a command of the grammar, or one the sandbox does not run
  engine::ErrorCode code = engine::ErrorCode::kOk;  // the engine's code when refused
  std::string error;   // the one-line message when !ok; "" when ok
  std::string output;  // what it printed (help included)
  bool output_in_columns = false;  // InColumns(output): decided once, not at every frame drawn
  bool changed = false;  // appended to the audit log: one undo step
  bool undone = false;   // a change undone and not redone (or dropped by a new change, or reset)
};

// True when `output` is laid out in columns (a table, a help page): some line has two spaces
// in a row after its indentation. The console keeps such lines whole (scrolling sideways) and
// wraps the rest, which is prose.
bool InColumns(std::string_view output);

// What Tab does at the cursor.
struct Completion {
  std::vector<std::string> candidates;  // every word that fits at the cursor, sorted
  std::string line;                     // the line with the longest common start filled in
  std::size_t cursor = 0;               // where the cursor goes in `line`
};

class Sandbox {
 public:
  // A fresh in-memory registry, after running `seed_script` (commands::ParseScript's format)
  // as admin; the seeded state is the start that Reset returns to and undo stops at. A seed line
  // the engine refuses fails the whole open, naming the line.
  static engine::Result<Sandbox> OpenFresh(std::string_view seed_script = {},
                                           SandboxOptions options = {});
  // An in-memory copy of the registry file at `path`; the file is written only by Save.
  static engine::Result<Sandbox> OpenFile(const std::string& path, SandboxOptions options = {});

  Sandbox(Sandbox&&) noexcept;
  Sandbox& operator=(Sandbox&&) noexcept;
  ~Sandbox();

  // --- The console ---

  // Runs one command line as ActingAs() (unless the line says --as) and records it. A blank line
  // records nothing. A host command (gui, quiz, ...) is refused as a usage error saying so.
  // Returns a copy of the entry (the console's own may move as it grows).
  ConsoleEntry Run(std::string_view line);
  const std::vector<ConsoleEntry>& Console() const;

  // ↑: the line before the one shown (`draft`, what the input holds, is kept for ↓ to return
  // to); nullopt at the oldest. ↓: the next line, or the draft past the newest; nullopt when not
  // browsing. Running a line ends browsing.
  std::optional<std::string> PreviousLine(std::string_view draft = {});
  std::optional<std::string> NextLine();

  // Tab at `cursor` (a byte offset, clamped to the line).
  Completion Complete(std::string_view line, std::size_t cursor) const;

  // --- Who acts ---

  const std::string& ActingAs() const;
  // kNotFound unless `user` is one of Users().
  engine::Status SetActingAs(std::string_view user);
  engine::Result<std::vector<engine::User>> Users() const;

  // --- Undo, redo, reset ---

  bool CanUndo() const;
  bool CanRedo() const;
  // kFailedPrecondition when there is nothing to undo/redo; state unchanged on any error.
  engine::Status Undo();
  engine::Status Redo();
  // Back to the start state; the console stays, its changes marked undone; no redo.
  engine::Status Reset();

  // --- What the view draws ---

  engine::Result<engine::RegistrySnapshot> State() const;
  engine::Result<Board> CurrentBoard() const;
  // The whole audit log, oldest first.
  engine::Result<std::vector<engine::AuditEvent>> AuditLog() const;
  const engine::Registry& registry() const;

  // --- A registry file ---

  // The file this sandbox was opened on; "" for a fresh one.
  const std::string& file() const;
  // Changes not yet saved to the file (always false for a fresh sandbox).
  bool HasUnsavedChanges() const;
  // Runs the changes made since the last save on the file, in order, each at the time it ran.
  // The saved state becomes the new start (undo stops there). kFailedPrecondition for a fresh
  // sandbox; kConflict, naming the command, when the file changed meanwhile and a command no
  // longer does what it did here (the file then holds the changes before it).
  engine::Status Save();

  // For tests and the benchmark: how many images the undo keeps, and their bytes.
  std::size_t checkpoint_count() const;
  std::size_t checkpoint_bytes() const;

 private:
  struct Impl;
  explicit Sandbox(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stagecraft::core
