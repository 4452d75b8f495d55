#include "core/lesson_loader.h"

#include <md4c.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>

#include "core/content_files.h"
#include "core/json_positions.h"
#include "core/quiz_rules.h"

namespace stagecraft::core {

namespace {

struct ModeInfo {
  LessonModeKind kind;
  const char* id;
  const char* heading;
};
constexpr std::array<ModeInfo, kLessonModeCount> kModes = {{
    {LessonModeKind::kWhy, "why", "Why"},
    {LessonModeKind::kCommands, "commands", "Commands and configuration"},
    {LessonModeKind::kDeepDive, "deep-dive", "Deep dive"},
    {LessonModeKind::kStepByStep, "step-by-step", "Step by step"},
    {LessonModeKind::kComplexity, "complexity", "Complexity"},
}};

struct CalloutInfo {
  CalloutKind kind;
  const char* label;
  const char* reveal;
};
constexpr std::array<CalloutInfo, 6> kCallouts = {{
    {CalloutKind::kPredict, "Predict", "Reveal"},
    {CalloutKind::kMyth, "Myth", "Reality"},
    {CalloutKind::kExpertNote, "Expert note", ""},
    {CalloutKind::kPitfall, "Pitfall", ""},
    {CalloutKind::kKeyMoment, "Key moment", ""},
    {CalloutKind::kTakeaway, "Takeaway", ""},
}};

}  // namespace

const char* LessonModeId(LessonModeKind kind) { return kModes[static_cast<int>(kind)].id; }
const char* LessonModeHeading(LessonModeKind kind) {
  return kModes[static_cast<int>(kind)].heading;
}
std::optional<LessonModeKind> LessonModeFromId(const std::string& id) {
  for (const auto& mode : kModes) {
    if (id == mode.id) return mode.kind;
  }
  return std::nullopt;
}
const char* CalloutLabel(CalloutKind kind) { return kCallouts[static_cast<int>(kind)].label; }
const char* CalloutRevealLabel(CalloutKind kind) {
  return kCallouts[static_cast<int>(kind)].reveal;
}

std::string PlainText(const InlineText& runs) {
  std::string out;
  for (const auto& run : runs) out += run.text;
  return out;
}

const LessonMode* Lesson::Mode(LessonModeKind kind) const {
  for (const auto& mode : modes) {
    if (mode.kind == kind) return &mode;
  }
  return nullptr;
}

const LessonBlock* Lesson::Walkthrough() const {
  const LessonMode* mode = Mode(LessonModeKind::kStepByStep);
  if (mode == nullptr) return nullptr;
  for (const auto& block : mode->blocks) {
    if (block.kind == LessonBlock::Kind::kWalkthrough) return &block;
  }
  return nullptr;
}

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

using quiz_rules::IsIdentifier;

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
  // Whether `p` points into the text, and if so its line.
  std::optional<int> LineOf(const char* p) const {
    if (p < text_.data() || p >= text_.data() + text_.size()) return std::nullopt;
    return LineOf(static_cast<std::size_t>(p - text_.data()));
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

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
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML;
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

// Checks and builds one lesson.
class LessonParser {
 public:
  LessonParser(std::string_view text, std::string path) : text_(text), lines_(text), path_(std::move(path)) {}

  LessonLoad Parse() {
    LessonLoad load;
    Lesson lesson;
    lesson.path = path_;
    const std::size_t body = FrontMatter(lesson);
    if (body == std::string_view::npos) {
      load.problems = std::move(problems_);
      return load;
    }
    TreeBuilder builder(lines_);
    if (!builder.Parse(text_.substr(body))) {
      Report(lines_.LineOf(body), "", "the Markdown could not be parsed");
    }
    if (builder.too_deep_line() != 0) {
      Report(builder.too_deep_line(), "",
             "quotes and lists are nested deeper than " + std::to_string(kMaxLessonNesting) +
                 " levels; what is deeper is left out");
    }
    Modes(std::move(builder.root), lesson);
    Lessonwide(lesson);
    load.lesson = std::move(lesson);
    load.problems = std::move(problems_);
    return load;
  }

 private:
  void Report(int line, std::string where, std::string message, int column = 1) {
    problems_.push_back(QuizProblem{path_, line, column, std::move(where), std::move(message)});
  }

  // Reads the front matter into `lesson`; returns the offset of the body, or npos when there is
  // no usable front matter.
  std::size_t FrontMatter(Lesson& lesson) {
    const auto all = SplitLines(text_);
    if (all.empty() || Trim(all[0]) != "---") {
      Report(1, "", "a lesson starts with front matter: a \"---\" line, then id, title and topic "
                    "as \"key: value\" lines, then \"---\"");
      return std::string_view::npos;
    }
    std::size_t offset = all[0].size() + 1;
    std::set<std::string> seen;
    for (std::size_t i = 1; i < all.size(); ++i) {
      const int line = static_cast<int>(i) + 1;
      const std::string_view raw = all[i];
      offset += raw.size() + 1;
      const std::string_view entry = Trim(raw);
      if (entry == "---") {
        for (const char* key : {"id", "title", "topic"}) {
          if (!seen.count(key)) {
            Report(1, "", std::string("front matter is missing \"") + key + "\"");
          }
        }
        if (!seen.count("id")) return std::string_view::npos;
        return std::min(offset, text_.size());
      }
      if (entry.empty()) continue;
      const auto colon = entry.find(':');
      if (colon == std::string_view::npos) {
        Report(line, "", "front matter lines are \"key: value\"; this one has no colon");
        continue;
      }
      const std::string key(Trim(entry.substr(0, colon)));
      std::string value(Trim(entry.substr(colon + 1)));
      // Quotes around a value, as YAML writers are used to, are not part of it.
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
          value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
      }
      const int value_column = static_cast<int>(raw.find(':') + 2);
      if (!seen.insert(key).second) {
        Report(line, key, "is given twice");
        continue;
      }
      if (value.empty()) {
        Report(line, key, "must not be empty", value_column);
        continue;
      }
      if (key == "id") {
        lesson.id = value;
        lesson.id_line = line;
        if (!IsIdentifier(value)) {
          Report(line, key, "\"" + value + "\" is not an identifier (letters, digits, - and _; at most 64)",
                 value_column);
        }
      } else if (key == "title") {
        lesson.title = value;
      } else if (key == "topic") {
        lesson.topic = value;
      } else if (key == "summary") {
        lesson.summary = value;
      } else if (key == "quiz") {
        lesson.quiz_id = value;
      } else if (key == "minutes") {
        const bool digits = value.size() <= 4 && std::all_of(value.begin(), value.end(), [](unsigned char c) {
                              return std::isdigit(c);
                            });
        if (!digits || std::stoi(value) < 1) {
          Report(line, key, "must be a whole number of minutes from 1 up", value_column);
        } else {
          lesson.minutes = std::stoi(value);
        }
      } else {
        Report(line, key, "unknown front matter key (known: id, title, topic, summary, minutes, quiz)");
      }
    }
    Report(1, "", "the front matter has no closing \"---\" line");
    return std::string_view::npos;
  }

  // Splits the document at level-1 headings into modes.
  void Modes(std::vector<LessonBlock> blocks, Lesson& lesson) {
    bool reported_stray = false;
    std::set<LessonModeKind> seen;
    LessonMode* current = nullptr;
    for (auto& block : blocks) {
      if (block.kind == LessonBlock::Kind::kHeading && block.level == 1) {
        const std::string heading(Trim(PlainText(block.text)));
        std::optional<LessonModeKind> kind;
        for (const auto& mode : kModes) {
          if (heading == mode.heading) kind = mode.kind;
        }
        if (!kind) {
          std::string known;
          for (const auto& mode : kModes) known += (known.empty() ? "" : ", ") + std::string(mode.heading);
          Report(block.line, "mode", "\"" + heading + "\" is not a learning mode (known: " + known + ")");
          current = nullptr;
          reported_stray = true;  // its blocks belong to no mode; one problem is enough
          continue;
        }
        if (!seen.insert(*kind).second) {
          Report(block.line, "mode", "\"" + heading + "\" appears twice");
          current = nullptr;
          reported_stray = true;
          continue;
        }
        lesson.modes.push_back(LessonMode{*kind, block.line, {}});
        current = &lesson.modes.back();
        continue;
      }
      if (current == nullptr) {
        if (!reported_stray) {
          Report(block.line, "", "text before the first mode heading (# Why, # Commands and "
                                 "configuration, # Deep dive, # Step by step, # Complexity)");
          reported_stray = true;
        }
        continue;
      }
      current->blocks.push_back(std::move(block));
    }
    if (lesson.modes.empty() && !reported_stray) {
      Report(1, "", "a lesson needs at least one mode heading (# Why, # Commands and "
                    "configuration, # Deep dive, # Step by step, # Complexity)");
    }
    for (auto& mode : lesson.modes) {
      mode_ = mode.kind;
      Interpret(mode.blocks, lesson);
      if (mode.kind == LessonModeKind::kStepByStep && !walkthrough_seen_) {
        Report(mode.line, "walkthrough", "the # Step by step mode needs a walkthrough block");
      }
    }
  }

  // Gives code blocks and quotes their lesson meaning, recursively.
  void Interpret(std::vector<LessonBlock>& blocks, const Lesson& lesson, bool top_level = true) {
    for (auto& block : blocks) {
      switch (block.kind) {
        case LessonBlock::Kind::kCode:
          if (block.info == "console") Console(block);
          else if (block.info == "walkthrough") Walkthrough(block, top_level);
          else if (block.info == "quiz") QuizBlock(block, lesson);
          break;
        case LessonBlock::Kind::kQuote:
          Interpret(block.children, lesson, false);
          Callout(block);
          break;
        case LessonBlock::Kind::kList:
          for (auto& item : block.items) Interpret(item, lesson, false);
          break;
        default:
          break;
      }
    }
  }

  // Counts one more command for the engine; false (reported once) past kMaxLessonCommands.
  bool CountCommand(int line) {
    if (++command_count_ <= kMaxLessonCommands) return true;
    if (command_count_ == kMaxLessonCommands + 1) {
      Report(line, "", "a lesson runs at most " + std::to_string(kMaxLessonCommands) +
                           " commands (console and walkthrough together); this one and those "
                           "after it are left out");
    }
    return false;
  }

  int CodeLine(const LessonBlock& block, std::size_t index) const {
    return (block.code_line > 0 ? block.code_line : block.line + 1) + static_cast<int>(index);
  }

  void Console(LessonBlock& block) {
    block.kind = LessonBlock::Kind::kConsole;
    const std::size_t problems_before = problems_.size();
    const auto lines = SplitLines(block.code);
    bool skipping = false;  // the output of a "$" line that is not a checked command
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string_view line = lines[i];
      if (line.rfind("$", 0) == 0) {
        const std::string_view command = Trim(line.substr(1));
        skipping = true;
        if (command == "stagecraft") {
          Report(CodeLine(block, i), "console", "a command follows \"$ stagecraft \"");
          continue;
        }
        if (command.rfind("stagecraft ", 0) != 0) {
          Report(CodeLine(block, i), "console",
                 "only stagecraft commands can be checked; show other tools in a block such as "
                 "```shell or ```text");
          continue;
        }
        skipping = false;
        if (!CountCommand(CodeLine(block, i))) break;
        block.console.push_back(
            ConsoleCommand{CodeLine(block, i), std::string(Trim(command.substr(11))), ""});
      } else if (skipping) {
        continue;
      } else if (block.console.empty()) {
        if (!Trim(line).empty()) {
          Report(CodeLine(block, i), "console",
                 "output before the first command: commands start with \"$ stagecraft \"");
        }
      } else {
        std::string_view output = line;
        if (!output.empty() && output.back() == '\r') output.remove_suffix(1);
        block.console.back().expected += std::string(output) + "\n";
      }
    }
    if (block.console.empty() && problems_.size() == problems_before) {
      Report(block.line, "console", "a console block needs at least one \"$ stagecraft\" command");
    }
  }

