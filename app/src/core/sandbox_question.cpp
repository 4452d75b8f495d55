#include "core/sandbox_question.h"

namespace stagecraft::core {

using engine::Result;
using engine::Status;

Result<SandboxQuestion> SandboxQuestionOf(const Question& question, const Lesson* lesson) {
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
  switch (verify.check) {
    case VerifyBlock::Check::kStage:
      out.note += ": which stage is " + verify.model + " v" + std::to_string(verify.version) +
                  " in now? Look at the board, then try moving it.";
      break;
    case VerifyBlock::Check::kFailingOptions:
    case VerifyBlock::Check::kSucceedingOptions: {
      out.note += ". Each option is a command line: run them and see which the engine refuses "
                  "(undo between them, as the check runs each on its own copy).";
      std::string options;
      for (std::size_t i = 0; i < question.options.size(); ++i) {
        options += "\n  " + OptionLetter(static_cast<int>(i)) + ") " + question.options[i].text;
      }
      out.note += options;
      if (!question.options.empty()) out.first_line = question.options.front().text;
      break;
    }
  }
  return out;
}

}  // namespace stagecraft::core
