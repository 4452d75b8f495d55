#include "core/lesson_text.h"

#include <algorithm>

#include "core/question_text.h"
#include "core/text_wrap.h"
#include "stagecraft/commands/scenario.h"
#include "stagecraft/commands/table.h"

namespace stagecraft::core {
namespace {

constexpr int kMaxTextWidth = 100;
constexpr int kMinTextWidth = 20;

using commands::DisplayWidth;

// `header` and `rows` as an aligned table (control characters in cells escaped).
std::string TableText(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
  commands::Table table(std::move(header));
  for (auto& row : rows) table.AddRow(std::move(row));
  return table.Render();
}

// Inline text as a terminal shows it: code in backticks, links with their address.
std::string Flatten(const InlineText& runs) {
  std::string out;
  for (const auto& run : runs) {
    if ((run.style & TextRun::kCode) != 0) {
      out += "`" + run.text + "`";
    } else {
      out += run.text;
    }
    if ((run.style & TextRun::kLink) != 0 && !run.href.empty() && run.text != run.href) {
      out += " (" + run.href + ")";
    }
  }
  return out;
}

// Blocks with `label` put in front of the first one's text when it is a paragraph (so that it
// wraps with it), else on a line of its own.
std::string FormatLabelled(const std::string& label, std::vector<LessonBlock> blocks, int width,
                           bool with_reveal);

std::string FormatBlocks(const std::vector<LessonBlock>& blocks, int width, bool with_reveal) {
  std::string out;
  for (const auto& block : blocks) {
    if (!out.empty()) out += "\n";
    out += FormatBlock(block, width, with_reveal);
  }
  return out;
}

std::string FormatLabelled(const std::string& label, std::vector<LessonBlock> blocks, int width,
                           bool with_reveal) {
  if (!blocks.empty() && blocks[0].kind == LessonBlock::Kind::kParagraph) {
    blocks[0].text.insert(blocks[0].text.begin(), TextRun{label + " ", TextRun::kStrong, ""});
    return Indented(FormatBlocks(blocks, width - 2, with_reveal), "  ").substr(2);
  }
  return label + "\n" + Indented(FormatBlocks(blocks, width - 2, with_reveal), "  ");
}

}  // namespace

std::string FormatReveal(const LessonBlock& callout, int width) {
  if (callout.reveal.empty()) return "";
  return FormatLabelled(std::string(CalloutRevealLabel(callout.callout)) + ":", callout.reveal,
                        width, true);
}

std::string FormatWalkthrough(const std::vector<WalkthroughStep>& steps, int width) {
  std::string out = "Process flow\n";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    out += "  " + std::to_string(i + 1) + ". " + steps[i].title + "\n";
  }
  auto run = RunWalkthrough(steps);
  if (!run.ok()) return out + "\n(the registry could not run the walkthrough: " + run.status().message() + ")\n";
  out += "\nExecution table\n";
  const std::string table = Indented(commands::FormatScenarioTable(*run), "  ");
  if (WidestLine(table) <= static_cast<std::size_t>(width)) {
    out += table;
  } else {
    // Too wide for the terminal: one step per entry, the command on its own line.
    for (const auto& row : commands::ScenarioTableRows(*run)) {
      out += Wrap(row[1], width, "  " + row[0] + (row[0].size() < 2 ? "  " : " ") + " ", "        ");
      std::string outcome = row[2].empty() ? "" : row[2] + (row[3].empty() ? "" : " in " + row[3]) + ": ";
      out += Wrap(outcome + row[4], width, "      ", "        ");
    }
  }
  const StatusTracker tracker = TrackStatus(*run);
  out += "\nStatus tracker (each version's stage after every step)\n";
  std::vector<std::string> header = {"After"};
  header.insert(header.end(), tracker.versions.begin(), tracker.versions.end());
  std::vector<std::vector<std::string>> tracked;
  for (std::size_t i = 0; i < tracker.cells.size(); ++i) {
    std::vector<std::string> row = {i == 0 ? "start" : "step " + std::to_string(i)};
    row.insert(row.end(), tracker.cells[i].begin(), tracker.cells[i].end());
    tracked.push_back(std::move(row));
  }
  out += Indented(TableText(header, tracked), "  ");
  return out;
}

std::string FormatBlock(const LessonBlock& block, int width, bool with_reveal) {
  using Kind = LessonBlock::Kind;
  // Tables use the whole width; prose wraps at 100 columns at most, which stays readable. Deep
  // nesting takes columns away: never fewer than 20 are left.
  width = std::max(width, kMinTextWidth);
  const int table_width = width;
  width = std::min(width, kMaxTextWidth);
  switch (block.kind) {
    case Kind::kHeading: {
      const std::string title = Flatten(block.text);
      if (block.level <= 2) return title + "\n" + std::string(DisplayWidth(title), block.level == 1 ? '=' : '-') + "\n";
      return title + "\n";
    }
    case Kind::kParagraph:
      return Wrap(Flatten(block.text), width, "", "");
    case Kind::kList: {
      std::string out;
      int number = block.start;
      for (const auto& item : block.items) {
        const std::string marker = block.ordered ? std::to_string(number++) + ". " : "- ";
        const std::string body = FormatBlocks(item, width - static_cast<int>(marker.size()), with_reveal);
        out += Indented(marker + body, std::string(marker.size(), ' ')).substr(marker.size());
      }
      return out;
    }
    case Kind::kCode:
      return Indented(block.code, "    ");
    case Kind::kQuote:
      return Indented(FormatBlocks(block.children, width - 2, with_reveal), "| ");
    case Kind::kRule:
      return std::string(static_cast<std::size_t>(std::min(width, 40)), '-') + "\n";
    case Kind::kTable: {
      std::vector<std::string> header;
      for (const auto& cell : block.header) header.push_back(Flatten(cell));
      std::vector<std::vector<std::string>> rows;
      for (const auto& row : block.rows) {
        std::vector<std::string> cells;
        for (const auto& cell : row) cells.push_back(Flatten(cell));
        rows.push_back(std::move(cells));
      }
      return Indented(TableText(header, rows), "  ");
    }
    case Kind::kConsole: {
      std::string out;
      for (const auto& command : block.console) {
        out += "    $ stagecraft " + command.command + "\n" + Indented(command.expected, "    ");
      }
      return out;
    }
    case Kind::kWalkthrough:
      return FormatWalkthrough(block.steps, table_width);
    case Kind::kCallout: {
      std::string out = FormatLabelled(std::string(CalloutLabel(block.callout)) + ":",
                                       block.children, width, with_reveal);
      if (with_reveal && !block.reveal.empty()) {
        out += '\n';
        out += FormatReveal(block, width);
      }
      return out;
    }
    case Kind::kQuiz: {
      if (!block.question) return "";
      std::string out = FormatQuestion(*block.question, width, "Question: ");
      if (with_reveal) out += FormatAnswer(*block.question, width);
      return out;
    }
  }
  return "";
}

}  // namespace stagecraft::core
