#include "core/quiz_loader.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/content_files.h"
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

const char* TypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "true or false";
    case json::value_t::null: return "null";
    default: return "a number";
  }
}

// Checks one parsed file against the format, collecting problems with their positions.
class QuizChecker {
 public:
  QuizChecker(std::string_view text, std::string file) : positions_(text), file_(std::move(file)) {}

  std::vector<QuizProblem> problems;

  void Report(const std::string& path, std::string message) {
    TextPosition at = positions_.At(path);
    problems.push_back(QuizProblem{file_, at.line, at.column, path, std::move(message)});
  }

  // The member `key` of `object` if present (and of `kind`); reports a missing required one.
  const json* Member(const json& object, const std::string& path, const char* key, bool required,
                     json::value_t kind) {
    auto found = object.find(key);
    if (found == object.end()) {
      if (required) Report(path, std::string("missing required field \"") + key + "\"");
      return nullptr;
    }
    const bool ok = kind == json::value_t::number_integer ? found->is_number()
                                                           : found->type() == kind;
    if (!ok) {
      const char* wanted = kind == json::value_t::string  ? "a string"
                           : kind == json::value_t::array ? "an array"
                           : kind == json::value_t::object ? "an object"
                                                           : "a number";
      Report(MemberPath(path, key), std::string("must be ") + wanted + ", not " +
                                        TypeName(*found));
      return nullptr;
    }
    return &*found;
  }

  std::string Text(const json& object, const std::string& path, const char* key, bool required,
                   std::size_t min_length = 0, std::size_t max_length = kMaxQuizString) {
    const json* value = Member(object, path, key, required, json::value_t::string);
    if (value == nullptr) return "";
    const auto& text = value->get_ref<const std::string&>();
    if (text.size() < min_length) Report(MemberPath(path, key), "must not be empty");
    if (quiz_rules::TooLong(text, max_length)) {
      Report(MemberPath(path, key), "is " + std::to_string(CharCount(text)) +
                                        " characters long; at most " + std::to_string(max_length) +
                                        " are allowed");
    }
    return text;
  }

  std::vector<std::string> TextList(const json& object, const std::string& path, const char* key) {
    std::vector<std::string> out;
    const json* list = Member(object, path, key, false, json::value_t::array);
    if (list == nullptr) return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string item_path = ElementPath(MemberPath(path, key), i);
      if (!(*list)[i].is_string()) {
        Report(item_path, std::string("must be a string, not ") + TypeName((*list)[i]));
      } else if (CharCount((*list)[i].get_ref<const std::string&>()) > kMaxQuizString) {
        Report(item_path, "is longer than " + std::to_string(kMaxQuizString) + " characters");
      } else {
        out.push_back((*list)[i].get<std::string>());
      }
    }
    return out;
  }

  void UnknownFields(const json& object, const std::string& path,
                     std::initializer_list<const char*> known) {
    for (const auto& [key, value] : object.items()) {
      if (std::none_of(known.begin(), known.end(), [&key = key](const char* k) { return key == k; })) {
        Report(MemberPath(path, key), "unknown field (known: " + [&] {
          std::string list;
          for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
          return list;
        }() + ")");
      }
    }
  }

  std::optional<Quiz> Check(const json& root) {
    if (!root.is_object()) {
      Report("", std::string("a quiz file must hold an object, not ") + TypeName(root));
      return std::nullopt;
    }
    UnknownFields(root, "", {"$schema", "format", "id", "title", "topic", "questions", "$comment"});
    Quiz quiz;
    quiz.path = file_;
    if (const json* format = Member(root, "", "format", true, json::value_t::number_integer)) {
      if (*format != 1) Report("format", "format " + format->dump() + " is not supported (1 is)");
    }
    quiz.id = Text(root, "", "id", true);
    if (root.contains("id")) {
      const TextPosition at = positions_.At("id");
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
      Report(path, std::string("a question must be an object, not ") + TypeName(q));
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
                                        "not ") + TypeName(option));
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
        Report(at, std::string("an answer is a letter such as \"B\", not ") + TypeName(value));
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
    const TextPosition at = positions_.At(verify_path);
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

  JsonPositions positions_;
  std::string file_;
};

// The error text of an nlohmann parse error without its "[json.exception...] parse error at
// line L, column C: " prefix.
std::string ParseErrorText(const json::parse_error& e) {
  std::string what = e.what();
  auto colon = what.find(": ", what.find("column"));
  if (colon != std::string::npos) what = what.substr(colon + 2);
  // "; last read: '...'" repeats the text with escapes such as <U+000A>: the position says more.
  auto last_read = what.find("; last read: ");
  if (last_read != std::string::npos) {
    auto rest = what.find("'; ", last_read);
    what = what.substr(0, last_read) +
           (rest == std::string::npos ? std::string() : "; " + what.substr(rest + 3));
  }
  auto prefix = what.find("] ");
  if (what.rfind("[json.exception", 0) == 0 && prefix != std::string::npos) {
    what = what.substr(prefix + 2);
  }
  return what;
}

// Where the first number too large for a double is (outside strings); 1:1 if none is found.
TextPosition FirstHugeNumber(std::string_view text) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < text.size() && std::string_view("+-.eE0123456789").find(text[end]) !=
                                      std::string_view::npos) {
        ++end;
      }
      const std::string number(text.substr(i, end - i));
      if (std::isinf(std::strtod(number.c_str(), nullptr))) return PositionOfOffset(text, i);
      i = end - 1;
    }
  }
  return {};
}

}  // namespace

QuizLoad ParseQuiz(std::string_view text, const std::string& path) {
  // Most files are clean, and for them a document is waste: see quiz_clean_parser.cpp.
  if (auto quiz = ParseCleanQuiz(text, path)) return QuizLoad{std::move(quiz), {}};
  return CheckQuizText(text, path);
}

QuizLoad CheckQuizText(std::string_view text, const std::string& path) {
  QuizLoad load;
  auto fail = [&](TextPosition at, std::string message) {
    load.problems.push_back(QuizProblem{path, at.line, at.column, "", std::move(message)});
    return load;
  };
  if (text.size() > kMaxQuizFileBytes) {
    return fail({}, "the file is " + std::to_string(text.size()) + " bytes; at most " +
                        std::to_string(kMaxQuizFileBytes) + " are allowed");
  }
  if (NestingDepth(text, kMaxQuizNesting) > kMaxQuizNesting) {
    return fail({}, "nesting is deeper than " + std::to_string(kMaxQuizNesting) + " levels");
  }
  // A UTF-8 byte order mark is invisible in editors: positions are counted after it.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    return fail(PositionOfOffset(text, offset), "invalid JSON: " + ParseErrorText(e));
  } catch (const json::exception& e) {  // e.g. a number too large for a double (1e400)
    std::string what = e.what();
    auto prefix = what.find("] ");
    return fail(FirstHugeNumber(text),
                "invalid JSON: " + (prefix == std::string::npos ? what : what.substr(prefix + 2)));
  }
  QuizChecker checker(text, path);
  load.quiz = checker.Check(root);
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
