#include "cli/quiz.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <random>

#include "cli/content_folders.h"
#include "cli/terminal.h"
#include "core/content_files.h"
#include "core/progress.h"
#include "core/quiz_loader.h"
#include "core/quiz_session.h"

namespace stagecraft::app {
namespace {

struct QuizFlags {
  bool review = false;  // only the questions the progress store says are due
  std::string bank;  // a file, a folder, or a quiz id in the default bank
  std::string level = "mixed";
  std::string topic;
  int count = 10;
  std::int64_t seed = -1;  // -1: pick one
  int exam_minutes = 0;
  bool confidence = false;
  bool record = true;  // write attempts to the progress store
};

core::UnixTime NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Opens the learner's progress store, creating its folder; reports a moved-aside file.
std::optional<core::ProgressStore> OpenProgress(std::string& err) {
  const std::string path = core::DefaultProgressPath();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  auto store = core::ProgressStore::Open(path);
  if (!store.ok()) {
    err += "note: progress is not saved: " + store.status().message() + "\n";
    return std::nullopt;
  }
  if (!store->notice().empty()) err += "note: " + store->notice() + "\n";
  return std::move(*store);
}

// Loads the quizzes of a file or folder. Files with problems are skipped with a note on `err`:
// one bad file never keeps the others from being used.
std::vector<core::Quiz> LoadBank(const std::string& path, std::string& err) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::vector<std::string> files = std::filesystem::is_directory(path, ec)
                                             ? core::FilesUnder(path, ".json", "quiz.schema.json")
                                             : std::vector<std::string>{path};
  std::vector<core::Quiz> quizzes;
  for (const auto& file : files) {
    core::QuizLoad load = core::LoadQuizFile(file);
    if (!load.clean()) {
      err += "note: skipping " + file + ": " + std::to_string(load.problems.size()) +
             " problem(s); `stagecraft validate " + file + "` lists them\n";
      continue;
    }
    quizzes.push_back(std::move(*load.quiz));
  }
  return quizzes;
}

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (char c : text) {
    out += c;
    if (c == '\n') out += prefix;
  }
  return out;
}

std::string Letters(const std::vector<int>& shown) {
  std::string out;
  for (int i : shown) out += (out.empty() ? "" : ", ") + core::OptionLetter(i);
  return out;
}

