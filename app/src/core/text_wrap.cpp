#include "core/text_wrap.h"

#include <algorithm>
#include <string_view>

#include "stagecraft/commands/table.h"

namespace stagecraft::core {
namespace {

using commands::DisplayWidth;

std::string RightTrimmed(std::string line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

}  // namespace

std::string Wrap(const std::string& text, int width, const std::string& first,
                 const std::string& rest) {
  std::string out;
  std::string line = first;
  std::size_t line_width = DisplayWidth(first);
  bool line_has_word = false;
  const std::size_t limit = static_cast<std::size_t>(std::max(width, 20));
  auto flush = [&]() {
    out += RightTrimmed(line) + "\n";
    line = rest;
    line_width = DisplayWidth(rest);
    line_has_word = false;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      flush();
      ++i;
      continue;
    }
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
    const std::string_view word(text.data() + i, end - i);
    const std::size_t word_width = DisplayWidth(word);
    if (line_has_word && line_width + 1 + word_width > limit) flush();
    if (line_has_word) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += word_width;
    line_has_word = true;
    i = end;
  }
  if (line_has_word || out.empty()) flush();
  return out;
}

std::size_t WidestLine(const std::string& text) {
  std::size_t widest = 0, start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    widest = std::max(widest, DisplayWidth(std::string_view(text).substr(start, end - start)));
    start = end + 1;
  }
  return widest;
}

std::string Indented(const std::string& text, const std::string& prefix) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    out += RightTrimmed(prefix + line) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace stagecraft::core
