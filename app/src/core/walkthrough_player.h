#pragma once
// WalkthroughPlayer: the model of a lesson's walkthrough played step by step, with no terminal or
// window code. The terminal drives it now (Enter forward, b back); the desktop's walkthrough
// screen will draw it later: a board with a lane per stage (BoardOf), the execution table
// filling in row by row (ExecutionRows), the status tracker (TrackerRows), narration and key
// moments at their step, and predictions the learner makes before a step is revealed.
//
// The player runs the walkthrough once (commands::RunScenario) and reads every state from that
// run: moving around never runs the whole script again.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/lesson.h"
#include "core/lesson_loader.h"
#include "core/progress.h"
#include "stagecraft/commands/scenario.h"
#include "stagecraft/engine/status.h"
#include "stagecraft/engine/types.h"

namespace stagecraft::core {

// ---------------------------------------------------------------------------------------------
// What changed between two states

struct VersionRef {
  std::string model_name;
  std::int64_t version = 0;
  bool operator==(const VersionRef&) const = default;
};

// A version that moved from one stage to another.
struct StageMove {
  VersionRef version;
  std::string from_stage;
  std::string to_stage;
};

// An alias that was set (no from_version), moved, or deleted (no to_version).
struct AliasChange {
  std::string model_name;
  std::string alias;
  std::optional<std::int64_t> from_version;
  std::optional<std::int64_t> to_version;
};

// What one environment serves of one model, before and after; absent when it served nothing.
struct ServingChange {
  std::string model_name;
  std::string environment;
  std::optional<std::int64_t> version_before, version_after;  // the primary
  std::optional<std::int64_t> canary_before, canary_after;
  int canary_traffic_before = 0, canary_traffic_after = 0;
};

// A transition request that appeared (kOpened) or left the pending list, and how.
struct RequestChange {
  enum class Kind { kOpened, kApproved, kRejected, kCancelled, kClosed };
  Kind kind = Kind::kOpened;
  engine::TransitionRequest request;  // as it was pending
};
const char* RequestChangeName(RequestChange::Kind kind);  // "opened", "approved", ...

// Everything a step changed, as data.
struct StepChanges {
  std::vector<VersionRef> created;
  std::vector<VersionRef> deleted;
  std::vector<StageMove> stage_moves;
  std::vector<AliasChange> alias_changes;
  std::vector<ServingChange> serving_changes;
  std::vector<RequestChange> request_changes;
  bool empty() const {
    return created.empty() && deleted.empty() && stage_moves.empty() && alias_changes.empty() &&
           serving_changes.empty() && request_changes.empty();
  }
};

// Compares two whole states. `events` (the step's audit events) tell how a request that left
// the pending list was decided; without them it is kClosed.
StepChanges ChangesBetween(const engine::RegistryState& before, const engine::RegistryState& after,
                           const std::vector<engine::AuditEvent>& events = {});

// ---------------------------------------------------------------------------------------------
// The board: a lane per stage, a card per version, what each environment serves

struct BoardCard {
  VersionRef version;
  std::vector<std::string> aliases;
  std::vector<std::string> serving;  // "production", or "production (canary 10%)"
};
struct BoardLane {
  std::string stage;  // in the registry's order, custom stages included
  std::vector<BoardCard> cards;
};
struct BoardServing {
  std::string model_name;
  std::string environment;
  std::int64_t version = 0;
  int traffic = 100;
  std::optional<std::int64_t> canary_version;
  int canary_traffic = 0;
};
struct Board {
  std::vector<BoardLane> lanes;
  std::vector<BoardServing> serving;
  std::vector<engine::TransitionRequest> pending_requests;
};
Board BoardOf(const engine::RegistryState& state);

// ---------------------------------------------------------------------------------------------
// Predictions

// What the learner is asked before step `step` is revealed.
struct Prediction {
  enum class Kind {
    kStage,    // "Which stage will fraud v2 be in after this step?": choices are the stages
    kRefused,  // "Will the registry refuse this step?": choices "yes", "no"
  };
  Kind kind = Kind::kRefused;
  std::size_t step = 0;  // 1-based
  std::string question;
  VersionRef version;                // the version a kStage question is about
  std::vector<std::string> choices;
  std::string answer;                // the right choice; shown only once graded
};

// A prediction the learner made, graded against the run.
struct GradedPrediction {
  Prediction prediction;
  std::string given;
  bool correct = false;
};

// ---------------------------------------------------------------------------------------------
// The player

// A row of the execution table, as ScenarioTableRow gives it, with the result as data.
struct ExecutionRow {
  std::vector<std::string> cells;  // Step, Command, Version, Stage, Result
  bool refused = false;
  engine::ErrorCode code = engine::ErrorCode::kOk;
  std::string message;       // the engine's message when refused
  bool stage_changed = false;  // the step moved some version's stage (highlight the Stage cell)
};

// A row of the status tracker with the cells that differ from the row before: a cell per
// version (TrackerVersions), then a cell per environment (TrackerEnvironments).
struct TrackerRow {
  std::string label;  // "start", "step 3"
  std::vector<std::string> cells;  // the version's stage and " @alias"es, or "—"
  std::vector<bool> changed;
  // What the environment serves: "v1", "v1 90% · v2 10%" with a canary, or "—" when nothing.
  std::vector<std::string> serving;
  std::vector<bool> serving_changed;
};

struct WalkthroughPlayerOptions {
  // Ask also at every step that moves a version's stage (the stage question), besides the
  // steps the lesson marks (see lessons/README.md). Off: only at the marked steps.
  bool predict_every_step = false;
  // Where graded predictions are recorded; null records nothing. Not owned.
  ProgressStore* progress = nullptr;
  // The time recorded with them; the system clock when empty.
  std::function<UnixTime()> clock;
};

// A lesson's walkthrough, played. Positions run from 0 (before the first step) to size() (after
// the last); "step k" is 1-based and "after step k" is position k.
class WalkthroughPlayer {
 public:
  // Runs the walkthrough of `lesson` (kNotFound when it has none). `lesson` must outlive the
  // player.
  static engine::Result<WalkthroughPlayer> Create(const Lesson& lesson,
                                                  WalkthroughPlayerOptions options = {});
  // The same for bare steps (tests, the sandbox): `lesson_id` and `topic` are recorded with
  // predictions. `steps` is copied.
  static engine::Result<WalkthroughPlayer> Create(std::vector<WalkthroughStep> steps,
                                                  std::string lesson_id, std::string topic,
                                                  WalkthroughPlayerOptions options = {});

