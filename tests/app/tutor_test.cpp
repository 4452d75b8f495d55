#include "core/tutor.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/scenes.h"
#include "temp_dir.h"

namespace stagecraft::core {
namespace {

using testing::TempDir;

ContentFolders Bundled() {
  return ContentFolders{STAGECRAFT_QUIZZES_DIR, STAGECRAFT_LESSONS_DIR, "", ""};
}

// A tutor over the bundled content, with progress and settings in `dir` and a still clock.
Tutor OpenIn(const TempDir& dir, SceneClock& clock) {
  TutorOptions options;
  options.content = Bundled();
  options.progress_path = (dir.path / "data/progress.db").string();
  options.settings_path = (dir.path / "config/settings.json").string();
  options.clock = clock.Clock();
  return Tutor::Open(options);
}

nlohmann::json State(const Tutor& tutor) { return nlohmann::json::parse(tutor.StateJson()); }

TEST_CASE("tutor: opens on home with the bundled content and a new progress store") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  CHECK(tutor.screen() == Screen::kHome);
  REQUIRE(tutor.store() != nullptr);
  CHECK(tutor.store_problem().empty());
  CHECK(std::filesystem::exists(dir.path / "data/progress.db"));
  CHECK(tutor.Home().lessons.size() == tutor.library().lessons().size());
  CHECK(tutor.Home().quizzes.size() == tutor.library().quizzes().size());
  CHECK_FALSE(tutor.Home().lessons.empty());
  CHECK(State(tutor) == nlohmann::json{{"screen", "home"}});
}

TEST_CASE("tutor: a progress store that cannot be opened is a message; the rest still works") {
  TempDir dir;
  std::filesystem::create_directories(dir.path / "progress.db");  // a folder, not a file
  TutorOptions options;
  options.content = Bundled();
  options.progress_path = (dir.path / "progress.db").string();
  Tutor tutor = Tutor::Open(options);
  CHECK(tutor.store() == nullptr);
  CHECK(tutor.store_problem().find("progress.db") != std::string::npos);
  CHECK(tutor.store_problem().find("will not be recorded") != std::string::npos);
  CHECK(tutor.Home().store_problem == tutor.store_problem());
  CHECK(tutor.OpenLesson("promoting-between-stages").ok());
  QuizSetup setup;
  setup.selector = "stages-basics";
  CHECK(tutor.StartQuiz(setup).ok());
}

TEST_CASE("tutor: an unknown lesson names the known ones and leaves the screen as it was") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  engine::Status opened = tutor.OpenLesson("no-such-lesson");
  CHECK(opened.code() == engine::ErrorCode::kNotFound);
  CHECK(opened.message().find("no lesson 'no-such-lesson'; the lessons are ") == 0);
  CHECK(opened.message().find("promoting-between-stages") != std::string::npos);
  CHECK(tutor.screen() == Screen::kHome);
  CHECK(tutor.lesson() == nullptr);
  CHECK(tutor.OpenWalkthrough("no-such-lesson").code() == engine::ErrorCode::kNotFound);
  CHECK(tutor.walkthrough() == nullptr);
}

TEST_CASE("tutor: a lesson opens on the mode asked for, and stays open from home") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  REQUIRE(tutor.OpenLesson("rollback-and-aliases", LessonModeKind::kDeepDive).ok());
  CHECK(tutor.screen() == Screen::kLesson);
  REQUIRE(tutor.lesson() != nullptr);
  CHECK(tutor.lesson()->active() == LessonModeKind::kDeepDive);
  CHECK(State(tutor)["lesson"] ==
        nlohmann::json{{"id", "rollback-and-aliases"}, {"mode", "deep-dive"}});

  tutor.OpenHome();
  CHECK(tutor.screen() == Screen::kHome);
  REQUIRE(tutor.lesson() != nullptr);
  tutor.Resume(Screen::kLesson);
  CHECK(tutor.screen() == Screen::kLesson);
  // Nothing to resume: the screen stays.
  tutor.Resume(Screen::kQuiz);
  CHECK(tutor.screen() == Screen::kLesson);
}

