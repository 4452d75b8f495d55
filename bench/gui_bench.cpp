// The desktop window's costs, measured under Xvfb on Mesa's software renderer (./dev bench-gui):
//   - process start to first rendered frame, all bundled content loaded (target < 300 ms);
//   - CPU used by an idle window over 10 s (target < 2% of a core);
//   - frame time while a walkthrough's cards slide to their new lanes (target < 8 ms at 1280x800);
//   - peak memory of a window that played a walkthrough (target < 150 MB).
// Figures go in BENCHMARKS.md. The machine is shared and noisy: each figure is the best or the
// median of several runs, and start-up is also given as a ratio to a process that opens no window.

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/scenes.h"
#include "core/tutor.h"
#include "platform/window.h"
#include "process_timing.h"

namespace {

using stagecraft::bench::ProcessTiming;
using stagecraft::bench::TimeProcess;

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

const char* Verdict(bool met) { return met ? "met" : "NOT MET"; }

// utime + stime of process `pid`, in seconds.
double CpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name (which is in parentheses and may hold spaces).
  const std::size_t name_end = text.rfind(')');
  if (name_end == std::string::npos || name_end + 2 > text.size()) return -1;  // gone
  std::istringstream fields(text.substr(name_end + 2));
  std::vector<std::string> values((std::istream_iterator<std::string>(fields)),
                                  std::istream_iterator<std::string>());
  if (values.size() < 13) return -1;
  // Fields 14 and 15 of stat(5); values[0] is field 3.
  const double ticks = std::stod(values[11]) + std::stod(values[12]);
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Starts `stagecraft gui` (home), lets it settle, and measures its CPU over `seconds`.
double IdleCpuPercent(double seconds) {
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    execl(STAGECRAFT_EXE, "stagecraft", "gui", "--width", "1280", "--height", "800",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const double before = CpuSeconds(pid);
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  const double after = CpuSeconds(pid);
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  if (before < 0 || after < 0) return -1;
  return (after - before) / seconds * 100.0;
}

// Frame times while the walkthrough player's cards slide: in this process, a real window, every
// step of the walkthrough taken in turn and the frames of its 200 ms slide drawn back to back.
struct FrameTimes {
  double median_ms = 0, p95_ms = 0, max_ms = 0;
  std::size_t frames = 0;
};

FrameTimes AnimatedFrameTimes() {
  using stagecraft::core::Tutor;
  Tutor tutor = Tutor::Open(stagecraft::core::DefaultTutorOptions());
  if (!tutor.OpenWalkthrough("promoting-between-stages").ok()) return {};
  stagecraft::platform::WindowOptions options;
  options.width = 1280;
  options.height = 800;
  options.save_size = false;
  auto window = stagecraft::platform::TutorWindow::Open(std::move(tutor), options);
  if (!window.ok()) return {};
  stagecraft::platform::TutorWindow& w = **window;
  for (int i = 0; i < 5; ++i) (void)w.DrawFrame();  // windows appear, tables settle
  std::vector<double> ms;
  for (int round = 0; round < 3; ++round) {
    stagecraft::core::WalkthroughScreen& screen = *w.tutor().walkthrough();
    screen.Restart(w.tutor().Seconds());
    (void)w.DrawFrame();
    while (screen.position() < screen.size()) {
      if (screen.PendingPrediction()) screen.SkipPrediction(w.tutor().Seconds());
      screen.Forward(w.tutor().Seconds());
      const double slide_started = w.tutor().Seconds();
      while (w.tutor().Seconds() - slide_started < 0.2) {
        (void)w.DrawFrame();
        ms.push_back(w.last_frame_seconds() * 1000.0);
      }
    }
  }
  FrameTimes times;
  times.frames = ms.size();
  std::sort(ms.begin(), ms.end());
  times.median_ms = ms[ms.size() / 2];
  times.p95_ms = ms[ms.size() * 95 / 100];
  times.max_ms = ms.back();
  return times;
}

}  // namespace

int main() {
  // The window's data and settings go in a throw-away folder, never the learner's.
  char folder[] = "/tmp/stagecraft-gui-bench-XXXXXX";
  if (mkdtemp(folder) == nullptr) return 1;
  setenv("XDG_DATA_HOME", (std::string(folder) + "/data").c_str(), 1);
  setenv("XDG_CONFIG_HOME", (std::string(folder) + "/config").c_str(), 1);

  std::printf("Stagecraft window bench (Xvfb, Mesa llvmpipe, 1280x800)\n");
  std::printf("reproduce: ./dev bench-gui\n\n");

  // 1. Start-up: a process that loads everything and draws one frame, against one that loads
  //    nothing and opens no window (the floor every process pays).
  std::vector<double> window_ms, bare_ms;
  for (int i = 0; i < 11; ++i) {
    ProcessTiming window = TimeProcess(
        STAGECRAFT_EXE, {"gui", "--open", "home", "--frames", "1", "--width", "1280", "--height",
                         "800"});
    ProcessTiming bare = TimeProcess(STAGECRAFT_EXE, {"gui", "--list-scenes"});
    if (window.exit_code != 0 || bare.exit_code != 0) {
      std::fprintf(stderr, "error: stagecraft gui exited with %d (is there a display?)\n",
                   window.exit_code);
      return 1;
    }
    window_ms.push_back(window.ms);
    bare_ms.push_back(bare.ms);
  }
  const double start_ms = Median(window_ms);
  std::printf("start to first frame (whole process, median of 11): %6.1f ms   target < 300 ms   %s\n",
              start_ms, Verdict(start_ms < 300));
  std::printf("  a process that opens no window:                    %6.1f ms   ratio %.1fx\n",
              Median(bare_ms), start_ms / Median(bare_ms));

  // 2. Idle CPU.
  const double idle = IdleCpuPercent(10.0);
  std::printf("idle window, CPU over 10 s:                          %6.2f %%    target < 2 %%      %s\n",
              idle, Verdict(idle >= 0 && idle < 2));

  // 3. Frame time while cards slide (vsync does not pace Xvfb, so frames run back to back).
  const FrameTimes frames = AnimatedFrameTimes();
  if (frames.frames == 0) {
    std::fprintf(stderr, "error: the walkthrough window did not open\n");
    return 1;
  }
  std::printf("frame time while cards slide (%zu frames): median %.2f ms, p95 %.2f ms, max %.2f ms"
              "   target < 8 ms   %s\n",
              frames.frames, frames.median_ms, frames.p95_ms, frames.max_ms,
              Verdict(frames.p95_ms < 8));

  // 4. Peak memory of a window that opened a walkthrough and drew 120 frames.
  ProcessTiming played = TimeProcess(
      STAGECRAFT_EXE, {"gui", "--open", "walkthrough:promoting-between-stages", "--frames", "120",
                       "--width", "1280", "--height", "800"});
  const double peak_mb = played.peak_rss_kb / 1024.0;
  std::printf("peak memory, walkthrough open, 120 frames:           %6.1f MB   target < 150 MB   %s\n",
              peak_mb, Verdict(played.exit_code == 0 && peak_mb < 150));

  std::string remove = std::string("rm -rf '") + folder + "'";
  return std::system(remove.c_str()) == 0 ? 0 : 1;
}
