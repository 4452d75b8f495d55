#pragma once
// Questions, feedback and results as terminal text: one layout for quizzes, reviews, exams and
// the questions inside lessons, so that a learner sees the same labels wherever a question is
// asked. Widths are display columns; prose wraps at `width`.

#include <string>
#include <vector>

#include "core/grading.h"
#include "core/practice_run.h"
#include "core/quiz.h"

namespace stagecraft::core {

// A question before it is answered: `lead` and the prompt, the code, the options lettered in
// `order` (order[shown] = index in question.options), and "(Select all that apply.)" for a
// select-all question whose prompt does not already say so.
std::string FormatQuestion(const Question& question, const std::vector<int>& order, int width,
                           const std::string& lead = "");
// The same in file order.
std::string FormatQuestion(const Question& question, int width, const std::string& lead = "");

// The answer key in file order with the solution steps, hint and common mistakes: what a lesson
// shows when it is read without answering.
std::string FormatAnswer(const Question& question, int width);

// "Hint: ..." or "No hint for this one."
std::string FormatHint(const Question& question, int width);

// What an answer earned: "Correct." or "Not quite: the answer is B, D." (with the credit under
// partial scoring and the points in confidence mode); then, letter by letter, every option the
// answer involves (right, wrong or missed) with its feedback; the solution; and the common
// mistakes when the answer was not right.
std::string FormatFeedback(const Question& question, const AnswerFeedback& feedback, int width);

// FormatFeedback's first line, unwrapped: "Correct.", "Partly right (0.5 of 1): the answer is A,
// C." or "Not quite: the answer is B, D.", with " (+2 points)" in confidence mode. The window
// says it the same way.
std::string FeedbackVerdict(const AnswerFeedback& feedback);

// The tag the window puts beside an option an answer involves: "✓ your pick: right",
// "✗ your pick: wrong" or "missed: right answer" (the terminal's "(right)", "(wrong)",
// "(missed)"), and beside an option picked but not yet submitted: "your pick".
const char* OptionVerdictTag(const OptionVerdict& verdict);
const char* PickedOptionTag();

// A question of a finished run as its review shows it: the answer given, or for one left
// unanswered, nothing chosen and every option of the key missed (with its feedback).
AnswerFeedback OutcomeFeedback(const QuestionOutcome& outcome);
// The review's verdict on it: FeedbackVerdict for an answer; "Unanswered: the answer is A, C."
// or "Unanswered (the answer came after the time was up): the answer is A, C." otherwise.
std::string OutcomeVerdict(const QuestionOutcome& outcome);

// "Back for review in 6 days." / "... tomorrow." for a question the store scheduled at `now`.
std::string FormatNextReview(const ReviewSchedule& schedule, UnixTime now);

// "4:05" for 245 seconds (rounded up, so 0:00 means the time is up).
std::string FormatClock(double seconds);

// "1.5" for 1.5, "2" for 2.0: a score as people write it.
std::string FormatScore(double score);

// The scores of a breakdown's slices (a result's topics or levels, in the order shown) as they are
// shown: rounded to hundredths by the largest remainder, so that they add up to the rounded total
// ("0.33", "0.33", "0.34" for three thirds, never "0.33" three times).
std::vector<std::string> ShownSliceScores(const std::vector<Tally>& slices);

// The end of a run: an exam's review of every question (the answer given, the key, the
// solution), the breakdown by topic and level (unanswered questions counted), the certainty-based
// score in confidence mode, the time used, and "Score: X/Y (P%)" last.
std::string FormatRunResult(const RunResult& result, int width);

}  // namespace stagecraft::core
