// ParseCleanQuiz: ParseQuiz's fast path, for the common case of a file with no problem.
//
// nlohmann/json's document of a 10,000-question bank (3.8 MB) takes about 35 ms to build and
// 25 ms to free, and reading the quiz out of it nearly as long again; the parser's events alone
// take about 25 ms (BENCHMARKS.md). So this builds the Quiz straight from those events (nlohmann's
// SAX interface: the syntax accepted stays nlohmann's), and gives up at the first thing that is
// not clean: a syntax error, an unknown member, a value of the wrong type, a broken rule.
// ParseQuiz then runs CheckQuizText, the one place where problems are found, worded and placed.
//
// The contract: whenever this gives a quiz, CheckQuizText gives the same quiz and no problems
// (quiz_loader_test.cpp holds the two paths to it). Where following the checker exactly would
// take much code for a rare case, this gives up instead, which costs time, never correctness:
// a member given twice (the document keeps the last one) is the only such case.
//
// Each value is checked where it is read (string(), number_unsigned(), ... switch on its slot);
// the rules across the members of an object (required members, answers against options, the
// model and version a stage check needs) where the object ends (Finish...()). The rules
// themselves are quiz_rules.h's, shared with the checker.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_positions.h"
#include "core/quiz_loader.h"
#include "core/quiz_rules.h"

namespace stagecraft::core {
namespace {

using nlohmann::json;
using quiz_rules::IsIdentifier;
using quiz_rules::kMaxOptions;
using quiz_rules::kMaxTitle;
using quiz_rules::TooLong;

// Every place a value can take in a clean quiz file: a member's slot is named after its object
// and its name, an element's after its array.
enum class Slot : std::uint8_t {
  kQuiz,  // the root
  // the quiz's members
  kSchema, kFormat, kQuizId, kTitle, kQuizTopic, kQuestions,
  kQuestion,  // an element of "questions"
  // a question's members
  kId, kLevel, kTopic, kPrompt, kCode, kOptions, kAnswer, kHint, kSolution, kMistakes, kTags,
  kVerify,
  kOption,                 // an element of "options"
  kOptionText, kFeedback,  // an option object's members
  kLetter,                 // an element of an answer array
  kString,                 // an element of solution, mistakes, tags or setup
  // a verify block's members
  kSetup, kCheck, kModel, kVersion, kAfterStep,
  kComment,  // "$comment", in any object: a note for authors, never read
  kUnread,   // anything inside a value nothing reads ($schema's, $comment's)
};

using SlotSet = std::uint64_t;
constexpr SlotSet Bit(Slot slot) { return SlotSet{1} << static_cast<int>(slot); }

struct Member {
  std::string_view name;
  Slot slot;
};

constexpr Member kQuizMembers[] = {
    {"$schema", Slot::kSchema}, {"format", Slot::kFormat},      {"id", Slot::kQuizId},
    {"title", Slot::kTitle},    {"topic", Slot::kQuizTopic},    {"questions", Slot::kQuestions},
    {"$comment", Slot::kComment}};
constexpr Member kQuestionMembers[] = {
    {"id", Slot::kId},             {"level", Slot::kLevel},       {"topic", Slot::kTopic},
    {"prompt", Slot::kPrompt},     {"code", Slot::kCode},         {"options", Slot::kOptions},
    {"answer", Slot::kAnswer},     {"hint", Slot::kHint},         {"solution", Slot::kSolution},
    {"mistakes", Slot::kMistakes}, {"tags", Slot::kTags},         {"verify", Slot::kVerify},
    {"$comment", Slot::kComment}};
constexpr Member kOptionMembers[] = {
    {"text", Slot::kOptionText}, {"feedback", Slot::kFeedback}, {"$comment", Slot::kComment}};
constexpr Member kVerifyMembers[] = {
    {"setup", Slot::kSetup},     {"check", Slot::kCheck},       {"model", Slot::kModel},
    {"version", Slot::kVersion}, {"after-step", Slot::kAfterStep}, {"$comment", Slot::kComment}};

constexpr SlotSet kQuizRequired = Bit(Slot::kFormat) | Bit(Slot::kQuizId) | Bit(Slot::kTitle) |
                                  Bit(Slot::kQuizTopic) | Bit(Slot::kQuestions);
constexpr SlotSet kQuestionRequired = Bit(Slot::kId) | Bit(Slot::kLevel) | Bit(Slot::kPrompt) |
                                      Bit(Slot::kOptions) | Bit(Slot::kAnswer);

// The slot of member `name` of an object in `object`; nullopt for a member the format lacks.
std::optional<Slot> MemberSlot(Slot object, std::string_view name) {
  auto find = [&](const auto& members) -> std::optional<Slot> {
    for (const Member& member : members) {
      if (member.name == name) return member.slot;
    }
    return std::nullopt;
  };
  switch (object) {
    case Slot::kQuiz: return find(kQuizMembers);
    case Slot::kQuestion: return find(kQuestionMembers);
    case Slot::kOption: return find(kOptionMembers);
    case Slot::kVerify: return find(kVerifyMembers);
    default: return std::nullopt;
  }
}

bool NonEmptyWithin(std::string_view text, std::size_t max_chars) {
  return !text.empty() && !TooLong(text, max_chars);
}

// Receives nlohmann/json's SAX events and fills `quiz`. Each event returns false, which stops
// the parser, at the first thing that is not clean.
class CleanQuizBuilder {
 public:
  explicit CleanQuizBuilder(Quiz& quiz) : quiz_(quiz) { open_.reserve(8); }

