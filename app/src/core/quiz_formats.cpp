#include "core/quiz_formats.h"

// Contents:
//   shared helpers      — lines, trimming, ids, the checks every imported question must pass
//   Aiken import        — a line-by-line state machine
//   GIFT import         — blank-line separated blocks, each parsed as "::title:: text { answers }"
//   export              — Aiken and GIFT text
//   QuizToJson          — a quiz file (format 1) that ParseQuiz loads back unchanged

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/quiz_loader.h"

namespace stagecraft::core {

namespace {

constexpr std::size_t kMaxOptions = 6;
constexpr std::size_t kMaxPrompt = 4000;
constexpr std::size_t kMaxTitle = 200;

// ---------------------------------------------------------------------------------------------
// Shared helpers

// The lines of `text` without their line endings (\n, \r\n or \r) and without a leading BOM.
std::vector<std::string_view> SplitLines(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// Characters (UTF-8 code points), which is what the quiz format's limits count.
std::size_t CharCount(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string Quoted(std::string_view text) {
  constexpr std::size_t kShown = 60;
  std::string shown(text.substr(0, kShown));
  if (text.size() > kShown) shown += "...";
  return "\"" + shown + "\"";
}

QuizProblem Problem(const std::string& file, int line, std::string message) {
  return QuizProblem{file, line, 1, "", std::move(message)};
}

// `text` made into an id: lowercase, each run of characters other than [a-z0-9_-] becomes one
// '-' (dropped at either end), at most `max_length` characters. Valid lowercase ids are kept as
// they are, so an exported ::id:: imports back to the same id.
std::string SanitizeId(std::string_view text, std::size_t max_length = 64) {
  std::string out;
  bool pending_dash = false;
  for (char raw : text) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(raw)));
    const bool valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!valid) {
      pending_dash = !out.empty();
      continue;
    }
    if (pending_dash) out += '-';
    pending_dash = false;
    out += c;
  }
  if (out.size() > max_length) out.resize(max_length);
  return out;
}

// Hands out unique question ids: a taken id gets -2, -3, ...
class IdMaker {
 public:
  std::string Take(std::string_view wanted, const std::string& fallback) {
    std::string base = SanitizeId(wanted, 58);  // room for a "-NNNNN" suffix
    if (base.empty()) base = fallback;
    std::string id = base;
    for (int n = 2; used_.count(id) != 0; ++n) id = base + "-" + std::to_string(n);
    used_.insert(id);
    return id;
  }

 private:
  std::set<std::string> used_;
};

// A new quiz named after `path`: "quizzes/stages.txt" -> id "stages", title and topic "stages".
Quiz NewQuiz(const std::string& path) {
  Quiz quiz;
  quiz.path = path;
  std::string stem = std::filesystem::path(path).stem().string();
  quiz.id = SanitizeId(stem);
  if (quiz.id.empty()) quiz.id = "quiz";
  std::string title(Trim(stem));
  if (title.empty()) title = quiz.id;
  // At most kMaxTitle characters, cut before a character starts (never inside one).
  std::size_t characters = 0;
  for (std::size_t i = 0; i < title.size(); ++i) {
    if ((static_cast<unsigned char>(title[i]) & 0xC0) != 0x80 && ++characters > kMaxTitle) {
      title.resize(i);
      break;
    }
  }
  quiz.title = title;
  quiz.topic = title;
  return quiz;
}

// The quiz-format rules an imported question must meet beyond what each format's parser checks:
// prompt and option lengths, non-empty and distinct option texts. `option_lines[i]` is where
// option i is written. Returns whether the question passed.
bool CheckImported(const Question& question, int question_line, const std::vector<int>& option_lines,
                   const std::string& file, std::vector<QuizProblem>& problems) {
  const std::size_t before = problems.size();
  if (Trim(question.prompt).empty()) {
    problems.push_back(Problem(file, question_line, "the question has no text"));
  } else if (CharCount(question.prompt) > kMaxPrompt) {
    problems.push_back(Problem(file, question_line,
                               "the question's text is " + std::to_string(CharCount(question.prompt)) +
                                   " characters long; at most " + std::to_string(kMaxPrompt) +
                                   " are allowed"));
  }
  for (std::size_t i = 0; i < question.options.size(); ++i) {
    const QuizOption& option = question.options[i];
    const int line = option_lines[i];
    const std::string letter = OptionLetter(static_cast<int>(i));
    if (option.text.empty()) {
      problems.push_back(Problem(file, line, "option " + letter + " has no text"));
    } else if (CharCount(option.text) > kMaxQuizString || CharCount(option.feedback) > kMaxQuizString) {
      problems.push_back(Problem(file, line, "option " + letter + " is longer than " +
                                                 std::to_string(kMaxQuizString) + " characters"));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (!option.text.empty() && question.options[j].text == option.text) {
        problems.push_back(Problem(file, line, "option " + letter + " repeats the text of option " +
                                                   OptionLetter(static_cast<int>(j)) + ": " +
                                                   Quoted(option.text)));
        break;
      }
    }
  }
  return problems.size() == before;
}

