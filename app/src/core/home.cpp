#include "core/home.h"

#include <algorithm>
#include <map>
#include <utility>

namespace stagecraft::core {
namespace {

using QuestionKey = std::pair<std::string, std::string>;  // quiz (or lesson) id, question id

// Adds what the store knows of `questions` (those of quiz or lesson `id`) to a card's counts:
// only questions that are in the content now count, so a removed question or a walkthrough
// prediction recorded under a lesson's id never inflates "answered".
template <typename Card>
void Count(Card& card, const std::string& id, const std::vector<const Question*>& questions,
           const std::map<QuestionKey, QuestionTally>& answered,
           const std::map<QuestionKey, bool>& due) {
  for (const Question* question : questions) {
    const QuestionKey key{id, question->id};
    if (auto found = answered.find(key); found != answered.end()) {
      ++card.answered;
      card.attempts += found->second.attempts;
      card.correct += found->second.correct;
    }
    if (due.count(key) != 0) ++card.due;
  }
}

using ReadingKey = std::pair<std::string, std::string>;  // lesson id, mode id

ModeProgress ProgressOf(const LessonMode& mode, const std::map<ReadingKey, ReadingProgress>& read,
                        const std::string& lesson_id) {
  ModeProgress progress;
  progress.kind = mode.kind;
  const auto found = read.find({lesson_id, LessonModeId(mode.kind)});
  if (found == read.end()) return progress;
  // Of the blocks the mode had when saved: a lesson edited since still shows about how far.
  const ReadingProgress& saved = found->second;
  progress.done = saved.done();
  if (saved.blocks > 0) {
    progress.percent = progress.done ? 100 : std::min(99, saved.furthest * 100 / saved.blocks);
  }
  return progress;
}

// The mode of `lesson` holding question `question_id`, if one does.
std::optional<LessonModeKind> ModeOfQuestion(const Lesson& lesson, const std::string& question_id) {
  for (const LessonMode& mode : lesson.modes) {
    for (const LessonBlock& block : mode.blocks) {
      if (block.kind == LessonBlock::Kind::kQuiz && block.question &&
          block.question->id == question_id) {
        return mode.kind;
      }
    }
  }
  return std::nullopt;
}

// Where to continue in `card`'s lesson after reading `mode`: that mode, or when it is done the
// next one after it not yet done.
LessonModeKind ModeToContinue(const LessonCard& card, LessonModeKind mode) {
  auto at = std::find_if(card.modes.begin(), card.modes.end(),
                         [&](const ModeProgress& m) { return m.kind == mode; });
  if (at == card.modes.end() || !at->done) return mode;
  auto next = std::find_if(at + 1, card.modes.end(), [](const ModeProgress& m) { return !m.done; });
  return next == card.modes.end() ? mode : next->kind;
}

}  // namespace

HomeSummary BuildHome(const ContentLibrary& library, const ProgressStore* store, UnixTime now) {
  HomeSummary home;
  home.files_with_problems = library.FilesWithProblems();

  std::map<QuestionKey, QuestionTally> answered;
  std::map<QuestionKey, bool> due;
  std::map<ReadingKey, ReadingProgress> read;
  std::optional<Attempt> last_answer;
  if (store != nullptr) {
    auto tallies = store->AnsweredQuestions();
    auto due_now = store->Due(now);
    auto stats = store->Stats(now);
    auto readings = store->Readings();
    if (!tallies.ok() || !due_now.ok() || !stats.ok() || !readings.ok()) {
      home.store_problem = (!tallies.ok()   ? tallies.status()
                            : !due_now.ok() ? due_now.status()
                            : !stats.ok()   ? stats.status()
                                            : readings.status())
                               .message();
    } else {
      for (auto& tally : *tallies) answered[{tally.quiz_id, tally.question_id}] = tally;
      for (const auto& question : *due_now) due[{question.quiz_id, question.question_id}] = true;
      if (!stats->recent.empty()) last_answer = stats->recent.front();
      for (auto& progress : *readings) read[{progress.lesson_id, progress.mode}] = progress;
    }
  }

  for (const Lesson* lesson : library.lessons()) {
    LessonCard card;
    card.lesson = lesson;
    const auto questions = lesson->Questions();
    card.questions = static_cast<int>(questions.size());
    Count(card, lesson->id, questions, answered, due);
    for (const LessonMode& mode : lesson->modes) card.modes.push_back(ProgressOf(mode, read, lesson->id));
    home.due += card.due;
    home.lessons.push_back(card);
  }
  for (const Quiz* quiz : library.quizzes()) {
    QuizCard card;
    card.quiz = quiz;
    std::vector<const Question*> questions;
    for (const Question& question : quiz->questions) {
      questions.push_back(&question);
      (question.level == Level::kEasy ? card.easy
                                      : question.level == Level::kMedium ? card.medium : card.hard)++;
    }
    Count(card, quiz->id, questions, answered, due);
    home.due += card.due;
    home.quizzes.push_back(card);
  }
  // The most recent reading of a lesson still in the library (of a mode it still has)...
  const ReadingProgress* last_read = nullptr;
  for (const auto& [key, progress] : read) {
    const Lesson* lesson = library.FindLesson(progress.lesson_id);
    const auto mode = LessonModeFromId(progress.mode);
    if (lesson == nullptr || !mode || lesson->Mode(*mode) == nullptr) continue;
    if (last_read == nullptr || progress.when > last_read->when) last_read = &progress;
  }
  auto card_of = [&](const Lesson* lesson) -> const LessonCard& {
    return *std::find_if(home.lessons.begin(), home.lessons.end(),
                         [&](const LessonCard& card) { return card.lesson == lesson; });
  };
  // ... or the most recent answer, whichever came last (an answer in a lesson also moves its
  // reading on, at the same moment: the reading names the mode).
  if (last_read != nullptr && (!last_answer || last_read->when >= last_answer->when)) {
    const Lesson* lesson = library.FindLesson(last_read->lesson_id);
    home.resume = ResumePoint{lesson->id, true, lesson->title,
                              ModeToContinue(card_of(lesson), *LessonModeFromId(last_read->mode))};
  } else if (last_answer) {
    if (const Quiz* quiz = library.FindQuiz(last_answer->quiz_id)) {
      home.resume = ResumePoint{quiz->id, false, quiz->title, std::nullopt};
    } else if (const Lesson* lesson = library.FindLesson(last_answer->quiz_id)) {
      auto mode = ModeOfQuestion(*lesson, last_answer->question_id);
      if (mode) mode = ModeToContinue(card_of(lesson), *mode);
      home.resume = ResumePoint{lesson->id, true, lesson->title, mode};
    }
  }
  return home;
}

}  // namespace stagecraft::core
