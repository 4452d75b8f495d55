// QuizScreen: the window's quiz without the window — the setup form (banks, topics, what is
// wrong), the answer picked but not submitted, the keys, the confidence step, hints, skipping,
// exams against a fake clock, reviews, and the results with the learner's history on the bank.

#include "core/quiz_screen.h"

#include <doctest/doctest.h>

#include "core/scenes.h"

#include <algorithm>
#include <string>
#include <vector>

#include "fake_clock.h"
#include "temp_dir.h"

namespace stagecraft::core {
namespace {

using engine::ErrorCode;
using testing::FakeClock;

// Four questions on two topics: e1 (easy, with a hint), e2 (easy), m1 (medium, select-all A and
// C), h1 (hard, topic Aliases).
const char* kQuiz = R"({"format": 1, "id": "basics", "title": "Basics", "topic": "Stages",
  "questions": [
    {"id": "e1", "level": "easy", "prompt": "P?", "options": ["a", "b", "c"], "answer": "A",
     "hint": "Think of a."},
    {"id": "e2", "level": "easy", "prompt": "Q?", "options": ["a", "b"], "answer": "B"},
    {"id": "m1", "level": "medium", "prompt": "Which?",
     "options": [{"text": "w", "feedback": "W is right."}, {"text": "x", "feedback": "X is not."},
                 {"text": "y", "feedback": "Y is right."}, {"text": "z"}],
     "answer": ["A", "C"], "solution": ["Take w and y."]},
    {"id": "h1", "level": "hard", "topic": "Aliases", "prompt": "S?", "options": ["a", "b"],
     "answer": "A"}
  ]})";

const char* kOther = R"({"format": 1, "id": "other", "title": "Other", "topic": "Gates",
  "questions": [
    {"id": "g1", "level": "easy", "prompt": "G?", "options": ["a", "b"], "answer": "A"}
  ]})";

const char* kLesson = R"(---
id: intro
title: Intro
topic: Stages
---

# Why

Text.

```quiz
{"id": "q1", "level": "easy", "prompt": "Where?", "options": ["None", "Staging"], "answer": "A"}
```
)";

struct Fixture {
  testing::TempDir dir{"stagecraft-quiz-screen"};
  ContentLibrary library;
  ProgressStore store = OpenStore();
  FakeClock clock;

  Fixture() {
    dir.Write("quizzes/basics.json", kQuiz);
    dir.Write("quizzes/other.json", kOther);
    dir.Write("lessons/intro.md", kLesson);
    library = ContentLibrary::Load(ContentFolders{(dir.path / "quizzes").string(),
                                                  (dir.path / "lessons").string(), "", ""});
    REQUIRE(library.FilesWithProblems() == 0);
  }

  static ProgressStore OpenStore() {
    auto store = ProgressStore::Open(":memory:");
    REQUIRE(store.ok());
    return std::move(*store);
  }

  QuizScreen Screen(QuizSetup setup) { return QuizScreen(library, &store, clock.Clock(), setup); }

  // A screen started on `level` questions of "basics" (seeded).
  QuizScreen Started(const std::string& level, int count = 1, int exam_minutes = 0,
                     bool confidence = false) {
    QuizSetup setup;
    setup.selector = "basics";
    setup.level = level;
    setup.count = count;
    setup.seed = 11;
    setup.exam_minutes = exam_minutes;
    setup.confidence = confidence;
    QuizScreen screen = Screen(setup);
    const engine::Status started = screen.Start();
    REQUIRE_MESSAGE(started.ok(), started.message());
    return screen;
  }

  int Attempts() {
    auto stats = store.Stats(clock.now);
    REQUIRE(stats.ok());
    return stats->attempts;
  }
};

// A shown index that is not in the key of the current question.
int WrongOption(const PracticeRun& run) {
  const SessionQuestion& question = run.current();
  for (int shown = 0; shown < static_cast<int>(question.order.size()); ++shown) {
    bool in_key = false;
    for (int answer : question.answers) in_key = in_key || answer == shown;
    if (!in_key) return shown;
  }
  return -1;
}

