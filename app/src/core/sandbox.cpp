// Sandbox: the console, acting-as, and undo/redo/reset over images of an in-memory registry.
// Completion lives in sandbox_completion.cpp.
//
//   Opening          OpenFresh (seed script), OpenFile (an in-memory copy of a file)
//   Running a line   Run: acting-as, host commands refused, the change recorded
//   Undo and redo    Rebuild: nearest image + replay at the recorded times
//   Saving           Save: the changes run again on the file

#include "core/sandbox.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/sandbox_completion.h"
#include "stagecraft/commands/scenario.h"

namespace stagecraft::core {

using engine::Registry;
using engine::RegistryImage;
using engine::Result;
using engine::Status;
using engine::Timestamp;

namespace {

// Commands of the terminal app that make no sense on the sandbox's registry.
constexpr const char* kHostCommands[] = {"gui",      "quiz",  "lesson", "demo", "validate",
                                         "convert",  "run",   "stats",  "challenge",
                                         "settings", "review"};

Timestamp SystemNow() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A change: the line as it ran (with --as), and when, for replay.
struct Change {
  std::string line;
  Timestamp time = 0;
  bool ok = false;
  std::size_t entry = 0;  // its console entry
};

// The words of `line` after a leading "stagecraft", or nullopt when it does not split.
std::optional<std::vector<std::string>> Words(std::string_view line) {
  auto words = commands::SplitCommandLine(line);
  if (!words.ok()) return std::nullopt;
  std::vector<std::string> w = std::move(*words);
  if (!w.empty() && w.front() == "stagecraft") w.erase(w.begin());
  return w;
}

// `line` without a leading "stagecraft" word.
std::string_view WithoutProgramName(std::string_view line) {
  std::size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return line;
  std::string_view rest = line.substr(start);
  constexpr std::string_view kProgram = "stagecraft";
  if (rest.substr(0, kProgram.size()) == kProgram &&
      (rest.size() == kProgram.size() || rest[kProgram.size()] == ' ' ||
       rest[kProgram.size()] == '\t')) {
    return rest.substr(kProgram.size());
  }
  return rest;
}

}  // namespace

struct Sandbox::Impl {
  SandboxOptions options;
  std::string file;
  commands::CommandRunner runner;
  commands::GrammarCommand tree = commands::GrammarTree();
  // The registry's clock reads this: the time of the command running or being replayed.
  std::shared_ptr<Timestamp> now = std::make_shared<Timestamp>(0);
  std::shared_ptr<std::size_t> events_seen = std::make_shared<std::size_t>(0);
  std::optional<Registry> registry;
  std::string acting_as = engine::kDefaultActor;

  std::vector<ConsoleEntry> console;
  std::vector<Change> changes;  // [0, applied) applied; [applied, size) the redo branch
  std::size_t applied = 0;
  std::size_t saved = 0;  // changes [0, saved) are in the file (always 0: Save restarts)
  std::map<std::size_t, RegistryImage> checkpoints;  // state after k changes; 0 is the start

  std::optional<std::size_t> browsing;  // the console entry ↑/↓ shows
  std::string draft;

  engine::RegistryOptions RegistryOptionsFor() const {
    auto clock = now;
    return engine::RegistryOptions{[clock] { return *clock; }, engine::Durability::kNormal};
  }
  Timestamp Now() const { return options.clock ? options.clock() : SystemNow(); }

  // Takes `fresh` as the live registry, counting its commits' events.
  void Adopt(Registry fresh) {
    auto seen = events_seen;
    fresh.Subscribe([seen](const std::vector<engine::AuditEvent>& events) {
      *seen += events.size();
    });
    registry.emplace(std::move(fresh));
  }

  Status Checkpoint() {
    if (checkpoints.count(applied) != 0) return Status::Ok();
    auto image = registry->SaveImage();
    if (!image.ok()) return image.status();
    checkpoints.emplace(applied, std::move(*image));
    return Status::Ok();
  }