TEST_CASE("tutor: the walkthrough's step is in the state a script reads") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  REQUIRE(tutor.OpenWalkthrough("promoting-between-stages").ok());
  CHECK(tutor.screen() == Screen::kWalkthrough);
  REQUIRE(tutor.walkthrough() != nullptr);
  CHECK(State(tutor)["walkthrough"]["step"] == 0);
  tutor.walkthrough()->JumpTo(3, tutor.Seconds());
  CHECK(State(tutor)["walkthrough"]["step"] == 3);
  CHECK(State(tutor)["walkthrough"]["steps"] == tutor.walkthrough()->player().size());
}

TEST_CASE("tutor: the sandbox opens seeded, stays as left, and its count and actor are in the state") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  CHECK(tutor.sandbox() == nullptr);
  CHECK_FALSE(State(tutor).contains("sandbox"));
  tutor.Resume(Screen::kSandbox);  // nothing open yet: stays home
  CHECK(tutor.screen() == Screen::kHome);

  REQUIRE(tutor.OpenSandbox().ok());
  CHECK(tutor.screen() == Screen::kSandbox);
  CHECK(State(tutor)["screen"] == "sandbox");
  REQUIRE(tutor.sandbox() != nullptr);
  CHECK_FALSE(tutor.sandbox()->board().lanes.empty());  // churn and its versions
  CHECK(State(tutor)["sandbox"]["commands"] == 0);
  CHECK(State(tutor)["sandbox"]["acting_as"] == "dana");

  tutor.sandbox()->Run("models transition-stage --model-name churn --version 3 --stage Staging");
  REQUIRE(tutor.sandbox()->SetActingAs("priya").ok());
  CHECK(State(tutor)["sandbox"]["commands"] == 1);
  CHECK(State(tutor)["sandbox"]["acting_as"] == "priya");
  CHECK(State(tutor)["sandbox"]["can_undo"] == true);

  tutor.OpenHome();
  REQUIRE(tutor.OpenSandbox().ok());  // the same sandbox, not a fresh one
  CHECK(State(tutor)["sandbox"]["commands"] == 1);
  tutor.OpenHome();
  tutor.Resume(Screen::kSandbox);
  CHECK(tutor.screen() == Screen::kSandbox);
}

TEST_CASE("tutor: a quiz with a bad setting is refused and nothing replaces the open one") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  QuizSetup good;
  good.selector = "stages-basics";
  good.count = 2;
  good.seed = 5;
  REQUIRE(tutor.StartQuiz(good).ok());
  REQUIRE(tutor.quiz()->run() != nullptr);

  QuizSetup bad = good;
  bad.level = "expert";
  engine::Status started = tutor.StartQuiz(bad);
  CHECK(started.code() == engine::ErrorCode::kInvalidArgument);
  CHECK(started.message() == "level 'expert' is not one of easy, medium, hard, mixed");
  CHECK(tutor.quiz()->setup().level == "mixed");

  QuizSetup unknown = good;
  unknown.selector = "no-such-bank";
  CHECK(tutor.StartQuiz(unknown).code() == engine::ErrorCode::kNotFound);
  CHECK(tutor.quiz()->setup().selector == "stages-basics");
}

TEST_CASE("tutor: answers land in the progress store and home counts them when shown again") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  auto link = ParseDeepLink("quiz:stages-basics");
  REQUIRE(link.ok());
  QuizSetup setup;
  setup.count = 2;
  setup.seed = 11;
  REQUIRE(tutor.OpenLink(*link, setup).ok());
  CHECK(tutor.screen() == Screen::kQuiz);
  CHECK(State(tutor)["quiz"]["position"] == 0);
  CHECK(State(tutor)["quiz"]["phase"] == "answering");
  CHECK_FALSE(State(tutor)["quiz"].contains("picked"));
  REQUIRE(tutor.quiz()->Pick(1).ok());
  CHECK(State(tutor)["quiz"]["picked"] == "B");
  PracticeRun& run = *tutor.quiz()->run();
  REQUIRE(run.Submit(run.current().answers).ok());
  REQUIRE(run.Next().ok());
  CHECK(State(tutor)["quiz"]["position"] == 1);

  auto answered = tutor.store()->AnsweredQuestions();
  REQUIRE(answered.ok());
  CHECK(answered->size() == 1);

  int before = 0;
  for (const QuizCard& card : tutor.Home().quizzes) before += card.answered;
  CHECK(before == 0);  // built when the tutor opened
  tutor.OpenHome();
  int after = 0;
  for (const QuizCard& card : tutor.Home().quizzes) after += card.answered;
  CHECK(after == 1);
}

