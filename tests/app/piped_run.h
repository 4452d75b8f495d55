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

#ifndef STAGECRAFT_EXE
#error "STAGECRAFT_EXE must name the stagecraft executable"
#endif

namespace stagecraft::testing {

struct PipedRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr, interleaved as written
};

// A temporary folder, removed with its contents at the end of the scope.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const char* prefix = "stagecraft-test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

// Runs `stagecraft ARGS` (ARGS as a shell would split them) with `input` on standard input and
// HOME/XDG_DATA_HOME inside `dir`, so that no real progress store is touched. `env` is put
// before the command, e.g. "STAGECRAFT_LESSONS=/x".
inline PipedRun RunPiped(const std::string& args, const std::string& input,
                         const std::filesystem::path& dir, const std::string& env = "") {
  const std::filesystem::path in = dir / "input.txt";
  std::ofstream(in) << input;
  const std::string command = "env HOME='" + dir.string() + "' XDG_DATA_HOME='" +
                              (dir / "data").string() + "' " + env + " '" + STAGECRAFT_EXE +
                              "' " + args + " < '" + in.string() + "' 2>&1";
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

}  // namespace stagecraft::testing
