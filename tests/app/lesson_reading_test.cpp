// LessonReading: one mode of a lesson as a learner reads it — the frontier (the first block
// waiting for the learner), Predict/Reveal and Myth/Reality callouts, questions graded through
// Grade with hints counted, each answer recorded in the progress store with its review schedule,
// the session closed by Finish, and the counts of questions, answers and right answers.
//
// The lesson is written inline and parsed with ParseLesson, as the terminal and the window get it.

#include "core/lesson_reading.h"

#include <doctest/doctest.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lesson_loader.h"
#include "problem_listing.h"
#include "stagecraft/sqlite/database.h"
#include "temp_dir.h"

namespace stagecraft::core {
namespace {

using engine::ErrorCode;
using testing::Listing;
using Kind = LessonBlock::Kind;

constexpr UnixTime kNow = 1'700'000'000;
constexpr UnixTime kDay = 86'400;

// The why mode: a paragraph, a prediction, a paragraph, a myth, a single-answer question, a
// select-all question (with its own topic, no hint), a takeaway (a callout with nothing to
// reveal) and a paragraph. A complexity mode with nothing to do.
constexpr std::string_view kLesson = R"(---
id: reading
title: Reading a lesson
topic: Model stages
---

# Why

A new version starts with no stage.

> **Predict:** Version 2 is in Production and you move version 1 there. What does
> `models:/fraud/Production` serve?
>
> **Reveal:** Still version 2: a stage URI resolves to the highest version in that stage.

Stages are names, and names are matched as written.

> **Myth:** Moving a version to Production archives the one there.
>
> **Reality:** Only with `--archive-existing-versions`.

```quiz
{
  "id": "start",
  "level": "easy",
  "prompt": "Where does a new version start?",
  "options": [
    {"text": "None", "feedback": "Yes: every version starts there."},
    {"text": "Staging", "feedback": "Not until it is moved."},
    "Production"
  ],
  "answer": "A",
  "hint": "Think of what exists before any transition."
}
```

```quiz
{
  "id": "aliases",
  "level": "medium",
  "topic": "Aliases",
  "prompt": "Which are true of aliases?",
  "options": [
    {"text": "An alias names one version", "feedback": "Right."},
    {"text": "A version holds one alias at most", "feedback": "It may hold several."},
    {"text": "Moving an alias needs no new version", "feedback": "Right: it is a pointer."},
    "Aliases are stages"
  ],
  "answer": ["A", "C"]
}
```

> **Takeaway:** A stage URI serves the highest version in that stage.

That is all.

# Complexity

It grows with models times stages.
)";

const Lesson& TheLesson() {
  static const Lesson lesson = [] {
    LessonLoad load = ParseLesson(kLesson, "reading.md");
    INFO(Listing(load.problems));
    REQUIRE(load.clean());
    return std::move(*load.lesson);
  }();
  return lesson;
}

// A clock that stands still at kNow (the tests move it by hand where they need to).
RunClock FixedClock(const UnixTime* now) {
  return RunClock{[] { return 0.0; }, [now] { return *now; }};
}

// Where the blocks of the why mode are, found by what they are.
struct Layout {
  std::size_t first_paragraph = 0, predict = 0, between = 0, myth = 0, single = 0, multi = 0,
              takeaway = 0, last = 0;
};

Layout Find(const LessonReading& reading) {
  std::vector<std::size_t> paragraphs, callouts, quizzes;
  const auto& blocks = reading.blocks();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    switch (blocks[i].block->kind) {
      case Kind::kParagraph:
        paragraphs.push_back(i);
        break;
      case Kind::kCallout:
        callouts.push_back(i);
        break;
      case Kind::kQuiz:
        quizzes.push_back(i);
        break;
      default:
        break;
    }
  }
  REQUIRE(paragraphs.size() == 3);
  REQUIRE(callouts.size() == 3);
  REQUIRE(quizzes.size() == 2);
  Layout at{paragraphs[0], callouts[0], paragraphs[1], callouts[1],
            quizzes[0],    quizzes[1],  callouts[2],   paragraphs[2]};
  REQUIRE(blocks[at.predict].block->callout == CalloutKind::kPredict);
  REQUIRE(blocks[at.myth].block->callout == CalloutKind::kMyth);
  REQUIRE(blocks[at.takeaway].block->callout == CalloutKind::kTakeaway);
  REQUIRE(blocks[at.single].block->question->id == "start");
  REQUIRE(blocks[at.multi].block->question->id == "aliases");
  // The order the lesson is written in.
  REQUIRE(at.first_paragraph < at.predict);
  REQUIRE(at.predict < at.between);
  REQUIRE(at.between < at.myth);
  REQUIRE(at.myth < at.single);
  REQUIRE(at.single < at.multi);
  REQUIRE(at.multi < at.takeaway);
  REQUIRE(at.takeaway < at.last);
  return at;
}

LessonReading OpenWhy(ProgressStore* store = nullptr, RunClock clock = RunClock::System()) {
  auto reading = LessonReading::Open(TheLesson(), LessonModeKind::kWhy, store, std::move(clock));
  REQUIRE(reading.ok());
  return std::move(*reading);
}

ProgressStore MemoryStore() {
  auto store = ProgressStore::Open(":memory:");
  REQUIRE(store.ok());
  return std::move(*store);
}

ProgressStats StatsOf(const ProgressStore& store) {
  auto stats = store.Stats(kNow);
  REQUIRE(stats.ok());
  return *stats;
}

TEST_CASE("LessonReading::Open fails with kNotFound for a mode the lesson lacks") {
  for (LessonModeKind kind :
       {LessonModeKind::kCommands, LessonModeKind::kDeepDive, LessonModeKind::kStepByStep}) {
    CAPTURE(LessonModeId(kind));
    auto reading = LessonReading::Open(TheLesson(), kind, nullptr);
    REQUIRE_FALSE(reading.ok());
    CHECK(reading.status().code() == ErrorCode::kNotFound);
    CHECK(testing::Contains(reading.status().message(), LessonModeId(kind)));
  }
}

