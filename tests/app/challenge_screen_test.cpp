// challenge_screen.cpp: the window's challenges screen without a window: the list with the
// learner's records, an attempt opened, solved and saved once, reset, left; and the tutor's
// screen, deep link and state.

#include "core/challenge_screen.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "challenge_test_files.h"
#include "core/authoring.h"
#include "core/scenes.h"
#include "core/tutor.h"
#include "temp_dir.h"

namespace stagecraft::core {
namespace {

using testing::ChallengeJson;
using testing::TempDir;

constexpr const char* kSolution = "models transition-stage -m churn -v 2 --stage Staging";

struct Fixture {
  TempDir dir;
  ContentLibrary library;
  ProgressStore store;
  SceneClock clock;
  Fixture()
      : library(Load(dir)), store(OpenStore()) {}
  static ProgressStore OpenStore() {
    auto opened = ProgressStore::Open(":memory:");
    REQUIRE(opened.ok());
    return std::move(*opened);
  }
  static ContentLibrary Load(const TempDir& dir) {
    dir.Write("c/demo.challenge.json", ChallengeJson());
    ContentFolders folders;
    folders.challenges = (dir.path / "c").string();
    return ContentLibrary::Load(folders);
  }
  std::vector<ChallengeRecord> Records() {
    auto records = store.ChallengeRecords();
    REQUIRE(records.ok());
    return *records;
  }
};

TEST_CASE("The challenges screen lists the challenges and opens one by id") {
  Fixture f;
  ChallengeScreen screen(f.library, &f.store, f.clock.Clock());
  REQUIRE(screen.list().size() == 1);
  CHECK(screen.list()[0].challenge->id == "demo");
  CHECK(screen.attempt() == nullptr);
  const auto missing = screen.Open("nope");
  CHECK(missing.code() == engine::ErrorCode::kNotFound);
  CHECK(missing.message() == "no challenge \"nope\" (challenges: demo)");
  REQUIRE(screen.Open("demo").ok());
  REQUIRE(screen.attempt() != nullptr);
  CHECK(screen.ResultText() == "0 of 1 conditions hold \xC2\xB7 0 commands (par 1)");
}

TEST_CASE("A solve is saved once, the moment it happens, and the list shows the best") {
  Fixture f;
  ChallengeScreen screen(f.library, &f.store, f.clock.Clock());
  REQUIRE(screen.Open("demo").ok());
  screen.attempt()->screen().input = kSolution;
  const ChallengeStep step = screen.Submit();
  CHECK(step.newly_met == std::vector<std::size_t>{0});
  CHECK(screen.attempt()->solved());
  CHECK(screen.ResultText() == "Solved in 1 command (par 1)");
  auto records = f.Records();
  REQUIRE(records.size() == 1);
  CHECK(records[0].solves == 1);
  CHECK(records[0].best == 1);
  CHECK(screen.list()[0].best == 1);
  screen.CloseAttempt();  // already saved: not again
  screen.Finish();
  CHECK(f.Records()[0].attempts == 1);
}

TEST_CASE("An unsolved try is saved when left, and only when a command counted") {
  Fixture f;
  ChallengeScreen screen(f.library, &f.store, f.clock.Clock());
  REQUIRE(screen.Open("demo").ok());
  screen.Run("models list");  // free
  screen.CloseAttempt();
  CHECK(f.Records().empty());
  REQUIRE(screen.Open("demo").ok());
  screen.Run("models set-alias -m churn --alias c --version 2");
  REQUIRE(screen.Reset().ok());  // leaves the try
  CHECK(screen.attempt()->commands() == 0);
  auto records = f.Records();
  REQUIRE(records.size() == 1);
  CHECK(records[0].attempts == 1);
  CHECK(records[0].solves == 0);
  CHECK(screen.list()[0].attempts == 1);
  CHECK_FALSE(screen.list()[0].solved);
}

TEST_CASE("The hint shows on request and hides again for a newly opened challenge") {
  Fixture f;
  ChallengeScreen screen(f.library, nullptr, f.clock.Clock());  // no store: nothing saved
  REQUIRE(screen.Open("demo").ok());
  CHECK_FALSE(screen.hint_shown());
  screen.ShowHint();
  CHECK(screen.hint_shown());
  screen.Run(kSolution);
  CHECK(screen.attempt()->solved());
  REQUIRE(screen.Open("demo").ok());
  CHECK_FALSE(screen.hint_shown());
  CHECK_FALSE(screen.attempt()->solved());
}

// Content folders with the test challenge "demo" as the bundled one, written in `dir`.
ContentFolders DemoFolders(const TempDir& dir) {
  dir.Write("c/demo.challenge.json", ChallengeJson());
  ContentFolders folders;
  folders.challenges = (dir.path / "c").string();
  return folders;
}

TEST_CASE("Asking to reset asks first only when commands would be dropped") {
  Fixture f;
  ChallengeScreen screen(f.library, &f.store, f.clock.Clock());
  REQUIRE(screen.Open("demo").ok());
  screen.focus_console = false;
  REQUIRE(screen.AskToReset().ok());  // nothing to drop: at once
  CHECK_FALSE(screen.reset_pending());
  CHECK(screen.focus_console);

  screen.Run("models set-metric -m churn -v 2 --key auc --value 0.9");
  REQUIRE(screen.AskToReset().ok());
  CHECK(screen.reset_pending());
  CHECK(screen.ResetWarning() == "Your 1 command is dropped.");
  CHECK(screen.attempt()->commands() == 1);
  screen.focus_console = false;
  REQUIRE(screen.AnswerReset(false).ok());
  CHECK_FALSE(screen.reset_pending());
  CHECK(screen.focus_console);
  CHECK(screen.attempt()->commands() == 1);

  screen.Run("models set-metric -m churn -v 2 --key auc --value 0.8");
  REQUIRE(screen.AskToReset().ok());
  CHECK(screen.ResetWarning() == "Your 2 commands are dropped.");
  REQUIRE(screen.AnswerReset(true).ok());
  CHECK_FALSE(screen.reset_pending());
  CHECK(screen.attempt()->commands() == 0);
  CHECK(f.Records().size() == 1);  // the try dropped was saved, unsolved

  screen.Run("models set-metric -m churn -v 2 --key auc --value 0.7");
  REQUIRE(screen.AskToReset().ok());
  screen.CloseAttempt();
  CHECK_FALSE(screen.reset_pending());
  CHECK(screen.AskToReset().code() == engine::ErrorCode::kFailedPrecondition);
}

TEST_CASE("The tutor opens challenges by link and reports the open one in its state") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = Tutor::Open(SceneTutorOptions(DemoFolders(dir), clock));
  auto link = ParseDeepLink("challenge:demo");
  REQUIRE(link.ok());
  REQUIRE(tutor.OpenLink(*link).ok());
  CHECK(tutor.screen() == Screen::kChallenge);
  REQUIRE(tutor.challenges() != nullptr);
  tutor.challenges()->Run(kSolution);
  const auto state = nlohmann::json::parse(tutor.StateJson(), nullptr, false);
  REQUIRE_FALSE(state.is_discarded());
  CHECK(state["screen"] == "challenge");
  CHECK(state["challenge"]["id"] == "demo");
  CHECK(state["challenge"]["commands"] == 1);
  CHECK(state["challenge"]["solved"] == true);
  CHECK(state["challenge"]["met"] == 1);
  CHECK(state["challenge"]["hint_shown"] == false);
  CHECK_FALSE(state["challenge"].contains("reset_pending"));
  tutor.challenges()->ShowHint();
  REQUIRE(tutor.challenges()->AskToReset().ok());
  const auto asked = nlohmann::json::parse(tutor.StateJson());
  CHECK(asked["challenge"]["hint_shown"] == true);
  CHECK(asked["challenge"]["reset_pending"] == true);
  REQUIRE(tutor.challenges()->AnswerReset(false).ok());
  tutor.OpenHome();
  tutor.Resume(Screen::kChallenge);
  CHECK(tutor.screen() == Screen::kChallenge);
  CHECK(tutor.OpenChallenge("nope").code() == engine::ErrorCode::kNotFound);
  CHECK(tutor.screen() == Screen::kChallenge);
}

TEST_CASE("The tutor's authoring reload refreshes the challenges list and keeps the open try") {
  TempDir dir;
  SceneClock clock;
  ContentFolders folders = DemoFolders(dir);
  folders.user_challenges = (dir.path / "data/challenges").string();
  Tutor tutor = Tutor::Open(SceneTutorOptions(folders, clock));
  REQUIRE(tutor.OpenChallenge("demo").ok());
  tutor.challenges()->Run("models transition-stage -m churn -v 1 --stage Archived");
  REQUIRE(tutor.challenges()->attempt()->commands() == 1);

  tutor.OpenAuthoring();
  std::string mine = ChallengeJson();
  mine.replace(mine.find("\"demo\""), 6, "\"mine\"");
  dir.Write("data/challenges/mine.challenge.json", mine);
  clock.Advance(kPollSeconds);
  REQUIRE(tutor.PollContent());

  tutor.OpenChallenges();
  std::vector<std::string> ids;
  for (const auto& entry : tutor.challenges()->list()) ids.push_back(entry.challenge->id);
  CHECK(ids == std::vector<std::string>{"demo", "mine"});
  REQUIRE(tutor.challenges()->attempt() != nullptr);
  CHECK(tutor.challenges()->attempt()->challenge().id == "demo");
  CHECK(tutor.challenges()->attempt()->commands() == 1);
  REQUIRE(tutor.challenges()->Open("mine").ok());
}

}  // namespace
}  // namespace stagecraft::core