  WalkthroughPlayer(WalkthroughPlayer&&) noexcept;
  WalkthroughPlayer& operator=(WalkthroughPlayer&&) noexcept;
  ~WalkthroughPlayer();

  // --- Position and controls ---

  std::size_t size() const;
  std::size_t position() const;
  bool CanForward() const { return position() < size(); }
  bool CanBack() const { return position() > 0; }
  bool CanJumpTo(std::size_t k) const { return k <= size(); }
  void Forward();             // reveals the next step; nothing at the end
  void Back();                // nothing at the start
  void JumpTo(std::size_t k);  // clamped to size()
  void Restart() { JumpTo(0); }
  void End() { JumpTo(size()); }

  // --- The steps ---

  // Step k (1-based): its title, narration and command as the lesson wrote them.
  const WalkthroughStep& Step(std::size_t k) const;
  // What step k did: ok or refused with the engine's code and message, its events and the
  // versions it touched.
  const commands::ScenarioStep& StepResult(std::size_t k) const;
  const commands::ScenarioRun& run() const;
  // The key moments (`**Key moment:**` callouts of the step-by-step mode) whose text starts
  // "Step N" or "After step N", for step k. Empty for bare steps.
  std::vector<const LessonBlock*> KeyMomentsAt(std::size_t k) const;

  // --- State ---

  // The whole state after step k (0: the empty registry), and at the current position.
  engine::Result<engine::RegistrySnapshot> StateAfter(std::size_t k) const;
  engine::Result<engine::RegistrySnapshot> State() const { return StateAfter(position()); }
  // What step k (1-based) changed: between the states after k - 1 and after k.
  engine::Result<StepChanges> ChangesAt(std::size_t k) const;
  // The execution table's rows for steps 1..position().
  std::vector<ExecutionRow> ExecutionRows() const;
  // The status tracker's rows for start..position(), over the versions that exist by then and
  // the environments that have served something by then. An environment's column is named
  // after it ("production"), or "production (fraud)" when the walkthrough deploys several
  // models.
  std::vector<std::string> TrackerVersions() const;
  std::vector<std::string> TrackerEnvironments() const;
  std::vector<TrackerRow> TrackerRows() const;

  // --- Predictions ---

  // What to ask before step k is revealed, if anything (see WalkthroughPlayerOptions).
  std::optional<Prediction> PredictionAt(std::size_t k) const;
  // The prediction to ask now: for the next step (position() + 1) when it asks one that has not
  // been answered yet.
  std::optional<Prediction> PendingPrediction() const;
  // True once step k's prediction has been answered (whatever the position is now).
  bool Answered(std::size_t k) const;
  // Grades `answer` (one of the choices in any letter case, or its number from 1) for the next
  // step's prediction and
  // records it in the progress store. kFailedPrecondition when there is nothing to predict now
  // (or it was answered), kInvalidArgument when `answer` is not a choice; kStorage when the
  // store fails (the grade is kept either way).
  engine::Result<GradedPrediction> Predict(const std::string& answer);
  const std::vector<GradedPrediction>& predictions() const;
  // Closes the progress session the predictions were recorded in (if one was begun); a later
  // prediction begins another.
  void Finish();
  int score() const;  // correct predictions

 private:
  struct Impl;
  explicit WalkthroughPlayer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stagecraft::core
