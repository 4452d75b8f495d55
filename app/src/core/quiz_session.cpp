#include "core/quiz_session.h"

// Contents: ParseLevelChoice; the session PRNG (SplitMix64); Start (selection and shuffles);
// ParseAnswer; Answer (through Grade, grading.h); Skip; Result.

#include <algorithm>
#include <utility>

namespace stagecraft::core {
namespace {

using engine::Status;

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

const char* LevelChoiceName(LevelChoice level) {
  switch (level) {
    case LevelChoice::kEasy:
      return "easy";
    case LevelChoice::kMedium:
      return "medium";
    case LevelChoice::kHard:
      return "hard";
    case LevelChoice::kMixed:
      return "mixed";
  }
  return "mixed";
}

bool LevelMatches(LevelChoice choice, Level level) {
  switch (choice) {
    case LevelChoice::kEasy:
      return level == Level::kEasy;
    case LevelChoice::kMedium:
      return level == Level::kMedium;
    case LevelChoice::kHard:
      return level == Level::kHard;
    case LevelChoice::kMixed:
      return true;
  }
  return true;
}

// SplitMix64 (Steele, Lea and Flood; Vigna's reference constants): a tiny generator whose output
// is fixed by its definition, so a seed gives the same session with every compiler and standard
// library (std::uniform_int_distribution gives no such promise).
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, bound), bound >= 1; rejection keeps it unbiased.
  std::uint64_t Below(std::uint64_t bound) {
    const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
    for (;;) {
      const std::uint64_t r = Next();
      if (r >= threshold) return r % bound;
    }
  }

  // Fisher–Yates, from the back.
  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      const auto j = static_cast<std::size_t>(Below(i));
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  std::uint64_t state_;
};


}  // namespace

std::optional<LevelChoice> ParseLevelChoice(std::string_view text) {
  for (LevelChoice level :
       {LevelChoice::kEasy, LevelChoice::kMedium, LevelChoice::kHard, LevelChoice::kMixed}) {
    if (EqualsIgnoringAsciiCase(text, LevelChoiceName(level))) return level;
  }
  return std::nullopt;
}

engine::Result<QuizSession> QuizSession::Start(const std::vector<Quiz>& bank,
                                               const SessionOptions& options) {
  if (options.count < 1) {
    return Status::InvalidArgument("a session needs at least 1 question, not " +
                                   std::to_string(options.count));
  }
  struct Pick {
    const Quiz* quiz;
    const Question* question;
  };
  std::vector<Pick> matching;
  for (const Quiz& quiz : bank) {
    for (const Question& question : quiz.questions) {
      if (!options.topic.empty() && !EqualsIgnoringAsciiCase(question.topic, options.topic)) {
        continue;
      }
      if (!LevelMatches(options.level, question.level)) continue;
      matching.push_back({&quiz, &question});
    }
  }
  if (matching.empty()) {
    const std::string topic = options.topic.empty() ? "any topic" : "topic '" + options.topic + "'";
    return Status::NotFound(std::string("no questions on ") + topic + " at level '" +
                            LevelChoiceName(options.level) + "'");
  }

  // One stream for the whole session: the question order first, then each question's options.
  SplitMix64 random(options.seed);
  random.Shuffle(matching);
  matching.resize(std::min(matching.size(), static_cast<std::size_t>(options.count)));

  QuizSession session;
  session.options_ = options;
  session.questions_.reserve(matching.size());
  for (const Pick& pick : matching) {
    SessionQuestion shown;
    shown.source = pick.question;
    shown.quiz_id = pick.quiz->id;
    shown.order.resize(pick.question->options.size());
    for (std::size_t i = 0; i < shown.order.size(); ++i) shown.order[i] = static_cast<int>(i);
    random.Shuffle(shown.order);
    const auto& key = pick.question->answers;
    for (std::size_t s = 0; s < shown.order.size(); ++s) {
      if (std::find(key.begin(), key.end(), shown.order[s]) != key.end()) {
        shown.answers.push_back(static_cast<int>(s));
      }
    }
    session.questions_.push_back(std::move(shown));
  }
  return session;
}

engine::Result<std::vector<int>> QuizSession::ParseAnswer(std::string_view text) const {
  if (done()) return Status::FailedPrecondition("the session has no question left to answer");
  const SessionQuestion& question = current();
  return ParseAnswerLetters(text, question.order.size(), question.source->multiple);
}

engine::Result<AnswerFeedback> QuizSession::Answer(const std::vector<int>& chosen, int confidence) {
  if (stopped_) return Status::FailedPrecondition("the session was stopped");
  if (done()) return Status::FailedPrecondition("every question has been answered");
  const SessionQuestion& question = current();
  SC_RETURN_IF_ERROR(CheckChosen(*question.source, chosen));
  if (options_.confidence && (confidence < 1 || confidence > 3)) {
    return Status::InvalidArgument("confidence is 1, 2 or 3, not " + std::to_string(confidence));
  }
  AnswerFeedback feedback = Grade(*question.source, question.order, chosen, options_.scoring,
                                  options_.confidence ? confidence : 0);
  answered_.push_back(feedback);
  return feedback;
}

Status QuizSession::Skip() {
  if (done()) return Status::FailedPrecondition("the session has no question left");
  answered_.push_back(std::nullopt);
  return Status::Ok();
}

const std::optional<AnswerFeedback>& QuizSession::AnswerAt(std::size_t index) const {
  static const std::optional<AnswerFeedback> kNone;
  return index < answered_.size() ? answered_[index] : kNone;
}

// Every question is tallied under its topic and its level, answered or not. `points` is the sum
// of the answers' points and `max_points` 3 per question in confidence mode, 1 per question
// otherwise.
SessionResult QuizSession::Result() const {
  SessionResult result;
  result.total = static_cast<int>(questions_.size());
  for (std::size_t i = 0; i < questions_.size(); ++i) {
    const Question& source = *questions_[i].source;
    Tally& topic = result.by_topic[source.topic];
    Tally& level = result.by_level[LevelName(source.level)];
    ++topic.questions;
    ++level.questions;
    const auto& answer = AnswerAt(i);
    if (!answer) continue;
    for (Tally* tally : {&topic, &level}) {
      ++tally->answered;
      tally->correct += answer->correct ? 1 : 0;
      tally->score += answer->credit;
    }
    ++result.answered;
    result.correct += answer->correct ? 1 : 0;
    result.score += answer->credit;
    result.points += answer->points;
  }
  // A hair above the score, so that 2/3 of 100 is 66 and three thirds are 100.
  result.percent =
      result.total == 0 ? 0 : static_cast<int>(result.score * 100 / result.total + 1e-9);
  result.max_points = result.total * (options_.confidence ? 3 : 1);
  return result;
}

}  // namespace stagecraft::core
