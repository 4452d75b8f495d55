// SandboxScreen: the seeded start, the console's input line (submit, ↑/↓, Tab), the MLflow
// equivalent of the newest or picked command, and the board, audit log and highlights refreshed
// after every change, undo, redo and reset.

#include "core/sandbox_screen.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include "sandbox_clock.h"

using namespace stagecraft::core;
using stagecraft::testing::FixedClock;

namespace {

SandboxScreen OpenSeeded() {
  auto screen = SandboxScreen::Open(kSandboxSeed, FixedClock());
  REQUIRE_MESSAGE(screen.ok(), screen.status().message());
  return std::move(*screen);
}

// The stage of `model` v`version` on the board, "" when absent.
std::string StageOf(const SandboxScreen& screen, std::int64_t version) {
  for (const auto& lane : screen.board().lanes) {
    for (const auto& card : lane.cards) {
      if (card.version.model_name == "churn" && card.version.version == version) return lane.stage;
    }
  }
  return "";
}

bool Changed(const SandboxScreen& screen, std::int64_t version) {
  for (const PlacedCard& placed : screen.cards()) {
    if (placed.card.version.version == version) return placed.changed;
  }
  return false;
}

}  // namespace

TEST_CASE("sandbox screen: the seed gives churn in three stages, served, and a developer acting") {
  SandboxScreen screen = OpenSeeded();
  CHECK(StageOf(screen, 1) == "Production");
  CHECK(StageOf(screen, 2) == "Staging");
  CHECK(StageOf(screen, 3) == "None");
  REQUIRE(screen.board().serving.size() == 1);
  CHECK(screen.board().serving[0].version == 1);
  CHECK(screen.ActingAs() == "dana");
  CHECK(screen.users().size() >= 3);
  CHECK(screen.Console().empty());
  CHECK_FALSE(screen.mlflow().has_value());
  CHECK_FALSE(screen.CanUndo());
  CHECK_FALSE(screen.audit_log().empty());  // the seed's own events
  for (const PlacedCard& placed : screen.cards()) CHECK_FALSE(placed.changed);
}

TEST_CASE("sandbox screen: submitting runs the input, clears it and refreshes the board") {
  SandboxScreen screen = OpenSeeded();
  const std::size_t events = screen.audit_log().size();
  screen.input = "models transition-stage --model-name churn --version 3 --stage Staging";
  screen.Submit();
  CHECK(screen.input.empty());
  REQUIRE(screen.command_count() == 1);
  CHECK(screen.Console()[0].ok);
  CHECK(StageOf(screen, 3) == "Staging");
  CHECK(Changed(screen, 3));
  CHECK_FALSE(Changed(screen, 1));
  CHECK(screen.audit_log().size() == events + 1);

  SUBCASE("undo puts the card back and redo moves it again") {
    REQUIRE(screen.Undo().ok());
    CHECK(StageOf(screen, 3) == "None");
    CHECK(screen.audit_log().size() == events);
    REQUIRE(screen.Redo().ok());
    CHECK(StageOf(screen, 3) == "Staging");
  }
  SUBCASE("reset returns to the seed, the console kept") {
    REQUIRE(screen.Reset().ok());
    CHECK(StageOf(screen, 3) == "None");
    CHECK(screen.command_count() == 1);
    CHECK(screen.Console()[0].undone);
  }
}

TEST_CASE("sandbox screen: a refusal is kept on its entry and changes nothing on the board") {
  SandboxScreen screen = OpenSeeded();
  REQUIRE(screen.Run("stages gate Production --require-approvals 1 --as admin").ok);
  // dana is a developer: gated Production is not hers to move to.
  const ConsoleEntry entry =
      screen.Run("models transition-stage --model-name churn --version 2 --stage Production");
  CHECK_FALSE(entry.ok);
  CHECK_FALSE(screen.Console().back().error.empty());
  CHECK(StageOf(screen, 2) == "Staging");
}

TEST_CASE("sandbox screen: the MLflow panel explains the newest command, or the one picked") {
  SandboxScreen screen = OpenSeeded();
  REQUIRE(screen.SetActingAs("admin").ok());
  screen.Run(
      "models transition-stage --model-name churn --version 2 --stage Production "
      "--archive-existing");
  REQUIRE(screen.mlflow().has_value());
  REQUIRE(screen.mlflow()->equivalent.has_value());
  CHECK(screen.mlflow()->equivalent->has_equivalent);
  CHECK(screen.mlflow()->equivalent->python.find("archive_existing_versions=True") !=
        std::string::npos);
  CHECK(screen.mlflow()->entry == 0);

  screen.Run("models rollback --model-name churn");
  REQUIRE(screen.mlflow()->equivalent.has_value());
  CHECK_FALSE(screen.mlflow()->equivalent->has_equivalent);
  CHECK_FALSE(screen.mlflow()->equivalent->note.empty());
  CHECK(screen.mlflow()->entry == 1);

  screen.Select(0);
  CHECK(screen.selected() == 0u);
  CHECK(screen.mlflow()->entry == 0);
  CHECK(screen.mlflow()->equivalent->has_equivalent);
  screen.Select(99);  // out of range: ignored
  CHECK(screen.selected() == 0u);

  SUBCASE("a line that is not a command says why there is no equivalent") {
    screen.Run("models fly --model-name churn");
    REQUIRE(screen.mlflow().has_value());
    CHECK(screen.mlflow()->entry == 2);  // running a line explains it again
    CHECK_FALSE(screen.mlflow()->equivalent.has_value());
    CHECK_FALSE(screen.mlflow()->problem.empty());
  }
}

TEST_CASE("sandbox screen: up and down walk the history into the input line") {
  SandboxScreen screen = OpenSeeded();
  screen.Run("models list");
  screen.Run("models get churn");
  screen.input = "draft";
  CHECK(screen.HistoryUp());
  CHECK(screen.input == "models get churn");
  CHECK(screen.HistoryUp());
  CHECK(screen.input == "models list");
  CHECK_FALSE(screen.HistoryUp());
  CHECK(screen.HistoryDown());
  CHECK(screen.HistoryDown());
  CHECK(screen.input == "draft");
}

TEST_CASE("sandbox screen: Tab completes the input line and keeps the candidates it could not choose") {
  SandboxScreen screen = OpenSeeded();
  screen.input = "models transition-st";
  Completion completion = screen.Complete(screen.input.size());
  CHECK(screen.input == "models transition-stage ");
  CHECK(completion.cursor == screen.input.size());
  CHECK(screen.candidates().empty());

  screen.input = "models d";
  screen.Complete(screen.input.size());
  CHECK(screen.candidates().size() > 1);
  screen.input = "models list";
  screen.Submit();
  CHECK(screen.candidates().empty());
}
