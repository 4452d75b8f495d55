#include "cli/validate.h"

#include <CLI/CLI.hpp>
#include <memory>

#include "core/lesson_loader.h"

namespace stagecraft::app {

commands::HostCommand ValidateCommand() {
  return {"validate",
          "Check quiz, lesson and challenge files (and folders of them): syntax, the formats' "
          "rules, every answer the registry can check, every lesson's expected output and every "
          "challenge's solution. One line per problem: FILE:LINE:COL: PATH: message.",
          [](CLI::App& command) {
            auto paths = std::make_shared<std::vector<std::string>>();
            command.add_option("paths", *paths,
                               "quiz (.json), lesson (.md) and challenge (.challenge.json) files, "
                               "or folders")
                ->required();
            return [paths](commands::CommandIo& io) {
              const core::ContentReport report = core::ValidateContent(*paths);
              for (const auto& problem : report.problems) io.out += problem.ToString() + "\n";
              const std::string counted =
                  std::to_string(report.files) + (report.files == 1 ? " file, " : " files, ") +
                  std::to_string(report.questions) +
                  (report.questions == 1 ? " question" : " questions") +
                  (report.lessons == 0 ? ""
                   : report.lessons == 1 ? ", 1 lesson"
                                         : ", " + std::to_string(report.lessons) + " lessons") +
                  (report.challenges == 0 ? ""
                   : report.challenges == 1
                       ? ", 1 challenge"
                       : ", " + std::to_string(report.challenges) + " challenges");
              if (!report.problems.empty()) {
                io.err = std::to_string(report.problems.size()) +
                         (report.problems.size() == 1 ? " problem" : " problems") + " in " +
                         counted + "\n";
                return commands::kExitEngineError;
              }
              io.out += "ok: " + counted + ", no problems\n";
              return commands::kExitOk;
            };
          }};
}

}  // namespace stagecraft::app
