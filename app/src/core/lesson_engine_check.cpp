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

engine::Result<std::vector<commands::ScenarioStep>> RunWalkthrough(
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
  if (walkthrough != nullptr && !walkthrough->steps.empty()) {
    auto run = RunWalkthrough(walkthrough->steps);
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
    VerifyBlock& verify = *quiz.questions[0].verify;
    if (verify.after_step > 0) {
      if (walkthrough == nullptr || static_cast<std::size_t>(verify.after_step) > walkthrough->steps.size()) {
        return;  // reported when the lesson was loaded
      }
      std::vector<std::string> setup;
      for (int i = 0; i < verify.after_step; ++i) {
        // A refused step changes nothing, so leaving it out gives the same registry.
        if (!walkthrough->steps[static_cast<std::size_t>(i)].expect_refused) {
          setup.push_back(walkthrough->steps[static_cast<std::size_t>(i)].command);
        }
      }
      setup.insert(setup.end(), verify.setup.begin(), verify.setup.end());
      verify.setup = std::move(setup);
      verify.after_step = 0;
    }
    for (auto& problem : VerifyQuestion(quiz, 0)) {
      problem.path = "quiz[" + question.id + "].verify";
      problem.column = 1;
      problems.push_back(std::move(problem));
    }
  });
  return problems;
}

StatusTracker TrackStatus(const std::vector<commands::ScenarioStep>& run) {
  StatusTracker tracker;
  std::vector<std::pair<std::string, std::int64_t>> keys;
  for (const auto& step : run) {
    for (const auto& v : step.state->versions) {
      const auto key = std::make_pair(v.model_name, v.version);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        keys.push_back(key);
        tracker.versions.push_back(v.model_name + " v" + std::to_string(v.version));
      }
    }
  }
  tracker.cells.emplace_back(keys.size(), "—");
  for (const auto& step : run) {
    std::vector<std::string> row(keys.size(), "—");
    for (const auto& v : step.state->versions) {
      const auto at = std::find(keys.begin(), keys.end(), std::make_pair(v.model_name, v.version));
      std::string cell = v.stage;
      for (const auto& alias : v.aliases) cell += " @" + alias;
      row[static_cast<std::size_t>(at - keys.begin())] = cell;
    }
    tracker.cells.push_back(std::move(row));
  }
  return tracker;
}

}  // namespace stagecraft::core