TEST_CASE("LessonReading::Open holds the mode's blocks, none revealed or answered") {
  const LessonReading reading = OpenWhy();
  const LessonMode* why = TheLesson().Mode(LessonModeKind::kWhy);
  REQUIRE(why != nullptr);
  CHECK(&reading.lesson() == &TheLesson());
  CHECK(&reading.mode() == why);
  REQUIRE(reading.blocks().size() == why->blocks.size());
  for (std::size_t i = 0; i < why->blocks.size(); ++i) {
    CAPTURE(i);
    const ReadingBlock& block = reading.blocks()[i];
    CHECK(block.block == &why->blocks[i]);
    CHECK_FALSE(block.revealed);
    CHECK_FALSE(block.believed.has_value());
    CHECK_FALSE(block.answer.has_value());
    CHECK(block.hints_used == 0);
    CHECK_FALSE(block.next_review.has_value());
  }
  const Layout at = Find(reading);
  // Only the blocks with something to do wait.
  for (std::size_t i = 0; i < reading.blocks().size(); ++i) {
    CAPTURE(i);
    const bool interactive = i == at.predict || i == at.myth || i == at.single || i == at.multi;
    CHECK(reading.blocks()[i].waiting() == interactive);
  }
  CHECK(reading.store_problem().empty());

  SUBCASE("a mode with nothing to do has no frontier") {
    auto complexity = LessonReading::Open(TheLesson(), LessonModeKind::kComplexity, nullptr);
    REQUIRE(complexity.ok());
    CHECK_FALSE(complexity->blocks().empty());
    CHECK(complexity->frontier() == complexity->blocks().size());
    CHECK(complexity->questions() == 0);
  }
}

TEST_CASE("The frontier is the first waiting block and moves as the learner goes on") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);
  CHECK(reading.frontier() == at.predict);

  SUBCASE("in order") {
    REQUIRE(reading.Reveal(at.predict).ok());
    CHECK(reading.frontier() == at.myth);
    REQUIRE(reading.JudgeMyth(at.myth, false).ok());
    CHECK(reading.frontier() == at.single);
    REQUIRE(reading.Hint(at.single).ok());  // a hint is not an answer
    CHECK(reading.frontier() == at.single);
    REQUIRE(reading.Answer(at.single, {1}).ok());  // a wrong answer also moves on
    CHECK(reading.frontier() == at.multi);
    REQUIRE(reading.Answer(at.multi, {0, 2}).ok());
    CHECK(reading.frontier() == reading.blocks().size());
  }
  SUBCASE("out of order: a later block done first does not move it past an earlier one") {
    REQUIRE(reading.Answer(at.multi, {0, 2}).ok());
    REQUIRE(reading.JudgeMyth(at.myth, true).ok());
    CHECK(reading.frontier() == at.predict);
    REQUIRE(reading.Reveal(at.predict).ok());
    CHECK(reading.frontier() == at.single);
    REQUIRE(reading.Answer(at.single, {0}).ok());
    CHECK(reading.frontier() == reading.blocks().size());
  }
}

TEST_CASE("Reveal shows a callout's second part once") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);

  REQUIRE(reading.Reveal(at.predict).ok());
  CHECK(reading.blocks()[at.predict].revealed);
  CHECK_FALSE(reading.blocks()[at.predict].waiting());

  SUBCASE("a second time") {
    const auto again = reading.Reveal(at.predict);
    CHECK(again.code() == ErrorCode::kFailedPrecondition);
    CHECK(reading.blocks()[at.predict].revealed);
  }
  SUBCASE("a myth's reality (any callout with a second part)") {
    REQUIRE(reading.Reveal(at.myth).ok());
    CHECK(reading.blocks()[at.myth].revealed);
    CHECK_FALSE(reading.blocks()[at.myth].believed.has_value());  // the learner said nothing
  }
  SUBCASE("blocks with nothing to reveal") {
    for (std::size_t index : {at.first_paragraph, at.takeaway, at.single}) {
      CAPTURE(index);
      const auto status = reading.Reveal(index);
      CHECK(status.code() == ErrorCode::kFailedPrecondition);
      CHECK_FALSE(reading.blocks()[index].revealed);
    }
  }
  SUBCASE("an index out of range") {
    CHECK(reading.Reveal(reading.blocks().size()).code() == ErrorCode::kInvalidArgument);
    CHECK(reading.Reveal(static_cast<std::size_t>(-1)).code() == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("JudgeMyth says a myth is never true and reveals the reality") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);

  SUBCASE("believing the myth is wrong") {
    const auto judged = reading.JudgeMyth(at.myth, true);
    REQUIRE(judged.ok());
    CHECK_FALSE(*judged);
    CHECK(reading.blocks()[at.myth].revealed);
    CHECK(reading.blocks()[at.myth].believed == true);
  }
  SUBCASE("doubting it is right") {
    const auto judged = reading.JudgeMyth(at.myth, false);
    REQUIRE(judged.ok());
    CHECK(*judged);
    CHECK(reading.blocks()[at.myth].revealed);
    CHECK(reading.blocks()[at.myth].believed == false);
  }
  SUBCASE("a second judgement is refused and changes nothing") {
    REQUIRE(reading.JudgeMyth(at.myth, false).ok());
    const auto again = reading.JudgeMyth(at.myth, true);
    REQUIRE_FALSE(again.ok());
    CHECK(again.status().code() == ErrorCode::kFailedPrecondition);
    CHECK(reading.blocks()[at.myth].believed == false);
  }
  SUBCASE("a prediction is not a myth") {
    const auto judged = reading.JudgeMyth(at.predict, true);
    REQUIRE_FALSE(judged.ok());
    CHECK(judged.status().code() == ErrorCode::kFailedPrecondition);
    CHECK_FALSE(reading.blocks()[at.predict].revealed);
    CHECK_FALSE(reading.blocks()[at.predict].believed.has_value());
  }
  SUBCASE("nor is a takeaway, a paragraph or a question") {
    for (std::size_t index : {at.takeaway, at.between, at.single}) {
      CAPTURE(index);
      const auto judged = reading.JudgeMyth(index, false);
      REQUIRE_FALSE(judged.ok());
      CHECK(judged.status().code() == ErrorCode::kFailedPrecondition);
    }
  }
  SUBCASE("an index out of range") {
    const auto judged = reading.JudgeMyth(reading.blocks().size(), false);
    REQUIRE_FALSE(judged.ok());
    CHECK(judged.status().code() == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("shown() is every block up to and including the frontier") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);
  CHECK(reading.shown() == at.predict + 1);
  REQUIRE(reading.Reveal(at.predict).ok());
  CHECK(reading.shown() == at.myth + 1);
  REQUIRE(reading.JudgeMyth(at.myth, false).ok());
  REQUIRE(reading.Answer(at.single, {0}).ok());
  REQUIRE(reading.Answer(at.multi, {0, 2}).ok());
  CHECK(reading.shown() == reading.blocks().size());

  SUBCASE("a mode with nothing to do shows everything at once") {
    auto complexity = LessonReading::Open(TheLesson(), LessonModeKind::kComplexity, nullptr);
    REQUIRE(complexity.ok());
    CHECK(complexity->shown() == complexity->blocks().size());
  }
}

TEST_CASE("Predict commits a written prediction, reveals it and waits for the learner's verdict") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);

  std::string* draft = reading.PredictionDraft(at.predict);
  REQUIRE(draft != nullptr);
  CHECK(draft->empty());
  *draft = "still version 2";
  CHECK(reading.blocks()[at.predict].prediction == "still version 2");
  CHECK_FALSE(reading.blocks()[at.predict].revealed);  // typing is not committing

  REQUIRE(reading.Predict(at.predict, *draft).ok());
  const ReadingBlock& block = reading.blocks()[at.predict];
  CHECK(block.revealed);
  CHECK(block.prediction == "still version 2");
  CHECK(reading.PredictionDraft(at.predict) == nullptr);  // nothing left to edit
  // Revealed, but the learner has not said how it went: the mode waits here.
  CHECK(block.waiting());
  CHECK(reading.frontier() == at.predict);

  SUBCASE("right") {
    REQUIRE(reading.JudgePrediction(at.predict, true).ok());
    CHECK(block.prediction_right == true);
    CHECK_FALSE(block.waiting());
    CHECK(reading.frontier() == at.myth);
    CHECK(reading.predictions_judged() == 1);
    CHECK(reading.predictions_right() == 1);
  }
  SUBCASE("wrong also moves on") {
    REQUIRE(reading.JudgePrediction(at.predict, false).ok());
    CHECK(block.prediction_right == false);
    CHECK(reading.frontier() == at.myth);
    CHECK(reading.predictions_judged() == 1);
    CHECK(reading.predictions_right() == 0);
  }
  SUBCASE("a second verdict is refused and the first stands") {
    REQUIRE(reading.JudgePrediction(at.predict, false).ok());
    CHECK(reading.JudgePrediction(at.predict, true).code() == ErrorCode::kFailedPrecondition);
    CHECK(block.prediction_right == false);
  }
  SUBCASE("a second prediction is refused and the first stands") {
    CHECK(reading.Predict(at.predict, "version 1").code() == ErrorCode::kFailedPrecondition);
    CHECK(block.prediction == "still version 2");
  }
}

