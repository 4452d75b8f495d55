#pragma once
// Running the stagecraft executable as a learner does at a terminal: arguments, text piped to
// standard input, HOME and XDG_DATA_HOME inside a temporary folder; stdout and stderr together.

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "temp_dir.h"

#ifndef STAGECRAFT_EXE
#error "STAGECRAFT_EXE must name the stagecraft executable"
#endif

namespace stagecraft::testing {

struct PipedRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr, interleaved as written
};


// Runs `command` with /bin/sh and returns its exit code and its output (stdout; a command that
// wants stderr too says 2>&1).
inline PipedRun RunShell(const std::string& command) {
  PipedRun run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, got);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// Runs `stagecraft ARGS` (ARGS as a shell would split them) with `input` on standard input and
// HOME/XDG_DATA_HOME inside `dir`, so that no real progress store is touched. `env` is put
// before the command, e.g. "STAGECRAFT_LESSONS=/x".
inline PipedRun RunPiped(const std::string& args, const std::string& input,
                         const std::filesystem::path& dir, const std::string& env = "") {
  const std::filesystem::path in = dir / "input.txt";
  std::ofstream(in) << input;
  return RunShell("env HOME='" + dir.string() + "' XDG_DATA_HOME='" + (dir / "data").string() +
                  "' " + env + " '" + STAGECRAFT_EXE + "' " + args + " < '" + in.string() +
                  "' 2>&1");
}

}  // namespace stagecraft::testing
