// Lesson: one tab per learning mode, and the blocks of the active tab drawn as what they are, up to
// the first one that waits for the learner (LessonReading::shown): what follows a prediction often
// gives it away.
//
//   The frame ........ title, tabs, the keys, the scrolling column, the end of a tab
//   Panels ........... a background and a coloured bar behind blocks drawn first
//   Blocks ........... headings, paragraphs, lists, code, tables, console, quotes, rules
//   Callouts ......... predict (write, reveal, judge; or pick a choice, commit, graded), myth
//                      (believe or not), the others
//   Questions ........ in the question widget: pick, hint, submit, then the graded rows
//   Walkthrough ...... the steps and the way to the player
//
// Keys act on the frontier block only (the one waiting), so they are never ambiguous.

#include "views/keys.h"
#include <imgui.h>
#include <imgui_stdlib.h>  // needs imgui.h first

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "core/lesson_text.h"  // ChoiceVerdict
#include "views/question_widget.h"
#include "views/rich_text.h"
#include "views/screens.h"
#include "views/widgets.h"

namespace stagecraft::views {

namespace {

using core::CalloutKind;
using core::LessonBlock;
using core::ReadingBlock;
using Kind = LessonBlock::Kind;

// The widest a column of prose gets, in font heights: about 100 characters a line.
constexpr float kProseEm = 56.0f;

// What drawing a tab needs.
struct Page {
  core::Tutor& tutor;
  core::LessonScreen& screen;
  ViewContext& ctx;
  std::size_t frontier;  // the block keys act on (the one waiting), or blocks().size()
};

float Em() { return ImGui::GetFontSize(); }

void Gap(float em) { ImGui::Dummy(ImVec2(0, std::round(Em() * em))); }

void Muted(const ViewContext& ctx, std::string_view text) {
  WrappedText(text, ctx, nullptr, &ctx.palette.muted);
}

void Colored(const ViewContext& ctx, const ImVec4& color, std::string_view text,
             ImFont* font = nullptr) {
  WrappedText(text, ctx, font, &color);
}

// Puts the next item on the line of the last one, at `screen_x` (SameLine's offset would count a
// group's indent twice).
void SameLineAt(float screen_x) {
  ImGui::SameLine(0, 0);
  ImGui::SetCursorScreenPos(ImVec2(screen_x, ImGui::GetCursorScreenPos().y));
}

void Report(core::Tutor& tutor, const engine::Status& status) {
  if (!status.ok()) tutor.Notify(status.message());
}

// Keys 1-9 and A-Z as option indexes: the option whose key was pressed this frame, if any.
std::optional<int> OptionKey(std::size_t count) {
  const int n = static_cast<int>(std::min<std::size_t>(count, 6));
  for (int i = 0; i < n; ++i) {
    if (ShortcutPressed(keys::Digit(1) + i) || ShortcutPressed((keys::kKeypad0 + 1) + i) ||
        ShortcutPressed(keys::Letter('A') + i)) {
      return i;
    }
  }
  return std::nullopt;
}

bool EnterPressed() {
  return ShortcutPressed(keys::kEnter) || ShortcutPressed(keys::kKeypadEnter);
}

// ---------------------------------------------------------------------------------------------
// Panels

// How many panels the block being drawn sits in: a code or console block outside any panel may
// grow past the reading column to show its lines whole.
int panel_depth = 0;

// Content drawn first, then a rounded background and a coloured bar on its left put behind it
// (the height is known only at the end). Its own draw-list splitter, so panels nest.
class Panel {
 public:
  Panel(const ImVec4& bg, const ImVec4& bar) : bg_(bg), bar_(bar) {
    draw_ = ImGui::GetWindowDrawList();
    splitter_.Split(draw_, 2);
    splitter_.SetCurrentChannel(draw_, 1);
    pad_ = std::round(Em() * 0.7f);
    bar_width_ = std::max(3.0f, std::round(Em() * 0.22f));
    start_ = ImGui::GetCursorScreenPos();
    right_ = RightEdge();
    ImGui::SetCursorScreenPos(ImVec2(start_.x, start_.y + pad_));
    ImGui::Indent(pad_ + bar_width_);
    PushRightEdge(right_ - pad_);
    ImGui::BeginGroup();
    ++panel_depth;
  }
  Panel(const Panel&) = delete;
  Panel& operator=(const Panel&) = delete;
  ~Panel() {
    --panel_depth;
    ImGui::EndGroup();
    PopRightEdge();
    ImGui::Unindent(pad_ + bar_width_);
    const float bottom = ImGui::GetItemRectMax().y + pad_;
    splitter_.SetCurrentChannel(draw_, 0);
    const float rounding = ImGui::GetStyle().ChildRounding;
    draw_->AddRectFilled(start_, ImVec2(right_, bottom), ImGui::GetColorU32(bg_), rounding);
    draw_->AddRectFilled(start_, ImVec2(start_.x + bar_width_, bottom), ImGui::GetColorU32(bar_),
                         rounding, ImDrawFlags_RoundCornersLeft);
    splitter_.Merge(draw_);
    ImGui::SetCursorScreenPos(ImVec2(start_.x, bottom));
    ImGui::Dummy(ImVec2(right_ - start_.x, 0));
  }

