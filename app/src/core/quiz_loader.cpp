#include "core/quiz_loader.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/content_files.h"
#include "core/json_checker.h"
#include "core/json_positions.h"
#include "core/quiz_rules.h"
#include "stagecraft/commands/scenario.h"

namespace stagecraft::core {

using nlohmann::json;

const char* LevelName(Level level) {
  switch (level) {
    case Level::kEasy: return "easy";
    case Level::kMedium: return "medium";
    case Level::kHard: return "hard";
  }
  return "easy";
}

std::string OptionLetter(int index) { return std::string(1, static_cast<char>('A' + index)); }

std::string QuizProblem::ToString() const {
  std::string out = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  if (!path.empty()) out += path + ": ";
  return out + message;
}

namespace {

using quiz_rules::CharCount;
using quiz_rules::IsIdentifier;
using quiz_rules::kMaxOptions;
using quiz_rules::kMaxPrompt;
using quiz_rules::kMaxTitle;
using quiz_rules::kMinOptions;

// Checks one parsed file against the format, collecting problems with their positions.
class QuizChecker : public JsonChecker {
 public:
  using JsonChecker::JsonChecker;

  std::optional<Quiz> Check(const json& root) {
    if (!root.is_object()) {
      Report("", std::string("a quiz file must hold an object, not ") + JsonTypeName(root));
      return std::nullopt;
    }
    UnknownFields(root, "", {"$schema", "format", "id", "title", "topic", "questions", "$comment"});
    Quiz quiz;
    quiz.path = file();
    if (const json* format = Member(root, "", "format", true, json::value_t::number_integer)) {
      if (*format != 1) Report("format", "format " + format->dump() + " is not supported (1 is)");
    }
    quiz.id = Text(root, "", "id", true);
    if (root.contains("id")) {
      const TextPosition at = At("id");
      quiz.id_line = at.line;
      quiz.id_column = at.column;
    }
    if (root.contains("id") && root["id"].is_string() && !IsIdentifier(quiz.id)) {
      Report("id", JsonString(quiz.id) + " must be 1-64 letters, digits, '-' or '_'");
    }
    quiz.title = Text(root, "", "title", true, 1, kMaxTitle);
    quiz.topic = Text(root, "", "topic", true, 1, kMaxTitle);
    const json* questions = Member(root, "", "questions", true, json::value_t::array);
    if (questions != nullptr) {
      if (questions->empty()) Report("questions", "a quiz needs at least one question");
      if (questions->size() > kMaxQuestions) {
        Report("questions", "holds " + std::to_string(questions->size()) +
                                " questions; at most " + std::to_string(kMaxQuestions) +
                                " are allowed");
      }
      std::map<std::string, std::string> seen_ids;  // id -> path of its first use
      const std::size_t count = std::min(questions->size(), kMaxQuestions);
      quiz.questions.reserve(count);
      for (std::size_t i = 0; i < count; ++i) {
        const std::string path = ElementPath("questions", i);
        const json& raw = (*questions)[i];
        bool repeated = false;
        if (raw.is_object() && raw.contains("id") && raw["id"].is_string()) {
          const std::string id = raw["id"].get<std::string>();
          auto [first, fresh] = seen_ids.emplace(id, path);
          if (!fresh) {
            Report(MemberPath(path, "id"), "id " + JsonString(id) + " is already used by " +
                                               first->second);
            repeated = true;
          }
        }
        auto question = CheckQuestion(raw, path, quiz.topic);
        if (!question || repeated) continue;
        question->index_in_file = i;
        quiz.questions.push_back(std::move(*question));
      }
    }
    return quiz;  // holding the questions that passed; `problems` says whether all did
  }

