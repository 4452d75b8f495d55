// JsonChecker: parsing a content file with limits, and reading its members with problems
// reported at their positions (quizzes and challenges share it).

#include "core/json_checker.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/quiz_rules.h"

namespace stagecraft::core {

using nlohmann::json;

namespace {

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
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < text.size() &&
             std::string_view("+-.eE0123456789").find(text[end]) != std::string_view::npos) {
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

std::optional<json> ParseJsonText(std::string_view& text, const std::string& path,
                                  std::size_t max_bytes, int max_nesting,
                                  std::vector<QuizProblem>& problems) {
  auto fail = [&](TextPosition at, std::string message) -> std::optional<json> {
    problems.push_back(QuizProblem{path, at.line, at.column, "", std::move(message)});
    return std::nullopt;
  };
  if (text.size() > max_bytes) {
    return fail({}, "the file is " + std::to_string(text.size()) + " bytes; at most " +
                        std::to_string(max_bytes) + " are allowed");
  }
  if (NestingDepth(text, max_nesting) > max_nesting) {
    return fail({}, "nesting is deeper than " + std::to_string(max_nesting) + " levels");
  }
  // A UTF-8 byte order mark is invisible in editors: positions are counted after it.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  try {
    return json::parse(text);
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
}

const char* JsonTypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "true or false";
    case json::value_t::null:
      return "null";
    default:
      return "a number";
  }
}

void JsonChecker::Report(const std::string& path, std::string message) {
  TextPosition at = positions_.At(path);
  problems.push_back(QuizProblem{file_, at.line, at.column, path, std::move(message)});
}

const json* JsonChecker::Member(const json& object, const std::string& path, const char* key,
                                bool required, json::value_t kind) {
  auto found = object.find(key);
  if (found == object.end()) {
    if (required) Report(path, std::string("missing required field \"") + key + "\"");
    return nullptr;
  }
  const bool ok =
      kind == json::value_t::number_integer ? found->is_number() : found->type() == kind;
  if (!ok) {
    const char* wanted = kind == json::value_t::string   ? "a string"
                         : kind == json::value_t::array  ? "an array"
                         : kind == json::value_t::object ? "an object"
                                                         : "a number";
    Report(MemberPath(path, key),
           std::string("must be ") + wanted + ", not " + JsonTypeName(*found));
    return nullptr;
  }
  return &*found;
}

std::string JsonChecker::Text(const json& object, const std::string& path, const char* key,
                              bool required, std::size_t min_length, std::size_t max_length) {
  const json* value = Member(object, path, key, required, json::value_t::string);
  if (value == nullptr) return "";
  const auto& text = value->get_ref<const std::string&>();
  if (text.size() < min_length) Report(MemberPath(path, key), "must not be empty");
  if (quiz_rules::TooLong(text, max_length)) {
    Report(MemberPath(path, key), "is " + std::to_string(quiz_rules::CharCount(text)) +
                                      " characters long; at most " + std::to_string(max_length) +
                                      " are allowed");
  }
  return text;
}

std::vector<std::string> JsonChecker::TextList(const json& object, const std::string& path,
                                               const char* key, std::size_t max_length) {
  std::vector<std::string> out;
  const json* list = Member(object, path, key, false, json::value_t::array);
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string item_path = ElementPath(MemberPath(path, key), i);
    if (!(*list)[i].is_string()) {
      Report(item_path, std::string("must be a string, not ") + JsonTypeName((*list)[i]));
    } else if (quiz_rules::CharCount((*list)[i].get_ref<const std::string&>()) > max_length) {
      Report(item_path, "is longer than " + std::to_string(max_length) + " characters");
    } else {
      out.push_back((*list)[i].get<std::string>());
    }
  }
  return out;
}

void JsonChecker::UnknownFields(const json& object, const std::string& path,
                                std::initializer_list<const char*> known) {
  for (const auto& [key, value] : object.items()) {
    if (std::none_of(known.begin(), known.end(),
                     [&key = key](const char* k) { return key == k; })) {
      std::string list;
      for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      Report(MemberPath(path, key), "unknown field (known: " + list + ")");
    }
  }
}

}  // namespace stagecraft::core