 private:
  ImVec4 bg_, bar_;
  ImDrawList* draw_ = nullptr;
  ImDrawListSplitter splitter_;
  ImVec2 start_;
  float right_ = 0, pad_ = 0, bar_width_ = 0;
};

// A panel inside a panel: a shade darker or lighter than the one it sits on.
ImVec4 InnerPanel(const ViewContext& ctx) {
  return ctx.theme == core::Theme::kLight ? ImVec4(0, 0, 0, 0.045f) : ImVec4(1, 1, 1, 0.045f);
}

// The colour of a callout's bar and label.
ImVec4 CalloutColor(CalloutKind kind, const ViewContext& ctx) {
  switch (kind) {
    case CalloutKind::kPredict:
    case CalloutKind::kKeyMoment:
      return ctx.palette.accent;
    case CalloutKind::kMyth:
      return ctx.palette.warn;
    case CalloutKind::kPitfall:
      return ctx.palette.bad;
    case CalloutKind::kExpertNote:
    case CalloutKind::kTakeaway:
      return ctx.palette.good;
  }
  return ctx.palette.accent;
}

// ---------------------------------------------------------------------------------------------
// Blocks

void DrawBlocks(const std::vector<LessonBlock>& blocks, Page& page);
void DrawBlock(const LessonBlock& block, Page& page);

void DrawHeading(const LessonBlock& block, Page& page) {
  const Fonts& fonts = page.ctx.fonts;
  RichText(block.text, page.ctx, block.level <= 2 ? fonts.heading : fonts.bold);
}

// The space above a block of a mode: more above a heading than below it.
float GapBefore(const LessonBlock& block, const LessonBlock& previous) {
  if (block.kind == Kind::kHeading) return block.level <= 2 ? 0.9f : 0.5f;
  if (previous.kind == Kind::kHeading) return 0.05f;
  return 0.35f;
}

void DrawList(const LessonBlock& block, Page& page, int depth) {
  // Room for "10." in the marker column, whatever the numbers.
  const float marker_width = ImGui::CalcTextSize("00.").x + Em() * 0.5f;
  static const char* const kBullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};  // • ◦ ▪
  for (std::size_t i = 0; i < block.items.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const std::string marker = block.ordered ? std::to_string(block.start + static_cast<int>(i)) + "."
                                             : kBullets[depth % 3];
    const float x = ImGui::GetCursorScreenPos().x;
    ImGui::PushStyleColor(ImGuiCol_Text, page.ctx.palette.muted);
    ImGui::TextUnformatted(marker.c_str());
    ImGui::PopStyleColor();
    SameLineAt(x + marker_width);
    ImGui::Indent(marker_width);
    const auto& item = block.items[i];
    for (std::size_t k = 0; k < item.size(); ++k) {
      ImGui::PushID(static_cast<int>(k));
      if (item[k].kind == Kind::kList) {
        if (k == 0) ImGui::NewLine();
        DrawList(item[k], page, depth + 1);
      } else {
        if (k > 0) Gap(0.15f);
        DrawBlock(item[k], page);
      }
      ImGui::PopID();
    }
    ImGui::Unindent(marker_width);
    ImGui::PopID();
  }
}

// A box of monospaced lines that scrolls sideways instead of overflowing. `draw` draws the lines.
template <typename DrawLines>
void MonoBox(const char* id, int lines, float widest, const ViewContext& ctx, DrawLines draw) {
  ImGui::PushFont(ctx.fonts.mono);
  const float pad = std::round(Em() * 0.6f);
  // As wide as the reading column, or wider (up to the window's edge) when its lines need it.
  const float x = ImGui::GetCursorScreenPos().x;
  const float column = std::max(Em() * 8, RightEdge() - x);
  const float most = panel_depth > 0 ? column : std::max(column, ImGui::GetContentRegionAvail().x);
  const float width = std::clamp(widest + pad * 2, column, most);
  const bool scrolls = widest + pad * 2 > width;
  const float height = static_cast<float>(lines) * ImGui::GetTextLineHeight() + pad * 2 +
                       (scrolls ? ImGui::GetStyle().ScrollbarSize : 0);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.palette.panel_bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::BeginChild(id, ImVec2(width, height), false,
                    ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
  draw();
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

// The widest line of `text` in the current font, and how many lines it has.
std::pair<float, int> Measure(std::string_view text) {
  float widest = 0;
  int lines = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    widest = std::max(widest, ImGui::CalcTextSize(text.data() + start, text.data() + end).x);
    ++lines;
    start = end + 1;
  }
  return {widest, std::max(lines, 1)};
}

void DrawCode(const LessonBlock& block, Page& page) {
  std::string_view code = block.code;
  if (!code.empty() && code.back() == '\n') code.remove_suffix(1);
  ImGui::PushFont(page.ctx.fonts.mono);
  const auto [widest, lines] = Measure(code);
  ImGui::PopFont();
  MonoBox("code", lines, widest, page.ctx, [&] {
    ImGui::PushStyleColor(ImGuiCol_Text, page.ctx.palette.code_text);
    ImGui::TextUnformatted(code.data(), code.data() + code.size());
    ImGui::PopStyleColor();
  });
}

// Each `$ stagecraft …` command highlighted, then what the engine printed (refusals in red).
void DrawConsole(const LessonBlock& block, Page& page) {
  const Palette& palette = page.ctx.palette;
  ImGui::PushFont(page.ctx.fonts.mono);
  float widest = 0;
  int lines = 0;
  for (const core::ConsoleCommand& command : block.console) {
    widest = std::max(widest, ImGui::CalcTextSize(("$ stagecraft " + command.command).c_str()).x);
    const auto [output_width, output_lines] = Measure(command.expected);
    widest = std::max(widest, output_width);
    lines += 1 + (command.expected.empty() ? 0 : output_lines);
  }
  ImGui::PopFont();
  MonoBox("console", lines, widest, page.ctx, [&] {
    for (const core::ConsoleCommand& command : block.console) {
      ImGui::PushStyleColor(ImGuiCol_Text, palette.muted);
      ImGui::TextUnformatted("$ ");
      ImGui::PopStyleColor();
      ImGui::SameLine(0, 0);
      ImGui::PushStyleColor(ImGuiCol_Text, palette.accent);
      ImGui::TextUnformatted(("stagecraft " + command.command).c_str());
      ImGui::PopStyleColor();
      std::string_view output = command.expected;
      if (!output.empty() && output.back() == '\n') output.remove_suffix(1);
      const bool refused = output.rfind("error:", 0) == 0;
      if (output.empty() && command.expected.empty()) continue;
      ImGui::PushStyleColor(ImGuiCol_Text, refused ? palette.bad : palette.code_text);
      ImGui::TextUnformatted(output.data(), output.data() + output.size());
      ImGui::PopStyleColor();
    }
  });
}

void DrawTable(const LessonBlock& block, Page& page) {
  const std::size_t columns = block.header.size();
  if (columns == 0) return;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_BordersInner | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp |
                                     ImGuiTableFlags_PadOuterX;
  const float width = RightEdge() - ImGui::GetCursorScreenPos().x;
  if (!ImGui::BeginTable("table", static_cast<int>(columns), kFlags, ImVec2(width, 0))) return;
  // Columns share the width by how much they hold, within limits, so prose gets room.
  for (std::size_t c = 0; c < columns; ++c) {
    std::size_t longest = core::PlainText(block.header[c]).size();
    for (const auto& row : block.rows) {
      if (c < row.size()) longest = std::max(longest, core::PlainText(row[c]).size());
    }
    ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch,
                            std::clamp(static_cast<float>(longest), 6.0f, 60.0f));
  }
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
  for (std::size_t c = 0; c < columns; ++c) {
    ImGui::TableSetColumnIndex(static_cast<int>(c));
    RichText(block.header[c], page.ctx, page.ctx.fonts.bold);
  }
  for (const auto& row : block.rows) {
    ImGui::TableNextRow();
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) {
      ImGui::TableSetColumnIndex(static_cast<int>(c));
      RichText(row[c], page.ctx);
    }
  }
  ImGui::EndTable();
}

