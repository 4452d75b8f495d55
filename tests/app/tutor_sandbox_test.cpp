// The tutor's sandbox beyond the first one: opening a registry file (and failing to, named in the
// notice), saving it, a fresh in-memory one, the sandbox deep link, and a quiz or lesson question
// tried in a sandbox set up as its verify block checks it.

#include "core/tutor.h"

#include <doctest/doctest.h>

#include <stdlib.h>  // setenv

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/scenes.h"
#include "stagecraft/commands/command_line.h"
#include "stagecraft/engine/registry.h"
#include "temp_dir.h"

namespace stagecraft::core {
namespace {

using testing::TempDir;

Tutor OpenBundled(SceneClock& clock) {
  TutorOptions options;
  options.content = ContentFolders{STAGECRAFT_QUIZZES_DIR, STAGECRAFT_LESSONS_DIR, "", ""};
  options.clock = clock.Clock();
  return Tutor::Open(options);
}

nlohmann::json State(const Tutor& tutor) { return nlohmann::json::parse(tutor.StateJson()); }

const Question& QuizQuestion(const Tutor& tutor, const std::string& quiz, const std::string& id) {
  const Quiz* found = tutor.library().FindQuiz(quiz);
  REQUIRE(found != nullptr);
  for (const Question& q : found->questions) {
    if (q.id == id) return q;
  }
  FAIL("no question " << id << " in " << quiz);
  return found->questions.front();
}

std::string StageOf(const SandboxScreen& screen, const std::string& model, std::int64_t version) {
  for (const auto& lane : screen.board().lanes) {
    for (const auto& card : lane.cards) {
      if (card.version == VersionRef{model, version}) return lane.stage;
    }
  }
  return "";
}

TEST_CASE("tutor: a registry file opens in the sandbox, is saved, and the state says so") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenBundled(clock);
  const std::string path = (dir.path / "team.db").string();
  {
    auto file = engine::Registry::Open(path);
    REQUIRE(file.ok());
    REQUIRE(file->CreateModel("fraud").ok());
  }
  REQUIRE(tutor.OpenSandboxFile(path).ok());
  CHECK(tutor.screen() == Screen::kSandbox);
  SandboxScreen& sandbox = *tutor.sandbox();
  CHECK(sandbox.file() == path);
  CHECK(sandbox.path_input == path);
  CHECK(State(tutor)["sandbox"]["file"] == path);
  CHECK(State(tutor)["sandbox"]["unsaved"] == false);

  REQUIRE(sandbox.Run("models create-version --model-name fraud --source runs:/r/model").ok);
  CHECK(State(tutor)["sandbox"]["unsaved"] == true);
  {
    auto file = engine::Registry::Open(path);  // untouched until saved
    REQUIRE(file.ok());
    CHECK(file->ListModelVersions("fraud")->empty());
  }
  // Nothing replaces a sandbox with unsaved changes: they would be lost without a word.
  CHECK(tutor.NewSandbox().code() == engine::ErrorCode::kFailedPrecondition);
  CHECK(tutor.notice().find("not saved to '" + path + "'") != std::string::npos);
  CHECK(tutor.OpenSandboxFile(path).code() == engine::ErrorCode::kFailedPrecondition);
  CHECK(tutor.TryInSandbox(QuizQuestion(tutor, "promotion-workflow", "self-approval-refused"))
            .code() == engine::ErrorCode::kFailedPrecondition);
  CHECK(tutor.sandbox() == &sandbox);
  CHECK(sandbox.file() == path);
  CHECK(sandbox.CanUndo());
  REQUIRE(tutor.SaveSandbox().ok());
  CHECK(State(tutor)["sandbox"]["unsaved"] == false);
  CHECK_FALSE(sandbox.CanUndo());  // the saved state is the new start
  auto file = engine::Registry::Open(path);
  REQUIRE(file.ok());
  CHECK(file->ListModelVersions("fraud")->size() == 1);

  // Saved, it may be replaced; Reset drops unsaved changes, which also allows it.
  REQUIRE(sandbox.Run("models create-version --model-name fraud --source runs:/s/model").ok);
  CHECK_FALSE(tutor.NewSandbox().ok());
  REQUIRE(sandbox.Reset().ok());
  CHECK(tutor.NewSandbox().ok());
  CHECK(tutor.sandbox()->file().empty());
}

TEST_CASE("tutor: quitting with unsaved sandbox changes asks first; each answer does what it says") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenBundled(clock);
  CHECK(tutor.AskToQuit());  // nothing open: quit at once
  REQUIRE(tutor.OpenSandbox().ok());
  REQUIRE(tutor.sandbox()->Run("models create churn-2").ok);
  CHECK(tutor.AskToQuit());  // an in-memory sandbox has no file to lose changes to

