#include "core/home.h"

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

}  // namespace

HomeSummary BuildHome(const ContentLibrary& library, const ProgressStore* store, UnixTime now) {
  HomeSummary home;
  home.files_with_problems = library.FilesWithProblems();

  std::map<QuestionKey, QuestionTally> answered;
  std::map<QuestionKey, bool> due;
  std::string last_quiz;
  if (store != nullptr) {
    auto tallies = store->AnsweredQuestions();
    auto due_now = store->Due(now);
    auto stats = store->Stats(now);
    if (!tallies.ok() || !due_now.ok() || !stats.ok()) {
      home.store_problem = (!tallies.ok()  ? tallies.status()
                            : !due_now.ok() ? due_now.status()
                                            : stats.status())
                               .message();
    } else {
      for (auto& tally : *tallies) answered[{tally.quiz_id, tally.question_id}] = tally;
      for (const auto& question : *due_now) due[{question.quiz_id, question.question_id}] = true;
      if (!stats->recent.empty()) last_quiz = stats->recent.front().quiz_id;
    }
  }

  for (const Lesson* lesson : library.lessons()) {
    LessonCard card;
    card.lesson = lesson;
    const auto questions = lesson->Questions();
    card.questions = static_cast<int>(questions.size());
    Count(card, lesson->id, questions, answered, due);
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
  if (!last_quiz.empty()) {
    if (const Quiz* quiz = library.FindQuiz(last_quiz)) {
      home.resume = ResumePoint{quiz->id, false, quiz->title};
    } else if (const Lesson* lesson = library.FindLesson(last_quiz)) {
      home.resume = ResumePoint{lesson->id, true, lesson->title};
    }
  }
  return home;
}

}  // namespace stagecraft::core