  void Walkthrough(LessonBlock& block, bool top_level) {
    block.kind = LessonBlock::Kind::kWalkthrough;
    if (mode_ != LessonModeKind::kStepByStep) {
      Report(block.line, "walkthrough", "a walkthrough belongs in the # Step by step mode");
    } else if (!top_level) {
      Report(block.line, "walkthrough",
             "a walkthrough stands on its own in # Step by step, not inside a quote or list");
    } else if (walkthrough_seen_) {
      Report(block.line, "walkthrough", "a lesson has one walkthrough; this is a second");
    }
    walkthrough_seen_ = true;
    const auto lines = SplitLines(block.code);
    WalkthroughStep step;
    bool narrated = false;
    int narration_line = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string_view line = Trim(lines[i]);
      const int at = CodeLine(block, i);
      if (line.empty()) continue;
      if (line.front() == '#') {
        const std::string_view comment = Trim(line.substr(1));
        if (comment == "expect: refused") {
          step.expect_refused = true;
        } else if (comment.rfind("expect:", 0) == 0) {
          Report(at, "walkthrough step " + std::to_string(block.steps.size() + 1),
                 "the only expectation is \"# expect: refused\"");
        } else if (!narrated) {
          step.title = std::string(comment);
          narrated = true;
          narration_line = at;
        } else {
          step.narration.emplace_back(comment);
        }
        continue;
      }
      const std::string where = "walkthrough step " + std::to_string(block.steps.size() + 1);
      if (!CountCommand(at)) {
        narrated = false;
        break;
      }
      auto parsed = commands::ParseScript(line);
      if (!parsed.ok() || parsed->size() != 1) {
        Report(at, where, parsed.ok() ? "not a command" : parsed.status().message());
      } else {
        step.command = (*parsed)[0].command;
      }
      if (!narrated || step.title.empty()) {
        Report(at, where, "needs narration: a \"#\" title line (and any explanation) above the command");
      }
      step.line = at;
      block.steps.push_back(std::move(step));
      step = WalkthroughStep{};
      narrated = false;
    }
    if (narrated) {
      Report(narration_line, "walkthrough", "narration after the last command belongs to no step");
    }
    if (block.steps.empty() && command_count_ <= kMaxLessonCommands) {
      Report(block.line, "walkthrough", "a walkthrough needs at least one command");
    }
  }

  void QuizBlock(LessonBlock& block, const Lesson& lesson) {
    block.kind = LessonBlock::Kind::kQuiz;
    if (++question_count_ > kMaxLessonQuestions) {
      if (question_count_ == kMaxLessonQuestions + 1) {
        Report(block.line, "quiz", "a lesson holds at most " + std::to_string(kMaxLessonQuestions) +
                                       " quiz blocks; this one and those after it are left out");
      }
      return;
    }
    // The question is checked by the quiz loader, inside a one-question quiz whose first line
    // is added before the block's text, so that line k of the block is line k + 1 there.
    const std::string topic = JsonString(lesson.topic.empty() ? "lesson" : lesson.topic);
    std::string wrapped = "{\"format\": 1, \"id\": \"lesson\", \"title\": \"lesson\", \"topic\": " +
                          topic + ", \"questions\": [\n";
    wrapped += block.code;
    wrapped += "\n]}";
    const int first = block.code_line > 0 ? block.code_line : block.line + 1;
    auto to_file_line = [&](int line) { return std::max(first, first + line - 2); };
    QuizLoad load = ParseQuiz(wrapped, path_);
    // Problems name the question by its id, even when the problem dropped the question.
    std::string id = "?";
    const nlohmann::json parsed = nlohmann::json::parse(block.code, nullptr, false);
    if (parsed.is_object() && parsed.contains("id") && parsed["id"].is_string()) {
      id = parsed["id"].get<std::string>();
    }
    const std::string where = "quiz[" + id + "]";
    for (auto& problem : load.problems) {
      std::string at = problem.path;
      if (at.rfind("questions[0]", 0) == 0) at = where + at.substr(12);
      else at = "quiz";
      Report(to_file_line(problem.line), at, problem.message,
             problem.line >= 2 ? problem.column : 1);
    }
    if (!load.quiz) return;
    if (load.quiz->questions.size() > 1) {
      Report(block.line, "quiz", "a quiz block holds exactly one question");
      return;
    }
    if (load.quiz->questions.empty()) {
      if (load.problems.empty()) Report(block.line, "quiz", "the quiz block holds no question");
      return;
    }
    Question question = std::move(load.quiz->questions[0]);
    if (!quiz_ids_.insert(question.id).second) {
      Report(first, where + ".id", "\"" + question.id + "\" is already used by another quiz block of this lesson");
    }
    if (question.verify) question.verify->line = to_file_line(question.verify->line);
    block.question = std::move(question);
  }

  void Callout(LessonBlock& quote) {
    if (quote.children.empty() || quote.children[0].kind != LessonBlock::Kind::kParagraph) return;
    InlineText& first = quote.children[0].text;
    if (first.empty() || first[0].style != TextRun::kStrong) return;
    std::string label = std::string(Trim(first[0].text));
    if (label.empty()) return;
    if (label.back() == ':') {
      label.pop_back();
    } else if (first.size() > 1 && first[1].style == TextRun::kPlain &&
               first[1].text.rfind(":", 0) == 0) {
      first[1].text.erase(0, 1);  // "**Predict**:" -- the colon outside the bold
      if (first[1].text.empty()) first.erase(first.begin() + 1);
    } else {
      return;
    }
    const CalloutInfo* info = nullptr;
    for (const auto& callout : kCallouts) {
      if (label == callout.label) info = &callout;
    }
    if (info == nullptr) {
      bool is_reveal = false;
      for (const auto& callout : kCallouts) is_reveal |= label == callout.reveal;
      std::string known;
      for (const auto& callout : kCallouts) known += (known.empty() ? "" : ", ") + std::string(callout.label);
      Report(quote.line, "callout",
             "\"**" + label + ":**\" is not a callout label" +
                 (is_reveal ? " to start a quote with; it follows a \"**Predict:**\" or \"**Myth:**\" in the same quote" : "") +
                 " (known: " + known + ")");
      return;
    }
    quote.kind = LessonBlock::Kind::kCallout;
    quote.callout = info->kind;
    StripLabel(first);
    if (*info->reveal == '\0') return;
    const std::string reveal = std::string(info->reveal) + ":";
    for (std::size_t i = 1; i < quote.children.size(); ++i) {
      LessonBlock& child = quote.children[i];
      if (child.kind == LessonBlock::Kind::kParagraph && !child.text.empty() &&
          child.text[0].style == TextRun::kStrong &&
          (Trim(child.text[0].text) == reveal ||
           (Trim(child.text[0].text) == info->reveal && child.text.size() > 1 &&
            child.text[1].style == TextRun::kPlain && child.text[1].text.rfind(":", 0) == 0))) {
        if (Trim(child.text[0].text) == info->reveal) {
          child.text[1].text.erase(0, 1);  // "**Reveal**:"
          if (child.text[1].text.empty()) child.text.erase(child.text.begin() + 1);
        }
        StripLabel(child.text);
        quote.reveal.assign(std::make_move_iterator(quote.children.begin() + static_cast<std::ptrdiff_t>(i)),
                            std::make_move_iterator(quote.children.end()));
        quote.children.erase(quote.children.begin() + static_cast<std::ptrdiff_t>(i), quote.children.end());
        return;
      }
    }
    Report(quote.line, "callout",
           std::string("a \"**") + info->label + ":**\" quote needs a later paragraph starting \"**" +
               info->reveal + ":**\"");
  }

  // Removes the bold label (the first run) and the space after it.
  static void StripLabel(InlineText& text) {
    text.erase(text.begin());
    if (!text.empty()) {
      std::string& rest = text[0].text;
      rest.erase(0, rest.find_first_not_of(' ') == std::string::npos ? rest.size() : rest.find_first_not_of(' '));
      if (rest.empty()) text.erase(text.begin());
    }
  }

  void Lessonwide(const Lesson& lesson) {
    const LessonBlock* walkthrough = lesson.Walkthrough();
    const std::size_t steps = walkthrough != nullptr ? walkthrough->steps.size() : 0;
    ForEachQuestion(lesson, [&](const Question& question) {
      if (!question.verify || question.verify->after_step == 0) return;
      const std::string where = "quiz[" + question.id + "].verify.after-step";
      if (walkthrough == nullptr) {
        Report(question.verify->line, where, "the lesson has no walkthrough to run steps of");
      } else if (static_cast<std::size_t>(question.verify->after_step) > steps) {
        Report(question.verify->line, where,
               "step " + std::to_string(question.verify->after_step) + " does not exist; the walkthrough has " +
                   std::to_string(steps) + (steps == 1 ? " step" : " steps"));
      }
    });
  }

 public:
  template <typename F>
  static void ForEachQuestion(const Lesson& lesson, F&& visit) {
    for (const auto& mode : lesson.modes) ForEachBlock(mode.blocks, [&](const LessonBlock& block) {
        if (block.kind == LessonBlock::Kind::kQuiz && block.question) visit(*block.question);
      });
  }

  template <typename F>
  static void ForEachBlock(const std::vector<LessonBlock>& blocks, F&& visit) {
    for (const auto& block : blocks) {
      visit(block);
      ForEachBlock(block.children, visit);
      ForEachBlock(block.reveal, visit);
      for (const auto& item : block.items) ForEachBlock(item, visit);
    }
  }

 private:
  std::string_view text_;
  LineIndex lines_;
  std::string path_;
  std::vector<QuizProblem> problems_;
  LessonModeKind mode_ = LessonModeKind::kWhy;
  bool walkthrough_seen_ = false;
  std::set<std::string> quiz_ids_;
  std::size_t command_count_ = 0;
  std::size_t question_count_ = 0;
};

