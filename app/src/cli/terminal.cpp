#include "cli/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
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

std::optional<core::ProgressStore> OpenProgress(std::string& err) {
  const std::string path = core::DefaultProgressPath();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  auto store = core::ProgressStore::Open(path);
  if (!store.ok()) {
    err += "note: progress is not saved: " + store.status().message() + "\n";
    return std::nullopt;
  }
  if (!store->notice().empty()) err += "note: " + store->notice() + "\n";
  return std::move(*store);
}

int TerminalWidth() {
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 40) {
    return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    const int width = std::atoi(columns);
    if (width >= 40) return width;
  }
  return 80;
}

bool InputIsTerminal() { return isatty(STDIN_FILENO) != 0; }

}  // namespace stagecraft::app