 private:
  std::optional<Question> CheckQuestion(const json& q, const std::string& path,
                                        const std::string& quiz_topic) {
    if (!q.is_object()) {
      Report(path, std::string("a question must be an object, not ") + JsonTypeName(q));
      return std::nullopt;
    }
    const std::size_t before = problems.size();
    UnknownFields(q, path, {"id", "level", "topic", "prompt", "code", "options", "answer", "hint",
                            "solution", "mistakes", "tags", "verify", "$comment"});
    Question question;
    question.id = Text(q, path, "id", true);
    if (q.contains("id") && q["id"].is_string() && !IsIdentifier(question.id)) {
      Report(MemberPath(path, "id"), JsonString(question.id) + " must be 1-64 letters, digits, '-' or '_'");
    }
    const std::string level = Text(q, path, "level", true);
    if (auto named = quiz_rules::LevelNamed(level)) question.level = *named;
    else if (q.contains("level") && q["level"].is_string()) {
      Report(MemberPath(path, "level"), JsonString(level) + " is not a level (easy, medium, hard)");
    }
    question.topic = q.contains("topic") ? Text(q, path, "topic", false, 1, kMaxTitle) : quiz_topic;
    question.prompt = Text(q, path, "prompt", true, 1, kMaxPrompt);
    question.code = Text(q, path, "code", false);
    question.hint = Text(q, path, "hint", false);
    question.solution = TextList(q, path, "solution");
    question.mistakes = TextList(q, path, "mistakes");
    question.tags = TextList(q, path, "tags");
    CheckOptions(q, path, question);
    CheckAnswer(q, path, question);
    if (q.contains("verify")) CheckVerify(q, path, question);
    if (problems.size() != before) return std::nullopt;
    return question;
  }

  void CheckOptions(const json& q, const std::string& path, Question& question) {
    const json* options = Member(q, path, "options", true, json::value_t::array);
    if (options == nullptr) return;
    const std::string options_path = MemberPath(path, "options");
    if (options->size() < kMinOptions || options->size() > kMaxOptions) {
      Report(options_path, "has " + std::to_string(options->size()) +
                               " options; a question needs 2 to 6");
    }
    for (std::size_t i = 0; i < options->size() && i < kMaxOptions; ++i) {
      const json& option = (*options)[i];
      const std::string option_path = ElementPath(options_path, i);
      QuizOption parsed;
      if (option.is_string()) {
        parsed.text = option.get<std::string>();
        if (CharCount(parsed.text) > kMaxQuizString) {
          Report(option_path, "is longer than " + std::to_string(kMaxQuizString) + " characters");
        }
      } else if (option.is_object()) {
        UnknownFields(option, option_path, {"text", "feedback", "$comment"});
        parsed.text = Text(option, option_path, "text", true);
        parsed.feedback = Text(option, option_path, "feedback", false);
      } else {
        Report(option_path, std::string("an option must be a string or {\"text\", \"feedback\"}, "
                                        "not ") + JsonTypeName(option));
        question.options.push_back(std::move(parsed));  // keeps the letters of later options
        continue;
      }
      if (parsed.text.empty()) Report(option_path, "an option's text must not be empty");
      if (!parsed.text.empty() && std::any_of(question.options.begin(), question.options.end(),
                      [&](const QuizOption& o) { return o.text == parsed.text; })) {
        Report(option_path, "repeats the text of an earlier option: " + JsonString(parsed.text));
      }
      question.options.push_back(std::move(parsed));
    }
  }

  void CheckAnswer(const json& q, const std::string& path, Question& question) {
    auto found = q.find("answer");
    if (found == q.end()) {
      Report(path, "missing required field \"answer\"");
      return;
    }
    const std::string answer_path = MemberPath(path, "answer");
    // Without a usable options array the letters cannot be checked; the options are reported.
    const bool options_usable = q.contains("options") && q["options"].is_array() &&
                                q["options"].size() >= kMinOptions &&
                                q["options"].size() <= kMaxOptions;
    const std::size_t count = options_usable ? question.options.size() : kMaxOptions;
    const std::string range =
        count > 0 ? "(A-" + OptionLetter(static_cast<int>(count) - 1) + ")" : "";
    auto letter = [&](const json& value, const std::string& at) -> std::optional<int> {
      if (!value.is_string()) {
        Report(at, std::string("an answer is a letter such as \"B\", not ") + JsonTypeName(value));
        return std::nullopt;
      }
      const auto& text = value.get_ref<const std::string&>();
      auto index = quiz_rules::OptionIndex(text, count);
      if (!index) Report(at, JsonString(text) + " is not an option " + range);
      return index;
    };
    if (found->is_array()) {
      question.multiple = true;
      if (found->empty()) Report(answer_path, "a select-all answer needs at least one letter");
      for (std::size_t i = 0; i < found->size(); ++i) {
        auto index = letter((*found)[i], ElementPath(answer_path, i));
        if (!index) continue;
        if (std::find(question.answers.begin(), question.answers.end(), *index) !=
            question.answers.end()) {
          Report(ElementPath(answer_path, i), OptionLetter(*index) + " is listed twice");
          continue;
        }
        question.answers.push_back(*index);
      }
      std::sort(question.answers.begin(), question.answers.end());
    } else if (auto index = letter(*found, answer_path)) {
      question.answers.push_back(*index);
    }
  }