TEST_CASE("The setup form offers every quiz, each quiz and each lesson with questions") {
  Fixture f;
  QuizScreen screen = f.Screen({});
  const auto& banks = screen.banks();
  REQUIRE(banks.size() == 4);
  CHECK(banks[0].id == "");
  CHECK(banks[0].title == "Every quiz");
  CHECK(banks[0].questions == 5);
  CHECK(banks[1].id == "basics");
  CHECK(banks[1].questions == 4);
  CHECK_FALSE(banks[1].lesson);
  CHECK(banks[2].id == "other");
  CHECK(banks[3].id == "intro");
  CHECK(banks[3].lesson);
  CHECK(banks[3].questions == 1);
  CHECK(screen.phase() == QuizPhase::kSetup);
  CHECK(screen.run() == nullptr);
}

TEST_CASE("Choosing a bank lists its topics with counts and keeps the topic only if it has it") {
  Fixture f;
  QuizSetup setup;
  setup.selector = "basics";
  QuizScreen screen = f.Screen(setup);
  REQUIRE(screen.chosen_bank() != nullptr);
  CHECK(screen.chosen_bank()->title == "Basics");
  auto topics = screen.Topics();
  REQUIRE(topics.size() == 2);
  CHECK(topics[0].topic == "Aliases");
  CHECK(topics[0].questions == 1);
  CHECK(topics[1].topic == "Stages");
  CHECK(topics[1].questions == 3);

  screen.setup().topic = "stages";  // topics match in any letter case, as the session does
  screen.ChooseBank("");
  CHECK(screen.setup().topic == "stages");
  CHECK(screen.Topics().size() == 3);  // Aliases, Gates, Stages
  screen.ChooseBank("other");
  CHECK(screen.setup().selector == "other");
  CHECK(screen.setup().topic.empty());
  screen.ChooseBank("nowhere");
  CHECK(screen.chosen_bank() == nullptr);
  CHECK(screen.Topics().empty());
}

TEST_CASE("MatchingQuestions counts the bank's questions on the topic at the level") {
  Fixture f;
  QuizSetup setup;
  setup.selector = "basics";
  QuizScreen screen = f.Screen(setup);
  CHECK(screen.MatchingQuestions() == 4);
  screen.setup().level = "easy";
  CHECK(screen.MatchingQuestions() == 2);
  screen.setup().topic = "Aliases";
  CHECK(screen.MatchingQuestions() == 0);
  screen.setup().level = "hard";
  CHECK(screen.MatchingQuestions() == 1);
  screen.setup().count = 1;  // the count limits the quiz, not the matches
  CHECK(screen.MatchingQuestions() == 1);
  screen.setup().level = "extreme";
  CHECK(screen.MatchingQuestions() == 0);
}

TEST_CASE("CheckSetup and Start say what is wrong with the form, and start nothing") {
  Fixture f;
  QuizSetup setup;
  setup.selector = "basics";
  QuizScreen screen = f.Screen(setup);
  CHECK(screen.CheckSetup().ok());

  engine::Status wrong;
  SUBCASE("an unknown level") {
    screen.setup().level = "extreme";
    wrong = screen.CheckSetup();
    CHECK(wrong.code() == ErrorCode::kInvalidArgument);
    CHECK(wrong.message().find("level 'extreme'") != std::string::npos);
  }
  SUBCASE("no question") {
    screen.setup().count = 0;
    wrong = screen.CheckSetup();
    CHECK(wrong.code() == ErrorCode::kInvalidArgument);
    CHECK(wrong.message().find("at least 1 question") != std::string::npos);
  }
  SUBCASE("an exam longer than the terminal allows") {
    screen.setup().exam_minutes = kMaxExamMinutes + 1;
    wrong = screen.CheckSetup();
    CHECK(wrong.code() == ErrorCode::kInvalidArgument);
    CHECK(wrong.message().find("exam minutes 601") != std::string::npos);
  }
  SUBCASE("an unknown bank") {
    screen.setup().selector = "nowhere";
    wrong = screen.CheckSetup();
    CHECK(wrong.code() == ErrorCode::kNotFound);
    CHECK(wrong.message().find("nowhere") != std::string::npos);
  }
  SUBCASE("no question on the topic at the level") {
    screen.setup().topic = "Aliases";
    screen.setup().level = "easy";
    wrong = screen.CheckSetup();
    CHECK(wrong.code() == ErrorCode::kFailedPrecondition);
    CHECK(wrong.message() == "this bank has no easy question on Aliases: choose another level or "
                             "topic");
  }
  CHECK(screen.Start().code() == wrong.code());
  CHECK(screen.run() == nullptr);
  CHECK(screen.phase() == QuizPhase::kSetup);
}

