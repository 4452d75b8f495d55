#include "core/practice_run.h"

#include <algorithm>
#include <chrono>

namespace stagecraft::core {
namespace {

using engine::Status;

}  // namespace

const char* RunKindName(RunKind kind) {
  switch (kind) {
    case RunKind::kPractice:
      return "quiz";
    case RunKind::kReview:
      return "review";
    case RunKind::kExam:
      return "exam";
  }
  return "quiz";
}

RunClock RunClock::System() {
  return RunClock{
      [] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
      },
      [] {
        return static_cast<UnixTime>(std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count());
      }};
}

engine::Result<PracticeRun> PracticeRun::Start(std::vector<Quiz> bank, const RunSettings& settings,
                                               ProgressStore* store, RunClock clock) {
  if (settings.kind == RunKind::kExam && settings.exam_minutes < 1) {
    return Status::InvalidArgument("an exam needs a time limit of at least 1 minute");
  }
  if (settings.kind == RunKind::kReview) {
    if (store == nullptr) {
      return Status::FailedPrecondition("a review needs the progress store, which is not open");
    }
    auto due = store->Due(clock.now());
    if (!due.ok()) return due.status();
    for (auto& quiz : bank) {
      std::erase_if(quiz.questions, [&](const Question& question) {
        return std::none_of(due->begin(), due->end(), [&](const DueQuestion& d) {
          return d.quiz_id == quiz.id && d.question_id == question.id;
        });
      });
    }
    std::erase_if(bank, [](const Quiz& quiz) { return quiz.questions.empty(); });
    if (bank.empty()) return Status::NotFound("nothing is due for review");
  }
  auto owned = std::make_unique<std::vector<Quiz>>(std::move(bank));
  auto session = QuizSession::Start(*owned, settings.selection);
  if (!session.ok()) return session.status();
  return PracticeRun(std::move(owned), std::move(*session), settings, store, std::move(clock));
}

PracticeRun::PracticeRun(std::unique_ptr<std::vector<Quiz>> bank, QuizSession session,
                         const RunSettings& settings, ProgressStore* store, RunClock clock)
    : bank_(std::move(bank)),
      session_(std::move(session)),
      settings_(settings),
      clock_(std::move(clock)),
      recorder_(store, RunKindName(settings_.kind), clock_.now),
      outcomes_(session_.questions().size()) {
  recorder_.Begin();  // a run started is a session, answered or not
  started_at_ = clock_.seconds();
  Asked();
}

std::size_t PracticeRun::position() const {
  const std::size_t reached = session_.position();
  if (showing_feedback_) return reached - 1;
  return std::min(reached, count() - 1);
}

std::optional<double> PracticeRun::SecondsLeft() const {
  if (settings_.kind != RunKind::kExam) return std::nullopt;
  const double allowed = settings_.exam_minutes * 60.0;
  const double used = finished_ ? finished_at_ : Elapsed();
  return std::max(0.0, allowed - used);
}

bool PracticeRun::CheckTime() {
  if (settings_.kind != RunKind::kExam) return false;
  if (time_up_) return true;
  // At the deadline itself the clock shows 0:00: the time is up.
  if (finished_ || Elapsed() < settings_.exam_minutes * 60.0) return false;
  time_up_ = true;
  Finish();
  return true;
}

void PracticeRun::Asked() {
  asked_at_ = clock_.seconds();
  hint_shown_ = false;
}

engine::Result<std::string> PracticeRun::Hint() {
  if (settings_.kind == RunKind::kExam) {
    return Status::FailedPrecondition("no hints in an exam");
  }
  if (finished_) return Status::FailedPrecondition("the run is over");
  const std::string& hint = current().source->hint;
  // Help taken once, however often it is shown; no hint, no help taken.
  if (!showing_feedback_ && !hint.empty()) hint_shown_ = true;
  return hint;
}

engine::Result<std::vector<int>> PracticeRun::ParseAnswer(std::string_view text) const {
  if (finished_) return Status::FailedPrecondition("the run is over");
  return ParseAnswerLetters(text, current().order.size(), current().source->multiple);
}

