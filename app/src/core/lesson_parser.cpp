// The lesson parser: a lesson file's front matter, its learning modes (level-1 headings), and
// the blocks that mean something in a lesson: callouts (Predict/Reveal, Myth/Reality, ...),
// console blocks, the walkthrough, and quiz blocks (checked by the quiz loader). The Markdown
// itself is read by markdown_tree.cpp; what only the engine can check, by lesson_engine_check.cpp.
//
// Sections: mode and callout names | the lesson types' methods | LessonParser (front matter,
// modes, blocks, callouts, lesson-wide checks) | ParseLesson, LoadLessonFile

#include "core/lesson_loader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "core/content_files.h"
#include "core/json_positions.h"
#include "core/markdown_tree.h"
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

InlineText CodeSpans(std::string_view text) {
  InlineText runs;
  auto add = [&runs](std::string_view piece, unsigned style) {
    if (!piece.empty()) runs.push_back(TextRun{std::string(piece), style, {}});
  };
  std::size_t plain_from = 0, at = 0;
  while ((at = text.find('`', at)) != std::string_view::npos) {
    const std::size_t close = text.find('`', at + 1);
    if (close == std::string_view::npos) break;  // unmatched: stays in the plain text
    if (close == at + 1) {  // `` is no span
      at = close + 1;
      continue;
    }
    add(text.substr(plain_from, at - plain_from), TextRun::kPlain);
    add(text.substr(at + 1, close - at - 1), TextRun::kCode);
    plain_from = at = close + 1;
  }
  add(text.substr(plain_from), TextRun::kPlain);
  return runs;
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
    MarkdownTree tree = BuildMarkdownTree(text_.substr(body), lines_);
    if (!tree.parsed) {
      Report(lines_.LineOf(body), "", "the Markdown could not be parsed");
    }
    if (tree.too_deep_line != 0) {
      Report(tree.too_deep_line, "",
             "quotes and lists are nested deeper than " + std::to_string(kMaxLessonNesting) +
                 " levels; what is deeper is left out");
    }
    Modes(std::move(tree.root), lesson);
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
      heading_slug_ = LessonModeId(mode.kind);
      Interpret(mode.blocks, lesson);
      KeepTaskMarks(mode.blocks);
      if (mode.kind == LessonModeKind::kStepByStep && !walkthrough_seen_) {
        Report(mode.line, "walkthrough", "the # Step by step mode needs a walkthrough block");
      }
    }
  }

  // Gives code blocks and quotes their lesson meaning, recursively.
  void Interpret(std::vector<LessonBlock>& blocks, const Lesson& lesson, bool top_level = true) {
    for (auto& block : blocks) {
      switch (block.kind) {
        case LessonBlock::Kind::kHeading:
          if (top_level) heading_slug_ = Slug(PlainText(block.text), LessonModeId(mode_));
          break;
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
    } else if (auto prediction = prediction_ids_.find(question.id); prediction != prediction_ids_.end()) {
      Report(first, where + ".id", "\"" + question.id + "\" is the id the prediction at line " +
                                       std::to_string(prediction->second) +
                                       " is recorded under; choose another");
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
    SplitReveal(quote, *info);
    if (info->kind == CalloutKind::kPredict) Choices(quote);
  }

  // Moves the second part of a callout (from its "**Reveal:**" or "**Reality:**" paragraph on)
  // to `reveal`; reports a callout without one.
  void SplitReveal(LessonBlock& quote, const CalloutInfo& info) {
    const std::string reveal = std::string(info.reveal) + ":";
    for (std::size_t i = 1; i < quote.children.size(); ++i) {
      LessonBlock& child = quote.children[i];
      if (child.kind == LessonBlock::Kind::kParagraph && !child.text.empty() &&
          child.text[0].style == TextRun::kStrong &&
          (Trim(child.text[0].text) == reveal ||
           (Trim(child.text[0].text) == info.reveal && child.text.size() > 1 &&
            child.text[1].style == TextRun::kPlain && child.text[1].text.rfind(":", 0) == 0))) {
        if (Trim(child.text[0].text) == info.reveal) {
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
           std::string("a \"**") + info.label + ":**\" quote needs a later paragraph starting \"**" +
               info.reveal + ":**\"");
  }

  // A Predict's choices: the task list that ends its first part, one item marked [x] as the
  // answer (lessons/README.md). Any problem leaves the prediction in free text, its list as
  // written, so a reading never meets choices without exactly one answer.
  void Choices(LessonBlock& quote) {
    using Kind = LessonBlock::Kind;
    std::vector<LessonBlock>& part = quote.children;
    auto is_task_list = [](const LessonBlock& b) { return b.kind == Kind::kList && !b.tasks.empty(); };
    for (std::size_t i = 0; i + 1 < part.size(); ++i) {
      if (!is_task_list(part[i])) continue;
      const TaskMark& mark = FirstMark(part[i]);
      Report(mark.line, "predict",
             "the choices (a task list) end the prediction's first part: put them last, just "
             "above \"**Reveal:**\"",
             mark.column);
    }
    if (part.empty() || !is_task_list(part.back())) return;
    LessonBlock& list = part.back();
    const std::size_t problems_before = problems_.size();
    const int count = static_cast<int>(list.items.size());
    std::vector<InlineText> choices;
    std::vector<int> marked;
    for (int i = 0; i < count; ++i) {
      const TaskMark& mark = list.tasks[static_cast<std::size_t>(i)];
      const std::vector<LessonBlock>& item = list.items[static_cast<std::size_t>(i)];
      const std::string name = "choice " + Letter(i);
      if (mark.mark == '\0') {
        const int line = !item.empty() && item[0].line != 0 ? item[0].line : list.line;
        Report(line, "predict",
               name + " has no box: every choice is \"- [ ] text\", and the answer \"- [x] text\"");
        continue;
      }
      if (mark.mark != ' ') marked.push_back(i);
      if (item.empty() || item[0].kind != Kind::kParagraph || Trim(PlainText(item[0].text)).empty()) {
        Report(mark.line, "predict", name + " is empty", mark.column);
      } else if (item.size() > 1) {
        Report(mark.line, "predict",
               name + " is more than one paragraph; keep a choice to a line and explain in the reveal",
               mark.column);
      } else {
        choices.push_back(item[0].text);
      }
    }
    const TaskMark& first = FirstMark(list);
    if (count < 2 || count > kMaxPredictChoices) {
      Report(first.line, "predict",
             "a prediction offers 2 to " + std::to_string(kMaxPredictChoices) + " choices; this one has " +
                 std::to_string(count),
             first.column);
    }
    if (marked.empty()) {
      Report(first.line, "predict", "mark the answer \"[x]\": no choice is marked", first.column);
    } else if (marked.size() > 1) {
      std::string letters;
      for (int i : marked) letters += (letters.empty() ? "" : ", ") + Letter(i);
      const TaskMark& second = list.tasks[static_cast<std::size_t>(marked[1])];
      Report(second.line, "predict",
             "exactly one choice is the answer; " + letters + " are marked \"[x]\"", second.column);
    }
    for (std::size_t a = 0; a < choices.size() && problems_.size() == problems_before; ++a) {
      for (std::size_t b = a + 1; b < choices.size(); ++b) {
        if (Lower(Trim(PlainText(choices[a]))) == Lower(Trim(PlainText(choices[b])))) {
          const TaskMark& mark = list.tasks[b];
          Report(mark.line, "predict",
                 "choices " + Letter(static_cast<int>(a)) + " and " + Letter(static_cast<int>(b)) +
                     " say the same",
                 mark.column);
          break;
        }
      }
    }
    if (problems_.size() != problems_before) return;
    quote.choices = std::move(choices);
    quote.choice_answer = marked[0];
    // The heading's slug, so that adding a prediction elsewhere does not renumber this one; a
    // second prediction under the same heading gets "-2", and so on.
    std::string id = "predict-" + heading_slug_;
    for (int n = 2; prediction_ids_.count(id) != 0 || quiz_ids_.count(id) != 0; ++n) {
      id = "predict-" + heading_slug_ + "-" + std::to_string(n);
    }
    prediction_ids_.emplace(id, quote.line);
    quote.prediction_id = std::move(id);
    part.pop_back();
  }

  static const TaskMark& FirstMark(const LessonBlock& list) {
    for (const TaskMark& mark : list.tasks) {
      if (mark.mark != '\0') return mark;
    }
    return list.tasks.front();
  }

  static std::string Letter(int i) { return i < 26 ? OptionLetter(i) : std::to_string(i + 1); }

  static std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }

  // A heading as an id: lower-case ASCII letters and digits, other runs as one "-", at most 48
  // characters (cut at a "-"); `fallback` when nothing is left.
  static std::string Slug(std::string_view heading, std::string_view fallback) {
    std::string slug;
    for (char c : heading) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x80 && std::isalnum(u)) {
        slug += static_cast<char>(std::tolower(u));
      } else if (!slug.empty() && slug.back() != '-') {
        slug += '-';
      }
    }
    constexpr std::size_t kMost = 48;
    if (slug.size() > kMost) {
      const std::size_t cut = slug.rfind('-', kMost);
      slug.resize(cut == std::string::npos || cut == 0 ? kMost : cut);
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? std::string(fallback) : slug;
  }

  // Gives every task list that is not a Predict's choices its marks back as text ("[ ] ",
  // "[x] "), as an editor shows them: outside a prediction a checklist is only prose.
  static void KeepTaskMarks(std::vector<LessonBlock>& blocks) {
    for (auto& block : blocks) {
      KeepTaskMarks(block.children);
      KeepTaskMarks(block.reveal);
      for (auto& item : block.items) KeepTaskMarks(item);
      for (std::size_t i = 0; i < block.tasks.size() && i < block.items.size(); ++i) {
        const TaskMark& mark = block.tasks[i];
        if (mark.mark == '\0') continue;
        std::vector<LessonBlock>& item = block.items[i];
        if (item.empty() || item[0].kind != LessonBlock::Kind::kParagraph) {
          LessonBlock paragraph;
          paragraph.kind = LessonBlock::Kind::kParagraph;
          paragraph.line = mark.line;
          item.insert(item.begin(), std::move(paragraph));
        }
        item[0].text.insert(item[0].text.begin(),
                            TextRun{std::string("[") + mark.mark + "] ", TextRun::kPlain, ""});
      }
      block.tasks.clear();
    }
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

  std::string_view text_;
  LineIndex lines_;
  std::string path_;
  std::vector<QuizProblem> problems_;
  LessonModeKind mode_ = LessonModeKind::kWhy;
  bool walkthrough_seen_ = false;
  std::set<std::string> quiz_ids_;
  std::map<std::string, int> prediction_ids_;  // the id a choice prediction is recorded under -> its line
  std::string heading_slug_;  // of the last heading of the mode read so far (or the mode's id)
  std::size_t command_count_ = 0;
  std::size_t question_count_ = 0;
};




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

std::vector<const Question*> Lesson::Questions() const {
  std::vector<const Question*> out;
  ForEachQuestion(*this, [&](const Question& question) { out.push_back(&question); });
  return out;
}

}  // namespace stagecraft::core
