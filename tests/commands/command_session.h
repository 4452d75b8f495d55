#pragma once
// Shared helper for the in-process command tests (command_line_test.cpp,
// governance_commands_test.cpp): a fresh ":memory:" registry and shorthands that run command
// lines on it through RunCommandLine / RunCommand, as the executable would.
//
// Contract:
// - Each CommandSession owns its own empty registry (the built-in stages and the 'admin' user,
//   nothing else); sessions never share state. A test file derives its own `Session` to seed
//   data (users, models) and add domain shorthands; the runners here stay generic.
// - Run never checks anything. Ok REQUIREs exit code 0 and CHECKs that nothing was printed on
//   err, then returns out. Json is Ok plus a REQUIREd JSON parse of out. Fails REQUIREs the given
//   exit code and CHECKs that out is empty and err starts with "error: ". Failure messages name
//   the command line, the exit code and what was printed.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stagecraft/commands/command_line.h"
#include "stagecraft/engine/registry.h"

namespace stagecraft::commands::testing {

// A new registry on ":memory:"; REQUIREs that opening it works.
inline engine::Registry OpenMemory() {
  auto registry = engine::Registry::Open(":memory:");
  REQUIRE_MESSAGE(registry.ok(), registry.status().message());
  return std::move(*registry);
}

// A :memory: registry and shorthands to run command lines on it.
struct CommandSession {
  engine::Registry registry = OpenMemory();

  CommandResult Run(std::string_view line) { return RunCommandLine(registry, line); }
  CommandResult Run(const std::vector<std::string>& args) { return RunCommand(registry, args); }

  // Runs a line that must succeed and returns what it printed.
  std::string Ok(std::string_view line) {
    CommandResult r = Run(line);
    REQUIRE_MESSAGE(r.exit_code == kExitOk, line << "\nexit " << r.exit_code << "\nerr: " << r.err);
    CHECK_MESSAGE(r.err.empty(), line << "\nerr: " << r.err);
    return r.out;
  }

  // Runs a line that must succeed and parses its output as JSON.
  nlohmann::json Json(std::string_view line) {
    const std::string out = Ok(line);
    nlohmann::json value;
    REQUIRE_NOTHROW_MESSAGE(value = nlohmann::json::parse(out), line << "\nout: " << out);
    return value;
  }

  // Runs a line that must fail with `exit_code`, print nothing on out and "error: ..." on err.
  CommandResult Fails(std::string_view line, int exit_code) {
    CommandResult r = Run(line);
    REQUIRE_MESSAGE(r.exit_code == exit_code,
                    line << "\nexit " << r.exit_code << "\nout: " << r.out << "\nerr: " << r.err);
    CHECK_MESSAGE(r.out.empty(), line << "\nout: " << r.out);
    CHECK_MESSAGE(r.err.rfind("error: ", 0) == 0, line << "\nerr: " << r.err);
    return r;
  }
};

}  // namespace stagecraft::commands::testing
