// SplitCommandLine: a line into words with POSIX-shell quoting (no variables, globs or pipes).

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "stagecraft/commands/command_line.h"

using stagecraft::commands::SplitCommandLine;
using stagecraft::engine::ErrorCode;
using Words = std::vector<std::string>;

namespace {

Words MustSplit(std::string_view line) {
  auto words = SplitCommandLine(line);
  REQUIRE_MESSAGE(words.ok(), "SplitCommandLine(" << line << "): " << words.status().message());
  return *words;
}

}  // namespace

TEST_CASE("unquoted words are separated by runs of white space") {
  SUBCASE("single spaces") {
    CHECK(MustSplit("models list --json") == Words{"models", "list", "--json"});
  }
  SUBCASE("several spaces, tabs and newlines") {
    CHECK(MustSplit("models \t  list\n--json") == Words{"models", "list", "--json"});
  }
  SUBCASE("leading and trailing white space") {
    CHECK(MustSplit("   models list \t ") == Words{"models", "list"});
  }
  SUBCASE("one word") { CHECK(MustSplit("stagecraft") == Words{"stagecraft"}); }
}

TEST_CASE("an empty or blank line has no words") {
  CHECK(MustSplit("").empty());
  CHECK(MustSplit("   \t\n ").empty());
}

TEST_CASE("single quotes keep everything up to the next single quote") {
  SUBCASE("spaces") {
    CHECK(MustSplit("models create 'churn model'") == Words{"models", "create", "churn model"});
  }
  SUBCASE("double quotes and backslashes are literal") {
    CHECK(MustSplit(R"('a "b" \n \' x)") == Words{R"(a "b" \n \)", "x"});
  }
  SUBCASE("SQL-looking text") {
    CHECK(MustSplit(R"(x 'DROP TABLE models;--' y)") == Words{"x", "DROP TABLE models;--", "y"});
  }
  SUBCASE("quoted parts join the unquoted parts around them") {
    CHECK(MustSplit("ab'c d'ef g") == Words{"abc def", "g"});
  }
}

TEST_CASE("double quotes keep spaces and single quotes") {
  SUBCASE("spaces") { CHECK(MustSplit(R"(say "hello  world")") == Words{"say", "hello  world"}); }
  SUBCASE("single quotes inside") {
    CHECK(MustSplit(R"("x'); DROP TABLE models;--")") == Words{"x'); DROP TABLE models;--"});
  }
  SUBCASE("a filter expression") {
    CHECK(MustSplit(R"(models search "stage = 'Production' AND accuracy > 0.9")") ==
          Words{"models", "search", "stage = 'Production' AND accuracy > 0.9"});
  }
  SUBCASE("quoted parts join the unquoted parts around them") {
    CHECK(MustSplit(R"(--comment="a b"c)") == Words{"--comment=a bc"});
  }
}

TEST_CASE("inside double quotes a backslash escapes only a double quote, backslash, $ and `") {
  SUBCASE("escaped double quote") { CHECK(MustSplit(R"("say \"hi\"")") == Words{R"(say "hi")"}); }
  SUBCASE("escaped backslash") { CHECK(MustSplit(R"("a\\b")") == Words{R"(a\b)"}); }
  SUBCASE("escaped dollar and backquote") {
    CHECK(MustSplit(R"("\$HOME \`x\`")") == Words{"$HOME `x`"});
  }
  SUBCASE("any other backslash is kept") {
    CHECK(MustSplit(R"("a\nb\'c")") == Words{R"(a\nb\'c)"});
  }
}

TEST_CASE("outside quotes a backslash makes the next character literal") {
  SUBCASE("an escaped space joins two words") {
    CHECK(MustSplit(R"(churn\ model x)") == Words{"churn model", "x"});
  }
  SUBCASE("escaped quotes do not start a quoted part") {
    CHECK(MustSplit(R"(it\'s \"x\")") == Words{"it's", R"("x")"});
  }
  SUBCASE("an escaped backslash") { CHECK(MustSplit(R"(a\\b)") == Words{R"(a\b)"}); }
  SUBCASE("an escaped ordinary letter is that letter") {
    CHECK(MustSplit(R"(\a\b)") == Words{"ab"});
  }
}

TEST_CASE("an empty quoted word is kept as an empty word") {
  SUBCASE("single quotes") { CHECK(MustSplit("a '' b") == Words{"a", "", "b"}); }
  SUBCASE("double quotes") { CHECK(MustSplit(R"(a "" b)") == Words{"a", "", "b"}); }
  SUBCASE("at the end of the line") {
    CHECK(MustSplit("--description ''") == Words{"--description", ""});
  }
  SUBCASE("alone") { CHECK(MustSplit("''") == Words{""}); }
  SUBCASE("two empty quotes side by side are one empty word") {
    CHECK(MustSplit(R"(''"")") == Words{""});
  }
}

TEST_CASE("an unterminated quote fails with kInvalidArgument naming the column of the quote") {
  SUBCASE("single quote") {
    auto words = SplitCommandLine("models create 'churn");
    REQUIRE_FALSE(words.ok());
    CHECK(words.status().code() == ErrorCode::kInvalidArgument);
    CHECK(words.status().message().find("column 15") != std::string::npos);
    CHECK(words.status().message().find("single quote") != std::string::npos);
  }
  SUBCASE("double quote") {
    auto words = SplitCommandLine(R"(a "bc)");
    REQUIRE_FALSE(words.ok());
    CHECK(words.status().code() == ErrorCode::kInvalidArgument);
    CHECK(words.status().message().find("column 3") != std::string::npos);
    CHECK(words.status().message().find("double quote") != std::string::npos);
  }
  SUBCASE("double quote whose last character is an escaped quote") {
    auto words = SplitCommandLine(R"("abc\")");
    REQUIRE_FALSE(words.ok());
    CHECK(words.status().code() == ErrorCode::kInvalidArgument);
    CHECK(words.status().message().find("column 1") != std::string::npos);
  }
  SUBCASE("a quote at the first column") {
    auto words = SplitCommandLine("'");
    REQUIRE_FALSE(words.ok());
    CHECK(words.status().message().find("column 1") != std::string::npos);
  }
}

TEST_CASE("a backslash at the end of the line fails with kInvalidArgument naming the column") {
  SUBCASE("after a word") {
    auto words = SplitCommandLine(R"(abc\)");
    REQUIRE_FALSE(words.ok());
    CHECK(words.status().code() == ErrorCode::kInvalidArgument);
    CHECK(words.status().message().find("column 4") != std::string::npos);
    CHECK(words.status().message().find("backslash") != std::string::npos);
  }
  SUBCASE("alone") {
    auto words = SplitCommandLine(R"(\)");
    REQUIRE_FALSE(words.ok());
    CHECK(words.status().code() == ErrorCode::kInvalidArgument);
    CHECK(words.status().message().find("column 1") != std::string::npos);
  }
}

TEST_CASE("non-ASCII text passes through unchanged") {
  CHECK(MustSplit("models create 'modèle ü' 模型") ==
        Words{"models", "create", "modèle ü", "模型"});
}
