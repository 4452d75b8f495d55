// Markdown -> block tree (see markdown_tree.h): TreeBuilder turns md4c's enter/leave/text
// callbacks into LessonBlocks, keeping the line each block starts on.

#include "core/markdown_tree.h"

#include <md4c.h>

#include <string>

#include "core/lesson_loader.h"  // kMaxLessonNesting

namespace stagecraft::core {

namespace {

// Decodes the entities Markdown authors write (&amp; &lt; &gt; &quot; &nbsp; &#N; &#xN;); any
// other is kept as written.
std::string DecodeEntity(std::string_view entity) {
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&nbsp;", "\u00a0"},
      {"&apos;", "'"}};
  for (const auto& [name, value] : kNamed) {
    if (entity == name) return std::string(value);
  }
  if (entity.size() > 3 && entity[1] == '#') {
    const bool hex = entity[2] == 'x' || entity[2] == 'X';
    const std::string digits(entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3)));
    unsigned long code = 0;
    try {
      code = std::stoul(digits, nullptr, hex ? 16 : 10);
    } catch (...) {
      return std::string(entity);
    }
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
    std::string out;
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
    return out;
  }
  return std::string(entity);
}

// Builds the block tree from md4c's callbacks.
class TreeBuilder {
 public:
  explicit TreeBuilder(const LineIndex& lines) : lines_(lines) {}

  std::vector<LessonBlock> root;