  bool start_object(std::size_t /*elements*/) {
    const Slot slot = Next();
    switch (slot) {
      case Slot::kQuiz:
        break;
      case Slot::kQuestion:
        if (quiz_.questions.size() == kMaxQuestions) return false;
        quiz_.questions.emplace_back();
        question().index_in_file = quiz_.questions.size() - 1;
        break;
      case Slot::kOption:
        if (question().options.size() == kMaxOptions) return false;
        question().options.emplace_back();
        break;
      case Slot::kVerify:
        question().verify.emplace();
        break;
      default:
        return Unread(slot) && Push(Slot::kUnread, Slot::kUnread);
    }
    return Push(slot, Slot::kUnread);  // its members' slots come with their keys
  }

  bool key(std::string& name) {
    Container& object = open_.back();
    if (object.slot == Slot::kUnread) return true;
    const std::optional<Slot> member = MemberSlot(object.slot, name);
    if (!member || (object.seen & Bit(*member)) != 0) return false;  // unknown, or given twice
    object.seen |= Bit(*member);
    object.member = *member;
    return true;
  }

  bool end_object() {
    const Container object = open_.back();
    open_.pop_back();
    switch (object.slot) {
      case Slot::kQuiz: return FinishQuiz(object.seen);
      case Slot::kQuestion: return FinishQuestion(object.seen);
      case Slot::kOption: return (object.seen & Bit(Slot::kOptionText)) != 0;
      case Slot::kVerify: return FinishVerify(object.seen);
      default: return true;
    }
  }

  bool start_array(std::size_t /*elements*/) {
    const Slot slot = Next();
    switch (slot) {
      case Slot::kQuestions: return Push(slot, Slot::kQuestion);
      case Slot::kOptions: return Push(slot, Slot::kOption);
      case Slot::kAnswer:
        question().multiple = true;
        return Push(slot, Slot::kLetter);
      case Slot::kSolution: return PushStrings(slot, question().solution);
      case Slot::kMistakes: return PushStrings(slot, question().mistakes);
      case Slot::kTags: return PushStrings(slot, question().tags);
      case Slot::kSetup: return PushStrings(slot, question().verify->setup);
      default: return Unread(slot) && Push(Slot::kUnread, Slot::kUnread);
    }
  }

  bool end_array() {
    open_.pop_back();
    return true;
  }

