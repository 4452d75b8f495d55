// The walkthrough's board: rounded lanes (one per stage, in the registry's order), a card per
// version sliding to its new lane after a move, and under the lanes the environments and the
// pending requests as chips. Drawn with the window's draw list.

#include <algorithm>
#include <string>
#include <vector>

#include "views/walkthrough_parts.h"

namespace stagecraft::views {

ImU32 Packed(const ImVec4& color, float alpha) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(color.x, color.y, color.z, color.w * alpha));
}

namespace {

ImVec2 Lerp(ImVec2 a, ImVec2 b, float t) { return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t); }

// A line of a card: its text and colour.
struct CardLine {
  std::string text;
  ImVec4 color;
};

std::vector<CardLine> CardLines(const core::BoardCard& card, const ViewContext& ctx) {
  std::vector<CardLine> lines;
  if (!card.aliases.empty()) {
    std::string aliases;
    for (const auto& alias : card.aliases) aliases += (aliases.empty() ? "@" : "  @") + alias;
    lines.push_back({aliases, ctx.palette.accent});
  }
  for (const auto& serving : card.serving) {
    const bool canary = serving.find("canary") != std::string::npos;
    lines.push_back({"\xE2\x96\xB6 " + serving, canary ? ctx.palette.warn : ctx.palette.good});  // ▶
  }
  return lines;
}

// The chips under the lanes: what each environment serves, then the pending requests.
struct Chip {
  std::string text;
  ImVec4 text_color;
  bool changed = false;
};

bool At(const std::vector<bool>& flags, std::size_t i) { return i < flags.size() && flags[i]; }

std::vector<Chip> ServingChips(const BoardPicture& picture, const ViewContext& ctx) {
  std::vector<Chip> chips;
  for (std::size_t i = 0; i < picture.board.serving.size(); ++i) {
    const core::BoardServing& s = picture.board.serving[i];
    std::string text = s.environment + " serves " + s.model_name + " v" + std::to_string(s.version);
    if (s.canary_version) {
      text += " (" + std::to_string(s.traffic) + "%) + canary v" +
              std::to_string(*s.canary_version) + " (" + std::to_string(s.canary_traffic) + "%)";
    }
    const bool changed = At(picture.serving_changed, i);
    chips.push_back(
        {text, changed ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : ctx.palette.good, changed});
  }
  return chips;
}

std::vector<Chip> RequestChips(const BoardPicture& picture, const ViewContext& ctx) {
  std::vector<Chip> chips;
  for (std::size_t i = 0; i < picture.board.pending_requests.size(); ++i) {
    const engine::TransitionRequest& r = picture.board.pending_requests[i];
    std::string text = "#" + std::to_string(r.id) + " " + r.model_name + " v" +
                       std::to_string(r.version) + " " + r.from_stage + " \xE2\x86\x92 " +  // →
                       r.to_stage + " by " + r.requester + ", " +
                       std::to_string(r.approvals.size()) + " of " +
                       std::to_string(r.required_approvals) + " approvals";
    const bool opened = At(picture.request_opened, i);
    chips.push_back({text, opened ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : ctx.palette.warn,
                     opened});
  }
  return chips;
}

// Lays out a label and its chips from `at`, wrapping within `width`; draws them when `draw` is
// set. Returns the height used.
float ChipRow(ImDrawList* draw, const char* label, const std::vector<Chip>& chips, ImVec2 at,
              float width, const ViewContext& ctx) {
  const float pad = 6 * ctx.scale, gap = 6 * ctx.scale;
  const float line = ImGui::GetTextLineHeight();
  const float chip_h = line + 2 * pad * 0.6f;
  float x = at.x, y = at.y;
  const ImVec2 label_size = ImGui::CalcTextSize(label);
  if (draw) {
    draw->AddText(ImVec2(x, y + (chip_h - line) / 2), Packed(ctx.palette.muted), label);
  }
  x += label_size.x + gap;
  const float left = x;
  for (const Chip& chip : chips) {
    const float w = ImGui::CalcTextSize(chip.text.c_str()).x + 2 * pad;
    if (x + w > at.x + width && x > left) {
      x = left;
      y += chip_h + gap;
    }
    if (draw) {
      const ImVec4 bg = chip.changed ? ctx.palette.changed_bg : ctx.palette.panel_bg;
      draw->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + chip_h), Packed(bg), chip_h / 2);
      draw->AddRect(ImVec2(x, y), ImVec2(x + w, y + chip_h),
                    Packed(chip.changed ? ctx.palette.accent : ctx.palette.muted, 0.6f), chip_h / 2);
      draw->AddText(ImVec2(x + pad, y + (chip_h - line) / 2), Packed(chip.text_color),
                    chip.text.c_str());
    }
    x += w + gap;
  }
  return y + chip_h - at.y;
}

}  // namespace

