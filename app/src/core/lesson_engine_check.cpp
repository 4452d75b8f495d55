// Checking a lesson on the registry engine: console blocks' expected output, the walkthrough's
// expected refusals and quiz blocks' verify (CheckLessonOnEngine), running a walkthrough
// (RunWalkthrough) and the status tracker drawn beside it (TrackStatus). Declared in
// lesson_loader.h.

#include <algorithm>

#include "core/json_positions.h"
#include "core/lesson_loader.h"
#include "core/markdown_tree.h"  // SplitLines

namespace stagecraft::core {

namespace {

// Lines with trailing spaces removed and final blank lines dropped: how console output compares.
std::vector<std::string> OutputLines(std::string_view text) {
  std::vector<std::string> out;
  for (auto line : SplitLines(text)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    out.emplace_back(line);
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

}  // namespace

engine::Result<commands::ScenarioRun> RunWalkthrough(
    const std::vector<WalkthroughStep>& steps) {
  std::vector<commands::ScriptLine> lines;
  lines.reserve(steps.size());
  for (const auto& step : steps) lines.push_back(commands::ScriptLine{step.line, step.command});
  return commands::RunScenario(lines);
}

std::vector<QuizProblem> CheckLessonOnEngine(const Lesson& lesson) {
  std::vector<QuizProblem> problems;
  auto report = [&](int line, std::string where, std::string message) {
    problems.push_back(QuizProblem{lesson.path, line, 1, std::move(where), std::move(message)});
  };

  // Console blocks: each mode on its own fresh registry.
  for (const auto& mode : lesson.modes) {
    std::vector<const ConsoleCommand*> commands_in_mode;
    ForEachBlock(mode.blocks, [&](const LessonBlock& block) {
      for (const auto& command : block.console) commands_in_mode.push_back(&command);
    });
    if (commands_in_mode.empty()) continue;
    std::vector<commands::ScriptLine> script;
    for (const auto* command : commands_in_mode) {
      script.push_back(commands::ScriptLine{command->line, command->command});
    }
    auto run = commands::RunScenario(script);
    if (!run.ok()) {
      report(mode.line, "console", "the registry could not run the commands: " + run.status().message());
      continue;
    }
    for (std::size_t i = 0; i < run->size() && i < commands_in_mode.size(); ++i) {
      const auto& step = (*run)[i];
      const ConsoleCommand& command = *commands_in_mode[i];
      if (step.usage_error) {
        report(command.line, "console",
               "`" + command.command + "` is not a Stagecraft registry command: " + step.error);
        continue;
      }
      const std::string printed = step.ok ? step.output : "error: " + step.error + "\n";
      const auto got = OutputLines(printed);
      const auto want = OutputLines(command.expected);
      if (got == want) continue;
      const std::string shown = "`" + command.command + "` ";
      std::size_t at = 0;
      while (at < got.size() && at < want.size() && got[at] == want[at]) ++at;
      std::string message;
      if (at < got.size() && at < want.size()) {
        message = shown + "printed " + JsonString(got[at]) + " where the lesson expects " +
                  JsonString(want[at]) + " (line " + std::to_string(at + 1) + " of its output)";
      } else if (at < got.size()) {
        message = shown + "printed more than the lesson expects: line " + std::to_string(at + 1) +
                  " is " + JsonString(got[at]);
      } else {
        message = shown + "printed less than the lesson expects: line " + std::to_string(at + 1) +
                  " should be " + JsonString(want[at]) + (got.empty() ? " but it printed nothing" : "");
      }
      report(command.line, "console", message);
    }
  }

  // The walkthrough: refusals where (and only where) the narration expects them.
  const LessonBlock* walkthrough = lesson.Walkthrough();
  // Run once: quiz blocks with "after-step" start from copies of its states.
  engine::Result<commands::ScenarioRun> run = engine::Status::NotFound("no walkthrough");
  if (walkthrough != nullptr && !walkthrough->steps.empty()) {
    run = RunWalkthrough(walkthrough->steps);
    if (!run.ok()) {
      report(walkthrough->line, "walkthrough", "the registry could not run it: " + run.status().message());
    } else {
      for (std::size_t i = 0; i < run->size(); ++i) {
        const auto& step = (*run)[i];
        const WalkthroughStep& expected = walkthrough->steps[i];
        const std::string where = "walkthrough step " + std::to_string(i + 1);
        if (step.usage_error) {
          report(expected.line, where,
                 "`" + expected.command + "` is not a Stagecraft registry command: " + step.error);
        } else if (!step.ok && !expected.expect_refused) {
          report(expected.line, where,
                 "was refused (" + step.error + "); mark it \"# expect: refused\" if that is the point");
        } else if (step.ok && expected.expect_refused) {
          report(expected.line, where, "is marked \"# expect: refused\" but the registry accepted it");
        }
      }
    }
  }

  // Quiz blocks: their verify, after the walkthrough's first steps where they ask for them.
  ForEachQuestion(lesson, [&](const Question& question) {
    if (!question.verify) return;
    Quiz quiz;
    quiz.path = lesson.path;
    quiz.id = lesson.id;
    quiz.topic = lesson.topic;
    quiz.questions.push_back(question);
    const VerifyBlock& verify = *quiz.questions[0].verify;
    VerifyStart start;
    if (verify.after_step > 0) {
      if (walkthrough == nullptr || static_cast<std::size_t>(verify.after_step) > walkthrough->steps.size()) {
        return;  // reported when the lesson was loaded
      }
      if (!run.ok()) return;  // reported with the walkthrough
      start = VerifyStart{&*run, static_cast<std::size_t>(verify.after_step)};
    }
    for (auto& problem : VerifyQuestion(quiz, 0, start)) {
      problem.path = "quiz[" + question.id + "].verify";
      problem.column = 1;
      problems.push_back(std::move(problem));
    }
  });
  return problems;
}

StatusTracker TrackStatus(const commands::ScenarioRun& run) {
  // Folds each step's touched versions (every version whose stage or aliases changed is among
  // them) into the stage and aliases of every version, a row per step.
  StatusTracker tracker;
  std::vector<std::pair<std::string, std::int64_t>> keys;  // tracker.versions' order
  std::vector<std::string> current;                        // the row being built
  tracker.cells.emplace_back();
  for (const auto& step : run) {
    std::vector<std::pair<std::string, std::int64_t>> appeared;
    for (const auto& touched : step.touched) {
      const auto key = std::make_pair(touched.model_name, touched.version);
      if (touched.exists && std::find(keys.begin(), keys.end(), key) == keys.end() &&
          std::find(appeared.begin(), appeared.end(), key) == appeared.end()) {
        appeared.push_back(key);
      }
    }
    std::sort(appeared.begin(), appeared.end());  // the registry's order: model, then version
    for (const auto& key : appeared) {
      keys.push_back(key);
      tracker.versions.push_back(key.first + " v" + std::to_string(key.second));
      current.push_back("—");
    }
    for (const auto& touched : step.touched) {
      const auto at = std::find(keys.begin(), keys.end(),
                                std::make_pair(touched.model_name, touched.version));
      if (at == keys.end()) continue;
      std::string cell = touched.exists ? touched.stage : "—";
      for (const auto& alias : touched.aliases) cell += " @" + alias;
      current[static_cast<std::size_t>(at - keys.begin())] = std::move(cell);
    }
    tracker.cells.push_back(current);
  }
  // One cell per version in every row: a version's column comes after those of the versions
  // before it, so the rows built before it existed are padded with "—" at the end.
  for (auto& row : tracker.cells) row.resize(keys.size(), "—");
  return tracker;
}

}  // namespace stagecraft::core