TEST_CASE("tutor: settings are read at open, saved on change, and a failed save is the notice") {
  TempDir dir;
  SceneClock clock;
  dir.Write("config/settings.json", R"({"theme": "light", "font_scale": 40})");
  Tutor tutor = OpenIn(dir, clock);
  CHECK(tutor.settings().theme == Theme::kLight);
  REQUIRE(tutor.settings_problems().size() == 1);
  CHECK(tutor.settings_problems()[0].find("font_scale") != std::string::npos);
  CHECK(tutor.notice() == tutor.settings_problems()[0]);  // said at once, not only in Settings
  tutor.DismissNotice();

  Settings settings = tutor.settings();
  settings.reduced_motion = true;
  tutor.ChangeSettings(settings);
  CHECK(tutor.notice().empty());
  CHECK(LoadSettings((dir.path / "config/settings.json").string()).settings.reduced_motion);

  std::filesystem::remove_all(dir.path / "config");
  dir.Write("config", "a file where the folder should be");
  settings.theme = Theme::kDark;
  tutor.ChangeSettings(settings);
  CHECK(tutor.settings().theme == Theme::kDark);  // applies even so
  CHECK(tutor.notice().find("settings not saved: ") == 0);
  tutor.DismissNotice();
  CHECK(tutor.notice().empty());
}

TEST_CASE("tutor: the settings' prediction choice reaches the walkthrough player") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  REQUIRE(tutor.OpenWalkthrough("promoting-between-stages").ok());
  std::size_t marked = 0;
  for (std::size_t k = 1; k <= tutor.walkthrough()->player().size(); ++k) {
    marked += tutor.walkthrough()->player().PredictionAt(k).has_value();
  }
  Settings settings = tutor.settings();
  settings.predict_every_step = true;
  tutor.ChangeSettings(settings);
  REQUIRE(tutor.OpenWalkthrough("promoting-between-stages").ok());
  std::size_t every = 0;
  for (std::size_t k = 1; k <= tutor.walkthrough()->player().size(); ++k) {
    every += tutor.walkthrough()->player().PredictionAt(k).has_value();
  }
  CHECK(every > marked);

  // The state says which step's question waits, so a script knows to answer it.
  WalkthroughScreen& screen = *tutor.walkthrough();
  while (!screen.PendingPrediction() && screen.CanForward()) screen.Forward(tutor.Seconds());
  REQUIRE(screen.PendingPrediction());
  CHECK(State(tutor)["walkthrough"]["question_before"] == screen.PendingPrediction()->step);
  CHECK(State(tutor)["walkthrough"]["step"] == screen.PendingPrediction()->step - 1);
}

TEST_CASE("tutor: opening the lesson or walkthrough already open keeps where the learner was") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  REQUIRE(tutor.OpenLesson("promoting-between-stages", LessonModeKind::kDeepDive).ok());
  LessonScreen* lesson = tutor.lesson();
  const std::size_t frontier = lesson->reading().frontier();
  REQUIRE(frontier < lesson->reading().blocks().size());
  REQUIRE(lesson->reading().Reveal(frontier).ok());
  REQUIRE(lesson->reading().blocks()[frontier].revealed);
  tutor.OpenHome();
  REQUIRE(tutor.OpenLesson("promoting-between-stages").ok());
  CHECK(tutor.lesson() == lesson);
  CHECK(tutor.lesson()->active() == LessonModeKind::kDeepDive);
  CHECK(tutor.lesson()->reading().blocks()[frontier].revealed);
  REQUIRE(tutor.OpenLesson("promoting-between-stages", LessonModeKind::kWhy).ok());
  CHECK(tutor.lesson()->active() == LessonModeKind::kWhy);
  REQUIRE(tutor.OpenLesson("rollback-and-aliases").ok());
  CHECK(tutor.lesson()->lesson().id == "rollback-and-aliases");

  REQUIRE(tutor.OpenWalkthrough("promoting-between-stages").ok());
  tutor.walkthrough()->JumpTo(4, tutor.Seconds());
  tutor.OpenHome();
  REQUIRE(tutor.OpenWalkthrough("promoting-between-stages").ok());
  CHECK(tutor.walkthrough()->position() == 4);
  CHECK(tutor.screen() == Screen::kWalkthrough);
}