// Lines with trailing spaces removed and final blank lines dropped: how console output compares.
std::vector<std::string> OutputLines(std::string_view text) {
  std::vector<std::string> out;
  for (auto line : SplitLines(text)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    out.emplace_back(line);
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}



// The offset of the first byte that does not belong to well-formed UTF-8, or npos.
std::size_t FirstInvalidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || (length == 2 && c < 0xC2) || (length == 4 && c > 0xF4) ||
        i + length > text.size()) {
      return i;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    if (length == 3) {
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return i;  // overlong, surrogate
    }
    if (length == 4) {
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace

LessonLoad ParseLesson(std::string_view text, const std::string& path) {
  if (text.size() > kMaxLessonFileBytes) {
    LessonLoad load;
    load.problems.push_back(QuizProblem{path, 1, 1, "", "the file is " + std::to_string(text.size()) +
                                                          " bytes; at most " +
                                                          std::to_string(kMaxLessonFileBytes) +
                                                          " are allowed"});
    return load;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (const auto bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
    const TextPosition at = PositionOfOffset(text, bad);
    LessonLoad load;
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    load.problems.push_back(QuizProblem{
        path, at.line, at.column, "",
        std::string("the file is not valid UTF-8 (byte ") + hex + "); save it as UTF-8"});
    return load;
  }
  return LessonParser(text, path).Parse();
}

LessonLoad LoadLessonFile(const std::string& path) {
  auto text = ReadContentFile(path, kMaxLessonFileBytes);
  if (!text.ok()) {
    LessonLoad load;
    load.problems.push_back(QuizProblem{path, 1, 1, "", text.status().message()});
    return load;
  }
  return ParseLesson(*text, path);
}

engine::Result<commands::ScenarioRun> RunWalkthrough(
    const std::vector<WalkthroughStep>& steps) {
  std::vector<commands::ScriptLine> lines;
  lines.reserve(steps.size());
  for (const auto& step : steps) lines.push_back(commands::ScriptLine{step.line, step.command});
  return commands::RunScenario(lines);
}

std::vector<const Question*> Lesson::Questions() const {
  std::vector<const Question*> out;
  LessonParser::ForEachQuestion(*this, [&](const Question& question) { out.push_back(&question); });
  return out;
}

std::vector<QuizProblem> CheckLessonOnEngine(const Lesson& lesson) {
  std::vector<QuizProblem> problems;
  auto report = [&](int line, std::string where, std::string message) {
    problems.push_back(QuizProblem{lesson.path, line, 1, std::move(where), std::move(message)});
  };

  // Console blocks: each mode on its own fresh registry.
  for (const auto& mode : lesson.modes) {
    std::vector<const ConsoleCommand*> commands_in_mode;
    LessonParser::ForEachBlock(mode.blocks, [&](const LessonBlock& block) {
      for (const auto& command : block.console) commands_in_mode.push_back(&command);
    });
    if (commands_in_mode.empty()) continue;
    std::vector<commands::ScriptLine> script;
    for (const auto* command : commands_in_mode) {
      script.push_back(commands::ScriptLine{command->line, command->command});
    }
    auto run = commands::RunScenario(script);
    if (!run.ok()) {
      report(mode.line, "console", "the registry could not run the commands: " + run.status().message());
      continue;
    }
    for (std::size_t i = 0; i < run->size() && i < commands_in_mode.size(); ++i) {
      const auto& step = (*run)[i];
      const ConsoleCommand& command = *commands_in_mode[i];
      if (step.usage_error) {
        report(command.line, "console",
               "`" + command.command + "` is not a Stagecraft registry command: " + step.error);
        continue;
      }
      const std::string printed = step.ok ? step.output : "error: " + step.error + "\n";
      const auto got = OutputLines(printed);
      const auto want = OutputLines(command.expected);
      if (got == want) continue;
      const std::string shown = "`" + command.command + "` ";
      std::size_t at = 0;
      while (at < got.size() && at < want.size() && got[at] == want[at]) ++at;
      std::string message;
      if (at < got.size() && at < want.size()) {
        message = shown + "printed " + JsonString(got[at]) + " where the lesson expects " +
                  JsonString(want[at]) + " (line " + std::to_string(at + 1) + " of its output)";
      } else if (at < got.size()) {
        message = shown + "printed more than the lesson expects: line " + std::to_string(at + 1) +
                  " is " + JsonString(got[at]);
      } else {
        message = shown + "printed less than the lesson expects: line " + std::to_string(at + 1) +
                  " should be " + JsonString(want[at]) + (got.empty() ? " but it printed nothing" : "");
      }
      report(command.line, "console", message);
    }
  }

  // The walkthrough: refusals where (and only where) the narration expects them.
  const LessonBlock* walkthrough = lesson.Walkthrough();
  // Run once: quiz blocks with "after-step" start from copies of its states.
  engine::Result<commands::ScenarioRun> run = engine::Status::NotFound("no walkthrough");
  if (walkthrough != nullptr && !walkthrough->steps.empty()) {
    run = RunWalkthrough(walkthrough->steps);
    if (!run.ok()) {
      report(walkthrough->line, "walkthrough", "the registry could not run it: " + run.status().message());
    } else {
      for (std::size_t i = 0; i < run->size(); ++i) {
        const auto& step = (*run)[i];
        const WalkthroughStep& expected = walkthrough->steps[i];
        const std::string where = "walkthrough step " + std::to_string(i + 1);
        if (step.usage_error) {
          report(expected.line, where,
                 "`" + expected.command + "` is not a Stagecraft registry command: " + step.error);
        } else if (!step.ok && !expected.expect_refused) {
          report(expected.line, where,
                 "was refused (" + step.error + "); mark it \"# expect: refused\" if that is the point");
        } else if (step.ok && expected.expect_refused) {
          report(expected.line, where, "is marked \"# expect: refused\" but the registry accepted it");
        }
      }
    }
  }

  // Quiz blocks: their verify, after the walkthrough's first steps where they ask for them.
  LessonParser::ForEachQuestion(lesson, [&](const Question& question) {
    if (!question.verify) return;
    Quiz quiz;
    quiz.path = lesson.path;
    quiz.id = lesson.id;
    quiz.topic = lesson.topic;
    quiz.questions.push_back(question);
    const VerifyBlock& verify = *quiz.questions[0].verify;
    VerifyStart start;
    if (verify.after_step > 0) {
      if (walkthrough == nullptr || static_cast<std::size_t>(verify.after_step) > walkthrough->steps.size()) {
        return;  // reported when the lesson was loaded
      }
      if (!run.ok()) return;  // reported with the walkthrough
      start = VerifyStart{&*run, static_cast<std::size_t>(verify.after_step)};
    }
    for (auto& problem : VerifyQuestion(quiz, 0, start)) {
      problem.path = "quiz[" + question.id + "].verify";
      problem.column = 1;
      problems.push_back(std::move(problem));
    }
  });
  return problems;
}

StatusTracker TrackStatus(const commands::ScenarioRun& run) {
  // Folds each step's touched versions (every version whose stage or aliases changed is among
  // them) into the stage and aliases of every version, a row per step.
  StatusTracker tracker;
  std::vector<std::pair<std::string, std::int64_t>> keys;  // tracker.versions' order
  std::vector<std::string> current;                        // the row being built
  tracker.cells.emplace_back();
  for (const auto& step : run) {
    std::vector<std::pair<std::string, std::int64_t>> appeared;
    for (const auto& touched : step.touched) {
      const auto key = std::make_pair(touched.model_name, touched.version);
      if (touched.exists && std::find(keys.begin(), keys.end(), key) == keys.end() &&
          std::find(appeared.begin(), appeared.end(), key) == appeared.end()) {
        appeared.push_back(key);
      }
    }
    std::sort(appeared.begin(), appeared.end());  // the registry's order: model, then version
    for (const auto& key : appeared) {
      keys.push_back(key);
      tracker.versions.push_back(key.first + " v" + std::to_string(key.second));
      current.push_back("—");
    }
    for (const auto& touched : step.touched) {
      const auto at = std::find(keys.begin(), keys.end(),
                                std::make_pair(touched.model_name, touched.version));
      if (at == keys.end()) continue;
      std::string cell = touched.exists ? touched.stage : "—";
      for (const auto& alias : touched.aliases) cell += " @" + alias;
      current[static_cast<std::size_t>(at - keys.begin())] = std::move(cell);
    }
    tracker.cells.push_back(current);
  }
  // One cell per version in every row: a version's column comes after those of the versions
  // before it, so the rows built before it existed are padded with "—" at the end.
  for (auto& row : tracker.cells) row.resize(keys.size(), "—");
  return tracker;
}

}  // namespace stagecraft::core
