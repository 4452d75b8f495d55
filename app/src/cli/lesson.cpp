#include "cli/lesson.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/content_folders.h"
#include "cli/terminal.h"
#include "core/content_files.h"
#include "core/lesson_loader.h"
#include "core/lesson_text.h"
#include "core/quiz_session.h"
#include "stagecraft/commands/table.h"

namespace stagecraft::app {
namespace {

namespace fs = std::filesystem;

// The lesson files of a folder (or the one file given), sorted.
std::vector<std::string> LessonFiles(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  return core::FilesUnder(path, ".md", "README.md");
}

// Loads the lessons of `folder`; a file with problems is still used when it loaded, with a note.
std::vector<core::Lesson> LoadLessons(const std::string& folder, std::string& err) {
  std::vector<core::Lesson> lessons;
  for (const auto& file : LessonFiles(folder)) {
    core::LessonLoad load = core::LoadLessonFile(file);
    if (!load.problems.empty()) {
      err += "note: " + file + " has " + std::to_string(load.problems.size()) +
             " problem(s); `stagecraft validate " + file + "` lists them\n";
    }
    if (load.lesson) lessons.push_back(std::move(*load.lesson));
  }
  return lessons;
}

std::string ModeList(const core::Lesson& lesson) {
  std::string out;
  for (const auto& mode : lesson.modes) {
    out += (out.empty() ? "" : ", ") + std::string(core::LessonModeId(mode.kind));
  }
  return out;
}

// The terminal's width: the window's when standard output is a terminal, else $COLUMNS, else 80.
int TerminalWidth() {
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 40) {
    return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    const int width = std::atoi(columns);
    if (width >= 40) return width;
  }
  return 80;
}

// Asks a question and gives feedback; false when the input ended.
bool Ask(const core::Question& question, int width) {
  Print(core::FormatQuestion(question, width, "Question: "));
  std::optional<std::vector<int>> chosen;
  while (!chosen) {
    Print(question.multiple ? "Your answer (letters): " : "Your answer: ");
    std::string line;
    if (!ReadLine(&line)) {
      Print("\n" + core::FormatAnswer(question, width));
      return false;
    }
    auto parsed = core::ParseAnswerLetters(line, question.options.size(), question.multiple);
    if (parsed.ok()) {
      chosen = std::move(*parsed);
    } else {
      Print(parsed.status().message() + "\n");
    }
  }
  Print(*chosen == question.answers ? "Correct.\n" : "Not quite.\n");
  for (int index : *chosen) {
    const auto& feedback = question.options[static_cast<std::size_t>(index)].feedback;
    if (!feedback.empty()) Print("  " + core::OptionLetter(index) + ": " + feedback + "\n");
  }
  Print(core::FormatAnswer(question, width));
  return true;
}

// Prints one mode; interactive blocks wait for input while there is any.
void ShowMode(const core::Lesson& lesson, const core::LessonMode& mode, int width, bool interactive) {
  const std::string title = lesson.title + ": " + core::LessonModeHeading(mode.kind);
  Print(title + "\n" + std::string(commands::DisplayWidth(title), '=') + "\n\n");
  for (const auto& block : mode.blocks) {
    using Kind = core::LessonBlock::Kind;
    if (interactive && block.kind == Kind::kCallout && !block.reveal.empty()) {
      Print(core::FormatBlock(block, width, false) + "(Enter to reveal) ");
      std::string line;
      if (!ReadLine(&line)) {
        interactive = false;
        Print("\n");
      }
      Print(core::FormatReveal(block, width) + "\n");
    } else if (interactive && block.kind == Kind::kQuiz && block.question) {
      if (!Ask(*block.question, width)) interactive = false;
      Print("\n");
    } else {
      Print(core::FormatBlock(block, width, true) + "\n");
    }
  }
}

}  // namespace

