#pragma once
// Markdown -> block tree: md4c reads a lesson's body and the TreeBuilder in markdown_tree.cpp
// turns its callbacks into LessonBlocks (headings, paragraphs, lists, quotes, code, tables), each
// with the line it starts on. Internal to stagecraft_core: the lesson parser (lesson_parser.cpp)
// is its one user, and it knows nothing of lesson modes, callouts or console blocks.

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "core/lesson.h"

namespace stagecraft::core {

// Line starts of a text, to turn byte offsets into positions.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  int LineOf(std::size_t offset) const {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return static_cast<int>(it - starts_.begin());
  }
  // The first line after `line` that opens a code fence (``` or ~~~, after any quote markers
  // and indentation); `line` + 1 if none does.
  int FenceAfter(int line) const {
    for (std::size_t i = static_cast<std::size_t>(std::max(line, 0)); i < starts_.size(); ++i) {
      const std::size_t end = i + 1 < starts_.size() ? starts_[i + 1] : text_.size();
      std::string_view content = text_.substr(starts_[i], end - starts_[i]);
      while (!content.empty() && (content.front() == ' ' || content.front() == '>' ||
                                  content.front() == '\t')) {
        content.remove_prefix(1);
      }
      if (content.rfind("```", 0) == 0 || content.rfind("~~~", 0) == 0) {
        return static_cast<int>(i) + 1;
      }
    }
    return line + 1;
  }
  // The column (in bytes, from 1) of `p`, which points into the text.
  int ColumnOf(const char* p) const {
    if (p < text_.data() || p >= text_.data() + text_.size()) return 1;
    const std::size_t offset = static_cast<std::size_t>(p - text_.data());
    return static_cast<int>(offset - starts_[static_cast<std::size_t>(LineOf(offset)) - 1]) + 1;
  }
  // Whether `p` points into the text, and if so its line.
  std::optional<int> LineOf(const char* p) const {
    if (p < text_.data() || p >= text_.data() + text_.size()) return std::nullopt;
    return LineOf(static_cast<std::size_t>(p - text_.data()));
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// Splits text into lines (without their "\n"; a final line without one counts too).
std::vector<std::string_view> SplitLines(std::string_view text);

// The block tree of a Markdown text (CommonMark with tables, strikethrough and task lists; raw
// HTML is text).
struct MarkdownTree {
  bool parsed = false;  // whether md4c read the text (it fails only when out of memory)
  std::vector<LessonBlock> root;
  // The first line of blocks nested deeper than kMaxLessonNesting (which were left out), or 0.
  int too_deep_line = 0;
};

// Parses `markdown`, which starts at some offset of the text `lines` indexes (lines are of that
// text: a lesson's body keeps the line numbers of the whole file).
MarkdownTree BuildMarkdownTree(std::string_view markdown, const LineIndex& lines);

}  // namespace stagecraft::core
