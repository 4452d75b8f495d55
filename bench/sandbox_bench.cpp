// Sandbox undo: a generated, realistic console session (versions, transitions, aliases,
// requests and approvals as different users, deploys, canaries, rollbacks, some refusals and
// read-only lines), then undo timed at 10, 100 and 1,000 commands: each undo, then redo back,
// so every undo is from the full session. Reports median and worst, and the images kept.
// Run by hand (see BENCHMARKS.md "Sandbox undo"); target: under 16 ms at 1,000.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/sandbox.h"

using stagecraft::core::Sandbox;
using stagecraft::core::SandboxOptions;

namespace {

bool Check(const stagecraft::engine::Status& status, const char* what) {
  if (!status.ok()) std::fprintf(stderr, "%s: %s\n", what, status.message().c_str());
  return status.ok();
}

constexpr const char* kSeed =
    "users add dana --role developer\n"
    "users add priya --role approver\n"
    "users add sam --role approver\n"
    "stages gate Production --require-approvals 1\n"
    "models create fraud\nmodels create churn\nmodels create eta\n";

// Command i of the session, as a learner might type it (the switch is used through --as).
std::string Line(int i, int* request) {
  const char* models[] = {"fraud", "churn", "eta"};
  const std::string m = models[(i / 12) % 3];
  const int v = i / 36 + 1;  // each model gets a version every 36 commands
  switch (i % 12) {
    case 0: return "--as dana models create-version --model-name " + m + " --source runs:/" +
                   std::to_string(i) + "/model --metric auc=0.9";
    case 1: return "--as dana models transition-stage --model-name " + m + " --version " +
                   std::to_string(v) + " --stage Staging";
    case 2: return "--as dana models request-transition --model-name " + m + " --version " +
                   std::to_string(v) + " --stage Production --archive-existing";
    case 3: return "--as dana models approve-request --id " + std::to_string(++*request);  // refused
    case 4: return "--as priya models approve-request --id " + std::to_string(*request);
    case 5: return "models list-versions --model-name " + m;
    case 6: return "--as priya models deploy --model-name " + m + " --version " +
                   std::to_string(v) + " --env production --traffic 10";
    case 7: return "--as priya models promote-canary --model-name " + m;
    case 8: return "models set-alias --model-name " + m + " --alias champion --version " +
                   std::to_string(v);
    case 9: return "--as priya models rollback --model-name " + m;
    case 10: return "models history --model-name " + m;
    default: return "models transition-stage --model-name " + m + " --version 99 --stage Staging";
  }
}

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

int main() {
  std::printf("| commands | undo steps | images | image bytes | undo median | undo worst |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|\n");
  for (int n : {10, 100, 1000}) {
    SandboxOptions options;
    auto opened = Sandbox::OpenFresh(kSeed, options);
    if (!opened.ok()) {
      std::fprintf(stderr, "open: %s\n", opened.status().message().c_str());
      return 1;
    }
    Sandbox sandbox = std::move(*opened);
    int request = 0;
    int refused = 0;
    for (int i = 0; i < n; ++i) {
      if (!sandbox.Run(Line(i, &request)).ok) ++refused;
    }
    std::size_t steps = 0;
    while (sandbox.CanUndo()) {
      if (!Check(sandbox.Undo(), "undo")) return 1;
      ++steps;
    }
    while (sandbox.CanRedo()) {
      if (!Check(sandbox.Redo(), "redo")) return 1;
    }
    // Undo (and draw: the board from the new state) from the full session, up to 200 times
    // spread over the last checkpoint spacings, redoing after each.
    std::vector<double> times;
    const int samples = 200;
    std::size_t moved = 0;
    for (int s = 0; s < samples; ++s) {
      const auto start = std::chrono::steady_clock::now();
      if (!Check(sandbox.Undo(), "undo")) return 1;
      auto board = sandbox.CurrentBoard();
      const auto end = std::chrono::steady_clock::now();
      if (!Check(board.status(), "board")) return 1;
      times.push_back(Ms(end - start));
      if (!Check(sandbox.Redo(), "redo")) return 1;
      // Move the end around, so every position between images is measured.
      if (s % 20 == 19 && moved + 1 < steps) {
        if (!Check(sandbox.Undo(), "undo")) return 1;
        ++moved;
      }
    }
    std::sort(times.begin(), times.end());
    std::printf("| %d (%d refused) | %zu | %zu | %.1f MB | %.2f ms | %.2f ms |\n", n, refused,
                steps, sandbox.checkpoint_count(),
                static_cast<double>(sandbox.checkpoint_bytes()) / 1e6, times[times.size() / 2],
                times.back());
  }
  return 0;
}
