// The views drawn headless — no window, no display: an ImGui context with the real fonts, the
// tutor of a scene, and key presses put straight into ImGui's input. Checks that every scene
// draws, and that the keys each screen documents reach its model (the rules are the models'; this
// is the wiring).

#include <doctest/doctest.h>
#include <imgui.h>

#include "views/keys.h"

#include <filesystem>
#include <string>

#include "../app/temp_dir.h"
#include "core/scenes.h"
#include "core/tutor.h"
#include "platform/fonts.h"
#include "views/screens.h"
#include "views/style.h"

namespace stagecraft::views {
namespace {

core::ContentFolders Bundled() {
  return core::ContentFolders{STAGECRAFT_QUIZZES_DIR, STAGECRAFT_LESSONS_DIR, "", "",
                              STAGECRAFT_CHALLENGES_DIR};
}

// An ImGui context of 1280x800 with the window's fonts, for one test.
class Headless {
 public:
  Headless() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // As the GLFW backend maps them: navigation keys are GLFW's key codes.
    io.KeyMap[ImGuiKey_Tab] = keys::kTab;
    io.KeyMap[ImGuiKey_LeftArrow] = keys::kLeft;
    io.KeyMap[ImGuiKey_RightArrow] = keys::kRight;
    io.KeyMap[ImGuiKey_UpArrow] = keys::kUp;
    io.KeyMap[ImGuiKey_DownArrow] = keys::kDown;
    io.KeyMap[ImGuiKey_Space] = keys::kSpace;
    io.KeyMap[ImGuiKey_Enter] = keys::kEnter;
    io.KeyMap[ImGuiKey_Escape] = keys::kEscape;
    io.KeyMap[ImGuiKey_Home] = keys::kHome;
    io.KeyMap[ImGuiKey_End] = keys::kEnd;
    std::string missing;
    ctx_.fonts = platform::LoadFonts(16.0f, &missing);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // built before NewFrame
  }
  ~Headless() { ImGui::DestroyContext(); }

  // Draws one frame of `tutor`; returns what the views asked of the platform.
  ViewContext Frame(core::Tutor& tutor) {
    ViewContext ctx = ctx_;
    ctx.theme = tutor.settings().theme;
    ctx.palette = PaletteFor(ctx.theme);
    ctx.now = tutor.Seconds();
    ctx.reduced_motion = tutor.settings().reduced_motion;
    ImGui::NewFrame();
    DrawTutor(tutor, ctx);
    ImGui::Render();
    return ctx;
  }

  // Presses and releases `key` (a GLFW key code), with Ctrl when asked, over three frames.
  ViewContext Press(core::Tutor& tutor, int key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    ViewContext pressed = Frame(tutor);
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    Frame(tutor);
    return pressed;
  }