  bool string(std::string& value) {
    const Slot slot = Next();
    switch (slot) {
      case Slot::kQuizId: quiz_.id = value; return IsIdentifier(value);
      case Slot::kTitle: quiz_.title = value; return NonEmptyWithin(value, kMaxTitle);
      case Slot::kQuizTopic: quiz_.topic = value; return NonEmptyWithin(value, kMaxTitle);
      case Slot::kId: question().id = value; return IsIdentifier(value);
      case Slot::kLevel: {
        const auto level = quiz_rules::LevelNamed(value);
        if (level) question().level = *level;
        return level.has_value();
      }
      // Left empty, the topic becomes the quiz's once the whole file is read.
      case Slot::kTopic: question().topic = value; return NonEmptyWithin(value, kMaxTitle);
      case Slot::kPrompt:
        question().prompt = value;
        return NonEmptyWithin(value, quiz_rules::kMaxPrompt);
      case Slot::kCode: question().code = value; return !TooLong(value, kMaxQuizString);
      case Slot::kHint: question().hint = value; return !TooLong(value, kMaxQuizString);
      case Slot::kOption:
        if (question().options.size() == kMaxOptions) return false;
        question().options.push_back(QuizOption{value, ""});
        return NonEmptyWithin(value, kMaxQuizString);
      case Slot::kOptionText:
        question().options.back().text = value;
        return NonEmptyWithin(value, kMaxQuizString);
      case Slot::kFeedback:
        question().options.back().feedback = value;
        return !TooLong(value, kMaxQuizString);
      case Slot::kAnswer:
      case Slot::kLetter: {
        // Checked against the options, which may come later, when the question ends.
        const auto index = quiz_rules::OptionIndex(value, kMaxOptions);
        if (index) question().answers.push_back(*index);
        return index.has_value();
      }
      case Slot::kString: strings_->push_back(value); return !TooLong(value, kMaxQuizString);
      case Slot::kCheck: return SetCheck(value);
      case Slot::kModel: question().verify->model = value; return true;
      default: return Unread(slot);
    }
  }

  bool number_unsigned(json::number_unsigned_t value) {  // the parser's non-negative integers
    const Slot slot = Next();
    switch (slot) {
      case Slot::kFormat: return value == 1;
      case Slot::kAfterStep:
        if (value < 1 || value > static_cast<std::uint64_t>(quiz_rules::kMaxAfterStep)) {
          return false;
        }
        question().verify->after_step = static_cast<int>(value);
        return true;
      case Slot::kVersion:  // left 0 unless from 1 up; only a stage check needs one
        if (value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
          question().verify->version = static_cast<std::int64_t>(value);
        }
        return true;
      default: return Unread(slot);
    }
  }

  bool number_integer(json::number_integer_t value) {  // the parser's negative integers
    const Slot slot = Next();
    switch (slot) {
      case Slot::kFormat: return value == 1;
      case Slot::kAfterStep: return false;  // from 1 up
      default: return Unread(slot);         // a version is left 0, as is one not whole
    }
  }

  bool number_float(json::number_float_t value, const std::string& /*text*/) {
    const Slot slot = Next();
    // The checker compares the number: 1.0 is format 1 too. after-step and version are whole
    // numbers (a version that is not is left 0).
    if (slot == Slot::kFormat) return value == 1.0;
    return Unread(slot);
  }

  bool boolean(bool /*value*/) { return Unread(Next()); }
  bool null() { return Unread(Next()); }
  bool binary(json::binary_t& /*value*/) { return false; }  // not in JSON text
  bool parse_error(std::size_t /*byte*/, const std::string& /*token*/,
                   const json::exception& /*error*/) {
    return false;
  }

 private:
  // An array or object being read.
  struct Container {
    Slot slot;         // its own
    Slot member;       // an object's member being read; an array's elements' slot
    SlotSet seen = 0;  // an object's members so far
  };

  // The slot of the value that comes next.
  Slot Next() const { return open_.empty() ? Slot::kQuiz : open_.back().member; }

  Question& question() { return quiz_.questions.back(); }

  bool Push(Slot slot, Slot member) {
    // The checker refuses deeper nesting before parsing (only an unread value can get there).
    if (open_.size() == static_cast<std::size_t>(kMaxQuizNesting)) return false;
    open_.push_back({slot, member});
    return true;
  }