TEST_CASE("tutor: Continue in a new session opens the lesson and mode last read, where it stopped") {
  TempDir dir;
  SceneClock clock;
  std::size_t stopped = 0;
  {
    Tutor tutor = OpenIn(dir, clock);
    REQUIRE(tutor.OpenLesson("rollback-and-aliases", LessonModeKind::kDeepDive).ok());
    LessonReading& reading = tutor.lesson()->reading();
    const std::size_t predict = reading.frontier();
    REQUIRE(predict > 0);
    reading.Seen(predict);
    REQUIRE(reading.Reveal(predict).ok());
    stopped = reading.read();
    REQUIRE(stopped == predict + 1);
    tutor.OpenHome();
    const LessonCard& card = *std::find_if(
        tutor.Home().lessons.begin(), tutor.Home().lessons.end(),
        [](const LessonCard& c) { return c.lesson->id == "rollback-and-aliases"; });
    const auto deep = std::find_if(card.modes.begin(), card.modes.end(), [](const ModeProgress& m) {
      return m.kind == LessonModeKind::kDeepDive;
    });
    REQUIRE(deep != card.modes.end());
    CHECK(deep->started());
    CHECK_FALSE(deep->done);
  }
  Tutor tutor = OpenIn(dir, clock);  // the next evening
  REQUIRE(tutor.Home().resume.has_value());
  const ResumePoint resume = *tutor.Home().resume;
  CHECK(resume.id == "rollback-and-aliases");
  CHECK(resume.mode == LessonModeKind::kDeepDive);
  REQUIRE(tutor.OpenLesson(resume.id, resume.mode).ok());
  CHECK(tutor.lesson()->active() == LessonModeKind::kDeepDive);
  CHECK(tutor.lesson()->reading().read() == stopped);
  CHECK(tutor.lesson()->continued() == stopped);
  CHECK(State(tutor)["lesson"]["mode"] == "deep-dive");
  CHECK(State(tutor)["lesson"]["continued_from"] == stopped);
}

TEST_CASE("tutor: the setup of the quiz under way resumes it; another bank starts afresh") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  QuizSetup setup;
  setup.selector = "stages-basics";
  setup.count = 3;
  setup.seed = 2;
  REQUIRE(tutor.StartQuiz(setup).ok());
  PracticeRun* run = tutor.quiz()->run();
  REQUIRE(run->Submit(run->current().answers).ok());
  REQUIRE(run->Next().ok());
  tutor.OpenHome();

  QuizSetup same;
  same.selector = "stages-basics";
  tutor.OpenQuizSetup(same);
  CHECK(tutor.screen() == Screen::kQuiz);
  REQUIRE(tutor.quiz()->run() == run);
  CHECK(run->position() == 1);

  QuizSetup exam = same;
  exam.exam_minutes = 10;
  tutor.OpenQuizSetup(exam);  // an exam is not the practice run under way
  CHECK(tutor.quiz()->run() == nullptr);
  CHECK(tutor.quiz()->setup().exam_minutes == 10);
}

TEST_CASE("tutor: a review with nothing due says so and leaves the screen as it was") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  engine::Status review = tutor.StartReview();
  CHECK(review.code() == engine::ErrorCode::kNotFound);
  CHECK(tutor.screen() == Screen::kHome);
  CHECK(tutor.quiz() == nullptr);
}

TEST_CASE("tutor: the state of a notice that is not UTF-8 is still written") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  tutor.Notify("cannot read /tmp/caf\xE9.json");
  const std::string state = tutor.StateJson();
  CHECK(state.find("cannot read /tmp/caf") != std::string::npos);
  const auto parsed = nlohmann::json::parse(state, nullptr, /*allow_exceptions=*/false);
  CHECK_FALSE(parsed.is_discarded());
}