TEST_CASE("Predict refuses a blank prediction and what is not a prediction") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);

  SUBCASE("blank") {
    for (const char* blank : {"", "   ", " \n\t "}) {
      CAPTURE(blank);
      CHECK(reading.Predict(at.predict, blank).code() == ErrorCode::kInvalidArgument);
      CHECK_FALSE(reading.blocks()[at.predict].revealed);
    }
  }
  SUBCASE("a myth, a takeaway, a question, out of range") {
    CHECK(reading.Predict(at.myth, "x").code() == ErrorCode::kFailedPrecondition);
    CHECK(reading.Predict(at.takeaway, "x").code() == ErrorCode::kFailedPrecondition);
    CHECK(reading.Predict(at.single, "x").code() == ErrorCode::kFailedPrecondition);
    CHECK(reading.Predict(reading.blocks().size(), "x").code() == ErrorCode::kInvalidArgument);
    CHECK_FALSE(reading.blocks()[at.myth].revealed);
    CHECK(reading.PredictionDraft(at.myth) == nullptr);
    CHECK(reading.PredictionDraft(at.single) == nullptr);
    CHECK(reading.PredictionDraft(reading.blocks().size()) == nullptr);
  }
  SUBCASE("a verdict before the reveal") {
    CHECK(reading.JudgePrediction(at.predict, true).code() == ErrorCode::kFailedPrecondition);
    CHECK_FALSE(reading.blocks()[at.predict].prediction_right.has_value());
  }
  SUBCASE("a verdict on a myth") {
    REQUIRE(reading.JudgeMyth(at.myth, false).ok());
    CHECK(reading.JudgePrediction(at.myth, true).code() == ErrorCode::kFailedPrecondition);
  }
}

TEST_CASE("A prediction revealed without one written (the terminal's Enter) does not wait") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);
  *reading.PredictionDraft(at.predict) = "half typed";
  REQUIRE(reading.Reveal(at.predict).ok());
  const ReadingBlock& block = reading.blocks()[at.predict];
  CHECK(block.prediction.empty());  // a draft not committed is dropped
  CHECK_FALSE(block.waiting());
  CHECK(reading.frontier() == at.myth);
  CHECK(reading.JudgePrediction(at.predict, true).code() == ErrorCode::kFailedPrecondition);
  CHECK(reading.predictions() == 1);
  CHECK(reading.predictions_judged() == 0);
}

