#pragma once
// Running the stagecraft executable from a benchmark, measured as /usr/bin/time -v would: wall
// time and the child's peak resident memory. Its standard output goes to /dev/null.

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace stagecraft::bench {

struct ProcessTiming {
  double ms = 0;
  long peak_rss_kb = 0;
  int exit_code = -1;  // -1 when it did not exit normally
};

// Runs `program` with `args` (argv[0] is the program's base name) and waits for it.
inline ProcessTiming TimeProcess(const char* program, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string name = "stagecraft";
  argv.push_back(name.data());
  std::vector<std::string> words = args;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::fflush(stdout);  // or the child's copy of the buffer is printed again
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    execv(program, argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  ProcessTiming timing;
  timing.ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  timing.peak_rss_kb = usage.ru_maxrss;
  timing.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return timing;
}

}  // namespace stagecraft::bench
