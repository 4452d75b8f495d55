#include "core/quiz_template.h"

#include "core/template_file.h"

namespace stagecraft::core {

std::string QuizTemplate(const std::string& id) {
  return R"json({
  "$comment": "A new quiz. quizzes/README.md is the format's contract; quiz.schema.json beside this file gives editors completion. \"$comment\" may sit in any object: a note for authors, never read. Save, and the authoring screen lists this file's problems as `stagecraft validate` prints them.",
  "$schema": "./quiz.schema.json",
  "format": 1,
  "id": ")json" + id + R"json(",
  "title": ")json" + id + R"json(",
  "topic": "Model stages",
  "questions": [
    {
      "$comment": "id: letters, digits, - and _, unique in the file (progress is kept by it). level: easy, medium or hard. topic: optional, overrides the quiz's (the quiz's topic is the default; topics are the readiness heatmap's rows).",
      "id": "first-question",
      "level": "easy",
      "topic": "Model stages",
      "prompt": "Which stage is for testing a candidate version before it serves customers?",
      "code": "stagecraft models transition-stage --model-name churn --version 2 --stage Staging",
      "options": [
        {"text": "Staging", "feedback": "Right: Staging is where a candidate is tested.", "$comment": "2 to 6 options, each a string or {text, feedback}; the feedback says why this choice is right or wrong. Options are shuffled for each learner, so each must stand on its own."},
        {"text": "Production", "feedback": "Production serves customers; testing comes before it."},
        "Archived"
      ],
      "answer": "A",
      "hint": "Think of what happens before Production.",
      "solution": ["The worked steps shown after answering, one string per step."],
      "mistakes": ["Common mistakes, shown when the answer was wrong."],
      "tags": ["stages"]
    },
    {
      "$comment": "answer is a letter, or an array of letters ([\"A\", \"C\"]) for select-all-that-apply. verify runs setup on a fresh registry and checks the answer on the engine: check stage (the answer's text is the stage of model/version after setup), failing-options or succeeding-options (each option is a command line, run on its own copy of the registry after setup). Here the engine proves which approvals it refuses.",
      "id": "who-may-approve",
      "level": "medium",
      "topic": "Approvals",
      "prompt": "Production needs one approval. Developer dana asked for version 1 to go there (request 1); priya and sam are approvers. Which commands does the registry refuse? Select all that apply.",
      "options": [
        {"text": "stagecraft --as dana models approve-request --id 1", "feedback": "Refused: approving needs the approver role, and dana made the request."},
        {"text": "stagecraft --as priya models approve-request --id 1", "feedback": "Runs: priya is an approver and not the requester."},
        {"text": "stagecraft --as dana models transition-stage --model-name churn --version 1 --stage Production", "feedback": "Refused: a gated stage is reached through a request, not a direct move."},
        {"text": "stagecraft --as dana models cancel-request --id 1", "feedback": "Runs: the requester may withdraw their own request."}
      ],
      "answer": ["A", "C"],
      "hint": "Two checks apply to an approval: the role, and who asked.",
      "verify": {
        "setup": [
          "users add dana --role developer",
          "users add priya --role approver",
          "users add sam --role approver",
          "models create churn",
          "models create-version --model-name churn --source runs:/a/model",
          "stages gate Production --require-approvals 1",
          "--as dana models request-transition --model-name churn --version 1 --stage Production"
        ],
        "check": "failing-options"
      }
    }
  ]
}
)json";
}

engine::Result<std::string> WriteNewQuiz(const std::string& folder, const std::string& schema) {
  return WriteTemplateFile(folder, "new-quiz", ".json", QuizTemplate, schema);
}

}  // namespace stagecraft::core