void DrawQuote(const LessonBlock& block, Page& page) {
  const float start = ImGui::GetCursorScreenPos().y;
  const float x = ImGui::GetCursorScreenPos().x;
  const float indent = std::round(Em() * 0.9f);
  ImGui::Indent(indent);
  DrawBlocks(block.children, page);
  ImGui::Unindent(indent);
  const float end = ImGui::GetItemRectMax().y;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, start), ImVec2(x + 3, end),
                                            ImGui::GetColorU32(page.ctx.palette.muted));
}

// A callout's label, in its colour, on a line of its own.
void CalloutLabel(const char* label, const ImVec4& color, const ViewContext& ctx) {
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

// The look of choice `i` of a prediction whose answer shows: graded against the choice the
// learner committed to, or (read without committing) the answer alone marked.
OptionLook RevealedChoiceLook(const LessonBlock& block, std::optional<int> choice, int i) {
  if (choice) return GradedLook(core::GradeChoice(block, *choice), i);
  return OptionLook{i == block.choice_answer ? OptionMark::kRight : OptionMark::kOther, "", ""};
}

// A callout drawn whole, both parts showing (one nested in a list or quote, or with no second
// part): the label, the text, the second part under its own label.
void DrawStaticCallout(const LessonBlock& block, Page& page) {
  const ImVec4 color = CalloutColor(block.callout, page.ctx);
  Panel panel(page.ctx.palette.panel_bg, color);
  CalloutLabel(core::CalloutLabel(block.callout), color, page.ctx);
  DrawBlocks(block.children, page);
  for (std::size_t i = 0; i < block.choices.size(); ++i) {
    const int shown = static_cast<int>(i);
    OptionRow(page.ctx, shown, block.choices[i], RevealedChoiceLook(block, std::nullopt, shown),
              false);
  }
  if (!block.reveal.empty()) {
    Gap(0.2f);
    CalloutLabel(core::CalloutRevealLabel(block.callout), color, page.ctx);
    DrawBlocks(block.reveal, page);
  }
}

void DrawBlock(const LessonBlock& block, Page& page);
void DrawWalkthroughSteps(const LessonBlock& block, Page& page);
void DrawQuestionText(const core::Question& question, Page& page);

void DrawBlock(const LessonBlock& block, Page& page) {
  ImGui::PushID(&block);
  switch (block.kind) {
    case Kind::kHeading:
      DrawHeading(block, page);
      break;
    case Kind::kParagraph:
      if (std::string href = RichText(block.text, page.ctx); !href.empty()) {
        ImGui::SetClipboardText(href.c_str());
      }
      break;
    case Kind::kList:
      DrawList(block, page, 0);
      break;
    case Kind::kCode:
      DrawCode(block, page);
      break;
    case Kind::kQuote:
      DrawQuote(block, page);
      break;
    case Kind::kRule:
      Gap(0.2f);
      ImGui::Separator();
      Gap(0.2f);
      break;
    case Kind::kTable:
      DrawTable(block, page);
      break;
    case Kind::kConsole:
      DrawConsole(block, page);
      break;
    case Kind::kWalkthrough:
      DrawWalkthroughSteps(block, page);
      break;
    case Kind::kCallout:
      DrawStaticCallout(block, page);
      break;
    case Kind::kQuiz:
      if (block.question) DrawQuestionText(*block.question, page);
      break;
  }
  ImGui::PopID();
}

void DrawBlocks(const std::vector<LessonBlock>& blocks, Page& page) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0) Gap(GapBefore(blocks[i], blocks[i - 1]) * 0.5f);
    DrawBlock(blocks[i], page);
  }
}

