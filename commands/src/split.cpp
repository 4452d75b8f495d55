#include <cctype>

#include "stagecraft/commands/command_line.h"

namespace stagecraft::commands {

engine::Result<std::vector<std::string>> SplitCommandLine(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\'') {
      std::size_t close = line.find('\'', i + 1);
      if (close == std::string_view::npos) {
        return engine::Status::InvalidArgument("column " + std::to_string(i + 1) +
                                               ": the single quote is never closed");
      }
      word.append(line.substr(i + 1, close - i - 1));
      in_word = true;
      i = close;
    } else if (c == '"') {
      std::size_t start = i;
      bool closed = false;
      for (++i; i < line.size(); ++i) {
        if (line[i] == '"') {
          closed = true;
          break;
        }
        // Inside double quotes a backslash escapes only these, as in a POSIX shell.
        if (line[i] == '\\' && i + 1 < line.size() &&
            std::string_view("\"\\$`").find(line[i + 1]) != std::string_view::npos) {
          ++i;
        }
        word += line[i];
      }
      if (!closed) {
        return engine::Status::InvalidArgument("column " + std::to_string(start + 1) +
                                               ": the double quote is never closed");
      }
      in_word = true;
    } else if (c == '\\') {
      if (i + 1 == line.size()) {
        return engine::Status::InvalidArgument("column " + std::to_string(i + 1) +
                                               ": a backslash ends the line");
      }
      word += line[++i];
      in_word = true;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace stagecraft::commands
