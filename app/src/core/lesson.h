#pragma once
// Lessons as the learning core holds them, loaded from Markdown files (lessons/README.md is the
// format's contract): front matter, learning modes, and a small document tree per mode that the
// terminal and the desktop window both draw. Nothing here depends on a window.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/quiz.h"

namespace stagecraft::core {

// The learning modes, in the order a lesson presents them.
enum class LessonModeKind { kWhy, kCommands, kDeepDive, kStepByStep, kComplexity };
inline constexpr int kLessonModeCount = 5;

// "why", "commands", "deep-dive", "step-by-step", "complexity": the ids `--mode` takes.
const char* LessonModeId(LessonModeKind kind);
// "Why", "Commands and configuration", ...: the level-1 heading that starts the mode.
const char* LessonModeHeading(LessonModeKind kind);
// The mode whose id is `id`, if any.
std::optional<LessonModeKind> LessonModeFromId(const std::string& id);

// A run of inline text with one style.
struct TextRun {
  enum Style : unsigned { kPlain = 0, kStrong = 1, kEmphasis = 2, kCode = 4, kLink = 8, kStrike = 16 };
  std::string text;  // "\n" alone is a hard line break
  unsigned style = kPlain;
  std::string href;  // for kLink
};
using InlineText = std::vector<TextRun>;

// The text of `runs` without styles.
std::string PlainText(const InlineText& runs);
// A plain string (a quiz prompt, an option) as runs: `code` between backticks becomes a kCode run
// without its backticks, everything else one plain run each; a backtick left unmatched is kept as
// written. PlainText(CodeSpans(t)) is t without the backticks of its code spans.
InlineText CodeSpans(std::string_view text);

// A command of a `console` block and the output the lesson says it prints.
struct ConsoleCommand {
  int line = 0;          // of the "$ stagecraft" line
  std::string command;   // without "$ stagecraft "
  std::string expected;  // the lines after it, each ending in "\n"
};

// One step of a walkthrough: its narration and command.
struct WalkthroughStep {
  int line = 0;  // of the command
  std::string title;
  std::vector<std::string> narration;  // the comment lines after the title
  std::string command;
  bool expect_refused = false;
};

// How many choices a Predict callout may offer (at least 2): keys 1-6 and A-F pick them.
inline constexpr int kMaxPredictChoices = 6;

// Callout labels (the bold word that starts a quote).
enum class CalloutKind { kPredict, kMyth, kExpertNote, kPitfall, kKeyMoment, kTakeaway };
const char* CalloutLabel(CalloutKind kind);  // "Predict", "Myth", "Expert note", ...
// "Reveal" for kPredict, "Reality" for kMyth, "" for the kinds that have no second part.
const char* CalloutRevealLabel(CalloutKind kind);

// The mark of a task-list item ("- [ ] text", "- [x] text") and where its "[" is.
struct TaskMark {
  char mark = '\0';  // ' ' open, 'x' or 'X' ticked; '\0' for an item that is no task
  int line = 0;
  int column = 0;
};

// A block of a lesson. Which members are used depends on `kind`.
struct LessonBlock {
  enum class Kind {
    kHeading,      // level, text
    kParagraph,    // text
    kList,         // ordered, start, items (tasks: while parsing only)
    kCode,         // info, code
    kQuote,        // children
    kRule,
    kTable,        // header, rows
    kConsole,      // console
    kWalkthrough,  // steps
    kCallout,      // callout, children (the first part), reveal (the second, if any);
                   // a Predict may have choices, choice_answer and prediction_id
    kQuiz,         // question
  };
  Kind kind = Kind::kParagraph;
  int line = 0;  // where the block starts in the file

  int level = 0;
  InlineText text;

  bool ordered = false;
  int start = 1;
  std::vector<std::vector<LessonBlock>> items;
  // Each item's task mark while the lesson is parsed, or empty when no item has one. The parser
  // turns a Predict's choices into `choices` and writes any other task list's marks back into
  // its items' text ("[ ] ", "[x] "), so a finished lesson's lists have none.
  std::vector<TaskMark> tasks;

  std::string info;      // a code block's language word: "console", "python", ...
  std::string code;      // its text, each line ending in "\n"
  int code_line = 0;     // the file line of the code's first line

  std::vector<LessonBlock> children;

  std::vector<InlineText> header;
  std::vector<std::vector<InlineText>> rows;

  std::vector<ConsoleCommand> console;
  std::vector<WalkthroughStep> steps;

  CalloutKind callout = CalloutKind::kTakeaway;
  std::vector<LessonBlock> reveal;
  // A Predict whose first part ends with a task list (lessons/README.md): the choices, in file
  // order (the list is no longer among `children`); the index of the one marked [x]; and the id
  // the learner's answer is recorded under in the progress store ("predict-" and the slug of the
  // heading above it). Empty, -1 and "" for a prediction written in free text. When `choices`
  // is not empty there are 2 to kMaxPredictChoices of them and `choice_answer` is one.
  std::vector<InlineText> choices;
  int choice_answer = -1;
  std::string prediction_id;

  std::optional<Question> question;
};

struct LessonMode {
  LessonModeKind kind = LessonModeKind::kWhy;
  int line = 0;  // of its heading
  std::vector<LessonBlock> blocks;
};

struct Lesson {
  std::string path;
  std::string id;
  std::string title;
  std::string topic;
  std::string summary;
  int minutes = 0;       // 0 when not given
  std::string quiz_id;   // "" when not given
  int id_line = 1;
  std::vector<LessonMode> modes;  // in file order

  // The mode of `kind`, or null when the lesson has none.
  const LessonMode* Mode(LessonModeKind kind) const;
  // The walkthrough block of the step-by-step mode, or null.
  const LessonBlock* Walkthrough() const;
  // The questions of its quiz blocks, in file order.
  std::vector<const Question*> Questions() const;
};

}  // namespace stagecraft::core
