// JsonPositions (line and column of every value by JSON path, with the fallback to the nearest
// parent), MemberPath/ElementPath, PositionOfOffset and NestingDepth. Every text is written out
// so that the expected lines and columns can be counted by eye.

#include "core/json_positions.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace stagecraft::core {

// doctest prints a failed CHECK(At(...) == Pos(...)) as "3:16 == 3:17".
inline bool operator==(const TextPosition& a, const TextPosition& b) {
  return a.line == b.line && a.column == b.column;
}

}  // namespace stagecraft::core

namespace doctest {
template <>
struct StringMaker<stagecraft::core::TextPosition> {
  static String convert(const stagecraft::core::TextPosition& p) {
    return (std::to_string(p.line) + ":" + std::to_string(p.column)).c_str();
  }
};
}  // namespace doctest

namespace stagecraft::core {
namespace {

TextPosition Pos(int line, int column) { return TextPosition{line, column}; }

// Line 4 holds a whole question on one line; its columns are counted in the tests below.
constexpr std::string_view kNested = R"json({
  "title": "Stages",
  "questions": [
    {"id": "a", "options": ["x", {"text": "y"}], "answer": ["A", "B"]},
    {
      "id": "b",
      "n": -12.5e3,
      "t": true, "f": false, "z": null
    }
  ]
})json";

// ---------------------------------------------------------------------------------------------
// MemberPath and ElementPath

TEST_CASE("MemberPath and ElementPath build the paths problems are reported under") {
  CHECK(MemberPath("", "questions") == "questions");
  CHECK(ElementPath("questions", 2) == "questions[2]");
  CHECK(MemberPath("questions[2]", "answer") == "questions[2].answer");
  CHECK(ElementPath(MemberPath("questions[2]", "answer"), 0) == "questions[2].answer[0]");
  CHECK(ElementPath("", 0) == "[0]");
}

// ---------------------------------------------------------------------------------------------
// JsonPositions

TEST_CASE("JsonPositions places the root value where it starts") {
  SUBCASE("an object on the first character") { CHECK(JsonPositions("{}").At("") == Pos(1, 1)); }
  SUBCASE("after blank lines and spaces") {
    const JsonPositions positions("\n\n   [1, 2]");
    CHECK(positions.At("") == Pos(3, 4));
    CHECK(positions.At("[0]") == Pos(3, 5));
    CHECK(positions.At("[1]") == Pos(3, 8));
  }
  SUBCASE("a scalar root") { CHECK(JsonPositions("  42").At("") == Pos(1, 3)); }
}

TEST_CASE("JsonPositions finds members and array elements at any depth") {
  const JsonPositions positions(kNested);
  CHECK(positions.At("") == Pos(1, 1));
  CHECK(positions.At("title") == Pos(2, 12));
  CHECK(positions.At("questions") == Pos(3, 16));
  CHECK(positions.At("questions[0]") == Pos(4, 5));
  CHECK(positions.At("questions[0].id") == Pos(4, 12));
  CHECK(positions.At("questions[0].options") == Pos(4, 28));
  CHECK(positions.At("questions[0].options[0]") == Pos(4, 29));
  CHECK(positions.At("questions[0].options[1]") == Pos(4, 34));
  CHECK(positions.At("questions[0].options[1].text") == Pos(4, 43));
  CHECK(positions.At("questions[0].answer") == Pos(4, 60));
  CHECK(positions.At("questions[0].answer[0]") == Pos(4, 61));
  CHECK(positions.At("questions[0].answer[1]") == Pos(4, 66));
  CHECK(positions.At("questions[1]") == Pos(5, 5));
  CHECK(positions.At("questions[1].id") == Pos(6, 13));
}

TEST_CASE("JsonPositions finds numbers, true, false and null") {
  const JsonPositions positions(kNested);
  CHECK(positions.At("questions[1].n") == Pos(7, 12));
  CHECK(positions.At("questions[1].t") == Pos(8, 12));
  CHECK(positions.At("questions[1].f") == Pos(8, 23));
  CHECK(positions.At("questions[1].z") == Pos(8, 35));
  // Without spaces between the tokens.
  const JsonPositions tight(R"({"a":1,"b":[true,null],"c":"x"})");
  CHECK(tight.At("a") == Pos(1, 6));
  CHECK(tight.At("b[0]") == Pos(1, 13));
  CHECK(tight.At("b[1]") == Pos(1, 18));
  CHECK(tight.At("c") == Pos(1, 28));
}

TEST_CASE("JsonPositions is not misled by brackets, escaped quotes or '#' inside strings") {
  // Columns: a's value at 7 holds ]}[{\"#, ; b's [ at 24; b[1] holds x\"] ; c's { at 48.
  const JsonPositions positions(
      R"json({"a": "]}[{\"#,", "b": ["\\", "x\"]", 7], "c": {"k]": 1, "d": 2}})json");
  CHECK(positions.At("a") == Pos(1, 7));
  CHECK(positions.At("b") == Pos(1, 24));
  CHECK(positions.At("b[0]") == Pos(1, 25));
  CHECK(positions.At("b[1]") == Pos(1, 31));
  CHECK(positions.At("b[2]") == Pos(1, 39));
  CHECK(positions.At("c") == Pos(1, 48));
  CHECK(positions.At("c.k]") == Pos(1, 55));  // a bracket in a key
  CHECK(positions.At("c.d") == Pos(1, 63));
}