TEST_CASE("Pick chooses a question's options before it is submitted") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);

  SUBCASE("a single-answer question keeps the last pick") {
    REQUIRE(reading.Pick(at.single, 1).ok());
    CHECK(reading.blocks()[at.single].picked == std::vector<int>{1});
    REQUIRE(reading.Pick(at.single, 0).ok());
    CHECK(reading.blocks()[at.single].picked == std::vector<int>{0});
    REQUIRE(reading.Pick(at.single, 0).ok());  // picking it again keeps it
    CHECK(reading.blocks()[at.single].picked == std::vector<int>{0});
    CHECK_FALSE(reading.blocks()[at.single].answer.has_value());  // picking is not answering
  }
  SUBCASE("a select-all question toggles, kept in letter order") {
    REQUIRE(reading.Pick(at.multi, 2).ok());
    REQUIRE(reading.Pick(at.multi, 0).ok());
    REQUIRE(reading.Pick(at.multi, 3).ok());
    CHECK(reading.blocks()[at.multi].picked == std::vector<int>{0, 2, 3});
    REQUIRE(reading.Pick(at.multi, 3).ok());
    CHECK(reading.blocks()[at.multi].picked == std::vector<int>{0, 2});
  }
  SUBCASE("an option the question lacks") {
    const auto beyond = reading.Pick(at.single, 3);
    CHECK(beyond.code() == ErrorCode::kInvalidArgument);
    CHECK(testing::Contains(beyond.message(), "D is not an option (A-C)"));
    CHECK(reading.Pick(at.single, -1).code() == ErrorCode::kInvalidArgument);
    CHECK(reading.blocks()[at.single].picked.empty());
  }
  SUBCASE("not a question") {
    CHECK(reading.Pick(at.predict, 0).code() == ErrorCode::kFailedPrecondition);
    CHECK(reading.Pick(reading.blocks().size(), 0).code() == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("SubmitPicked grades and records the picks; nothing picked is refused") {
  ProgressStore store = MemoryStore();
  UnixTime now = kNow;
  LessonReading reading = OpenWhy(&store, FixedClock(&now));
  const Layout at = Find(reading);

  const auto nothing = reading.SubmitPicked(at.multi);
  REQUIRE_FALSE(nothing.ok());
  CHECK(nothing.status().code() == ErrorCode::kInvalidArgument);
  CHECK_FALSE(reading.blocks()[at.multi].answer.has_value());

  REQUIRE(reading.Pick(at.multi, 1).ok());
  REQUIRE(reading.Pick(at.multi, 0).ok());
  const auto graded = reading.SubmitPicked(at.multi);
  REQUIRE(graded.ok());
  CHECK_FALSE(graded->correct);
  CHECK(graded->chosen == std::vector<int>{0, 1});
  REQUIRE(graded->involved.size() == 3);  // A right, B wrong, C missed
  CHECK(std::string(graded->involved[2].Verdict()) == "missed");
  const ProgressStats stats = StatsOf(store);
  CHECK(stats.attempts == 1);
  REQUIRE(stats.recent.size() == 1);
  CHECK(stats.recent[0].answer == "A,B");

  // Answered: no more picking, and no second submission.
  CHECK(reading.Pick(at.multi, 2).code() == ErrorCode::kFailedPrecondition);
  CHECK(reading.blocks()[at.multi].picked == std::vector<int>{0, 1});
  const auto again = reading.SubmitPicked(at.multi);
  REQUIRE_FALSE(again.ok());
  CHECK(again.status().code() == ErrorCode::kFailedPrecondition);
  CHECK(StatsOf(store).attempts == 1);
}

TEST_CASE("predictions counts the Predict callouts only") {
  LessonReading reading = OpenWhy();
  CHECK(reading.predictions() == 1);  // the myth and the takeaway are not predictions
  CHECK(reading.predictions_judged() == 0);
  CHECK(reading.predictions_right() == 0);
}

TEST_CASE("Answer grades a lesson's question as a quiz does") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);
  const Question& single = *reading.blocks()[at.single].block->question;
  const Question& multi = *reading.blocks()[at.multi].block->question;

  SUBCASE("a wrong single answer") {
    const auto answer = reading.Answer(at.single, {1});
    REQUIRE(answer.ok());
    CHECK_FALSE(answer->correct);
    CHECK(answer->credit == 0);
    CHECK(answer->points == 0);
    CHECK(answer->chosen == std::vector<int>{1});
    CHECK(answer->answers == std::vector<int>{0});
    // The key (missed) and the choice (wrong), in letter order, with their own feedback.
    REQUIRE(answer->involved.size() == 2);
    CHECK(answer->involved[0].shown == 0);
    CHECK(std::string(answer->involved[0].Verdict()) == "missed");
    CHECK(answer->involved[0].feedback == single.options[0].feedback);
    CHECK(answer->involved[1].shown == 1);
    CHECK(std::string(answer->involved[1].Verdict()) == "wrong");
    CHECK(answer->involved[1].feedback == "Not until it is moved.");
    REQUIRE(reading.blocks()[at.single].answer.has_value());
    CHECK(reading.blocks()[at.single].answer->chosen == answer->chosen);
  }
  SUBCASE("a select-all answer, half right") {
    const auto answer = reading.Answer(at.multi, {1, 0});  // in any order
    REQUIRE(answer.ok());
    CHECK_FALSE(answer->correct);
    CHECK(answer->credit == 0);  // lessons grade all or nothing
    CHECK(answer->chosen == std::vector<int>{0, 1});
    CHECK(answer->answers == std::vector<int>{0, 2});
    REQUIRE(answer->involved.size() == 3);
    CHECK(std::string(answer->involved[0].Verdict()) == "right");
    CHECK(std::string(answer->involved[1].Verdict()) == "wrong");
    CHECK(std::string(answer->involved[2].Verdict()) == "missed");
    CHECK(answer->involved[2].feedback == multi.options[2].feedback);
    // The same as the one grader gives.
    const AnswerFeedback graded = Grade(multi, FileOrder(multi), {0, 1}, Scoring::kAllOrNothing);
    CHECK(answer->involved.size() == graded.involved.size());
    CHECK(answer->chosen == graded.chosen);
    CHECK(answer->credit == graded.credit);
  }
  SUBCASE("a right select-all answer") {
    const auto answer = reading.Answer(at.multi, {0, 2});
    REQUIRE(answer.ok());
    CHECK(answer->correct);
    CHECK(answer->credit == 1);
    CHECK(answer->points == 1);
    REQUIRE(answer->involved.size() == 2);
    CHECK(std::string(answer->involved[0].Verdict()) == "right");
    CHECK(std::string(answer->involved[1].Verdict()) == "right");
  }
  SUBCASE("a second answer is refused and the first stands") {
    REQUIRE(reading.Answer(at.single, {0}).ok());
    const auto again = reading.Answer(at.single, {1});
    REQUIRE_FALSE(again.ok());
    CHECK(again.status().code() == ErrorCode::kFailedPrecondition);
    REQUIRE(reading.blocks()[at.single].answer.has_value());
    CHECK(reading.blocks()[at.single].answer->correct);
    CHECK(reading.blocks()[at.single].answer->chosen == std::vector<int>{0});
    CHECK(reading.answered() == 1);
  }
  SUBCASE("a block that is not a question, and one out of range") {
    const auto paragraph = reading.Answer(at.first_paragraph, {0});
    REQUIRE_FALSE(paragraph.ok());
    CHECK(paragraph.status().code() == ErrorCode::kFailedPrecondition);
    const auto callout = reading.Answer(at.predict, {0});
    REQUIRE_FALSE(callout.ok());
    CHECK(callout.status().code() == ErrorCode::kFailedPrecondition);
    const auto beyond = reading.Answer(reading.blocks().size(), {0});
    REQUIRE_FALSE(beyond.ok());
    CHECK(beyond.status().code() == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("An invalid answer is refused with nothing graded or recorded") {
  ProgressStore store = MemoryStore();
  UnixTime now = kNow;
  LessonReading reading = OpenWhy(&store, FixedClock(&now));
  const Layout at = Find(reading);

  struct Bad {
    const char* what;
    std::size_t block;
    std::vector<int> chosen;
  };
  for (const Bad& bad :
       {Bad{"no option", at.single, {}}, Bad{"an option out of range", at.single, {3}},
        Bad{"a negative option", at.single, {-1}},
        Bad{"two letters for a single-answer question", at.single, {0, 1}},
        Bad{"an option given twice", at.multi, {0, 0}},
        Bad{"no option to a select-all question", at.multi, {}}}) {
    CAPTURE(bad.what);
    const auto answer = reading.Answer(bad.block, bad.chosen);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.status().code() == ErrorCode::kInvalidArgument);
    CHECK_FALSE(reading.blocks()[bad.block].answer.has_value());
    CHECK(reading.blocks()[bad.block].waiting());
  }
  CHECK(reading.answered() == 0);
  CHECK(reading.frontier() == at.predict);
  const ProgressStats stats = StatsOf(store);
  CHECK(stats.attempts == 0);
  CHECK(stats.sessions == 0);
  // The question can still be answered.
  CHECK(reading.Answer(at.single, {0}).ok());
}

TEST_CASE("Hint gives a question's hint and counts it once, until the question is answered") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);

  auto hint = reading.Hint(at.single);
  REQUIRE(hint.ok());
  CHECK(*hint == "Think of what exists before any transition.");
  CHECK(reading.blocks()[at.single].hints_used == 1);
  REQUIRE(reading.Hint(at.single).ok());
  CHECK(reading.blocks()[at.single].hints_used == 1);  // shown twice, one help taken

  SUBCASE("after the answer a hint is shown but not counted") {
    REQUIRE(reading.Answer(at.single, {0}).ok());
    REQUIRE(reading.Hint(at.single).ok());
    CHECK(reading.blocks()[at.single].hints_used == 1);
  }
  SUBCASE("a question without a hint takes no help") {
    auto none = reading.Hint(at.multi);
    REQUIRE(none.ok());
    CHECK(none->empty());
    CHECK(reading.blocks()[at.multi].hints_used == 0);
  }
  SUBCASE("a block that is not a question") {
    auto not_question = reading.Hint(at.predict);
    REQUIRE_FALSE(not_question.ok());
    CHECK(not_question.status().code() == ErrorCode::kFailedPrecondition);
    auto beyond = reading.Hint(reading.blocks().size());
    REQUIRE_FALSE(beyond.ok());
    CHECK(beyond.status().code() == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("Each answer is recorded in the progress store with when it comes back") {
  ProgressStore store = MemoryStore();
  UnixTime now = kNow;
  LessonReading reading = OpenWhy(&store, FixedClock(&now));
  const Layout at = Find(reading);
  const Question& single = *reading.blocks()[at.single].block->question;

  // Opening and reading record nothing: the session begins with the first answer.
  REQUIRE(reading.Reveal(at.predict).ok());
  CHECK(StatsOf(store).sessions == 0);

  REQUIRE(reading.Hint(at.single).ok());
  REQUIRE(reading.Answer(at.single, {0}).ok());
  {
    const ProgressStats stats = StatsOf(store);
    CHECK(stats.attempts == 1);
    CHECK(stats.correct == 1);
    CHECK(stats.sessions == 1);
    REQUIRE(stats.recent.size() == 1);
    const Attempt& attempt = stats.recent[0];
    CHECK(attempt.quiz_id == "reading");  // the lesson's id
    CHECK(attempt.question_id == "start");
    CHECK(attempt.answer == "A");
    CHECK(attempt.correct);
    CHECK(attempt.hints_used == 1);
    CHECK(attempt.topic == "Model stages");
    CHECK(attempt.level == "easy");
    CHECK(attempt.content_hash == ContentHash(single));
    CHECK(attempt.when == kNow);
  }
  // A first answer is back in one day.
  const auto& first_review = reading.blocks()[at.single].next_review;
  REQUIRE(first_review.has_value());
  CHECK(first_review->interval_days == 1);
  CHECK(first_review->due == kNow + kDay);

  now = kNow + 30;
  REQUIRE(reading.Answer(at.multi, {2, 1}).ok());
  {
    const ProgressStats stats = StatsOf(store);
    CHECK(stats.attempts == 2);
    CHECK(stats.correct == 1);
    CHECK(stats.sessions == 1);  // the same session
    REQUIRE(stats.recent.size() == 2);
    const Attempt& attempt = stats.recent[0];  // newest first
    CHECK(attempt.quiz_id == "reading");
    CHECK(attempt.question_id == "aliases");
    CHECK(attempt.answer == "B,C");
    CHECK_FALSE(attempt.correct);
    CHECK(attempt.hints_used == 0);
    CHECK(attempt.topic == "Aliases");
    CHECK(attempt.level == "medium");
    CHECK(attempt.when == kNow + 30);
  }
  const auto& second_review = reading.blocks()[at.multi].next_review;
  REQUIRE(second_review.has_value());
  CHECK(second_review->interval_days == 1);
  CHECK(second_review->due == kNow + 30 + kDay);
  // What the reading says is what the store holds.
  const auto stored = store.ScheduleOf("reading", "aliases");
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  CHECK((*stored)->due == second_review->due);
  CHECK(reading.store_problem().empty());
}

TEST_CASE("Finish closes the progress session; a later answer begins another") {
  ProgressStore store = MemoryStore();
  UnixTime now = kNow;
  LessonReading reading = OpenWhy(&store, FixedClock(&now));
  const Layout at = Find(reading);

  SUBCASE("before any answer there is nothing to close") {
    reading.Finish();
    CHECK(StatsOf(store).sessions == 0);
  }
  SUBCASE("after answers") {
    REQUIRE(reading.Answer(at.single, {0}).ok());
    reading.Finish();
    CHECK(StatsOf(store).sessions == 1);
    reading.Finish();  // again: nothing more
    CHECK(StatsOf(store).sessions == 1);
    CHECK(reading.store_problem().empty());
    // Reading on is possible, in a new session.
    REQUIRE(reading.Answer(at.multi, {0, 2}).ok());
    const ProgressStats stats = StatsOf(store);
    CHECK(stats.sessions == 2);
    CHECK(stats.attempts == 2);
    reading.Finish();
    CHECK(reading.store_problem().empty());
  }
}

TEST_CASE("Without a progress store a reading grades and records nothing, and nothing fails") {
  LessonReading reading = OpenWhy(nullptr);
  const Layout at = Find(reading);
  REQUIRE(reading.Hint(at.single).ok());
  const auto answer = reading.Answer(at.single, {0});
  REQUIRE(answer.ok());
  CHECK(answer->correct);
  CHECK_FALSE(reading.blocks()[at.single].next_review.has_value());
  REQUIRE(reading.Answer(at.multi, {3}).ok());
  reading.Finish();
  CHECK(reading.store_problem().empty());
  CHECK(reading.answered() == 2);
  CHECK(reading.correct() == 1);
}

TEST_CASE("questions, answered and correct count the mode's questions") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);
  CHECK(reading.questions() == 2);
  CHECK(reading.answered() == 0);
  CHECK(reading.correct() == 0);
  REQUIRE(reading.Answer(at.multi, {0, 2}).ok());
  CHECK(reading.answered() == 1);
  CHECK(reading.correct() == 1);
  REQUIRE(reading.Answer(at.single, {2}).ok());
  CHECK(reading.questions() == 2);
  CHECK(reading.answered() == 2);
  CHECK(reading.correct() == 1);
}

TEST_CASE("A quiz block whose question did not load is neither counted nor waited on") {
  // The lesson still loads; the broken question is left out, the good one is asked.
  const LessonLoad load = ParseLesson(R"(---
id: shaky
title: Shaky
topic: Model stages
---

# Why

```quiz
{"id": "bad", "level": "easy", "prompt": "P?", "options": ["x", "y"], "answer": "E"}
```

```quiz
{"id": "good", "level": "easy", "prompt": "P?", "options": ["x", "y"], "answer": "B"}
```
)",
                                      "shaky.md");
  REQUIRE(load.lesson.has_value());
  REQUIRE_MESSAGE(load.problems.size() == 1, Listing(load.problems));
  auto reading = LessonReading::Open(*load.lesson, LessonModeKind::kWhy, nullptr);
  REQUIRE(reading.ok());
  REQUIRE(reading->blocks().size() == 2);
  REQUIRE(reading->blocks()[0].block->kind == Kind::kQuiz);
  REQUIRE_FALSE(reading->blocks()[0].block->question.has_value());
  CHECK(reading->questions() == 1);
  CHECK(reading->frontier() == 1);
  const auto broken = reading->Answer(0, {0});
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.status().code() == ErrorCode::kFailedPrecondition);
  const auto good = reading->Answer(1, {1});
  REQUIRE(good.ok());
  CHECK(good->correct);
  CHECK(reading->frontier() == 2);
}

