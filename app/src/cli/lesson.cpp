// stagecraft lessons and lesson: the terminal as a client of the content library and of
// LessonReading. Arguments in; blocks printed in order; at a reveal or a question the reading
// waits for what the learner types.

#include "cli/lesson.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/terminal.h"
#include "core/content_library.h"
#include "core/grading.h"
#include "core/lesson_reading.h"
#include "core/lesson_text.h"
#include "core/progress.h"
#include "core/text_wrap.h"
#include "core/walkthrough_player.h"
#include "stagecraft/commands/table.h"

namespace stagecraft::app {
namespace {

namespace fs = std::filesystem;

bool Exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// The lessons of `folder` alone (the bundled and the learner's when it is empty).
core::ContentLibrary LessonLibrary(const std::string& folder) {
  if (folder.empty()) {
    core::ContentFolders folders = core::DefaultContentFolders();
    folders.quizzes.clear();
    folders.user_quizzes.clear();
    return core::ContentLibrary::Load(folders);
  }
  return core::ContentLibrary::Load(core::ContentFolders{"", folder, "", ""});
}

// Notes on `err` for every lesson file with problems; the lessons in them still work.
void NoteProblems(const core::ContentLibrary& library, std::string& err) {
  for (const auto& file : library.lesson_files()) {
    if (file.problems.empty()) continue;
    err += "note: " + file.path + " has " + std::to_string(file.problems.size()) +
           " problem(s); `stagecraft validate " + file.path + "` lists them\n";
  }
}

std::string ModeList(const core::Lesson& lesson) {
  std::string out;
  for (const auto& mode : lesson.modes) {
    out += (out.empty() ? "" : ", ") + std::string(core::LessonModeId(mode.kind));
  }
  return out;
}

// Asks the question of block `index` until it is answered; false when the input ended (the
// answer is then shown).
bool Ask(core::LessonReading& reading, std::size_t index, int width) {
  const core::Question& question = *reading.blocks()[index].block->question;
  Print(core::FormatQuestion(question, width, "Question: "));
  while (true) {
    Print(question.multiple ? "Your answer (letters; ? for the hint): "
                            : "Your answer (? for the hint): ");
    std::string line;
    if (!ReadLine(&line)) {
      Print("\n" + core::FormatAnswer(question, width));
      return false;
    }
    if (line == "?") {
      if (reading.Hint(index).ok()) Print(core::FormatHint(question, width));
      continue;
    }
    auto chosen = core::ParseAnswerLetters(line, question.options.size(), question.multiple);
    if (!chosen.ok()) {
      Print(chosen.status().message() + "\n");
      continue;
    }
    auto graded = reading.Answer(index, *chosen);
    if (!graded.ok()) {
      Print(graded.status().message() + "\n");
      continue;
    }
    std::string text = core::FormatFeedback(question, *graded, width);
    if (const auto& next = reading.blocks()[index].next_review) {
      text += core::FormatNextReview(*next, core::RunClock::System().now());
    }
    Print(text);
    return true;
  }
}

// A prediction with choices: asks for a letter (Enter reveals without one), grades it, says
// whether it was right, then shows the reveal. False when the input ended (the reveal, with its
// answer, is then shown).
bool PredictChoice(core::LessonReading& reading, std::size_t index, int width) {
  const core::LessonBlock& block = *reading.blocks()[index].block;
  const std::size_t count = block.choices.size();
  Print(core::FormatBlock(block, width, false));
  bool input = true;
  std::optional<int> choice;
  while (true) {
    Print("Your prediction " + core::OptionRange(count) + ", or Enter to reveal: ");
    std::string line;
    if (!ReadLine(&line)) {
      input = false;
      Print("\n");
      break;
    }
    if (line.empty()) break;
    auto letters = core::ParseAnswerLetters(line, count, false);
    if (!letters.ok()) {
      Print(letters.status().message() + "\n");
      continue;
    }
    auto graded = reading.PredictChoice(index, letters->front());
    if (!graded.ok()) {
      Print(graded.status().message() + "\n");
      continue;
    }
    choice = letters->front();
    break;
  }
  if (choice) {
    Print(core::ChoiceVerdict(block, *choice) + "\n" + core::FormatReveal(block, width, false) + "\n");
  } else {
    if (!reading.blocks()[index].revealed) (void)reading.Reveal(index);
    Print(core::FormatReveal(block, width) + "\n");
  }
  return input;
}

// A callout with a second part: Predict waits for Enter (or asks for a choice, when it has
// choices); a Myth asks whether it is true first. False when the input ended (the second part is
// then shown).
bool Reveal(core::LessonReading& reading, std::size_t index, int width) {
  const core::LessonBlock& block = *reading.blocks()[index].block;
  if (!block.choices.empty()) return PredictChoice(reading, index, width);
  const bool myth = block.callout == core::CalloutKind::kMyth;
  Print(core::FormatBlock(block, width, false) +
        (myth ? "Is it true? (y/n, or Enter to reveal) " : "(Enter to reveal) "));
  bool input = true;
  while (true) {
    std::string line;
    if (!ReadLine(&line)) {
      input = false;
      Print("\n");
      break;
    }
    if (!myth || line.empty()) break;
    if (line == "y" || line == "Y" || line == "yes" || line == "n" || line == "N" || line == "no") {
      auto right = reading.JudgeMyth(index, line[0] == 'y' || line[0] == 'Y');
      if (right.ok()) Print(*right ? "Right: it is a myth.\n" : "Not quite: it is a myth.\n");
      break;
    }
    Print("y or n: ");
  }
  if (!reading.blocks()[index].revealed) (void)reading.Reveal(index);
  Print(core::FormatReveal(block, width) + "\n");
  return input;
}

// Plays the lesson's walkthrough step by step: Enter reveals the next step (after the learner's
// prediction where the player asks one), b goes back, q skips to the end; then the whole tables.
// False when the input ended.
bool PlayWalkthrough(const core::Lesson& lesson, const core::LessonBlock& block, int width,
                     core::ProgressStore* store) {
  core::WalkthroughPlayerOptions options;
  options.progress = store;
  auto created = core::WalkthroughPlayer::Create(lesson, options);
  if (!created.ok()) {
    Print(core::FormatBlock(block, width, true));
    return true;
  }
  core::WalkthroughPlayer& player = *created;
  std::string flow = "Process flow\n";
  for (std::size_t k = 1; k <= player.size(); ++k) {
    flow += "  " + std::to_string(k) + ". " + player.Step(k).title + "\n";
  }
  Print(flow + "\nEnter: next step, b: back, q: to the end.\n");
  bool input = true;
  while (input) {
    std::string line;
    if (auto prediction = player.PendingPrediction()) {
      Print("\n" + core::FormatPrediction(*prediction, width) +
            "Your prediction (a number or a word; Enter to skip): ");
      if (!(input = ReadLine(&line))) break;
      if (!line.empty()) {
        auto graded = player.Predict(line);
        if (!graded.ok()) {
          Print(graded.status().message() + "\n");
          continue;
        }
        Print(core::FormatGradedPrediction(*graded));
      }
    } else {
      Print(player.CanForward() ? "> " : "(the end: Enter to see the tables, b to go back) ");
      if (!(input = ReadLine(&line))) break;
      if (line == "q" || (line.empty() && !player.CanForward())) break;
      if (line == "b") {
        if (!player.CanBack()) {
          Print("This is the start: nothing has run yet.\n");
          continue;
        }
        player.Back();
        Print("\n" + (player.position() == 0
                          ? std::string("Back at the start: nothing has run yet.\n")
                          : core::FormatPlayedStep(player, player.position(), width)));
        continue;
      }
      if (!line.empty()) {
        Print("Enter, b or q.\n");
        continue;
      }
    }
    player.Forward();
    Print("\n" + core::FormatPlayedStep(player, player.position(), width));
  }
  player.Finish();
  if (!input) Print("\n");
  Print("\n" + core::FormatBlock(block, width, true));
  if (!player.predictions().empty()) {
    Print("Predictions: " + std::to_string(player.score()) + " of " +
          std::to_string(player.predictions().size()) + " right\n");
  }
  return input;
}

// Prints one mode; interactive blocks wait for input while there is any.
void ShowMode(const core::Lesson& lesson, const core::LessonMode& mode, int width,
              bool interactive, core::ProgressStore* store) {
  auto opened = core::LessonReading::Open(lesson, mode.kind, store);
  if (!opened.ok()) return;  // the mode comes from the lesson itself
  core::LessonReading& reading = *opened;
  const std::string title = lesson.title + ": " + core::LessonModeHeading(mode.kind);
  Print(title + "\n" + std::string(commands::DisplayWidth(title), '=') + "\n\n");
  for (std::size_t i = 0; i < reading.blocks().size(); ++i) {
    const core::ReadingBlock& block = reading.blocks()[i];
    reading.Seen(i);  // printed now: how far the learner read is saved as it grows
    if (interactive && block.block->kind == core::LessonBlock::Kind::kWalkthrough) {
      interactive = PlayWalkthrough(lesson, *block.block, width, store);
      Print("\n");
    } else if (interactive && block.waiting() &&
               block.block->kind == core::LessonBlock::Kind::kCallout) {
      interactive = Reveal(reading, i, width);
    } else if (interactive && block.waiting()) {
      interactive = Ask(reading, i, width);
      Print("\n");
    } else {
      Print(core::FormatBlock(*block.block, width, true) + "\n");
    }
  }
  reading.Finish();
  if (!reading.store_problem().empty()) {
    std::fputs(("note: progress is not saved: " + reading.store_problem() + "\n").c_str(), stderr);
  }
}

}  // namespace

commands::HostCommand LessonsCommand() {
  return {"lessons", "List the lessons: id, title, minutes and learning modes.",
          [](CLI::App& command) {
            auto folder = std::make_shared<std::string>();
            command.add_option("folder", *folder,
                               "a folder of lessons (default: the shipped ones and yours)");
            return [folder](commands::CommandIo& io) {
              if (!folder->empty() && !Exists(*folder)) {
                io.err = "error: no lessons at " + *folder + "\n";
                return commands::kExitEngineError;
              }
              const core::ContentLibrary library = LessonLibrary(*folder);
              NoteProblems(library, io.err);
              const auto lessons = library.lessons();
              if (lessons.empty()) {
                io.err += "error: no usable lesson" +
                          (folder->empty() ? std::string() : " in " + *folder) +
                          " (give a folder, or set STAGECRAFT_LESSONS)\n";
                return commands::kExitEngineError;
              }
              commands::Table table({"ID", "Title", "Minutes", "Modes"});
              for (const core::Lesson* lesson : lessons) {
                table.AddRow({lesson->id, lesson->title,
                              lesson->minutes > 0 ? std::to_string(lesson->minutes) : "",
                              ModeList(*lesson)});
              }
              io.out = table.Render();
              if (core::WidestLine(io.out) > static_cast<std::size_t>(TerminalWidth())) {
                // Too wide for the terminal: a lesson per entry instead of a table.
                io.out.clear();
                for (const core::Lesson* lesson : lessons) {
                  io.out += lesson->id +
                            (lesson->minutes > 0 ? "  (" + std::to_string(lesson->minutes) +
                                                       " min)"
                                                 : std::string()) +
                            "\n" + core::Wrap(lesson->title, TerminalWidth(), "  ", "  ") +
                            core::Wrap("modes: " + ModeList(*lesson), TerminalWidth(), "  ",
                                       "         ");
                }
              }
              io.out += "\nShow one with: stagecraft lesson ID [--mode MODE]\n";
              return commands::kExitOk;
            };
          }};
}

commands::HostCommand LessonCommand() {
  struct Flags {
    std::string id;
    std::string mode;
    std::string folder;
    bool interactive = false;
    bool record = true;
  };
  return {"lesson",
          "Show a lesson in the terminal, all its modes or one (--mode), with its walkthrough run "
          "on the registry engine.",
          [](CLI::App& command) {
            auto flags = std::make_shared<Flags>();
            command.add_option("id", flags->id, "a lesson id, or a lesson file")->required();
            command.add_option("--mode", flags->mode,
                               "why, commands, deep-dive, step-by-step or complexity");
            command.add_option("--lessons", flags->folder,
                               "the lessons folder (default: the shipped ones and yours)");
            command.add_flag("--interactive", flags->interactive,
                             "wait for Enter (or a prediction's choice) before each reveal and ask "
                             "the questions, even when standard input is not a terminal");
            command.add_flag("--no-record", [flags](std::int64_t) { flags->record = false; },
                             "do not save the answers to your progress");
            return [flags](commands::CommandIo& io) {
              std::optional<core::LessonModeKind> mode;
              if (!flags->mode.empty()) {
                mode = core::LessonModeFromId(flags->mode);
                if (!mode) {
                  io.err = "error: --mode \"" + flags->mode +
                           "\" is not a learning mode (why, commands, deep-dive, step-by-step, complexity)\n";
                  return commands::kExitUsage;
                }
              }
              const bool is_file = fs::path(flags->id).extension() == ".md" && Exists(flags->id);
              if (!is_file && !flags->folder.empty() && !Exists(flags->folder)) {
                io.err = "error: no lessons at " + flags->folder +
                         " (give --lessons FOLDER, or set STAGECRAFT_LESSONS)\n";
                return commands::kExitEngineError;
              }
              const core::ContentLibrary library =
                  is_file ? core::ContentLibrary::LoadPaths({flags->id}) : LessonLibrary(flags->folder);
              NoteProblems(library, io.err);
              const auto lessons = library.lessons();
              const core::Lesson* lesson =
                  is_file ? (lessons.empty() ? nullptr : lessons.front()) : library.FindLesson(flags->id);
              if (lesson == nullptr) {
                std::string known;
                for (const core::Lesson* l : lessons) known += (known.empty() ? "" : ", ") + l->id;
                io.err += is_file ? "error: " + flags->id + " could not be loaded\n"
                                  : "error: no lesson \"" + flags->id + "\"" +
                                        (flags->folder.empty() ? "" : " in " + flags->folder) +
                                        (known.empty() ? "" : " (lessons: " + known + ")") + "\n";
                return commands::kExitEngineError;
              }
              if (mode && lesson->Mode(*mode) == nullptr) {
                io.err += "error: lesson \"" + lesson->id + "\" has no " + core::LessonModeId(*mode) +
                          " mode (it has: " + ModeList(*lesson) + ")\n";
                return commands::kExitEngineError;
              }
              const bool interactive = flags->interactive || InputIsTerminal();
              std::optional<core::ProgressStore> store;
              if (interactive && flags->record) store = OpenProgress(io.err);
              if (!io.err.empty()) {
                std::fputs(io.err.c_str(), stderr);
                io.err.clear();
              }
              const int width = TerminalWidth();
              for (const auto& m : lesson->modes) {
                if (!mode || m.kind == *mode) {
                  ShowMode(*lesson, m, width, interactive, store ? &*store : nullptr);
                }
              }
              if (!lesson->quiz_id.empty()) {
                io.out += "Practise: stagecraft quiz " + lesson->quiz_id + " --level easy\n";
              }
              return commands::kExitOk;
            };
          }};
}

}  // namespace stagecraft::app
