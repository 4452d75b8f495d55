// WalkthroughPlayer: positions, states, changes, tables and predictions of a played walkthrough.
//
// Sections: what changed between two states | the board | the player (creating it, controls,
// tables) | predictions.

#include "core/walkthrough_player.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>
#include <tuple>

#include "core/answer_recorder.h"

namespace stagecraft::core {
namespace {

using engine::RegistryState;
using engine::Status;

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string TrimLeft(const std::string& text) {
  const auto start = text.find_first_not_of(" \t");
  return start == std::string::npos ? std::string() : text.substr(start);
}

std::string VersionText(const VersionRef& v) {
  return v.model_name + " v" + std::to_string(v.version);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// What changed between two states

const char* RequestChangeName(RequestChange::Kind kind) {
  switch (kind) {
    case RequestChange::Kind::kOpened: return "opened";
    case RequestChange::Kind::kApproved: return "approved";
    case RequestChange::Kind::kRejected: return "rejected";
    case RequestChange::Kind::kCancelled: return "cancelled";
    case RequestChange::Kind::kClosed: return "closed";
  }
  return "?";
}

StepChanges ChangesBetween(const RegistryState& before, const RegistryState& after,
                           const std::vector<engine::AuditEvent>& events) {
  StepChanges changes;
  using Key = std::pair<std::string, std::int64_t>;

  // Versions: created, deleted, moved.
  std::map<Key, const engine::ModelVersion*> old_versions, new_versions;
  for (const auto& v : before.versions) old_versions[{v.model_name, v.version}] = &v;
  for (const auto& v : after.versions) new_versions[{v.model_name, v.version}] = &v;
  for (const auto& [key, v] : new_versions) {
    auto old = old_versions.find(key);
    if (old == old_versions.end()) {
      changes.created.push_back({key.first, key.second});
    } else if (old->second->stage != v->stage) {
      changes.stage_moves.push_back({{key.first, key.second}, old->second->stage, v->stage});
    }
  }
  for (const auto& [key, v] : old_versions) {
    if (!new_versions.count(key)) changes.deleted.push_back({key.first, key.second});
  }

  // Aliases: (model, alias) -> version, before and after.
  std::map<std::pair<std::string, std::string>, std::int64_t> old_aliases, new_aliases;
  for (const auto& m : before.models) {
    for (const auto& [alias, version] : m.aliases) old_aliases[{m.name, alias}] = version;
  }
  for (const auto& m : after.models) {
    for (const auto& [alias, version] : m.aliases) new_aliases[{m.name, alias}] = version;
  }
  std::set<std::pair<std::string, std::string>> alias_keys;
  for (const auto& [key, version] : old_aliases) alias_keys.insert(key);
  for (const auto& [key, version] : new_aliases) alias_keys.insert(key);
  for (const auto& key : alias_keys) {
    AliasChange change{key.first, key.second, std::nullopt, std::nullopt};
    if (auto found = old_aliases.find(key); found != old_aliases.end()) {
      change.from_version = found->second;
    }
    if (auto found = new_aliases.find(key); found != new_aliases.end()) {
      change.to_version = found->second;
    }
    if (change.from_version != change.to_version) changes.alias_changes.push_back(change);
  }

  // What environments serve: (model, environment) -> deployment.
  std::map<std::pair<std::string, std::string>, const engine::Deployment*> old_serving,
      new_serving;
  for (const auto& d : before.deployments) old_serving[{d.model_name, d.environment}] = &d;
  for (const auto& d : after.deployments) new_serving[{d.model_name, d.environment}] = &d;
  std::set<std::pair<std::string, std::string>> serving_keys;
  for (const auto& [key, d] : old_serving) serving_keys.insert(key);
  for (const auto& [key, d] : new_serving) serving_keys.insert(key);
  for (const auto& key : serving_keys) {
    ServingChange change;
    change.model_name = key.first;
    change.environment = key.second;
    if (auto found = old_serving.find(key); found != old_serving.end()) {
      change.version_before = found->second->version;
      change.canary_before = found->second->canary_version;
      change.canary_traffic_before = found->second->canary_traffic;
    }
    if (auto found = new_serving.find(key); found != new_serving.end()) {
      change.version_after = found->second->version;
      change.canary_after = found->second->canary_version;
      change.canary_traffic_after = found->second->canary_traffic;
    }
    if (std::tie(change.version_before, change.canary_before, change.canary_traffic_before) !=
        std::tie(change.version_after, change.canary_after, change.canary_traffic_after)) {
      changes.serving_changes.push_back(change);
    }
  }

  // Requests: opened, or decided (the step's events say how).
  std::map<std::int64_t, const engine::TransitionRequest*> old_requests, new_requests;
  for (const auto& r : before.pending_requests) old_requests[r.id] = &r;
  for (const auto& r : after.pending_requests) new_requests[r.id] = &r;
  for (const auto& [id, r] : new_requests) {
    if (!old_requests.count(id)) changes.request_changes.push_back({RequestChange::Kind::kOpened, *r});
  }
  for (const auto& [id, r] : old_requests) {
    if (new_requests.count(id)) continue;
    RequestChange change{RequestChange::Kind::kClosed, *r};
    for (const auto& e : events) {
      if (e.model_name != r->model_name || e.version != r->version || e.to_stage != r->to_stage) {
        continue;
      }
      if (e.action == engine::kActionApproveRequest) change.kind = RequestChange::Kind::kApproved;
      if (e.action == engine::kActionRejectRequest) change.kind = RequestChange::Kind::kRejected;
      if (e.action == engine::kActionCancelRequest) change.kind = RequestChange::Kind::kCancelled;
    }
    changes.request_changes.push_back(change);
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// The board

Board BoardOf(const RegistryState& state) {
  Board board;
  for (const auto& stage : state.stages) board.lanes.push_back(BoardLane{stage.name, {}});
  for (const auto& v : state.versions) {
    BoardCard card{{v.model_name, v.version}, v.aliases, {}};
    for (const auto& d : state.deployments) {
      if (d.model_name != v.model_name) continue;
      if (d.version == v.version) card.serving.push_back(d.environment);
      if (d.canary_version == v.version) {
        card.serving.push_back(d.environment + " (canary " + std::to_string(d.canary_traffic) +
                               "%)");
      }
    }
    auto lane = std::find_if(board.lanes.begin(), board.lanes.end(),
                             [&](const BoardLane& l) { return l.stage == v.stage; });
    if (lane == board.lanes.end()) {  // not expected: every version's stage is listed
      board.lanes.push_back(BoardLane{v.stage, {}});
      lane = board.lanes.end() - 1;
    }
    lane->cards.push_back(std::move(card));
  }
  for (const auto& d : state.deployments) {
    board.serving.push_back(
        {d.model_name, d.environment, d.version, d.traffic, d.canary_version, d.canary_traffic});
  }
  board.pending_requests = state.pending_requests;
  return board;
}

// ---------------------------------------------------------------------------------------------
// The player

struct WalkthroughPlayer::Impl {
  std::vector<WalkthroughStep> steps;
  const Lesson* lesson = nullptr;
  std::string lesson_id;
  std::string topic;
  WalkthroughPlayerOptions options;
  commands::ScenarioRun run;
  std::size_t position = 0;

  StatusTracker tracker;
  std::vector<std::size_t> first_row;                  // per tracker column: where it appears
  std::vector<std::string> environments;               // the serving columns' names
  std::vector<std::vector<std::string>> serving;       // [row][environment]: what it serves
  std::vector<std::size_t> first_serving_row;          // per environment: where it appears
  std::vector<std::vector<StageMove>> moves;           // per step
  std::vector<std::optional<Prediction>> predictions;  // per step
  std::vector<std::pair<std::size_t, const LessonBlock*>> key_moments;

  std::vector<GradedPrediction> graded;
  std::set<std::size_t> answered;  // steps
  AnswerRecorder recorder;

  explicit Impl(commands::ScenarioRun r) : run(std::move(r)) {}

  UnixTime Now() const {
    if (options.clock) return options.clock();
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
  }

  // Which versions each step moved, from the touched versions folded in order.
  void FindMoves() {
    std::map<std::pair<std::string, std::int64_t>, std::string> stages;
    for (const auto& step : run) {
      std::vector<StageMove> moved;
      for (const auto& t : step.touched) {
        const auto key = std::make_pair(t.model_name, t.version);
        auto known = stages.find(key);
        if (t.exists && known != stages.end() && known->second != t.stage) {
          moved.push_back({{t.model_name, t.version}, known->second, t.stage});
        }
      }
      // The command's own version first: the one a prediction asks about.
      std::stable_partition(moved.begin(), moved.end(), [&](const StageMove& m) {
        return m.version.model_name == step.model_name && m.version.version == step.version;
      });
      for (const auto& t : step.touched) {
        if (t.exists) stages[{t.model_name, t.version}] = t.stage;
        else stages.erase({t.model_name, t.version});
      }
      moves.push_back(std::move(moved));
    }
  }

  // A step the lesson marks for a prediction: `# expect: refused`, or a narration line that
  // starts with "Predict:".
  bool Marked(const WalkthroughStep& step) const {
    if (step.expect_refused) return true;
    return std::any_of(step.narration.begin(), step.narration.end(), [](const std::string& line) {
      return TrimLeft(line).rfind("Predict:", 0) == 0;
    });
  }

  Status FindPredictions() {
    for (std::size_t k = 1; k <= steps.size(); ++k) {
      const WalkthroughStep& step = steps[k - 1];
      const commands::ScenarioStep& result = run[k - 1];
      std::optional<Prediction> prediction;
      if (Marked(step) || (options.predict_every_step && !moves[k - 1].empty())) {
        Prediction p;
        p.step = k;
        if (!step.expect_refused && !moves[k - 1].empty()) {
          const StageMove& move = moves[k - 1].front();
          auto before = run.StateAfter(k - 1);
          if (!before.ok()) return before.status();
          p.kind = Prediction::Kind::kStage;
          p.version = move.version;
          p.question = "Which stage will " + VersionText(move.version) + " be in after step " +
                       std::to_string(k) + "?";
          for (const auto& stage : (*before)->stages) p.choices.push_back(stage.name);
          p.answer = move.to_stage;
        } else {
          p.kind = Prediction::Kind::kRefused;
          p.question = "Will the registry refuse step " + std::to_string(k) + "?";
          p.choices = {"yes", "no"};
          p.answer = result.ok ? "no" : "yes";
        }
        prediction = std::move(p);
      }
      predictions.push_back(std::move(prediction));
    }
    return Status::Ok();
  }

  // What every environment serves after every step, from the whole states (a step's touched
  // versions do not name deployments).
  Status TrackServing() {
    std::vector<std::pair<std::string, std::string>> keys;  // (environment, model), as they appear
    std::vector<std::map<std::pair<std::string, std::string>, std::string>> rows;
    SC_RETURN_IF_ERROR(run.ForEachState(
        0, run.size(), [&](std::size_t, const engine::RegistrySnapshot& state) {
          std::map<std::pair<std::string, std::string>, std::string> row;
          for (const auto& d : state->deployments) {
            const auto key = std::make_pair(d.environment, d.model_name);
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
            std::string cell = "v" + std::to_string(d.version);
            if (d.canary_version) {
              cell += " " + std::to_string(d.traffic) + "% · v" +
                      std::to_string(*d.canary_version) + " " + std::to_string(d.canary_traffic) +
                      "%";
            }
            row[key] = std::move(cell);
          }
          rows.push_back(std::move(row));
          return Status::Ok();
        }));
    std::set<std::string> models;
    for (const auto& key : keys) models.insert(key.second);
    for (const auto& key : keys) {
      environments.push_back(models.size() > 1 ? key.first + " (" + key.second + ")" : key.first);
      std::size_t first = 0;
      while (first < rows.size() && !rows[first].count(key)) ++first;
      first_serving_row.push_back(first);
    }
    for (const auto& row : rows) {
      std::vector<std::string> cells;
      for (const auto& key : keys) {
        auto found = row.find(key);
        cells.push_back(found == row.end() ? "—" : found->second);
      }
      serving.push_back(std::move(cells));
    }
    return Status::Ok();
  }

  // Key moment callouts that start "Step N" or "After step N".
  void FindKeyMoments() {
    if (lesson == nullptr) return;
    const LessonMode* mode = lesson->Mode(LessonModeKind::kStepByStep);
    if (mode == nullptr) return;
    for (const auto& block : mode->blocks) {
      if (block.kind != LessonBlock::Kind::kCallout ||
          block.callout != CalloutKind::kKeyMoment || block.children.empty()) {
        continue;
      }
      std::string text = Lower(TrimLeft(PlainText(block.children.front().text)));
      const std::string label = Lower(CalloutLabel(CalloutKind::kKeyMoment));
      if (text.rfind(label, 0) == 0) text = TrimLeft(text.substr(label.size()));
      if (!text.empty() && text[0] == ':') text = TrimLeft(text.substr(1));
      if (text.rfind("after ", 0) == 0) text = text.substr(6);
      if (text.rfind("step ", 0) != 0) continue;
      std::size_t digits = 5;
      while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
        ++digits;
      }
      if (digits == 5 || digits > 10) continue;
      const std::size_t k = std::stoul(text.substr(5, digits - 5));
      if (k >= 1 && k <= steps.size()) key_moments.emplace_back(k, &block);
    }
  }
};

engine::Result<WalkthroughPlayer> WalkthroughPlayer::Create(const Lesson& lesson,
                                                            WalkthroughPlayerOptions options) {
  const LessonBlock* walkthrough = lesson.Walkthrough();
  if (walkthrough == nullptr) {
    return Status::NotFound("lesson '" + lesson.id + "' has no walkthrough");
  }
  auto player = Create(walkthrough->steps, lesson.id, lesson.topic, std::move(options));
  if (!player.ok()) return player.status();
  player->impl_->lesson = &lesson;
  player->impl_->FindKeyMoments();
  return player;
}

engine::Result<WalkthroughPlayer> WalkthroughPlayer::Create(std::vector<WalkthroughStep> steps,
                                                            std::string lesson_id,
                                                            std::string topic,
                                                            WalkthroughPlayerOptions options) {
  auto run = RunWalkthrough(steps);
  if (!run.ok()) return run.status();
  auto impl = std::make_unique<Impl>(std::move(*run));
  impl->steps = std::move(steps);
  impl->lesson_id = std::move(lesson_id);
  impl->topic = std::move(topic);
  impl->options = std::move(options);
  impl->recorder = AnswerRecorder(impl->options.progress, "walkthrough",
                                  [impl = impl.get()] { return impl->Now(); });
  impl->tracker = TrackStatus(impl->run);
  for (std::size_t column = 0; column < impl->tracker.versions.size(); ++column) {
    std::size_t row = 0;
    while (row + 1 < impl->tracker.cells.size() && impl->tracker.cells[row][column] == "—") ++row;
    impl->first_row.push_back(row);
  }
  impl->FindMoves();
  SC_RETURN_IF_ERROR(impl->TrackServing());
  SC_RETURN_IF_ERROR(impl->FindPredictions());
  return WalkthroughPlayer(std::move(impl));
}

WalkthroughPlayer::WalkthroughPlayer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WalkthroughPlayer::WalkthroughPlayer(WalkthroughPlayer&&) noexcept = default;
WalkthroughPlayer& WalkthroughPlayer::operator=(WalkthroughPlayer&&) noexcept = default;
WalkthroughPlayer::~WalkthroughPlayer() = default;

std::size_t WalkthroughPlayer::size() const { return impl_->steps.size(); }
std::size_t WalkthroughPlayer::position() const { return impl_->position; }
void WalkthroughPlayer::Forward() {
  if (CanForward()) ++impl_->position;
}
void WalkthroughPlayer::Back() {
  if (CanBack()) --impl_->position;
}
void WalkthroughPlayer::JumpTo(std::size_t k) { impl_->position = std::min(k, size()); }

const WalkthroughStep& WalkthroughPlayer::Step(std::size_t k) const {
  return impl_->steps.at(k - 1);
}
const commands::ScenarioStep& WalkthroughPlayer::StepResult(std::size_t k) const {
  return impl_->run.steps().at(k - 1);
}
const commands::ScenarioRun& WalkthroughPlayer::run() const { return impl_->run; }

std::vector<const LessonBlock*> WalkthroughPlayer::KeyMomentsAt(std::size_t k) const {
  std::vector<const LessonBlock*> out;
  for (const auto& [step, block] : impl_->key_moments) {
    if (step == k) out.push_back(block);
  }
  return out;
}

engine::Result<engine::RegistrySnapshot> WalkthroughPlayer::StateAfter(std::size_t k) const {
  return impl_->run.StateAfter(k);
}

engine::Result<StepChanges> WalkthroughPlayer::ChangesAt(std::size_t k) const {
  if (k == 0 || k > size()) {
    return Status::InvalidArgument("there is no step " + std::to_string(k) + "; the walkthrough has " +
                                   std::to_string(size()));
  }
  auto before = impl_->run.StateAfter(k - 1);
  if (!before.ok()) return before.status();
  auto after = impl_->run.StateAfter(k);
  if (!after.ok()) return after.status();
  return ChangesBetween(**before, **after, impl_->run[k - 1].events);
}

std::vector<ExecutionRow> WalkthroughPlayer::ExecutionRows() const {
  std::vector<ExecutionRow> rows;
  for (std::size_t k = 1; k <= position(); ++k) {
    const commands::ScenarioStep& step = impl_->run[k - 1];
    rows.push_back(ExecutionRow{commands::ScenarioTableRow(step, k - 1), !step.ok, step.code,
                                step.error, !impl_->moves[k - 1].empty()});
  }
  return rows;
}

std::vector<std::string> WalkthroughPlayer::TrackerVersions() const {
  std::vector<std::string> versions;
  for (std::size_t column = 0; column < impl_->tracker.versions.size(); ++column) {
    if (impl_->first_row[column] <= position()) versions.push_back(impl_->tracker.versions[column]);
  }
  return versions;
}

std::vector<std::string> WalkthroughPlayer::TrackerEnvironments() const {
  std::vector<std::string> environments;
  for (std::size_t column = 0; column < impl_->environments.size(); ++column) {
    if (impl_->first_serving_row[column] <= position()) {
      environments.push_back(impl_->environments[column]);
    }
  }
  return environments;
}

std::vector<TrackerRow> WalkthroughPlayer::TrackerRows() const {
  const auto& cells = impl_->tracker.cells;
  std::vector<std::size_t> columns;
  for (std::size_t column = 0; column < impl_->tracker.versions.size(); ++column) {
    if (impl_->first_row[column] <= position()) columns.push_back(column);
  }
  std::vector<std::size_t> environments;
  for (std::size_t column = 0; column < impl_->environments.size(); ++column) {
    if (impl_->first_serving_row[column] <= position()) environments.push_back(column);
  }
  std::vector<TrackerRow> rows;
  for (std::size_t row = 0; row <= position() && row < cells.size(); ++row) {
    TrackerRow out;
    out.label = row == 0 ? "start" : "step " + std::to_string(row);
    for (std::size_t column : columns) {
      out.cells.push_back(cells[row][column]);
      out.changed.push_back(row > 0 && cells[row][column] != cells[row - 1][column]);
    }
    for (std::size_t column : environments) {
      const auto& serving = impl_->serving;
      out.serving.push_back(serving[row][column]);
      out.serving_changed.push_back(row > 0 && serving[row][column] != serving[row - 1][column]);
    }
    rows.push_back(std::move(out));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Predictions

std::optional<Prediction> WalkthroughPlayer::PredictionAt(std::size_t k) const {
  if (k == 0 || k > size()) return std::nullopt;
  return impl_->predictions[k - 1];
}

bool WalkthroughPlayer::Answered(std::size_t k) const { return impl_->answered.count(k) > 0; }

std::optional<Prediction> WalkthroughPlayer::PendingPrediction() const {
  const std::size_t next = position() + 1;
  if (impl_->answered.count(next)) return std::nullopt;
  return PredictionAt(next);
}

engine::Result<GradedPrediction> WalkthroughPlayer::Predict(const std::string& answer) {
  auto pending = PendingPrediction();
  const std::size_t next = position() + 1;
  if (!pending) {
    return Status::FailedPrecondition(
        impl_->answered.count(next) ? "step " + std::to_string(next) + "'s prediction is already answered"
                                    : "there is nothing to predict before step " + std::to_string(next));
  }
  auto choice = std::find_if(pending->choices.begin(), pending->choices.end(),
                             [&](const std::string& c) { return Lower(c) == Lower(answer); });
  const bool number = !answer.empty() && answer.size() <= 3 &&
                      answer.find_first_not_of("0123456789") == std::string::npos;
  if (choice == pending->choices.end() && number) {  // "2": the second choice
    const std::size_t index = std::stoul(answer);
    if (index >= 1 && index <= pending->choices.size()) choice = pending->choices.begin() + (index - 1);
  }
  if (choice == pending->choices.end()) {
    std::string choices;
    for (const auto& c : pending->choices) choices += (choices.empty() ? "" : ", ") + c;
    return Status::InvalidArgument("'" + answer + "' is not one of the choices: " + choices);
  }
  GradedPrediction graded{*pending, *choice, *choice == pending->answer};
  impl_->graded.push_back(graded);
  impl_->answered.insert(next);
  if (impl_->recorder.recording()) {
    Attempt attempt;
    attempt.quiz_id = impl_->lesson_id;
    attempt.question_id = "walkthrough-step-" + std::to_string(next);
    attempt.topic = impl_->topic;
    attempt.level = "medium";
    attempt.answer = graded.given;
    attempt.correct = graded.correct;
    attempt.schedule = false;  // a prediction makes sense only in the player: review cannot ask it
    impl_->recorder.Record(std::move(attempt));
    if (!impl_->recorder.recording()) return Status::Storage(impl_->recorder.problem());
  }
  return graded;
}

void WalkthroughPlayer::Finish() { impl_->recorder.Finish(); }

const std::vector<GradedPrediction>& WalkthroughPlayer::predictions() const {
  return impl_->graded;
}

int WalkthroughPlayer::score() const {
  return static_cast<int>(std::count_if(impl_->graded.begin(), impl_->graded.end(),
                                        [](const GradedPrediction& g) { return g.correct; }));
}

}  // namespace stagecraft::core