TEST_CASE("A question about a walkthrough's table is recorded but never comes back for review") {
  const char* text = R"(---
id: visual
title: Visual
topic: Model stages
---

# Step by step

```walkthrough
# Register
models create fraud
# Version 1
models create-version --model-name fraud --source runs:/a/model
```

```quiz
{"id": "after-2", "level": "easy", "prompt": "Which stage is fraud v1 in after step 2?",
 "options": ["None", "Staging"], "answer": "A",
 "verify": {"after-step": 2, "check": "stage", "model": "fraud", "version": 1}}
```
)";
  LessonLoad load = ParseLesson(text, "visual.md");
  INFO(Listing(load.problems));
  REQUIRE(load.clean());
  ProgressStore store = MemoryStore();
  UnixTime now = kNow;
  auto reading = LessonReading::Open(*load.lesson, LessonModeKind::kStepByStep, &store,
                                     FixedClock(&now));
  REQUIRE(reading.ok());
  const std::size_t quiz = reading->frontier();
  REQUIRE(quiz < reading->blocks().size());
  auto graded = reading->Answer(quiz, {1});
  REQUIRE(graded.ok());
  CHECK_FALSE(graded->correct);
  CHECK_FALSE(reading->blocks()[quiz].next_review.has_value());
  CHECK(StatsOf(store).attempts == 1);
  auto due = store.Due(now + 30 * kDay);
  REQUIRE(due.ok());
  CHECK(due->empty());
}