  void CheckVerify(const json& q, const std::string& path, Question& question) {
    const json* verify = Member(q, path, "verify", false, json::value_t::object);
    if (verify == nullptr) return;
    const std::string verify_path = MemberPath(path, "verify");
    UnknownFields(*verify, verify_path, {"setup", "check", "model", "version", "after-step", "$comment"});
    VerifyBlock block;
    const TextPosition at = At(verify_path);
    block.line = at.line;
    block.column = at.column;
    block.setup = TextList(*verify, verify_path, "setup");
    if (const json* after = Member(*verify, verify_path, "after-step", false,
                                   json::value_t::number_integer)) {
      if (!after->is_number_integer() || after->get<std::int64_t>() < 1 ||
          after->get<std::int64_t>() > quiz_rules::kMaxAfterStep) {
        Report(MemberPath(verify_path, "after-step"), "must be a step number from 1 up");
      } else {
        block.after_step = static_cast<int>(after->get<std::int64_t>());
      }
    }
    const std::string check = Text(*verify, verify_path, "check", true);
    if (check == "stage") {
      block.check = VerifyBlock::Check::kStage;
      block.model = Text(*verify, verify_path, "model", true, 1);
      if (const json* v = Member(*verify, verify_path, "version", true,
                                 json::value_t::number_integer)) {
        if (!v->is_number_integer() || v->get<std::int64_t>() < 1) {
          Report(MemberPath(verify_path, "version"), "must be a whole number from 1 up");
        } else {
          block.version = v->get<std::int64_t>();
        }
      }
    } else if (check == "failing-options") {
      block.check = VerifyBlock::Check::kFailingOptions;
    } else if (check == "succeeding-options") {
      block.check = VerifyBlock::Check::kSucceedingOptions;
    } else if (verify->contains("check") && (*verify)["check"].is_string()) {
      Report(MemberPath(verify_path, "check"),
             JsonString(check) + " is not a check (stage, failing-options, succeeding-options)");
    }
    question.verify = std::move(block);
  }
};

}  // namespace

QuizLoad ParseQuiz(std::string_view text, const std::string& path) {
  // Most files are clean, and for them a document is waste: see quiz_clean_parser.cpp.
  if (auto quiz = ParseCleanQuiz(text, path)) return QuizLoad{std::move(quiz), {}};
  return CheckQuizText(text, path);
}

QuizLoad CheckQuizText(std::string_view text, const std::string& path) {
  QuizLoad load;
  const std::optional<json> root =
      ParseJsonText(text, path, kMaxQuizFileBytes, kMaxQuizNesting, load.problems);
  if (!root) return load;
  QuizChecker checker(text, path);
  load.quiz = checker.Check(*root);
  load.problems = std::move(checker.problems);
  return load;
}

QuizLoad LoadQuizFile(const std::string& path) {
  auto text = ReadContentFile(path, kMaxQuizFileBytes);
  if (!text.ok()) {
    QuizLoad load;
    load.problems.push_back(QuizProblem{path, 1, 1, "", text.status().message()});
    return load;
  }
  return ParseQuiz(*text, path);
}

}  // namespace stagecraft::core
