#include "core/sandbox_question.h"

namespace stagecraft::core {

using engine::Result;
using engine::Status;

namespace {

// How many setup lines the note lists before it says how many more there are.
constexpr std::size_t kSetupLinesShown = 8;

// The indexes into `question.options` in the order the learner saw them.
std::vector<int> ShownOrder(const Question& question, const std::vector<int>& shown_order) {
  const int count = static_cast<int>(question.options.size());
  std::vector<bool> seen(question.options.size(), false);
  bool fits = static_cast<int>(shown_order.size()) == count;
  for (int index : shown_order) {
    fits = fits && index >= 0 && index < count && !seen[static_cast<std::size_t>(index)];
    if (fits) seen[static_cast<std::size_t>(index)] = true;
  }
  if (fits) return shown_order;
  std::vector<int> file(question.options.size());
  for (int i = 0; i < count; ++i) file[static_cast<std::size_t>(i)] = i;
  return file;
}

}  // namespace

Result<SandboxQuestion> SandboxQuestionOf(const Question& question, const Lesson* lesson,
                                          const std::vector<int>& shown_order) {
  if (!question.verify) {
    return Status::FailedPrecondition("question '" + question.id +
                                      "' has no verify block: the registry does not check it, so "
                                      "there is nothing set up to try");
  }
  const VerifyBlock& verify = *question.verify;
  SandboxQuestion out;
  if (verify.after_step > 0) {
    const LessonBlock* walkthrough = lesson != nullptr ? lesson->Walkthrough() : nullptr;
    const auto steps = static_cast<std::size_t>(verify.after_step);
    if (walkthrough == nullptr || walkthrough->steps.size() < steps) {
      return Status::NotFound("question '" + question.id + "' starts after walkthrough step " +
                              std::to_string(verify.after_step) + ", and " +
                              (lesson == nullptr ? std::string("its lesson is not known")
                                                 : "lesson '" + lesson->id + "' has no such step"));
    }
    for (std::size_t i = 0; i < steps; ++i) {
      if (!walkthrough->steps[i].expect_refused) out.seed += walkthrough->steps[i].command + "\n";
    }
  }
  for (const std::string& line : verify.setup) out.seed += line + "\n";

  out.note = "Set up as question '" + question.id + "' checks it";
  if (verify.after_step > 0) {
    out.note += " (lesson '" + lesson->id + "', after walkthrough step " +
                std::to_string(verify.after_step) + ")";
  }
  out.note += ": " + question.prompt;
  // The console starts empty: say what has already been run, in one paragraph (the audit log
  // has each as an event).
  std::string run;
  for (std::size_t i = 0; i < verify.setup.size() && i < kSetupLinesShown; ++i) {
    run += (i == 0 ? "" : " \xC2\xB7 ") + verify.setup[i];  // ·
  }
  if (verify.setup.size() > kSetupLinesShown) {
    run += " \xC2\xB7 ... and " + std::to_string(verify.setup.size() - kSetupLinesShown) + " more";
  }
  if (!run.empty()) out.note += "\nAlready run: " + run;
  switch (verify.check) {
    case VerifyBlock::Check::kStage:
      out.note += "\nWhich stage is " + verify.model + " v" + std::to_string(verify.version) +
                  " in now? Look at the board, then try moving it.";
      break;
    case VerifyBlock::Check::kFailingOptions:
    case VerifyBlock::Check::kSucceedingOptions: {
      out.note += "\nEach option is a command line: run them and see which the engine refuses "
                  "(undo between them, as the check runs each on its own copy).";
      const std::vector<int> order = ShownOrder(question, shown_order);
      for (std::size_t shown = 0; shown < order.size(); ++shown) {
        out.note += "\n  " + OptionLetter(static_cast<int>(shown)) + ") " +
                    question.options[static_cast<std::size_t>(order[shown])].text;
      }
      if (!order.empty()) out.first_line = question.options[static_cast<std::size_t>(order[0])].text;
      break;
    }
  }
  return out;
}

}  // namespace stagecraft::core