// ---------------------------------------------------------------------------------------------
// Callouts

// A prediction with choices: lettered rows to pick from (a click, 1-6 or A-F) and a button (or
// Enter) to commit; once committed, the rows marked (the answer, and the learner's choice when
// it is another), whether the prediction was right, and the reveal.
void DrawPredictChoices(std::size_t index, const ReadingBlock& state, Page& page) {
  const ViewContext& ctx = page.ctx;
  const LessonBlock& block = *state.block;
  core::LessonReading& reading = page.screen.reading();
  const bool keys = index == page.frontier;
  const int count = static_cast<int>(block.choices.size());
  if (!state.revealed) {
    for (int i = 0; i < count; ++i) {
      const bool picked = !state.picked.empty() && state.picked[0] == i;
      if (OptionRow(ctx, i, block.choices[static_cast<std::size_t>(i)], PickedLook(picked),
                    true)) {
        Report(page.tutor, reading.PickChoice(index, i));
      }
    }
    if (keys) {
      if (auto key = OptionKey(block.choices.size()); key && *key < count) {
        Report(page.tutor, reading.PickChoice(index, *key));
      }
    }
    Gap(0.2f);
    const bool can_commit = !state.picked.empty();
    if (KeyButton("Commit and reveal", keys ? "Enter" : "", can_commit) ||
        (keys && can_commit && EnterPressed())) {
      if (auto right = reading.PredictChoice(index, state.picked[0]); !right.ok()) {
        Report(page.tutor, right.status());
      }
    }
    if (keys) {
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ImGui::TextColored(ctx.palette.muted, "%s", PickKeys(block.choices.size()).c_str());
    }
    Muted(ctx, "Commit to an answer first: a guess you committed to teaches more than one you "
               "only thought of.");
    return;
  }

  for (int i = 0; i < count; ++i) {
    OptionRow(ctx, i, block.choices[static_cast<std::size_t>(i)],
              RevealedChoiceLook(block, state.choice, i), false);
  }
  Gap(0.2f);
  if (state.choice) {
    const bool right = *state.choice == block.choice_answer;
    Colored(ctx, right ? ctx.palette.good : ctx.palette.bad,
            std::string(right ? "\xE2\x9C\x93 " : "\xE2\x9C\x97 ") +
                core::ChoiceVerdict(block, *state.choice),
            ctx.fonts.bold);
    Gap(0.2f);
  }
  Panel reveal(InnerPanel(ctx), ctx.palette.good);
  CalloutLabel("Reveal", ctx.palette.good, ctx);
  DrawBlocks(block.reveal, page);
}