int RunQuiz(const QuizFlags& flags, commands::CommandIo& io) {
  std::string path = flags.bank.empty() ? DefaultQuizBank() : flags.bank;
  std::string only_quiz;
  if (!flags.bank.empty() && !std::filesystem::exists(flags.bank)) {
    only_quiz = flags.bank;  // a quiz id in the default bank
    path = DefaultQuizBank();
  }
  if (!std::filesystem::exists(path)) {
    io.err += "error: no quiz bank at " + path + " (give a quiz file or folder, or set "
              "STAGECRAFT_QUIZZES)\n";
    return commands::kExitEngineError;
  }
  std::vector<core::Quiz> bank = LoadBank(path, io.err);
  if (!only_quiz.empty()) {
    std::erase_if(bank, [&](const core::Quiz& q) { return q.id != only_quiz; });
    if (bank.empty()) {
      io.err += "error: no quiz file or quiz id '" + only_quiz + "' (the bank is " + path + ")\n";
      return commands::kExitEngineError;
    }
  }
  if (bank.empty()) {
    io.err += "error: no usable quiz in " + path + "\n";
    return commands::kExitEngineError;
  }
  std::optional<core::ProgressStore> progress;
  if (flags.record || flags.review) {
    progress = OpenProgress(io.err);
    if (!io.err.empty()) {
      std::fputs(io.err.c_str(), stderr);
      io.err.clear();
    }
  }
  if (flags.review) {
    // Keep only the questions due now.
    if (!progress) return commands::kExitEngineError;
    auto due = progress->Due(NowSeconds());
    if (!due.ok()) {
      io.err += "error: " + due.status().message() + "\n";
      return commands::kExitEngineError;
    }
    for (auto& quiz : bank) {
      std::erase_if(quiz.questions, [&](const core::Question& q) {
        return std::none_of(due->begin(), due->end(), [&](const core::DueQuestion& d) {
          return d.quiz_id == quiz.id && d.question_id == q.id;
        });
      });
    }
    std::erase_if(bank, [](const core::Quiz& q) { return q.questions.empty(); });
    if (bank.empty()) {
      Print("Nothing is due for review. Missed questions come back here on their schedule.\n");
      return commands::kExitOk;
    }
  }
  core::SessionOptions options;
  options.level = core::ParseLevelChoice(flags.level).value_or(core::LevelChoice::kMixed);
  options.topic = flags.topic;
  options.count = flags.count;
  options.confidence = flags.confidence;
  options.seed = flags.seed >= 0 ? static_cast<std::uint64_t>(flags.seed) : std::random_device{}();
  auto started = core::QuizSession::Start(bank, options);
  if (!started.ok()) {
    io.err += "error: " + started.status().message() + "\n";
    return commands::kExitEngineError;
  }
  core::QuizSession& session = *started;
  const auto n = session.questions().size();
  std::int64_t session_id = 0;
  if (progress) {
    auto begun = progress->BeginSession(flags.review ? "review" : "quiz", NowSeconds());
    if (begun.ok()) session_id = *begun;
  }

  // Questions are printed as they are asked (a person reads them before answering), so this
  // command writes to stdout directly rather than collecting its output.
  Print("Quiz: " + std::to_string(n) + " question" + (n == 1 ? "" : "s") + ", level " +
        flags.level + (flags.topic.empty() ? "" : ", topic " + flags.topic) + ", seed " +
        std::to_string(options.seed) +
        (flags.exam_minutes > 0 ? ", exam of " + std::to_string(flags.exam_minutes) + " min" : "") +
        "\nAnswer with letters (A, or A,C when several are right); ? shows the hint.\n");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(flags.exam_minutes);
  while (!session.done()) {
    const core::SessionQuestion& q = session.current();
    const core::Question& source = *q.source;
    std::string text = "\nQuestion " + std::to_string(session.position() + 1) + "/" +
                       std::to_string(n) + "  [" + core::LevelName(source.level) + " - " +
                       source.topic + "]\n" + source.prompt + "\n";
    if (!source.code.empty()) text += Indent(source.code, "    ") + "\n";
    for (std::size_t i = 0; i < q.order.size(); ++i) {
      text += "  " + core::OptionLetter(static_cast<int>(i)) + ") " +
              q.Option(static_cast<int>(i)).text + "\n";
    }
    if (source.multiple) text += "(select all that apply)\n";
    Print(text);
    std::vector<int> chosen;
    std::string line;
    bool have_answer = false;
    int hints_used = 0;
    const auto asked_at = std::chrono::steady_clock::now();
    while (!have_answer) {
      Print("Answer: ");
      if (!ReadLine(&line)) break;
      if (line == "?") {
        Print(source.hint.empty() ? "No hint for this one.\n" : "Hint: " + source.hint + "\n");
        ++hints_used;
        continue;
      }
      auto parsed = session.ParseAnswer(line);
      if (!parsed.ok()) {
        Print(parsed.status().message() + "\n");
        continue;
      }
      chosen = *parsed;
      have_answer = true;
    }
    if (!have_answer) {
      Print("\n(no more input: the remaining questions count as unanswered)\n");
      session.Stop();
      break;
    }
    int confidence = 0;
    if (options.confidence) {
      while (true) {
        Print("How sure are you? 1 = guessing, 2 = fairly, 3 = certain: ");
        if (!ReadLine(&line)) break;
        if (line == "1" || line == "2" || line == "3") {
          confidence = line[0] - '0';
          break;
        }
      }
      if (confidence == 0) {
        session.Stop();
        break;
      }
    }
    auto graded = session.Answer(chosen, confidence);
    if (!graded.ok()) {
      io.err += "error: " + graded.status().message() + "\n";
      return commands::kExitEngineError;
    }
    if (progress && session_id != 0) {
      core::Attempt attempt;
      attempt.quiz_id = q.quiz_id;
      attempt.question_id = source.id;
      attempt.content_hash = core::ContentHash(source);
      attempt.topic = source.topic;
      attempt.level = core::LevelName(source.level);
      std::vector<int> in_file;
      for (int shown : graded->chosen) in_file.push_back(q.order[shown]);
      std::sort(in_file.begin(), in_file.end());
      for (int i : in_file) attempt.answer += (attempt.answer.empty() ? "" : ",") + core::OptionLetter(i);
      attempt.correct = graded->correct;
      attempt.confidence = graded->confidence;
      attempt.hints_used = hints_used;
      attempt.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - asked_at).count();
      attempt.when = NowSeconds();
      auto recorded = progress->Record(session_id, attempt);
      if (!recorded.ok()) std::fputs(("note: " + recorded.message() + "\n").c_str(), stderr);
    }
    std::string feedback = graded->correct ? "Correct." : "Not quite: the answer is " +
                                                              Letters(graded->answers) + ".";
    if (options.confidence) {
      feedback += " (" + std::string(graded->points >= 0 ? "+" : "") +
                  std::to_string(graded->points) + " points)";
    }
    feedback += "\n";
    for (const auto& f : graded->chosen_feedback) feedback += "  " + f + "\n";
    if (!source.solution.empty()) {
      feedback += "Solution:\n";
      for (std::size_t i = 0; i < source.solution.size(); ++i) {
        feedback += "  " + std::to_string(i + 1) + ". " + source.solution[i] + "\n";
      }
    }
    if (!graded->correct && !source.mistakes.empty()) {
      feedback += "Common mistakes:\n";
      for (const auto& m : source.mistakes) feedback += "  - " + m + "\n";
    }
    Print(feedback);
    if (flags.exam_minutes > 0 && std::chrono::steady_clock::now() > deadline && !session.done()) {
      Print("\nTime is up: the remaining questions count as unanswered.\n");
      session.Stop();
      break;
    }
  }
  const core::SessionResult result = session.Result();
  if (progress && session_id != 0) {
    (void)progress->EndSession(session_id, result.correct, result.total, NowSeconds());
  }
  std::string summary = "\nBy topic:\n";
  for (const auto& [topic, tally] : result.by_topic) {
    summary += "  " + topic + ": " + std::to_string(tally.correct) + "/" +
               std::to_string(tally.answered) + "\n";
  }
  summary += "By level:\n";
  for (const auto& [level, tally] : result.by_level) {
    summary += "  " + level + ": " + std::to_string(tally.correct) + "/" +
               std::to_string(tally.answered) + "\n";
  }
  if (options.confidence) {
    summary += "Certainty-based score: " + std::to_string(result.points) + " of " +
               std::to_string(result.max_points) + "\n";
  }
  summary += "Score: " + std::to_string(result.correct) + "/" + std::to_string(result.total) +
             " (" + std::to_string(result.percent) + "%)\n";
  Print(summary);
  return commands::kExitOk;
}

}  // namespace

