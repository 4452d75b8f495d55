#pragma once
// Plain text for a terminal: word wrapping and indenting that count display columns (so that
// "—" is one column, not three bytes). Used by lessons, questions and results alike.

#include <cstddef>
#include <string>

namespace stagecraft::core {

// Word-wraps `text` to `width` columns (at least 20); the first line starts with `first`, the
// others with `rest` (both count towards the width). Hard line breaks ("\n") are kept; every
// line ends in "\n" and carries no trailing spaces. Limits: a word wider than the line (a long
// URL, a command) is not broken and overflows; runs of spaces fold into one; widths count code
// points, so a wide (CJK) character counts as one column.
std::string Wrap(const std::string& text, int width, const std::string& first,
                 const std::string& rest);

// `text` with `prefix` before each line, trailing spaces trimmed.
std::string Indented(const std::string& text, const std::string& prefix);

// The display width of the widest line of `text`.
std::size_t WidestLine(const std::string& text);

}  // namespace stagecraft::core