  // Whether md4c read the text (it fails only when out of memory).
  bool Parse(std::string_view markdown) {
    MD_PARSER parser{};
    parser.abi_version = 0;
    // Task lists ("- [ ] text", "- [x] text") are read as GitHub reads them: a Predict callout's
    // choices are written that way (the lesson parser gives other task lists their marks back).
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML | MD_FLAG_TASKLISTS;
    base_ = markdown.data();
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
      return static_cast<TreeBuilder*>(self)->EnterBlock(type, detail);
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) {
      return static_cast<TreeBuilder*>(self)->LeaveBlock(type);
    };
    parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) {
      return static_cast<TreeBuilder*>(self)->Span(type, detail, true);
    };
    parser.leave_span = [](MD_SPANTYPE type, void* detail, void* self) {
      return static_cast<TreeBuilder*>(self)->Span(type, detail, false);
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
      return static_cast<TreeBuilder*>(self)->Text(type, std::string_view(text, size));
    };
    return md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, this) == 0;
  }

  // The first line of blocks nested deeper than kMaxLessonNesting (which were passed over), or
  // 0 when there were none.
  int too_deep_line() const {
    return too_deep_line_ != 0 ? too_deep_line_ : too_deep_ ? std::max(last_line_, 1) : 0;
  }

 private:
  // A container being filled: blocks go to `target` (null for a list, whose items are its own
  // frames); `block` is the container, for its line.
  struct Frame {
    std::vector<LessonBlock>* target = nullptr;
    LessonBlock* block = nullptr;  // the container itself (null for the document)
  };

  LessonBlock& Add(LessonBlock::Kind kind) {
    std::vector<LessonBlock>* target = stack_.back().target;
    target->push_back(LessonBlock{});
    LessonBlock& block = target->back();
    block.kind = kind;
    return block;
  }

  static bool IsContainer(MD_BLOCKTYPE type) {
    return type == MD_BLOCK_QUOTE || type == MD_BLOCK_UL || type == MD_BLOCK_OL;
  }

  int EnterBlock(MD_BLOCKTYPE type, void* detail) {
    // Deeper than the limit, nothing is kept (md4c does not stop when told to, so the blocks
    // are passed over): the tree, and all code walking it, stays shallow.
    if (depth_ >= kMaxLessonNesting && (depth_ > kMaxLessonNesting || IsContainer(type))) {
      if (IsContainer(type)) {
        ++depth_;
        too_deep_ = true;
      }
      return 0;
    }
    if (IsContainer(type)) ++depth_;
    // A new block ends the leaf being filled (a tight item's implicit paragraph included), and
    // adding it may move the blocks before it: no pointer to them survives this call.
    if (type != MD_BLOCK_THEAD && type != MD_BLOCK_TBODY && type != MD_BLOCK_TR &&
        type != MD_BLOCK_TH && type != MD_BLOCK_TD) {
      sink_ = nullptr;
      open_ = nullptr;
    }
    switch (type) {
      case MD_BLOCK_DOC:
        stack_.push_back(Frame{&root, nullptr});
        break;
      case MD_BLOCK_QUOTE: {
        LessonBlock& quote = Add(LessonBlock::Kind::kQuote);
        stack_.push_back(Frame{&quote.children, &quote});
        break;
      }
      case MD_BLOCK_UL:
      case MD_BLOCK_OL: {
        LessonBlock& list = Add(LessonBlock::Kind::kList);
        list.ordered = type == MD_BLOCK_OL;
        if (list.ordered) list.start = static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start);
        stack_.push_back(Frame{nullptr, &list});
        break;
      }
      case MD_BLOCK_LI: {
        LessonBlock* list = stack_.back().block;
        list->items.emplace_back();
        if (const auto* d = static_cast<MD_BLOCK_LI_DETAIL*>(detail); d->is_task) {
          // The "[" before the mark: where a problem with the item points.
          const char* bracket = base_ + d->task_mark_offset - 1;
          list->tasks.resize(list->items.size());
          list->tasks.back() = TaskMark{d->task_mark, lines_.LineOf(bracket).value_or(0),
                                        lines_.ColumnOf(bracket)};
        } else if (!list->tasks.empty()) {
          list->tasks.resize(list->items.size());
        }
        stack_.push_back(Frame{&list->items.back(), list});
        break;
      }
      case MD_BLOCK_HR:
        Add(LessonBlock::Kind::kRule);
        break;
      case MD_BLOCK_H: {
        LessonBlock& heading = Add(LessonBlock::Kind::kHeading);
        heading.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        sink_ = &heading.text;
        open_ = &heading;
        break;
      }
      case MD_BLOCK_P: {
        LessonBlock& paragraph = Add(LessonBlock::Kind::kParagraph);
        sink_ = &paragraph.text;
        open_ = &paragraph;
        break;
      }
      case MD_BLOCK_CODE: {
        LessonBlock& code = Add(LessonBlock::Kind::kCode);
        const auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
        code.info.assign(d->lang.text != nullptr ? d->lang.text : "", d->lang.size);
        code_ = &code;
        open_ = &code;
        break;
      }
      case MD_BLOCK_TABLE: {
        LessonBlock& table = Add(LessonBlock::Kind::kTable);
        table_ = &table;
        open_ = &table;
        break;
      }
      case MD_BLOCK_THEAD:
        in_head_ = true;
        break;
      case MD_BLOCK_TBODY:
        in_head_ = false;
        break;
      case MD_BLOCK_TR:
        if (!in_head_) table_->rows.emplace_back();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        if (in_head_) {
          table_->header.emplace_back();
          sink_ = &table_->header.back();
        } else {
          table_->rows.back().emplace_back();
          sink_ = &table_->rows.back().back();
        }
        break;
      case MD_BLOCK_HTML:
        break;  // not produced: raw HTML is text (MD_FLAG_NOHTML)
    }
    return 0;
  }

  int LeaveBlock(MD_BLOCKTYPE type) {
    if (depth_ > kMaxLessonNesting) {
      if (IsContainer(type)) --depth_;
      return 0;
    }
    switch (type) {
      case MD_BLOCK_DOC:
        stack_.pop_back();
        break;
      case MD_BLOCK_QUOTE:
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        stack_.pop_back();
        --depth_;
        break;
      case MD_BLOCK_LI:
        stack_.pop_back();
        sink_ = nullptr;  // a tight item's text went to an implicit paragraph
        open_ = nullptr;
        break;
      case MD_BLOCK_H:
      case MD_BLOCK_P:
        sink_ = nullptr;
        open_ = nullptr;
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        sink_ = nullptr;
        break;
      case MD_BLOCK_CODE:
        if (code_->code_line == 0) {
          // No text told where it is (it is empty or blank): its fence is the first one after
          // the last text seen.
          code_->line = lines_.FenceAfter(last_line_);
          code_->code_line = code_->line + 1;
        }
        last_line_ = code_->code_line + static_cast<int>(std::count(code_->code.begin(), code_->code.end(), '\n'));
        code_ = nullptr;
        break;
      case MD_BLOCK_TABLE:
        table_ = nullptr;
        break;
      default:
        break;
    }
    return 0;
  }

  int Span(MD_SPANTYPE type, void* detail, bool enter) {
    if (depth_ > kMaxLessonNesting) return 0;
    unsigned flag = 0;
    switch (type) {
      case MD_SPAN_EM: flag = TextRun::kEmphasis; break;
      case MD_SPAN_STRONG: flag = TextRun::kStrong; break;
      case MD_SPAN_CODE: flag = TextRun::kCode; break;
      case MD_SPAN_DEL: flag = TextRun::kStrike; break;
      case MD_SPAN_A: {
        flag = TextRun::kLink;
        if (enter) {
          const auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
          href_.assign(d->href.text != nullptr ? d->href.text : "", d->href.size);
        }
        break;
      }
      default: return 0;  // images show their alt text; other spans are not enabled
    }
    style_ = enter ? (style_ | flag) : (style_ & ~flag);
    return 0;
  }

  void Append(std::string_view text) {
    if (sink_ == nullptr) {
      // A tight list item's text comes without a paragraph around it.
      if (stack_.empty() || stack_.back().target == nullptr) return;
      LessonBlock& paragraph = Add(LessonBlock::Kind::kParagraph);
      sink_ = &paragraph.text;
      open_ = &paragraph;
    }
    const std::string href = (style_ & TextRun::kLink) != 0 ? href_ : "";
    if (!sink_->empty() && sink_->back().style == style_ && sink_->back().href == href &&
        sink_->back().text != "\n") {
      sink_->back().text += text;
    } else {
      sink_->push_back(TextRun{std::string(text), style_, href});
    }
  }

  int Text(MD_TEXTTYPE type, std::string_view text) {
    const std::optional<int> line = lines_.LineOf(text.data());
    if (line) last_line_ = std::max(last_line_, *line);
    if (depth_ > kMaxLessonNesting) {
      if (line && too_deep_line_ == 0) too_deep_line_ = *line;
      return 0;
    }
    if (line) {
      for (auto& frame : stack_) {
        if (frame.block != nullptr && frame.block->line == 0) frame.block->line = *line;
      }
    }
    struct LineOfLeaf {  // gives the leaf being filled its line once the text is in it
      TreeBuilder& self;
      std::optional<int> line;
      ~LineOfLeaf() {
        if (line && self.open_ != nullptr && self.open_->line == 0) self.open_->line = *line;
      }
    } line_of_leaf{*this, line};
    if (code_ != nullptr) {
      if (line && code_->code_line == 0 && !text.empty() && text != "\n") {
        code_->code_line =
            *line - static_cast<int>(std::count(code_->code.begin(), code_->code.end(), '\n'));
        code_->line = code_->code_line - 1;  // the opening fence
      }
      code_->code += text;
      return 0;
    }
    switch (type) {
      case MD_TEXT_SOFTBR: Append(" "); break;
      case MD_TEXT_BR:
        if (sink_ != nullptr) sink_->push_back(TextRun{"\n", TextRun::kPlain, ""});
        break;
      case MD_TEXT_NULLCHAR: Append("\uFFFD"); break;
      case MD_TEXT_ENTITY: Append(DecodeEntity(text)); break;
      default: Append(text); break;
    }
    return 0;
  }

  const LineIndex& lines_;
  const char* base_ = nullptr;     // the text md4c reads: its offsets count from here
  std::vector<Frame> stack_;
  InlineText* sink_ = nullptr;     // where inline text goes
  LessonBlock* open_ = nullptr;    // the leaf block being filled (for its line)
  LessonBlock* code_ = nullptr;    // the code block being filled
  LessonBlock* table_ = nullptr;   // the table being filled
  bool in_head_ = false;
  int depth_ = 0;      // quotes and lists open
  bool too_deep_ = false;   // some blocks were nested too deep
  int too_deep_line_ = 0;   // the first line of text in them
  int last_line_ = 0;  // the last line text came from
  unsigned style_ = TextRun::kPlain;
  std::string href_;
};

}  // namespace

// Splits text into lines (without their "\n"; a final line without one counts too).
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto end = text.find('\n');
    out.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

MarkdownTree BuildMarkdownTree(std::string_view markdown, const LineIndex& lines) {
  TreeBuilder builder(lines);
  MarkdownTree tree;
  tree.parsed = builder.Parse(markdown);
  tree.too_deep_line = builder.too_deep_line();
  tree.root = std::move(builder.root);
  return tree;
}

}  // namespace stagecraft::core
