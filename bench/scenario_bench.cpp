// scenario_bench: how long scenario runs take, how much memory they hold, and how fast the state
// after any step comes back.
//
//   ./dev bench-scenario   (builds build-release/ and runs build-release/bench/scenario_bench)
//
// Generates a 10,000-step script (five models; create-version, transitions with and without
// --archive-existing, aliases, deploys, canaries, rollbacks, requests and approvals; about four
// steps in ten are refused, by every kind of rule, since refusals cost work too), then prints:
//   - RunScenario in-process on the whole script and on its first 1,000 steps: time and the
//     growth of this process's peak memory;
//   - the whole `stagecraft run FILE` process: wall time and its peak memory (like
//     /usr/bin/time -v's "Maximum resident set size"), best of 3;
//   - StateAfter(k): undo (k = N-1, N-2, ... from the end), and random k, at 1,000 and 10,000
//     steps: median and worst.
// Targets (issue 9): `stagecraft run` on 10,000 steps under 2 s and 200 MB; undo after 1,000
// commands within a frame (16 ms).

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "process_timing.h"
#include "stagecraft/commands/scenario.h"

namespace {

using Clock = std::chrono::steady_clock;
using stagecraft::commands::RunScenario;
using stagecraft::commands::ScenarioRun;
using stagecraft::commands::ScriptLine;

constexpr int kSteps = 10000;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// The generated script: each model goes through versions, stages, aliases and deployments;
// some steps are refused on purpose (a viewer's move, a version that does not exist, a move to
// the stage the version is in, a rollback with nothing to return to).
std::string GenerateScript(int steps) {
  std::mt19937 random(2026);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::vector<std::string> models = {"churn", "fraud", "ltv", "ranker", "pricing"};
  std::vector<int> versions(models.size(), 0);
  std::vector<std::string> production(models.size(), "1");  // the version last moved there
  std::string script =
      "users add dev --role developer\n"
      "users add ann --role approver\n"
      "users add vic --role viewer\n";
  int lines = 3;
  int requests = 0;
  for (const auto& m : models) {
    script += "models create " + m + " --description 'generated'\n";
    ++lines;
  }
  while (lines < steps) {
    const std::size_t i = static_cast<std::size_t>(pick(static_cast<int>(models.size())));
    const std::string& m = models[i];
    const int newest = versions[i];
    const std::string v = std::to_string(newest > 0 ? newest - pick(std::min(newest, 3)) : 1);
    std::string line;
    switch (pick(20)) {
      case 0: case 1: case 2: case 3:
        line = "--as dev models create-version --model-name " + m + " --source runs:/r" +
               std::to_string(lines) + "/model --run-id r" + std::to_string(lines) +
               " --metric accuracy=0." + std::to_string(80 + pick(20));
        ++versions[i];
        break;
      case 4: case 5:
        line = "models transition-stage --model-name " + m + " --version " + v + " --stage Staging";
        break;
      case 6: case 7:
        line = "models transition-stage --model-name " + m + " --version " + v +
               " --stage Production --archive-existing";
        production[i] = v;
        break;
      case 8:
        line = "models set-alias --model-name " + m + " --alias champion --version " + v;
        break;
      case 9:
        line = "models set-alias --model-name " + m + " --alias challenger --version " + v;
        break;
      case 10: case 11:
        line = "--as ann models deploy --model-name " + m + " --version " + production[i] +
               " --env production";
        break;
      case 12:
        line = "--as ann models deploy --model-name " + m + " --version " + v + " --env staging" +
               (pick(2) ? " --traffic 20" : "");
        break;
      case 13:
        line = "--as ann models rollback --model-name " + m;
        break;
      case 14:
        line = "--as dev models request-transition --model-name " + m + " --version " + v +
               " --stage Staging";
        ++requests;
        break;
      case 15:
        line = "--as ann models approve-request --id " + std::to_string(1 + pick(requests + 1));
        break;
      case 16:  // refused: a viewer
        line = "--as vic models transition-stage --model-name " + m + " --version " + v +
               " --stage Archived";
        break;
      case 17:  // refused: no such version
        line = "models transition-stage --model-name " + m + " --version " +
               std::to_string(newest + 5) + " --stage Staging";
        break;
      case 18:
        line = "models set-metric --model-name " + m + " --version " + v + " --key latency_ms --value " +
               std::to_string(50 + pick(50));
        break;
      default:
        line = "models get-version --model-name " + m + " --version " + v;
        break;
    }
    if (newest == 0 && line.find("create-version") == std::string::npos) continue;
    script += line + "\n";
    ++lines;
  }
  return script;
}

std::vector<ScriptLine> FirstLines(const std::vector<ScriptLine>& lines, std::size_t n) {
  return std::vector<ScriptLine>(lines.begin(), lines.begin() + static_cast<long>(std::min(n, lines.size())));
}

struct Spread {
  double median = 0, worst = 0;
};
Spread SpreadOf(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms.back()};
}

