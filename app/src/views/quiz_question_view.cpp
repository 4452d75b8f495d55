// Quiz question page: the header (position, countdown), the prompt, the code, the lettered
// options; the hint in place; the confidence step; and after an answer in practice, the verdict,
// every involved option's feedback on its own row, the solution, the common mistakes and the
// next review.

#include <cfloat>
#include <cmath>
#include <string>

#include "core/question_text.h"
#include "views/quiz_parts.h"
#include "views/rich_text.h"
#include "views/widgets.h"

namespace stagecraft::views::quiz {

namespace {

ImVec4 WithAlpha(ImVec4 color, float alpha) {
  color.w = alpha;
  return color;
}

// How an option row looks.
enum class Mark { kNone, kPicked, kRight, kWrong, kMissed, kOther };

struct OptionLook {
  Mark mark = Mark::kNone;
  const char* tag = "";   // at the right edge: "✓ right", ...
  std::string note;       // the option's feedback, under its text
};

ImVec4 MarkColor(Mark mark, const ViewContext& ctx) {
  switch (mark) {
    case Mark::kPicked: return ctx.palette.accent;
    case Mark::kRight: return ctx.palette.good;
    case Mark::kWrong: return ctx.palette.bad;
    case Mark::kMissed: return ctx.palette.warn;
    case Mark::kNone:
    case Mark::kOther: break;
  }
  return ImGui::GetStyleColorVec4(ImGuiCol_Border);
}

// One option as a full-width row: its letter in a box, its text wrapped, a tag at the right and
// a note under the text. True when clicked (only when `clickable`).
bool OptionRow(const ViewContext& ctx, int shown, const std::string& text, const OptionLook& look,
               bool clickable) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x;
  const float pad = style.FramePadding.x * 1.5f;
  const float box = ImGui::GetFrameHeight();
  const float tag_width = look.tag[0] != '\0' ? ImGui::CalcTextSize(look.tag).x + pad : 0;
  const float text_x = pad + box + pad;
  const float wrap = std::max(50.0f, width - text_x - pad - tag_width);
  ImFont* font = ImGui::GetFont();
  const ImVec2 text_size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text.c_str());
  ImVec2 note_size(0, 0);
  if (!look.note.empty()) {
    note_size = ctx.fonts.italic->CalcTextSizeA(ctx.fonts.italic->FontSize, FLT_MAX, wrap,
                                                look.note.c_str());
    note_size.y += style.ItemSpacing.y * 0.5f;
  }
  const float height =
      std::max(box, text_size.y + note_size.y) + style.FramePadding.y * 2 + pad * 0.5f;

  ImGui::PushID(shown);
  bool clicked = false;
  if (clickable) {
    clicked = ImGui::InvisibleButton("option", ImVec2(width, height));
  } else {
    ImGui::Dummy(ImVec2(width, height));
  }
  const bool hovered = clickable && ImGui::IsItemHovered();
  ImGui::PopID();

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const float rounding = style.FrameRounding + 3;
  const ImVec4 mark = MarkColor(look.mark, ctx);
  const bool marked = look.mark != Mark::kNone && look.mark != Mark::kOther;
  // Hovering only outlines the row: a filled row means picked (or graded), never "under the
  // mouse", so that a picture of the window cannot be misread.
  const ImVec4 background = marked ? WithAlpha(mark, 0.16f) : ctx.palette.panel_bg;
  ImVec4 border = marked ? mark : WithAlpha(mark, 0.5f);
  if (hovered && !marked) border = WithAlpha(ctx.palette.accent, 0.8f);
  draw->AddRectFilled(min, max, ImGui::GetColorU32(background), rounding);
  draw->AddRect(min, max, ImGui::GetColorU32(border), rounding, 0, marked ? 2.0f : 1.0f);

