// stagecraft: the executable. Dispatches a terminal command (the grammar lives in
// stagecraft_commands), or `gui`, the desktop window (stagecraft_gui, when built with it).

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <new>
#include <optional>

#include "cli/challenge.h"
#include "cli/convert.h"
#include "cli/demo.h"
#include "cli/lesson.h"
#include "cli/quiz.h"
#include "cli/validate.h"
#include "stagecraft/commands/command_line.h"
#include "stagecraft/commands/scenario.h"
#include "stagecraft/engine/registry.h"

#ifdef STAGECRAFT_WITH_GUI
#include "platform/gui_command.h"
#else
#include <CLI/CLI.hpp>
#endif

namespace {

using stagecraft::engine::Registry;
using stagecraft::engine::Result;

// Opens --db, or the default registry (creating its folder on first use).
Result<Registry*> OpenRegistry(std::optional<Registry>& slot, const std::optional<std::string>& db) {
  std::string path = db ? *db : stagecraft::commands::DefaultRegistryPath();
  if (!db) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  }
  auto registry = Registry::Open(path);
  if (!registry.ok()) return registry.status();
  slot.emplace(std::move(*registry));
  return &*slot;
}

// `stagecraft gui` in a build without the window: says so, and what works instead.
stagecraft::commands::HostCommand GuiCommand() {
#ifdef STAGECRAFT_WITH_GUI
  return stagecraft::platform::GuiCommand();
#else
  return {"gui", "Open the desktop window (not in this build).", [](CLI::App& command) {
            command.fallthrough(false);  // whatever follows, the answer is the same
            command.allow_extras();
            return [](stagecraft::commands::CommandIo& io) {
              io.err = "error: this stagecraft was built without the window "
                       "(-DSTAGECRAFT_GUI=OFF); learn in the terminal: stagecraft demo, "
                       "stagecraft lesson ID, stagecraft quiz\n";
              return stagecraft::commands::kExitEngineError;
            };
          }};
#endif
}

int Run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::optional<Registry> registry;
  auto result = stagecraft::commands::RunCommand(
      args, [&](const std::optional<std::string>& db) { return OpenRegistry(registry, db); },
      {GuiCommand(), stagecraft::app::DemoCommand(), stagecraft::commands::RunScriptCommand(),
       stagecraft::app::ValidateCommand(), stagecraft::app::QuizCommand(),
       stagecraft::app::ImportCommand(), stagecraft::app::ExportCommand(),
       stagecraft::app::ReviewCommand(), stagecraft::app::StatsCommand(),
       stagecraft::app::LessonsCommand(), stagecraft::app::LessonCommand(),
       stagecraft::app::ChallengesCommand(), stagecraft::app::ChallengeCommand()},
      [](std::string_view part) { std::fwrite(part.data(), 1, part.size(), stdout); });
  std::fwrite(result.out.data(), 1, result.out.size(), stdout);
  // Output that did not arrive (a full disk, a closed pipe) is a failure, not a success.
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    const int error = errno;
    std::fwrite(result.err.data(), 1, result.err.size(), stderr);
    std::fprintf(stderr, "error: cannot write the output: %s\n", std::strerror(error));
    return 1;
  }
  std::fwrite(result.err.data(), 1, result.err.size(), stderr);
  return result.exit_code;
}

// The last resort: no exception should get here (the engine and the core return Status), but if
// one does the user sees one line and exit code 1, not an abort.
void ReportEscaped(const char* what) {
  std::fflush(stdout);
  std::fprintf(stderr, "error: %s\n", what);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::bad_alloc&) {
    ReportEscaped("out of memory");
  } catch (const std::exception& e) {
    ReportEscaped(e.what());
  } catch (...) {
    ReportEscaped("an unexpected failure");
  }
  return 1;
}