// The end of every import: no questions is a problem; the quiz is given when `usable`.
QuizImport Finish(Quiz quiz, std::vector<QuizProblem> problems, bool usable) {
  QuizImport result;
  if (quiz.questions.empty() && problems.empty()) {
    problems.push_back(Problem(quiz.path, 1, "the file holds no questions"));
  }
  if (usable && !quiz.questions.empty()) result.quiz = std::move(quiz);
  result.problems = std::move(problems);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Aiken

// "B. text" or "B) text": the letter and the text; nullopt for other lines.
struct AikenOption {
  char letter;
  std::string_view text;
};
std::optional<AikenOption> AikenOptionLine(std::string_view line) {
  if (line.size() < 2 || line[0] < 'A' || line[0] > 'Z' || (line[1] != '.' && line[1] != ')')) {
    return std::nullopt;
  }
  if (line.size() > 2 && line[2] != ' ' && line[2] != '\t') return std::nullopt;
  return AikenOption{line[0], Trim(line.substr(2))};
}

// The value of an "ANSWER: X" line (keyword in any case); nullopt for other lines.
std::optional<std::string_view> AikenAnswerLine(std::string_view line) {
  if (!StartsWithNoCase(line, "answer")) return std::nullopt;
  std::string_view rest = Trim(line.substr(6));
  if (rest.empty() || rest[0] != ':') return std::nullopt;
  return Trim(rest.substr(1));
}

}  // namespace

QuizImport ImportAiken(std::string_view text, const std::string& path) {
  Quiz quiz = NewQuiz(path);
  std::vector<QuizProblem> problems;
  auto problem = [&](int line, std::string message) {
    problems.push_back(Problem(path, line, std::move(message)));
  };
  IdMaker ids;
  // kSkip: after a broken question, until the next blank line.
  enum class State { kBetween, kPrompt, kOptions, kAfterAnswer, kSkip } state = State::kBetween;
  Question question;
  int question_line = 0;
  int question_number = 0;
  std::vector<int> option_lines;

  const std::vector<std::string_view> lines = SplitLines(text);
  for (std::size_t i = 0; i <= lines.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    const std::string_view line = i < lines.size() ? Trim(lines[i]) : std::string_view();
    if (line.empty()) {  // a blank line (or the end) closes the question
      if (state == State::kPrompt) {
        problem(question_line, "the question has no options (lines starting \"A. \" or \"A) \")");
      } else if (state == State::kOptions) {
        problem(question_line, "the question has no \"ANSWER:\" line after its options");
      }
      state = State::kBetween;
      continue;
    }
    switch (state) {
      case State::kSkip:
        continue;
      case State::kAfterAnswer:
        problem(number, "text after the \"ANSWER:\" line; a blank line must end the question");
        state = State::kSkip;
        continue;
      case State::kBetween:
        if (AikenAnswerLine(line)) {
          problem(number, "an \"ANSWER:\" line without a question");
          state = State::kSkip;
        } else if (AikenOptionLine(line)) {
          problem(number, "an option line before any question text");
          state = State::kSkip;
        } else {
          question = Question{};
          option_lines.clear();
          question.prompt = std::string(line);
          question_line = number;
          ++question_number;
          state = State::kPrompt;
        }
        continue;
      case State::kPrompt:
      case State::kOptions:
        break;
    }
    if (auto answer = AikenAnswerLine(line)) {
      state = State::kSkip;
      const std::size_t count = question.options.size();
      if (count < 2) {
        problem(question_line, "the question has " + std::to_string(count) +
                                   (count == 1 ? " option" : " options") +
                                   "; a question needs 2 to 6");
        continue;
      }
      const char letter = answer->size() == 1
                              ? static_cast<char>(std::toupper(static_cast<unsigned char>((*answer)[0])))
                              : '\0';
      if (letter < 'A' || letter > 'Z') {
        problem(number, "\"ANSWER:\" must be followed by one letter, not " + Quoted(*answer));
        continue;
      }
      const std::size_t index = static_cast<std::size_t>(letter - 'A');
      if (index >= count) {
        problem(number, "the answer " + std::string(1, letter) + " is not an option (A-" +
                            OptionLetter(static_cast<int>(count) - 1) + ")");
        continue;
      }
      question.answers = {static_cast<int>(index)};
      question.id = ids.Take("", "q" + std::to_string(question_number));
      question.level = Level::kMedium;
      question.topic = quiz.topic;
      if (CheckImported(question, question_line, option_lines, path, problems)) {
        question.index_in_file = quiz.questions.size();
        quiz.questions.push_back(std::move(question));
        state = State::kAfterAnswer;
      }
    } else if (auto option = AikenOptionLine(line)) {
      const std::size_t expected = question.options.size();
      if (option->letter != 'A' + static_cast<int>(expected)) {
        problem(number, std::string("option ") + option->letter + " is out of order: expected " +
                            OptionLetter(static_cast<int>(expected)));
        state = State::kSkip;
      } else if (expected == kMaxOptions) {
        problem(number, "more than 6 options; a question needs 2 to 6");
        state = State::kSkip;
      } else {
        question.options.push_back(QuizOption{std::string(option->text), ""});
        option_lines.push_back(number);
        state = State::kOptions;
      }
    } else if (state == State::kPrompt) {
      question.prompt += '\n';
      question.prompt += line;
    } else {
      problem(number, "expected option " + OptionLetter(static_cast<int>(question.options.size())) +
                          " or an \"ANSWER:\" line, not " + Quoted(line));
      state = State::kSkip;
    }
  }
  const bool usable = problems.empty();
  return Finish(std::move(quiz), std::move(problems), usable);
}

