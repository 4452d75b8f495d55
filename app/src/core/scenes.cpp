#include "core/scenes.h"

namespace stagecraft::core {

using engine::Status;

SceneClock::SceneClock() = default;
void SceneClock::Advance(double seconds) {
  seconds_ += seconds;
  now_ += static_cast<UnixTime>(seconds);
}
RunClock SceneClock::Clock() {
  return RunClock{[this] { return seconds_; }, [this] { return now_; }};
}

TutorOptions SceneTutorOptions(ContentFolders content, SceneClock& clock) {
  TutorOptions options;
  options.content = std::move(content);
  options.progress_path = ":memory:";
  options.clock = clock.Clock();
  return options;
}

namespace {

// Some history, so home shows progress: a practice quiz on one bank, half answered well.
Status PractiseABit(Tutor& tutor, SceneClock& clock) {
  QuizSetup setup;
  setup.selector = "stages-basics";
  setup.count = 6;
  setup.seed = 7;
  if (Status s = tutor.StartQuiz(setup); !s.ok()) return s;
  PracticeRun& run = *tutor.quiz()->run();
  for (std::size_t i = 0; !run.finished(); ++i) {
    clock.Advance(20);
    // Right on even questions, first option on odd ones (wrong unless it is the key).
    std::vector<int> chosen = i % 2 == 0 ? run.current().answers : std::vector<int>{0};
    if (auto submitted = run.Submit(chosen); !submitted.ok()) return submitted.status();
    if (!run.finished()) {
      if (Status s = run.Next(); !s.ok()) return s;
    }
  }
  tutor.quiz()->Finish();
  clock.Advance(3600);
  return Status::Ok();
}

std::vector<Scene> MakeScenes() {
  return {
      {"home", "home: lessons, quiz banks with progress, where to continue",
       [](Tutor& tutor, SceneClock& clock) {
         if (Status s = PractiseABit(tutor, clock); !s.ok()) return s;
         tutor.OpenHome();
         return Status::Ok();
       }},
      {"lesson-why", "the first lesson's Why tab",
       [](Tutor& tutor, SceneClock&) {
         return tutor.OpenLesson("promoting-between-stages", LessonModeKind::kWhy);
       }},
      {"walkthrough-start", "the walkthrough player before its first step",
       [](Tutor& tutor, SceneClock&) { return tutor.OpenWalkthrough("promoting-between-stages"); }},
      {"walkthrough-step",
       "the walkthrough after the approval (step 12): the moved card and its cells highlighted, "
       "the refused step 10 in the table",
       [](Tutor& tutor, SceneClock& clock) {
         if (Status s = tutor.OpenWalkthrough("promoting-between-stages"); !s.ok()) return s;
         WalkthroughScreen& screen = *tutor.walkthrough();
         screen.JumpTo(9, tutor.Seconds());  // step 10 asks first: will it be refused?
         if (auto graded = screen.Predict("yes", tutor.Seconds()); !graded.ok()) {
           return graded.status();
         }
         screen.JumpTo(12, tutor.Seconds());
         clock.Advance(1);  // past the cards' slide
         if (screen.position() == 12) return Status::Ok();
         return Status::FailedPrecondition("the player stopped before step 12");
       }},
      {"walkthrough-canary",
       "the rollback walkthrough at its canary: production serves version 2 to 10% of traffic",
       [](Tutor& tutor, SceneClock& clock) {
         if (Status s = tutor.OpenWalkthrough("rollback-and-aliases"); !s.ok()) return s;
         tutor.walkthrough()->JumpTo(7, tutor.Seconds());
         clock.Advance(1);
         return Status::Ok();
       }},
      {"walkthrough-predict",
       "the walkthrough asking where version 2 will be after the approval (predictions at every "
       "stage change turned on)",
       [](Tutor& tutor, SceneClock& clock) {
         Settings settings = tutor.settings();
         settings.predict_every_step = true;
         tutor.ChangeSettings(settings);
         if (Status s = tutor.OpenWalkthrough("promoting-between-stages"); !s.ok()) return s;
         WalkthroughScreen& screen = *tutor.walkthrough();
         // Answer every question on the way (right, except step 9's), then stop before step 12.
         while (screen.position() < 11) {
           if (auto question = screen.PendingPrediction()) {
             const std::string answer = question->step == 9 ? "None" : question->answer;
             if (auto graded = screen.Predict(answer, tutor.Seconds()); !graded.ok()) {
               return graded.status();
             }
           } else {
             screen.JumpTo(11, tutor.Seconds());
           }
         }
         clock.Advance(1);
         if (screen.PendingPrediction()) return Status::Ok();
         return Status::FailedPrecondition("step 12 asks no prediction");
       }},
      {"quiz-question", "a practice quiz question waiting for an answer",
       [](Tutor& tutor, SceneClock&) {
         QuizSetup setup;
         setup.selector = "promotion-workflow";
         setup.seed = 3;
         return tutor.StartQuiz(setup);
       }},
      {"settings-light", "the settings screen in the light theme",
       [](Tutor& tutor, SceneClock&) {
         Settings settings = tutor.settings();
         settings.theme = Theme::kLight;
         tutor.ChangeSettings(settings);
         tutor.OpenSettings();
         return Status::Ok();
       }},
  };
}

}  // namespace

const std::vector<Scene>& Scenes() {
  static const std::vector<Scene> scenes = MakeScenes();
  return scenes;
}

const Scene* FindScene(std::string_view name) {
  for (const Scene& scene : Scenes()) {
    if (name == scene.name) return &scene;
  }
  return nullptr;
}

}  // namespace stagecraft::core