 private:
  ViewContext ctx_;
};

// A fresh tutor brought to `scene`.
struct SceneTutor {
  core::SceneClock clock;
  core::Tutor tutor;
  explicit SceneTutor(const char* scene)
      : tutor(core::Tutor::Open(core::SceneTutorOptions(Bundled(), clock))) {
    const core::Scene* found = core::FindScene(scene);
    REQUIRE(found != nullptr);
    REQUIRE(found->set_up(tutor, clock).ok());
  }
};

TEST_CASE("every scene draws headless, frame after frame, and leaves its screen as it was") {
  Headless imgui;
  for (const core::Scene& scene : core::Scenes()) {
    CAPTURE(scene.name);
    SceneTutor s(scene.name);
    const core::Screen before = s.tutor.screen();
    for (int i = 0; i < 4; ++i) imgui.Frame(s.tutor);
    CHECK(s.tutor.screen() == before);
    CHECK(ImGui::GetDrawData()->TotalVtxCount > 1000);  // text and panels, not an empty frame
  }
}

TEST_CASE("the walkthrough player's keys: right, left, space, end, home") {
  Headless imgui;
  SceneTutor s("walkthrough-start");
  imgui.Frame(s.tutor);
  core::WalkthroughScreen& player = *s.tutor.walkthrough();
  for (int i = 0; i < 3; ++i) imgui.Press(s.tutor, keys::kRight);
  CHECK(player.position() == 3);
  imgui.Press(s.tutor, keys::kLeft);
  CHECK(player.position() == 2);
  ViewContext playing = imgui.Press(s.tutor, keys::kSpace);
  CHECK(player.playing());
  CHECK(playing.wake_in < 2.0);  // the next step is due: the window keeps drawing
  imgui.Press(s.tutor, keys::kSpace);
  CHECK_FALSE(player.playing());
  imgui.Press(s.tutor, keys::kHome);
  CHECK(player.position() == 0);
}

TEST_CASE("a quiz question's keys: a letter picks, Enter submits, Enter goes on") {
  Headless imgui;
  SceneTutor s("quiz-question");
  imgui.Frame(s.tutor);
  core::QuizScreen& quiz = *s.tutor.quiz();
  REQUIRE(quiz.phase() == core::QuizPhase::kAnswering);
  imgui.Press(s.tutor, keys::Letter('B'));
  CHECK(quiz.draft() == std::vector<int>{1});
  imgui.Press(s.tutor, keys::kEnter);
  CHECK(quiz.phase() == core::QuizPhase::kFeedback);
  imgui.Press(s.tutor, keys::kEnter);
  CHECK(quiz.phase() == core::QuizPhase::kAnswering);
  CHECK(quiz.run()->position() == 1);
}

// A fresh tutor with the bundled first lesson open at `mode`, drawn once.
struct LessonTutor : SceneTutor {
  LessonTutor(Headless& imgui, core::LessonModeKind mode) : SceneTutor("home") {
    REQUIRE(tutor.OpenLesson("promoting-between-stages", mode).ok());
    imgui.Frame(tutor);
  }
  core::LessonReading& reading() { return tutor.lesson()->reading(); }
  // The block the lesson's keys act on.
  const core::ReadingBlock& Waiting() { return reading().blocks().at(reading().frontier()); }
};

TEST_CASE("a lesson's prediction with choices: a letter or digit picks, Enter commits and grades") {
  Headless imgui;
  LessonTutor s(imgui, core::LessonModeKind::kDeepDive);
  core::LessonReading& reading = s.reading();

  // The home scene may have judged some already (it reads part of this tab).
  const int judged_before = reading.predictions_judged();
  const int right_before = reading.predictions_right();
  const std::size_t first = reading.frontier();
  const int answer = s.Waiting().block->choice_answer;
  REQUIRE(s.Waiting().block->choices.size() >= 2);
  imgui.Press(s.tutor, keys::Letter('A') + answer);
  CHECK(reading.blocks()[first].picked == std::vector<int>{answer});
  CHECK_FALSE(reading.blocks()[first].revealed);
  imgui.Press(s.tutor, keys::kEnter);
  CHECK(reading.blocks()[first].revealed);
  CHECK(reading.blocks()[first].choice == answer);
  CHECK(reading.blocks()[first].prediction_right == true);

  // The next one, picked wrongly with a digit: graded wrong.
  const std::size_t second = reading.frontier();
  REQUIRE(second > first);
  REQUIRE(s.Waiting().block->choices.size() >= 2);
  const int wrong = s.Waiting().block->choice_answer == 0 ? 1 : 0;
  imgui.Press(s.tutor, keys::Digit(1) + wrong);
  CHECK(reading.blocks()[second].picked == std::vector<int>{wrong});
  imgui.Press(s.tutor, keys::kEnter);
  CHECK(reading.blocks()[second].choice == wrong);
  CHECK(reading.blocks()[second].prediction_right == false);
  CHECK(reading.predictions_judged() == judged_before + 2);
  CHECK(reading.predictions_right() == right_before + 1);
}

TEST_CASE("a lesson's myth is answered with Y or N, then its question with a digit and Enter") {
  Headless imgui;
  LessonTutor s(imgui, core::LessonModeKind::kComplexity);
  core::LessonReading& reading = s.reading();
  const std::size_t myth = reading.frontier();
  REQUIRE(s.Waiting().block->callout == core::CalloutKind::kMyth);
  SUBCASE("Y: the learner believes it") {
    imgui.Press(s.tutor, keys::Letter('Y'));
    CHECK(reading.blocks()[myth].believed == true);
  }
  SUBCASE("N: the learner calls it a myth") {
    imgui.Press(s.tutor, keys::Letter('N'));
    CHECK(reading.blocks()[myth].believed == false);
  }
  CHECK(reading.blocks()[myth].revealed);

  const std::size_t question = reading.frontier();
  REQUIRE(question > myth);
  REQUIRE(s.Waiting().block->kind == core::LessonBlock::Kind::kQuiz);
  imgui.Press(s.tutor, keys::Digit(2));
  CHECK(reading.blocks()[question].picked == std::vector<int>{1});
  CHECK_FALSE(reading.blocks()[question].answer.has_value());
  imgui.Press(s.tutor, keys::kEnter);
  REQUIRE(reading.blocks()[question].answer.has_value());
  CHECK(reading.blocks()[question].answer->chosen == std::vector<int>{1});
  CHECK(reading.answered() == 1);
}

TEST_CASE("a lesson's tabs: ] goes to the next, [ back") {
  Headless imgui;
  LessonTutor s(imgui, core::LessonModeKind::kDeepDive);
  imgui.Press(s.tutor, keys::kRightBracket);
  CHECK(s.tutor.lesson()->active() == core::LessonModeKind::kStepByStep);
  imgui.Press(s.tutor, keys::kLeftBracket);
  CHECK(s.tutor.lesson()->active() == core::LessonModeKind::kDeepDive);
}

TEST_CASE("everywhere: Esc goes home, Ctrl+, opens the settings, Ctrl+Q asks to quit") {
  Headless imgui;
  SceneTutor s("lesson-why");
  imgui.Frame(s.tutor);
  imgui.Press(s.tutor, keys::kEscape);
  CHECK(s.tutor.screen() == core::Screen::kHome);
  imgui.Press(s.tutor, keys::kComma, /*ctrl=*/true);
  CHECK(s.tutor.screen() == core::Screen::kSettings);
  CHECK_FALSE(imgui.Frame(s.tutor).quit);
  CHECK(imgui.Press(s.tutor, keys::Letter('Q'), /*ctrl=*/true).quit);
}

TEST_CASE("the quit question's keys are its own: D quits without saving and picks no option") {
  Headless imgui;
  SceneTutor s("quiz-question");
  const auto db = std::filesystem::temp_directory_path() / "stagecraft-views-quit-test.db";
  std::filesystem::remove(db);
  REQUIRE(s.tutor.OpenSandboxFile(db.string()).ok());
  REQUIRE(s.tutor.sandbox()->Run("models create fraud").ok);
  s.tutor.Resume(core::Screen::kQuiz);
  REQUIRE(s.tutor.screen() == core::Screen::kQuiz);
  imgui.Frame(s.tutor);
  core::QuizScreen& quiz = *s.tutor.quiz();
  REQUIRE(quiz.phase() == core::QuizPhase::kAnswering);

  CHECK_FALSE(imgui.Press(s.tutor, keys::Letter('Q'), /*ctrl=*/true).quit);
  CHECK(s.tutor.quit_pending());
  CHECK(imgui.Press(s.tutor, keys::Letter('S')).quit);  // saves and quits; skips no question
  CHECK_FALSE(s.tutor.sandbox()->HasUnsavedChanges());
  CHECK(quiz.run()->position() == 0);

  REQUIRE(s.tutor.sandbox()->Run("models create spam").ok);
  CHECK_FALSE(imgui.Press(s.tutor, keys::Letter('Q'), /*ctrl=*/true).quit);
  CHECK(imgui.Press(s.tutor, keys::Letter('D')).quit);  // quits without saving; picks no D
  CHECK(quiz.draft().empty());
  std::filesystem::remove(db);
}

TEST_CASE("an exam's countdown asks for a frame at the next whole second") {
  Headless imgui;
  SceneTutor s("quiz-exam");
  ViewContext ctx = imgui.Frame(s.tutor);
  CHECK(ctx.wake_in > 0);
  CHECK(ctx.wake_in <= 1.0);
}

TEST_CASE("an idle screen asks for no frame until something happens") {
  Headless imgui;
  SceneTutor s("home");
  imgui.Frame(s.tutor);
  imgui.Frame(s.tutor);
  CHECK(imgui.Frame(s.tutor).wake_in >= 10);
}

TEST_CASE("the readiness scene draws its figures, and the nav tab and home button open it") {
  Headless imgui;
  SceneTutor s("readiness");
  REQUIRE(s.tutor.screen() == core::Screen::kReadiness);
  const core::ReadinessScreen* screen = s.tutor.readiness();
  REQUIRE(screen != nullptr);
  CHECK(screen->problem().empty());
  CHECK(screen->readiness().heat_total.answered > 0);
  CHECK(screen->BanksWithSessions().size() >= 3);
  for (int i = 0; i < 3; ++i) imgui.Frame(s.tutor);
  CHECK(ImGui::GetDrawData()->TotalVtxCount > 5000);  // cells, chart, lines, bars and their words

  core::Settings light = s.tutor.settings();
  light.theme = core::Theme::kLight;
  s.tutor.ChangeSettings(light);
  for (int i = 0; i < 2; ++i) imgui.Frame(s.tutor);
  CHECK(s.tutor.screen() == core::Screen::kReadiness);
}

}  // namespace
}  // namespace stagecraft::views

