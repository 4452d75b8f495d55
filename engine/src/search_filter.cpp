#include "stagecraft/engine/search_filter.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "names.h"

namespace stagecraft::engine {
namespace {

// A hand-written scanner: the language is five token kinds, and errors must name a column.
class FilterParser {
 public:
  explicit FilterParser(std::string_view text) : text_(text) {}

  Result<SearchFilter> Parse() {
    SearchFilter filter;
    SkipSpace();
    if (AtEnd()) return filter;
    while (true) {
      auto clause = ParseClause();
      if (!clause.ok()) return clause.status();
      filter.clauses.push_back(std::move(*clause));
      SkipSpace();
      if (AtEnd()) return filter;
      std::size_t column = pos_;
      std::string word = ReadWord();
      if (!EqualsIgnoreCase(word, "AND")) {
        return Error(column, "expected AND or the end of the filter, found " + Found(column));
      }
      SkipSpace();
      if (AtEnd()) return Error(pos_, "expected a clause after AND");
    }
  }

 private:
  Result<FilterClause> ParseClause() {
    FilterClause clause;
    std::size_t field_column = pos_;
    std::string field = ReadWord();
    if (field.empty()) return Error(field_column, "expected a field name, found " + Found(field_column));
    std::string lower = field;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool text_field = true;
    if (lower == "name") {
      clause.field = FilterField::kName;
    } else if (lower == "stage" || lower == "current_stage") {
      clause.field = FilterField::kStage;
    } else if (lower == "run_id") {
      clause.field = FilterField::kRunId;
    } else if (lower == "source" || lower == "source_path") {
      clause.field = FilterField::kSource;
    } else if (lower == "alias") {
      clause.field = FilterField::kAlias;
    } else if (lower == "version" || lower == "version_number") {
      clause.field = FilterField::kVersion;
      text_field = false;
    } else if (lower.rfind("tags.", 0) == 0 || lower.rfind("tag.", 0) == 0) {
      clause.field = FilterField::kTag;
      clause.key = field.substr(field.find('.') + 1);
    } else if (lower.rfind("metrics.", 0) == 0 || lower.rfind("metric.", 0) == 0) {
      clause.field = FilterField::kMetric;
      clause.key = field.substr(field.find('.') + 1);
      text_field = false;
    } else {
      clause.field = FilterField::kMetric;
      clause.key = field;
      text_field = false;
    }
    if ((clause.field == FilterField::kTag || clause.field == FilterField::kMetric) &&
        clause.key.empty()) {
      return Error(field_column, "field " + Quote(field) + " names no key");
    }
    SkipSpace();
    std::size_t op_column = pos_;
    auto op = ReadOp();
    if (!op) return Error(op_column, "expected =, !=, <, <=, >, >= or LIKE after " + field +
                                         ", found " + Found(op_column));
    clause.op = *op;
    if (clause.op == FilterOp::kLike && !text_field) {
      return Error(op_column, "LIKE works on text fields only, not on " + field);
    }
    SkipSpace();
    std::size_t value_column = pos_;
    if (!AtEnd() && (Peek() == '\'' || Peek() == '"')) {
      auto text = ReadQuoted();
      if (!text.ok()) return text.status();
      if (!text_field) {
        return Error(value_column, "expected a number for " + field + ", found a quoted value");
      }
      clause.value = std::move(*text);
    } else {
      auto number = ReadNumber();
      if (!number) {
        return Error(value_column, std::string("expected ") +
                                       (text_field ? "a quoted value" : "a number") + " for " +
                                       field + ", found " + Found(value_column));
      }
      if (text_field) {
        return Error(value_column, "expected a quoted value for " + field + ", found " +
                                       Found(value_column) + " (write it in quotes)");
      }
      clause.value = *number;
    }
    return clause;
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }
  void SkipSpace() {
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(Peek()))) ++pos_;
  }

  std::string ReadWord() {
    std::size_t start = pos_;
    while (!AtEnd()) {
      char c = Peek();
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' ||
          c == '/') {
        ++pos_;
      } else {
        break;
      }
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::optional<FilterOp> ReadOp() {
    auto rest = text_.substr(pos_);
    struct Spelling { std::string_view text; FilterOp op; };
    static constexpr Spelling kOps[] = {{"!=", FilterOp::kNe}, {"<>", FilterOp::kNe},
                                        {"<=", FilterOp::kLe}, {">=", FilterOp::kGe},
                                        {"==", FilterOp::kEq}, {"=", FilterOp::kEq},
                                        {"<", FilterOp::kLt},  {">", FilterOp::kGt}};
    for (const auto& s : kOps) {
      if (rest.substr(0, s.text.size()) == s.text) {
        pos_ += s.text.size();
        return s.op;
      }
    }
    if (rest.size() >= 4 && EqualsIgnoreCase(rest.substr(0, 4), "LIKE") &&
        (rest.size() == 4 || !std::isalnum(static_cast<unsigned char>(rest[4])))) {
      pos_ += 4;
      return FilterOp::kLike;
    }
    return std::nullopt;
  }

  Result<std::string> ReadQuoted() {
    std::size_t start = pos_;
    char quote = text_[pos_++];
    std::string out;
    while (!AtEnd()) {
      char c = text_[pos_++];
      if (c == quote) {
        if (!AtEnd() && Peek() == quote) {  // '' stands for '
          out += quote;
          ++pos_;
          continue;
        }
        return out;
      }
      out += c;
    }
    return Error(start, "the quoted value is not closed");
  }

  std::optional<double> ReadNumber() {
    std::size_t start = pos_;
    while (!AtEnd() && (std::isalnum(static_cast<unsigned char>(Peek())) || Peek() == '.' ||
                        Peek() == '-' || Peek() == '+')) {
      ++pos_;
    }
    std::string word(text_.substr(start, pos_ - start));
    if (word.empty()) return std::nullopt;
    char* end = nullptr;
    double value = std::strtod(word.c_str(), &end);
    if (end != word.c_str() + word.size() || !std::isfinite(value)) {
      pos_ = start;
      return std::nullopt;
    }
    return value;
  }

  std::string Found(std::size_t column) const {
    if (column >= text_.size()) return "the end of the filter";
    std::size_t end = column;
    while (end < text_.size() && !std::isspace(static_cast<unsigned char>(text_[end]))) ++end;
    return Quote(text_.substr(column, end - column));
  }

  Status Error(std::size_t column, std::string message) const {
    return Status::InvalidArgument("filter column " + std::to_string(column + 1) + ": " +
                                   std::move(message));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<SearchFilter> ParseSearchFilter(std::string_view text) { return FilterParser(text).Parse(); }

const char* FilterOpText(FilterOp op) {
  switch (op) {
    case FilterOp::kEq: return "=";
    case FilterOp::kNe: return "!=";
    case FilterOp::kLt: return "<";
    case FilterOp::kLe: return "<=";
    case FilterOp::kGt: return ">";
    case FilterOp::kGe: return ">=";
    case FilterOp::kLike: return "LIKE";
  }
  return "?";
}

}  // namespace stagecraft::engine
