#include "views/question_widget.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/question_text.h"
#include "views/rich_text.h"

namespace stagecraft::views {

namespace {

ImVec4 WithAlpha(ImVec4 color, float alpha) {
  color.w = alpha;
  return color;
}

ImVec4 MarkColor(OptionMark mark, const ViewContext& ctx) {
  switch (mark) {
    case OptionMark::kPicked: return ctx.palette.accent;
    case OptionMark::kRight: return ctx.palette.good;
    case OptionMark::kWrong: return ctx.palette.bad;
    case OptionMark::kMissed: return ctx.palette.warn;
    case OptionMark::kNone:
    case OptionMark::kOther: break;
  }
  return ImGui::GetStyleColorVec4(ImGuiCol_Border);
}

// Content drawn first on the upper of two draw channels, then `behind(min, max)` on the lower
// one once its size is known: rich text is measured by laying it out.
template <typename Content, typename Behind>
void DrawnThenBehind(Content content, Behind behind) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImDrawListSplitter splitter;
  splitter.Split(draw, 2);
  splitter.SetCurrentChannel(draw, 1);
  content();
  splitter.SetCurrentChannel(draw, 0);
  behind();
  splitter.Merge(draw);
}

// The question's code on a panel in the mono font, as wide as the column; scrolls sideways when
// its lines are wider.
void CodeBlock(const ViewContext& ctx, const std::string& code) {
  std::string_view text = code;
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  ImGui::PushFont(ctx.fonts.mono);
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
  const float width = RightEdge() - ImGui::GetCursorScreenPos().x;
  const bool wide = size.x + style.WindowPadding.x * 2 > width;
  const float height = size.y + style.WindowPadding.y * 2 + (wide ? style.ScrollbarSize : 0);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.palette.panel_bg);
  ImGui::BeginChild("code", ImVec2(width, height), true,
                    ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.code_text);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopStyleColor();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

// `marker` ("1.", "•") muted, and `text` (code spans) wrapped beside it.
void MarkedLine(const std::string& marker, const std::string& text, const ViewContext& ctx) {
  const float width = ImGui::CalcTextSize("00.").x + ImGui::GetFontSize() * 0.5f;
  const float x = ImGui::GetCursorScreenPos().x;
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
  ImGui::TextUnformatted(marker.c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine(0, 0);
  ImGui::SetCursorScreenPos(ImVec2(x + width, ImGui::GetCursorScreenPos().y));
  ImGui::BeginGroup();
  RichText(core::CodeSpans(text), ctx);
  ImGui::EndGroup();
}

// The hint on a rounded panel: "Hint" in bold, then the hint (or that there is none).
void HintNote(const std::string& hint, const ViewContext& ctx) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float right = RightEdge();
  const ImVec2 pad = style.FramePadding;
  DrawnThenBehind(
      [&] {
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad.x * 1.5f, pos.y + pad.y * 1.5f));
        ImGui::BeginGroup();
        PushRightEdge(right - pad.x * 1.5f);
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextColored(ctx.palette.warn, "Hint");
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::BeginGroup();
        RichText(core::CodeSpans(hint.empty() ? "No hint for this one." : hint), ctx);
        ImGui::EndGroup();
        PopRightEdge();
        ImGui::EndGroup();
      },
      [&] {
        const ImVec2 max(right, ImGui::GetItemRectMax().y + pad.y * 1.5f);
        ImGui::GetWindowDrawList()->AddRectFilled(pos, max, ImGui::GetColorU32(ctx.palette.panel_bg),
                                                  style.FrameRounding + 3);
        ImGui::GetWindowDrawList()->AddRect(pos, max,
                                            ImGui::GetColorU32(WithAlpha(ctx.palette.warn, 0.6f)),
                                            style.FrameRounding + 3);
        ImGui::SetCursorScreenPos(pos);
        ImGui::Dummy(ImVec2(max.x - pos.x, max.y - pos.y));
      });
}