// A deep dive with a prediction with choices (C is the answer), the console block that gives it
// away, and a free-text prediction after it.
constexpr std::string_view kChoiceLesson = R"(---
id: choosing
title: Choosing
topic: Model stages
---

# Deep dive

## Step 2: A stage is shared

> **Predict:** Version 1 is in Production and version 2 moves there without
> `--archive-existing`. What happens?
>
> - [ ] The move is refused
> - [ ] Version 1 is archived
> - [x] Both are in Production
>
> **Reveal:** Both are there, as in MLflow.

```console
$ stagecraft models create fraud
Registered model 'fraud'.
```

> **Predict:** Which version does the stage URI name?
>
> **Reveal:** The highest.
)";

const Lesson& ChoiceLesson() {
  static const Lesson lesson = [] {
    LessonLoad load = ParseLesson(kChoiceLesson, "choosing.md");
    INFO(Listing(load.problems));
    REQUIRE(load.clean());
    return std::move(*load.lesson);
  }();
  return lesson;
}

LessonReading OpenChoices(ProgressStore* store, UnixTime* now) {
  auto reading = LessonReading::Open(ChoiceLesson(), LessonModeKind::kDeepDive, store,
                                     FixedClock(now));
  REQUIRE(reading.ok());
  return std::move(*reading);
}

// The blocks of kChoiceLesson's deep dive: heading, choice prediction, console, free prediction.
constexpr std::size_t kChoice = 1, kConsole = 2, kFree = 3;

TEST_CASE("A prediction with choices waits for a choice, then grades it and reveals the answer") {
  UnixTime now = kNow;
  LessonReading reading = OpenChoices(nullptr, &now);
  REQUIRE(reading.blocks().size() == 4);
  REQUIRE(reading.blocks()[kChoice].block->choices.size() == 3);
  CHECK(reading.frontier() == kChoice);
  CHECK(reading.shown() == kConsole);  // the console block, which gives it away, stays hidden
  CHECK(reading.PredictionDraft(kChoice) == nullptr);  // nothing to write: it has choices

  SUBCASE("a right choice") {
    auto right = reading.PredictChoice(kChoice, 2);
    REQUIRE(right.ok());
    CHECK(*right);
    const ReadingBlock& block = reading.blocks()[kChoice];
    CHECK(block.revealed);
    CHECK(block.choice == 2);
    CHECK(block.prediction_right == true);
    CHECK_FALSE(block.waiting());
    CHECK(reading.frontier() == kFree);  // past the console block, to the next prediction
    CHECK(reading.predictions() == 2);
    CHECK(reading.predictions_judged() == 1);
    CHECK(reading.predictions_right() == 1);
  }
  SUBCASE("a wrong choice") {
    auto right = reading.PredictChoice(kChoice, 1);
    REQUIRE(right.ok());
    CHECK_FALSE(*right);
    CHECK(reading.blocks()[kChoice].prediction_right == false);
    CHECK(reading.blocks()[kChoice].choice == 1);
    CHECK(reading.frontier() == kFree);
    CHECK(reading.predictions_right() == 0);
  }
  SUBCASE("picking first, as the window does, commits nothing") {
    REQUIRE(reading.PickChoice(kChoice, 0).ok());
    REQUIRE(reading.PickChoice(kChoice, 1).ok());
    CHECK(reading.blocks()[kChoice].picked == std::vector<int>{1});
    CHECK_FALSE(reading.blocks()[kChoice].revealed);
    CHECK(reading.frontier() == kChoice);
  }
  SUBCASE("revealed without a choice (the terminal's Enter): nothing graded, no longer waiting") {
    REQUIRE(reading.Reveal(kChoice).ok());
    CHECK_FALSE(reading.blocks()[kChoice].prediction_right.has_value());
    CHECK(reading.frontier() == kFree);
    CHECK(reading.PredictChoice(kChoice, 2).status().code() == ErrorCode::kFailedPrecondition);
  }
}

