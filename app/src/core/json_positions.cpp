#include "core/json_positions.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <vector>

namespace stagecraft::core {

std::string JsonString(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string MemberPath(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string ElementPath(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

namespace {

// Walks the text keeping line and column (in code points) in step with the byte offset.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  TextPosition position() const { return {line_, column_}; }
  void advance() {
    const auto c = static_cast<unsigned char>(text_[pos_++]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {  // continuation bytes belong to the character before
      ++column_;
    }
  }
  // Skips a string starting at its opening quote.
  void SkipString() {
    advance();
    while (!done()) {
      const char c = peek();
      advance();
      if (c == '\\' && !done()) advance();
      else if (c == '"') return;
    }
  }
  // Reads a string starting at the opening quote; returns its raw content (escapes kept as
  // written except \" and \\, which is enough to name keys).
  std::string ReadString() {
    std::string out;
    advance();  // opening quote
    while (!done()) {
      char c = peek();
      if (c == '"') {
        advance();
        break;
      }
      if (c == '\\') {
        advance();
        if (done()) break;
        char escaped = peek();
        out += (escaped == '"' || escaped == '\\' || escaped == '/') ? escaped : '?';
        advance();
        continue;
      }
      out += c;
      advance();
    }
    return out;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

struct Frame {
  bool object = false;
  std::string path;           // the container's own path
  std::size_t index = 0;      // arrays: the element being read
  std::string key;            // objects: the member being read
  bool expecting_key = true;  // objects: the next string is a key
  std::size_t matched = 0;    // how much of the target path this container's path covers
  bool on_target = false;     // this container's path is a prefix of the target
};

constexpr int kIndexAfter = 16;

}  // namespace

TextPosition JsonPositions::At(const std::string& path) const {
  if (++lookups_ <= kIndexAfter) return Scan(&path, nullptr);
  if (index_.empty()) Scan(nullptr, &index_);
  std::string p = path;
  while (true) {
    auto found = index_.find(p);
    if (found != index_.end()) return found->second;
    if (p.empty()) return {};
    auto cut = p.find_last_of(".[");
    p = cut == std::string::npos ? "" : p.substr(0, cut);
  }
}

TextPosition JsonPositions::Scan(const std::string* target,
                                 std::map<std::string, TextPosition>* index) const {
  Cursor cursor(text_);
  std::vector<Frame> stack;
  TextPosition best;
  std::size_t best_matched = 0;
  bool found = false;
  // How far the path of the value about to start matches the target: the parent's match plus
  // this step (".key"/"key" or "[n]"), compared as text so keys with dots still match.
  auto step_match = [&](std::size_t* matched) -> bool {
    if (stack.empty()) {
      *matched = 0;
      return true;
    }
    const Frame& top = stack.back();
    if (!top.on_target) return false;
    std::string step;  // appended piecewise: "x" + string trips a false g++ 12 -Wrestrict
    if (top.object) {
      if (top.matched != 0) step += '.';
      step += top.key;
    } else {
      step += '[';
      step += std::to_string(top.index);
      step += ']';
    }
    if (target->compare(top.matched, step.size(), step) != 0) return false;
    const std::size_t end = top.matched + step.size();
    if (end != target->size() && (*target)[end] != '.' && (*target)[end] != '[') return false;
    *matched = end;
    return true;
  };
  // Called where a value starts; returns whether this value is the target itself.
  auto at_value = [&](bool* on_target, std::size_t* matched) -> bool {
    if (index != nullptr) {
      std::string path;
      if (!stack.empty()) {
        const Frame& top = stack.back();
        path = top.object ? MemberPath(top.path, top.key) : ElementPath(top.path, top.index);
      }
      (*index)[path] = cursor.position();  // the last of a repeated member wins
      *on_target = false;
      return false;
    }
    *on_target = step_match(matched);
    if (!*on_target) return false;
    if (*matched >= best_matched) {
      best = cursor.position();
      best_matched = *matched;
    }
    if (*matched == target->size()) {
      found = true;
      return true;
    }
    return false;
  };
  auto container_path = [&]() -> std::string {
    if (index == nullptr || stack.empty()) return "";
    const Frame& top = stack.back();
    return top.object ? MemberPath(top.path, top.key) : ElementPath(top.path, top.index);
  };
  while (!cursor.done()) {
    const char c = cursor.peek();
    switch (c) {
      case ' ': case '\t': case '\n': case '\r': case ':':
        cursor.advance();
        break;
      case ',':
        if (!stack.empty()) {
          if (stack.back().object) stack.back().expecting_key = true;
          else ++stack.back().index;
        }
        cursor.advance();
        break;
      case '{': case '[': {
        Frame frame;
        frame.object = c == '{';
        frame.path = container_path();
        at_value(&frame.on_target, &frame.matched);
        stack.push_back(std::move(frame));
        cursor.advance();
        break;
      }
      case '}': case ']':
        if (!stack.empty()) stack.pop_back();
        cursor.advance();
        // Past the container of the target: a repeated member can no longer come.
        if (found && target != nullptr && (stack.empty() || !stack.back().on_target ||
                                           stack.back().matched < best_matched)) {
          return best;
        }
        break;
      case '"':
        if (!stack.empty() && stack.back().object && stack.back().expecting_key) {
          stack.back().key = cursor.ReadString();
          stack.back().expecting_key = false;
        } else {
          bool on_target = false;
          std::size_t matched = 0;
          at_value(&on_target, &matched);
          cursor.SkipString();
        }
        break;
      default: {  // a number, true, false or null
        bool on_target = false;
        std::size_t matched = 0;
        at_value(&on_target, &matched);
        while (!cursor.done()) {
          const char d = cursor.peek();
          if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\t' ||
              d == '\r') {
            break;
          }
          cursor.advance();
        }
        break;
      }
    }
  }
  return best;
}

TextPosition PositionOfOffset(std::string_view text, std::size_t offset) {
  TextPosition position;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++position.column;
    }
  }
  return position;
}

int NestingDepth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace stagecraft::core
