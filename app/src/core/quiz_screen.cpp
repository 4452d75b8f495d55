#include "core/quiz_screen.h"

// Contents: RunSettingsFor; the setup form (banks, topics, matching questions, checks); the run
// (start, review, draft and confidence step, keys, exam deadline); the results and history.

#include <algorithm>
#include <chrono>
#include <climits>
#include <exception>
#include <map>
#include <random>

#include "core/quiz_session.h"

namespace stagecraft::core {

using engine::Result;
using engine::Status;

namespace {

// A seed for a quiz nobody asked to repeat (std::random_device may throw where it has no source).
std::uint64_t RandomSeed() {
  try {
    return std::random_device{}();
  } catch (const std::exception&) {
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
}

// The sessions the results chart shows.
constexpr int kHistorySessions = 12;

// The questions a run with `setup` draws from.
Result<std::vector<Quiz>> BankFor(const ContentLibrary& library, const QuizSetup& setup) {
  if (setup.review && setup.selector.empty()) return library.Everything();
  return library.Bank(setup.selector);
}

std::string Lower(std::string text) {
  for (char& c : text) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return text;
}

}  // namespace

const char* QuizPhaseName(QuizPhase phase) {
  switch (phase) {
    case QuizPhase::kSetup: return "setup";
    case QuizPhase::kAnswering: return "answering";
    case QuizPhase::kConfidence: return "confidence";
    case QuizPhase::kFeedback: return "feedback";
    case QuizPhase::kResults: return "results";
  }
  return "setup";
}

Result<RunSettings> RunSettingsFor(const QuizSetup& setup) {
  RunSettings settings;
  settings.kind = setup.review             ? RunKind::kReview
                  : setup.exam_minutes > 0 ? RunKind::kExam
                                           : RunKind::kPractice;
  settings.exam_minutes = setup.review ? 0 : setup.exam_minutes;
  const auto level = ParseLevelChoice(setup.level);
  if (!level) {
    return Status::InvalidArgument("level '" + setup.level +
                                   "' is not one of easy, medium, hard, mixed");
  }
  if (setup.count < 1) {
    return Status::InvalidArgument("count " + std::to_string(setup.count) +
                                   ": a quiz needs at least 1 question");
  }
  if (!setup.review && (setup.exam_minutes < 0 || setup.exam_minutes > kMaxExamMinutes)) {
    return Status::InvalidArgument("exam minutes " + std::to_string(setup.exam_minutes) +
                                   ": must be 1 to " + std::to_string(kMaxExamMinutes) +
                                   " (0 for practice)");
  }
  if (!setup.review) {
    settings.selection.topic = setup.topic;
    settings.selection.level = *level;
  }
  settings.selection.count = setup.count;
  settings.selection.seed = setup.seed ? *setup.seed : RandomSeed();
  settings.selection.confidence = setup.confidence;
  settings.selection.scoring = setup.partial_credit ? Scoring::kPartialCredit : Scoring::kAllOrNothing;
  return settings;
}

QuizScreen::QuizScreen(const ContentLibrary& library, ProgressStore* store, RunClock clock,
                       QuizSetup setup)
    : library_(&library), store_(store), clock_(std::move(clock)), setup_(std::move(setup)) {
  if (setup_.exam_minutes > 0) last_exam_minutes_ = setup_.exam_minutes;
  running_ = setup_;
  banks_.push_back({"", "Every quiz", false, 0});
  for (const Quiz* quiz : library_->quizzes()) {
    const int questions = static_cast<int>(quiz->questions.size());
    banks_.push_back({quiz->id, quiz->title, false, questions});
    banks_.front().questions += questions;
  }
  for (const Lesson* lesson : library_->lessons()) {
    const Quiz quiz = LessonQuiz(*lesson);
    if (quiz.questions.empty()) continue;
    banks_.push_back({lesson->id, lesson->title, true, static_cast<int>(quiz.questions.size())});
  }
  CountDue();
}

// ---- The setup form --------------------------------------------------------------------------

const BankChoice* QuizScreen::chosen_bank() const {
  for (const BankChoice& bank : banks_) {
    if (bank.id == setup_.selector) return &bank;
  }
  return nullptr;
}

void QuizScreen::ChooseBank(const std::string& selector) {
  setup_.selector = selector;
  const std::string topic = Lower(setup_.topic);
  bool kept = false;
  for (const TopicChoice& choice : Topics()) kept = kept || Lower(choice.topic) == topic;
  if (!kept) setup_.topic.clear();
}

std::vector<TopicChoice> QuizScreen::Topics() const {
  std::vector<TopicChoice> topics;
  auto bank = library_->Bank(setup_.selector);
  if (!bank.ok()) return topics;
  std::map<std::string, int> counts;
  for (const Quiz& quiz : *bank) {
    for (const Question& question : quiz.questions) ++counts[question.topic];
  }
  for (const auto& [topic, questions] : counts) topics.push_back({topic, questions});
  return topics;
}

int QuizScreen::MatchingQuestions() const {
  auto bank = library_->Bank(setup_.selector);
  const auto level = ParseLevelChoice(setup_.level);
  if (!bank.ok() || !level) return 0;
  // The session's own rule picks them: every match, when the count is no limit.
  SessionOptions options;
  options.topic = setup_.topic;
  options.level = *level;
  options.count = INT_MAX;
  auto session = QuizSession::Start(*bank, options);
  return session.ok() ? static_cast<int>(session->questions().size()) : 0;
}

void QuizScreen::ChooseExam(bool exam) {
  if (exam == this->exam()) return;
  if (exam) {
    setup_.exam_minutes = last_exam_minutes_;
  } else {
    last_exam_minutes_ = setup_.exam_minutes;
    setup_.exam_minutes = 0;
  }
}

void QuizScreen::SetExamMinutes(int minutes) {
  if (!exam()) return;
  setup_.exam_minutes = std::clamp(minutes, 1, kMaxExamMinutes);
}

Status QuizScreen::CheckSetup() const {
  auto settings = RunSettingsFor(setup_);
  if (!settings.ok()) return settings.status();
  auto bank = BankFor(*library_, setup_);
  if (!bank.ok()) return bank.status();
  if (!setup_.review && MatchingQuestions() == 0) {
    const std::string topic = setup_.topic.empty() ? "" : " on " + setup_.topic;
    const std::string level = setup_.level == "mixed" ? "" : " " + setup_.level;
    return Status::FailedPrecondition("this bank has no" + level + " question" + topic +
                                      ": choose another level or topic");
  }
  return Status::Ok();
}

void QuizScreen::CountDue() {
  due_ = 0;
  if (store_ == nullptr) return;
  auto due = store_->Due(clock_.now());
  if (!due.ok()) return;
  for (const DueQuestion& question : *due) {
    if (library_->FindQuestion(question.quiz_id, question.question_id) != nullptr) ++due_;
  }
}

// ---- The run ---------------------------------------------------------------------------------

Status QuizScreen::Start() {
  SC_RETURN_IF_ERROR(CheckSetup());
  return StartWith(setup_);
}

Status QuizScreen::StartReview() {
  QuizSetup review;
  review.review = true;
  review.count = 10000;  // every question due, as `stagecraft review` asks them
  review.confidence = setup_.confidence;
  review.partial_credit = setup_.partial_credit;
  return StartWith(review);
}

Status QuizScreen::StartWith(const QuizSetup& setup) {
  auto settings = RunSettingsFor(setup);
  if (!settings.ok()) return settings.status();
  auto bank = BankFor(*library_, setup);
  if (!bank.ok()) return bank.status();
  std::vector<std::string> ids;
  for (const Quiz& quiz : *bank) ids.push_back(quiz.id);
  auto run = PracticeRun::Start(std::move(*bank), *settings, store_, clock_);
  if (!run.ok()) return run.status();
  Finish();
  run_.emplace(std::move(*run));
  running_ = setup;
  bank_ids_ = std::move(ids);
  at_ = 0;
  draft_.clear();
  asking_confidence_ = false;
  hint_.reset();
  time_noticed_ = false;
  result_.reset();
  past_.clear();
  history_problem_.clear();
  return Status::Ok();
}

std::string QuizScreen::Title() const {
  if (running_.review) return "Review";
  for (const BankChoice& bank : banks_) {
    if (bank.id == running_.selector) return bank.title;
  }
  return running_.selector;
}

void QuizScreen::NewQuiz() {
  Finish();
  run_.reset();
  result_.reset();
}

QuizPhase QuizScreen::phase() const {
  if (!run_) return QuizPhase::kSetup;
  if (run_->finished()) return QuizPhase::kResults;
  if (run_->showing_feedback()) return QuizPhase::kFeedback;
  if (asking_confidence_ && at_ == run_->position()) return QuizPhase::kConfidence;
  return QuizPhase::kAnswering;
}

void QuizScreen::Sync() {
  if (!run_ || run_->finished() || run_->position() != at_ || run_->showing_feedback()) {
    draft_.clear();
    asking_confidence_ = false;
    if (!run_ || run_->finished() || run_->position() != at_) hint_.reset();
    if (run_ && !run_->finished()) at_ = run_->position();
  }
}

const std::vector<int>& QuizScreen::draft() const {
  static const std::vector<int> kNone;
  if (!run_ || run_->finished() || run_->showing_feedback() || run_->position() != at_) {
    return kNone;
  }
  return draft_;
}

bool QuizScreen::picked(int shown) const {
  const std::vector<int>& picks = draft();
  return std::find(picks.begin(), picks.end(), shown) != picks.end();
}

Status QuizScreen::Pick(int shown) {
  Sync();
  const QuizPhase now = phase();
  if (now != QuizPhase::kAnswering && now != QuizPhase::kConfidence) {
    return Status::FailedPrecondition("no question is waiting for an answer");
  }
  const SessionQuestion& question = run_->current();
  const int options = static_cast<int>(question.order.size());
  if (shown < 0 || shown >= options) {
    return Status::InvalidArgument(OptionLetter(shown) + " is not an option " +
                                   OptionRange(question.order.size()));
  }
  asking_confidence_ = false;
  auto found = std::find(draft_.begin(), draft_.end(), shown);
  if (!question.source->multiple) {
    draft_.assign(1, shown);
  } else if (found != draft_.end()) {
    draft_.erase(found);
  } else {
    draft_.insert(std::upper_bound(draft_.begin(), draft_.end(), shown), shown);
  }
  return Status::Ok();
}

Status QuizScreen::Confirm() {
  Sync();
  switch (phase()) {
    case QuizPhase::kSetup:
      return Start();
    case QuizPhase::kFeedback:
      return Next();
    case QuizPhase::kResults:
      return Status::Ok();
    case QuizPhase::kConfidence:
      return Status::InvalidArgument("how sure are you? press 1 (guessing), 2 (fairly) or 3 "
                                     "(certain)");
    case QuizPhase::kAnswering:
      break;
  }
  if (draft_.empty()) {
    return Status::InvalidArgument("pick an answer first: " +
                                   OptionRange(run_->current().order.size()));
  }
  if (run_->settings().selection.confidence) {
    asking_confidence_ = true;
    return Status::Ok();
  }
  return Submit(0);
}

Status QuizScreen::ChooseConfidence(int confidence) {
  Sync();
  if (phase() != QuizPhase::kConfidence) {
    return Status::FailedPrecondition("there is no answer waiting for its confidence");
  }
  if (confidence < 1 || confidence > 3) {
    return Status::InvalidArgument("confidence " + std::to_string(confidence) +
                                   ": 1 (guessing), 2 (fairly) or 3 (certain)");
  }
  return Submit(confidence);
}

void QuizScreen::ChangeAnswer() {
  Sync();
  asking_confidence_ = false;
}

Status QuizScreen::Submit(int confidence) {
  auto outcome = run_->Submit(draft_, confidence);
  if (!outcome.ok()) return outcome.status();
  draft_.clear();
  asking_confidence_ = false;
  Sync();
  if (run_->finished()) AfterRun();
  if (!outcome->accepted) {
    time_noticed_ = true;  // said here; CheckTime need not say it again
    return Status::FailedPrecondition(
        "time is up: that answer came after the deadline and was not accepted");
  }
  return Status::Ok();
}

Status QuizScreen::ShowHint() {
  Sync();
  if (!run_) return Status::FailedPrecondition("no question is on screen");
  auto hint = run_->Hint();
  if (!hint.ok()) return hint.status();
  hint_ = std::move(*hint);
  return Status::Ok();
}

const std::optional<std::string>& QuizScreen::hint() const {
  static const std::optional<std::string> kNone;
  if (!run_ || run_->finished() || run_->position() != at_) return kNone;
  return hint_;
}

Status QuizScreen::Skip() {
  Sync();
  if (phase() != QuizPhase::kAnswering && phase() != QuizPhase::kConfidence) {
    return Status::FailedPrecondition("no question is waiting for an answer");
  }
  SC_RETURN_IF_ERROR(run_->Skip());
  Sync();
  if (run_->finished()) AfterRun();
  return Status::Ok();
}

Status QuizScreen::Next() {
  Sync();
  if (!run_) return Status::FailedPrecondition("no quiz is running");
  SC_RETURN_IF_ERROR(run_->Next());
  Sync();
  if (run_->finished()) AfterRun();
  return Status::Ok();
}

Status QuizScreen::Press(char key) {
  Status status = PressKey(key);
  if (status.ok()) {
    last_error_.clear();
  } else {
    last_error_ = status.message();
  }
  return status;
}

Status QuizScreen::PressKey(char key) {
  const QuizPhase now = phase();
  if (key == '\n') return Confirm();
  if (now == QuizPhase::kResults) {
    if (key == 'R') return StartWith(running_);
    if (key == 'N') NewQuiz();
    return Status::Ok();
  }
  if (now == QuizPhase::kSetup) return Status::Ok();
  if (key >= '1' && key <= '6') {
    if (now == QuizPhase::kConfidence && key <= '3') return ChooseConfidence(key - '0');
    if (now == QuizPhase::kFeedback) return Status::Ok();
    return Pick(key - '1');
  }
  if (key >= 'A' && key <= 'F') {
    if (now == QuizPhase::kFeedback) return Status::Ok();
    return Pick(key - 'A');
  }
  if (key == 'H') return ShowHint();
  if (key == 'S' && now != QuizPhase::kFeedback) return Skip();
  if (key == '\b' && now == QuizPhase::kConfidence) ChangeAnswer();
  return Status::Ok();
}

bool QuizScreen::CheckTime() {
  if (!run_ || time_noticed_) return false;
  if (!run_->CheckTime()) return false;
  time_noticed_ = true;
  Sync();
  AfterRun();
  return true;
}

void QuizScreen::Finish() {
  if (!run_ || run_->finished()) return;
  run_->Finish();
  AfterRun();
}

// ---- The results -----------------------------------------------------------------------------

void QuizScreen::AfterRun() {
  if (result_) return;
  result_ = run_->Result();
  past_.clear();
  history_problem_.clear();
  if (store_ != nullptr) {
    auto past = store_->PastScores(bank_ids_, kHistorySessions);
    if (past.ok()) {
      past_ = std::move(*past);
    } else {
      history_problem_ = past.status().message();
    }
  }
  CountDue();
}

const RunResult* QuizScreen::result() {
  if (!run_ || !run_->finished()) return nullptr;
  AfterRun();  // a run ended from outside (the tutor closing it, a scene)
  return &*result_;
}

const std::vector<PastScore>& QuizScreen::past_scores() {
  if (run_ && run_->finished()) AfterRun();
  return past_;
}

bool QuizScreen::past_includes_run() {
  const RunResult* done = result();
  return done != nullptr && done->score.answered > 0 && run_->store_problem().empty() &&
         !past_scores().empty();
}

}  // namespace stagecraft::core