// ---------------------------------------------------------------------------------------------
// GIFT

namespace {

// Where `target` first occurs in `text` from `from` outside a \-escape; npos if nowhere.
std::size_t FindUnescaped(std::string_view text, std::string_view target, std::size_t from = 0) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text.substr(i, target.size()) == target) return i;
  }
  return std::string_view::npos;
}

// Undoes GIFT's escapes: \~ \= \# \{ \} \: \\ give the character, \n a line break; any other
// backslash is kept as written.
std::string Unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[i + 1];
      if (std::string_view("~=#{}:\\").find(next) != std::string_view::npos) {
        out += next;
        ++i;
        continue;
      }
      if (next == 'n') {
        out += '\n';
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// Drops a leading [html], [markdown], [plain] or [moodle] format marker.
std::string_view StripFormatMarker(std::string_view text) {
  text = Trim(text);
  for (std::string_view marker : {"[html]", "[markdown]", "[plain]", "[moodle]"}) {
    if (StartsWithNoCase(text, marker)) return Trim(text.substr(marker.size()));
  }
  return text;
}

std::string GiftText(std::string_view raw) { return std::string(Trim(Unescape(StripFormatMarker(raw)))); }

// One question's text (lines joined with \n) and where each of its lines starts.
struct GiftBlock {
  std::string text;
  std::vector<std::pair<std::size_t, int>> line_starts;  // offset in text, source line
  int LineAt(std::size_t offset) const {
    int line = line_starts.front().second;
    for (const auto& [start, number] : line_starts) {
      if (start > offset) break;
      line = number;
    }
    return line;
  }
};

std::vector<GiftBlock> SplitGiftBlocks(std::string_view text) {
  std::vector<GiftBlock> blocks;
  bool open = false;
  const std::vector<std::string_view> lines = SplitLines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view trimmed = Trim(lines[i]);
    if (trimmed.empty()) {
      open = false;
      continue;
    }
    if (trimmed.substr(0, 2) == "//" || StartsWithNoCase(trimmed, "$CATEGORY:")) continue;
    if (!open) blocks.emplace_back();
    GiftBlock& block = blocks.back();
    if (open) block.text += '\n';
    block.line_starts.emplace_back(block.text.size(), static_cast<int>(i) + 1);
    block.text += lines[i];
    open = true;
  }
  return blocks;
}

struct GiftOption {
  char mark;                    // '=' or '~'
  std::optional<double> weight;  // %N%
  std::string text, feedback;
  std::size_t offset;  // in the block
};

