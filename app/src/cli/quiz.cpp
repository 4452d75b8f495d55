// stagecraft quiz, review and stats: the terminal as a client of PracticeRun. Arguments in, the
// run's questions, feedback and result out; every rule (exam deadline, hints, grading,
// recording) is the run's.

#include "cli/quiz.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <random>

#include "cli/terminal.h"
#include "core/content_library.h"
#include "core/home.h"
#include "core/practice_run.h"
#include "core/progress.h"
#include "core/question_text.h"
#include "core/text_wrap.h"

namespace stagecraft::app {
namespace {

struct QuizFlags {
  core::RunKind kind = core::RunKind::kPractice;
  std::string bank;  // a file, a folder, or a quiz or lesson id
  std::string level = "mixed";
  std::string topic;
  int count = 10;
  std::int64_t seed = -1;  // -1: pick one
  int exam_minutes = 0;
  bool confidence = false;
  std::string scoring = "all-or-nothing";
  bool record = true;  // write attempts to the progress store
};

// The questions `selector` names: a quiz or lesson id in the library (every quiz when empty; for
// a review, every quiz and lesson), else a file or folder that exists. Files with problems are
// noted on `err` and passed over: one bad file never keeps the others from being used.
engine::Result<std::vector<core::Quiz>> LoadBank(const std::string& selector, bool review,
                                                 std::string& err) {
  core::ContentLibrary library = core::ContentLibrary::Load(core::DefaultContentFolders());
  std::error_code ec;
  // An id wins over a file or folder of the same name in the current directory.
  const bool is_path = !selector.empty() && library.FindQuiz(selector) == nullptr &&
                       library.FindLesson(selector) == nullptr &&
                       std::filesystem::exists(selector, ec);
  if (is_path) library = core::ContentLibrary::LoadPaths({selector});
  for (const auto& file : library.quiz_files()) {
    if (file.problems.empty()) continue;
    err += "note: skipping " + file.path + ": " + std::to_string(file.problems.size()) +
           " problem(s); `stagecraft validate " + file.path + "` lists them\n";
  }
  if (review && selector.empty()) return library.Everything();
  return library.Bank(is_path ? "" : selector);
}

// A seed for a session nobody asked to repeat: the system's random device, or the clock where
// it has none (std::random_device may throw).
std::uint64_t RandomSeed() {
  try {
    return std::random_device{}();
  } catch (const std::exception&) {
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
}

std::string Plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Flushes what has gathered on `err` to stderr now, so notes come before the questions.
void FlushNotes(std::string& err) {
  if (err.empty()) return;
  std::fputs(err.c_str(), stderr);
  err.clear();
}

// How far the learner got with each quiz and lesson (and each mode of a lesson), what is due,
// and where to continue.
std::string HomeText(const core::HomeSummary& home) {
  std::string out = "\nQuizzes and lessons:\n";
  auto line = [&](const std::string& name, int answered, int questions, int correct, int attempts,
                  int due) {
    out += "  " + name + ": " + std::to_string(answered) + " of " + std::to_string(questions) +
           " questions answered";
    if (attempts > 0) out += ", " + std::to_string(correct * 100 / attempts) + "% of answers right";
    if (due > 0) out += ", " + std::to_string(due) + " due";
    out += "\n";
  };
  for (const auto& card : home.quizzes) {
    line(card.quiz->id, card.answered, static_cast<int>(card.quiz->questions.size()), card.correct,
         card.attempts, card.due);
  }
  for (const auto& card : home.lessons) {
    line(card.lesson->id + " (lesson)", card.answered, card.questions, card.correct,
         card.attempts, card.due);
    // How far each mode was read, wrapped to the 80 columns the rest keeps to.
    std::string read;
    for (const auto& mode : card.modes) {
      read += (read.empty() ? "" : ", ") + std::string(core::LessonModeId(mode.kind)) + " " +
              (mode.done ? "done" : std::to_string(mode.percent) + "%");
    }
    if (!read.empty()) out += core::Wrap("read: " + read, 80, "    ", "      ");
  }
  if (home.due > 0) out += "Due for review now: " + std::to_string(home.due) + " (stagecraft review)\n";
  if (home.resume) {
    out += "Continue where you left off: stagecraft " +
           std::string(home.resume->lesson ? "lesson " : "quiz ") + home.resume->id;
    if (home.resume->mode) out += std::string(" --mode ") + core::LessonModeId(*home.resume->mode);
    out += "\n";
  }
  return out;
}

int RunQuiz(const QuizFlags& flags, commands::CommandIo& io) {
  auto bank = LoadBank(flags.bank, flags.kind == core::RunKind::kReview, io.err);
  if (!bank.ok()) {
    io.err += "error: " + bank.status().message() + "\n";
    return commands::kExitEngineError;
  }
  std::optional<core::ProgressStore> progress;
  if (flags.record || flags.kind == core::RunKind::kReview) progress = OpenProgress(io.err);
  FlushNotes(io.err);

  core::RunSettings settings;
  settings.kind = flags.kind;
  settings.exam_minutes = flags.exam_minutes;
  settings.selection.level =
      core::ParseLevelChoice(flags.level).value_or(core::LevelChoice::kMixed);
  settings.selection.topic = flags.topic;
  settings.selection.count = flags.count;
  settings.selection.confidence = flags.confidence;
  settings.selection.scoring =
      core::ParseScoring(flags.scoring).value_or(core::Scoring::kAllOrNothing);
  settings.selection.seed =
      flags.seed >= 0 ? static_cast<std::uint64_t>(flags.seed) : RandomSeed();
  auto started =
      core::PracticeRun::Start(std::move(*bank), settings, progress ? &*progress : nullptr);
  if (!started.ok()) {
    if (flags.kind == core::RunKind::kReview &&
        started.status().code() == engine::ErrorCode::kNotFound) {
      Print("Nothing is due for review. Missed questions come back here on their schedule.\n");
      return commands::kExitOk;
    }
    io.err += "error: " + started.status().message() + "\n";
    return commands::kExitEngineError;
  }
  core::PracticeRun& run = *started;
  const int width = TerminalWidth();

  // Questions are printed as they are asked (a person reads them before answering), so this
  // command writes to stdout directly rather than collecting its output.
  std::string intro = std::string(flags.kind == core::RunKind::kReview ? "Review" : "Quiz") +
                      ": " + Plural(run.count(), "question") + ", level " + flags.level +
                      (flags.topic.empty() ? "" : ", topic " + flags.topic) + ", seed " +
                      std::to_string(settings.selection.seed);
  if (flags.kind == core::RunKind::kExam) {
    intro += ", exam of " + std::to_string(flags.exam_minutes) +
             " min\nNo hints and no feedback until the end; an answer after the time is up "
             "is not accepted.\n";
  } else {
    intro += "\n? shows the hint.\n";
  }
  Print(intro + "Answer with letters (A, or A,C when several are right).\n");
  bool store_noted = false;
  while (!run.finished()) {
    if (run.CheckTime()) {
      Print("\nTime is up: the questions left count as unanswered.\n");
      break;
    }
    const core::SessionQuestion& question = run.current();
    const core::Question& source = *question.source;
    std::string header = "\nQuestion " + std::to_string(run.position() + 1) + "/" +
                         std::to_string(run.count()) + "  [" + core::LevelName(source.level) +
                         " - " + source.topic + "]";
    if (auto left = run.SecondsLeft()) header += "  time left " + core::FormatClock(*left);
    Print(header + "\n" + core::FormatQuestion(source, question.order, width));

    std::optional<std::vector<int>> chosen;
    std::string line;
    while (!chosen) {
      Print("Answer: ");
      if (!ReadLine(&line)) break;
      if (line == "?") {
        auto hint = run.Hint();
        Print(hint.ok() ? core::FormatHint(source, width) : hint.status().message() + "\n");
        continue;
      }
      auto parsed = run.ParseAnswer(line);
      if (parsed.ok()) {
        chosen = std::move(*parsed);
      } else {
        Print(parsed.status().message() + "\n");
      }
    }
    int confidence = 0;
    while (chosen && flags.confidence && confidence == 0) {
      Print("How sure are you? 1 = guessing, 2 = fairly, 3 = certain: ");
      if (!ReadLine(&line)) break;
      if (line == "1" || line == "2" || line == "3") confidence = line[0] - '0';
    }
    if (!chosen || (flags.confidence && confidence == 0)) {
      Print("\n(no more input: the questions left count as unanswered)\n");
      run.Finish();
      break;
    }
    auto outcome = run.Submit(*chosen, confidence);
    if (!outcome.ok()) {
      io.err += "error: " + outcome.status().message() + "\n";
      return commands::kExitEngineError;
    }
    if (!outcome->accepted) {
      Print("Time is up: that answer came after the deadline and was not accepted.\n");
      break;
    }
    if (outcome->feedback) {
      std::string text = core::FormatFeedback(source, *outcome->feedback, width);
      if (outcome->next_review) {
        text += core::FormatNextReview(*outcome->next_review, core::RunClock::System().now());
      }
      Print(text);
      (void)run.Next();
    }
    if (!run.store_problem().empty() && !store_noted) {
      std::fputs(("note: progress is not saved: " + run.store_problem() + "\n").c_str(), stderr);
      store_noted = true;
    }
  }
  run.Finish();
  Print(core::FormatRunResult(run.Result(), width));
  return commands::kExitOk;
}

}  // namespace

commands::HostCommand ReviewCommand() {
  return {"review",
          "Review the questions you missed, as they fall due (SM-2 spaced repetition).",
          [](CLI::App& command) {
            auto flags = std::make_shared<QuizFlags>();
            flags->kind = core::RunKind::kReview;
            flags->count = 10000;
            command.add_option("bank", flags->bank,
                               "a quiz file or folder, or a quiz or lesson id (default: all)");
            command.add_option("--count,-n", flags->count, "at most this many questions")
                ->check(CLI::Range(1, 10000));
            command.add_option("--seed", flags->seed, "same seed, same order")
                ->check(CLI::NonNegativeNumber);
            return [flags](commands::CommandIo& io) { return RunQuiz(*flags, io); };
          }};
}

commands::HostCommand StatsCommand() {
  return {"stats", "Your accuracy by topic and level, streak and recent answers.",
          [](CLI::App&) {
            return [](commands::CommandIo& io) {
              auto progress = OpenProgress(io.err);
              if (!progress) return commands::kExitEngineError;
              auto stats = progress->Stats(core::RunClock::System().now());
              if (!stats.ok()) {
                io.err += "error: " + stats.status().message() + "\n";
                return commands::kExitEngineError;
              }
              auto percent = [](int correct, int attempts) {
                return attempts == 0 ? std::string("-")
                                     : std::to_string(correct * 100 / attempts) + "%";
              };
              std::string& out = io.out;
              out += "Answers: " + std::to_string(stats->attempts) + ", correct " +
                     std::to_string(stats->correct) + " (" +
                     percent(stats->correct, stats->attempts) + ") in " +
                     std::to_string(stats->sessions) + " session(s); streak: " +
                     std::to_string(stats->streak_days) + " day(s)\n";
              auto table = [&](const char* title, const std::vector<core::AccuracyRow>& rows) {
                out += std::string("\n") + title + "\n";
                for (const auto& row : rows) {
                  out += "  " + row.key + ": " + std::to_string(row.correct) + "/" +
                         std::to_string(row.attempts) + " (" + percent(row.correct, row.attempts) +
                         ")\n";
                }
              };
              table("By topic:", stats->by_topic);
              table("By level:", stats->by_level);
              if (!stats->recent.empty()) {
                out += "\nRecent answers:\n";
                for (const auto& a : stats->recent) {
                  out += std::string("  ") + (a.correct ? "right  " : "wrong  ") + a.quiz_id + "/" +
                         a.question_id + " (" + a.level + ")\n";
                }
              }
              out += HomeText(core::BuildHome(
                  core::ContentLibrary::Load(core::DefaultContentFolders()), &*progress,
                  core::RunClock::System().now()));
              return commands::kExitOk;
            };
          }};
}

commands::HostCommand QuizCommand() {
  return {"quiz",
          "Take a quiz in the terminal: one question at a time, answers as letters on standard "
          "input, feedback after each, and the score last.",
          [](CLI::App& command) {
            auto flags = std::make_shared<QuizFlags>();
            command.add_option("bank", flags->bank,
                               "a quiz file, a folder of them, or a quiz or lesson id "
                               "(default: every quiz)");
            command.add_option("--level,-l", flags->level, "easy, medium, hard or mixed")
                ->check(CLI::IsMember({"easy", "medium", "hard", "mixed"}, CLI::ignore_case));
            command.add_option("--topic", flags->topic, "only questions of this topic");
            command.add_option("--count,-n", flags->count, "how many questions (default 10)")
                ->check(CLI::Range(1, 10000));
            command.add_option("--seed", flags->seed, "same seed, same questions and order")
                ->check(CLI::NonNegativeNumber);
            command
                .add_option_function<int>(
                    "--exam",
                    [flags](int minutes) {
                      flags->exam_minutes = minutes;
                      flags->kind = core::RunKind::kExam;
                    },
                    "a timed exam of this many minutes: no hints or feedback until the end")
                ->check(CLI::Range(1, 600));
            command.add_option("--scoring", flags->scoring,
                               "all-or-nothing (default) or partial: select-all answers earn "
                               "1/k per right option and lose 1/k per wrong one, never below 0")
                ->check(CLI::IsMember({"all-or-nothing", "partial"}, CLI::ignore_case));
            command.add_flag("--no-record", [flags](std::int64_t) { flags->record = false; },
                             "do not save the answers to your progress");
            command.add_flag("--confidence", flags->confidence,
                             "say how sure you are (1-3) with each answer: certainty-based marks");
            return [flags](commands::CommandIo& io) { return RunQuiz(*flags, io); };
          }};
}

}  // namespace stagecraft::app
