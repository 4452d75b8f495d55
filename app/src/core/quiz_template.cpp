#include "core/quiz_template.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace stagecraft::core {

namespace fs = std::filesystem;

std::string QuizTemplate(const std::string& id) {
  return R"json({
  "$schema": "./quiz.schema.json",
  "format": 1,
  "id": ")json" + id + R"json(",
  "title": "The title learners see in the list of quizzes (the id above names this file's questions in progress; letters, digits, - and _)",
  "topic": "The default topic of the questions: the readiness heatmap's rows",
  "questions": [
    {
      "id": "first-question",
      "level": "easy",
      "prompt": "The question, one line or more (level is easy, medium or hard). Which stage tests a candidate before it serves customers?",
      "code": "models transition-stage --model-name churn --version 2 --stage Staging",
      "options": [
        {"text": "Staging", "feedback": "Each option may have feedback: why it is right or wrong. Learners see it after answering."},
        {"text": "Production", "feedback": "Production serves customers; testing happens before it."},
        "Archived"
      ],
      "answer": "A",
      "hint": "A nudge shown when the learner asks for one (not in exams).",
      "solution": ["The worked steps shown after answering, one string per step."],
      "mistakes": ["Common mistakes, shown when the answer was wrong."],
      "tags": ["stages"]
    },
    {
      "id": "checked-by-the-engine",
      "level": "medium",
      "prompt": "Options are shuffled for each learner, so each must stand on its own. An answer of several letters, [\"A\", \"C\"], makes a select-all-that-apply question. This one's verify block runs setup on the registry and checks the answer: after moving version 1 to Production, where is it?",
      "options": ["Production", "Staging", "None"],
      "answer": "A",
      "verify": {
        "setup": [
          "models create churn",
          "models create-version --model-name churn --source runs:/a/model",
          "models transition-stage --model-name churn --version 1 --stage Production"
        ],
        "check": "stage",
        "model": "churn",
        "version": 1
      }
    }
  ]
}
)json";
}

engine::Result<std::string> WriteNewQuiz(const std::string& folder, const std::string& schema) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) {
    return engine::Status::InvalidArgument("cannot create the folder " + folder + ": " +
                                           ec.message());
  }
  std::string name = "new-quiz";
  for (int n = 2; fs::exists(fs::path(folder) / (name + ".json"), ec); ++n) {
    name = "new-quiz-" + std::to_string(n);
  }
  const fs::path path = fs::path(folder) / (name + ".json");
  {
    std::ofstream out(path, std::ios::binary);
    out << QuizTemplate(name);
    if (!out.flush()) {
      return engine::Status::InvalidArgument("cannot write " + path.string());
    }
  }
  const fs::path beside = fs::path(folder) / "quiz.schema.json";
  if (!schema.empty() && fs::exists(schema, ec) && !fs::exists(beside, ec)) {
    fs::copy_file(schema, beside, ec);  // only a help for editors: a failed copy is no problem
  }
  return path.string();
}

}  // namespace stagecraft::core
