#pragma once
// Aligned text tables, as every command and the lessons print them.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stagecraft::commands {

// How many terminal columns `text` takes, counted as characters (UTF-8 lead bytes).
std::size_t DisplayWidth(std::string_view text);

// An aligned text table: a header row, then rows; columns separated by two spaces.
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  // A two-column "field  value" listing: no header line is printed.
  static Table Fields() {
    Table t({"", ""});
    t.show_header_ = false;
    return t;
  }
  // Adds a row; control characters in cells are shown as escapes (\n, \t, \x01).
  void AddRow(std::vector<std::string> cells);
  bool empty() const { return rows_.empty(); }
  // Renders with a header line; trailing spaces trimmed; widths count UTF-8 code points.
  std::string Render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  bool show_header_ = true;
};

}  // namespace stagecraft::commands