// Predict: the question; a field to write the prediction in and a button to commit it; once
// revealed, the prediction, the reveal, and the learner's verdict (asked, then shown). A
// prediction with choices is DrawPredictChoices's.
void DrawPredict(std::size_t index, const ReadingBlock& state, Page& page) {
  const ViewContext& ctx = page.ctx;
  const LessonBlock& block = *state.block;
  const ImVec4 color = CalloutColor(block.callout, ctx);
  core::LessonReading& reading = page.screen.reading();
  const bool keys = index == page.frontier;
  Panel panel(ctx.palette.panel_bg, color);
  CalloutLabel("Predict", color, ctx);
  DrawBlocks(block.children, page);
  Gap(0.3f);
  if (!block.choices.empty()) {
    DrawPredictChoices(index, state, page);
    return;
  }

  if (std::string* draft = reading.PredictionDraft(index)) {
    const float button = ImGui::CalcTextSize("Commit and reveal   Enter").x +
                         ImGui::GetStyle().FramePadding.x * 2;
    const float width = RightEdge() - ImGui::GetCursorScreenPos().x - button -
                        ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(std::max(Em() * 10, width));
    // Enter on the page starts writing; Enter in the field commits.
    if (keys && EnterPressed()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputTextWithHint("##prediction", "Your prediction: what do you expect, and why?",
                                                  draft, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    const bool blank = draft->find_first_not_of(" \t") == std::string::npos;
    if (KeyButton("Commit and reveal", "Enter", !blank) || (entered && !blank)) {
      Report(page.tutor, reading.Predict(index, *draft));
    }
    Muted(ctx, "Commit to an answer first: a guess you wrote down teaches more than one you "
               "only thought of.");
    return;
  }

  if (!state.prediction.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
    ImGui::TextUnformatted("You predicted:");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    WrappedText(state.prediction, ctx, ctx.fonts.italic);
  }
  Gap(0.2f);
  {
    Panel reveal(InnerPanel(ctx), ctx.palette.good);
    CalloutLabel("Reveal", ctx.palette.good, ctx);
    DrawBlocks(block.reveal, page);
  }
  if (state.prediction.empty()) return;
  Gap(0.2f);
  if (!state.prediction_right) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Were you right?");
    ImGui::SameLine();
    if (KeyButton("Yes, I got it", keys ? "Y" : "") || (keys && ShortcutPressed(keys::Letter('Y')))) {
      Report(page.tutor, reading.JudgePrediction(index, true));
    }
    ImGui::SameLine();
    if (KeyButton("No, I missed it", keys ? "N" : "") || (keys && ShortcutPressed(keys::Letter('N')))) {
      Report(page.tutor, reading.JudgePrediction(index, false));
    }
  } else if (*state.prediction_right) {
    Colored(ctx, ctx.palette.good, "\xE2\x9C\x93 You called it.", ctx.fonts.bold);
  } else {
    Colored(ctx, ctx.palette.bad,
            "\xE2\x9C\x97 Not this time: compare your prediction with the reveal before reading on.",
            ctx.fonts.bold);
  }
}

// Myth: the claim; "I believe it" or "It's a myth"; then whether the learner was right and the
// reality.
void DrawMyth(std::size_t index, const ReadingBlock& state, Page& page) {
  const ViewContext& ctx = page.ctx;
  const LessonBlock& block = *state.block;
  const ImVec4 color = CalloutColor(block.callout, ctx);
  const bool keys = index == page.frontier;
  Panel panel(ctx.palette.panel_bg, color);
  CalloutLabel("Myth?", color, ctx);
  DrawBlocks(block.children, page);
  Gap(0.3f);
  if (!state.revealed) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("True or myth?");
    ImGui::SameLine();
    std::optional<bool> believed;
    if (KeyButton("I believe it", keys ? "Y" : "") || (keys && ShortcutPressed(keys::Letter('Y')))) {
      believed = true;
    }
    ImGui::SameLine();
    if (KeyButton("It's a myth", keys ? "N" : "") || (keys && ShortcutPressed(keys::Letter('N')))) {
      believed = false;
    }
    if (believed) {
      if (auto right = page.screen.reading().JudgeMyth(index, *believed); !right.ok()) {
        Report(page.tutor, right.status());
      }
    }
    return;
  }
  if (state.believed.has_value()) {
    if (*state.believed) {
      Colored(ctx, ctx.palette.bad, "\xE2\x9C\x97 You believed it, but it is a myth.",
              ctx.fonts.bold);
    } else {
      Colored(ctx, ctx.palette.good, "\xE2\x9C\x93 Right: it is a myth.", ctx.fonts.bold);
    }
    Gap(0.2f);
  }
  Panel reality(InnerPanel(ctx), ctx.palette.good);
  CalloutLabel("Reality", ctx.palette.good, ctx);
  DrawBlocks(block.reveal, page);
}

// ---------------------------------------------------------------------------------------------
// Questions

// "Question · easy · select all that apply" over a lesson's question.
void QuestionMeta(const core::Question& question, const ViewContext& ctx) {
  std::string meta = std::string("Question \xC2\xB7 ") + core::LevelName(question.level);
  if (question.multiple) meta += " \xC2\xB7 select all that apply";
  Colored(ctx, ctx.palette.accent, meta, ctx.fonts.bold);
}

// A question read without answering it (one nested in a list or quote): its text and options.
void DrawQuestionText(const core::Question& question, Page& page) {
  QuestionMeta(question, page.ctx);
  QuestionState state;
  state.question = &question;
  DrawQuestionWidget(state, page.ctx);
}

