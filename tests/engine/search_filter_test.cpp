// ParseSearchFilter: fields, operators, values, AND, and errors that name a column.
// Running filters against a registry is tested in search_test.cpp.

#include "stagecraft/engine/search_filter.h"

#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

SearchFilter MustParse(const std::string& text) {
  auto parsed = ParseSearchFilter(text);
  REQUIRE_MESSAGE(parsed.ok(), "ParseSearchFilter(" << text << "): " << parsed.status().message());
  return parsed.value();
}

FilterClause OnlyClause(const std::string& text) {
  SearchFilter filter = MustParse(text);
  REQUIRE(filter.clauses.size() == 1);
  return filter.clauses[0];
}

std::string TextValue(const FilterClause& clause) {
  REQUIRE(std::holds_alternative<std::string>(clause.value));
  return std::get<std::string>(clause.value);
}

double NumberValue(const FilterClause& clause) {
  REQUIRE(std::holds_alternative<double>(clause.value));
  return std::get<double>(clause.value);
}

}  // namespace

TEST_CASE("an empty filter has no clauses") {
  CHECK(MustParse("").clauses.empty());
  CHECK(MustParse("   ").clauses.empty());
}

TEST_CASE("each text field parses with a quoted value") {
  SUBCASE("name") {
    FilterClause c = OnlyClause("name = 'churn'");
    CHECK(c.field == FilterField::kName);
    CHECK(c.op == FilterOp::kEq);
    CHECK(c.key.empty());
    CHECK(TextValue(c) == "churn");
  }
  SUBCASE("stage keeps the value as written") {
    FilterClause c = OnlyClause("stage = 'production'");
    CHECK(c.field == FilterField::kStage);
    CHECK(TextValue(c) == "production");
  }
  SUBCASE("run_id") {
    FilterClause c = OnlyClause("run_id = 'abc123'");
    CHECK(c.field == FilterField::kRunId);
    CHECK(TextValue(c) == "abc123");
  }
  SUBCASE("source") {
    FilterClause c = OnlyClause("source = 'runs:/abc123/model'");
    CHECK(c.field == FilterField::kSource);
    CHECK(TextValue(c) == "runs:/abc123/model");
  }
  SUBCASE("alias") {
    FilterClause c = OnlyClause("alias = 'champion'");
    CHECK(c.field == FilterField::kAlias);
    CHECK(TextValue(c) == "champion");
  }
  SUBCASE("tags.KEY") {
    FilterClause c = OnlyClause("tags.team = 'growth'");
    CHECK(c.field == FilterField::kTag);
    CHECK(c.key == "team");
    CHECK(TextValue(c) == "growth");
  }
}

TEST_CASE("numeric fields parse with a number") {
  SUBCASE("version") {
    FilterClause c = OnlyClause("version = 3");
    CHECK(c.field == FilterField::kVersion);
    CHECK(c.key.empty());
    CHECK(NumberValue(c) == doctest::Approx(3.0));
  }
  SUBCASE("metrics.KEY") {
    FilterClause c = OnlyClause("metrics.accuracy > 0.9");
    CHECK(c.field == FilterField::kMetric);
    CHECK(c.key == "accuracy");
    CHECK(c.op == FilterOp::kGt);
    CHECK(NumberValue(c) == doctest::Approx(0.9));
  }
  SUBCASE("a bare KEY is a metric") {
    FilterClause c = OnlyClause("accuracy > 0.9");
    CHECK(c.field == FilterField::kMetric);
    CHECK(c.key == "accuracy");
    CHECK(c.op == FilterOp::kGt);
    CHECK(NumberValue(c) == doctest::Approx(0.9));
  }
  SUBCASE("negative and integer numbers") {
    CHECK(NumberValue(OnlyClause("loss < -2.5")) == doctest::Approx(-2.5));
    CHECK(NumberValue(OnlyClause("epochs >= 10")) == doctest::Approx(10.0));
  }
}

