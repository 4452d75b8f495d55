#pragma once
// SandboxScreen: the sandbox screen's model — a Sandbox (the live registry and its console) and
// what the view shows of it, read once per change rather than every frame: the board with its
// cards placed in lanes, the audit log, the users to act as, and the MLflow equivalent of the
// command the learner picked (the last one run until they pick another). The console's input line
// lives here too, so ↑/↓ and Tab are tested without a window. No ImGui.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/card_actions.h"
#include "core/sandbox.h"
#include "core/walkthrough_screen.h"
#include "stagecraft/commands/mlflow_equivalent.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// The registry a fresh sandbox starts from: a model `churn` with three versions (v1 in
// Production, v2 in Staging, v3 new), a production environment serving v1, a `champion` alias,
// and users dana (developer) and priya (approver) besides admin.
extern const char* const kSandboxSeed;

// The MLflow panel's content: the equivalent of `line`, or why there is none to show.
struct SandboxMlflow {
  std::size_t entry = 0;  // index into the console
  std::string line;
  std::optional<commands::MlflowEquivalent> equivalent;  // none when the line is not a command
  std::string problem;  // why there is no equivalent to show (the grammar's message)
};

class SandboxScreen {
 public:
  // A fresh in-memory sandbox seeded with `seed` (commands::ParseScript's format), acting as the
  // seed's first developer when there is one.
  static engine::Result<SandboxScreen> Open(std::string_view seed = kSandboxSeed,
                                            SandboxOptions options = {});
  // An in-memory copy of the registry file at `path` (Sandbox::OpenFile), acting as its first
  // developer when there is one, else as admin. Fails as Sandbox::OpenFile does.
  static engine::Result<SandboxScreen> OpenFile(const std::string& path,
                                                SandboxOptions options = {});

  // --- The console ---

  std::string input;  // the input line, bound to the view's text field
  // Where this sandbox came from and what to try (a question opened in it), shown over the
  // console; "" for none.
  std::string note;

  // Runs `input` (nothing for a blank one), clears it and selects the new entry.
  void Submit();
  // Runs `line` as if typed (the buttons and the scenes use it).
  ConsoleEntry Run(std::string_view line);
  // ↑/↓: puts the previous/next line of the history into `input`; false when there is none.
  bool HistoryUp();
  bool HistoryDown();
  // Tab with the cursor at `cursor` in `input`: fills in what is common to the candidates and
  // returns them (the view lists them when there are several) and where the cursor goes.
  Completion Complete(std::size_t cursor);
  // The same on a line the caller holds, leaving `input` alone: for a text field's callback,
  // which edits its own buffer (`input` itself, while it is being typed in).
  std::optional<std::string> HistoryUp(std::string_view draft);
  std::optional<std::string> HistoryDown(std::string_view draft);
  Completion Complete(std::string_view line, std::size_t cursor);
  // The candidates the last Tab offered when it could not choose; cleared by Submit.
  const std::vector<std::string>& candidates() const { return candidates_; }

  const std::vector<ConsoleEntry>& Console() const { return sandbox_.Console(); }
  // The entry the MLflow panel explains: picked with Select, else the newest.
  void Select(std::size_t entry);
  std::optional<std::size_t> selected() const;
  // The MLflow equivalent of the selected entry; none while the console is empty.
  const std::optional<SandboxMlflow>& mlflow() const { return mlflow_; }

  // --- Who acts ---

  const std::string& ActingAs() const { return sandbox_.ActingAs(); }
  engine::Status SetActingAs(std::string_view user);
  const std::vector<engine::User>& users() const { return users_; }

  // --- Undo, redo, reset ---

  bool CanUndo() const { return sandbox_.CanUndo(); }
  bool CanRedo() const { return sandbox_.CanRedo(); }
  engine::Status Undo();
  engine::Status Redo();
  engine::Status Reset();
  // How many lines the console ran (changes and refusals alike).
  std::size_t command_count() const { return sandbox_.Console().size(); }

  // --- The version cards ---

  // What can be done to `card` as ActingAs(), each a command line (CardActionsFor); empty when
  // the version is gone.
  std::vector<CardAction> CardActions(const VersionRef& card) const;
  // The card the keyboard points at: PickCard(+1) the next in the board's order (lane by lane,
  // top to bottom), PickCard(-1) the one before, wrapping; the first pick takes the first (or,
  // backwards, the last) card. None while the board is empty or the picked version is gone.
  void PickCard(int step);
  // Points at `card` (a click); nothing when it is not on the board.
  void PickCard(const VersionRef& card);
  std::optional<VersionRef> picked_card() const;
  // CardActions of the picked card, kept up to date (the menu reads it every frame); empty when
  // none is picked.
  const std::vector<CardAction>& picked_actions() const { return picked_actions_; }
  // Asks for the picked card's action menu (picking the first card when none is): Ctrl+K and the
  // scenes call it. False when the board has no card.
  bool OpenCardMenu();
  // True once after OpenCardMenu: the view opens the menu then.
  bool TakeCardMenuRequest() { return std::exchange(card_menu_requested_, false); }

  // --- The registry file ---

  // The file the sandbox was opened on; "" for an in-memory one.
  const std::string& file() const { return sandbox_.file(); }
  bool HasUnsavedChanges() const { return sandbox_.HasUnsavedChanges(); }
  // Writes the changes to the file (Sandbox::Save); the engine's error when it cannot.
  engine::Status Save();
  // The text field of the window's "Open registry file" prompt: starts as the sandbox's file, or
  // the file the terminal's commands use when it has none (commands::DefaultRegistryPath).
  std::string path_input;

  // --- What the view draws ---

  const Board& board() const { return board_; }
  // The board's cards in their lanes; `changed` marks those the last command touched.
  const std::vector<PlacedCard>& cards() const { return cards_; }
  const std::vector<engine::AuditEvent>& audit_log() const { return audit_log_; }
  // Why the state could not be read ("" when all is well).
  const std::string& problem() const { return problem_; }

  const Sandbox& sandbox() const { return sandbox_; }

 private:
  explicit SandboxScreen(Sandbox sandbox);
  void Refresh();         // board, cards, audit log, users
  void ExplainSelected();  // mlflow_
  void ListPickedActions();  // picked_actions_
  // The screen of an opened sandbox, acting as its first developer when there is one.
  static engine::Result<SandboxScreen> Adopt(engine::Result<Sandbox> sandbox);

  Sandbox sandbox_;
  std::optional<std::size_t> selected_;
  std::optional<SandboxMlflow> mlflow_;
  std::vector<std::string> candidates_;
  std::optional<VersionRef> picked_card_;
  std::vector<CardAction> picked_actions_;
  bool card_menu_requested_ = false;
  Board board_;
  std::vector<PlacedCard> cards_;
  std::vector<engine::AuditEvent> audit_log_;
  std::vector<engine::User> users_;
  std::string problem_;
};

// The MLflow equivalent of one console line (split as the console splits it).
SandboxMlflow MlflowOfLine(std::string_view line);

}  // namespace stagecraft::core