  // The letter.
  const ImVec2 box_min(min.x + pad, min.y + (height - box) * 0.5f);
  const ImVec2 box_max(box_min.x + box, box_min.y + box);
  if (marked) {
    draw->AddRectFilled(box_min, box_max, ImGui::GetColorU32(mark), style.FrameRounding);
  } else {
    draw->AddRect(box_min, box_max, ImGui::GetColorU32(ImGuiCol_Text, 0.6f), style.FrameRounding);
  }
  const std::string letter = core::OptionLetter(shown);
  ImFont* bold = ctx.fonts.bold;
  const ImVec2 letter_size = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, letter.c_str());
  const ImU32 letter_color = marked ? ImGui::GetColorU32(ImGuiCol_WindowBg)
                                    : ImGui::GetColorU32(ImGuiCol_Text);
  draw->AddText(bold, bold->FontSize,
                ImVec2(box_min.x + (box - letter_size.x) * 0.5f,
                       box_min.y + (box - letter_size.y) * 0.5f),
                letter_color, letter.c_str());

  // The text, the note under it, the tag at the right.
  const float block = text_size.y + note_size.y;
  const ImVec2 text_pos(min.x + text_x, min.y + (height - block) * 0.5f);
  const ImU32 text_color = look.mark == Mark::kOther ? ImGui::GetColorU32(ctx.palette.muted)
                                                     : ImGui::GetColorU32(ImGuiCol_Text);
  draw->AddText(font, font->FontSize, text_pos, text_color, text.c_str(), nullptr, wrap);
  if (!look.note.empty()) {
    draw->AddText(ctx.fonts.italic, ctx.fonts.italic->FontSize,
                  ImVec2(text_pos.x, text_pos.y + text_size.y + style.ItemSpacing.y * 0.5f),
                  ImGui::GetColorU32(ctx.palette.muted), look.note.c_str(), nullptr, wrap);
  }
  if (tag_width > 0) {
    const ImVec2 tag_size = ImGui::CalcTextSize(look.tag);
    draw->AddText(ImVec2(max.x - pad - tag_size.x, min.y + (height - tag_size.y) * 0.5f),
                  ImGui::GetColorU32(mark), look.tag);
  }
  return clicked;
}

// The question's code on a panel, in the monospace font; scrolls sideways when wide.
void CodeBlock(const ViewContext& ctx, const std::string& code) {
  ImGui::PushFont(ctx.fonts.mono);
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size = ImGui::CalcTextSize(code.c_str());
  const bool wide = size.x + style.WindowPadding.x * 2 > ImGui::GetContentRegionAvail().x;
  const float height = size.y + style.WindowPadding.y * 2 + (wide ? style.ScrollbarSize : 0);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.palette.panel_bg);
  ImGui::BeginChild("code", ImVec2(0, height), true,
                    ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.code_text);
  ImGui::TextUnformatted(code.c_str());
  ImGui::PopStyleColor();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

// A panel with a bold lead-in and wrapped text.
void NotePanel(const ViewContext& ctx, const char* id, const char* lead, const std::string& text,
               const ImVec4& lead_color) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x;
  const std::string line = std::string(lead) + "  " + text;
  const float wrap = width - style.WindowPadding.x * 2;
  const float height = ImGui::CalcTextSize(line.c_str(), nullptr, false, wrap).y +
                       style.WindowPadding.y * 2;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.palette.panel_bg);
  ImGui::BeginChild(id, ImVec2(0, height), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextColored(lead_color, "%s", lead);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

const char* KindName(core::RunKind kind) {
  switch (kind) {
    case core::RunKind::kPractice: return "Practice";
    case core::RunKind::kReview: return "Review";
    case core::RunKind::kExam: return "Exam";
  }
  return "Practice";
}

// The title, what kind of run, the position, and an exam's countdown at the right.
void DrawHeader(core::QuizScreen& screen, const core::PracticeRun& run, ViewContext& ctx) {
  const ImVec2 start = ImGui::GetCursorPos();
  if (auto left = run.SecondsLeft()) {
    // Redraw when the shown second changes (the clock rounds up: 4:59.2 shows 5:00).
    ctx.WakeIn(*left - std::floor(*left) + 0.005);
    const std::string clock = "Time left  " + core::FormatClock(*left);
    ImGui::PushFont(ctx.fonts.title);
    const float width = ImGui::CalcTextSize(clock.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - width);
    const ImVec4 color = *left <= 60 ? ctx.palette.bad : ctx.palette.accent;
    ImGui::TextColored(color, "%s", clock.c_str());
    ImGui::PopFont();
    ImGui::SetCursorPos(start);
  }
  std::string subtitle = KindName(run.kind());
  if (run.kind() == core::RunKind::kExam) {
    subtitle += " of " + std::to_string(run.settings().exam_minutes) +
                " min: no hints and no feedback until the end";
  } else if (run.settings().selection.confidence) {
    subtitle += " with confidence marks";
  }
  ScreenTitle(ctx, screen.Title(), subtitle);
  const std::size_t position = run.position();
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::Text("Question %zu of %zu", position + 1, run.count());
  ImGui::PopFont();
  ImGui::SameLine();
  const float bar = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 20);
  const std::size_t answered = position + (run.showing_feedback() ? 1 : 0);
  const float done = static_cast<float>(answered) / static_cast<float>(run.count());
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ctx.palette.accent);
  ImGui::ProgressBar(done, ImVec2(bar, ImGui::GetTextLineHeight() * 0.6f), "");
  ImGui::PopStyleColor();
}