TEST_CASE("tutor: readiness is built when opened, so it counts every answer so far") {
  TempDir dir;
  SceneClock clock;
  Tutor tutor = OpenIn(dir, clock);
  CHECK(tutor.readiness() == nullptr);
  tutor.OpenReadiness();
  CHECK(tutor.screen() == Screen::kReadiness);
  REQUIRE(tutor.readiness() != nullptr);
  CHECK(tutor.readiness()->problem().empty());
  CHECK(tutor.readiness()->readiness().heat_total.answered == 0);
  CHECK(State(tutor)["screen"] == "readiness");
  CHECK(State(tutor)["readiness"]["answered"] == 0);

  QuizSetup setup;
  setup.selector = "stages-basics";
  setup.count = 2;
  setup.seed = 11;
  REQUIRE(tutor.StartQuiz(setup).ok());
  PracticeRun& run = *tutor.quiz()->run();
  REQUIRE(run.Submit(run.current().answers).ok());
  CHECK(tutor.readiness()->readiness().heat_total.answered == 0);  // as last opened
  tutor.OpenReadiness();
  CHECK(tutor.readiness()->readiness().heat_total.answered == 1);
  CHECK(State(tutor)["readiness"]["answered"] == 1);
  tutor.OpenHome();
  CHECK_FALSE(State(tutor).contains("readiness"));  // only while it shows
}

TEST_CASE("tutor: readiness without a progress store shows the content and says why") {
  TempDir dir;
  std::filesystem::create_directories(dir.path / "progress.db");  // a folder, not a file
  TutorOptions options;
  options.content = Bundled();
  options.progress_path = (dir.path / "progress.db").string();
  options.utc_offset_seconds = 0;
  Tutor tutor = Tutor::Open(options);
  REQUIRE(tutor.store() == nullptr);
  tutor.OpenReadiness();
  CHECK(tutor.screen() == Screen::kReadiness);
  REQUIRE(tutor.readiness() != nullptr);
  CHECK(tutor.readiness()->problem().find("progress.db") != std::string::npos);
  CHECK(tutor.readiness()->readiness().heat_total.questions > 0);
  CHECK(tutor.readiness()->readiness().utc_offset_seconds == 0);
  CHECK(State(tutor)["readiness"].contains("problem"));
}

TEST_CASE("tutor: the authoring screen's reload reaches the library and closes the open lesson") {
  TempDir dir;
  SceneClock clock;
  TutorOptions options;
  options.content = Bundled();
  options.content.user_quizzes = (dir.path / "data/quizzes").string();
  options.content.user_lessons = (dir.path / "data/lessons").string();
  options.content.user_challenges = (dir.path / "data/challenges").string();
  options.clock = clock.Clock();
  Tutor tutor = Tutor::Open(options);
  REQUIRE(tutor.OpenLesson("promoting-between-stages").ok());
  tutor.OpenAuthoring();
  CHECK(tutor.screen() == Screen::kAuthor);
  REQUIRE(tutor.authoring() != nullptr);
  CHECK(std::filesystem::is_directory(dir.path / "data/challenges"));
  CHECK(State(tutor)["author"]["problems"] == 0);
  CHECK(tutor.lesson() != nullptr);  // nothing changed yet

  dir.Write("data/quizzes/mine.json", R"({"format": 1, "id": "mine", "title": "Mine",
    "topic": "Stages", "questions": [{"id": "q1", "level": "easy", "prompt": "Where?",
    "options": ["Staging", "Production"], "answer": "A"}]})");
  CHECK_FALSE(tutor.PollContent());  // not yet due
  clock.Advance(kPollSeconds);
  CHECK(tutor.PollContent());
  CHECK(tutor.library().FindQuiz("mine") != nullptr);
  CHECK(tutor.lesson() == nullptr);
  CHECK(tutor.OpenLesson("promoting-between-stages").ok());

  dir.Write("data/quizzes/mine.json", "{");
  tutor.OpenAuthoring();  // opening looks at once
  const auto state = State(tutor);
  CHECK(state["author"]["problems"] == 1);
  CHECK(state["author"]["stale"] == 1);
  CHECK(tutor.library().FindQuiz("mine") != nullptr);

  tutor.OpenHome();
  clock.Advance(kPollSeconds);
  CHECK_FALSE(tutor.PollContent());  // only while the authoring screen shows
  CHECK(tutor.OpenLink(*ParseDeepLink("author")).ok());
  CHECK(tutor.screen() == Screen::kAuthor);
}

}  // namespace
}  // namespace stagecraft::core
