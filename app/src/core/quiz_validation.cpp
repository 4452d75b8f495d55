// Validation across files, and the engine-checked answers of `verify` blocks.

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/content_files.h"
#include "core/json_positions.h"
#include "core/quiz_loader.h"
#include "stagecraft/commands/scenario.h"

namespace stagecraft::core {
namespace {

std::vector<commands::ScriptLine> AsScript(const std::vector<std::string>& commands) {
  std::vector<commands::ScriptLine> lines;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    lines.push_back(commands::ScriptLine{static_cast<int>(i + 1), commands[i]});
  }
  return lines;
}

std::string Letters(const std::vector<int>& indexes) {
  std::string out;
  for (int i : indexes) out += (out.empty() ? "" : ", ") + OptionLetter(i);
  return out.empty() ? "none" : out;
}

}  // namespace

std::vector<QuizProblem> VerifyQuestion(const Quiz& quiz, std::size_t index) {
  const Question& question = quiz.questions[index];
  std::vector<QuizProblem> problems;
  if (!question.verify) return problems;
  const VerifyBlock& verify = *question.verify;
  const std::string path = MemberPath(ElementPath("questions", question.index_in_file), "verify");
  auto report = [&](std::string message) {
    problems.push_back(
        QuizProblem{quiz.path, verify.line, verify.column, path, std::move(message)});
  };
  if (verify.after_step > 0) {
    report("\"after-step\" names a walkthrough step: only a lesson's quiz block has one");
    return problems;
  }
  // Runs setup (plus `extra`) and reports a setup step that failed.
  auto run = [&](std::vector<std::string> commands)
      -> std::optional<std::vector<commands::ScenarioStep>> {
    auto steps = commands::RunScenario(AsScript(commands));
    if (!steps.ok()) {
      report("the registry could not run the setup: " + steps.status().message());
      return std::nullopt;
    }
    for (std::size_t i = 0; i < verify.setup.size() && i < steps->size(); ++i) {
      if (!(*steps)[i].ok) {
        report("setup[" + std::to_string(i) + "] failed: " + (*steps)[i].error);
        return std::nullopt;
      }
    }
    return std::move(*steps);
  };

  if (verify.check == VerifyBlock::Check::kStage) {
    auto steps = run(verify.setup);
    if (!steps) return problems;
    if (steps->empty()) {
      report("setup is empty: there is no version to check");
      return problems;
    }
    const auto& state = *steps->back().state;
    auto found = std::find_if(state.versions.begin(), state.versions.end(), [&](const auto& v) {
      return v.model_name == verify.model && v.version == verify.version;
    });
    if (found == state.versions.end()) {
      report("after setup, model '" + verify.model + "' has no version " +
             std::to_string(verify.version));
      return problems;
    }
    if (question.multiple || question.answers.size() != 1) {
      report("a stage check needs a single-letter answer");
      return problems;
    }
    const std::string& marked = question.options[question.answers.front()].text;
    if (marked != found->stage) {
      std::string right = "no option";
      for (std::size_t i = 0; i < question.options.size(); ++i) {
        if (question.options[i].text == found->stage) right = OptionLetter(static_cast<int>(i));
      }
      report("the registry puts version " + std::to_string(verify.version) + " of '" +
             verify.model + "' in " + found->stage + ", but the answer marks \"" + marked +
             "\" (" + right + " says " + found->stage + ")");
    }
    return problems;
  }

  // failing-options / succeeding-options: each option's text is a command run after setup.
  const bool want_failures = verify.check == VerifyBlock::Check::kFailingOptions;
  std::vector<int> matching;
  for (std::size_t i = 0; i < question.options.size(); ++i) {
    auto commands = verify.setup;
    commands.push_back(question.options[i].text);
    auto steps = run(commands);
    if (!steps) return problems;
    const bool failed = !steps->back().ok;
    if (failed == want_failures) matching.push_back(static_cast<int>(i));
  }
  if (matching != question.answers) {
    report(std::string("the registry says the ") + (want_failures ? "failing" : "succeeding") +
           " options are " + Letters(matching) + ", but the answer marks " +
           Letters(question.answers));
  }
  return problems;
}

ValidationReport ValidatePaths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  ValidationReport report;
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      const auto found = FilesUnder(path, ".json", "quiz.schema.json");
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      report.problems.push_back(QuizProblem{path, 1, 1, "", "no such file or folder"});
    }
  }
  // The same file named twice (a folder and a file in it) is checked once.
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (const auto& file : files) {
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(file, ec).string();
    if (seen.insert(ec ? file : canonical).second) unique.push_back(file);
  }
  std::map<std::string, std::string> quiz_ids;  // id -> file that has it
  for (const auto& file : unique) {
    ++report.files;
    QuizLoad load = LoadQuizFile(file);
    report.problems.insert(report.problems.end(), load.problems.begin(), load.problems.end());
    if (!load.quiz) continue;
    const Quiz& quiz = *load.quiz;
    report.questions += static_cast<int>(quiz.questions.size());
    auto [first, fresh] = quiz_ids.emplace(quiz.id, file);
    if (!fresh) {
      report.problems.push_back(QuizProblem{file, quiz.id_line, quiz.id_column, "id",
                                            "quiz id \"" + quiz.id +
                                                                   "\" is already used by " +
                                                                   first->second});
    }
    for (std::size_t i = 0; i < quiz.questions.size(); ++i) {
      auto found = VerifyQuestion(quiz, i);
      report.problems.insert(report.problems.end(), found.begin(), found.end());
    }
  }
  return report;
}

}  // namespace stagecraft::core
