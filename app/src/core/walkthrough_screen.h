#pragma once
// WalkthroughScreen: a lesson's walkthrough open in the player — the WalkthroughPlayer (position,
// states, changes, predictions) and what the window adds to it over time: play/pause, the moment
// the position last changed (from which the board's cards slide to their new lanes), and the
// rule that nothing reveals a step whose prediction is still open.
//
// Time is passed in (`now`, seconds on the tutor's monotonic clock), so tests drive it by hand.
// What the view draws each frame (the board, the tables, the flow) is rebuilt only when the
// position changes, never per frame.

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/lesson.h"
#include "core/walkthrough_player.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// How long a card takes to slide to its new lane, and the pace of play, in seconds.
inline constexpr double kCardSlideSeconds = 0.2;
inline constexpr double kPlayStepSeconds = 1.5;

// A version's card on the board at the current position, and where it was before the last
// move (the view slides it from there by SlideProgress).
struct PlacedCard {
  BoardCard card;            // the version, its aliases, what serves it
  std::size_t lane = 0;      // index into board().lanes
  std::size_t slot = 0;      // its place in the lane, from the top
  // Before the last move: the lane (of the current board) and slot it was in; none when the
  // version did not exist then (the card fades in) or its lane is gone now.
  std::optional<std::size_t> from_lane, from_slot;
  bool changed = false;  // the current step created, moved, re-aliased or (un)deployed it
};

// One chip of the process flow: a step's title and how far the learner is with it.
struct FlowStep {
  enum class State { kDone, kCurrent, kAhead };
  std::size_t step = 0;  // 1-based
  std::string title;
  State state = State::kAhead;
  bool refused = false;      // known only once revealed (kDone or kCurrent)
  bool asks = false;         // a prediction is asked before it (answered or not)
};

class WalkthroughScreen {
 public:
  // `lesson` must outlive the screen. Fails as WalkthroughPlayer::Create does (no walkthrough,
  // a script that does not run).
  static engine::Result<WalkthroughScreen> Open(const Lesson& lesson,
                                                WalkthroughPlayerOptions options);

  const Lesson& lesson() const { return *lesson_; }
  const WalkthroughPlayer& player() const { return player_; }
  std::size_t position() const { return player_.position(); }
  std::size_t size() const { return player_.size(); }

  // --- Moving (each records `now` as the moment the cards start to slide) ---

  // False at the end, and while the next step's prediction waits for an answer.
  bool CanForward() const;
  bool CanBack() const { return player_.CanBack(); }
  // Reveals the next step when CanForward(); nothing otherwise. While playing, the next automatic
  // step comes kPlayStepSeconds after this one.
  void Forward(double now);
  // These pause playback.
  void Back(double now);
  // To position k (clamped to size()), stopping before the first step ahead whose prediction is
  // still open: a jump never reveals an unanswered step.
  void JumpTo(std::size_t k, double now);
  void Restart(double now) { JumpTo(0, now); }
  void End(double now) { JumpTo(size(), now); }

  // --- Playing ---

  bool playing() const { return playing_; }
  // Play: the next step at once, then one every kPlayStepSeconds; from the end, back to the start
  // first (step 1 then follows after kPlayStepSeconds). Nothing while a prediction waits.
  // Pause: stops.
  void TogglePlay(double now);
  void Pause() { playing_ = false; }
  // Takes the automatic step when its time has come. Playing stops at the end and where the
  // next step's prediction waits.
  void Tick(double now);
  // When the window must draw again without input: 0 while the cards slide, the time to the next
  // automatic step while playing, none when idle.
  std::optional<double> WakeIn(double now, bool reduced_motion) const;

  // --- The board at the current position ---

  const Board& board() const { return board_; }
  const std::vector<PlacedCard>& cards() const { return cards_; }
  // How far the cards are from their old places to their new ones: 0..1, eased (fast, then
  // slowing), over kCardSlideSeconds from the last move; 1 with reduced motion.
  double SlideProgress(double now, bool reduced_motion) const;
  // What the current step changed (empty at the start).
  const StepChanges& changes() const { return changes_; }
  // True when the current step changed what `environment` serves of `model`.
  bool ServingChanged(const std::string& model, const std::string& environment) const;

  // --- The tables, the flow, the step's text ---

  const std::vector<ExecutionRow>& execution_rows() const { return execution_rows_; }
  const std::vector<std::string>& tracker_versions() const { return tracker_versions_; }
  const std::vector<std::string>& tracker_environments() const { return tracker_environments_; }
  const std::vector<TrackerRow>& tracker_rows() const { return tracker_rows_; }
  std::vector<FlowStep> Flow() const;
  // The key moments at the current step, as plain text without their "Key moment:" label.
  std::vector<std::string> KeyMoments() const;

  // --- Predictions ---

  // The question to answer before the next step is revealed, unless it was skipped.
  std::optional<Prediction> PendingPrediction() const;
  // Grades `answer` (a choice, or its number from 1; see WalkthroughPlayer::Predict), then reveals
  // the step. On an error (not a choice, nothing to predict) nothing moves; kStorage when the
  // grade could not be recorded (the step is revealed all the same).
  engine::Result<GradedPrediction> Predict(const std::string& answer, double now);
  // Reveals the next step without answering its question; it is not asked again on this screen.
  void SkipPrediction(double now);
  // The learner's graded prediction for the current step, if they made one.
  const GradedPrediction* CurrentGrade() const;

  // A problem rebuilding the board (the engine could not replay a state); "" when all is well.
  const std::string& problem() const { return problem_; }

  // Records the player's predictions and ends its progress session.
  void Finish() { player_.Finish(); }

 private:
  WalkthroughScreen(const Lesson& lesson, WalkthroughPlayer player);
  bool Waiting(std::size_t step) const;  // step's prediction is asked and still open
  void MoveTo(std::size_t k, double now);
  void Rebuild(const Board* before);

  const Lesson* lesson_;
  WalkthroughPlayer player_;
  std::set<std::size_t> skipped_;
  bool playing_ = false;
  double next_step_at_ = 0;
  double moved_at_ = -1e9;  // long ago: nothing slides when the screen opens

  Board board_;
  std::vector<PlacedCard> cards_;
  StepChanges changes_;
  std::vector<ExecutionRow> execution_rows_;
  std::vector<std::string> tracker_versions_, tracker_environments_;
  std::vector<TrackerRow> tracker_rows_;
  std::string problem_;
};

}  // namespace stagecraft::core
