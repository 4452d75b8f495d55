// ChallengeScreen: the list with the learner's records, and the open attempt with its result
// saved once.

#include "core/challenge_screen.h"

#include <memory>

namespace stagecraft::core {

using engine::Status;

ChallengeScreen::ChallengeScreen(const ContentLibrary& library, ProgressStore* store,
                                 RunClock clock)
    : library_(&library), store_(store), clock_(std::move(clock)) {
  RefreshList();
}
ChallengeScreen::ChallengeScreen(ChallengeScreen&&) noexcept = default;
ChallengeScreen& ChallengeScreen::operator=(ChallengeScreen&&) noexcept = default;
ChallengeScreen::~ChallengeScreen() { Finish(); }

void ChallengeScreen::RefreshList() {
  std::vector<ChallengeRecord> records;
  if (store_ != nullptr) {
    auto read = store_->ChallengeRecords();
    if (read.ok()) {
      records = std::move(*read);
    } else {
      problem_ = read.status().message();
    }
  }
  list_ = ListChallenges(library_->challenges(), records);
}

void ChallengeScreen::SaveTry() {
  if (!attempt_ || saved_ || store_ == nullptr) return;
  if (!attempt_->solved() && attempt_->commands() == 0) return;  // not tried
  const Challenge& challenge = attempt_->challenge();
  const Status status = store_->RecordChallenge(
      {challenge.id, attempt_->solved(), attempt_->commands(), challenge.par, clock_.now()});
  if (!status.ok()) {
    problem_ = "the result was not saved: " + status.message();
    return;
  }
  saved_ = true;
  RefreshList();
}

Status ChallengeScreen::Open(std::string_view id) {
  const Challenge* challenge = library_->FindChallenge(id);
  if (challenge == nullptr) {
    std::string known;
    for (const auto& entry : list_) known += (known.empty() ? "" : ", ") + entry.challenge->id;
    return Status::NotFound("no challenge \"" + std::string(id) +
                            "\" (challenges: " + (known.empty() ? "none" : known) + ")");
  }
  auto opened = ChallengeAttempt::Open(*challenge);
  if (!opened.ok()) return opened.status();
  SaveTry();
  attempt_ = std::make_unique<ChallengeAttempt>(std::move(*opened));
  saved_ = false;
  hint_shown_ = false;
  reset_pending_ = false;
  focus_console = true;
  return Status::Ok();
}

void ChallengeScreen::CloseAttempt() {
  SaveTry();
  attempt_.reset();
  reset_pending_ = false;
}

ChallengeStep ChallengeScreen::AfterStep(ChallengeStep step) {
  if (attempt_ && attempt_->solved()) SaveTry();
  return step;
}

ChallengeStep ChallengeScreen::Submit() {
  if (!attempt_) return {};
  return AfterStep(attempt_->Submit());
}

ChallengeStep ChallengeScreen::Run(std::string_view line) {
  if (!attempt_) return {};
  return AfterStep(attempt_->Run(line));
}

Status ChallengeScreen::Reset() {
  if (!attempt_) return Status::FailedPrecondition("no challenge is open");
  reset_pending_ = false;
  SaveTry();
  SC_RETURN_IF_ERROR(attempt_->Reset());
  saved_ = false;
  focus_console = true;
  return Status::Ok();
}

Status ChallengeScreen::AskToReset() {
  if (!attempt_) return Status::FailedPrecondition("no challenge is open");
  if (attempt_->commands() == 0) return Reset();
  reset_pending_ = true;
  return Status::Ok();
}

std::string ChallengeScreen::ResetWarning() const {
  const int commands = attempt_ ? attempt_->commands() : 0;
  return "Your " + std::to_string(commands) +
         (commands == 1 ? " command is" : " commands are") + " dropped.";
}

Status ChallengeScreen::AnswerReset(bool yes) {
  reset_pending_ = false;
  if (yes) return Reset();
  focus_console = true;
  return Status::Ok();
}

std::string ChallengeScreen::ResultText() const {
  if (!attempt_) return "";
  const int commands = attempt_->commands();
  const std::string counted = std::to_string(commands) +
                              (commands == 1 ? " command" : " commands") + " (par " +
                              std::to_string(attempt_->challenge().par) + ")";
  if (attempt_->solved()) return "Solved in " + counted;
  return std::to_string(attempt_->met()) + " of " + std::to_string(attempt_->checklist().size()) +
         " conditions hold \xC2\xB7 " + counted;
}

void ChallengeScreen::Finish() { SaveTry(); }

}  // namespace stagecraft::core
