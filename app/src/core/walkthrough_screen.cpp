// WalkthroughScreen: moving with predictions in the way, playing, the board's cards before and
// after a move, and what the view draws, rebuilt when the position changes.

#include "core/walkthrough_screen.h"

#include <algorithm>

namespace stagecraft::core {

namespace {

// Whether `changes` touched the card of `v`: created, moved, an alias set or removed, or an
// environment starting or stopping to serve it.
bool Touched(const StepChanges& changes, const VersionRef& v) {
  auto is_v = [&](const VersionRef& c) { return c == v; };
  if (std::any_of(changes.created.begin(), changes.created.end(), is_v)) return true;
  for (const auto& m : changes.stage_moves) {
    if (m.version == v) return true;
  }
  for (const auto& a : changes.alias_changes) {
    if (a.model_name == v.model_name &&
        (a.from_version == v.version || a.to_version == v.version)) {
      return true;
    }
  }
  for (const auto& s : changes.serving_changes) {
    if (s.model_name != v.model_name) continue;
    for (const auto& version : {s.version_before, s.version_after, s.canary_before, s.canary_after}) {
      if (version == v.version) return true;
    }
  }
  return false;
}

// Where `v` is on `board`: (lane, slot).
std::optional<std::pair<std::size_t, std::size_t>> Find(const Board& board, const VersionRef& v) {
  for (std::size_t lane = 0; lane < board.lanes.size(); ++lane) {
    const auto& cards = board.lanes[lane].cards;
    for (std::size_t slot = 0; slot < cards.size(); ++slot) {
      if (cards[slot].version == v) return std::make_pair(lane, slot);
    }
  }
  return std::nullopt;
}

std::string TrimLeft(const std::string& text) {
  const auto start = text.find_first_not_of(" \t");
  return start == std::string::npos ? std::string() : text.substr(start);
}

}  // namespace

engine::Result<WalkthroughScreen> WalkthroughScreen::Open(const Lesson& lesson,
                                                          WalkthroughPlayerOptions options) {
  auto player = WalkthroughPlayer::Create(lesson, std::move(options));
  if (!player.ok()) return player.status();
  return WalkthroughScreen(lesson, std::move(*player));
}

WalkthroughScreen::WalkthroughScreen(const Lesson& lesson, WalkthroughPlayer player)
    : lesson_(&lesson), player_(std::move(player)) {
  Rebuild(nullptr);
}

// ---------------------------------------------------------------------------------------------
// Moving

bool WalkthroughScreen::Waiting(std::size_t step) const {
  return player_.PredictionAt(step).has_value() && !player_.Answered(step) &&
         !skipped_.count(step);
}

bool WalkthroughScreen::CanForward() const {
  return player_.CanForward() && !Waiting(position() + 1);
}

void WalkthroughScreen::MoveTo(std::size_t k, double now) {
  if (k == position()) return;
  const Board before = board_;
  player_.JumpTo(k);
  moved_at_ = now;
  Rebuild(&before);
}

void WalkthroughScreen::Forward(double now) {
  if (!CanForward()) return;
  MoveTo(position() + 1, now);
  if (playing_) {
    next_step_at_ = now + kPlayStepSeconds;
    if (!CanForward()) playing_ = false;
  }
}

void WalkthroughScreen::Back(double now) {
  playing_ = false;
  if (CanBack()) MoveTo(position() - 1, now);
}

void WalkthroughScreen::JumpTo(std::size_t k, double now) {
  playing_ = false;
  k = std::min(k, size());
  for (std::size_t step = position() + 1; step <= k; ++step) {
    if (Waiting(step)) {
      k = step - 1;
      break;
    }
  }
  MoveTo(k, now);
}

// ---------------------------------------------------------------------------------------------
// Playing

void WalkthroughScreen::TogglePlay(double now) {
  if (playing_) {
    playing_ = false;
    return;
  }
  if (!player_.CanForward()) {  // at the end: from the start
    MoveTo(0, now);
    playing_ = CanForward();
    next_step_at_ = now + kPlayStepSeconds;
    return;
  }
  if (!CanForward()) return;  // the question comes first
  playing_ = true;
  Forward(now);
}

void WalkthroughScreen::Tick(double now) {
  if (!playing_ || now < next_step_at_) return;
  if (CanForward()) {
    Forward(now);
  } else {
    playing_ = false;
  }
}

std::optional<double> WalkthroughScreen::WakeIn(double now, bool reduced_motion) const {
  if (SlideProgress(now, reduced_motion) < 1.0) return 0.0;
  if (playing_) return std::max(0.0, next_step_at_ - now);
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// The board and the tables

double WalkthroughScreen::SlideProgress(double now, bool reduced_motion) const {
  if (reduced_motion) return 1.0;
  const double t = std::clamp((now - moved_at_) / kCardSlideSeconds, 0.0, 1.0);
  const double rest = 1.0 - t;
  return 1.0 - rest * rest * rest;  // ease-out cubic
}

bool WalkthroughScreen::ServingChanged(const std::string& model,
                                       const std::string& environment) const {
  return std::any_of(changes_.serving_changes.begin(), changes_.serving_changes.end(),
                     [&](const ServingChange& s) {
                       return s.model_name == model && s.environment == environment;
                     });
}

void WalkthroughScreen::Rebuild(const Board* before) {
  problem_.clear();
  auto state = player_.State();
  if (!state.ok()) {
    problem_ = "cannot show the registry after step " + std::to_string(position()) + ": " +
               state.status().message();
    board_ = Board{};
  } else {
    board_ = BoardOf(**state);
  }
  changes_ = StepChanges{};
  if (position() > 0) {
    auto changes = player_.ChangesAt(position());
    if (changes.ok()) {
      changes_ = std::move(*changes);
    } else if (problem_.empty()) {
      problem_ = "cannot tell what step " + std::to_string(position()) + " changed: " +
                 changes.status().message();
    }
  }

  cards_.clear();
  for (std::size_t lane = 0; lane < board_.lanes.size(); ++lane) {
    const auto& cards = board_.lanes[lane].cards;
    for (std::size_t slot = 0; slot < cards.size(); ++slot) {
      PlacedCard placed{cards[slot], lane, slot, std::nullopt, std::nullopt,
                        Touched(changes_, cards[slot].version)};
      if (before == nullptr) {
        placed.from_lane = lane;
        placed.from_slot = slot;
      } else if (auto was = Find(*before, cards[slot].version)) {
        // Its old lane on the current board (a stage added or removed shifts the lanes).
        const std::string& stage = before->lanes[was->first].stage;
        for (std::size_t now_lane = 0; now_lane < board_.lanes.size(); ++now_lane) {
          if (board_.lanes[now_lane].stage == stage) {
            placed.from_lane = now_lane;
            placed.from_slot = was->second;
          }
        }
      }
      cards_.push_back(std::move(placed));
    }
  }

  execution_rows_ = player_.ExecutionRows();
  tracker_versions_ = player_.TrackerVersions();
  tracker_environments_ = player_.TrackerEnvironments();
  tracker_rows_ = player_.TrackerRows();
}

std::vector<FlowStep> WalkthroughScreen::Flow() const {
  std::vector<FlowStep> flow;
  for (std::size_t k = 1; k <= size(); ++k) {
    FlowStep step;
    step.step = k;
    step.title = player_.Step(k).title;
    step.state = k < position()    ? FlowStep::State::kDone
                 : k == position() ? FlowStep::State::kCurrent
                                   : FlowStep::State::kAhead;
    step.refused = k <= position() && !player_.StepResult(k).ok;
    step.asks = player_.PredictionAt(k).has_value();
    flow.push_back(std::move(step));
  }
  return flow;
}

std::vector<std::string> WalkthroughScreen::KeyMoments() const {
  std::vector<std::string> out;
  if (position() == 0) return out;
  const std::string label = std::string(CalloutLabel(CalloutKind::kKeyMoment)) + ":";
  for (const LessonBlock* moment : player_.KeyMomentsAt(position())) {
    std::string text;
    for (const LessonBlock& child : moment->children) {
      const std::string paragraph = PlainText(child.text);
      if (!paragraph.empty()) text += (text.empty() ? "" : "\n") + paragraph;
    }
    text = TrimLeft(text);
    if (text.rfind(label, 0) == 0) text = TrimLeft(text.substr(label.size()));
    out.push_back(std::move(text));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Predictions

std::optional<Prediction> WalkthroughScreen::PendingPrediction() const {
  if (skipped_.count(position() + 1)) return std::nullopt;
  return player_.PendingPrediction();
}

engine::Result<GradedPrediction> WalkthroughScreen::Predict(const std::string& answer,
                                                            double now) {
  if (!PendingPrediction()) {
    return engine::Status::FailedPrecondition("there is nothing to predict before step " +
                                              std::to_string(position() + 1));
  }
  auto graded = player_.Predict(answer);
  // Graded (recorded or not): reveal the step the learner predicted.
  if (graded.ok() || graded.status().code() == engine::ErrorCode::kStorage) Forward(now);
  return graded;
}

void WalkthroughScreen::SkipPrediction(double now) {
  if (!PendingPrediction()) return;
  skipped_.insert(position() + 1);
  Forward(now);
}

const GradedPrediction* WalkthroughScreen::CurrentGrade() const {
  for (const GradedPrediction& graded : player_.predictions()) {
    if (graded.prediction.step == position() && position() > 0) return &graded;
  }
  return nullptr;
}

}  // namespace stagecraft::core
