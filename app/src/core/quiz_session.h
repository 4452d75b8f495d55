#pragma once
// QuizSession: one sitting of a quiz — questions picked from a bank by topic and level, options
// shuffled per session (seeded, with letters re-labelled so the answer key follows), answers
// graded by Grade (single and select-all, all-or-nothing or partial credit), optional
// certainty-based marking, and a result broken down by topic and level. No clock and no I/O:
// PracticeRun adds time, hints and the progress store; the terminal and the window drive that.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/grading.h"
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
  bool confidence = false;           // certainty-based marking (see ConfidencePoints)
  Scoring scoring = Scoring::kAllOrNothing;  // how select-all answers earn credit
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

// Totals for a slice of the session (a topic or a level). Every question of the session is in
// the slice of its topic and of its level, answered or not, so the slices add up to the score.
struct Tally {
  int questions = 0;   // asked, answered or not
  int answered = 0;
  int correct = 0;     // exactly right
  double score = 0;    // the credit earned (equal to `correct` without partial credit)
};

struct SessionResult {
  int correct = 0;
  int total = 0;          // questions in the session (unanswered ones earn nothing)
  int answered = 0;
  double score = 0;       // the credit earned: `correct`, or more with partial credit
  int percent = 0;        // score * 100 / total, rounded down; 0 for an empty session
  int points = 0;         // confidence mode: the certainty-based score
  int max_points = 0;     // confidence mode: 3 per question
  std::map<std::string, Tally> by_topic;
  std::map<std::string, Tally> by_level;  // "easy", "medium", "hard"
};

class QuizSession {
 public:
  // Picks questions from `bank` (which must outlive the session). kNotFound when no question
  // matches the topic and level, kInvalidArgument for a count below 1.
  static engine::Result<QuizSession> Start(const std::vector<Quiz>& bank,
                                           const SessionOptions& options);

  const std::vector<SessionQuestion>& questions() const { return questions_; }
  std::size_t position() const { return answered_.size(); }  // index of the current question
  bool done() const { return stopped_ || position() >= questions_.size(); }
  const SessionQuestion& current() const { return questions_[position()]; }
  // The grade of question `index`, or nullopt while it is not reached or when it went unanswered.
  const std::optional<AnswerFeedback>& AnswerAt(std::size_t index) const;

  // ParseAnswerLetters for the current question.
  engine::Result<std::vector<int>> ParseAnswer(std::string_view text) const;

  // Grades `chosen` for the current question (Grade, with the session's scoring) and moves on.
  // `confidence` is 1-3 in confidence mode (anything else is kInvalidArgument) and ignored
  // otherwise.
  engine::Result<AnswerFeedback> Answer(const std::vector<int>& chosen, int confidence = 0);

  // Leaves the current question unanswered (never graded) and moves on.
  engine::Status Skip();

  // Ends the session early (a timed exam ran out, the input ended): the questions not reached
  // stay unanswered.
  void Stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }

  SessionResult Result() const;

 private:
  QuizSession() = default;
  SessionOptions options_;
  std::vector<SessionQuestion> questions_;
  std::vector<std::optional<AnswerFeedback>> answered_;  // one per question reached
  bool stopped_ = false;
};

}  // namespace stagecraft::core