// What kind of non-multiple-choice question an answer block is; empty for multiple choice.
std::string NonMultipleChoiceKind(std::string_view answers, const std::vector<GiftOption>& options) {
  const std::string_view trimmed = Trim(answers);
  if (trimmed.empty()) return "an essay question";
  if (trimmed[0] == '#') return "a numerical question";
  std::string head(Trim(trimmed.substr(0, FindUnescaped(trimmed, "#"))));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (head == "T" || head == "F" || head == "TRUE" || head == "FALSE") {
    return "a true/false question";
  }
  const bool any_wrong = std::any_of(options.begin(), options.end(),
                                     [](const GiftOption& o) { return o.mark == '~'; });
  if (!any_wrong && FindUnescaped(trimmed, "->") != std::string_view::npos) {
    return "a matching question";
  }
  if (!any_wrong) return "a short-answer question";
  return "";
}

class GiftParser {
 public:
  GiftParser(const std::string& path, std::vector<QuizProblem>& problems)
      : path_(path), problems_(problems) {}

  bool fatal = false;  // a problem other than a skipped non-multiple-choice question

  // The question in `block`, or nullopt with its problems reported.
  std::optional<Question> Parse(const GiftBlock& block, int number, IdMaker& ids) {
    const std::string_view text = block.text;
    const int first_line = block.line_starts.front().second;
    std::size_t at = 0;
    while (at < text.size() && IsSpace(text[at])) ++at;
    std::string title;
    if (text.substr(at, 2) == "::") {
      const std::size_t end = FindUnescaped(text, "::", at + 2);
      if (end == std::string_view::npos) return Fail(first_line, "a \"::title\" without its closing \"::\"");
      title = std::string(Trim(Unescape(text.substr(at + 2, end - at - 2))));
      at = end + 2;
    }
    const std::size_t open = FindUnescaped(text, "{", at);
    if (open == std::string_view::npos) {
      return Skip(first_line, "this has no { } answers");
    }
    const std::size_t close = FindUnescaped(text, "}", open + 1);
    if (close == std::string_view::npos) {
      return Fail(block.LineAt(open), "a \"{\" without its closing \"}\"");
    }
    if (FindUnescaped(text, "{", close + 1) != std::string_view::npos) {
      return Fail(block.LineAt(close), "more than one { } answer block in one question");
    }

    Question question;
    std::string prompt = GiftText(text.substr(at, open - at));
    const std::string tail = GiftText(text.substr(close + 1));
    if (!tail.empty()) prompt += (prompt.empty() ? "" : " ") + std::string("_____ ") + tail;  // missing word
    question.prompt = std::move(prompt);

    // The answers, without a "####general feedback" (not kept: the quiz format has no place).
    std::string_view answers = text.substr(open + 1, close - open - 1);
    const std::size_t general = FindUnescaped(answers, "####");
    if (general != std::string_view::npos) answers = answers.substr(0, general);

    std::vector<GiftOption> options;
    std::size_t before_first = std::string_view::npos;
    for (std::size_t i = 0; i <= answers.size(); ++i) {
      if (i < answers.size() && answers[i] == '\\') {
        ++i;
        continue;
      }
      if (i < answers.size() && answers[i] != '=' && answers[i] != '~') continue;
      if (before_first == std::string_view::npos) before_first = i;
      if (!options.empty()) {  // closes the option before
        GiftOption& last = options.back();
        const std::size_t start = last.offset + 1;
        if (!ReadOption(answers.substr(start, i - start), last, block, open + 1)) return std::nullopt;
      }
      if (i < answers.size()) options.push_back(GiftOption{answers[i], std::nullopt, "", "", i});
    }
    const std::string kind = NonMultipleChoiceKind(answers, options);
    if (!kind.empty()) return Skip(first_line, "this is " + kind);
    if (!Trim(answers.substr(0, before_first)).empty()) {
      return Fail(block.LineAt(open), "text before the first \"=\" or \"~\" answer: " +
                                          Quoted(Trim(answers.substr(0, before_first))));
    }
    if (options.size() < 2 || options.size() > kMaxOptions) {
      return Fail(first_line, "the question has " + std::to_string(options.size()) +
                                  " options; a question needs 2 to 6");
    }

    const bool weighted_right = std::any_of(options.begin(), options.end(), [](const GiftOption& o) {
      return o.mark == '~' && o.weight && *o.weight > 0;
    });
    std::vector<int> option_lines;
    int equals = 0;
    for (std::size_t i = 0; i < options.size(); ++i) {
      const GiftOption& option = options[i];
      const bool right = option.mark == '=' || (option.weight && *option.weight > 0);
      if (option.mark == '=') ++equals;
      if (right) question.answers.push_back(static_cast<int>(i));
      question.options.push_back(QuizOption{option.text, option.feedback});
      option_lines.push_back(block.LineAt(open + 1 + option.offset));
    }
    if (question.answers.empty()) {
      return Fail(first_line, "no right answer: mark it with \"=\" (or \"~%N%\" with N above 0)");
    }
    if (equals > 1 && !weighted_right) {
      return Fail(first_line, std::to_string(equals) +
                                  " answers marked \"=\": a question has one; mark several right "
                                  "answers with \"~%N%\" weights");
    }
    question.multiple = weighted_right;
    question.id = ids.Take(title, "q" + std::to_string(number));
    question.level = Level::kMedium;
    if (!CheckImported(question, first_line, option_lines, path_, problems_)) {
      fatal = true;
      return std::nullopt;
    }
    return question;
  }