void Solution(const core::Question& question, bool correct, const ViewContext& ctx) {
  if (!question.solution.empty()) {
    ImGui::Spacing();
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted("Solution");
    ImGui::PopFont();
    for (std::size_t i = 0; i < question.solution.size(); ++i) {
      MarkedLine(std::to_string(i + 1) + ".", question.solution[i], ctx);
    }
  }
  if (!correct && !question.mistakes.empty()) {
    ImGui::Spacing();
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted("Common mistakes");
    ImGui::PopFont();
    for (const std::string& mistake : question.mistakes) {
      MarkedLine("\xE2\x80\xA2", mistake, ctx);  // •
    }
  }
}

}  // namespace

OptionLook PickedLook(bool picked) {
  OptionLook look;
  if (picked) {
    look.mark = OptionMark::kPicked;
    look.tag = core::PickedOptionTag();
  }
  return look;
}

OptionLook GradedLook(const core::AnswerFeedback& feedback, int shown) {
  for (const core::OptionVerdict& verdict : feedback.involved) {
    if (verdict.shown != shown) continue;
    OptionLook look;
    look.note = verdict.feedback;
    look.tag = core::OptionVerdictTag(verdict);
    look.mark = !verdict.chosen   ? OptionMark::kMissed
                : verdict.correct ? OptionMark::kRight
                                  : OptionMark::kWrong;
    return look;
  }
  return OptionLook{OptionMark::kOther, "", ""};
}

bool OptionRow(const ViewContext& ctx, int shown, const core::InlineText& text,
               const OptionLook& look, bool clickable) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float right = RightEdge();
  const float pad = std::round(style.FramePadding.x * 1.5f);
  const float box = ImGui::GetFrameHeight();
  const float inset = style.FramePadding.y + std::round(pad * 0.25f);  // above and below
  const float tag_width = look.tag.empty() ? 0 : ImGui::CalcTextSize(look.tag.c_str()).x + pad;
  const float text_x = pos.x + pad + box + pad;
  const float text_right = std::max(text_x + ImGui::GetFontSize() * 4, right - pad - tag_width);
  // The first line of text sits level with the letter.
  const float text_y = pos.y + inset + std::round((box - ImGui::GetTextLineHeight()) * 0.5f);
  const ImVec4 mark = MarkColor(look.mark, ctx);
  const bool marked = look.mark != OptionMark::kNone && look.mark != OptionMark::kOther;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  bool clicked = false;

  ImGui::PushID(shown);
  DrawnThenBehind(
      [&] {
        ImGui::SetCursorScreenPos(ImVec2(text_x, text_y));
        ImGui::BeginGroup();
        PushRightEdge(text_right);
        const bool muted = look.mark == OptionMark::kOther;
        if (muted) ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
        RichText(text, ctx);
        if (muted) ImGui::PopStyleColor();
        if (!look.note.empty()) {
          // Close under the text, as a line of it.
          ImGui::SetCursorScreenPos(ImVec2(
              text_x, ImGui::GetItemRectMax().y + std::round(style.ItemSpacing.y * 0.5f)));
          ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
          RichText(core::CodeSpans(look.note), ctx, ctx.fonts.italic);
          ImGui::PopStyleColor();
        }
        PopRightEdge();
        ImGui::EndGroup();
        if (!look.tag.empty()) {
          const float tag_x = right - pad - ImGui::CalcTextSize(look.tag.c_str()).x;
          draw->AddText(ImVec2(tag_x, text_y), ImGui::GetColorU32(mark), look.tag.c_str());
        }
      },
      [&] {
        const float bottom = std::max(pos.y + inset + box, ImGui::GetItemRectMax().y) + inset;
        const ImVec2 size(right - pos.x, bottom - pos.y);
        ImGui::SetCursorScreenPos(pos);
        if (clickable) {
          clicked = ImGui::InvisibleButton("option", size);
        } else {
          ImGui::Dummy(size);
        }
        const bool hovered = clickable && ImGui::IsItemHovered();
        const ImVec2 max(right, bottom);
        const float rounding = style.FrameRounding + 3;
        // Hovering only outlines the row: a filled row means picked (or graded), never "under
        // the mouse", so that a picture of the window cannot be misread.
        const ImVec4 background = marked ? WithAlpha(mark, 0.16f) : ctx.palette.panel_bg;
        ImVec4 border = marked ? mark : WithAlpha(mark, 0.5f);
        if (hovered && !marked) border = WithAlpha(ctx.palette.accent, 0.8f);
        draw->AddRectFilled(pos, max, ImGui::GetColorU32(background), rounding);
        draw->AddRect(pos, max, ImGui::GetColorU32(border), rounding, 0, marked ? 2.0f : 1.0f);

        // The letter in its box.
        const ImVec2 box_min(pos.x + pad, pos.y + inset);
        const ImVec2 box_max(box_min.x + box, box_min.y + box);
        if (marked) {
          draw->AddRectFilled(box_min, box_max, ImGui::GetColorU32(mark), style.FrameRounding);
        } else {
          draw->AddRect(box_min, box_max, ImGui::GetColorU32(ImGuiCol_Text, 0.6f),
                        style.FrameRounding);
        }
        const std::string letter = core::OptionLetter(shown);
        ImFont* bold = ctx.fonts.bold;
        const ImVec2 letter_size = bold->CalcTextSizeA(bold->FontSize, 1e30f, 0, letter.c_str());
        const ImU32 letter_color = marked ? ImGui::GetColorU32(ImGuiCol_WindowBg)
                                          : ImGui::GetColorU32(ImGuiCol_Text);
        draw->AddText(bold, bold->FontSize,
                      ImVec2(box_min.x + std::round((box - letter_size.x) * 0.5f),
                             box_min.y + std::round((box - letter_size.y) * 0.5f)),
                      letter_color, letter.c_str());
      });
  ImGui::PopID();
  return clicked;
}

