#include "core/scenes.h"

#include <unistd.h>  // getpid

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/authoring_preview.h"

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
  options.utc_offset_seconds = 0;  // the readiness forecast's days, whatever the machine's zone
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

// The index of the `n`th (from 0) block of `kind` in the active tab of the open lesson, or the
// blocks' count when there is none.
std::size_t NthBlock(const LessonReading& reading, LessonBlock::Kind kind, int n) {
  const auto& blocks = reading.blocks();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].block->kind == kind && n-- == 0) return i;
  }
  return blocks.size();
}

// Reads `reading` as a learner would until `blocks` of it are read (or it ends): each block in
// sight in turn, every prediction and question on the way answered right, every myth busted.
Status ReadUpTo(LessonReading& reading, std::size_t blocks) {
  blocks = std::min(blocks, reading.blocks().size());
  while (reading.read() < blocks) {
    const std::size_t at = reading.read();
    reading.Seen(at);
    if (reading.read() > at) continue;
    const ReadingBlock& block = reading.blocks()[at];  // waiting
    if (block.block->kind == LessonBlock::Kind::kQuiz) {
      if (auto answered = reading.Answer(at, block.block->question->answers); !answered.ok()) {
        return answered.status();
      }
    } else if (block.block->callout == CalloutKind::kMyth) {
      if (auto judged = reading.JudgeMyth(at, false); !judged.ok()) return judged.status();
    } else if (!block.block->choices.empty()) {
      if (auto right = reading.PredictChoice(at, block.block->choice_answer); !right.ok()) {
        return right.status();
      }
    } else {
      SC_RETURN_IF_ERROR(reading.Reveal(at));
    }
  }
  return Status::Ok();
}

// Some reading, so home shows it: the first lesson's Why to its end, then its deep dive up to
// its third prediction; Continue then points at the deep dive.
Status ReadABit(Tutor& tutor, SceneClock& clock) {
  SC_RETURN_IF_ERROR(tutor.OpenLesson("promoting-between-stages", LessonModeKind::kWhy));
  LessonScreen& screen = *tutor.lesson();
  SC_RETURN_IF_ERROR(ReadUpTo(screen.reading(), screen.reading().blocks().size()));
  clock.Advance(600);
  SC_RETURN_IF_ERROR(screen.Select(LessonModeKind::kDeepDive));
  LessonReading& deep = screen.reading();
  SC_RETURN_IF_ERROR(ReadUpTo(deep, NthBlock(deep, LessonBlock::Kind::kCallout, 2)));
  screen.Finish();
  clock.Advance(60);
  return Status::Ok();
}

// The deep dive of the first lesson with its first prediction's choice graded right, and the
// second's graded wrong ("version 1 is archived", the classic mistake) and revealed, in sight.
Status DeepDiveRevealed(Tutor& tutor) {
  SC_RETURN_IF_ERROR(tutor.OpenLesson("promoting-between-stages", LessonModeKind::kDeepDive));
  LessonScreen& screen = *tutor.lesson();
  LessonReading& reading = screen.reading();
  const std::size_t first = reading.frontier();
  if (auto right = reading.PredictChoice(first, reading.blocks()[first].block->choice_answer);
      !right.ok()) {
    return right.status();
  }
  const std::size_t second = reading.frontier();
  const LessonBlock& block = *reading.blocks()[second].block;
  if (block.choices.size() < 2) {
    return Status::FailedPrecondition("the deep dive's second prediction has no choices");
  }
  const int wrong = block.choice_answer == 1 ? 0 : 1;
  if (auto right = reading.PredictChoice(second, wrong); !right.ok()) return right.status();
  return screen.Focus(second);
}

// The step-by-step tab with its first question answered wrongly after taking the hint.
Status LessonQuizWrong(Tutor& tutor) {
  SC_RETURN_IF_ERROR(tutor.OpenLesson("promoting-between-stages", LessonModeKind::kStepByStep));
  LessonScreen& screen = *tutor.lesson();
  LessonReading& reading = screen.reading();
  const std::size_t quiz = NthBlock(reading, LessonBlock::Kind::kQuiz, 0);
  if (auto hint = reading.Hint(quiz); !hint.ok()) return hint.status();
  SC_RETURN_IF_ERROR(reading.Pick(quiz, 0));
  if (auto graded = reading.SubmitPicked(quiz); !graded.ok()) return graded.status();
  return screen.Focus(quiz);
}