TEST_CASE("ChooseExam switches between practice and a timed exam and remembers the minutes") {
  Fixture f;
  QuizScreen screen = f.Screen({});
  CHECK_FALSE(screen.exam());
  screen.ChooseExam(true);
  CHECK(screen.exam());
  CHECK(screen.setup().exam_minutes == 10);
  screen.setup().exam_minutes = 25;
  screen.ChooseExam(false);
  CHECK(screen.setup().exam_minutes == 0);
  screen.ChooseExam(true);
  CHECK(screen.setup().exam_minutes == 25);
  CHECK(RunSettingsFor(screen.setup())->kind == RunKind::kExam);
}

TEST_CASE("Enter on the setup form starts the quiz on its first question") {
  Fixture f;
  QuizSetup setup;
  setup.selector = "basics";
  setup.count = 2;
  QuizScreen screen = f.Screen(setup);
  REQUIRE(screen.Press('\n').ok());
  REQUIRE(screen.run() != nullptr);
  CHECK(screen.phase() == QuizPhase::kAnswering);
  CHECK(screen.run()->count() == 2);
  CHECK(screen.run()->position() == 0);
  CHECK(screen.Title() == "Basics");
}

TEST_CASE("A single-answer pick replaces the last, a select-all pick toggles") {
  Fixture f;
  SUBCASE("single answer") {
    QuizScreen screen = f.Started("easy");
    REQUIRE_FALSE(screen.run()->current().source->multiple);
    REQUIRE(screen.Press('A').ok());
    CHECK(screen.draft() == std::vector<int>{0});
    REQUIRE(screen.Press('2').ok());  // digits name the same options: 2 is B
    CHECK(screen.draft() == std::vector<int>{1});
    CHECK(screen.picked(1));
    CHECK_FALSE(screen.picked(0));
  }
  SUBCASE("select all") {
    QuizScreen screen = f.Started("medium");
    REQUIRE(screen.run()->current().source->multiple);
    REQUIRE(screen.Press('C').ok());
    REQUIRE(screen.Press('A').ok());
    REQUIRE(screen.Press('4').ok());
    CHECK(screen.draft() == std::vector<int>{0, 2, 3});
    REQUIRE(screen.Press('C').ok());
    CHECK(screen.draft() == std::vector<int>{0, 3});
  }
  SUBCASE("a letter that names no option is refused, and the pick stays") {
    QuizScreen screen = f.Started("hard");  // two options
    REQUIRE(screen.Press('A').ok());
    const engine::Status refused = screen.Press('E');
    CHECK(refused.code() == ErrorCode::kInvalidArgument);
    CHECK(refused.message() == "E is not an option (A-B)");
    CHECK(screen.draft() == std::vector<int>{0});
  }
}

TEST_CASE("Enter submits the pick: feedback and next review, then Enter goes on") {
  Fixture f;
  QuizScreen screen = f.Started("medium", 1);  // m1, select-all
  PracticeRun& run = *screen.run();
  const int wrong = WrongOption(run);
  REQUIRE(screen.Pick(run.current().answers[0]).ok());
  REQUIRE(screen.Pick(wrong).ok());
  REQUIRE(screen.Press('\n').ok());
  CHECK(screen.phase() == QuizPhase::kFeedback);
  CHECK(screen.draft().empty());
  const AnswerFeedback* feedback = run.shown_feedback();
  REQUIRE(feedback != nullptr);
  CHECK_FALSE(feedback->correct);
  CHECK(feedback->involved.size() == 3);  // one right, one wrong, one missed
  REQUIRE(run.shown_next_review().has_value());
  CHECK(run.shown_next_review()->interval_days == 1);
  CHECK(f.Attempts() == 1);
  // Letters do nothing while the feedback is shown.
  REQUIRE(screen.Press('B').ok());
  CHECK(screen.phase() == QuizPhase::kFeedback);
  REQUIRE(screen.Press('\n').ok());
  CHECK(screen.phase() == QuizPhase::kResults);
  REQUIRE(screen.result() != nullptr);
  CHECK(screen.result()->score.answered == 1);
  // Enter on the results does nothing.
  CHECK(screen.Press('\n').ok());
  CHECK(screen.phase() == QuizPhase::kResults);
}