  const std::string path = (dir.path / "team.db").string();
  REQUIRE(tutor.NewSandbox().ok());
  REQUIRE(tutor.OpenSandboxFile(path).ok());
  const auto models_in_file = [&] {
    auto file = engine::Registry::Open(path);
    REQUIRE(file.ok());
    auto models = file->ListModels();
    REQUIRE(models.ok());
    return models->size();
  };
  REQUIRE(tutor.sandbox()->Run("models create fraud").ok);

  CHECK_FALSE(tutor.AskToQuit());
  CHECK(tutor.quit_pending());
  CHECK(State(tutor)["quit_pending"] == true);
  CHECK_FALSE(tutor.AnswerQuit(Tutor::QuitChoice::kStay));
  CHECK_FALSE(tutor.quit_pending());
  CHECK(State(tutor).count("quit_pending") == 0);
  CHECK(models_in_file() == 0);

  CHECK_FALSE(tutor.AskToQuit());
  CHECK(tutor.AnswerQuit(Tutor::QuitChoice::kSave));
  CHECK(models_in_file() == 1);
  CHECK(tutor.AskToQuit());  // saved: nothing left to lose

  REQUIRE(tutor.sandbox()->Run("models create spam").ok);
  CHECK_FALSE(tutor.AskToQuit());
  CHECK(tutor.AnswerQuit(Tutor::QuitChoice::kDiscard));
  CHECK(models_in_file() == 1);
}

TEST_CASE("tutor: a save that fails on quitting keeps the window open and says why") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenBundled(clock);
  const std::string path = (dir.path / "team.db").string();
  REQUIRE(tutor.OpenSandboxFile(path).ok());
  REQUIRE(tutor.sandbox()->Run("models create fraud").ok);
  {
    // Someone else takes the name meanwhile: the sandbox's change no longer applies to the file.
    auto file = engine::Registry::Open(path);
    REQUIRE(file.ok());
    REQUIRE(file->CreateModel("fraud").ok());
  }
  CHECK_FALSE(tutor.AskToQuit());
  CHECK_FALSE(tutor.AnswerQuit(Tutor::QuitChoice::kSave));
  CHECK(tutor.notice().find("Could not save the sandbox to '" + path + "'") != std::string::npos);
  CHECK(tutor.sandbox()->HasUnsavedChanges());
}

TEST_CASE("tutor: the default registry file opens in the sandbox even before its folder exists") {
  TempDir dir;
  SceneClock clock;
  const char* was = std::getenv("XDG_DATA_HOME");
  const std::string saved = was != nullptr ? was : "";
  setenv("XDG_DATA_HOME", (dir.path / "data").c_str(), 1);
  Tutor tutor = OpenBundled(clock);
  const std::string path = commands::DefaultRegistryPath();
  CHECK(path == (dir.path / "data/stagecraft/registry.db").string());
  CHECK(tutor.OpenSandboxFile(path).ok());
  CHECK(tutor.sandbox()->file() == path);
  CHECK(std::filesystem::exists(path));
  if (was != nullptr) {
    setenv("XDG_DATA_HOME", saved.c_str(), 1);
  } else {
    unsetenv("XDG_DATA_HOME");
  }
}

TEST_CASE("tutor: a registry file that cannot be opened leaves the sandbox and names the file") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenBundled(clock);
  REQUIRE(tutor.OpenSandbox().ok());
  tutor.sandbox()->Run("models transition-stage --model-name churn --version 3 --stage Staging");
  const std::string path = dir.Write("notes.txt", "not a registry");
  CHECK_FALSE(tutor.OpenSandboxFile(path).ok());
  CHECK(tutor.notice().find("'" + path + "'") != std::string::npos);
  CHECK(tutor.sandbox()->command_count() == 1);  // the same sandbox
  CHECK(tutor.sandbox()->file().empty());
}

TEST_CASE("tutor: saving an in-memory sandbox is refused with a notice; New starts afresh") {
  SceneClock clock;
  Tutor tutor = OpenBundled(clock);
  CHECK(tutor.SaveSandbox().code() == engine::ErrorCode::kFailedPrecondition);  // none open
  REQUIRE(tutor.OpenSandbox().ok());
  CHECK(tutor.sandbox()->path_input == commands::DefaultRegistryPath());
  tutor.sandbox()->Run("models transition-stage --model-name churn --version 3 --stage Staging");
  CHECK_FALSE(tutor.SaveSandbox().ok());
  CHECK(tutor.notice().find("not opened on a file") != std::string::npos);
  REQUIRE(tutor.NewSandbox().ok());
  CHECK(tutor.sandbox()->command_count() == 0);
  CHECK(StageOf(*tutor.sandbox(), "churn", 3) == "None");
}

TEST_CASE("tutor: the sandbox deep link opens the sandbox") {
  SceneClock clock;
  Tutor tutor = OpenBundled(clock);
  auto link = ParseDeepLink("sandbox");
  REQUIRE(link.ok());
  REQUIRE(tutor.OpenLink(*link).ok());
  CHECK(tutor.screen() == Screen::kSandbox);
  CHECK(tutor.sandbox() != nullptr);
}