// Times StateAfter: undo from the end (each k once, going back `undos` steps), then random k.
bool TimeStateAfter(const ScenarioRun& run, int undos, int randoms) {
  std::vector<double> undo_ms, random_ms;
  for (int i = 1; i <= undos; ++i) {
    auto start = Clock::now();
    auto state = run.StateAfter(run.size() - static_cast<std::size_t>(i));
    undo_ms.push_back(MsSince(start));
    if (!state.ok()) return false;
  }
  std::mt19937 random(9);
  for (int i = 0; i < randoms; ++i) {
    const std::size_t k = random() % (run.size() + 1);
    auto start = Clock::now();
    auto state = run.StateAfter(k);
    random_ms.push_back(MsSince(start));
    if (!state.ok()) return false;
  }
  const Spread undo = SpreadOf(undo_ms), any = SpreadOf(random_ms);
  std::printf("  StateAfter, undo (N-1, N-2, ... N-%d): median %6.2f ms, worst %6.2f ms\n", undos,
              undo.median, undo.worst);
  std::printf("  StateAfter, random k (%d):             median %6.2f ms, worst %6.2f ms\n", randoms,
              any.median, any.worst);
  std::printf("  checkpoints: %zu, %zu steps apart, %.1f MB\n", run.checkpoint_count(),
              run.checkpoint_spacing(), run.checkpoint_bytes() / 1048576.0);
  return true;
}

}  // namespace

int main() {
  const std::string script = GenerateScript(kSteps);
  auto parsed = stagecraft::commands::ParseScript(script);
  if (!parsed.ok() || parsed->size() != static_cast<std::size_t>(kSteps)) {
    std::fprintf(stderr, "error: the generated script did not parse\n");
    return 1;
  }
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "stagecraft-scenario-bench";
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "steps-10000.txt").string();
  std::ofstream(file, std::ios::binary) << script;
  std::printf("script: %d steps, %.1f KB, %s\n", kSteps, script.size() / 1024.0, file.c_str());

  for (std::size_t steps : {std::size_t{1000}, std::size_t{kSteps}}) {
    const long rss_before = PeakRssKb();
    auto start = Clock::now();
    auto run = RunScenario(FirstLines(*parsed, steps));
    const double ms = MsSince(start);
    if (!run.ok()) {
      std::fprintf(stderr, "error: %s\n", run.status().message().c_str());
      return 1;
    }
    std::size_t refused = 0;
    for (const auto& step : *run) refused += step.ok ? 0 : 1;
    std::printf("RunScenario, %zu steps (%zu refused): %8.1f ms; peak memory +%.1f MB\n", steps,
                refused, ms, (PeakRssKb() - rss_before) / 1024.0);
    start = Clock::now();
    const std::string table = stagecraft::commands::FormatScenarioTable(*run);
    std::printf("  FormatScenarioTable: %.1f ms (%.1f KB)\n", MsSince(start), table.size() / 1024.0);
    if (!TimeStateAfter(*run, steps == 1000 ? 100 : 20, 50)) {
      std::fprintf(stderr, "error: StateAfter failed\n");
      return 1;
    }
  }

  double best_ms = 1e18;
  long best_rss_kb = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    const auto timing = stagecraft::bench::TimeProcess(STAGECRAFT_EXE, {"run", file});
    if (timing.exit_code != 0) {
      std::fprintf(stderr, "error: stagecraft run exited with %d\n", timing.exit_code);
      return 1;
    }
    if (timing.ms < best_ms) {
      best_ms = timing.ms;
      best_rss_kb = timing.peak_rss_kb;
    }
  }
  std::printf("whole `stagecraft run FILE` process, %d steps: %.0f ms, peak memory %.1f MB "
              "(best of 3)   targets < 2000 ms, < 200 MB   %s\n",
              kSteps, best_ms, best_rss_kb / 1024.0,
              best_ms < 2000 && best_rss_kb < 200 * 1024 ? "PASS" : "ABOVE");
  std::printf("the same by hand: /usr/bin/time -v %s run %s > /dev/null\n", STAGECRAFT_EXE,
              file.c_str());
  return 0;
}
