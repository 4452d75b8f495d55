#include "cli/terminal.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace stagecraft::app {

void Print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

bool ReadLine(std::string* line) {
  if (!std::getline(std::cin, *line)) return false;
  while (!line->empty() && (line->back() == '\r' || line->back() == ' ')) line->pop_back();
  if (!isatty(STDIN_FILENO)) Print(*line + "\n");
  return true;
}

}  // namespace stagecraft::app
