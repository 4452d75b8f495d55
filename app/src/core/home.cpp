#include "core/home.h"

#include <map>

namespace stagecraft::core {

HomeSummary BuildHome(const ContentLibrary& library, const ProgressStore* store, UnixTime now) {
  HomeSummary home;
  home.files_with_problems = library.FilesWithProblems();

  std::map<std::string, AccuracyRow> by_quiz;
  std::map<std::string, int> due_by_quiz;
  std::string last_quiz;
  if (store != nullptr) {
    auto stats = store->Stats(now);
    auto due = store->Due(now);
    if (!stats.ok() || !due.ok()) {
      home.store_problem = (!stats.ok() ? stats.status() : due.status()).message();
    } else {
      for (const auto& row : stats->by_quiz) by_quiz[row.key] = row;
      for (const auto& question : *due) {
        if (library.FindQuestion(question.quiz_id, question.question_id) == nullptr) continue;
        ++due_by_quiz[question.quiz_id];
        ++home.due;
      }
      if (!stats->recent.empty()) last_quiz = stats->recent.front().quiz_id;
    }
  }

  for (const Lesson* lesson : library.lessons()) {
    LessonCard card;
    card.lesson = lesson;
    card.questions = static_cast<int>(lesson->Questions().size());
    if (auto found = by_quiz.find(lesson->id); found != by_quiz.end()) {
      card.answered = found->second.questions;
      card.attempts = found->second.attempts;
      card.correct = found->second.correct;
    }
    home.lessons.push_back(card);
  }
  for (const Quiz* quiz : library.quizzes()) {
    QuizCard card;
    card.quiz = quiz;
    for (const Question& question : quiz->questions) {
      (question.level == Level::kEasy ? card.easy
                                      : question.level == Level::kMedium ? card.medium : card.hard)++;
    }
    if (auto found = by_quiz.find(quiz->id); found != by_quiz.end()) {
      card.answered = found->second.questions;
      card.attempts = found->second.attempts;
      card.correct = found->second.correct;
    }
    if (auto found = due_by_quiz.find(quiz->id); found != due_by_quiz.end()) card.due = found->second;
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
