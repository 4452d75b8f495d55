#pragma once
// Writing to and reading from the learner's terminal, for the commands that interact as they go
// (quiz, review, lesson) rather than print once at the end.

#include <optional>
#include <string>

#include "core/progress.h"

namespace stagecraft::app {

// Writes `text` to standard output at once (flushed), so prompts appear before input is read.
void Print(const std::string& text);

// Reads one line of standard input without its line end and trailing spaces; false at the end
// of input. When the input is piped rather than typed, the line is echoed after the prompt so
// the transcript reads like a session at a terminal.
bool ReadLine(std::string* line);

// Opens the learner's progress store (core::DefaultProgressPath), creating its folder. A
// moved-aside file is noted on `err` ("note: ..."); a store that cannot be opened too, and then
// nothing is returned: the command goes on without saving progress.
std::optional<core::ProgressStore> OpenProgress(std::string& err);

// The terminal's width: the window's when standard output is a terminal, else $COLUMNS, else 80
// (never below 40).
int TerminalWidth();

// Whether standard input is a terminal (a person typing) rather than a pipe or a file.
bool InputIsTerminal();

}  // namespace stagecraft::app