// The complexity tab in the light theme, its myth believed (wrongly) and the reality shown.
Status MythLight(Tutor& tutor) {
  Settings settings = tutor.settings();
  settings.theme = Theme::kLight;
  tutor.ChangeSettings(settings);
  SC_RETURN_IF_ERROR(tutor.OpenLesson("promoting-between-stages", LessonModeKind::kComplexity));
  LessonScreen& screen = *tutor.lesson();
  const std::size_t myth = screen.reading().frontier();
  if (auto judged = screen.reading().JudgeMyth(myth, true); !judged.ok()) return judged.status();
  return screen.Focus(myth);
}

// A practice on the promotion-workflow bank (seed 3), skipped to its first question that is
// `wanted`.
Status PracticeUntil(Tutor& tutor, bool (*wanted)(const Question&)) {
  QuizSetup setup;
  setup.selector = "promotion-workflow";
  setup.seed = 3;
  SC_RETURN_IF_ERROR(tutor.StartQuiz(setup));
  QuizScreen& quiz = *tutor.quiz();
  while (!wanted(*quiz.run()->current().source)) SC_RETURN_IF_ERROR(quiz.Skip());
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

// A practice quiz on `selector`, one answer per entry of `answers`: right or wrong, at a
// confidence 1-3 (0: the quiz is not in confidence mode). Ends the session after them.
struct SceneAnswer {
  bool right;
  int confidence;
};
Status SessionWith(Tutor& tutor, SceneClock& clock, const char* selector, std::uint64_t seed,
                   const std::vector<SceneAnswer>& answers) {
  QuizSetup setup;
  setup.selector = selector;
  setup.count = static_cast<int>(answers.size());
  setup.seed = seed;
  setup.confidence = answers.front().confidence > 0;
  SC_RETURN_IF_ERROR(tutor.StartQuiz(setup));
  QuizScreen& quiz = *tutor.quiz();
  for (const SceneAnswer& answer : answers) {
    const SessionQuestion& question = quiz.run()->current();
    clock.Advance(25);
    if (answer.right) {
      for (int shown : question.answers) SC_RETURN_IF_ERROR(quiz.Pick(shown));
    } else {
      SC_RETURN_IF_ERROR(quiz.Pick(WrongOption(question)));
    }
    SC_RETURN_IF_ERROR(quiz.Confirm());
    if (quiz.phase() == QuizPhase::kConfidence) {
      SC_RETURN_IF_ERROR(quiz.ChooseConfidence(answer.confidence));
    }
    if (quiz.phase() == QuizPhase::kFeedback) SC_RETURN_IF_ERROR(quiz.Next());
  }
  quiz.Finish();
  return Status::Ok();
}

// A week of practice over every bank, most of it with confidence: certain too often (5 of 10
// right), fairly sure about right (5 of 7), guessing when always right (8 of 8); reviews coming
// due over the next days. Then the readiness screen.
Status ReadinessWeek(Tutor& tutor, SceneClock& clock) {
  const bool R = true, W = false;
  SC_RETURN_IF_ERROR(SessionWith(tutor, clock, "stages-basics", 41,
                                 {{R, 3}, {W, 3}, {R, 1}, {R, 2}, {W, 3}, {R, 1}, {R, 3}, {W, 2}}));
  clock.Advance(86400);
  SC_RETURN_IF_ERROR(SessionWith(tutor, clock, "promotion-workflow", 42,
                                 {{R, 1}, {W, 3}, {R, 3}, {R, 2}, {R, 1}, {W, 3}, {R, 2}, {R, 1},
                                  {R, 2}}));
  clock.Advance(86400);
  SC_RETURN_IF_ERROR(SessionWith(tutor, clock, "registry-commands", 43,
                                 {{R, 0}, {W, 0}, {R, 0}, {R, 0}, {W, 0}, {W, 0}}));
  clock.Advance(2 * 86400);
  SC_RETURN_IF_ERROR(SessionWith(tutor, clock, "stages-basics", 44,
                                 {{R, 3}, {W, 3}, {R, 1}, {R, 1}, {R, 2}, {W, 2}, {R, 3}, {R, 1}}));
  clock.Advance(86400);
  SC_RETURN_IF_ERROR(SessionWith(tutor, clock, "registry-commands", 45,
                                 {{R, 0}, {R, 0}, {W, 0}, {R, 0}, {R, 0}}));
  clock.Advance(3 * 3600);
  tutor.OpenReadiness();
  return Status::Ok();
}

// Writes `text` to `path` whole or not at all (scenes may run in parallel processes).
Status WriteSceneFile(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  const auto temp = path.string() + "." + std::to_string(::getpid()) + ".tmp";
  std::ofstream(temp, std::ios::binary) << text;
  std::filesystem::rename(temp, path, ec);
  if (ec) return Status::Storage("cannot write " + path.string() + ": " + ec.message());
  return Status::Ok();
}

// The scenes' own user folder (never the learner's): one per process, so that processes setting
// up scenes at once (the tests, in parallel) do not edit each other's files; removed at exit.
const std::filesystem::path& SceneUserFolder() {
  struct Folder {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("stagecraft-scene-" + std::to_string(::getpid()));
    ~Folder() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };
  static const Folder folder;
  return folder.path;
}

// The authoring screen over the bundled content and the scenes' user folder, holding
// `user_quiz` as my-quiz.json, with that file selected.
Status AuthoringWith(Tutor& tutor, SceneClock& clock, const std::string& user_quiz) {
  const auto& user = SceneUserFolder();
  ContentFolders content = tutor.options().content;
  content.user_quizzes = (user / "quizzes").string();
  content.user_lessons = (user / "lessons").string();
  content.user_challenges = (user / "challenges").string();
  const auto path = user / "quizzes" / "my-quiz.json";
  SC_RETURN_IF_ERROR(WriteSceneFile(path, user_quiz));
  tutor = Tutor::Open(SceneTutorOptions(content, clock));
  tutor.OpenAuthoring();
  tutor.authoring()->SelectPath(path.string());
  return Status::Ok();
}

// A user quiz: the first question marks a letter with no option, the second a stage the
// registry contradicts.
constexpr const char* kSceneQuiz = R"json({
  "format": 1,
  "id": "my-quiz",
  "title": "My quiz",
  "topic": "Model stages",
  "questions": [
    {"id": "where-first", "level": "easy", "prompt": "Where does a new version start?",
     "options": ["None", "Staging"], "answer": "C"},
    {"id": "after-promotion", "level": "medium",
     "prompt": "After promoting version 1 to Production, where is it?",
     "options": ["Production", "Staging"], "answer": "B",
     "verify": {"setup": ["models create churn",
                          "models create-version --model-name churn --source runs:/a/model",
                          "models transition-stage --model-name churn --version 1 --stage Production"],
                "check": "stage", "model": "churn", "version": 1}}
  ]
}
)json";

