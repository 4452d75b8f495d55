#include "core/sandbox_screen.h"

#include <algorithm>
#include <utility>

#include "stagecraft/commands/command_line.h"

namespace stagecraft::core {

using engine::Result;
using engine::Status;

const char* const kSandboxSeed =
    "users add dana --role developer\n"
    "users add priya --role approver\n"
    "models create churn --description \"Predicts which customers will cancel next month\"\n"
    "models create-version --model-name churn --source runs:/r1/model --run-id r1 --metric "
    "auc=0.81\n"
    "models create-version --model-name churn --source runs:/r2/model --run-id r2 --metric "
    "auc=0.86\n"
    "models create-version --model-name churn --source runs:/r3/model --run-id r3 --metric "
    "auc=0.88\n"
    "models transition-stage --model-name churn --version 1 --stage Staging\n"
    "models transition-stage --model-name churn --version 1 --stage Production\n"
    "models set-alias --model-name churn --alias champion --version 1\n"
    "models deploy --model-name churn --version 1 --env production\n"
    "models transition-stage --model-name churn --version 2 --stage Staging\n";

SandboxMlflow MlflowOfLine(std::string_view line) {
  SandboxMlflow out;
  out.line = std::string(line);
  auto args = commands::SplitCommandLine(line);
  if (!args.ok()) {
    out.problem = args.status().message();
    return out;
  }
  auto equivalent = commands::MlflowEquivalentOf(*args);
  if (!equivalent.ok()) {
    out.problem = equivalent.status().message();
    return out;
  }
  out.equivalent = std::move(*equivalent);
  return out;
}

SandboxScreen::SandboxScreen(Sandbox sandbox) : sandbox_(std::move(sandbox)) {}

Result<SandboxScreen> SandboxScreen::Open(std::string_view seed, SandboxOptions options) {
  return Adopt(Sandbox::OpenFresh(seed, std::move(options)));
}

Result<SandboxScreen> SandboxScreen::OpenFile(const std::string& path, SandboxOptions options) {
  return Adopt(Sandbox::OpenFile(path, std::move(options)));
}

Result<SandboxScreen> SandboxScreen::Adopt(Result<Sandbox> sandbox) {
  if (!sandbox.ok()) return sandbox.status();
  SandboxScreen screen(std::move(*sandbox));
  screen.path_input =
      screen.file().empty() ? commands::DefaultRegistryPath() : screen.file();
  screen.Refresh();
  // Separation of duties is felt from the developer's seat: start there when there is one.
  for (const engine::User& user : screen.users_) {
    if (user.role == engine::Role::kDeveloper) {
      (void)screen.sandbox_.SetActingAs(user.name);
      break;
    }
  }
  return screen;
}

void SandboxScreen::Submit() {
  const std::string line = std::move(input);
  input.clear();
  candidates_.clear();
  Run(line);
}

ConsoleEntry SandboxScreen::Run(std::string_view line) {
  const std::size_t before = sandbox_.Console().size();
  ConsoleEntry entry = sandbox_.Run(line);
  if (sandbox_.Console().size() == before) return entry;  // a blank line
  selected_.reset();  // the newest is explained again
  Refresh();
  return entry;
}

std::optional<std::string> SandboxScreen::HistoryUp(std::string_view draft) {
  return sandbox_.PreviousLine(draft);
}

std::optional<std::string> SandboxScreen::HistoryDown(std::string_view /*draft*/) {
  return sandbox_.NextLine();
}

Completion SandboxScreen::Complete(std::string_view line, std::size_t cursor) {
  Completion completion = sandbox_.Complete(line, cursor);
  candidates_ = completion.candidates.size() > 1 ? completion.candidates
                                                 : std::vector<std::string>{};
  return completion;
}

bool SandboxScreen::HistoryUp() {
  auto line = HistoryUp(input);
  if (!line) return false;
  input = std::move(*line);
  return true;
}

bool SandboxScreen::HistoryDown() {
  auto line = HistoryDown(input);
  if (!line) return false;
  input = std::move(*line);
  return true;
}

Completion SandboxScreen::Complete(std::size_t cursor) {
  Completion completion = Complete(input, cursor);
  input = completion.line;
  return completion;
}

void SandboxScreen::Select(std::size_t entry) {
  if (entry >= sandbox_.Console().size()) return;
  selected_ = entry;
  ExplainSelected();
}

std::optional<std::size_t> SandboxScreen::selected() const {
  if (selected_) return selected_;
  if (sandbox_.Console().empty()) return std::nullopt;
  return sandbox_.Console().size() - 1;
}

void SandboxScreen::ExplainSelected() {
  const auto entry = selected();
  if (!entry) {
    mlflow_.reset();
    return;
  }
  mlflow_ = MlflowOfLine(sandbox_.Console()[*entry].line);
  mlflow_->entry = *entry;
}

std::vector<CardAction> SandboxScreen::CardActions(const VersionRef& card) const {
  auto state = sandbox_.State();
  if (!state.ok()) return {};
  return CardActionsFor(**state, card, ActingAs());
}

void SandboxScreen::PickCard(int step) {
  if (cards_.empty() || step == 0) return;
  const auto n = static_cast<std::ptrdiff_t>(cards_.size());
  std::ptrdiff_t at = step > 0 ? -1 : n;  // before the first, or past the last
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    if (picked_card_ && cards_[static_cast<std::size_t>(i)].card.version == *picked_card_) at = i;
  }
  at = ((at + step) % n + n) % n;
  picked_card_ = cards_[static_cast<std::size_t>(at)].card.version;
  ListPickedActions();
}

