#include "core/question_text.h"

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>
#include <string_view>

#include "core/text_wrap.h"

namespace stagecraft::core {
namespace {

// "2.33" for 233 hundredths, "2" for 200.
std::string FormatHundredths(long long hundredths) {
  return FormatScore(static_cast<double>(hundredths) / 100);
}

}  // namespace

std::vector<std::string> ShownSliceScores(const std::vector<Tally>& slices) {
  std::vector<long long> shown;
  std::vector<std::pair<double, std::size_t>> remainders;
  double total = 0;
  long long floors = 0;
  for (const Tally& tally : slices) {
    const double exact = tally.score * 100;
    const auto floor = static_cast<long long>(std::floor(exact + 1e-9));
    remainders.push_back({exact - static_cast<double>(floor), shown.size()});
    shown.push_back(floor);
    floors += floor;
    total += tally.score;
  }
  long long missing = std::llround(total * 100) - floors;
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; missing > 0 && i < remainders.size(); ++i, --missing) {
    ++shown[remainders[i].second];
  }
  std::vector<std::string> out;
  for (long long hundredths : shown) out.push_back(FormatHundredths(hundredths));
  return out;
}

namespace {

// The slices of a breakdown as lines whose shown scores add up to the score line's.
std::string Breakdown(const std::map<std::string, Tally>& slices) {
  std::vector<Tally> tallies;
  for (const auto& [key, tally] : slices) tallies.push_back(tally);
  const std::vector<std::string> shown = ShownSliceScores(tallies);
  std::string out;
  std::size_t i = 0;
  for (const auto& [key, tally] : slices) {
    out += "  " + key + ": " + shown[i++] + "/" + std::to_string(tally.questions);
    const int unanswered = tally.questions - tally.answered;
    if (unanswered > 0) out += " (" + std::to_string(unanswered) + " unanswered)";
    out += "\n";
  }
  return out;
}

// Every option the answer involves, a line each with its letter, verdict and feedback.
std::string InvolvedLines(const AnswerFeedback& feedback, int width, const std::string& indent) {
  std::string out;
  for (const OptionVerdict& option : feedback.involved) {
    const std::string label = indent + OptionLetter(option.shown) + " (" + option.Verdict() + ")";
    out += option.feedback.empty()
               ? label + "\n"
               : Wrap(option.feedback, width, label + ": ", indent + "    ");
  }
  return out;
}

// The worked steps, numbered, under `indent`.
std::string SolutionLines(const Question& question, int width, const std::string& indent) {
  std::string out;
  for (std::size_t i = 0; i < question.solution.size(); ++i) {
    const std::string number = indent + std::to_string(i + 1) + ". ";
    out += Wrap(question.solution[i], width, number, std::string(number.size(), ' '));
  }
  return out;
}

// "B, D", or "none".
std::string ShownLetters(const std::vector<int>& shown) {
  return shown.empty() ? "none" : LetterList(shown);
}

// Whether the prompt already tells the learner to select all that apply.
bool SaysSelectAll(std::string_view prompt) {
  std::string lower(prompt);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return lower.find("select all") != std::string::npos;
}

// "Common mistakes:" and one line each; "" when the question lists none.
std::string MistakeLines(const Question& question, int width) {
  if (question.mistakes.empty()) return "";
  std::string out = "Common mistakes:\n";
  for (const auto& mistake : question.mistakes) out += Wrap(mistake, width, "  - ", "    ");
  return out;
}

}  // namespace

std::string FormatQuestion(const Question& question, const std::vector<int>& order, int width,
                           const std::string& lead) {
  std::string out = Wrap(lead + question.prompt, width, "", "");
  if (!question.code.empty()) {
    out += '\n';  // appended, not "\n" + ...: g++ 12 -O3 warns falsely (-Wrestrict) on that
    out += Indented(question.code, "    ");
  }
  if (question.multiple && !SaysSelectAll(question.prompt)) out += "(Select all that apply.)\n";
  for (std::size_t shown = 0; shown < order.size(); ++shown) {
    const std::string letter = OptionLetter(static_cast<int>(shown)) + ". ";
    out += Wrap(question.options[static_cast<std::size_t>(order[shown])].text, width,
                "  " + letter, std::string(2 + letter.size(), ' '));
  }
  return out;
}

std::string FormatQuestion(const Question& question, int width, const std::string& lead) {
  return FormatQuestion(question, FileOrder(question), width, lead);
}

std::string FormatAnswer(const Question& question, int width) {
  std::string out = Wrap("Answer: " + LetterList(question.answers), width, "", "");
  out += SolutionLines(question, width, "  ");
  if (!question.hint.empty()) out += Wrap("Hint: " + question.hint, width, "", "  ");
  return out + MistakeLines(question, width);
}

std::string FormatHint(const Question& question, int width) {
  if (question.hint.empty()) return "No hint for this one.\n";
  return Wrap("Hint: " + question.hint, width, "", "  ");
}

std::string FeedbackVerdict(const AnswerFeedback& feedback) {
  std::string verdict;
  if (feedback.correct) {
    verdict = "Correct.";
  } else if (feedback.credit > 0) {
    verdict = "Partly right (" + FormatScore(feedback.credit) + " of 1): the answer is " +
              ShownLetters(feedback.answers) + ".";
  } else {
    verdict = "Not quite: the answer is " + ShownLetters(feedback.answers) + ".";
  }
  if (feedback.confidence > 0) {
    verdict += " (" + std::string(feedback.points >= 0 ? "+" : "") +
               std::to_string(feedback.points) + " points)";
  }
  return verdict;
}