TEST_CASE("every comparison operator parses") {
  struct Case {
    const char* text;
    FilterOp op;
    const char* spelling;
  };
  const Case cases[] = {
      {"accuracy = 1", FilterOp::kEq, "="},   {"accuracy != 1", FilterOp::kNe, "!="},
      {"accuracy < 1", FilterOp::kLt, "<"},   {"accuracy <= 1", FilterOp::kLe, "<="},
      {"accuracy > 1", FilterOp::kGt, ">"},   {"accuracy >= 1", FilterOp::kGe, ">="},
      {"name LIKE 'ch%'", FilterOp::kLike, "LIKE"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    CHECK(OnlyClause(c.text).op == c.op);
    CHECK(std::string(FilterOpText(c.op)) == c.spelling);
  }
}

TEST_CASE("operators need no spaces around them") {
  FilterClause c = OnlyClause("accuracy>=0.75");
  CHECK(c.field == FilterField::kMetric);
  CHECK(c.key == "accuracy");
  CHECK(c.op == FilterOp::kGe);
  CHECK(NumberValue(c) == doctest::Approx(0.75));
}

TEST_CASE("quoted values accept both quote styles and doubled quotes") {
  CHECK(TextValue(OnlyClause("name = \"churn\"")) == "churn");
  CHECK(TextValue(OnlyClause("tags.note = 'it''s fine'")) == "it's fine");
  CHECK(TextValue(OnlyClause("name = 'x''); DROP TABLE models;--'")) ==
        "x'); DROP TABLE models;--");
  CHECK(TextValue(OnlyClause("tags.note = 'a AND b'")) == "a AND b");
  CHECK(TextValue(OnlyClause("name = ''")) == "");
}

TEST_CASE("clauses are joined by AND in any case") {
  SearchFilter filter = MustParse("stage = 'Production' AND accuracy > 0.9 and tags.team = 'growth'");
  REQUIRE(filter.clauses.size() == 3);
  CHECK(filter.clauses[0].field == FilterField::kStage);
  CHECK(filter.clauses[1].field == FilterField::kMetric);
  CHECK(filter.clauses[1].key == "accuracy");
  CHECK(filter.clauses[2].field == FilterField::kTag);
  CHECK(filter.clauses[2].key == "team");

  CHECK(MustParse("name = 'a' And version = 2").clauses.size() == 2);
}

TEST_CASE("a text field with a number is refused naming the column") {
  // The example in search_filter.h: the 42 starts at column 10.
  auto parsed = ParseSearchFilter("run_id = 42");
  REQUIRE_FALSE(parsed.ok());
  CHECK_ERROR(parsed, ErrorCode::kInvalidArgument);
  CHECK_MENTIONS(parsed.status().message(), "column 10");
  CHECK_MENTIONS(parsed.status().message(), "run_id");
  CHECK_MENTIONS(parsed.status().message(), "42");
}

TEST_CASE("the error column points at the offending token in a later clause") {
  // 'high' starts at column 27 (1-based).
  auto parsed = ParseSearchFilter("name = 'a' AND accuracy > 'high'");
  REQUIRE_FALSE(parsed.ok());
  CHECK_ERROR(parsed, ErrorCode::kInvalidArgument);
  CHECK_MENTIONS(parsed.status().message(), "column 27");
}

TEST_CASE("malformed filters are invalid arguments naming a column") {
  const char* bad[] = {
      "accuracy > 'high'",             // metric with text
      "metrics.accuracy = 'x'",        // metric with text
      "version = '3'",                 // version with text
      "name = churn",                  // unquoted text
      "accuracy LIKE 0.9",             // LIKE on a metric
      "version LIKE 3",                // LIKE on version
      "accuracy ~ 0.9",                // unknown operator
      "accuracy >",                    // missing value
      "accuracy",                      // missing operator and value
      "= 3",                           // missing field
      "name = 'churn",                 // unterminated quote
      "name = 'a' AND",                // dangling AND
      "AND name = 'a'",                // leading AND
      "name = 'a' OR name = 'b'",      // OR is not supported
      "name = 'a' name = 'b'",         // missing AND
      "tags. = 'x'",                   // empty tag key
      "metrics. > 1",                  // empty metric key
      "accuracy > 0.9.1",              // bad number
  };
  for (const char* text : bad) {
    CAPTURE(std::string(text));
    auto parsed = ParseSearchFilter(text);
    CHECK_FALSE(parsed.ok());
    CHECK_ERROR(parsed, ErrorCode::kInvalidArgument);
    CHECK_MENTIONS(parsed.status().message(), "column");
  }
}
