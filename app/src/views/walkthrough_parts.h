#pragma once
// The walkthrough player's parts, each drawn in a region the player's layout gives it
// (walkthrough_view.cpp): the board (board_view.cpp) and the execution table and status tracker
// (walkthrough_tables.cpp). ImGui only; every decision is WalkthroughScreen's.

#include <imgui.h>

#include <optional>
#include <vector>

#include "core/walkthrough_screen.h"
#include "views/style.h"

namespace stagecraft::views {

// Flags for every child window of the player: ImGui's keyboard navigation never acts inside
// it, so ←, → and Space only ever mean what the player's keys say (no moved focus, no button
// pressed a second time).
inline constexpr ImGuiWindowFlags kPlayerChildFlags = ImGuiWindowFlags_NoNavInputs;

// The board in a child of `size`: a lane per stage with the version cards (sliding from their
// old lane after a move), and under the lanes what each environment serves and the pending
// approval requests.
void DrawBoard(const core::WalkthroughScreen& screen, const ViewContext& ctx, ImVec2 size);

// What the board draws, whoever owns it (the walkthrough's step or the sandbox's live registry):
// the lanes, the cards placed in them (sliding from their old places by `slide`, 0..1), and which
// serving and request chips to highlight, parallel to board.serving and board.pending_requests
// (shorter or empty: the rest are not highlighted).
struct BoardPicture {
  BoardPicture(const core::Board& b, const std::vector<core::PlacedCard>& c) : board(b), cards(c) {}
  const core::Board& board;
  const std::vector<core::PlacedCard>& cards;
  float slide = 1.0f;
  std::vector<bool> serving_changed;
  std::vector<bool> request_opened;
  const char* empty_text = "No model versions yet.";
  std::optional<core::VersionRef> picked;  // ringed: the card the keyboard points at
};
// What the pointer did to the board's cards this frame, and where the picked card is drawn.
struct BoardInput {
  std::optional<core::VersionRef> hovered;  // under the pointer
  std::optional<core::VersionRef> clicked;  // clicked with either button
  std::optional<ImVec2> picked_corner;      // the picked card's lower left corner, on screen
};
BoardInput DrawBoard(const BoardPicture& picture, const ViewContext& ctx, ImVec2 size);

// The execution table so far (Step, Command, Version, Stage, Result) in a region of `size`; the
// current row marked, its changed cells highlighted, refused rows with the engine's message.
// Clicking a row jumps to that step.
void DrawExecutionTable(core::WalkthroughScreen& screen, const ViewContext& ctx, ImVec2 size);

// The status tracker so far: each version's stage and what each environment serves after every
// step, the current row marked and its changed cells highlighted. Clicking a row jumps there.
void DrawStatusTracker(core::WalkthroughScreen& screen, const ViewContext& ctx, ImVec2 size);

// True on the few frames after the position changed, in which the current window should scroll
// its current step into view (kept per window in ImGui's state storage).
bool ScrollToCurrent(std::size_t position);

// Packs a colour for the draw list, with its alpha multiplied by `alpha`.
ImU32 Packed(const ImVec4& color, float alpha = 1.0f);

}  // namespace stagecraft::views