// A lesson's question in the question widget, as a quiz asks it: rows to pick from (a click,
// 1-6 or A-F), a hint, Submit (or Enter); once answered, the verdict, every involved option's tag
// and feedback, the solution and the common mistakes, and when it comes back for review.
void DrawQuestion(std::size_t index, const ReadingBlock& state, Page& page) {
  const ViewContext& ctx = page.ctx;
  const core::Question& question = *state.block->question;
  core::LessonReading& reading = page.screen.reading();
  const bool keys = index == page.frontier;
  const int options = static_cast<int>(question.options.size());
  Panel panel(ctx.palette.panel_bg, ctx.palette.accent);
  QuestionMeta(question, ctx);
  QuestionState shown;
  shown.question = &question;
  shown.picked = state.picked;
  shown.clickable = !state.answer;
  if (state.answer) {
    shown.feedback = &*state.answer;
    shown.verdict = core::FeedbackVerdict(*state.answer);
    if (state.next_review) {
      shown.next_review = core::FormatNextReview(*state.next_review, page.tutor.clock().now());
    }
  }
  if (state.hints_used > 0) shown.hint = question.hint;
  if (auto clicked = DrawQuestionWidget(shown, ctx)) Report(page.tutor, reading.Pick(index, *clicked));
  if (state.answer) {
    // A question the registry checks can be tried on the engine, set up as the check is (after
    // the walkthrough's first steps when it asks for them).
    if (question.verify && ImGui::Button("Try it in the sandbox")) {
      Report(page.tutor, page.tutor.TryInSandbox(question));
    }
    return;
  }

  if (keys) {
    if (auto key = OptionKey(question.options.size()); key && *key < options) {
      Report(page.tutor, reading.Pick(index, *key));
    }
  }
  Gap(0.2f);
  const bool can_submit = !state.picked.empty();
  if (KeyButton("Submit", keys ? "Enter" : "", can_submit) ||
      (keys && can_submit && EnterPressed())) {
    if (auto graded = reading.SubmitPicked(index); !graded.ok()) {
      Report(page.tutor, graded.status());
    }
  }
  if (!question.hint.empty() && state.hints_used == 0) {
    ImGui::SameLine();
    if (KeyButton("Hint", keys ? "H" : "") || (keys && ShortcutPressed(keys::Letter('H')))) {
      if (auto hint = reading.Hint(index); !hint.ok()) Report(page.tutor, hint.status());
    }
  }
  if (keys) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ctx.palette.muted, "%s", PickKeys(question.options.size()).c_str());
  }
}

// ---------------------------------------------------------------------------------------------
// Walkthrough

void DrawWalkthroughSteps(const LessonBlock& block, Page& page) {
  const ViewContext& ctx = page.ctx;
  Panel panel(ctx.palette.panel_bg, ctx.palette.accent);
  Colored(ctx, ctx.palette.accent,
          "Walkthrough \xC2\xB7 " + std::to_string(block.steps.size()) + " steps", ctx.fonts.bold);
  Muted(ctx, "The player runs these commands on a fresh registry and shows, after every step, the "
             "board, the execution table and the status tracker.");
  if (KeyButton("Play in the walkthrough player", "W") || ShortcutPressed(keys::Letter('W'))) {
    Report(page.tutor, page.tutor.OpenWalkthrough(page.screen.lesson().id));
  }
  Gap(0.2f);
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_SizingStretchProp;
  const float width = RightEdge() - ImGui::GetCursorScreenPos().x;
  if (!ImGui::BeginTable("steps", 3, kFlags, ImVec2(width, 0))) return;
  ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("000").x);
  ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Command", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < block.steps.size(); ++i) {
    const core::WalkthroughStep& step = block.steps[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ctx.palette.muted, "%zu", i + 1);
    ImGui::TableNextColumn();
    WrappedText(step.title, ctx, ctx.fonts.bold);
    if (step.expect_refused) Colored(ctx, ctx.palette.warn, "refused on purpose");
    ImGui::TableNextColumn();
    WrappedText(step.command, ctx, ctx.fonts.mono, &ctx.palette.code_text);
  }
  ImGui::EndTable();
}

// ---------------------------------------------------------------------------------------------
// The frame

// One top-level block of the tab, with its state.
void DrawTopBlock(std::size_t index, const ReadingBlock& state, Page& page) {
  const LessonBlock& block = *state.block;
  ImGui::PushID(static_cast<int>(index));
  if (block.kind == Kind::kCallout && block.callout == CalloutKind::kPredict &&
      !block.reveal.empty()) {
    DrawPredict(index, state, page);
  } else if (block.kind == Kind::kCallout && block.callout == CalloutKind::kMyth &&
             !block.reveal.empty()) {
    DrawMyth(index, state, page);
  } else if (block.kind == Kind::kQuiz && block.question) {
    DrawQuestion(index, state, page);
  } else {
    DrawBlock(block, page);
  }
  ImGui::PopID();
}