 private:
  // Fills `option`'s weight, text and feedback from `raw` (what follows its = or ~).
  bool ReadOption(std::string_view raw, GiftOption& option, const GiftBlock& block,
                  std::size_t answers_offset) {
    std::string_view rest = Trim(raw);
    if (!rest.empty() && rest[0] == '%') {
      const std::size_t end = rest.find('%', 1);
      const std::string number(rest.substr(1, end == std::string_view::npos ? 0 : end - 1));
      char* parsed_end = nullptr;
      const double weight = std::strtod(number.c_str(), &parsed_end);
      if (end == std::string_view::npos || number.empty() ||
          parsed_end != number.c_str() + number.size()) {
        Fail(block.LineAt(answers_offset + option.offset),
             "a weight must be a number between % signs, as in ~%50%");
        return false;
      }
      option.weight = weight;
      rest = rest.substr(end + 1);
    }
    const std::size_t hash = FindUnescaped(rest, "#");
    option.text = GiftText(rest.substr(0, hash));
    if (hash != std::string_view::npos) option.feedback = GiftText(rest.substr(hash + 1));
    return true;
  }

  std::optional<Question> Fail(int line, std::string message) {
    problems_.push_back(Problem(path_, line, std::move(message)));
    fatal = true;
    return std::nullopt;
  }
  std::optional<Question> Skip(int line, const std::string& why) {
    problems_.push_back(
        Problem(path_, line, "only multiple-choice questions can be imported (" + why + ")"));
    return std::nullopt;
  }

  const std::string& path_;
  std::vector<QuizProblem>& problems_;
};

}  // namespace

QuizImport ImportGift(std::string_view text, const std::string& path) {
  Quiz quiz = NewQuiz(path);
  std::vector<QuizProblem> problems;
  GiftParser parser(path, problems);
  IdMaker ids;
  int number = 0;
  for (const GiftBlock& block : SplitGiftBlocks(text)) {
    ++number;
    if (auto question = parser.Parse(block, number, ids)) {
      question->topic = quiz.topic;
      question->index_in_file = quiz.questions.size();
      quiz.questions.push_back(std::move(*question));
    }
  }
  // Skipped non-multiple-choice questions are reported, and the others still make a quiz.
  return Finish(std::move(quiz), std::move(problems), !parser.fatal);
}

// ---------------------------------------------------------------------------------------------
// Export

