#include "core/scenes.h"

#include <algorithm>

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

// A shown option of the current question that is not in its key.
int WrongOption(const SessionQuestion& question) {
  for (int shown = 0; shown < static_cast<int>(question.order.size()); ++shown) {
    if (std::find(question.answers.begin(), question.answers.end(), shown) ==
        question.answers.end()) {
      return shown;
    }
  }
  return 0;
}

// Answers the current question through the quiz screen, as keys would: its key when `right`,
// else a wrong option; 20 seconds of thought first. Goes past the feedback in practice.
Status Answer(QuizScreen& quiz, SceneClock& clock, bool right) {
  const SessionQuestion& question = quiz.run()->current();
  clock.Advance(20);
  if (right) {
    for (int shown : question.answers) SC_RETURN_IF_ERROR(quiz.Pick(shown));
  } else {
    SC_RETURN_IF_ERROR(quiz.Pick(WrongOption(question)));
  }
  SC_RETURN_IF_ERROR(quiz.Confirm());
  if (quiz.phase() == QuizPhase::kFeedback) SC_RETURN_IF_ERROR(quiz.Next());
  return Status::Ok();
}

// A practice quiz on stages-basics of `count` questions, the first `right` of them right.
Status PastSession(Tutor& tutor, SceneClock& clock, std::uint64_t seed, int count, int right) {
  QuizSetup setup;
  setup.selector = "stages-basics";
  setup.count = count;
  setup.seed = seed;
  SC_RETURN_IF_ERROR(tutor.StartQuiz(setup));
  QuizScreen& quiz = *tutor.quiz();
  for (int i = 0; quiz.phase() != QuizPhase::kResults; ++i) {
    SC_RETURN_IF_ERROR(Answer(quiz, clock, i < right));
  }
  clock.Advance(2 * 86400);
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
      {"quiz-question", "a practice quiz question waiting for an answer",
       [](Tutor& tutor, SceneClock&) {
         QuizSetup setup;
         setup.selector = "promotion-workflow";
         setup.seed = 3;
         return tutor.StartQuiz(setup);
       }},
      {"quiz-setup", "the quiz setup form: bank, topic, level, count, mode, marking, reviews due",
       [](Tutor& tutor, SceneClock& clock) {
         if (Status s = PractiseABit(tutor, clock); !s.ok()) return s;
         clock.Advance(2 * 86400);  // the questions missed are due
         QuizSetup setup;
         setup.selector = "registry-commands";
         setup.level = "medium";
         setup.count = 5;
         setup.confidence = true;
         tutor.OpenQuizSetup(setup);
         return Status::Ok();
       }},
      {"quiz-feedback", "a wrong select-all answer: every involved option's feedback, the solution",
       [](Tutor& tutor, SceneClock& clock) {
         QuizSetup setup;
         setup.selector = "promotion-workflow";
         setup.seed = 3;
         SC_RETURN_IF_ERROR(tutor.StartQuiz(setup));
         QuizScreen& quiz = *tutor.quiz();
         while (!quiz.run()->current().source->multiple) SC_RETURN_IF_ERROR(quiz.Skip());
         const SessionQuestion& question = quiz.run()->current();
         clock.Advance(40);
         SC_RETURN_IF_ERROR(quiz.Pick(question.answers.front()));
         SC_RETURN_IF_ERROR(quiz.Pick(WrongOption(question)));
         return quiz.Confirm();
       }},
      {"quiz-exam", "a timed exam under way: the countdown, an answer picked",
       [](Tutor& tutor, SceneClock& clock) {
         QuizSetup setup;
         setup.selector = "stages-basics";
         setup.count = 8;
         setup.seed = 5;
         setup.exam_minutes = 10;
         SC_RETURN_IF_ERROR(tutor.StartQuiz(setup));
         QuizScreen& quiz = *tutor.quiz();
         SC_RETURN_IF_ERROR(Answer(quiz, clock, true));
         SC_RETURN_IF_ERROR(Answer(quiz, clock, false));
         clock.Advance(205);  // 4 min 5 s used: 5:55 left
         return quiz.Pick(quiz.run()->current().answers.front());
       }},
      {"quiz-results", "quiz results: score, breakdown with unanswered, the past-scores chart",
       [](Tutor& tutor, SceneClock& clock) {
         // Five earlier sessions on the bank, getting better.
         const int rights[] = {2, 3, 3, 5, 4};
         for (int i = 0; i < 5; ++i) {
           SC_RETURN_IF_ERROR(PastSession(tutor, clock, 20 + static_cast<std::uint64_t>(i), 6,
                                          rights[i]));
         }
         QuizSetup setup;
         setup.selector = "stages-basics";
         setup.count = 8;
         setup.seed = 9;
         SC_RETURN_IF_ERROR(tutor.StartQuiz(setup));
         QuizScreen& quiz = *tutor.quiz();
         for (int i = 0; i < 6; ++i) SC_RETURN_IF_ERROR(Answer(quiz, clock, i != 2));
         SC_RETURN_IF_ERROR(quiz.Skip());
         return quiz.Skip();
       }},
      {"quiz-exam-review", "an exam whose time ran out: the review of every question, time used",
       [](Tutor& tutor, SceneClock& clock) {
         QuizSetup setup;
         setup.selector = "registry-commands";
         setup.count = 4;
         setup.seed = 2;
         setup.exam_minutes = 2;
         SC_RETURN_IF_ERROR(tutor.StartQuiz(setup));
         QuizScreen& quiz = *tutor.quiz();
         SC_RETURN_IF_ERROR(Answer(quiz, clock, true));
         SC_RETURN_IF_ERROR(Answer(quiz, clock, false));
         clock.Advance(120);
         quiz.CheckTime();
         return Status::Ok();
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