// What the learner does to read on past the frontier block.
const char* ToReadOn(const ReadingBlock& state) {
  const LessonBlock& block = *state.block;
  if (block.kind == Kind::kQuiz) return "Answer the question above to read on.";
  if (block.callout == CalloutKind::kMyth) return "Say whether you believe the myth to read on.";
  if (!block.choices.empty()) return "Pick your prediction and commit to it to read on.";
  if (state.revealed) return "Say whether your prediction was right to read on.";
  return "Write your prediction and reveal the answer to read on.";
}

// The end of a tab: what the learner did in it and where to go next.
void DrawTabEnd(Page& page) {
  const ViewContext& ctx = page.ctx;
  const core::LessonReading& reading = page.screen.reading();
  Gap(0.6f);
  ImGui::Separator();
  Gap(0.3f);
  std::string done = "End of this tab.";
  if (reading.questions() > 0) {
    done += "  Questions: " + std::to_string(reading.correct()) + " of " +
            std::to_string(reading.questions()) + " right.";
  }
  if (reading.predictions_judged() > 0) {
    done += "  Predictions: " + std::to_string(reading.predictions_right()) + " of " +
            std::to_string(reading.predictions_judged()) + " right.";
  }
  Muted(ctx, done);
  const std::vector<core::LessonModeKind> modes = page.screen.modes();
  const auto at = std::find(modes.begin(), modes.end(), page.screen.active());
  if (at != modes.end() && at + 1 != modes.end()) {
    const std::string label = std::string("Next: ") + core::LessonModeHeading(*(at + 1));
    if (KeyButton(label.c_str(), "]")) page.screen.SelectAdjacent(1);
  } else if (!page.screen.lesson().Questions().empty()) {
    if (ImGui::Button("Practise this lesson's questions")) {
      core::QuizSetup setup;
      setup.selector = page.screen.lesson().id;
      page.tutor.OpenQuizSetup(setup);
    }
  }
  Gap(1.0f);
}

// Scrolls the mode so block `index` (about to be drawn) sits near the top, until it does or the
// scroll can go no further; then tells the screen it is in sight.
void ScrollToFocus(std::size_t index, Page& page) {
  if (page.screen.focus() != index) return;
  const float target = ImGui::GetWindowHeight() * 0.08f;
  const float y = ImGui::GetCursorPosY() - ImGui::GetScrollY();
  const bool there = std::abs(y - target) < 2.0f ||
                     (y > target && ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ||
                     (y < target && ImGui::GetScrollY() <= 0.0f);
  if (there && !ImGui::IsWindowAppearing()) {
    page.screen.FocusReached();
    return;
  }
  ImGui::SetScrollFromPosY(ImGui::GetCursorPosY() - ImGui::GetScrollY(), 0.08f);
  page.ctx.WakeIn(0);
}

// PageUp/PageDown (a screen less a few lines), Home and End scroll the tab.
void ScrollKeys() {
  const float page = ImGui::GetWindowHeight() - ImGui::GetTextLineHeightWithSpacing() * 3;
  if (ShortcutPressed(keys::kPageDown, true)) ImGui::SetScrollY(ImGui::GetScrollY() + page);
  if (ShortcutPressed(keys::kPageUp, true)) ImGui::SetScrollY(ImGui::GetScrollY() - page);
  if (ShortcutPressed(keys::kHome)) ImGui::SetScrollY(0);
  if (ShortcutPressed(keys::kEnd)) ImGui::SetScrollY(ImGui::GetScrollMaxY());
}

void DrawTab(core::Tutor& tutor, core::LessonScreen& screen, ViewContext& ctx) {
  core::LessonReading& reading = screen.reading();
  Page page{tutor, screen, ctx, reading.frontier()};
  const std::string id = std::string("mode-") + core::LessonModeId(screen.active());
  ImGui::BeginChild(id.c_str(), ImVec2(0, 0), false);
  ScrollKeys();
  const float left = ImGui::GetCursorScreenPos().x;
  PushRightEdge(left + std::max(Em() * 20, std::min(ImGui::GetContentRegionAvail().x -
                                                        Em() * 0.5f,
                                                    Em() * kProseEm)));
  const std::size_t shown = reading.shown();
  // How far the learner has scrolled: the last block whose top is well inside the view.
  const float sight_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() -
                             ImGui::GetTextLineHeightWithSpacing() * 2;
  std::optional<std::size_t> in_sight;
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) Gap(GapBefore(*reading.blocks()[i].block, *reading.blocks()[i - 1].block));
    ScrollToFocus(i, page);
    if (ImGui::GetCursorScreenPos().y < sight_bottom) in_sight = i;
    DrawTopBlock(i, reading.blocks()[i], page);
  }
  if (in_sight && !ImGui::IsWindowAppearing()) reading.Seen(*in_sight);
  if (shown < reading.blocks().size()) {
    Gap(0.6f);
    const std::size_t left_out = reading.blocks().size() - shown;
    Muted(ctx, std::string(ToReadOn(reading.blocks()[page.frontier])) + "  (" +
                   std::to_string(left_out) + " more " + (left_out == 1 ? "part" : "parts") +
                   " in this tab)");
    Gap(1.0f);
  } else {
    DrawTabEnd(page);
  }
  PopRightEdge();
  ImGui::EndChild();
}