namespace {

QuizProblem ExportProblem(const Quiz& quiz, std::size_t index, std::string message) {
  return QuizProblem{quiz.path, 0, 0, "questions[" + std::to_string(index) + "]",
                     std::move(message)};
}

// `text` on one line: line breaks become spaces.
std::string OneLine(std::string_view text) {
  std::string out;
  for (std::string_view line : SplitLines(text)) {
    line = Trim(line);
    if (line.empty()) continue;
    if (!out.empty()) out += ' ';
    out += line;
  }
  return out;
}

std::string GiftEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') continue;
    if (std::string_view("~=#{}:\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// 100 / parts as Moodle writes grades: 50, 33.33333, 25, 16.66667.
std::string Weight(std::size_t parts) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.5f", 100.0 / static_cast<double>(parts));
  std::string out = buffer;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

QuizExport ExportAiken(const Quiz& quiz) {
  QuizExport out;
  for (std::size_t i = 0; i < quiz.questions.size(); ++i) {
    const Question& question = quiz.questions[i];
    if (question.multiple || question.answers.size() != 1) {
      out.problems.push_back(ExportProblem(
          quiz, i, "question \"" + question.id +
                       "\" is select-all-that-apply, which Aiken cannot say; it was left out"));
      continue;
    }
    // Prompt lines that Aiken would read as options or as the answer cannot be written.
    std::string prompt;
    bool readable = true;
    for (std::string_view line : SplitLines(question.prompt)) {
      line = Trim(line);
      if (line.empty()) continue;  // a blank line would end the question
      if (AikenOptionLine(line) || AikenAnswerLine(line)) readable = false;
      prompt += std::string(line) + "\n";
    }
    if (!readable) {
      out.problems.push_back(ExportProblem(
          quiz, i, "question \"" + question.id +
                       "\" has a line that Aiken would read as an option or answer; it was left out"));
      continue;
    }
    out.text += prompt;
    for (std::size_t o = 0; o < question.options.size(); ++o) {
      out.text += OptionLetter(static_cast<int>(o)) + ". " + OneLine(question.options[o].text) + "\n";
    }
    out.text += "ANSWER: " + OptionLetter(question.answers.front()) + "\n\n";
  }
  return out;
}

QuizExport ExportGift(const Quiz& quiz) {
  QuizExport out;
  out.text = "// " + OneLine(quiz.title) + " (quiz " + quiz.id + ")\n\n";
  for (const Question& question : quiz.questions) {
    out.text += "::" + question.id + ":: " + GiftEscape(question.prompt) + " {\n";
    const std::size_t right = question.answers.size();
    for (std::size_t o = 0; o < question.options.size(); ++o) {
      const bool is_right = std::find(question.answers.begin(), question.answers.end(),
                                      static_cast<int>(o)) != question.answers.end();
      const QuizOption& option = question.options[o];
      std::string mark;
      if (question.multiple) {
        mark = is_right ? "~%" + Weight(right) + "%" : "~%-100%";
      } else {
        mark = is_right ? "=" : "~";
      }
      out.text += "\t" + mark + GiftEscape(option.text);
      if (!option.feedback.empty()) out.text += "#" + GiftEscape(option.feedback);
      out.text += "\n";
    }
    out.text += "}\n\n";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// QuizToJson

std::string QuizToJson(const Quiz& quiz) {
  using nlohmann::ordered_json;
  ordered_json root;
  root["$schema"] = "./quiz.schema.json";
  root["format"] = 1;
  root["id"] = quiz.id;
  root["title"] = quiz.title;
  root["topic"] = quiz.topic;
  ordered_json questions = ordered_json::array();
  for (const Question& question : quiz.questions) {
    ordered_json q;
    q["id"] = question.id;
    q["level"] = LevelName(question.level);
    if (question.topic != quiz.topic) q["topic"] = question.topic;
    q["prompt"] = question.prompt;
    if (!question.code.empty()) q["code"] = question.code;
    ordered_json options = ordered_json::array();
    for (const QuizOption& option : question.options) {
      if (option.feedback.empty()) {
        options.push_back(option.text);
      } else {
        options.push_back(ordered_json{{"text", option.text}, {"feedback", option.feedback}});
      }
    }
    q["options"] = std::move(options);
    if (question.multiple) {
      ordered_json answers = ordered_json::array();
      for (int index : question.answers) answers.push_back(OptionLetter(index));
      q["answer"] = std::move(answers);
    } else {
      q["answer"] = question.answers.empty() ? std::string() : OptionLetter(question.answers.front());
    }
    if (!question.hint.empty()) q["hint"] = question.hint;
    if (!question.solution.empty()) q["solution"] = question.solution;
    if (!question.mistakes.empty()) q["mistakes"] = question.mistakes;
    if (!question.tags.empty()) q["tags"] = question.tags;
    if (question.verify) {
      const VerifyBlock& verify = *question.verify;
      ordered_json v;
      v["setup"] = verify.setup;
      switch (verify.check) {
        case VerifyBlock::Check::kStage:
          v["check"] = "stage";
          v["model"] = verify.model;
          v["version"] = verify.version;
          break;
        case VerifyBlock::Check::kFailingOptions: v["check"] = "failing-options"; break;
        case VerifyBlock::Check::kSucceedingOptions: v["check"] = "succeeding-options"; break;
      }
      q["verify"] = std::move(v);
    }
    questions.push_back(std::move(q));
  }
  root["questions"] = std::move(questions);
  return root.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace stagecraft::core
