// Validation across files, and the engine-checked answers of `verify` blocks.

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/content_files.h"
#include "core/json_positions.h"
#include "core/quiz_loader.h"
#include "stagecraft/commands/command_line.h"
#include "stagecraft/commands/scenario.h"
#include "stagecraft/engine/registry.h"

namespace stagecraft::core {
namespace {

std::string Letters(const std::vector<int>& indexes) {
  std::string out;
  for (int i : indexes) out += (out.empty() ? "" : ", ") + OptionLetter(i);
  return out.empty() ? "none" : out;
}

}  // namespace

std::vector<QuizProblem> VerifyQuestion(const Quiz& quiz, std::size_t index) {
  return VerifyQuestion(quiz, index, VerifyStart{});
}

std::vector<QuizProblem> VerifyQuestion(const Quiz& quiz, std::size_t index,
                                        const VerifyStart& start) {
  const Question& question = quiz.questions[index];
  std::vector<QuizProblem> problems;
  if (!question.verify) return problems;
  const VerifyBlock& verify = *question.verify;
  const std::string path = MemberPath(ElementPath("questions", question.index_in_file), "verify");
  auto report = [&](std::string message, const std::string& where) {
    problems.push_back(
        QuizProblem{quiz.path, verify.line, verify.column, where, std::move(message)});
  };
  if (verify.after_step > 0 && start.run == nullptr) {
    report("\"after-step\" names a walkthrough step: only a lesson's quiz block has one", path);
    return problems;
  }
  if (verify.setup.size() > kMaxVerifySetupCommands) {
    report("setup has " + std::to_string(verify.setup.size()) + " commands; a verify block runs at most " +
               std::to_string(kMaxVerifySetupCommands),
           MemberPath(path, "setup"));
    return problems;
  }

  // The registry after setup, built once: from the walkthrough's state when the question starts
  // there, else from an empty registry on the scenario clock.
  auto clock = std::make_shared<std::int64_t>(static_cast<std::int64_t>(start.after_step));
  auto registry = [&]() -> engine::Result<engine::Registry> {
    if (start.run != nullptr) return start.run->RegistryAfter(start.after_step);
    engine::RegistryOptions options;
    options.clock = [clock] { return commands::kScenarioStart + *clock * 60'000; };
    return engine::Registry::Open(":memory:", std::move(options));
  }();
  if (!registry.ok()) {
    report("the registry could not run the setup: " + registry.status().message(), path);
    return problems;
  }
  commands::CommandRunner runner;
  for (std::size_t i = 0; i < verify.setup.size(); ++i) {
    ++*clock;
    const commands::CommandResult result = runner.Run(*registry, verify.setup[i]);
    if (!result.ok()) {
      report("setup[" + std::to_string(i) + "] failed: " + result.status.message(), path);
      return problems;
    }
  }

  if (verify.check == VerifyBlock::Check::kStage) {
    if (verify.setup.empty() && start.after_step == 0) {
      report("setup is empty: there is no version to check", path);
      return problems;
    }
    auto found = registry->GetModelVersion(verify.model, verify.version);
    if (!found.ok()) {
      report("after setup, model '" + verify.model + "' has no version " +
                 std::to_string(verify.version),
             path);
      return problems;
    }
    if (question.multiple || question.answers.size() != 1) {
      report("a stage check needs a single-letter answer", path);
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
                 "\" (" + right + " says " + found->stage + ")",
             path);
    }
    return problems;
  }

  // failing-options / succeeding-options: each option's text is a command run after setup, on
  // a copy of the registry so that options do not see each other's changes.
  const bool want_failures = verify.check == VerifyBlock::Check::kFailingOptions;
  std::vector<int> matching;
  ++*clock;
  for (std::size_t i = 0; i < question.options.size(); ++i) {
    engine::RegistryOptions options;
    options.clock = [clock] { return commands::kScenarioStart + *clock * 60'000; };
    auto copy = registry->Copy(std::move(options));
    if (!copy.ok()) {
      report("the registry could not run the setup: " + copy.status().message(), path);
      return problems;
    }
    const bool failed = !runner.Run(*copy, question.options[i].text).ok();
    if (failed == want_failures) matching.push_back(static_cast<int>(i));
  }
  if (matching != question.answers) {
    report(std::string("the registry says the ") + (want_failures ? "failing" : "succeeding") +
               " options are " + Letters(matching) + ", but the answer marks " +
               Letters(question.answers),
           path);
  }
  return problems;
}

QuizFileCheck CheckQuizFile(const std::string& path) {
  QuizFileCheck check{LoadQuizFile(path), {}};
  if (!check.load.quiz) return check;
  for (std::size_t i = 0; i < check.load.quiz->questions.size(); ++i) {
    auto found = VerifyQuestion(*check.load.quiz, i);
    check.verify_problems.insert(check.verify_problems.end(), found.begin(), found.end());
  }
  return check;
}

QuizProblem IdAlreadyUsed(const std::string& what, const std::string& path, int line, int column,
                          const std::string& id, const std::string& first) {
  return QuizProblem{path, line, column, "id",
                     what + " id \"" + id + "\" is already used by " + first};
}

ValidationReport ValidatePaths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  ValidationReport report;
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      const auto found = QuizFilesUnder(path);
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      report.problems.push_back(QuizProblem{path, 1, 1, "", "no such file or folder"});
    }
  }
  std::map<std::string, std::string> quiz_ids;  // id -> file that has it
  // The same file named twice (a folder and a file in it) is checked once.
  for (const auto& file : UniqueFiles(files)) {
    ++report.files;
    QuizFileCheck check = CheckQuizFile(file);
    const QuizLoad& load = check.load;
    report.problems.insert(report.problems.end(), load.problems.begin(), load.problems.end());
    if (!load.quiz) continue;
    const Quiz& quiz = *load.quiz;
    report.questions += static_cast<int>(quiz.questions.size());
    auto [first, fresh] = quiz_ids.emplace(quiz.id, file);
    if (!fresh) {
      report.problems.push_back(
          IdAlreadyUsed("quiz", file, quiz.id_line, quiz.id_column, quiz.id, first->second));
    }
    report.problems.insert(report.problems.end(), check.verify_problems.begin(),
                           check.verify_problems.end());
  }
  return report;
}

}  // namespace stagecraft::core
