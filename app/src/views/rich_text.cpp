#include "views/rich_text.h"

#include <algorithm>
#include <cfloat>
#include <string_view>
#include <vector>

namespace stagecraft::views {

namespace {

using core::TextRun;

// The pushed right edges; a frame's pushes are all popped by its end.
std::vector<float>& Edges() {
  static std::vector<float> edges;
  return edges;
}

// How one run looks.
struct Look {
  ImFont* font = nullptr;
  ImVec4 color;
  bool code = false;
  bool link = false;
  bool strike = false;
  const std::string* href = nullptr;  // a link's address
};

Look LookOf(const TextRun& run, const ViewContext& ctx, ImFont* base) {
  Look look;
  look.color = ImGui::GetStyleColorVec4(ImGuiCol_Text);
  look.font = base != nullptr ? base : ctx.fonts.regular;
  if (run.style & TextRun::kStrong) look.font = base != nullptr ? base : ctx.fonts.bold;
  if (run.style & TextRun::kEmphasis) look.font = ctx.fonts.italic;
  if (run.style & TextRun::kCode) {
    look.font = ctx.fonts.mono;
    look.color = ctx.palette.code_text;
    look.code = true;
  }
  if (run.style & TextRun::kLink) {
    look.color = ctx.palette.accent;
    look.link = true;
    look.href = &run.href;
  }
  look.strike = (run.style & TextRun::kStrike) != 0;
  return look;
}

float Width(ImFont* font, std::string_view text) {
  if (text.empty()) return 0;
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
}

// The length of the longest prefix of `text` (whole UTF-8 characters, at least one) that fits in
// `width`.
std::size_t FittingPrefix(ImFont* font, std::string_view text, float width) {
  std::size_t fits = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t next = i + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    if (fits > 0 && Width(font, text.substr(0, next)) > width) break;
    fits = next;
    i = next;
  }
  return fits;
}

// Lays the words of a paragraph out one by one: SameLine while a word fits, a new line when not.
class Flow {
 public:
  Flow() : right_(RightEdge()) {}

  // Draws `text` (one run's text, or part of it) in `look`; true when it was clicked.
  bool Add(std::string_view text, const Look& look) {
    bool clicked = false;
    std::size_t start = 0;
    while (start < text.size()) {
      if (text[start] == '\n') {
        BreakLine();
        ++start;
        continue;
      }
      // A piece is a word and the spaces after it.
      std::size_t word_end = text.find_first_of(" \n", start);
      if (word_end == std::string_view::npos) word_end = text.size();
      std::size_t piece_end = text.find_first_not_of(' ', word_end);
      if (piece_end == std::string_view::npos) piece_end = text.size();
      const bool first = start == 0, last = piece_end >= text.size();
      clicked |= Piece(text.substr(start, word_end - start), text.substr(start, piece_end - start),
                       look, first, last);
      start = piece_end;
    }
    return clicked;
  }

  void BreakLine() {
    if (line_empty_) ImGui::NewLine();  // an empty line keeps its height
    line_empty_ = true;
    break_ = true;
  }

 private:
  bool Piece(std::string_view word, std::string_view piece, const Look& look, bool first,
             bool last) {
    const float word_width = Width(look.font, word);
    if (!line_empty_ && !break_) {
      const float x = ImGui::GetItemRectMax().x;
      if (x + word_width <= right_) {
        ImGui::SameLine(0, 0);
      } else {
        line_empty_ = true;  // the next item starts a new line
      }
    }
    break_ = false;
    bool clicked = false;
    // A word wider than the line is broken between characters.
    while (line_empty_ && Width(look.font, word) > right_ - ImGui::GetCursorScreenPos().x &&
           word.size() > 1) {
      const float room = right_ - ImGui::GetCursorScreenPos().x;
      const std::size_t fits = FittingPrefix(look.font, word, room);
      if (fits >= word.size()) break;
      clicked |= Draw(word.substr(0, fits), look, first, true);
      first = true;
      word.remove_prefix(fits);
      piece.remove_prefix(fits);
      line_empty_ = true;
    }
    clicked |= Draw(piece, look, first, last);
    line_empty_ = false;
    return clicked;
  }

  // Draws one piece; `first` and `last` say whether it starts or ends its run (a code run's
  // background is padded and rounded at its ends only, so its words join up).
  bool Draw(std::string_view text, const Look& look, bool first, bool last) {
    ImGui::PushFont(look.font);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    if (look.code) {
      std::string_view inked = text;
      if (last) inked = inked.substr(0, inked.find_last_not_of(' ') + 1);
      const ImVec2 size = ImGui::CalcTextSize(inked.data(), inked.data() + inked.size());
      ImVec4 bg = look.color;
      bg.w = 0.13f;
      ImDrawFlags corners = ImDrawFlags_RoundCornersNone;
      if (first) corners |= ImDrawFlags_RoundCornersLeft;
      if (last) corners |= ImDrawFlags_RoundCornersRight;
      ImGui::GetWindowDrawList()->AddRectFilled(
          ImVec2(pos.x - (first ? 2.0f : 0.0f), pos.y - 1),
          ImVec2(pos.x + size.x + (last ? 2.0f : 0.0f), pos.y + size.y + 1),
          ImGui::GetColorU32(bg), 3.0f, corners);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, look.color);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (look.strike) {
      const float y = (min.y + max.y) * 0.5f;
      draw->AddLine(ImVec2(min.x, y), ImVec2(max.x, y), ImGui::GetColorU32(look.color));
    }
    if (!look.link) return false;
    draw->AddLine(ImVec2(min.x, max.y), ImVec2(max.x, max.y), ImGui::GetColorU32(look.color));
    if (ImGui::IsItemHovered()) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      if (look.href != nullptr && !look.href->empty()) {
        ImGui::SetTooltip("%s  (click to copy)", look.href->c_str());
      }
    }
    return ImGui::IsItemClicked();
  }

  float right_;
  bool line_empty_ = true;  // nothing drawn on the current line yet
  bool break_ = false;      // a hard break: the next piece starts a new line
};

}  // namespace

void PushRightEdge(float screen_x) {
  std::vector<float>& edges = Edges();
  edges.push_back(edges.empty() ? screen_x : std::min(edges.back(), screen_x));
}

void PopRightEdge() {
  IM_ASSERT(!Edges().empty() && "PopRightEdge without PushRightEdge");
  Edges().pop_back();
}

float RightEdge() {
  const float region = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  return Edges().empty() ? region : std::min(region, Edges().back());
}

std::string RichText(const core::InlineText& runs, const ViewContext& ctx, ImFont* base) {
  Flow flow;
  std::string clicked;
  for (const TextRun& run : runs) {
    if (run.text == "\n") {
      flow.BreakLine();
      continue;
    }
    const Look look = LookOf(run, ctx, base);
    if (flow.Add(run.text, look)) clicked = run.href;
  }
  return clicked;
}

void WrappedText(std::string_view text, const ViewContext& ctx, ImFont* font, const ImVec4* color) {
  Flow flow;
  Look look;
  look.font = font != nullptr ? font : ctx.fonts.regular;
  look.color = color != nullptr ? *color : ImGui::GetStyleColorVec4(ImGuiCol_Text);
  flow.Add(text, look);
}

}  // namespace stagecraft::views
