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

std::string FormatReveal(const LessonBlock& callout, int width, bool with_answer) {
  if (callout.reveal.empty()) return "";
  std::vector<LessonBlock> reveal = callout.reveal;
  if (with_answer && !callout.choices.empty()) {
    const std::string answer = "The answer is " + OptionLetter(callout.choice_answer) + ".";
    if (reveal[0].kind == LessonBlock::Kind::kParagraph) {
      reveal[0].text.insert(reveal[0].text.begin(), TextRun{answer + " ", TextRun::kPlain, ""});
    } else {
      LessonBlock paragraph;
      paragraph.text = {TextRun{answer, TextRun::kPlain, ""}};
      reveal.insert(reveal.begin(), std::move(paragraph));
    }
  }
  return FormatLabelled(std::string(CalloutRevealLabel(callout.callout)) + ":", std::move(reveal),
                        width, true);
}

std::string ChoiceVerdict(const LessonBlock& callout, int choice) {
  const std::string answer = OptionLetter(callout.choice_answer);
  if (choice == callout.choice_answer) return "Your prediction was right: the answer is " + answer + ".";
  return "Your prediction was wrong: the answer is " + answer + ", not " + OptionLetter(choice) + ".";
}

AnswerFeedback GradeChoice(const LessonBlock& callout, int choice) {
  AnswerFeedback feedback;
  feedback.correct = choice == callout.choice_answer;
  feedback.credit = feedback.correct ? 1 : 0;
  feedback.points = feedback.correct ? 1 : 0;
  feedback.chosen = {choice};
  feedback.answers = {callout.choice_answer};
  for (int shown = 0; shown < static_cast<int>(callout.choices.size()); ++shown) {
    if (shown != choice && shown != callout.choice_answer) continue;
    feedback.involved.push_back(
        OptionVerdict{shown, shown == choice, shown == callout.choice_answer, ""});
  }
  return feedback;
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
      for (std::size_t i = 0; i < block.choices.size(); ++i) {
        const std::string letter = "  " + OptionLetter(static_cast<int>(i)) + ". ";
        out += Wrap(Flatten(block.choices[i]), width, letter, std::string(letter.size(), ' '));
      }
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

// ---------------------------------------------------------------------------------------------
// The interactive walkthrough

namespace {

std::string V(std::int64_t version) { return "v" + std::to_string(version); }

std::string Served(const std::optional<std::int64_t>& primary, const std::optional<std::int64_t>& canary,
                   int canary_traffic) {
  if (!primary) return "nothing";
  std::string text = V(*primary);
  if (canary) text += " with " + V(*canary) + " as a canary at " + std::to_string(canary_traffic) + "%";
  return text;
}

}  // namespace

std::vector<std::string> StepChangeLines(const StepChanges& changes) {
  std::vector<std::string> lines;
  for (const auto& v : changes.created) lines.push_back(v.model_name + " " + V(v.version) + " created");
  for (const auto& m : changes.stage_moves) {
    lines.push_back(m.version.model_name + " " + V(m.version.version) + ": " + m.from_stage + " -> " +
                    m.to_stage);
  }
  for (const auto& v : changes.deleted) lines.push_back(v.model_name + " " + V(v.version) + " deleted");
  for (const auto& a : changes.alias_changes) {
    const std::string alias = "alias " + a.alias + " of " + a.model_name;
    if (!a.from_version) lines.push_back(alias + " set to " + V(*a.to_version));
    else if (!a.to_version) lines.push_back(alias + " deleted (was " + V(*a.from_version) + ")");
    else lines.push_back(alias + ": " + V(*a.from_version) + " -> " + V(*a.to_version));
  }
  for (const auto& c : changes.serving_changes) {
    const std::string now = Served(c.version_after, c.canary_after, c.canary_traffic_after);
    const std::string was = Served(c.version_before, c.canary_before, c.canary_traffic_before);
    lines.push_back(c.environment + " serves " + c.model_name + " " + now + " (was " + was + ")");
  }
  for (const auto& r : changes.request_changes) {
    lines.push_back("request " + std::to_string(r.request.id) + " " + RequestChangeName(r.kind) +
                    ": " + r.request.model_name + " " + V(r.request.version) + " to " +
                    r.request.to_stage);
  }
  return lines;
}

std::string FormatPlayedStep(const WalkthroughPlayer& player, std::size_t k, int width) {
  width = std::clamp(width, kMinTextWidth, kMaxTextWidth);
  const WalkthroughStep& step = player.Step(k);
  const commands::ScenarioStep& result = player.StepResult(k);
  std::string out = "Step " + std::to_string(k) + " of " + std::to_string(player.size()) + ": " +
                    step.title + "\n";
  for (const auto& line : step.narration) out += Wrap(line, width, "  ", "  ");
  out += Wrap("$ stagecraft " + step.command, width, "  ", "      ");
  if (result.ok) {
    out += "  ok\n";
  } else {
    const std::string why = result.usage_error ? "not a command" : engine::ErrorCodeName(result.code);
    out += Wrap("refused (" + why + "): " + result.error, width, "  ", "    ");
  }
  auto changes = player.ChangesAt(k);
  if (!changes.ok()) {
    out += "  (the registry could not rebuild this step: " + changes.status().message() + ")\n";
  } else {
    const auto lines = StepChangeLines(*changes);
    // A refusal changes nothing, and saying so is the point; an accepted step that moved no
    // version (a model name, a user, a gate) has nothing to list here.
    if (lines.empty() && !result.ok) out += "  Nothing changed.\n";
    for (const auto& line : lines) out += Wrap(line, width, "  - ", "    ");
  }
  for (const LessonBlock* moment : player.KeyMomentsAt(k)) out += FormatBlock(*moment, width);
  return out;
}

std::string FormatPrediction(const Prediction& prediction, int width) {
  width = std::clamp(width, kMinTextWidth, kMaxTextWidth);
  std::string out = Wrap("Predict: " + prediction.question, width, "", "  ");
  for (std::size_t i = 0; i < prediction.choices.size(); ++i) {
    out += "  " + std::to_string(i + 1) + ". " + prediction.choices[i] + "\n";
  }
  return out;
}

std::string FormatGradedPrediction(const GradedPrediction& graded) {
  if (graded.correct) return "Right: " + graded.prediction.answer + ".\n";
  return "Not quite: you said " + graded.given + "; the registry says " + graded.prediction.answer +
         ".\n";
}

}  // namespace stagecraft::core
