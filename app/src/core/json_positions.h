#pragma once
// JsonPositions: where each value of a JSON text starts, by path, so that a problem found in the
// parsed document can be reported as FILE:LINE:COL.
//
// nlohmann/json parses but keeps no positions; this is a second, lightweight scan of the same
// (already parsed, so well-formed) text that records the line and column of every value.

#include <map>
#include <string>
#include <string_view>

namespace stagecraft::core {

// A 1-based line and column; columns count characters (UTF-8 code points).
struct TextPosition {
  int line = 1;
  int column = 1;
};

class JsonPositions {
 public:
  // Keeps a view of `text`, which must be well-formed JSON and outlive this object.
  explicit JsonPositions(std::string_view text) : text_(text) {}

  // The position of the value at `path` ("" for the root, "questions[2].answer"); for a path
  // that does not exist, the position of its nearest existing parent. Each lookup scans the text
  // only as far as the value: positions are needed for problems, which are few, so nothing is
  // indexed up front (indexing every value of a 3 MB bank cost more than parsing it).
  // A member given twice resolves to the last one, as the parser keeps the last. After a few
  // lookups the whole text is indexed once, so a file full of problems stays linear.
  TextPosition At(const std::string& path) const;

 private:
  // Scans the text; with `target` set, stops once past the value at that path and returns its
  // position (or its nearest parent's); with `index` set, records every value's position.
  TextPosition Scan(const std::string* target, std::map<std::string, TextPosition>* index) const;

  std::string_view text_;
  mutable int lookups_ = 0;
  mutable std::map<std::string, TextPosition> index_;  // filled after kIndexAfter lookups
};

// The path of a member of `parent`: "questions", "questions[2]", "questions[2].answer".
std::string MemberPath(const std::string& parent, std::string_view key);
std::string ElementPath(const std::string& parent, std::size_t index);

// `text` as a JSON string literal, invalid UTF-8 replaced: how messages quote a value.
std::string JsonString(std::string_view text);

// 1-based line and column of byte `offset` in `text`.
TextPosition PositionOfOffset(std::string_view text, std::size_t offset);

// The deepest nesting of arrays and objects in `text`, ignoring brackets inside strings; scanning
// stops once `limit` is exceeded (so a hostile file costs no more than that).
int NestingDepth(std::string_view text, int limit);

}  // namespace stagecraft::core