// The tab bar over the model's tabs. The model decides which tab shows (keys and scenes change it
// too): a click asks it, and the bar is told when the model's choice differs from what it shows.
void DrawTabBar(core::Tutor& tutor, core::LessonScreen& screen, ViewContext& ctx) {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID shown_key = ImGui::GetID("shown-tab");
  const int shown = storage->GetInt(shown_key, -1);
  const bool force = shown != static_cast<int>(screen.active());
  if (force) ctx.WakeIn(0);
  if (!ImGui::BeginTabBar("modes")) return;
  for (core::LessonModeKind kind : screen.modes()) {
    const ImGuiTabItemFlags flags =
        force && kind == screen.active() ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(core::LessonModeHeading(kind), nullptr, flags)) {
      if (!force && kind != screen.active()) Report(tutor, screen.Select(kind));
      storage->SetInt(shown_key, static_cast<int>(kind));
      ImGui::EndTabItem();
    }
  }
  ImGui::EndTabBar();
}

// Under the tabs: how far the learner is in this tab, and the keys.
void DrawStatusLine(const core::LessonScreen& screen, const ViewContext& ctx) {
  const core::LessonReading& reading = screen.reading();
  std::string status;
  if (reading.questions() > 0) {
    status += "Questions " + std::to_string(reading.answered()) + "/" +
              std::to_string(reading.questions()) + " answered, " +
              std::to_string(reading.correct()) + " right";
  }
  if (reading.predictions() > 0) {
    if (!status.empty()) status += "   \xC2\xB7   ";
    status += "Predictions " + std::to_string(reading.predictions_judged()) + "/" +
              std::to_string(reading.predictions()) + " made, " +
              std::to_string(reading.predictions_right()) + " right";
  }
  const char* keys = "[ ]  tabs    PgUp PgDn  scroll    Esc  home";
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
  ImGui::TextUnformatted(status.empty() ? " " : status.c_str());
  const float keys_width = ImGui::CalcTextSize(keys).x;
  const float right = ImGui::GetContentRegionMax().x;
  if (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + keys_width + Em() < right) {
    ImGui::SameLine(right - keys_width);
    ImGui::TextUnformatted(keys);
  }
  ImGui::PopStyleColor();
}

// A tab opened in a new session continues where the learner stopped: say so, and offer to read
// it from the start instead.
void DrawContinuedNote(core::LessonScreen& screen, const ViewContext& ctx) {
  const std::optional<std::size_t> from = screen.continued();
  if (!from) return;
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ctx.palette.accent, "Continued where you left off: part %zu of %zu.",
                     *from + 1, screen.reading().blocks().size());
  ImGui::SameLine();
  if (ImGui::SmallButton("Start this tab over")) screen.StartOver();
  ImGui::SameLine();
  if (ImGui::SmallButton("Hide")) screen.DismissContinued();
}

}  // namespace

void DrawLesson(core::Tutor& tutor, core::LessonScreen& screen, ViewContext& ctx) {
  const core::Lesson& lesson = screen.lesson();
  std::string subtitle = lesson.topic;
  if (lesson.minutes > 0) subtitle += "  \xC2\xB7  about " + std::to_string(lesson.minutes) + " min";
  // A short window (large fonts on a laptop) keeps its height for the lesson: the title on one
  // line with the topic, the summary on hover.
  if (ImGui::GetMainViewport()->WorkSize.y < Em() * 34) {
    TextIn(ctx.fonts.heading, lesson.title);
    if (ImGui::IsItemHovered() && !lesson.summary.empty()) {
      ImGui::SetTooltip("%s", lesson.summary.c_str());
    }
    ImGui::SameLine();
    if (ImGui::CalcTextSize(subtitle.c_str()).x < ImGui::GetContentRegionAvail().x) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextColored(ctx.palette.muted, "%s", subtitle.c_str());
    } else {
      ImGui::NewLine();
    }
  } else {
    if (!lesson.summary.empty()) subtitle += "  \xC2\xB7  " + lesson.summary;
    ScreenTitle(ctx, lesson.title, subtitle);
  }

  // [ and ] (or Ctrl+PageUp and Ctrl+PageDown) step through the tabs.
  if (ShortcutPressed(keys::kLeftBracket) || CtrlShortcutPressed(keys::kPageUp)) {
    screen.SelectAdjacent(-1);
  }
  if (ShortcutPressed(keys::kRightBracket) || CtrlShortcutPressed(keys::kPageDown)) {
    screen.SelectAdjacent(1);
  }
  DrawTabBar(tutor, screen, ctx);
  DrawStatusLine(screen, ctx);
  DrawContinuedNote(screen, ctx);
  ImGui::Separator();
  DrawTab(tutor, screen, ctx);
}

}  // namespace stagecraft::views