// The look of option `shown` once the answer is graded.
OptionLook GradedLook(const core::AnswerFeedback& feedback, int shown) {
  for (const core::OptionVerdict& verdict : feedback.involved) {
    if (verdict.shown != shown) continue;
    OptionLook look;
    look.note = verdict.feedback;
    if (!verdict.chosen) {
      look.mark = Mark::kMissed;
      look.tag = "missed: right answer";
    } else if (verdict.correct) {
      look.mark = Mark::kRight;
      look.tag = "\xE2\x9C\x93 your pick: right";  // ✓
    } else {
      look.mark = Mark::kWrong;
      look.tag = "\xE2\x9C\x97 your pick: wrong";  // ✗
    }
    return look;
  }
  return OptionLook{Mark::kOther, "", ""};
}

void DrawSolution(const core::Question& question, bool correct, const ViewContext& ctx) {
  if (!question.solution.empty()) {
    ImGui::Spacing();
    TextIn(ctx.fonts.bold, "Solution");
    for (std::size_t i = 0; i < question.solution.size(); ++i) {
      ImGui::Text("%zu.", i + 1);
      ImGui::SameLine();
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(question.solution[i].c_str());
      ImGui::PopTextWrapPos();
    }
  }
  if (!correct && !question.mistakes.empty()) {
    ImGui::Spacing();
    TextIn(ctx.fonts.bold, "Common mistakes");
    for (const std::string& mistake : question.mistakes) {
      ImGui::Bullet();
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(mistake.c_str());
      ImGui::PopTextWrapPos();
    }
  }
}

void DrawConfidenceStep(core::Tutor& tutor, core::QuizScreen& screen, const ViewContext& ctx) {
  ImGui::Spacing();
  TextIn(ctx.fonts.heading, "How sure are you?");
  TextColoredWrapped(ctx.palette.muted,
                     "Certainty-based marks: a right answer earns 1, 2 or 3 points; a wrong one "
                     "costs 0, 2 or 6.");
  static constexpr const char* kLabels[] = {"1   Guessing", "2   Fairly sure", "3   Certain"};
  for (int i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine();
    if (ImGui::Button(kLabels[i])) Press(tutor, screen, static_cast<char>('1' + i));
  }
}