engine::Result<SubmitOutcome> PracticeRun::Submit(const std::vector<int>& chosen, int confidence) {
  const std::size_t index = position();
  SubmitOutcome outcome;
  // An answer after an exam's deadline: not accepted, never graded, whether the run noticed the
  // deadline now or earlier (the window checks the time every frame).
  if (CheckTime()) {
    if (!session_.AnswerAt(index)) outcomes_[index].late = true;
    return outcome;
  }
  if (finished_) return Status::FailedPrecondition("the run is over");
  if (showing_feedback_) {
    return Status::FailedPrecondition("this question is answered; go on to the next one");
  }
  auto graded = session_.Answer(chosen, confidence);
  if (!graded.ok()) return graded.status();
  outcome.accepted = true;
  QuestionOutcome& record = outcomes_[index];
  record.hints_used = hint_shown_ ? 1 : 0;
  record.seconds = clock_.seconds() - asked_at_;
  RecordAttempt(index, graded->chosen);
  if (shows_feedback()) {
    outcome.feedback = std::move(*graded);
    outcome.next_review = record.next_review;
    showing_feedback_ = true;
  } else {
    AfterAnswered();
  }
  return outcome;
}

void PracticeRun::RecordAttempt(std::size_t index, const std::vector<int>& chosen) {
  if (!recorder_.recording()) return;
  const SessionQuestion& question = session_.questions()[index];
  const auto& graded = session_.AnswerAt(index);
  std::vector<int> in_file;  // the letters as the file has them, not as shuffled
  for (int shown : chosen) in_file.push_back(question.order[static_cast<std::size_t>(shown)]);
  Attempt attempt =
      AttemptAt(question.quiz_id, *question.source, std::move(in_file), graded && graded->correct);
  attempt.confidence = graded ? graded->confidence : 0;
  attempt.hints_used = outcomes_[index].hints_used;
  attempt.seconds = outcomes_[index].seconds;
  outcomes_[index].next_review = recorder_.Record(std::move(attempt));
}

engine::Status PracticeRun::Next() {
  if (!showing_feedback_) return Status::FailedPrecondition("there is no feedback to leave");
  showing_feedback_ = false;
  AfterAnswered();
  return Status::Ok();
}

engine::Status PracticeRun::Skip() {
  if (CheckTime()) return Status::Ok();  // the time ran out: everything left is unanswered
  if (finished_) return Status::FailedPrecondition("the run is over");
  if (showing_feedback_) {
    return Status::FailedPrecondition("this question is answered; go on to the next one");
  }
  SC_RETURN_IF_ERROR(session_.Skip());
  AfterAnswered();
  return Status::Ok();
}

void PracticeRun::AfterAnswered() {
  if (session_.done()) {
    Finish();
  } else {
    Asked();
  }
}

void PracticeRun::Finish() {
  if (finished_) return;
  showing_feedback_ = false;
  session_.Stop();
  finished_ = true;
  finished_at_ = Elapsed();
  if (settings_.kind == RunKind::kExam) {
    const double allowed = settings_.exam_minutes * 60.0;
    if (finished_at_ >= allowed) time_up_ = true;  // the input ended after the deadline
    finished_at_ = std::min(finished_at_, allowed);
  }
  // The session's total is every question asked, so past scores count the unanswered ones too.
  recorder_.Finish(static_cast<int>(count()));
}

const AnswerFeedback* PracticeRun::shown_feedback() const {
  if (!showing_feedback_) return nullptr;
  const auto& answer = session_.AnswerAt(position());
  return answer ? &*answer : nullptr;
}

std::optional<ReviewSchedule> PracticeRun::shown_next_review() const {
  if (!showing_feedback_) return std::nullopt;
  return outcomes_[position()].next_review;
}

RunResult PracticeRun::Result() const {
  RunResult result;
  result.kind = settings_.kind;
  result.confidence = settings_.selection.confidence;
  result.score = session_.Result();
  result.unanswered = result.score.total - result.score.answered;
  result.seconds_used = finished_ ? finished_at_ : Elapsed();
  result.seconds_allowed = settings_.kind == RunKind::kExam ? settings_.exam_minutes * 60.0 : 0;
  result.time_up = time_up_;
  result.questions = outcomes_;
  for (std::size_t i = 0; i < result.questions.size(); ++i) {
    result.questions[i].question = &session_.questions()[i];
    result.questions[i].answer = session_.AnswerAt(i);
  }
  return result;
}

}  // namespace stagecraft::core
