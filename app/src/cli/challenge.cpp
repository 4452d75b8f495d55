// stagecraft challenges and challenge: the terminal as a client of the content library and of
// ChallengeAttempt. Arguments in; the goal, each command's result and the verdict out.

#include "cli/challenge.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/terminal.h"
#include "core/challenge_attempt.h"
#include "core/challenge_list.h"
#include "core/content_files.h"
#include "core/content_library.h"
#include "core/text_wrap.h"
#include "stagecraft/commands/table.h"

namespace stagecraft::app {
namespace {

// The challenges of `folder` alone (the bundled and the learner's when it is empty), or of the
// one file `file`.
core::ContentLibrary ChallengeLibrary(const std::string& folder, const std::string& file = {}) {
  if (!file.empty()) return core::ContentLibrary::LoadPaths({file});
  core::ContentFolders folders;
  if (folder.empty()) {
    const core::ContentFolders defaults = core::DefaultContentFolders();
    folders.challenges = defaults.challenges;
    folders.user_challenges = defaults.user_challenges;
  } else {
    folders.challenges = folder;
  }
  return core::ContentLibrary::Load(folders);
}

// Whether `played` is the library's own challenge of its id, the same file: only those keep a
// result, so that a file claiming a shipped challenge's id cannot record a best for it.
bool IsLibraryChallenge(const core::Challenge& played) {
  const core::ContentLibrary library = ChallengeLibrary("");
  const core::Challenge* own = library.FindChallenge(played.id);
  if (own == nullptr) return false;
  std::error_code played_error, own_error;
  const auto played_path = std::filesystem::canonical(played.path, played_error);
  const auto own_path = std::filesystem::canonical(own->path, own_error);
  return !played_error && !own_error && played_path == own_path;
}

// Notes on `err` for every challenge file with problems (those challenges are not offered).
void NoteProblems(const core::ContentLibrary& library, std::string& err) {
  for (const auto& file : library.challenge_files()) {
    if (file.problems.empty()) continue;
    err += "note: " + file.path + " has " + std::to_string(file.problems.size()) +
           " problem(s) and is not used; `stagecraft validate " + file.path + "` lists them\n";
  }
}

std::string Checkbox(bool met) { return met ? "[x] " : "[ ] "; }

std::string Checklist(const core::ChallengeAttempt& attempt) {
  std::string out;
  for (std::size_t i = 0; i < attempt.checklist().size(); ++i) {
    out += "  " + Checkbox(attempt.checklist()[i]) + attempt.challenge().target[i].label + "\n";
  }
  return out;
}

// What one line did: its output, the engine's refusal of a change or a read's error; whether it
// counted (with the running count against par); then the conditions it changed.
std::string StepText(const core::ChallengeAttempt& attempt, const core::ChallengeStep& step) {
  std::string out;
  if (step.entry.ok) {
    out += step.entry.output;
    if (!out.empty() && out.back() != '\n') out += "\n";
  } else {
    const char* what = step.entry.usage_error ? "usage: " : step.counted ? "refused: " : "error: ";
    out += what + step.entry.error + "\n";
  }
  if (step.counted) {
    out += "  (counted " + std::to_string(attempt.commands()) + " \xC2\xB7 par " +
           std::to_string(attempt.challenge().par) + ")\n";
  } else {
    out += "  (not counted: " +
           std::string(step.entry.usage_error ? "not a command" : "it only reads") + ")\n";
  }
  for (std::size_t i : step.newly_met) {
    out += "  " + Checkbox(true) + attempt.challenge().target[i].label + "\n";
  }
  for (std::size_t i : step.newly_unmet) {
    out += "  " + Checkbox(false) + attempt.challenge().target[i].label + " (no longer)\n";
  }
  return out;
}

// The verdict line(s); the unmet conditions listed when not solved.
std::string Verdict(const core::ChallengeAttempt& attempt) {
  const int par = attempt.challenge().par;
  if (attempt.solved()) {
    return "solved in " + std::to_string(attempt.commands()) +
           (attempt.commands() == 1 ? " command" : " commands") + " (par " + std::to_string(par) +
           ")" + (attempt.commands() <= par ? "" : ": try it in fewer") + "\n";
  }
  std::string out = "not solved: " + std::to_string(attempt.met()) + " of " +
                    std::to_string(attempt.checklist().size()) + " conditions hold; unmet:\n";
  for (std::size_t i = 0; i < attempt.checklist().size(); ++i) {
    if (!attempt.checklist()[i])
      out += "  " + Checkbox(false) + attempt.challenge().target[i].label + "\n";
  }
  return out;
}

// Reads the next line: a prompt first at a terminal; from a pipe, nothing is printed once the
// input has ended (ReadLine echoes a piped line after the prompt).
bool NextLine(std::string* line) {
  if (!InputIsTerminal() && std::cin.peek() == std::char_traits<char>::eof()) return false;
  Print("> ");
  return ReadLine(line);
}

}  // namespace

commands::HostCommand ChallengesCommand() {
  return {"challenges", "List the challenges: id, level, par, your best and title.",
          [](CLI::App& command) {
            auto folder = std::make_shared<std::string>();
            command.add_option("folder", *folder,
                               "a folder of challenges (default: the shipped ones and yours)");
            return [folder](commands::CommandIo& io) {
              const core::ContentLibrary library = ChallengeLibrary(*folder);
              NoteProblems(library, io.err);
              const auto challenges = library.challenges();
              if (challenges.empty()) {
                io.err += "error: no usable challenge" +
                          (folder->empty() ? std::string() : " in " + *folder) +
                          " (give a folder, or set STAGECRAFT_CHALLENGES)\n";
                return commands::kExitEngineError;
              }
              std::vector<core::ChallengeRecord> records;
              if (auto store = OpenProgress(io.err)) {
                if (auto read = store->ChallengeRecords(); read.ok()) records = std::move(*read);
              }
              commands::Table table({"ID", "Level", "Par", "Best", "Title"});
              for (const auto& entry : core::ListChallenges(challenges, records)) {
                table.AddRow(
                    {entry.challenge->id, core::LevelName(entry.challenge->level),
                     std::to_string(entry.challenge->par),
                     entry.best ? std::to_string(*entry.best) : (entry.attempts > 0 ? "-" : ""),
                     entry.challenge->title});
              }
              io.out = table.Render() + "\nTry one with: stagecraft challenge ID\n";
              return commands::kExitOk;
            };
          }};
}

commands::HostCommand ChallengeCommand() {
  struct Flags {
    std::string id;
    std::string folder;
    bool record = true;
  };
  return {"challenge",
          "Try a challenge: reach its target on a fresh registry in as few commands as you can. "
          "Reads command lines from standard input (typed or piped); ? shows the hint.",
          [](CLI::App& command) {
            auto flags = std::make_shared<Flags>();
            command.add_option("id", flags->id, "a challenge id, or a challenge file")->required();
            command.add_option("--challenges", flags->folder,
                               "the challenges folder (default: the shipped ones and yours)");
            command.add_flag(
                "--no-record", [flags](std::int64_t) { flags->record = false; },
                "do not save the result to your progress");
            return [flags](commands::CommandIo& io) {
              const bool is_file = core::IsChallengeFile(flags->id);
              const core::ContentLibrary library =
                  ChallengeLibrary(flags->folder, is_file ? flags->id : std::string());
              NoteProblems(library, io.err);
              const auto challenges = library.challenges();
              const core::Challenge* challenge =
                  is_file ? (challenges.empty() ? nullptr : challenges.front())
                          : library.FindChallenge(flags->id);
              if (challenge == nullptr) {
                std::string known;
                for (const auto* c : challenges) known += (known.empty() ? "" : ", ") + c->id;
                io.err += is_file
                              ? "error: " + flags->id + " could not be loaded\n"
                              : "error: no challenge \"" + flags->id +
                                    "\" (challenges: " + (known.empty() ? "none" : known) + ")\n";
                return commands::kExitEngineError;
              }
              auto attempt = core::ChallengeAttempt::Open(*challenge);
              if (!attempt.ok()) {
                io.err += "error: " + attempt.status().message() + "\n";
                return commands::kExitEngineError;
              }
              const bool record = flags->record && IsLibraryChallenge(*challenge);
              if (flags->record && !record) {
                Print("note: " + challenge->path +
                      " is not in the challenges library: played, not recorded\n");
              }
              const int width = TerminalWidth();
              Print(challenge->title + " (" + core::LevelName(challenge->level) + ", par " +
                    std::to_string(challenge->par) + ")\n" +
                    core::Wrap("Goal: " + challenge->goal, width, "", "  ") +
                    core::Wrap("You act as " + challenge->user +
                                   " (--as USER runs one line as another). Lines that only read "
                                   "are free; ? shows the hint.",
                               width, "", "") +
                    Checklist(*attempt));
              std::string line;
              while (!attempt->solved() && NextLine(&line)) {
                if (line == "?" || line == "hint") {
                  Print(core::Wrap("Hint: " + challenge->hint, width, "", "  "));
                  continue;
                }
                const core::ChallengeStep step = attempt->Run(line);
                if (step.ran) Print(StepText(*attempt, step));
              }
              if (!InputIsTerminal() || !attempt->solved()) Print("\n");
              io.out = Verdict(*attempt);
              if (record && (attempt->solved() || attempt->commands() > 0)) {
                if (auto store = OpenProgress(io.err)) {
                  const auto saved = store->RecordChallenge(
                      {challenge->id, attempt->solved(), attempt->commands(), challenge->par,
                       static_cast<core::UnixTime>(std::time(nullptr))});
                  if (!saved.ok())
                    io.err += "note: the result is not saved: " + saved.message() + "\n";
                }
              }
              return attempt->solved() ? commands::kExitOk : commands::kExitEngineError;
            };
          }};
}

}  // namespace stagecraft::app