TEST_CASE("Enter with nothing picked asks for an answer and submits nothing") {
  Fixture f;
  QuizScreen screen = f.Started("easy");
  const engine::Status empty = screen.Press('\n');
  CHECK(empty.code() == ErrorCode::kInvalidArgument);
  CHECK(empty.message().find("pick an answer first") != std::string::npos);
  CHECK(screen.phase() == QuizPhase::kAnswering);
  CHECK(f.Attempts() == 0);
}

TEST_CASE("Confidence mode asks how sure after Enter; 1-3 submit with it") {
  Fixture f;
  QuizScreen screen = f.Started("easy", 2, 0, /*confidence=*/true);
  PracticeRun& run = *screen.run();
  REQUIRE(screen.Pick(run.current().answers[0]).ok());
  REQUIRE(screen.Press('\n').ok());
  CHECK(screen.phase() == QuizPhase::kConfidence);
  CHECK(f.Attempts() == 0);

  SUBCASE("Enter again asks for the confidence") {
    CHECK(screen.Press('\n').code() == ErrorCode::kInvalidArgument);
    CHECK(screen.phase() == QuizPhase::kConfidence);
  }
  SUBCASE("Backspace goes back to the answer, the pick kept") {
    REQUIRE(screen.Press('\b').ok());
    CHECK(screen.phase() == QuizPhase::kAnswering);
    CHECK(screen.draft().size() == 1);
  }
  SUBCASE("a letter changes the answer") {
    REQUIRE(screen.Press('B').ok());
    CHECK(screen.phase() == QuizPhase::kAnswering);
    CHECK(screen.draft() == std::vector<int>{1});
  }
  SUBCASE("a digit is the confidence, not an option") {
    REQUIRE(screen.Press('3').ok());
    CHECK(screen.phase() == QuizPhase::kFeedback);
    REQUIRE(run.shown_feedback() != nullptr);
    CHECK(run.shown_feedback()->correct);
    CHECK(run.shown_feedback()->confidence == 3);
    CHECK(run.shown_feedback()->points == 3);
    CHECK(f.Attempts() == 1);
  }
  SUBCASE("a confidence out of range is refused") {
    CHECK(screen.ChooseConfidence(4).code() == ErrorCode::kInvalidArgument);
    CHECK(screen.phase() == QuizPhase::kConfidence);
  }
}

TEST_CASE("H shows the hint in place in practice, and an exam refuses it") {
  Fixture f;
  SUBCASE("practice") {
    QuizScreen screen = f.Started("easy", 2);
    PracticeRun& run = *screen.run();
    // Go to e1, the question with a hint.
    if (run.current().source->id != "e1") {
      REQUIRE(screen.Press('S').ok());
    }
    REQUIRE(run.current().source->id == "e1");
    CHECK_FALSE(screen.hint().has_value());
    REQUIRE(screen.Press('H').ok());
    REQUIRE(screen.hint().has_value());
    CHECK(*screen.hint() == "Think of a.");
    CHECK(run.hint_shown());
  }
  SUBCASE("a question without a hint says so by an empty hint") {
    QuizScreen screen = f.Started("hard");
    REQUIRE(screen.ShowHint().ok());
    REQUIRE(screen.hint().has_value());
    CHECK(screen.hint()->empty());
  }
  SUBCASE("exam") {
    QuizScreen screen = f.Started("easy", 2, /*exam_minutes=*/5);
    const engine::Status refused = screen.Press('H');
    CHECK(refused.code() == ErrorCode::kFailedPrecondition);
    CHECK(refused.message() == "no hints in an exam");
    CHECK_FALSE(screen.hint().has_value());
  }
}

TEST_CASE("The pick and the hint belong to their question and are gone on the next") {
  Fixture f;
  QuizScreen screen = f.Started("mixed", 3);
  PracticeRun& run = *screen.run();
  REQUIRE(screen.Press('A').ok());
  REQUIRE(screen.ShowHint().ok());
  REQUIRE(screen.Press('S').ok());
  CHECK(run.position() == 1);
  CHECK(screen.draft().empty());
  CHECK_FALSE(screen.hint().has_value());
  // The same when the run moves on without the screen (a scene, the terminal's way).
  REQUIRE(screen.Press('A').ok());
  REQUIRE(run.Skip().ok());
  CHECK(screen.draft().empty());
  CHECK(screen.phase() == QuizPhase::kAnswering);
}

