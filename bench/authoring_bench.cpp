// authoring_bench: how long the authoring screen takes to pick up a change to the content.
//
//   ./dev bench-authoring   (builds build-release/ and runs build-release/bench/authoring_bench)
//
// Copies the bundled quizzes/, lessons/ and challenges/ into a temporary folder and opens an AuthoringScreen
// on the copy, then times (best and median of 20 runs each):
//   - a full reload: every file read and checked as `stagecraft validate` checks it (loader,
//     every verify block and every lesson's expected output run on the engine) — what a reload
//     of the whole bundled content after a change would cost;
//   - a poll after one quiz, one lesson and one challenge file changed: the folders listed,
//     every file stat'ed, only the changed one read and checked;
//   - a poll when nothing changed (what the screen pays every 0.4 s while it is open);
//   - Library(): the content library rebuilt from the checked files, which the tutor swaps in
//     after a change.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "core/authoring.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using stagecraft::core::AuthoringScreen;
using stagecraft::core::ContentFolders;

struct Timing {
  double best = 0, median = 0;
};

// Runs `prepare` (untimed) then `work` (timed) `runs` times.
Timing Measure(int runs, const std::function<void()>& prepare, const std::function<void()>& work) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    prepare();
    const auto start = Clock::now();
    work();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return Timing{ms.front(), ms[ms.size() / 2]};
}

// Appends a newline to `path` (still valid content) and moves its modification time on.
void Touch(const fs::path& path) {
  const auto before = fs::last_write_time(path);
  std::ofstream(path, std::ios::app) << "\n";
  fs::last_write_time(path, before + std::chrono::seconds(1));
}

void Print(const char* what, const Timing& t, const char* note = "") {
  std::printf("%-44s best %8.2f ms   median %8.2f ms  %s\n", what, t.best, t.median, note);
}

}  // namespace

int main() {
  const fs::path root = fs::temp_directory_path() / "stagecraft-authoring-bench";
  fs::remove_all(root);
  fs::create_directories(root);
  fs::copy(STAGECRAFT_QUIZZES_DIR, root / "quizzes", fs::copy_options::recursive);
  fs::copy(STAGECRAFT_LESSONS_DIR, root / "lessons", fs::copy_options::recursive);
  fs::copy(STAGECRAFT_CHALLENGES_DIR, root / "challenges", fs::copy_options::recursive);
  ContentFolders folders;
  folders.quizzes = (root / "quizzes").string();
  folders.lessons = (root / "lessons").string();
  folders.user_quizzes = (root / "user/quizzes").string();
  folders.user_lessons = (root / "user/lessons").string();
  folders.challenges = (root / "challenges").string();
  folders.user_challenges = (root / "user/challenges").string();

  constexpr int kRuns = 20;
  double now = 0;
  AuthoringScreen screen = AuthoringScreen::Open(folders, now);
  std::size_t questions = 0;
  for (const auto& file : screen.files()) {
    questions += file.quiz ? file.quiz->questions.size()
                 : file.lesson ? file.lesson->Questions().size()
                               : 0;
  }
  std::printf("bundled content: %zu files, %zu questions, %d problems\n", screen.files().size(),
              questions, screen.ProblemCount());

  const fs::path quiz = root / "quizzes" / "promotion-workflow.json";
  const fs::path lesson = root / "lessons" / "promoting-between-stages.md";
  const fs::path challenge = root / "challenges" / "canary-and-rollback.challenge.json";
  Print("full reload (AuthoringScreen::Open)", Measure(kRuns, [] {}, [&] {
          AuthoringScreen fresh = AuthoringScreen::Open(folders, now);
          if (fresh.files().size() != screen.files().size()) std::abort();
        }));
  Print("poll after one quiz file changed", Measure(kRuns, [&] { Touch(quiz); }, [&] {
          if (!screen.Poll(now += 1) || screen.last_checked() != 1) std::abort();
        }), "(promotion-workflow.json)");
  Print("poll after one lesson file changed", Measure(kRuns, [&] { Touch(lesson); }, [&] {
          if (!screen.Poll(now += 1) || screen.last_checked() != 1) std::abort();
        }), "(promoting-between-stages.md)");
  Print("poll after one challenge file changed", Measure(kRuns, [&] { Touch(challenge); }, [&] {
          if (!screen.Poll(now += 1) || screen.last_checked() != 1) std::abort();
        }), "(canary-and-rollback)");
  Print("poll with nothing changed", Measure(kRuns, [] {}, [&] {
          if (screen.Poll(now += 1) || screen.last_checked() != 0) std::abort();
        }));
  Print("Library() after a change", Measure(kRuns, [] {}, [&] {
          if (screen.Library().quiz_files().empty()) std::abort();
        }));
  fs::remove_all(root);
  return 0;
}