commands::HostCommand ReviewCommand() {
  return {"review",
          "Review the questions you missed, as they fall due (SM-2 spaced repetition).",
          [](CLI::App& command) {
            auto flags = std::make_shared<QuizFlags>();
            flags->review = true;
            flags->count = 10000;
            command.add_option("bank", flags->bank, "a quiz file or folder (default: the bank)");
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
              auto stats = progress->Stats(NowSeconds());
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
                               "a quiz file, a folder of them, or a quiz id (default: the bank)");
            command.add_option("--level,-l", flags->level, "easy, medium, hard or mixed")
                ->check(CLI::IsMember({"easy", "medium", "hard", "mixed"}, CLI::ignore_case));
            command.add_option("--topic", flags->topic, "only questions of this topic");
            command.add_option("--count,-n", flags->count, "how many questions (default 10)")
                ->check(CLI::Range(1, 10000));
            command.add_option("--seed", flags->seed, "same seed, same questions and order")
                ->check(CLI::NonNegativeNumber);
            command.add_option("--exam", flags->exam_minutes,
                               "a timed exam: stop after this many minutes")
                ->check(CLI::Range(1, 600));
            command.add_flag("--no-record", [flags](std::int64_t) { flags->record = false; },
                             "do not save the answers to your progress");
            command.add_flag("--confidence", flags->confidence,
                             "say how sure you are (1-3) with each answer: certainty-based marks");
            return [flags](commands::CommandIo& io) { return RunQuiz(*flags, io); };
          }};
}

}  // namespace stagecraft::app
