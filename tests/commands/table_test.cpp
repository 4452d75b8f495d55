// commands::Table: the aligned tables every command and the lessons print.

#include "stagecraft/commands/table.h"

#include <doctest/doctest.h>

namespace stagecraft::commands {
namespace {

TEST_CASE("Table pads columns by characters, not bytes, and trims trailing spaces") {
  Table table({"A", "B"});
  table.AddRow({"—", "x"});
  table.AddRow({"long", "y"});
  CHECK(table.Render() == "A     B\n—     x\nlong  y\n");
  CHECK(DisplayWidth("café —") == 6);
}

TEST_CASE("Table shows control characters in cells as escapes") {
  Table table({"Field"});
  table.AddRow({"a\nb\tc\x01"});
  CHECK(table.Render() == "Field\na\\nb\\tc\\x01\n");
}

TEST_CASE("Table::Fields prints no header line") {
  Table table = Table::Fields();
  table.AddRow({"Name", "churn"});
  CHECK(table.Render() == "Name  churn\n");
}

}  // namespace
}  // namespace stagecraft::commands