std::vector<Scene> MakeScenes() {
  return {
      {"home",
       "home: lessons with how far each mode was read, quiz banks with progress, where to "
       "continue",
       [](Tutor& tutor, SceneClock& clock) {
         if (Status s = PractiseABit(tutor, clock); !s.ok()) return s;
         if (Status s = ReadABit(tutor, clock); !s.ok()) return s;
         tutor.OpenHome();
         return Status::Ok();
       }},
      {"lesson-continued",
       "the first lesson's deep dive opened in a new session: continued where the learner "
       "stopped, with the way to start over",
       [](Tutor& tutor, SceneClock& clock) {
         SC_RETURN_IF_ERROR(ReadABit(tutor, clock));
         SC_RETURN_IF_ERROR(tutor.OpenLesson("rollback-and-aliases"));  // closes the first
         return tutor.OpenLesson("promoting-between-stages", LessonModeKind::kDeepDive);
       }},
      {"lesson-why", "the first lesson's Why tab",
       [](Tutor& tutor, SceneClock&) {
         return tutor.OpenLesson("promoting-between-stages", LessonModeKind::kWhy);
       }},
      {"lesson-deep-dive",
       "the first lesson's deep dive: a prediction's choice graded right, the next graded wrong "
       "and revealed",
       [](Tutor& tutor, SceneClock&) { return DeepDiveRevealed(tutor); }},
      {"lesson-quiz", "a lesson's question answered wrongly, with its per-option feedback",
       [](Tutor& tutor, SceneClock&) { return LessonQuizWrong(tutor); }},
      {"lesson-myth-light", "a lesson's myth believed, then busted, in the light theme",
       [](Tutor& tutor, SceneClock&) { return MythLight(tutor); }},
      {"sandbox",
       "the sandbox after an approved canary was promoted and rolled back, with a developer's "
       "ungated move to Production refused in place under its command",
       [](Tutor& tutor, SceneClock&) -> Status {
         SC_RETURN_IF_ERROR(tutor.OpenSandbox());
         SandboxScreen& sandbox = *tutor.sandbox();
         SC_RETURN_IF_ERROR(sandbox.SetActingAs("admin"));
         sandbox.Run("stages gate Production --require-approvals 1");
         SC_RETURN_IF_ERROR(sandbox.SetActingAs("dana"));
         sandbox.Run("models request-transition --model-name churn --version 2 --stage Production "
                     "--comment \"auc 0.86 on the March holdout\"");
         SC_RETURN_IF_ERROR(sandbox.SetActingAs("priya"));
         sandbox.Run("models approve-request --id 1");
         sandbox.Run("models deploy --model-name churn --version 2 --env production --traffic 10");
         sandbox.Run("models promote-canary --model-name churn");
         sandbox.Run("models rollback --model-name churn");
         // Back at the developer's seat: approving the request again is refused in place.
         SC_RETURN_IF_ERROR(sandbox.SetActingAs("dana"));
         sandbox.Run("models transition-stage --model-name churn --version 3 --stage Production");
         return Status::Ok();
       }},
      {"sandbox-actions",
       "a version card's action menu in the sandbox: an approver's view of a developer's "
       "request, with the actions the engine would refuse marked",
       [](Tutor& tutor, SceneClock&) -> Status {
         SC_RETURN_IF_ERROR(tutor.OpenSandbox());
         SandboxScreen& sandbox = *tutor.sandbox();
         sandbox.Run("models request-transition --model-name churn --version 2 --stage Production");
         SC_RETURN_IF_ERROR(sandbox.SetActingAs("priya"));
         sandbox.PickCard(VersionRef{"churn", 2});
         if (!sandbox.OpenCardMenu()) return Status::NotFound("churn v2 is not on the board");
         return Status::Ok();
       }},
      {"sandbox-question",
       "a quiz question tried in the sandbox: its verify setup run, the note saying where it came "
       "from, the first option in the console's input",
       [](Tutor& tutor, SceneClock&) -> Status {
         const Quiz* quiz = tutor.library().FindQuiz("promotion-workflow");
         if (quiz == nullptr) return Status::NotFound("no quiz promotion-workflow");
         for (const Question& question : quiz->questions) {
           if (question.id == "self-approval-refused") return tutor.TryInSandbox(question);
         }
         return Status::NotFound("no question self-approval-refused in promotion-workflow");
       }},
      {"challenge",
       "the hard challenge half done: a developer's direct move refused, then an approved "
       "request, a 10% canary and its promotion ticked on the checklist, with the hint shown",
       [](Tutor& tutor, SceneClock&) -> Status {
         SC_RETURN_IF_ERROR(tutor.OpenChallenge("canary-and-rollback"));
         ChallengeScreen& screen = *tutor.challenges();
         screen.Run("models transition-stage --model-name churn --version 2 --stage Production");
         screen.Run("models request-transition --model-name churn --version 2 --stage Production");
         screen.Run("models approve-request --id 1 --as priya");
         screen.Run("models deploy --model-name churn --version 2 --env production --traffic 10 "
                    "--as priya");
         screen.Run("models promote-canary --model-name churn --env production --as priya");
         screen.ShowHint();
         return Status::Ok();
       }},
      {"challenge-solved",
       "a medium challenge solved at par: the request and its approval by another user, every "
       "condition ticked",
       [](Tutor& tutor, SceneClock&) -> Status {
         SC_RETURN_IF_ERROR(tutor.OpenChallenge("four-eyes"));
         ChallengeScreen& screen = *tutor.challenges();
         screen.Run("models request-transition --model-name fraud --version 2 --stage Production");
         screen.Run("models approve-request --id 1 --as priya");
         return Status::Ok();
       }},
      {"challenge-list",
       "the challenges with the learner's records: the easy one solved at par, a medium one "
       "tried and left unsolved",
       [](Tutor& tutor, SceneClock&) -> Status {
         SC_RETURN_IF_ERROR(tutor.OpenChallenge("stage-a-candidate"));
         ChallengeScreen& screen = *tutor.challenges();
         screen.Run("models transition-stage --model-name churn --version 2 --stage Staging");
         SC_RETURN_IF_ERROR(tutor.OpenChallenge("four-eyes"));
         screen.Run("models transition-stage --model-name fraud --version 2 --stage Production");
         screen.CloseAttempt();
         return Status::Ok();
       }},
      {"sandbox-mlflow",
       "the sandbox's MLflow panel explaining a transition with --archive-existing "
       "(archive_existing_versions=True)",
       [](Tutor& tutor, SceneClock&) -> Status {
         SC_RETURN_IF_ERROR(tutor.OpenSandbox());
         SandboxScreen& sandbox = *tutor.sandbox();
         SC_RETURN_IF_ERROR(sandbox.SetActingAs("priya"));
         sandbox.Run("models set-alias --model-name churn --alias challenger --version 3");
         // v3 replaces v2 in Staging: v2 is archived in the same call.
         sandbox.Run("models transition-stage --model-name churn --version 3 --stage Staging "
                     "--archive-existing");
         return Status::Ok();
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
         SC_RETURN_IF_ERROR(PracticeUntil(tutor, [](const Question& q) { return q.multiple; }));
         QuizScreen& quiz = *tutor.quiz();
         const SessionQuestion& question = quiz.run()->current();
         clock.Advance(40);
         SC_RETURN_IF_ERROR(quiz.Pick(question.answers.front()));
         SC_RETURN_IF_ERROR(quiz.Pick(WrongOption(question)));
         return quiz.Confirm();
       }},
      {"quiz-feedback-verify",
       "a wrong answer to a question the registry checks: Try it in the sandbox beside Next",
       [](Tutor& tutor, SceneClock& clock) {
         SC_RETURN_IF_ERROR(PracticeUntil(tutor, [](const Question& q) { return q.verify.has_value(); }));
         QuizScreen& quiz = *tutor.quiz();
         clock.Advance(40);
         SC_RETURN_IF_ERROR(quiz.Pick(WrongOption(quiz.run()->current())));
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
      {"readiness",
       "readiness: the heatmap of topic and level, confidence calibration (over-, under- and "
       "well-calibrated levels), score history and reviews due this week",
       [](Tutor& tutor, SceneClock& clock) { return ReadinessWeek(tutor, clock); }},
      {"readiness-light", "the readiness scene in the light theme",
       [](Tutor& tutor, SceneClock& clock) {
         Settings settings = tutor.settings();
         settings.theme = Theme::kLight;
         tutor.ChangeSettings(settings);
         return ReadinessWeek(tutor, clock);
       }},
      {"author",
       "authoring: the content files, one of the instructor's stale after an edit broke it, "
       "its problems exactly as stagecraft validate prints them",
       [](Tutor& tutor, SceneClock& clock) {
         // Loaded good, then broken by an edit: listed with its problems, its last good version
         // still in use.
         std::string good = kSceneQuiz;
         good.replace(good.find(R"("answer": "C")"), 13, R"("answer": "A", "hint": "Before any.")");
         SC_RETURN_IF_ERROR(AuthoringWith(tutor, clock, good));
         const AuthoringScreen& screen = *tutor.authoring();
         SC_RETURN_IF_ERROR(WriteSceneFile(screen.files().at(screen.selected()).path, kSceneQuiz));
         clock.Advance(kPollSeconds);
         (void)tutor.PollContent();
         return Status::Ok();
       }},
      {"author-preview",
       "authoring: a bundled question previewed shuffled and in file order, the answer "
       "marked, its verify block confirmed by the engine",
       [](Tutor& tutor, SceneClock& clock) {
         SC_RETURN_IF_ERROR(AuthoringWith(tutor, clock, kSceneQuiz));
         AuthoringScreen& screen = *tutor.authoring();
         for (std::size_t i = 0; i < screen.files().size(); ++i) {
           const AuthoredFile& file = screen.files()[i];
           if (!file.quiz || file.quiz->id != "stages-basics") continue;
           screen.Select(static_cast<int>(i));
           const auto questions = FileQuestions(file);
           for (std::size_t q = 0; q < questions.size(); ++q) {
             if (questions[q]->verify) {
               screen.SelectQuestion(static_cast<int>(q));
               return Status::Ok();
             }
           }
         }
         return Status::NotFound("no bundled stages-basics question with a verify block");
       }},
      {"author-challenge",
       "authoring: a bundled challenge previewed as a learner meets it — goal, checklist, par, "
       "hint — with the way to try it",
       [](Tutor& tutor, SceneClock& clock) {
         SC_RETURN_IF_ERROR(AuthoringWith(tutor, clock, kSceneQuiz));
         AuthoringScreen& screen = *tutor.authoring();
         for (std::size_t i = 0; i < screen.files().size(); ++i) {
           const AuthoredFile& file = screen.files()[i];
           if (!file.challenge || file.challenge->id != "four-eyes") continue;
           screen.Select(static_cast<int>(i));
           return Status::Ok();
         }
         return Status::NotFound("no bundled challenge four-eyes");
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