TEST_CASE("PredictChoice and PickChoice refuse what is not a choice of an open prediction") {
  UnixTime now = kNow;
  LessonReading reading = OpenChoices(nullptr, &now);
  CHECK(reading.PredictChoice(kChoice, 3).status().code() == ErrorCode::kInvalidArgument);
  CHECK(reading.PredictChoice(kChoice, 3).status().message() == "D is not a choice (A-C)");
  CHECK(reading.PickChoice(kChoice, -1).code() == ErrorCode::kInvalidArgument);
  CHECK(reading.PredictChoice(kFree, 0).status().code() == ErrorCode::kFailedPrecondition);
  CHECK(reading.PickChoice(kConsole, 0).code() == ErrorCode::kFailedPrecondition);
  CHECK(reading.PredictChoice(99, 0).status().code() == ErrorCode::kInvalidArgument);
  // A prediction with choices is not answered in words, nor judged by the learner.
  CHECK(reading.Predict(kChoice, "both").code() == ErrorCode::kFailedPrecondition);
  CHECK_FALSE(reading.blocks()[kChoice].revealed);
  REQUIRE(reading.PredictChoice(kChoice, 0).ok());
  CHECK(reading.PredictChoice(kChoice, 2).status().code() == ErrorCode::kFailedPrecondition);
  CHECK(reading.PickChoice(kChoice, 2).code() == ErrorCode::kFailedPrecondition);
  CHECK(reading.JudgePrediction(kChoice, true).code() == ErrorCode::kFailedPrecondition);
  CHECK(reading.blocks()[kChoice].prediction_right == false);
  // The free-text prediction after it works as before.
  REQUIRE(reading.Predict(kFree, "the highest").ok());
  REQUIRE(reading.JudgePrediction(kFree, true).ok());
  CHECK(reading.predictions_judged() == 2);
  CHECK(reading.predictions_right() == 1);
}

TEST_CASE("A prediction's choice is recorded like a quiz answer, but never comes back for review") {
  ProgressStore store = MemoryStore();
  UnixTime now = kNow;
  LessonReading reading = OpenChoices(&store, &now);
  REQUIRE(reading.PredictChoice(kChoice, 1).ok());
  CHECK(reading.store_problem().empty());
  CHECK_FALSE(reading.blocks()[kChoice].next_review.has_value());
  const ProgressStats stats = StatsOf(store);
  CHECK(stats.attempts == 1);
  CHECK(stats.correct == 0);
  REQUIRE(stats.recent.size() == 1);
  const Attempt& attempt = stats.recent[0];
  CHECK(attempt.quiz_id == "choosing");
  CHECK(attempt.question_id == "predict-step-2-a-stage-is-shared");
  CHECK(attempt.answer == "B");
  CHECK_FALSE(attempt.correct);
  CHECK(attempt.topic == "Model stages");
  CHECK(attempt.level == "medium");
  CHECK_FALSE(attempt.content_hash.empty());
  auto due = store.Due(now + 60 * kDay);
  REQUIRE(due.ok());
  CHECK(due->empty());
  auto tallies = store.AnsweredQuestions();
  REQUIRE(tallies.ok());
  REQUIRE(tallies->size() == 1);
  CHECK((*tallies)[0].question_id == "predict-step-2-a-stage-is-shared");
  // A free-text prediction is the learner's own verdict: it is not recorded.
  REQUIRE(reading.Predict(kFree, "the highest").ok());
  REQUIRE(reading.JudgePrediction(kFree, true).ok());
  CHECK(StatsOf(store).attempts == 1);
  reading.Finish();
  CHECK(StatsOf(store).sessions == 1);
}

}  // namespace
}  // namespace stagecraft::core