  // Runs change `k` on `on` at its recorded time; kFailedPrecondition when it no longer ends
  // the way it did.
  Status Replay(Registry& on, std::size_t k) {
    *now = changes[k].time;
    commands::CommandResult result = runner.Run(on, changes[k].line);
    if (result.ok() != changes[k].ok) {
      return Status::FailedPrecondition("replaying '" + changes[k].line +
                                        "' did not end as it did: " +
                                        (result.ok() ? "it succeeded" : result.status.message()));
    }
    return Status::Ok();
  }

  // A registry in the state after `k` changes: the nearest image, then the changes after it.
  Result<Registry> Rebuild(std::size_t k) {
    auto at = std::prev(checkpoints.upper_bound(k));  // 0 is always there
    auto rebuilt = Registry::FromImage(at->second, RegistryOptionsFor());
    if (!rebuilt.ok()) return rebuilt.status();
    for (std::size_t i = at->first; i < k; ++i) {
      Status replayed = Replay(*rebuilt, i);
      if (!replayed.ok()) return replayed;
    }
    return rebuilt;
  }

  // Makes the current state the start: no undo before it.
  Status Restart() {
    changes.clear();
    applied = 0;
    checkpoints.clear();
    return Checkpoint();
  }
};

Sandbox::Sandbox(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Sandbox::Sandbox(Sandbox&&) noexcept = default;
Sandbox& Sandbox::operator=(Sandbox&&) noexcept = default;
Sandbox::~Sandbox() = default;

// ---------------------------------------------------------------------------------------------
// Opening

Result<Sandbox> Sandbox::OpenFresh(std::string_view seed_script, SandboxOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  if (impl->options.checkpoint_every == 0) impl->options.checkpoint_every = 1;
  auto registry = Registry::Open(":memory:", impl->RegistryOptionsFor());
  if (!registry.ok()) return registry.status();
  impl->Adopt(std::move(*registry));
  if (!seed_script.empty()) {
    auto lines = commands::ParseScript(seed_script);
    if (!lines.ok()) return lines.status();
    for (const commands::ScriptLine& line : *lines) {
      *impl->now = impl->Now();
      commands::CommandResult result = impl->runner.Run(*impl->registry, line.command);
      if (!result.ok()) {
        return Status(result.status.ok() ? engine::ErrorCode::kInvalidArgument
                                         : result.status.code(),
                      "seed line " + std::to_string(line.line) + " ('" + line.command +
                          "') was refused: " + result.status.message());
      }
    }
  }
  SC_RETURN_IF_ERROR(impl->Restart());
  return Sandbox(std::move(impl));
}

Result<Sandbox> Sandbox::OpenFile(const std::string& path, SandboxOptions options) {
  // Open (and migrate) it through the engine first; closing the last connection folds the
  // write-ahead log into the file, so the file's bytes are then the whole registry.
  {
    auto file = Registry::Open(path);
    if (!file.ok()) return file.status();
  }
  std::error_code ignored;
  if (std::filesystem::file_size(path + "-wal", ignored) > 0 && !ignored) {
    return Status::FailedPrecondition("'" + path + "' is open in another program (its -wal file "
                                      "holds changes): close it and open the sandbox again");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return Status::Storage("cannot read '" + path + "'");
  std::string image = std::move(bytes).str();
  // Bytes 18 and 19 of an SQLite file say "write-ahead log" (2); an in-memory copy has none, so
  // it reads them as a rollback-journal database (1). Nothing else differs.
  if (image.size() >= 20 && image[18] == 2 && image[19] == 2) image[18] = image[19] = 1;

  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  if (impl->options.checkpoint_every == 0) impl->options.checkpoint_every = 1;
  impl->file = path;
  auto copy = Registry::FromImage(RegistryImage{std::make_shared<const std::string>(
                                      std::move(image))},
                                  impl->RegistryOptionsFor());
  if (!copy.ok()) return copy.status();
  impl->Adopt(std::move(*copy));
  SC_RETURN_IF_ERROR(impl->Restart());
  return Sandbox(std::move(impl));
}

// ---------------------------------------------------------------------------------------------
// Running a line

ConsoleEntry Sandbox::Run(std::string_view line) {
  Impl& d = *impl_;
  d.browsing.reset();
  d.draft.clear();
  if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    ConsoleEntry blank;
    blank.ok = true;
    return blank;
  }

  ConsoleEntry entry;
  entry.line = std::string(line);
  entry.actor = d.acting_as;
  auto words = Words(line);
  bool names_actor = false;
  if (words) {
    for (std::size_t i = 0; i < words->size(); ++i) {
      const std::string& word = (*words)[i];
      if (word == "--") break;
      if (word == "--as" && i + 1 < words->size()) {
        entry.actor = (*words)[i + 1];
        names_actor = true;
      } else if (word.rfind("--as=", 0) == 0) {
        entry.actor = word.substr(5);
        names_actor = true;
      }
    }
    // The first command word: a host command is refused here, with why.
    for (std::size_t i = 0; i < words->size(); ++i) {
      const std::string& word = (*words)[i];
      if (word == "--as" || word == "--db") {
        ++i;
        continue;
      }
      if (!word.empty() && word[0] == '-') continue;
      if (std::find(std::begin(kHostCommands), std::end(kHostCommands), word) !=
          std::end(kHostCommands)) {
        std::string commands;
        for (const auto& c : d.tree.commands) commands += (commands.empty() ? "" : ", ") + c.name;
        entry.usage_error = true;
        entry.code = engine::ErrorCode::kInvalidArgument;
        entry.error = "'" + word + "' is a command of the terminal (stagecraft " + word +
                      "), not of the sandbox, which runs registry commands: " + commands;
        d.console.push_back(std::move(entry));
        return d.console.back();
      }
      break;
    }
  }

  std::string effective(WithoutProgramName(line));
  if (!names_actor) effective = "--as " + d.acting_as + " " + effective;
  const std::size_t events_before = *d.events_seen;
  const Timestamp time = d.Now();
  *d.now = time;
  commands::CommandResult result = d.runner.Run(*d.registry, effective);
  entry.ok = result.ok();
  entry.usage_error = result.usage_error;
  entry.code = result.status.code();
  entry.output = std::move(result.out);
  entry.output_in_columns = InColumns(entry.output);
  if (!entry.ok) {
    entry.error = result.status.ok() ? result.err : result.status.message();
    if (entry.code == engine::ErrorCode::kOk) entry.code = engine::ErrorCode::kInvalidArgument;
  }
  entry.changed = *d.events_seen != events_before;
  d.console.push_back(std::move(entry));

  if (d.console.back().changed) {
    // A new change after undo: the undone ones can no longer be redone.
    d.changes.resize(d.applied);
    d.checkpoints.erase(d.checkpoints.upper_bound(d.applied), d.checkpoints.end());
    d.changes.push_back(Change{std::move(effective), time, d.console.back().ok,
                               d.console.size() - 1});
    ++d.applied;
    if (d.applied % d.options.checkpoint_every == 0) {
      // An image failing to save only makes a later undo replay more; nothing to report here.
      (void)d.Checkpoint();
    }
  }
  return d.console.back();
}

const std::vector<ConsoleEntry>& Sandbox::Console() const { return impl_->console; }

std::optional<std::string> Sandbox::PreviousLine(std::string_view draft) {
  Impl& d = *impl_;
  if (d.console.empty()) return std::nullopt;
  if (!d.browsing) {
    d.draft = std::string(draft);
    d.browsing = d.console.size();
  }
  if (*d.browsing == 0) return std::nullopt;
  --*d.browsing;
  return d.console[*d.browsing].line;
}

std::optional<std::string> Sandbox::NextLine() {
  Impl& d = *impl_;
  if (!d.browsing) return std::nullopt;
  ++*d.browsing;
  if (*d.browsing >= d.console.size()) {
    d.browsing.reset();
    return std::exchange(d.draft, std::string());
  }
  return d.console[*d.browsing].line;
}

Completion Sandbox::Complete(std::string_view line, std::size_t cursor) const {
  return CompleteCommandLine(impl_->tree, *impl_->registry, line, cursor);
}

// ---------------------------------------------------------------------------------------------
// Who acts

const std::string& Sandbox::ActingAs() const { return impl_->acting_as; }

Status Sandbox::SetActingAs(std::string_view user) {
  auto users = Users();
  if (!users.ok()) return users.status();
  for (const engine::User& u : *users) {
    if (u.name == user) {
      impl_->acting_as = u.name;
      return Status::Ok();
    }
  }
  return Status::NotFound("no user '" + std::string(user) + "' in this registry (add one with "
                          "'users add --name NAME --role developer')");
}

Result<std::vector<engine::User>> Sandbox::Users() const { return impl_->registry->ListUsers(); }

// ---------------------------------------------------------------------------------------------
// Undo and redo

bool Sandbox::CanUndo() const { return impl_->applied > 0; }
bool Sandbox::CanRedo() const { return impl_->applied < impl_->changes.size(); }

Status Sandbox::Undo() {
  Impl& d = *impl_;
  if (!CanUndo()) return Status::FailedPrecondition("nothing to undo");
  auto before = d.Rebuild(d.applied - 1);
  if (!before.ok()) return before.status();
  d.Adopt(std::move(*before));
  --d.applied;
  d.console[d.changes[d.applied].entry].undone = true;
  return Status::Ok();
}

Status Sandbox::Redo() {
  Impl& d = *impl_;
  if (!CanRedo()) return Status::FailedPrecondition("nothing to redo");
  // On a copy, so that a redo that fails leaves the state as it was.
  auto copy = d.registry->Copy(d.RegistryOptionsFor());
  if (!copy.ok()) return copy.status();
  SC_RETURN_IF_ERROR(d.Replay(*copy, d.applied));
  d.Adopt(std::move(*copy));
  d.console[d.changes[d.applied].entry].undone = false;
  ++d.applied;
  if (d.applied % d.options.checkpoint_every == 0) (void)d.Checkpoint();
  return Status::Ok();
}

Status Sandbox::Reset() {
  Impl& d = *impl_;
  auto start = Registry::FromImage(d.checkpoints.at(0), d.RegistryOptionsFor());
  if (!start.ok()) return start.status();
  d.Adopt(std::move(*start));
  for (const Change& change : d.changes) d.console[change.entry].undone = true;
  d.changes.clear();
  d.applied = 0;
  d.checkpoints.erase(d.checkpoints.upper_bound(0), d.checkpoints.end());
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// What the view draws

Result<engine::RegistrySnapshot> Sandbox::State() const { return impl_->registry->TakeSnapshot(); }

Result<Board> Sandbox::CurrentBoard() const {
  auto state = State();
  if (!state.ok()) return state.status();
  return BoardOf(**state);
}

Result<std::vector<engine::AuditEvent>> Sandbox::AuditLog() const {
  return impl_->registry->History();
}

const Registry& Sandbox::registry() const { return *impl_->registry; }

std::size_t Sandbox::checkpoint_count() const { return impl_->checkpoints.size(); }
std::size_t Sandbox::checkpoint_bytes() const {
  std::size_t bytes = 0;
  for (const auto& [k, image] : impl_->checkpoints) bytes += image.size();
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Saving

const std::string& Sandbox::file() const { return impl_->file; }

bool Sandbox::HasUnsavedChanges() const { return !impl_->file.empty() && impl_->applied > 0; }

Status Sandbox::Save() {
  Impl& d = *impl_;
  if (d.file.empty()) {
    return Status::FailedPrecondition("this sandbox was not opened on a file: nothing to save to");
  }
  {
    auto file = Registry::Open(d.file, d.RegistryOptionsFor());
    if (!file.ok()) return file.status();
    for (std::size_t k = 0; k < d.applied; ++k) {
      Status replayed = d.Replay(*file, k);
      if (!replayed.ok()) {
        return Status::Conflict("'" + d.file + "' changed since it was opened: " +
                                replayed.message() + "; the " + std::to_string(k) +
                                " command(s) before it were saved");
      }
    }
  }
  return d.Restart();
}

bool InColumns(std::string_view output) {
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string_view::npos) end = output.size();
    const std::string_view line = output.substr(start, end - start);
    const std::size_t text = line.find_first_not_of(' ');
    if (text != std::string_view::npos && line.find("  ", text) != std::string_view::npos) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace stagecraft::core