TEST_CASE("tutor: a failing-options question opens set up, its first option in the input") {
  SceneClock clock;
  Tutor tutor = OpenBundled(clock);
  const Question& question =
      QuizQuestion(tutor, "promotion-workflow", "self-approval-refused");
  REQUIRE(tutor.TryInSandbox(question).ok());
  CHECK(tutor.screen() == Screen::kSandbox);
  SandboxScreen& sandbox = *tutor.sandbox();
  CHECK(sandbox.Console().empty());
  CHECK(sandbox.board().pending_requests.size() == 1);  // alex's request from the setup
  CHECK(sandbox.ActingAs() == "dana");
  CHECK(sandbox.note.find("question 'self-approval-refused'") != std::string::npos);
  CHECK(sandbox.input == question.options.front().text);
  // The options do what the check says: the marked ones fail.
  for (std::size_t i = 0; i < question.options.size(); ++i) {
    const ConsoleEntry entry = sandbox.Run(question.options[i].text);
    const bool marked = std::find(question.answers.begin(), question.answers.end(),
                                  static_cast<int>(i)) != question.answers.end();
    CHECK_MESSAGE(entry.ok != marked, question.options[i].text);
    while (sandbox.CanUndo()) REQUIRE(sandbox.Undo().ok());
  }
}

TEST_CASE("tutor: a question tried from a quiz keeps the letters the learner saw") {
  SceneClock clock;
  Tutor tutor = OpenBundled(clock);
  const Question& question =
      QuizQuestion(tutor, "promotion-workflow", "self-approval-refused");
  REQUIRE(question.options.size() == 4);
  const auto option = [&](int index) {
    return question.options[static_cast<std::size_t>(index)].text;
  };
  SUBCASE("shuffled as the quiz showed them") {
    REQUIRE(tutor.TryInSandbox(question, {3, 1, 0, 2}).ok());
    const std::string& note = tutor.sandbox()->note;
    CHECK(note.find("\n  A) " + option(3) + "\n") != std::string::npos);
    CHECK(note.find("\n  B) " + option(1) + "\n") != std::string::npos);
    CHECK(note.find("\n  C) " + option(0) + "\n") != std::string::npos);
    CHECK(note.find("\n  D) " + option(2)) != std::string::npos);
    CHECK(tutor.sandbox()->input == option(3));  // the first shown
  }
  SUBCASE("an order that does not fit the question falls back to file order") {
    REQUIRE(tutor.TryInSandbox(question, {1, 1, 0, 2}).ok());
    CHECK(tutor.sandbox()->note.find("\n  A) " + option(0) + "\n") != std::string::npos);
    CHECK(tutor.sandbox()->input == option(0));
  }
  SUBCASE("the note gives the prompt and the setup already run: the console starts empty") {
    REQUIRE(tutor.TryInSandbox(question).ok());
    const std::string& note = tutor.sandbox()->note;
    CHECK(note.find(question.prompt) != std::string::npos);
    std::string setup = "\nAlready run: ";
    for (const std::string& line : question.verify->setup) {
      setup += (line == question.verify->setup.front() ? "" : " \xC2\xB7 ") + line;
    }
    CHECK(note.find(setup + "\n") != std::string::npos);
    CHECK(tutor.sandbox()->Console().empty());
  }
}

TEST_CASE("tutor: a lesson question runs its walkthrough's first steps before its setup") {
  SceneClock clock;
  Tutor tutor = OpenBundled(clock);
  const Lesson* lesson = tutor.library().FindLesson("promoting-between-stages");
  REQUIRE(lesson != nullptr);
  const Question* question = nullptr;
  for (const Question* q : lesson->Questions()) {
    if (q->id == "tracker-v2-after-refusal") question = q;
  }
  REQUIRE(question != nullptr);
  REQUIRE(question->verify->after_step == 10);
  REQUIRE(tutor.TryInSandbox(*question).ok());
  const SandboxScreen& sandbox = *tutor.sandbox();
  const std::string answer = question->options[static_cast<std::size_t>(question->answers[0])].text;
  CHECK(StageOf(sandbox, "fraud", 2) == answer);
  CHECK(sandbox.note.find("after walkthrough step 10") != std::string::npos);
  CHECK(sandbox.input.empty());  // a stage question: the board is the answer
}

TEST_CASE("tutor: a question without a verify block is not opened in the sandbox") {
  SceneClock clock;
  Tutor tutor = OpenBundled(clock);
  Question plain;
  plain.id = "plain";
  CHECK(tutor.TryInSandbox(plain).code() == engine::ErrorCode::kFailedPrecondition);
  CHECK(tutor.screen() == Screen::kHome);
  CHECK(tutor.sandbox() == nullptr);
}

}  // namespace
}  // namespace stagecraft::core