void DrawBoard(const core::WalkthroughScreen& screen, const ViewContext& ctx, ImVec2 size) {
  BoardPicture picture{screen.board(), screen.cards()};
  picture.slide = static_cast<float>(screen.SlideProgress(ctx.now, ctx.reduced_motion));
  for (const core::BoardServing& s : screen.board().serving) {
    picture.serving_changed.push_back(screen.ServingChanged(s.model_name, s.environment));
  }
  for (const engine::TransitionRequest& r : screen.board().pending_requests) {
    bool opened = false;
    for (const auto& change : screen.changes().request_changes) {
      opened |= change.kind == core::RequestChange::Kind::kOpened && change.request.id == r.id;
    }
    picture.request_opened.push_back(opened);
  }
  if (screen.position() == 0) {
    picture.empty_text =
        "Nothing has run yet: the registry is empty. Press \xE2\x86\x92 for step 1.";
  }
  DrawBoard(picture, ctx, size);
}

BoardInput DrawBoard(const BoardPicture& picture, const ViewContext& ctx, ImVec2 size) {
  BoardInput input;
  ImGui::BeginChild("board", size, false,
                    kPlayerChildFlags | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const core::Board& board = picture.board;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float s = ctx.scale;
  const float gap = 8 * s, pad = 8 * s, rounding = 8 * s;
  const float line = ImGui::GetTextLineHeight();
  const float small_gap = 2 * s;

  // The footer first: the lanes take what it leaves.
  const std::vector<Chip> serving = ServingChips(picture, ctx);
  const std::vector<Chip> requests = RequestChips(picture, ctx);
  const char* serving_label = serving.empty() ? "No environment serves a version yet." : "Serving:";
  float footer = ChipRow(nullptr, serving_label, serving, origin, avail.x, ctx);
  if (!requests.empty()) footer += gap + ChipRow(nullptr, "Pending requests:", requests, origin, avail.x, ctx);
  const float lanes_h = std::max(avail.y - footer - gap, line * 4);

  // Lanes.
  const std::size_t n = std::max<std::size_t>(board.lanes.size(), 1);
  const float lane_w = (avail.x - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
  const float header_h = line + 2 * pad;
  auto lane_x = [&](std::size_t lane) { return origin.x + static_cast<float>(lane) * (lane_w + gap); };
  for (std::size_t lane = 0; lane < board.lanes.size(); ++lane) {
    const ImVec2 min(lane_x(lane), origin.y), max(lane_x(lane) + lane_w, origin.y + lanes_h);
    draw->AddRectFilled(min, max, Packed(ctx.palette.panel_bg), rounding);
    const std::string& stage = board.lanes[lane].stage;
    ImGui::PushFont(ctx.fonts.bold);
    const float text_w = ImGui::CalcTextSize(stage.c_str()).x;
    draw->AddText(ImVec2(min.x + std::max(pad, (lane_w - text_w) / 2), min.y + pad),
                  Packed(ImGui::GetStyleColorVec4(ImGuiCol_Text)), stage.c_str());
    ImGui::PopFont();
    draw->AddLine(ImVec2(min.x + pad, min.y + header_h), ImVec2(max.x - pad, min.y + header_h),
                  Packed(ctx.palette.muted, 0.35f), 1.0f);
  }

  // Cards: one height for all (the tallest one's), stacked closer when a lane holds many.
  const float card_w = lane_w - 2 * pad;
  const float text_w = card_w - 2 * pad;
  float card_h = 0;
  std::size_t most = 1;
  for (const auto& lane : board.lanes) most = std::max(most, lane.cards.size());
  for (const core::PlacedCard& placed : picture.cards) {
    float h = 2 * pad + line;
    for (const CardLine& l : CardLines(placed.card, ctx)) {
      h += small_gap + ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, text_w,
                                                       l.text.c_str()).y;
    }
    card_h = std::max(card_h, h);
  }
  const float room = lanes_h - header_h - 2 * pad;
  const float step_y = std::min(card_h + gap, std::max(line + 2 * pad,
                                                       (room - card_h) / static_cast<float>(most > 1 ? most - 1 : 1)));
  auto card_pos = [&](std::size_t lane, std::size_t slot) {
    return ImVec2(lane_x(lane) + pad, origin.y + header_h + pad + static_cast<float>(slot) * step_y);
  };

  const float t = picture.slide;
  auto draw_card = [&](const core::PlacedCard& placed) {
    const ImVec2 to = card_pos(placed.lane, placed.slot);
    ImVec2 at = to;
    float alpha = 1.0f;
    if (placed.from_lane) {
      at = Lerp(card_pos(*placed.from_lane, *placed.from_slot), to, t);
    } else {
      alpha = t;  // new: fades in
    }
    const ImVec2 max(at.x + card_w, at.y + card_h);
    if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(at, max)) {
      input.hovered = placed.card.version;
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) ||
          ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
        input.clicked = placed.card.version;
      }
    }
    if (picture.picked == placed.card.version) {
      const float ring = 3 * s;
      draw->AddRect(ImVec2(at.x - ring, at.y - ring), ImVec2(max.x + ring, max.y + ring),
                    Packed(ctx.palette.accent, alpha), rounding, 0, 2.0f * s);
      input.picked_corner = ImVec2(at.x, max.y);
    }
    const ImVec4 bg = placed.changed ? ctx.palette.changed_bg
                                     : ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    draw->AddRectFilled(at, max, Packed(bg, alpha), rounding * 0.75f);
    draw->AddRect(at, max, Packed(placed.changed ? ctx.palette.accent : ctx.palette.muted,
                                  alpha * (placed.changed ? 1.0f : 0.45f)),
                  rounding * 0.75f, 0, placed.changed ? 2.0f * s : 1.0f);
    draw->PushClipRect(at, max, true);
    const std::string name = placed.card.version.model_name + " v" +
                             std::to_string(placed.card.version.version);
    ImVec2 cursor(at.x + pad, at.y + pad);
    ImGui::PushFont(ctx.fonts.bold);
    draw->AddText(cursor, Packed(ImGui::GetStyleColorVec4(ImGuiCol_Text), alpha), name.c_str());
    ImGui::PopFont();
    cursor.y += line;
    for (const CardLine& l : CardLines(placed.card, ctx)) {
      cursor.y += small_gap;
      // On the highlight the meaning colours lose contrast; the ▶ and @ still say what a line is.
      const ImVec4 color = placed.changed ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : l.color;
      draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), cursor, Packed(color, alpha),
                    l.text.c_str(), nullptr, text_w);
      cursor.y += ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, text_w,
                                                  l.text.c_str()).y;
    }
    draw->PopClipRect();
  };
  // Cards that stay first, so the moving ones pass over them.
  for (const core::PlacedCard& placed : picture.cards) {
    if (placed.from_lane == placed.lane && placed.from_slot == placed.slot) draw_card(placed);
  }
  for (const core::PlacedCard& placed : picture.cards) {
    if (!(placed.from_lane == placed.lane && placed.from_slot == placed.slot)) draw_card(placed);
  }
  if (picture.cards.empty()) {
    const char* empty = picture.empty_text;
    const ImVec2 size_text = ImGui::CalcTextSize(empty);
    draw->AddText(ImVec2(origin.x + (avail.x - size_text.x) / 2,
                         origin.y + header_h + (lanes_h - header_h - size_text.y) / 2),
                  Packed(ctx.palette.muted), empty);
  }

  // The footer.
  ImVec2 at(origin.x, origin.y + lanes_h + gap);
  at.y += ChipRow(draw, serving_label, serving, at, avail.x, ctx);
  if (!requests.empty()) {
    at.y += gap;
    ChipRow(draw, "Pending requests:", requests, at, avail.x, ctx);
  }
  ImGui::EndChild();
  return input;
}

}  // namespace stagecraft::views