TEST_CASE("Skipped questions count as unanswered in the result's breakdown") {
  Fixture f;
  QuizScreen screen = f.Started("mixed", 4);
  PracticeRun& run = *screen.run();
  REQUIRE(screen.Pick(run.current().answers[0]).ok());
  REQUIRE(screen.Confirm().ok());
  REQUIRE(screen.Confirm().ok());  // Next
  while (screen.phase() == QuizPhase::kAnswering) REQUIRE(screen.Press('S').ok());
  CHECK(screen.phase() == QuizPhase::kResults);
  const RunResult* result = screen.result();
  REQUIRE(result != nullptr);
  CHECK(result->score.total == 4);
  CHECK(result->score.answered == 1);
  CHECK(result->unanswered == 3);
  int questions = 0, answered = 0;
  for (const auto& [topic, tally] : result->score.by_topic) {
    questions += tally.questions;
    answered += tally.answered;
  }
  CHECK(questions == 4);
  CHECK(answered == 1);
}

TEST_CASE("An exam gives no feedback, ends at its deadline once, and refuses a late answer") {
  Fixture f;
  QuizScreen screen = f.Started("mixed", 3, /*exam_minutes=*/2);
  PracticeRun& run = *screen.run();
  REQUIRE(run.SecondsLeft().has_value());
  CHECK(*run.SecondsLeft() == doctest::Approx(120));
  REQUIRE(screen.Press('A').ok());
  REQUIRE(screen.Press('\n').ok());
  CHECK(screen.phase() == QuizPhase::kAnswering);  // straight on: no feedback in an exam
  CHECK(run.position() == 1);
  CHECK(f.Attempts() == 1);

  SUBCASE("the deadline passes while the learner thinks") {
    f.clock.Advance(119);
    CHECK_FALSE(screen.CheckTime());
    REQUIRE(screen.Press('A').ok());
    f.clock.Advance(1);
    CHECK(screen.CheckTime());
    CHECK_FALSE(screen.CheckTime());  // said once
    CHECK(screen.phase() == QuizPhase::kResults);
    const RunResult* result = screen.result();
    REQUIRE(result != nullptr);
    CHECK(result->time_up);
    CHECK(result->unanswered == 2);
    CHECK(result->seconds_used == doctest::Approx(120));
  }
  SUBCASE("an answer after the deadline, before the window checked the time") {
    REQUIRE(screen.Press('A').ok());
    f.clock.Advance(121);
    const engine::Status late = screen.Press('\n');
    CHECK(late.code() == ErrorCode::kFailedPrecondition);
    CHECK(late.message().find("not accepted") != std::string::npos);
    CHECK(f.Attempts() == 1);
    CHECK(screen.phase() == QuizPhase::kResults);
    CHECK_FALSE(screen.CheckTime());
    REQUIRE(screen.result() != nullptr);
    CHECK(screen.result()->questions[1].late);
  }
}

TEST_CASE("The results include this run in the learner's history on the bank") {
  Fixture f;
  // Two earlier sessions on basics, and one on another bank.
  for (int session = 0; session < 2; ++session) {
    QuizScreen earlier = f.Started("mixed", 2);
    while (earlier.phase() != QuizPhase::kResults) {
      if (earlier.phase() == QuizPhase::kFeedback) {
        REQUIRE(earlier.Next().ok());
        continue;
      }
      REQUIRE(earlier.Pick(earlier.run()->current().answers[0]).ok());
      REQUIRE(earlier.Confirm().ok());
    }
    f.clock.Advance(86400);
  }
  {
    QuizSetup other;
    other.selector = "other";
    QuizScreen screen = f.Screen(other);
    REQUIRE(screen.Start().ok());
    REQUIRE(screen.Press('A').ok());
    REQUIRE(screen.Press('\n').ok());
  }
  QuizScreen screen = f.Started("hard", 1);
  CHECK(screen.past_scores().empty());  // not before the end
  REQUIRE(screen.Pick(WrongOption(*screen.run())).ok());
  REQUIRE(screen.Confirm().ok());
  REQUIRE(screen.Confirm().ok());
  REQUIRE(screen.phase() == QuizPhase::kResults);
  const auto& past = screen.past_scores();
  REQUIRE(past.size() == 3);
  CHECK(past[0].answered == 2);
  CHECK(past[1].answered == 2);
  CHECK(past[2].answered == 1);
  CHECK(past[2].correct == 0);
  CHECK(past[2].asked == static_cast<int>(screen.run()->count()));  // as the result's score
  CHECK(screen.past_includes_run());
  CHECK(screen.history_problem().empty());
}

