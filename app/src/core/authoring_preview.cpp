#include "core/authoring_preview.h"

#include "core/json_positions.h"
#include "core/lesson_loader.h"
#include "core/quiz_session.h"

namespace stagecraft::core {

std::vector<const Question*> FileQuestions(const AuthoredFile& file) {
  std::vector<const Question*> questions;
  if (file.quiz) {
    for (const Question& question : file.quiz->questions) questions.push_back(&question);
  } else if (file.lesson) {
    questions = file.lesson->Questions();
  }
  return questions;
}

QuestionPreview PreviewQuestion(const Question& question, std::optional<std::uint64_t> seed) {
  QuestionPreview preview{&question, FileOrder(question), {}};
  if (seed) {
    // A session over this question alone shuffles its options as a learner's session would.
    std::vector<Quiz> bank(1);
    bank[0].questions.push_back(question);
    SessionOptions options;
    options.count = 1;
    options.seed = *seed;
    if (auto session = QuizSession::Start(bank, options); session.ok()) {
      preview.order = session->questions().front().order;
    }
  }
  std::vector<int> answers;
  for (std::size_t shown = 0; shown < preview.order.size(); ++shown) {
    for (int answer : question.answers) {
      if (preview.order[shown] == answer) answers.push_back(static_cast<int>(shown));
    }
  }
  preview.answered = Grade(question, preview.order, answers, Scoring::kAllOrNothing);
  return preview;
}

std::optional<std::vector<QuizProblem>> VerifyResult(const AuthoredFile& file,
                                                     const Question& question) {
  if (!question.verify) return std::nullopt;
  // Validate puts a verify block's problems under its path: "questions[2].verify" in a quiz file
  // (".setup[1]" and the like may follow), "quiz[ID].verify" in a lesson. The path, not the
  // line: a file written on one line has every block on line 1.
  const std::string path =
      file.kind == ContentKind::kLesson
          ? "quiz[" + question.id + "].verify"
          : MemberPath(ElementPath("questions", question.index_in_file), "verify");
  std::vector<QuizProblem> found;
  for (const QuizProblem& problem : file.used_problems) {
    if (problem.path.starts_with(path) &&
        (problem.path.size() == path.size() || problem.path[path.size()] == '.' ||
         problem.path[path.size()] == '[')) {
      found.push_back(problem);
    }
  }
  return found;
}

}  // namespace stagecraft::core