TEST_CASE("JsonPositions counts one column per character after multi-byte UTF-8") {
  // é, ü and € are 2 and 3 bytes, 😀 is 4: columns still move by one each.
  const JsonPositions positions("{\"é\": \"ü€😀\", \"next\": 1,\n  \"日本\": \"語\", \"y\": 2}");
  CHECK(positions.At("é") == Pos(1, 7));
  CHECK(positions.At("next") == Pos(1, 22));
  CHECK(positions.At("日本") == Pos(2, 9));
  CHECK(positions.At("y") == Pos(2, 19));
}

TEST_CASE("JsonPositions counts a CRLF line end as one line break") {
  const JsonPositions positions("{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    true\r\n  ]\r\n}\r\n");
  CHECK(positions.At("") == Pos(1, 1));
  CHECK(positions.At("a") == Pos(2, 8));
  CHECK(positions.At("b") == Pos(3, 8));
  CHECK(positions.At("b[0]") == Pos(4, 5));
}

TEST_CASE("JsonPositions::At falls back to the nearest existing parent of a missing path") {
  const JsonPositions positions(kNested);
  SUBCASE("a missing member of an object") {
    CHECK(positions.At("questions[1].missing") == Pos(5, 5));
    CHECK(positions.At("questions[1].missing.deeper[3]") == Pos(5, 5));
  }
  SUBCASE("an element past the end of an array") {
    CHECK(positions.At("questions[0].answer[5]") == Pos(4, 60));
    CHECK(positions.At("questions[7].id") == Pos(3, 16));
  }
  SUBCASE("a missing top-level member falls back to the root") {
    CHECK(positions.At("format") == Pos(1, 1));
  }
  SUBCASE("any path in an empty text is 1:1") { CHECK(JsonPositions("").At("a[0].b") == Pos(1, 1)); }
}

// ---------------------------------------------------------------------------------------------
// PositionOfOffset

TEST_CASE("PositionOfOffset gives the line and character column of a byte offset") {
  // Bytes: a0 b1 \n2 c3 é4-5 \r6 \n7 f8
  const std::string_view text = "ab\nc\xC3\xA9\r\nf";
  CHECK(PositionOfOffset(text, 0) == Pos(1, 1));
  CHECK(PositionOfOffset(text, 2) == Pos(1, 3));  // the line break itself
  CHECK(PositionOfOffset(text, 3) == Pos(2, 1));
  CHECK(PositionOfOffset(text, 4) == Pos(2, 2));  // é
  CHECK(PositionOfOffset(text, 6) == Pos(2, 3));  // \r: é counted once
  CHECK(PositionOfOffset(text, 8) == Pos(3, 1));  // CRLF is one line break
  SUBCASE("an offset past the end stops at the end") {
    CHECK(PositionOfOffset(text, 9) == Pos(3, 2));
    CHECK(PositionOfOffset(text, 1000) == Pos(3, 2));
  }
  SUBCASE("an empty text") { CHECK(PositionOfOffset("", 5) == Pos(1, 1)); }
}

// ---------------------------------------------------------------------------------------------
// NestingDepth

TEST_CASE("NestingDepth counts the deepest nesting of arrays and objects") {
  CHECK(NestingDepth("", 32) == 0);
  CHECK(NestingDepth("42", 32) == 0);
  CHECK(NestingDepth("[]", 32) == 1);
  CHECK(NestingDepth(R"({"a": [{"b": []}]})", 32) == 4);
  CHECK(NestingDepth("[[]] [[]] {}", 32) == 2);  // siblings do not add up
  CHECK(NestingDepth(std::string(100, '[') + std::string(100, ']'), 1000) == 100);
}

TEST_CASE("NestingDepth ignores brackets inside strings") {
  SUBCASE("in values") { CHECK(NestingDepth(R"(["[[[", "{{{", "]]"])", 32) == 1); }
  SUBCASE("in keys") { CHECK(NestingDepth(R"({"[[[": {}})", 32) == 2); }
  SUBCASE("after an escaped quote") { CHECK(NestingDepth(R"(["\"[[", []])", 32) == 2); }
  SUBCASE("after an escaped backslash, the quote ends the string") {
    CHECK(NestingDepth(R"(["\\", [[]]])", 32) == 3);
  }
}

TEST_CASE("NestingDepth stops scanning once the limit is exceeded") {
  // One past the limit is enough to refuse the text; the rest is never looked at.
  CHECK(NestingDepth(std::string(1'000'000, '['), 32) == 33);
  CHECK(NestingDepth(std::string(33, '[') + "\"" + std::string(1000, '['), 32) == 33);
  CHECK(NestingDepth(std::string(32, '[') + std::string(32, ']'), 32) == 32);
}

}  // namespace
}  // namespace stagecraft::core