TEST_CASE("A review asks the questions due, and says when nothing is due") {
  Fixture f;
  QuizScreen screen = f.Screen({});
  CHECK(screen.due() == 0);
  const engine::Status nothing = screen.StartReview();
  CHECK(nothing.code() == ErrorCode::kNotFound);
  CHECK(nothing.message() == "nothing is due for review");
  CHECK(screen.phase() == QuizPhase::kSetup);

  // Miss two questions; a day later they are due.
  QuizScreen practice = f.Started("easy", 2);
  while (practice.phase() != QuizPhase::kResults) {
    if (practice.phase() == QuizPhase::kFeedback) {
      REQUIRE(practice.Next().ok());
      continue;
    }
    REQUIRE(practice.Pick(WrongOption(*practice.run())).ok());
    REQUIRE(practice.Confirm().ok());
  }
  f.clock.Advance(86400);
  QuizScreen review = f.Screen({});
  CHECK(review.due() == 2);
  REQUIRE(review.StartReview().ok());
  REQUIRE(review.run() != nullptr);
  CHECK(review.run()->kind() == RunKind::kReview);
  CHECK(review.run()->count() == 2);
  CHECK(review.Title() == "Review");
  CHECK_FALSE(review.setup().review);  // the form keeps its own choices
}

TEST_CASE("On the results R takes the same quiz again and N goes back to the form") {
  Fixture f;
  QuizScreen screen = f.Started("hard", 1);
  REQUIRE(screen.Press('A').ok());
  REQUIRE(screen.Press('\n').ok());
  REQUIRE(screen.Press('\n').ok());
  REQUIRE(screen.phase() == QuizPhase::kResults);
  REQUIRE(screen.Press('R').ok());
  CHECK(screen.phase() == QuizPhase::kAnswering);
  CHECK(screen.result() == nullptr);
  CHECK(screen.running().level == "hard");
  REQUIRE(screen.Press('A').ok());
  REQUIRE(screen.Press('\n').ok());
  REQUIRE(screen.Press('\n').ok());
  REQUIRE(screen.Press('N').ok());
  CHECK(screen.phase() == QuizPhase::kSetup);
}

TEST_CASE("last_error keeps the message of a key that failed until a key succeeds") {
  Fixture f;
  QuizScreen screen = f.Started("easy", 2);
  REQUIRE_FALSE(screen.Press('\n').ok());
  CHECK(screen.last_error().find("pick an answer first") != std::string::npos);
  REQUIRE(screen.Press('Z').ok());  // no meaning: nothing happens, and nothing failed
  CHECK(screen.last_error().empty());
  REQUIRE_FALSE(screen.Press('F').ok());
  CHECK(screen.last_error() != "");
  REQUIRE(screen.Press('A').ok());
  CHECK(screen.last_error().empty());
}

TEST_CASE("NewQuiz goes back to the form and finishes the run") {
  Fixture f;
  QuizScreen screen = f.Started("mixed", 2);
  REQUIRE(screen.Press('A').ok());
  REQUIRE(screen.Press('\n').ok());
  screen.NewQuiz();
  CHECK(screen.phase() == QuizPhase::kSetup);
  CHECK(screen.run() == nullptr);
  CHECK(screen.setup().selector == "basics");
  auto stats = f.store.Stats(f.clock.now);
  REQUIRE(stats.ok());
  CHECK(stats->sessions == 1);
}

// The quiz scenes, on the bundled content, reach the states their pictures promise.
struct SceneRun {
  SceneClock clock;
  Tutor tutor;
  explicit SceneRun(const char* name)
      : tutor(Tutor::Open(SceneTutorOptions(
            ContentFolders{STAGECRAFT_QUIZZES_DIR, STAGECRAFT_LESSONS_DIR, "", ""}, clock))) {
    const Scene* scene = FindScene(name);
    REQUIRE(scene != nullptr);
    const engine::Status set_up = scene->set_up(tutor, clock);
    REQUIRE_MESSAGE(set_up.ok(), set_up.message());
    REQUIRE(tutor.quiz() != nullptr);
  }
  QuizScreen& quiz() { return *tutor.quiz(); }
};

