#pragma once
// The authoring screen's question preview: a question of a content file exactly as a learner
// sees it — its options shuffled as a quiz session shuffles them (QuizSession, seeded) or in
// file order — graded as if the learner had picked the marked answer, so that the answer and
// every option's feedback show, beside what the engine said of its verify block.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/authoring.h"
#include "core/grading.h"
#include "core/quiz.h"

namespace stagecraft::core {

// The questions of `file`'s version in use, in file order (a lesson's quiz blocks in document
// order); none when nothing of it loaded. They point into `file`.
std::vector<const Question*> FileQuestions(const AuthoredFile& file);

struct QuestionPreview {
  const Question* question = nullptr;
  std::vector<int> order;   // order[shown] = index in question->options
  AnswerFeedback answered;  // Grade of the marked answer in this order
};

// `question` in the order a quiz session with `seed` shows it; in file order without a seed.
QuestionPreview PreviewQuestion(const Question& question, std::optional<std::uint64_t> seed);

// What validate said of `question`'s verify block in `file` (its problems at the block, among
// those of the version in use): nullopt when the question has no verify block, empty when the
// engine agrees with the marked answer.
std::optional<std::vector<QuizProblem>> VerifyResult(const AuthoredFile& file,
                                                     const Question& question);

}  // namespace stagecraft::core
