#pragma once
// Grading: the one place in Stagecraft where an answer to a question is marked. Quizzes, exams,
// reviews and the questions inside lessons all grade through Grade, so a learner gets the same
// verdict, and the same per-letter feedback, wherever a question is asked.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/quiz.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// How a select-all-that-apply answer earns credit. A single-answer question is right or wrong
// under both rules.
enum class Scoring {
  // The answer earns 1 when the chosen set is exactly the key, else 0 (the default).
  kAllOrNothing,
  // Moodle-style partial credit: with k correct options, each correct option chosen earns 1/k
  // and each wrong option chosen takes 1/k away; the total never falls below 0. Choosing every
  // option therefore earns nothing unless every option is correct.
  kPartialCredit,
};
// "all-or-nothing", "partial".
const char* ScoringName(Scoring scoring);
// The scoring named `text` (any letter case); nullopt otherwise.
std::optional<Scoring> ParseScoring(std::string_view text);

// One option an answer involves: chosen (rightly or wrongly), or correct and missed.
struct OptionVerdict {
  int shown = 0;         // the option's shown index: its letter is OptionLetter(shown)
  bool chosen = false;
  bool correct = false;  // the option is part of the key
  std::string feedback;  // the option's own feedback; may be empty
  // "right", "wrong" or "missed".
  const char* Verdict() const { return chosen ? (correct ? "right" : "wrong") : "missed"; }
};

// What one answer earned, with everything the learner should see next.
struct AnswerFeedback {
  bool correct = false;      // the chosen set is exactly the key
  std::vector<int> chosen;   // shown indexes, ascending
  std::vector<int> answers;  // shown indexes of the correct options, ascending
  double credit = 0;         // 0..1 under the scoring rule; 1 exactly when correct
  int confidence = 0;        // 1-3 in confidence mode, 0 otherwise
  int points = 0;            // confidence mode: +1/+2/+3 right, 0/-2/-6 wrong; else 1 or 0
  // Every option the answer involves, in letter order: each chosen option (right or wrong) and
  // each correct option left out (missed). Options neither chosen nor correct are not listed.
  std::vector<OptionVerdict> involved;
};

// Grades `chosen` (shown indexes; valid, distinct) for `question` shown in `order`
// (order[shown] = index in question.options). `confidence` is 1-3 in confidence mode, else 0.
AnswerFeedback Grade(const Question& question, const std::vector<int>& order,
                     std::vector<int> chosen, Scoring scoring, int confidence = 0);

// The options of `question` in file order: order[i] = i.
std::vector<int> FileOrder(const Question& question);

// Certainty-based marking: the points for an answer given with `confidence` (1-3).
int ConfidencePoints(bool correct, int confidence);

// Reads letters such as "B", "a", "A,C", "A C" or "AC" naming options of a question with
// `count` options, sorted; kInvalidArgument naming the bad letter (or "no letter")
// otherwise. Unless `multiple`, exactly one letter.
engine::Result<std::vector<int>> ParseAnswerLetters(std::string_view text, std::size_t count,
                                                    bool multiple);

// Whether `chosen` (option indexes) is a valid answer to `question`: at least one, each an
// option, none twice, and one alone unless the question is select-all. The error names the
// letter ("E is not an option (A-D)").
engine::Status CheckChosen(const Question& question, const std::vector<int>& chosen);

// "(A-D)" for 4 options: the letters an answer may use; "(none)" for 0.
std::string OptionRange(std::size_t option_count);

// "A, C": the letters of shown indexes.
std::string LetterList(const std::vector<int>& shown);

}  // namespace stagecraft::core
