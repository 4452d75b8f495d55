#pragma once
// The multiple-choice formats instructors already have — Aiken and Moodle's GIFT — converted to
// and from Stagecraft's quiz files.
//
// Aiken: a question line, option lines "A. text" or "A) text", then "ANSWER: B"; blank lines
// between questions. GIFT: "::title:: question text { =right ~wrong#feedback ~wrong }", with
// "~%50%" partial-credit options for several right answers, // comments and \-escapes of ~=#{}:.
// Only multiple-choice questions convert; anything else is a problem naming its line.

#include <string>
#include <string_view>
#include <vector>

#include "core/quiz.h"

namespace stagecraft::core {

// What an import gave: the problems, each naming the source file and line ("FILE:LINE:1:
// message"), and the quiz. An Aiken import with any problem gives no quiz; a GIFT import whose
// only problems are questions that are not multiple choice gives the quiz of the others (check
// quiz.has_value(), not problems.empty()).
struct QuizImport {
  std::optional<Quiz> quiz;
  std::vector<QuizProblem> problems;
};

// Imports Aiken or GIFT text. The quiz id and title come from the file name (`path`, e.g.
// "stages.txt" -> id "stages"); topic and level default to the title and "medium" (neither format
// has them); question ids are q1, q2, ... (or a GIFT ::title:: made into an id).
QuizImport ImportAiken(std::string_view text, const std::string& path);
QuizImport ImportGift(std::string_view text, const std::string& path);

// Exports a quiz. Aiken has no place for feedback, hints, code or multi-answer questions:
// a multi-answer question is a problem (Aiken cannot say it); other fields are dropped.
// GIFT keeps option feedback (#) and multi-answer questions (~%N% weights).
struct QuizExport {
  std::string text;
  std::vector<QuizProblem> problems;
};
QuizExport ExportAiken(const Quiz& quiz);
QuizExport ExportGift(const Quiz& quiz);

// A quiz as a quiz file (format 1), pretty-printed, that ParseQuiz loads back to the same quiz.
std::string QuizToJson(const Quiz& quiz);

}  // namespace stagecraft::core