TEST_CASE("The quiz scenes show what they say") {
  SUBCASE("quiz-setup: the form, with reviews due") {
    SceneRun scene("quiz-setup");
    CHECK(scene.quiz().phase() == QuizPhase::kSetup);
    CHECK(scene.quiz().CheckSetup().ok());
    CHECK(scene.quiz().due() > 0);
  }
  SUBCASE("quiz-question: a question waiting") {
    SceneRun scene("quiz-question");
    CHECK(scene.quiz().phase() == QuizPhase::kAnswering);
  }
  SUBCASE("quiz-feedback: a wrong select-all answer, with right, wrong and missed options") {
    SceneRun scene("quiz-feedback");
    REQUIRE(scene.quiz().phase() == QuizPhase::kFeedback);
    const PracticeRun& run = *scene.quiz().run();
    CHECK(run.current().source->multiple);
    const AnswerFeedback* feedback = run.shown_feedback();
    REQUIRE(feedback != nullptr);
    CHECK_FALSE(feedback->correct);
    std::vector<std::string> verdicts;
    for (const OptionVerdict& option : feedback->involved) verdicts.emplace_back(option.Verdict());
    CHECK(std::count(verdicts.begin(), verdicts.end(), "right") >= 1);
    CHECK(std::count(verdicts.begin(), verdicts.end(), "wrong") == 1);
    CHECK(std::count(verdicts.begin(), verdicts.end(), "missed") >= 1);
    CHECK(run.shown_next_review().has_value());
  }
  SUBCASE("quiz-exam: mid-exam, the countdown running, an answer picked") {
    SceneRun scene("quiz-exam");
    const PracticeRun& run = *scene.quiz().run();
    CHECK(scene.quiz().phase() == QuizPhase::kAnswering);
    CHECK(run.kind() == RunKind::kExam);
    CHECK(run.position() == 2);
    REQUIRE(run.SecondsLeft().has_value());
    CHECK(*run.SecondsLeft() == doctest::Approx(355));
    CHECK(scene.quiz().draft().size() == 1);
  }
  SUBCASE("quiz-results: results with unanswered questions and several past sessions") {
    SceneRun scene("quiz-results");
    REQUIRE(scene.quiz().phase() == QuizPhase::kResults);
    REQUIRE(scene.quiz().result() != nullptr);
    CHECK(scene.quiz().result()->unanswered == 2);
    CHECK(scene.quiz().past_scores().size() == 6);
    CHECK(scene.quiz().past_includes_run());
  }
  SUBCASE("quiz-exam-review: an exam whose time ran out") {
    SceneRun scene("quiz-exam-review");
    REQUIRE(scene.quiz().phase() == QuizPhase::kResults);
    REQUIRE(scene.quiz().result() != nullptr);
    CHECK(scene.quiz().result()->kind == RunKind::kExam);
    CHECK(scene.quiz().result()->time_up);
  }
}

}  // namespace
}  // namespace stagecraft::core

namespace stagecraft::core {
namespace {

TEST_CASE("An exam's minutes stay from 1 to the maximum; practice has none to set") {
  ContentLibrary library = ContentLibrary::Load(
      ContentFolders{STAGECRAFT_QUIZZES_DIR, STAGECRAFT_LESSONS_DIR, "", ""});
  QuizSetup setup;
  setup.selector = "stages-basics";
  QuizScreen screen(library, nullptr, RunClock::System(), setup);
  screen.SetExamMinutes(30);
  CHECK(screen.setup().exam_minutes == 0);  // practice
  screen.ChooseExam(true);
  screen.SetExamMinutes(0);
  CHECK(screen.exam());
  CHECK(screen.setup().exam_minutes == 1);
  screen.SetExamMinutes(kMaxExamMinutes + 1);
  CHECK(screen.setup().exam_minutes == kMaxExamMinutes);
  screen.SetExamMinutes(25);
  CHECK(screen.setup().exam_minutes == 25);
  CHECK(screen.CheckSetup().ok());
}

}  // namespace
}  // namespace stagecraft::core
