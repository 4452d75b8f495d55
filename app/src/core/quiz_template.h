#pragma once
// The quiz template that the authoring screen's "New quiz" writes: a quiz file that passes
// `stagecraft validate` as it is, each of whose fields says in its own value what it is for
// (JSON has no comments, and the quiz format refuses fields it does not know), with a question
// whose answer the registry engine checks (`verify`).

#include <string>

#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// The template's text, with `id` as the quiz's id.
std::string QuizTemplate(const std::string& id);

// Writes the template into `folder` as new-quiz.json, or new-quiz-2.json, -3, ... when taken,
// with the file's name as the quiz's id; and copies `schema` (the bundled quiz.schema.json, for
// editors' completion; "" for none) beside it when there is none. The path written, or a
// one-line error naming the file.
engine::Result<std::string> WriteNewQuiz(const std::string& folder, const std::string& schema);

}  // namespace stagecraft::core