commands::HostCommand LessonsCommand() {
  return {"lessons", "List the lessons: id, title, minutes and learning modes.",
          [](CLI::App& command) {
            auto folder = std::make_shared<std::string>();
            command.add_option("folder", *folder, "a folder of lessons (default: the shipped ones)");
            return [folder](commands::CommandIo& io) {
              const std::string path = folder->empty() ? DefaultLessonFolder() : *folder;
              std::error_code ec;
              if (!fs::exists(path, ec)) {
                io.err = "error: no lessons at " + path + " (give a folder, or set STAGECRAFT_LESSONS)\n";
                return commands::kExitEngineError;
              }
              const auto lessons = LoadLessons(path, io.err);
              if (lessons.empty()) {
                io.err += "error: no usable lesson in " + path + "\n";
                return commands::kExitEngineError;
              }
              std::vector<std::vector<std::string>> rows;
              for (const auto& lesson : lessons) {
                rows.push_back({lesson.id, lesson.title,
                                lesson.minutes > 0 ? std::to_string(lesson.minutes) : "",
                                ModeList(lesson)});
              }
              commands::Table table({"ID", "Title", "Minutes", "Modes"});
              for (auto& row : rows) table.AddRow(std::move(row));
              io.out = table.Render();
              io.out += "\nShow one with: stagecraft lesson ID [--mode why|commands|deep-dive|step-by-step|complexity]\n";
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
  };
  return {"lesson",
          "Show a lesson in the terminal, all its modes or one (--mode), with its walkthrough run "
          "on the registry engine.",
          [](CLI::App& command) {
            auto flags = std::make_shared<Flags>();
            command.add_option("id", flags->id, "a lesson id, or a lesson file")->required();
            command.add_option("--mode", flags->mode,
                               "why, commands, deep-dive, step-by-step or complexity");
            command.add_option("--lessons", flags->folder, "the lessons folder (default: the shipped ones)");
            command.add_flag("--interactive", flags->interactive,
                             "wait for Enter before each reveal and ask the questions, even when "
                             "standard input is not a terminal");
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
              std::error_code ec;
              std::vector<core::Lesson> lessons;
              if (fs::path(flags->id).extension() == ".md" && fs::exists(flags->id, ec)) {
                lessons = LoadLessons(flags->id, io.err);
              } else {
                const std::string folder = flags->folder.empty() ? DefaultLessonFolder() : flags->folder;
                if (!fs::exists(folder, ec)) {
                  io.err = "error: no lessons at " + folder +
                           " (give --lessons FOLDER, or set STAGECRAFT_LESSONS)\n";
                  return commands::kExitEngineError;
                }
                lessons = LoadLessons(folder, io.err);
                std::string known;
                for (const auto& lesson : lessons) known += (known.empty() ? "" : ", ") + lesson.id;
                std::erase_if(lessons, [&](const core::Lesson& l) { return l.id != flags->id; });
                if (lessons.empty()) {
                  io.err += "error: no lesson \"" + flags->id + "\" in " + folder +
                            (known.empty() ? "" : " (lessons: " + known + ")") + "\n";
                  return commands::kExitEngineError;
                }
              }
              if (lessons.empty()) {
                io.err += "error: " + flags->id + " could not be loaded\n";
                return commands::kExitEngineError;
              }
              const core::Lesson& lesson = lessons.front();
              if (mode && lesson.Mode(*mode) == nullptr) {
                io.err += "error: lesson \"" + lesson.id + "\" has no " + core::LessonModeId(*mode) +
                          " mode (it has: " + ModeList(lesson) + ")\n";
                return commands::kExitEngineError;
              }
              if (!io.err.empty()) {
                std::fputs(io.err.c_str(), stderr);
                io.err.clear();
              }
              const bool interactive = flags->interactive || isatty(STDIN_FILENO) != 0;
              const int width = TerminalWidth();
              for (const auto& m : lesson.modes) {
                if (!mode || m.kind == *mode) ShowMode(lesson, m, width, interactive);
              }
              if (!lesson.quiz_id.empty()) {
                io.out += "Practise: stagecraft quiz " + lesson.quiz_id + " --level easy\n";
              }
              return commands::kExitOk;
            };
          }};
}

}  // namespace stagecraft::app