void DrawFooter(core::Tutor& tutor, core::QuizScreen& screen, const core::PracticeRun& run,
                const ViewContext& ctx) {
  ImGui::Separator();
  switch (screen.phase()) {
    case core::QuizPhase::kAnswering: {
      if (KeyButton("Submit", "Enter", !screen.draft().empty())) Press(tutor, screen, '\n');
      if (run.kind() != core::RunKind::kExam) {
        ImGui::SameLine();
        if (KeyButton("Hint", "H", !screen.hint().has_value())) Press(tutor, screen, 'H');
      }
      ImGui::SameLine();
      if (KeyButton("Skip", "S")) Press(tutor, screen, 'S');
      KeysLine(ctx, run.kind() == core::RunKind::kExam
                        ? "Keys: A-F or 1-6 pick    Enter submit    S skip    Esc home"
                        : "Keys: A-F or 1-6 pick    Enter submit    H hint    S skip    Esc home");
      break;
    }
    case core::QuizPhase::kConfidence:
      if (KeyButton("Change answer", "Backspace")) Press(tutor, screen, '\b');
      ImGui::SameLine();
      if (KeyButton("Skip", "S")) Press(tutor, screen, 'S');
      KeysLine(ctx, "Keys: 1 guessing    2 fairly sure    3 certain    Backspace change answer");
      break;
    case core::QuizPhase::kFeedback: {
      const bool last = run.position() + 1 >= run.count();
      if (KeyButton(last ? "See the results" : "Next question", "Enter")) {
        Press(tutor, screen, '\n');
      }
      KeysLine(ctx, "Keys: Enter next    PgUp / PgDn scroll    Esc home");
      break;
    }
    case core::QuizPhase::kSetup:
    case core::QuizPhase::kResults:
      break;
  }
}

}  // namespace

void DrawQuestion(core::Tutor& tutor, core::QuizScreen& screen, ViewContext& ctx) {
  core::PracticeRun& run = *screen.run();
  const core::SessionQuestion& shown = run.current();
  const core::Question& question = *shown.source;
  const core::QuizPhase phase = screen.phase();
  const core::AnswerFeedback* feedback = run.shown_feedback();

  DrawHeader(screen, run, ctx);
  ImGui::BeginChild("question", ImVec2(0, -FooterHeight()), false);
  std::string about = std::string(core::LevelName(question.level)) + "  \xC2\xB7  " + question.topic;
  if (question.multiple) about += "  \xC2\xB7  select all that apply";
  TextColoredWrapped(ctx.palette.muted, about);

  if (feedback != nullptr) {
    // The verdict first, where the eye is; the rows below mark every option it involves.
    ImGui::PushFont(ctx.fonts.heading);
    TextColoredWrapped(feedback->correct ? ctx.palette.good : ctx.palette.bad,
                       core::FeedbackVerdict(*feedback));
    ImGui::PopFont();
    if (auto next = run.shown_next_review()) {
      std::string when = core::FormatNextReview(*next, tutor.clock().now());
      if (!when.empty() && when.back() == '\n') when.pop_back();
      TextColoredWrapped(ctx.palette.muted, when);
    }
  }

  ImGui::Spacing();
  RichText(core::CodeSpans(question.prompt), ctx, ctx.fonts.bold);
  if (!question.code.empty()) {
    ImGui::Spacing();
    CodeBlock(ctx, question.code);
  }
  ImGui::Spacing();
  const bool answering = phase == core::QuizPhase::kAnswering || phase == core::QuizPhase::kConfidence;
  for (int i = 0; i < static_cast<int>(shown.order.size()); ++i) {
    OptionLook look;
    if (feedback != nullptr) {
      look = GradedLook(*feedback, i);
    } else if (screen.picked(i)) {
      look.mark = Mark::kPicked;
      look.tag = "your pick";
    }
    if (OptionRow(ctx, i, shown.Option(i).text, look, answering)) {
      Press(tutor, screen, static_cast<char>('A' + i));
    }
  }

  if (const auto& hint = screen.hint()) {
    ImGui::Spacing();
    NotePanel(ctx, "hint", "Hint", hint->empty() ? "No hint for this one." : *hint,
              ctx.palette.warn);
  }
  if (phase == core::QuizPhase::kConfidence) DrawConfidenceStep(tutor, screen, ctx);
  if (feedback != nullptr) DrawSolution(question, feedback->correct, ctx);
  ScrollKeys();
  ImGui::EndChild();
  DrawFooter(tutor, screen, run, ctx);
}

}  // namespace stagecraft::views::quiz
