#pragma once
// QuizSession: one sitting of a quiz — questions picked from a bank by topic and level, options
// shuffled per session (seeded, with letters re-labelled so the answer key follows), answers
// graded (single and select-all), optional certainty-based marking, and a result broken down by
// topic and level. No I/O: the terminal and the desktop app drive it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/quiz.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// Which levels a session draws from.
enum class LevelChoice { kEasy, kMedium, kHard, kMixed };
// "easy", "medium", "hard", "mixed" (any letter case); nullopt otherwise.
std::optional<LevelChoice> ParseLevelChoice(std::string_view text);

struct SessionOptions {
  std::string topic;                 // empty: every topic
  LevelChoice level = LevelChoice::kMixed;
  int count = 10;                    // at most this many questions (fewer if the bank has fewer)
  std::uint64_t seed = 0;            // same bank + options + seed -> same questions and order
  bool confidence = false;           // certainty-based marking (see Grade)
};

// A question as this session shows it: options in session order, answer letters re-labelled.
struct SessionQuestion {
  const Question* source = nullptr;  // points into the bank given to Start
  std::string quiz_id;
  std::vector<int> order;    // order[shown index] = index in source->options
  std::vector<int> answers;  // shown indexes of the correct options, ascending
  // The option shown at `shown_index`.
  const QuizOption& Option(int shown_index) const { return source->options[order[shown_index]]; }
};

// What one answer earned, with everything the learner should see next.
struct AnswerFeedback {
  bool correct = false;
  std::vector<int> chosen;   // shown indexes, ascending
  std::vector<int> answers;  // shown indexes of the correct options
  int confidence = 0;        // 1-3 in confidence mode, 0 otherwise
  int points = 0;            // confidence mode: +1/+2/+3 right, 0/-2/-6 wrong; else 1 or 0
  std::vector<std::string> chosen_feedback;  // the feedback of each chosen option that has one
};

// Totals for a slice of the session (a topic or a level).
struct Tally {
  int answered = 0;
  int correct = 0;
};

struct SessionResult {
  int correct = 0;
  int total = 0;          // questions in the session (unanswered ones count as wrong)
  int percent = 0;        // correct * 100 / total, rounded down; 0 for an empty session
  int points = 0;         // confidence mode: the certainty-based score
  int max_points = 0;     // confidence mode: 3 per question
  std::map<std::string, Tally> by_topic;
  std::map<std::string, Tally> by_level;  // "easy", "medium", "hard"
};

// Reads letters such as "B", "a", "A,C", "A C" or "AC" naming options of a question with
// `count` options, sorted; kInvalidArgument naming the bad letter (or "no letter")
// otherwise. Unless `multiple`, exactly one letter.
engine::Result<std::vector<int>> ParseAnswerLetters(std::string_view text, std::size_t count,
                                                    bool multiple);

class QuizSession {
 public:
  // Picks questions from `bank` (which must outlive the session). kNotFound when no question
  // matches the topic and level, kInvalidArgument for a count below 1.
  static engine::Result<QuizSession> Start(const std::vector<Quiz>& bank,
                                           const SessionOptions& options);

  const std::vector<SessionQuestion>& questions() const { return questions_; }
  std::size_t position() const { return answered_.size(); }  // index of the current question
  bool done() const { return position() >= questions_.size(); }
  const SessionQuestion& current() const { return questions_[position()]; }
  const SessionOptions& options() const { return options_; }

  // ParseAnswerLetters for the current question.
  engine::Result<std::vector<int>> ParseAnswer(std::string_view text) const;

  // Grades `chosen` for the current question and moves on. `confidence` is 1-3 in confidence
  // mode (anything else is kInvalidArgument) and ignored otherwise.
  engine::Result<AnswerFeedback> Answer(const std::vector<int>& chosen, int confidence = 0);

  // Ends the session early (a timed exam ran out): the remaining questions count as wrong.
  void Stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }

  SessionResult Result() const;

 private:
  QuizSession() = default;
  SessionOptions options_;
  std::vector<SessionQuestion> questions_;
  std::vector<AnswerFeedback> answered_;
  bool stopped_ = false;
};

// Certainty-based marking: the points for an answer given with `confidence` (1-3).
int ConfidencePoints(bool correct, int confidence);

}  // namespace stagecraft::core