const char* OptionVerdictTag(const OptionVerdict& verdict) {
  if (!verdict.chosen) return "missed: right answer";
  return verdict.correct ? "\xE2\x9C\x93 your pick: right"   // ✓
                         : "\xE2\x9C\x97 your pick: wrong";  // ✗
}

const char* PickedOptionTag() { return "your pick"; }

AnswerFeedback OutcomeFeedback(const QuestionOutcome& outcome) {
  if (outcome.answer) return *outcome.answer;
  const SessionQuestion& shown = *outcome.question;
  AnswerFeedback feedback;
  feedback.answers = shown.answers;
  for (int answer : shown.answers) {
    feedback.involved.push_back(OptionVerdict{answer, false, true, shown.Option(answer).feedback});
  }
  return feedback;
}

std::string OutcomeVerdict(const QuestionOutcome& outcome) {
  if (outcome.answer) return FeedbackVerdict(*outcome.answer);
  return std::string(outcome.late ? "Unanswered (the answer came after the time was up)"
                                  : "Unanswered") +
         ": the answer is " + ShownLetters(outcome.question->answers) + ".";
}

std::string FormatFeedback(const Question& question, const AnswerFeedback& feedback, int width) {
  std::string out =
      Wrap(FeedbackVerdict(feedback), width, "", "") + InvolvedLines(feedback, width, "  ");
  if (!question.solution.empty()) out += "Solution:\n" + SolutionLines(question, width, "  ");
  if (!feedback.correct) out += MistakeLines(question, width);
  return out;
}

std::string FormatNextReview(const ReviewSchedule& schedule, UnixTime now) {
  const std::int64_t days = std::max<std::int64_t>(0, (schedule.due - now + 43200) / 86400);
  if (days == 0) return "Back for review today.\n";
  if (days == 1) return "Back for review tomorrow.\n";
  return "Back for review in " + std::to_string(days) + " days.\n";
}

std::string FormatClock(double seconds) {
  const auto whole = static_cast<long long>(std::ceil(std::max(0.0, seconds)));
  char text[32];
  std::snprintf(text, sizeof text, "%lld:%02lld", whole / 60, whole % 60);
  return text;
}

std::string FormatScore(double score) {
  const double rounded = std::round(score * 100) / 100;
  if (rounded == std::floor(rounded)) return std::to_string(static_cast<long long>(rounded));
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", rounded);
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  return out;
}

std::string FormatRunResult(const RunResult& result, int width) {
  std::string out;
  if (result.kind == RunKind::kExam) {
    out += "\nReview\n";
    for (std::size_t i = 0; i < result.questions.size(); ++i) {
      const QuestionOutcome& outcome = result.questions[i];
      const SessionQuestion& shown = *outcome.question;
      const Question& question = *shown.source;
      const std::string number = std::to_string(i + 1) + ". ";
      out += Wrap("[" + std::string(LevelName(question.level)) + " - " + question.topic + "] " +
                      question.prompt,
                  width, number, std::string(number.size(), ' '));
      // The options as they were lettered in the exam, so that the letters below mean something.
      for (std::size_t o = 0; o < shown.order.size(); ++o) {
        const std::string letter = "   " + OptionLetter(static_cast<int>(o)) + ". ";
        out += Wrap(shown.Option(static_cast<int>(o)).text, width, letter,
                    std::string(letter.size(), ' '));
      }
      std::string given;
      if (outcome.answer) {
        const AnswerFeedback& answer = *outcome.answer;
        given = "Your answer: " + LetterList(answer.chosen) +
                (answer.correct           ? " (right)"
                 : answer.credit > 0 ? " (partly right: " + FormatScore(answer.credit) + " of 1)"
                                     : " (wrong)");
      } else {
        given = outcome.late ? "Unanswered: your answer came after the time was up"
                             : "Unanswered";
      }
      out += Wrap(given + ". The answer: " + LetterList(shown.answers) + ".", width, "   ", "   ");
      if (outcome.answer && !outcome.answer->correct) {
        out += InvolvedLines(*outcome.answer, width, "     ");
      }
      out += SolutionLines(question, width, "     ");
    }
  }
  const SessionResult& score = result.score;
  out += "\nBy topic:\n" + Breakdown(score.by_topic) + "By level:\n" + Breakdown(score.by_level);
  if (result.confidence) {
    out += "Certainty-based score: " + std::to_string(score.points) + " of " +
           std::to_string(score.max_points) + "\n";
  }
  if (result.kind == RunKind::kExam) {
    out += "Time used: " + FormatClock(result.seconds_used) + " of " +
           FormatClock(result.seconds_allowed) + (result.time_up ? " (the time ran out)" : "") +
           "\n";
  }
  if (result.unanswered > 0) {
    out += std::to_string(result.unanswered) + " question" + (result.unanswered == 1 ? "" : "s") +
           " unanswered.\n";
  }
  out += "Score: " + FormatScore(score.score) + "/" + std::to_string(score.total) + " (" +
         std::to_string(score.percent) + "%)\n";
  return out;
}

}  // namespace stagecraft::core