  bool PushStrings(Slot slot, std::vector<std::string>& strings) {
    strings_ = &strings;
    return Push(slot, Slot::kString);
  }

  // Whether a value in `slot` may be of any kind, and so is not read: $schema, $comment and
  // what is inside them; and a verify block's model and version, which only a stage check reads (and
  // FinishVerify then finds unset: the check may come after them).
  static bool Unread(Slot slot) {
    return slot == Slot::kSchema || slot == Slot::kComment || slot == Slot::kUnread || slot == Slot::kModel ||
           slot == Slot::kVersion;
  }

  bool SetCheck(std::string_view check) {
    VerifyBlock& verify = *question().verify;
    if (check == "stage") verify.check = VerifyBlock::Check::kStage;
    else if (check == "failing-options") verify.check = VerifyBlock::Check::kFailingOptions;
    else if (check == "succeeding-options") verify.check = VerifyBlock::Check::kSucceedingOptions;
    else return false;
    return true;
  }

  bool FinishQuiz(SlotSet seen) const {
    return (seen & kQuizRequired) == kQuizRequired && !quiz_.questions.empty();
  }

  bool FinishQuestion(SlotSet seen) {
    if ((seen & kQuestionRequired) != kQuestionRequired) return false;
    Question& q = question();
    if (q.options.size() < quiz_rules::kMinOptions) return false;  // more gave up already
    for (std::size_t i = 1; i < q.options.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (q.options[j].text == q.options[i].text) return false;
      }
    }
    // Every answer names an option, once (an empty select-all answer names none).
    std::sort(q.answers.begin(), q.answers.end());
    return !q.answers.empty() &&
           std::adjacent_find(q.answers.begin(), q.answers.end()) == q.answers.end() &&
           static_cast<std::size_t>(q.answers.back()) < q.options.size();
  }

  bool FinishVerify(SlotSet seen) {
    VerifyBlock& verify = *question().verify;
    if ((seen & Bit(Slot::kCheck)) == 0) return false;
    if (verify.check != VerifyBlock::Check::kStage) {
      verify.model.clear();  // the checker reads them only for a stage check
      verify.version = 0;
      return true;
    }
    return NonEmptyWithin(verify.model, kMaxQuizString) && verify.version >= 1;
  }

  Quiz& quiz_;
  std::vector<Container> open_;                  // the arrays and objects being read, outermost first
  std::vector<std::string>* strings_ = nullptr;  // the list a kString goes to
};

bool IdsAreUnique(const std::vector<Question>& questions) {
  std::vector<std::string_view> ids;
  ids.reserve(questions.size());
  for (const Question& question : questions) ids.push_back(question.id);
  std::sort(ids.begin(), ids.end());
  return std::adjacent_find(ids.begin(), ids.end()) == ids.end();
}

}  // namespace

std::optional<Quiz> ParseCleanQuiz(std::string_view text, const std::string& path) {
  if (text.size() > kMaxQuizFileBytes) return std::nullopt;
  // As CheckQuizText does: positions are counted after a UTF-8 byte order mark.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Quiz quiz;
  CleanQuizBuilder builder(quiz);
  if (!json::sax_parse(text, &builder) || !IdsAreUnique(quiz.questions)) return std::nullopt;

  // What needs the whole file: the quiz's topic may come after its questions, and positions
  // (looked up as the checker does: each scans the text only as far as its value).
  quiz.path = path;
  const JsonPositions positions(text);
  const TextPosition id_at = positions.At("id");
  quiz.id_line = id_at.line;
  quiz.id_column = id_at.column;
  for (Question& question : quiz.questions) {
    if (question.topic.empty()) question.topic = quiz.topic;
    if (question.verify) {
      const TextPosition at =
          positions.At(MemberPath(ElementPath("questions", question.index_in_file), "verify"));
      question.verify->line = at.line;
      question.verify->column = at.column;
    }
  }
  return quiz;
}

}  // namespace stagecraft::core
