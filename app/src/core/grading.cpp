#include "core/grading.h"

// Contents: ScoringName/ParseScoring; Grade; FileOrder; ConfidencePoints; ParseAnswerLetters;
// LetterList.

#include <algorithm>

namespace stagecraft::core {
namespace {

using engine::Status;

bool Contains(const std::vector<int>& items, int item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

const char* ScoringName(Scoring scoring) {
  return scoring == Scoring::kPartialCredit ? "partial" : "all-or-nothing";
}

std::optional<Scoring> ParseScoring(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (lower == "partial") return Scoring::kPartialCredit;
  if (lower == "all-or-nothing") return Scoring::kAllOrNothing;
  return std::nullopt;
}

AnswerFeedback Grade(const Question& question, const std::vector<int>& order,
                     std::vector<int> chosen, Scoring scoring, int confidence) {
  AnswerFeedback feedback;
  std::sort(chosen.begin(), chosen.end());
  for (std::size_t shown = 0; shown < order.size(); ++shown) {
    if (Contains(question.answers, order[shown])) feedback.answers.push_back(static_cast<int>(shown));
  }
  feedback.chosen = std::move(chosen);
  feedback.correct = feedback.chosen == feedback.answers;

  int right = 0, wrong = 0;
  for (std::size_t shown = 0; shown < order.size(); ++shown) {
    const int index = static_cast<int>(shown);
    const bool is_chosen = Contains(feedback.chosen, index);
    const bool is_correct = Contains(feedback.answers, index);
    if (is_chosen) (is_correct ? right : wrong) += 1;
    if (!is_chosen && !is_correct) continue;
    feedback.involved.push_back(OptionVerdict{
        index, is_chosen, is_correct,
        question.options[static_cast<std::size_t>(order[shown])].feedback});
  }
  if (feedback.correct) {
    feedback.credit = 1;
  } else if (scoring == Scoring::kPartialCredit && question.multiple && !feedback.answers.empty()) {
    const double k = static_cast<double>(feedback.answers.size());
    feedback.credit = std::max(0.0, (right - wrong) / k);
  }
  feedback.confidence = confidence;
  feedback.points = confidence > 0 ? ConfidencePoints(feedback.correct, confidence)
                                   : (feedback.correct ? 1 : 0);
  return feedback;
}

std::vector<int> FileOrder(const Question& question) {
  std::vector<int> order(question.options.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  return order;
}

int ConfidencePoints(bool correct, int confidence) {
  static constexpr int kRight[] = {1, 2, 3};
  static constexpr int kWrong[] = {0, -2, -6};
  if (confidence < 1 || confidence > 3) return 0;
  return correct ? kRight[confidence - 1] : kWrong[confidence - 1];
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
      return Status::InvalidArgument(OptionLetter(index) + " is not an option " + OptionRange(count));
    }
    if (Contains(chosen, index)) {
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

engine::Status CheckChosen(const Question& question, const std::vector<int>& chosen) {
  const std::size_t count = question.options.size();
  if (chosen.empty()) return Status::InvalidArgument("no letter given");
  std::vector<bool> seen(count, false);
  for (int index : chosen) {
    if (index < 0 || static_cast<std::size_t>(index) >= count) {
      const std::string name =
          (index >= 0 && index < 26) ? OptionLetter(index) : "option " + std::to_string(index);
      return Status::InvalidArgument(name + " is not an option " + OptionRange(count));
    }
    if (seen[static_cast<std::size_t>(index)]) {
      return Status::InvalidArgument(OptionLetter(index) + " is given twice");
    }
    seen[static_cast<std::size_t>(index)] = true;
  }
  if (!question.multiple && chosen.size() > 1) {
    return Status::InvalidArgument("this question takes one letter");
  }
  return Status::Ok();
}

std::string OptionRange(std::size_t option_count) {
  if (option_count == 0) return "(none)";
  return "(A-" + OptionLetter(static_cast<int>(option_count) - 1) + ")";
}

std::string LetterList(const std::vector<int>& shown) {
  std::string out;
  for (int i : shown) out += (out.empty() ? "" : ", ") + OptionLetter(i);
  return out;
}

}  // namespace stagecraft::core