namespace stagecraft::views {
namespace {

TEST_CASE("the sandbox: Ctrl+Z undoes the last change and Ctrl+Y redoes it") {
  Headless imgui;
  SceneTutor s("sandbox-mlflow");
  imgui.Frame(s.tutor);
  imgui.Frame(s.tutor);
  core::SandboxScreen& sandbox = *s.tutor.sandbox();
  REQUIRE(sandbox.CanUndo());
  auto stage_of_v2 = [&] {
    for (const auto& lane : sandbox.board().lanes) {
      for (const auto& card : lane.cards) {
        if (card.version.version == 2) return lane.stage;
      }
    }
    return std::string();
  };
  CHECK(stage_of_v2() == "Archived");
  imgui.Press(s.tutor, keys::Letter('Z'), true);
  CHECK(stage_of_v2() == "Staging");
  CHECK(sandbox.CanRedo());
  imgui.Press(s.tutor, keys::Letter('Y'), true);
  CHECK(stage_of_v2() == "Archived");
  CHECK(s.tutor.screen() == core::Screen::kSandbox);
  CHECK(sandbox.input.empty());  // the input line (which has the keyboard) had nothing to undo
}

TEST_CASE("a question the registry checks: T after the answer opens it in the sandbox, set up") {
  Headless imgui;
  SceneTutor s("quiz-feedback-verify");
  imgui.Frame(s.tutor);
  imgui.Frame(s.tutor);
  const core::Question& question = *s.tutor.quiz()->run()->current().source;
  imgui.Press(s.tutor, keys::Letter('T'));
  CHECK(s.tutor.screen() == core::Screen::kSandbox);
  REQUIRE(s.tutor.sandbox() != nullptr);
  CHECK(s.tutor.sandbox()->note.find("question '" + question.id + "'") != std::string::npos);
  CHECK_FALSE(s.tutor.sandbox()->board().lanes.empty());
}

TEST_CASE("the sandbox: Ctrl+K opens the picked card's menu, Down and Enter run an action, Esc "
          "closes it and stays") {
  Headless imgui;
  SceneTutor s("sandbox-actions");  // churn v2 picked, its menu asked for, acting as priya
  imgui.Frame(s.tutor);
  imgui.Frame(s.tutor);
  core::SandboxScreen& sandbox = *s.tutor.sandbox();
  const std::size_t before = sandbox.command_count();
  imgui.Press(s.tutor, keys::kEscape);
  CHECK(s.tutor.screen() == core::Screen::kSandbox);
  CHECK(sandbox.command_count() == before);

  imgui.Press(s.tutor, keys::Letter('K'), true);
  imgui.Press(s.tutor, keys::kDown);  // from Promote to Production to Archive
  imgui.Press(s.tutor, keys::kEnter);
  REQUIRE(sandbox.command_count() == before + 1);
  CHECK(sandbox.Console().back().line ==
        "models transition-stage --model-name churn --version 2 --stage Archived");
  CHECK(sandbox.Console().back().ok);
}

TEST_CASE("a challenge: Ctrl+R asks, then starts it afresh; Ctrl+H shows the hint") {
  Headless imgui;
  SceneTutor s("challenge");
  imgui.Frame(s.tutor);
  imgui.Frame(s.tutor);
  core::ChallengeScreen& screen = *s.tutor.challenges();
  REQUIRE(screen.attempt() != nullptr);
  CHECK(screen.attempt()->commands() == 5);
  imgui.Press(s.tutor, keys::Letter('R'), true);
  CHECK(screen.reset_pending());  // five commands would be dropped: it asks first
  CHECK(screen.attempt()->commands() == 5);
  imgui.Press(s.tutor, keys::kEscape);
  CHECK_FALSE(screen.reset_pending());
  CHECK(s.tutor.screen() == core::Screen::kChallenge);  // Esc answered the question only
  CHECK(screen.attempt()->commands() == 5);
  imgui.Press(s.tutor, keys::Letter('R'), true);
  REQUIRE(screen.reset_pending());
  imgui.Press(s.tutor, keys::kEnter);
  CHECK_FALSE(screen.reset_pending());
  CHECK(screen.attempt()->commands() == 0);
  CHECK(screen.attempt()->met() == 2);  // approved-only and v1 served at 100%, as at the start
  REQUIRE(s.tutor.OpenChallenge("four-eyes").ok());
  imgui.Frame(s.tutor);
  CHECK_FALSE(screen.hint_shown());
  imgui.Press(s.tutor, keys::Letter('H'), true);
  CHECK(screen.hint_shown());
  CHECK(s.tutor.screen() == core::Screen::kChallenge);
}

TEST_CASE("authoring: N writes a new quiz, C a new challenge, each selected once listed") {
  Headless imgui;
  testing::TempDir dir;
  core::ContentFolders content = Bundled();
  content.user_quizzes = (dir.path / "quizzes").string();
  content.user_lessons = (dir.path / "lessons").string();
  content.user_challenges = (dir.path / "challenges").string();
  core::SceneClock clock;
  core::Tutor tutor = core::Tutor::Open(core::SceneTutorOptions(content, clock));
  tutor.OpenAuthoring();
  core::AuthoringScreen& screen = *tutor.authoring();
  imgui.Frame(tutor);
  imgui.Press(tutor, keys::Letter('N'));
  CHECK(screen.written() == (dir.path / "quizzes/new-quiz.json").string());
  imgui.Press(tutor, keys::Letter('C'));
  const std::string challenge = (dir.path / "challenges/new-challenge.challenge.json").string();
  CHECK(screen.written() == challenge);
  imgui.Frame(tutor);  // the poll made due by the write lists and selects it
  REQUIRE(screen.selected() >= 0);
  CHECK(screen.files()[screen.selected()].path == challenge);
  CHECK(screen.files()[screen.selected()].problems.empty());
}

}  // namespace
}  // namespace stagecraft::views
