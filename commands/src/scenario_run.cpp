// ScenarioRun: running a script and rebuilding the state after any of its steps.
//
// Sections: running one line | recording a step (events, touched versions, primary version) |
// checkpoints | RunScenario | StateAfter and friends.
//
// A run records per step only what the step did (its result, its audit events, the versions it
// touched with their stage after it): cheap, so a 10,000-step script takes little memory. The
// whole state after step k is rebuilt on demand: from the nearest checkpoint (an image of the
// in-memory registry, Registry::SaveImage) the commands after it run again on the same fixed
// clock, which gives the same registry because a command's effect depends only on the registry
// and the clock. Checkpoints are kept at most `max_checkpoints`: when full, every other one goes
// and the spacing doubles, so memory stays bounded and a rebuild replays fewer than
// 2 * N / max_checkpoints commands. A cursor registry stays where the last rebuild left it, so
// stepping forward (a walkthrough, `run --json`) runs one command per step.

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <utility>

#include "stagecraft/commands/command_line.h"
#include "stagecraft/commands/scenario.h"

namespace stagecraft::commands {
namespace {

using engine::Registry;
using engine::RegistrySnapshot;
using engine::Result;
using engine::Status;
using VersionKey = std::pair<std::string, std::int64_t>;  // model name, version

// ---------------------------------------------------------------------------------------------
// Running one line

// A registry whose clock reads `*step`: step N runs at kScenarioStart + N minutes.
engine::RegistryOptions ScenarioClock(const std::shared_ptr<std::int64_t>& step) {
  engine::RegistryOptions options;
  options.clock = [step] { return kScenarioStart + *step * 60'000; };
  return options;
}

// ---------------------------------------------------------------------------------------------
// Recording a step

// Every version's stage and aliases as the run has seen them, kept from the touched versions of
// each step: tells which version an alias left and which versions a deleted model took along.
struct VersionMirror {
  std::map<VersionKey, TouchedVersion> versions;
  std::map<std::pair<std::string, std::string>, std::int64_t> alias_holders;  // (model, alias)

  void Update(const TouchedVersion& now) {
    const VersionKey key{now.model_name, now.version};
    if (auto old = versions.find(key); old != versions.end()) {
      for (const auto& alias : old->second.aliases) {
        auto holder = alias_holders.find({now.model_name, alias});
        if (holder != alias_holders.end() && holder->second == now.version) {
          alias_holders.erase(holder);
        }
      }
      versions.erase(old);
    }
    if (!now.exists) return;
    for (const auto& alias : now.aliases) alias_holders[{now.model_name, alias}] = now.version;
    versions.emplace(key, now);
  }
};

// Where `key` stands now: exists, stage and aliases.
Result<TouchedVersion> LookUp(const Registry& registry, const VersionKey& key) {
  TouchedVersion touched;
  touched.model_name = key.first;
  touched.version = key.second;
  auto version = registry.GetModelVersion(key.first, key.second);
  if (!version.ok()) {
    if (version.status().code() == engine::ErrorCode::kNotFound) return touched;
    return version.status();
  }
  touched.exists = true;
  touched.stage = version->stage;
  touched.aliases = version->aliases;
  return touched;
}

// Fills in step.touched and the primary version from the step's events and the command's
// parsed subject, looking each touched version up in `registry` after the step.
Status RecordTouched(const Registry& registry, const CommandSubject& subject,
                     VersionMirror& mirror, ScenarioStep& step) {
  std::vector<VersionKey> keys;
  auto add = [&](const std::string& model, std::int64_t version) {
    if (model.empty() || version <= 0) return;
    VersionKey key{model, version};
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  };
  for (const auto& event : step.events) {
    if (event.version) add(event.model_name, *event.version);
    if (event.related_version) add(event.model_name, *event.related_version);
    if (event.action == engine::kActionDeleteModel) {  // its versions went with it
      for (auto it = mirror.versions.lower_bound({event.model_name, 0});
           it != mirror.versions.end() && it->first.first == event.model_name; ++it) {
        add(it->first.first, it->first.second);
      }
    }
  }
  // A refusal the engine did not audit names no version: the one the command named.
  if (keys.empty() && !step.ok && !step.usage_error) add(subject.model_name, subject.version);

  for (std::size_t i = 0; i < keys.size(); ++i) {  // grows when an alias left another version
    auto touched = LookUp(registry, keys[i]);
    if (!touched.ok()) return touched.status();
    for (const auto& alias : touched->aliases) {
      auto holder = mirror.alias_holders.find({touched->model_name, alias});
      if (holder != mirror.alias_holders.end() && holder->second != touched->version) {
        add(touched->model_name, holder->second);
      }
    }
    step.touched.push_back(std::move(*touched));
  }
  for (const auto& touched : step.touched) mirror.Update(touched);

  // The primary version: the one the command names, else the first its events name.
  if (subject.version > 0) {
    step.model_name = subject.model_name;
    step.version = subject.version;
  } else if (!keys.empty() && step.ok) {
    step.model_name = keys.front().first;
    step.version = keys.front().second;
  } else {
    step.model_name = subject.model_name;
  }
  if (step.version > 0) {
    auto found = std::find_if(step.touched.begin(), step.touched.end(), [&](const auto& t) {
      return t.model_name == step.model_name && t.version == step.version;
    });
    if (found != step.touched.end()) {
      step.stage = found->stage;
    } else {
      auto now = LookUp(registry, {step.model_name, step.version});
      if (!now.ok()) return now.status();
      step.stage = now->stage;
    }
  }
  return Status::Ok();
}

std::string WithoutProgramName(const std::string& command) {
  if (command.rfind("stagecraft ", 0) != 0) return command;
  auto start = command.find_first_not_of(" \t", 11);
  return start == std::string::npos ? std::string() : command.substr(start);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Checkpoints

struct ScenarioRun::Impl {
  ScenarioOptions options;
  std::vector<ScriptLine> lines;
  std::vector<ScenarioStep> steps;
  CommandRunner runner;  // one grammar for the run and every replay

  struct Checkpoint {
    std::size_t step;
    engine::RegistryImage image;
  };
  std::vector<Checkpoint> checkpoints;  // by step; the first is step 0
  std::size_t spacing = 1;

  // The registry the last rebuild left, at step cursor_step, and its clock.
  std::optional<Registry> cursor;
  std::size_t cursor_step = 0;
  std::shared_ptr<std::int64_t> cursor_clock = std::make_shared<std::int64_t>(0);

  std::deque<std::pair<std::size_t, RegistrySnapshot>> cache;  // most recent first

  // Keeps an image after step `k` when k falls on the spacing; thins when full.
  Status MaybeCheckpoint(const Registry& registry, std::size_t k) {
    if (k % spacing != 0) return Status::Ok();
    auto image = registry.SaveImage();
    if (!image.ok()) return image.status();
    checkpoints.push_back(Checkpoint{k, std::move(*image)});
    if (checkpoints.size() > options.max_checkpoints) {
      spacing *= 2;
      std::erase_if(checkpoints, [&](const Checkpoint& c) { return c.step % spacing != 0; });
    }
    return Status::Ok();
  }

  // Brings the cursor to step `k`: from where it is when that is on the way, else from the
  // nearest checkpoint at or before k.
  Status MoveCursor(std::size_t k) {
    auto checkpoint = std::upper_bound(
        checkpoints.begin(), checkpoints.end(), k,
        [](std::size_t step, const Checkpoint& c) { return step < c.step; });
    --checkpoint;  // checkpoints[0] is step 0, so one at or before k exists
    if (!cursor || cursor_step > k || cursor_step < checkpoint->step) {
      cursor.reset();
      auto registry = Registry::FromImage(checkpoint->image, ScenarioClock(cursor_clock));
      if (!registry.ok()) return registry.status();
      cursor.emplace(std::move(*registry));
      cursor_step = checkpoint->step;
    }
    while (cursor_step < k) {
      const ScenarioStep& step = steps[cursor_step];
      *cursor_clock = static_cast<std::int64_t>(cursor_step) + 1;
      CommandResult result = runner.Run(*cursor, lines[cursor_step].command);
      ++cursor_step;
      if (result.ok() != step.ok) {
        const std::size_t at = cursor_step;
        cursor.reset();
        return Status::Storage("replaying step " + std::to_string(at) + " (line " +
                               std::to_string(step.line) + ") did not give the same result");
      }
    }
    return Status::Ok();
  }

  Result<RegistrySnapshot> Snapshot(std::size_t k) {
    for (auto it = cache.begin(); it != cache.end(); ++it) {
      if (it->first != k) continue;
      auto entry = *it;
      cache.erase(it);
      cache.push_front(entry);
      return entry.second;
    }
    SC_RETURN_IF_ERROR(MoveCursor(k));
    auto snapshot = cursor->TakeSnapshot();
    if (!snapshot.ok()) return snapshot.status();
    if (options.cached_states > 0) {
      cache.emplace_front(k, *snapshot);
      if (cache.size() > options.cached_states) cache.pop_back();
    }
    return *snapshot;
  }
};

// ---------------------------------------------------------------------------------------------
// RunScenario

Result<ScenarioRun> RunScenario(const std::vector<ScriptLine>& lines, ScenarioOptions options) {
  auto impl = std::make_unique<ScenarioRun::Impl>();
  options.max_checkpoints = std::max<std::size_t>(options.max_checkpoints, 2);
  impl->options = options;
  impl->lines = lines;
  auto clock = std::make_shared<std::int64_t>(0);
  auto registry = Registry::Open(":memory:", ScenarioClock(clock));
  if (!registry.ok()) return registry.status();
  std::vector<engine::AuditEvent> collected;
  const engine::SubscriptionId subscription = registry->Subscribe(
      [&collected](const std::vector<engine::AuditEvent>& events) {
        collected.insert(collected.end(), events.begin(), events.end());
      });
  SC_RETURN_IF_ERROR(impl->MaybeCheckpoint(*registry, 0));
  VersionMirror mirror;
  impl->steps.reserve(lines.size());
  for (const auto& line : lines) {
    ++*clock;
    collected.clear();
    ScenarioStep step;
    step.line = line.line;
    step.command = WithoutProgramName(line.command);
    CommandResult result = impl->runner.Run(*registry, line.command);
    step.ok = result.ok();
    step.usage_error = result.usage_error;
    step.code = result.status.code();
    if (step.ok) {
      step.output = std::move(result.out);
    } else {
      step.error = result.status.message();
    }
    step.events = std::move(collected);
    collected = {};
    SC_RETURN_IF_ERROR(RecordTouched(*registry, result.subject, mirror, step));
    impl->steps.push_back(std::move(step));
    SC_RETURN_IF_ERROR(impl->MaybeCheckpoint(*registry, impl->steps.size()));
  }
  registry->Unsubscribe(subscription);
  // The registry is at the last step: the cursor starts there, on the run's own clock.
  impl->cursor_clock = clock;
  impl->cursor.emplace(std::move(*registry));
  impl->cursor_step = lines.size();
  return ScenarioRun(std::move(impl));
}

// ---------------------------------------------------------------------------------------------
// StateAfter and friends

ScenarioRun::ScenarioRun(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ScenarioRun::ScenarioRun(ScenarioRun&&) noexcept = default;
ScenarioRun& ScenarioRun::operator=(ScenarioRun&&) noexcept = default;
ScenarioRun::~ScenarioRun() = default;

const std::vector<ScenarioStep>& ScenarioRun::steps() const { return impl_->steps; }

Result<RegistrySnapshot> ScenarioRun::StateAfter(std::size_t k) const {
  if (k > size()) {
    return Status::InvalidArgument("there is no step " + std::to_string(k) + "; the run has " +
                                   std::to_string(size()));
  }
  return impl_->Snapshot(k);
}

Result<Registry> ScenarioRun::RegistryAfter(std::size_t k) const {
  if (k > size()) {
    return Status::InvalidArgument("there is no step " + std::to_string(k) + "; the run has " +
                                   std::to_string(size()));
  }
  SC_RETURN_IF_ERROR(impl_->MoveCursor(k));
  return impl_->cursor->Copy(ScenarioClock(std::make_shared<std::int64_t>(k + 1)));
}

Status ScenarioRun::ForEachState(
    std::size_t from, std::size_t to,
    const std::function<Status(std::size_t, const RegistrySnapshot&)>& visit) const {
  if (to > size()) to = size();
  for (std::size_t k = from; k <= to; ++k) {
    SC_RETURN_IF_ERROR(impl_->MoveCursor(k));  // one command from the previous k
    auto snapshot = impl_->cursor->TakeSnapshot();
    if (!snapshot.ok()) return snapshot.status();
    SC_RETURN_IF_ERROR(visit(k, *snapshot));
  }
  return Status::Ok();
}

std::size_t ScenarioRun::checkpoint_count() const { return impl_->checkpoints.size(); }
std::size_t ScenarioRun::checkpoint_spacing() const { return impl_->spacing; }
std::size_t ScenarioRun::checkpoint_bytes() const {
  std::size_t bytes = 0;
  for (const auto& c : impl_->checkpoints) bytes += c.image.size();
  return bytes;
}

}  // namespace stagecraft::commands
