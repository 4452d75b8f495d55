// stagecraft quiz, review and stats: the terminal as a client of PracticeRun. Arguments in, the
// run's questions, feedback and result out; every rule (exam deadline, hints, grading,
// recording) is the run's.

#include "cli/quiz.h"

#include <CLI/CLI.hpp>
#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cli/terminal.h"
#include "core/content_library.h"
#include "core/home.h"
#include "core/practice_run.h"
#include "core/progress.h"
#include "core/question_text.h"
#include "core/readiness.h"
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

// `text` padded with spaces to `width` bytes on the left (right-aligned) or right.
std::string PadLeft(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}
std::string PadRight(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

// `text` cut to at most `width` bytes, ending in "..." when cut, never inside a UTF-8 character.
std::string Fit(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  std::size_t end = width - 3;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

// A rate 0..1 as a whole percentage, rounded: "67"; "-" for none.
std::string PercentNumber(std::optional<double> rate) {
  return rate ? std::to_string(static_cast<int>(*rate * 100 + 0.5)) : std::string("-");
}
std::string Percent(std::optional<double> rate) {
  return rate ? PercentNumber(rate) + "%" : std::string("-");
}

// The readiness figures at 80 columns: the heatmap as a table (topics as rows; per level the
// accuracy and how many questions were answered of how many there are; due now), calibration,
// score history and the forecast.
std::string ReadinessText(const core::Readiness& r) {
  std::string out =
      "\nReadiness by topic and level (% of answers right, questions answered of all):\n";
  constexpr std::size_t kTopic = 24, kCell = 15, kDue = 6;
  out += "  " + PadRight("topic", kTopic) + PadLeft("easy", kCell) + PadLeft("medium", kCell) +
         PadLeft("hard", kCell) + PadLeft("due", kDue) + "\n";
  auto row = [&](const std::string& name, const std::array<core::HeatCell, 3>& levels, int due) {
    out += "  " + PadRight(Fit(name, kTopic - 1), kTopic);
    for (const core::HeatCell& cell : levels) {
      if (cell.questions == 0) {
        out += PadLeft("-", kCell);
        continue;
      }
      out +=
          PadLeft(Percent(cell.accuracy()), 5) +
          PadLeft(std::to_string(cell.answered) + "/" + std::to_string(cell.questions), kCell - 5);
    }
    out += PadLeft(std::to_string(due), kDue) + "\n";
  };
  std::array<core::HeatCell, 3> all{};
  for (const core::HeatRow& topic : r.heatmap) {
    row(topic.topic, topic.levels, topic.total.due);
    for (std::size_t i = 0; i < 3; ++i) {
      all[i].questions += topic.levels[i].questions;
      all[i].answered += topic.levels[i].answered;
      all[i].attempts += topic.levels[i].attempts;
      all[i].correct += topic.levels[i].correct;
    }
  }
  if (r.heatmap.empty()) {
    out += "  (no questions: no quiz or lesson was found)\n";
  } else {
    row("all topics", all, r.heat_total.due);
  }

  out +=
      "\nConfidence calibration: each level pays best when right at the rate beside it,\n"
      "so a calibrated learner's answers fall there (95%: where your rate likely lies):\n";
  const std::string low = Percent(core::BreakEven(1)), high = Percent(core::BreakEven(2));
  const std::string names[] = {
      "1 guessing <" + low + ":",
      "2 fairly sure " + PercentNumber(core::BreakEven(1)) + "-" + high + ":",
      "3 certain >" + high + ":"};
  bool any = false;
  for (const core::CalibrationRow& cal : r.calibration) {
    std::string line = "  " + PadRight(names[cal.confidence - 1], 21) +
                       PadLeft(std::to_string(cal.answers), 4) + " answers";
    if (cal.rate) {
      any = true;
      line += ", " + Percent(cal.rate) + " right (95%: " + PercentNumber(cal.interval_low) + "-" +
              Percent(cal.interval_high) + "): " + core::CalibrationVerdictName(cal.verdict);
    }
    out += line + "\n";
  }
  if (!any) out += "  (no answers with a confidence yet: stagecraft quiz --confidence)\n";

  out += "\nScore history (% of the questions asked, oldest first):\n";
  bool sessions = false;
  for (const core::BankHistory& bank : r.history) {
    if (bank.scores.empty()) continue;
    sessions = true;
    const std::string head = "  " + Fit(bank.id + (bank.lesson ? " (lesson)" : ""), 30) + ":";
    std::vector<std::string> scores;
    for (const core::PastScore& score : bank.scores) {
      scores.push_back(score.asked == 0 ? "-"
                                        : std::to_string(score.correct * 100 / score.asked) + "%");
    }
    // The newest that fit in 80 columns; "..." says older ones were left out.
    std::size_t first = 0;
    auto length = [&](std::size_t from) {
      std::size_t n = head.size() + (from > 0 ? 4 : 0);
      for (std::size_t i = from; i < scores.size(); ++i) n += 1 + scores[i].size();
      return n;
    };
    while (first + 1 < scores.size() && length(first) > 80) ++first;
    std::string line = head + (first > 0 ? " ..." : "");
    for (std::size_t i = first; i < scores.size(); ++i) line += " " + scores[i];
    out += line + "\n";
  }
  if (!sessions) out += "  (no sessions yet)\n";

  out += "\nReviews coming due in the next 7 days (today's include the overdue):\n ";
  for (const core::ForecastDay& day : r.forecast) {
    std::string name = "today";
    if (day.day > 0) {
      const std::time_t local = static_cast<std::time_t>(day.start + r.utc_offset_seconds);
      std::tm tm{};
      gmtime_r(&local, &tm);
      char buffer[8];
      std::strftime(buffer, sizeof buffer, "%a", &tm);
      name = buffer;
    }
    out += " " + name + " " + std::to_string(day.due) + ",";
  }
  out += " later " + std::to_string(r.due_later) + "\n";
  return out;
}

// The offset of local time from UTC at `now`, in seconds (0 when it cannot be told).
int LocalUtcOffset(core::UnixTime now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  if (localtime_r(&t, &tm) == nullptr) return 0;
  return static_cast<int>(tm.tm_gmtoff);
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
  return {"stats",
          "Your accuracy, streak, readiness by topic and level, confidence calibration, score "
          "history and the reviews due in the next 7 days.",
          [](CLI::App& command) {
            auto json = std::make_shared<bool>(false);
            command.add_flag("--json", *json, "print every figure as JSON (fields: README)");
            return [json](commands::CommandIo& io) {
              auto progress = OpenProgress(io.err);
              if (!progress) return commands::kExitEngineError;
              const core::UnixTime now = core::RunClock::System().now();
              const core::ContentLibrary library =
                  core::ContentLibrary::Load(core::DefaultContentFolders());
              core::ReadinessOptions options;
              options.utc_offset_seconds = LocalUtcOffset(now);
              auto readiness = core::BuildReadiness(library, *progress, now, options);
              if (!readiness.ok()) {
                io.err += "error: " + readiness.status().message() + "\n";
                return commands::kExitEngineError;
              }
              if (*json) {
                io.out += core::ReadinessJson(*readiness);
                return commands::kExitOk;
              }
              const core::ProgressStats* stats = &readiness->totals;
              auto percent = [](int correct, int attempts) {
                return attempts == 0 ? std::string("-")
                                     : std::to_string(correct * 100 / attempts) + "%";
              };
              std::string& out = io.out;
              out += "Answers: " + std::to_string(stats->attempts) + ", correct " +
                     std::to_string(stats->correct) + " (" +
                     percent(stats->correct, stats->attempts) + ") in " +
                     std::to_string(stats->sessions) +
                     " session(s); streak: " + std::to_string(stats->streak_days) + " day(s)\n";
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
              out += HomeText(core::BuildHome(library, &*progress, now));
              out += ReadinessText(*readiness);
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