namespace stagecraft::core {
namespace {

// How far the why mode was read, as the store holds it.
std::optional<ReadingProgress> SavedWhy(const ProgressStore& store) {
  auto saved = store.ReadingOf("reading", "why");
  REQUIRE(saved.ok());
  return *saved;
}

TEST_CASE("read() counts the blocks in sight and past, and is saved each time it grows") {
  ProgressStore store = MemoryStore();
  UnixTime now = kNow;
  LessonReading reading = OpenWhy(&store, FixedClock(&now));
  const Layout at = Find(reading);
  const std::size_t count = reading.blocks().size();
  CHECK(reading.read() == 0);
  CHECK_FALSE(SavedWhy(store).has_value());  // opening saves nothing

  reading.Seen(at.first_paragraph);
  CHECK(reading.read() == at.first_paragraph + 1);
  REQUIRE(SavedWhy(store).has_value());
  CHECK(SavedWhy(store)->position == static_cast<int>(at.first_paragraph + 1));
  CHECK(SavedWhy(store)->blocks == static_cast<int>(count));
  CHECK(SavedWhy(store)->when == kNow);

  SUBCASE("a block in sight but waiting is not read, nor anything past what is shown") {
    reading.Seen(at.last);
    CHECK(reading.read() == at.predict);
    now = kNow + 5;
    REQUIRE(reading.Reveal(at.predict).ok());  // it was in sight: now it is past
    CHECK(reading.read() == at.predict + 1);
    CHECK(SavedWhy(store)->when == kNow + 5);
  }
  SUBCASE("a block done but never in sight is not read") {
    REQUIRE(reading.Reveal(at.predict).ok());
    REQUIRE(reading.JudgeMyth(at.myth, false).ok());
    CHECK(reading.read() == at.first_paragraph + 1);
    reading.Seen(at.myth);
    CHECK(reading.read() == at.myth + 1);
  }
  SUBCASE("seen again, nothing grows and nothing is written") {
    now = kNow + 60;
    for (int frame = 0; frame < 3; ++frame) reading.Seen(at.first_paragraph);
    CHECK(SavedWhy(store)->when == kNow);
  }
  SUBCASE("to the end: the mode is done") {
    REQUIRE(reading.Reveal(at.predict).ok());
    REQUIRE(reading.JudgeMyth(at.myth, true).ok());
    REQUIRE(reading.Answer(at.single, {0}).ok());
    REQUIRE(reading.Answer(at.multi, {0, 2}).ok());
    reading.Seen(at.last);
    CHECK(reading.read() == count);
    CHECK(SavedWhy(store)->done());
  }
  SUBCASE("a written prediction is past once the learner judged it") {
    reading.Seen(at.predict);
    REQUIRE(reading.Predict(at.predict, "version 2").ok());
    CHECK(reading.read() == at.predict);
    REQUIRE(reading.JudgePrediction(at.predict, true).ok());
    CHECK(reading.read() == at.predict + 1);
  }
  CHECK(reading.store_problem().empty());
}

TEST_CASE("Restore puts a new reading where an earlier one stopped, recording nothing twice") {
  ProgressStore store = MemoryStore();
  UnixTime now = kNow;
  {
    LessonReading earlier = OpenWhy(&store, FixedClock(&now));
    const Layout at = Find(earlier);
    REQUIRE(earlier.Predict(at.predict, "still version 2").ok());
    REQUIRE(earlier.JudgePrediction(at.predict, true).ok());
    REQUIRE(earlier.JudgeMyth(at.myth, false).ok());
    REQUIRE(earlier.Answer(at.single, {0}).ok());
    earlier.Seen(at.multi);
    CHECK(earlier.read() == at.multi);
    earlier.Finish();
  }
  const ProgressStats before = StatsOf(store);
  REQUIRE(before.attempts == 1);
  const std::optional<ReadingProgress> saved = SavedWhy(store);
  REQUIRE(saved.has_value());

  now = kNow + kDay;
  LessonReading reading = OpenWhy(&store, FixedClock(&now));
  const Layout at = Find(reading);
  REQUIRE(reading.Restore(static_cast<std::size_t>(saved->position)).ok());
  CHECK(reading.read() == at.multi);
  CHECK(reading.frontier() == at.multi);
  CHECK(reading.shown() == at.multi + 1);
  // Before it: shown as read, with no verdict of this session's.
  const ReadingBlock& predict = reading.blocks()[at.predict];
  CHECK(predict.restored);
  CHECK(predict.revealed);
  CHECK(predict.prediction.empty());
  CHECK_FALSE(predict.prediction_right.has_value());
  const ReadingBlock& myth = reading.blocks()[at.myth];
  CHECK(myth.revealed);
  CHECK_FALSE(myth.believed.has_value());
  const ReadingBlock& single = reading.blocks()[at.single];
  CHECK_FALSE(single.waiting());
  CHECK_FALSE(single.answer.has_value());
  CHECK(reading.answered() == 0);
  CHECK(reading.predictions_judged() == 0);
  // From it on: as new.
  CHECK(reading.blocks()[at.multi].waiting());
  CHECK_FALSE(reading.blocks()[at.multi].restored);
  CHECK_FALSE(reading.blocks()[at.takeaway].restored);
  // Nothing recorded or saved by restoring.
  const ProgressStats after = StatsOf(store);
  CHECK(after.attempts == before.attempts);
  CHECK(after.sessions == before.sessions);
  CHECK(SavedWhy(store)->when == saved->when);
  // Seen again, the blocks before it write nothing either.
  reading.Seen(at.first_paragraph);
  CHECK(SavedWhy(store)->when == saved->when);

  // Reading on records as usual, from where it was.
  REQUIRE(reading.Answer(at.multi, {0, 2}).ok());
  reading.Seen(at.last);
  CHECK(StatsOf(store).attempts == 2);
  CHECK(SavedWhy(store)->done());
  CHECK(SavedWhy(store)->when == kNow + kDay);

  SUBCASE("a restored question may still be answered, once") {
    REQUIRE(reading.Answer(at.single, {1}).ok());
    CHECK(StatsOf(store).attempts == 3);
    CHECK(reading.Answer(at.single, {0}).status().code() == ErrorCode::kFailedPrecondition);
  }
  SUBCASE("a restored prediction is not asked again") {
    CHECK(reading.JudgePrediction(at.predict, true).code() == ErrorCode::kFailedPrecondition);
    CHECK(reading.PredictionDraft(at.predict) == nullptr);
  }
}

TEST_CASE("Restore refuses a place past the mode and a reading already begun") {
  LessonReading reading = OpenWhy();
  const Layout at = Find(reading);
  CHECK(reading.Restore(reading.blocks().size() + 1).code() == ErrorCode::kInvalidArgument);
  SUBCASE("to the very end: everything is passed") {
    REQUIRE(reading.Restore(reading.blocks().size()).ok());
    CHECK(reading.frontier() == reading.blocks().size());
    CHECK(reading.read() == reading.blocks().size());
  }
  SUBCASE("once something is revealed") {
    REQUIRE(reading.Reveal(at.predict).ok());
    CHECK(reading.Restore(at.single).code() == ErrorCode::kFailedPrecondition);
    CHECK_FALSE(reading.blocks()[at.first_paragraph].restored);
  }
}

TEST_CASE("A failed save of how far the learner read becomes the reading's store problem") {
  testing::TempDir dir;
  const std::string path = (dir.path / "progress.db").string();
  auto opened = ProgressStore::Open(path);
  REQUIRE(opened.ok());
  ProgressStore& store = *opened;
  {
    // Another program breaks the file under the store.
    auto other = engine::sqlite::Database::Open(path, /*create=*/false);
    REQUIRE(other.ok());
    REQUIRE((*other)->Exec("DROP TABLE reading").ok());
  }
  LessonReading reading = OpenWhy(&store);
  const Layout at = Find(reading);
  reading.Seen(at.first_paragraph);
  CHECK(reading.read() == at.first_paragraph + 1);  // the reading goes on
  CHECK(testing::Contains(reading.store_problem(), "reading"));
  // And, as after a failed answer, nothing more is recorded.
  REQUIRE(reading.Answer(at.single, {0}).ok());
  CHECK(StatsOf(store).attempts == 0);
}

}  // namespace
}  // namespace stagecraft::core