void SandboxScreen::PickCard(const VersionRef& card) {
  for (const PlacedCard& placed : cards_) {
    if (placed.card.version == card) picked_card_ = card;
  }
  ListPickedActions();
}

bool SandboxScreen::OpenCardMenu() {
  if (!picked_card()) PickCard(+1);
  card_menu_requested_ = picked_card().has_value();
  return card_menu_requested_;
}

void SandboxScreen::ListPickedActions() {
  const auto card = picked_card();
  picked_actions_ = card ? CardActions(*card) : std::vector<CardAction>{};
}

std::optional<VersionRef> SandboxScreen::picked_card() const {
  if (!picked_card_) return std::nullopt;
  for (const PlacedCard& placed : cards_) {
    if (placed.card.version == *picked_card_) return picked_card_;
  }
  return std::nullopt;
}

Status SandboxScreen::Save() {
  SC_RETURN_IF_ERROR(sandbox_.Save());
  Refresh();
  return Status::Ok();
}

Status SandboxScreen::SetActingAs(std::string_view user) {
  SC_RETURN_IF_ERROR(sandbox_.SetActingAs(user));
  ListPickedActions();  // what is refused depends on who acts
  return Status::Ok();
}

Status SandboxScreen::Undo() {
  SC_RETURN_IF_ERROR(sandbox_.Undo());
  Refresh();
  return Status::Ok();
}

Status SandboxScreen::Redo() {
  SC_RETURN_IF_ERROR(sandbox_.Redo());
  Refresh();
  return Status::Ok();
}

Status SandboxScreen::Reset() {
  SC_RETURN_IF_ERROR(sandbox_.Reset());
  Refresh();
  return Status::Ok();
}

namespace {

const BoardCard* FindCard(const Board& board, const VersionRef& version, std::size_t* lane) {
  for (std::size_t l = 0; l < board.lanes.size(); ++l) {
    for (const BoardCard& card : board.lanes[l].cards) {
      if (card.version.model_name == version.model_name &&
          card.version.version == version.version) {
        *lane = l;
        return &card;
      }
    }
  }
  return nullptr;
}

}  // namespace

void SandboxScreen::Refresh() {
  problem_.clear();
  const Board before = std::move(board_);
  board_ = Board{};
  if (auto state = sandbox_.State(); state.ok()) {
    board_ = BoardOf(**state);
  } else {
    problem_ = "cannot read the registry: " + state.status().message();
  }
  // A card is changed when it is new, in another stage, or its aliases or serving differ: what
  // the last command (or undo) did, highlighted as the walkthrough highlights a step's changes.
  cards_.clear();
  const bool first = before.lanes.empty();
  for (std::size_t lane = 0; lane < board_.lanes.size(); ++lane) {
    const auto& cards = board_.lanes[lane].cards;
    for (std::size_t slot = 0; slot < cards.size(); ++slot) {
      std::size_t was_lane = 0;
      const BoardCard* was = FindCard(before, cards[slot].version, &was_lane);
      const bool changed = !first && (was == nullptr ||
                                      before.lanes[was_lane].stage != board_.lanes[lane].stage ||
                                      was->aliases != cards[slot].aliases ||
                                      was->serving != cards[slot].serving);
      cards_.push_back(PlacedCard{cards[slot], lane, slot, lane, slot, changed});
    }
  }
  if (auto log = sandbox_.AuditLog(); log.ok()) {
    audit_log_ = std::move(*log);
  } else if (problem_.empty()) {
    problem_ = "cannot read the audit log: " + log.status().message();
  }
  if (auto users = sandbox_.Users(); users.ok()) users_ = std::move(*users);
  ExplainSelected();
  ListPickedActions();
}

}  // namespace stagecraft::core
