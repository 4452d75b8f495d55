#include "stagecraft/commands/table.h"

#include <algorithm>
#include <cstdio>

namespace stagecraft::commands {

std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;  // count lead bytes only
  }
  return width;
}

void Table::AddRow(std::vector<std::string> cells) {
  // A newline or tab inside a value would break the row: show control characters as escapes.
  for (auto& cell : cells) {
    if (std::none_of(cell.begin(), cell.end(),
                     [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
      continue;
    }
    std::string escaped;
    for (unsigned char c : cell) {
      if (c == '\n') escaped += "\\n";
      else if (c == '\t') escaped += "\\t";
      else if (c < 0x20 || c == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        escaped += buf;
      } else {
        escaped += static_cast<char>(c);
      }
    }
    cell = std::move(escaped);
  }
  rows_.push_back(std::move(cells));
}

std::string Table::Render() const {
  std::vector<std::size_t> widths(headers_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  };
  if (show_header_) measure(headers_);
  for (const auto& row : rows_) measure(row);
  std::string out;
  auto emit = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < row.size() ? row[i] : "";  // already escaped by AddRow
      line += cell;
      if (i + 1 < widths.size()) line.append(widths[i] - DisplayWidth(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  };
  if (show_header_) emit(headers_);
  for (const auto& row : rows_) emit(row);
  return out;
}

}  // namespace stagecraft::commands