std::optional<int> DrawQuestionWidget(const QuestionState& state, const ViewContext& ctx) {
  const core::Question& question = *state.question;
  const core::AnswerFeedback* feedback = state.feedback;
  if (feedback != nullptr) {
    // The verdict first, where the eye is; the rows below mark every option it involves.
    const ImVec4 color = feedback->correct          ? ctx.palette.good
                         : feedback->credit > 0     ? ctx.palette.warn
                         : feedback->chosen.empty() ? ctx.palette.warn  // unanswered
                                                    : ctx.palette.bad;
    if (!state.verdict.empty()) WrappedText(state.verdict, ctx, ctx.fonts.heading, &color);
    if (!state.next_review.empty()) {
      std::string when = state.next_review;
      if (when.back() == '\n') when.pop_back();
      WrappedText(when, ctx, nullptr, &ctx.palette.muted);
    }
    ImGui::Spacing();
  }
  RichText(core::CodeSpans(question.prompt), ctx, ctx.fonts.bold);
  if (!question.code.empty()) {
    ImGui::Spacing();
    CodeBlock(ctx, question.code);
  }
  ImGui::Spacing();

  std::optional<int> clicked;
  const int count = static_cast<int>(state.order.empty() ? question.options.size()
                                                         : state.order.size());
  for (int shown = 0; shown < count; ++shown) {
    const int index = state.order.empty() ? shown : state.order[static_cast<std::size_t>(shown)];
    OptionLook look;
    if (feedback != nullptr) {
      look = GradedLook(*feedback, shown);
    } else {
      look = PickedLook(std::find(state.picked.begin(), state.picked.end(), shown) !=
                        state.picked.end());
    }
    const std::string& text = question.options[static_cast<std::size_t>(index)].text;
    if (OptionRow(ctx, shown, core::CodeSpans(text), look, state.clickable && feedback == nullptr)) {
      clicked = shown;
    }
  }
  if (state.hint) {
    ImGui::Spacing();
    HintNote(*state.hint, ctx);
  }
  if (feedback != nullptr) Solution(question, feedback->correct, ctx);
  return clicked;
}

std::string PickKeys(std::size_t count) {
  const int keys = static_cast<int>(std::clamp<std::size_t>(count, 1, 6));
  return "1-" + std::to_string(keys) + " or A-" + core::OptionLetter(keys - 1) + " pick";
}

}  // namespace stagecraft::views
