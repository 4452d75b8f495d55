#include "core/quiz_session.h"

// Contents: ParseLevelChoice; the session PRNG (SplitMix64); Start (selection and shuffles);
// ParseAnswer; Answer (grading); Result; ConfidencePoints.
//
// Grading has no partial credit: a single-answer question is right when exactly its one correct
// option is chosen, a select-all question when the chosen set equals the answer set exactly.

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

std::string Range(std::size_t option_count) {
  if (option_count == 0) return "(none)";
  return "(A-" + OptionLetter(static_cast<int>(option_count) - 1) + ")";
}

// Checks `chosen` (shown indexes) against `question`; the error when it is not a valid answer.
Status CheckChosen(const SessionQuestion& question, const std::vector<int>& chosen) {
  const std::size_t count = question.order.size();
  if (chosen.empty()) return Status::InvalidArgument("no letter given");
  std::vector<bool> seen(count, false);
  for (int index : chosen) {
    if (index < 0 || static_cast<std::size_t>(index) >= count) {
      const std::string name =
          (index >= 0 && index < 26) ? OptionLetter(index) : "option " + std::to_string(index);
      return Status::InvalidArgument(name + " is not an option " + Range(count));
    }
    if (seen[static_cast<std::size_t>(index)]) {
      return Status::InvalidArgument(OptionLetter(index) + " is given twice");
    }
    seen[static_cast<std::size_t>(index)] = true;
  }
  if (!question.source->multiple && chosen.size() > 1) {
    return Status::InvalidArgument("this question takes one letter");
  }
  return Status::Ok();
}

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

engine::Result<std::vector<int>> ParseAnswerLetters(std::string_view text, std::size_t count,
                                                    bool multiple) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::vector<int> chosen;
  for (char c : text) {
    if (is_space(c) || c == ',') continue;
    const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (upper < 'A' || upper > 'Z') {
      std::string message = "'";  // built by appending: "x" + string trips g++ 12 -Wrestrict
      message += c;
      message += "' is not a letter; answer with letters such as B or A,C";
      return Status::InvalidArgument(std::move(message));
    }
    const int index = upper - 'A';
    if (static_cast<std::size_t>(index) >= count) {
      return Status::InvalidArgument(OptionLetter(index) + " is not an option " + Range(count));
    }
    if (std::find(chosen.begin(), chosen.end(), index) != chosen.end()) {
      return Status::InvalidArgument(OptionLetter(index) + " is given twice");
    }
    chosen.push_back(index);
  }
  if (chosen.empty()) return Status::InvalidArgument("no letter given");
  if (!multiple && chosen.size() > 1) {
    return Status::InvalidArgument("this question takes one letter");
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
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
  SC_RETURN_IF_ERROR(CheckChosen(question, chosen));
  if (options_.confidence && (confidence < 1 || confidence > 3)) {
    return Status::InvalidArgument("confidence is 1, 2 or 3, not " + std::to_string(confidence));
  }

  AnswerFeedback feedback;
  feedback.chosen = chosen;
  std::sort(feedback.chosen.begin(), feedback.chosen.end());
  feedback.answers = question.answers;
  feedback.correct = feedback.chosen == question.answers;
  feedback.confidence = options_.confidence ? confidence : 0;
  feedback.points = options_.confidence ? ConfidencePoints(feedback.correct, confidence)
                                        : (feedback.correct ? 1 : 0);
  for (int index : feedback.chosen) {
    const std::string& text = question.Option(index).feedback;
    if (!text.empty()) feedback.chosen_feedback.push_back(text);
  }
  answered_.push_back(feedback);
  return feedback;
}

// Every topic and level of the session has an entry (answered 0 when none of its questions was
// reached). `points` is the sum of the answers' points and `max_points` 3 per question in
// confidence mode, 1 per question otherwise.
SessionResult QuizSession::Result() const {
  SessionResult result;
  result.total = static_cast<int>(questions_.size());
  for (std::size_t i = 0; i < questions_.size(); ++i) {
    const Question& source = *questions_[i].source;
    Tally& topic = result.by_topic[source.topic];
    Tally& level = result.by_level[LevelName(source.level)];
    if (i >= answered_.size()) continue;
    const AnswerFeedback& answer = answered_[i];
    ++topic.answered;
    ++level.answered;
    if (answer.correct) {
      ++result.correct;
      ++topic.correct;
      ++level.correct;
    }
    result.points += answer.points;
  }
  result.percent = result.total == 0 ? 0 : result.correct * 100 / result.total;
  result.max_points = result.total * (options_.confidence ? 3 : 1);
  return result;
}

int ConfidencePoints(bool correct, int confidence) {
  static constexpr int kRight[] = {1, 2, 3};
  static constexpr int kWrong[] = {0, -2, -6};
  if (confidence < 1 || confidence > 3) return 0;
  return correct ? kRight[confidence - 1] : kWrong[confidence - 1];
}

}  // namespace stagecraft::core
