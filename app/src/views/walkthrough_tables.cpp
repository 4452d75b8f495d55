// The walkthrough's execution table and status tracker: rows up to the current step, the current
// row marked, what changed at it highlighted, a click on a row jumps to its step.

#include <algorithm>
#include <string>

#include "views/walkthrough_parts.h"
#include "views/widgets.h"

namespace stagecraft::views {

namespace {

// The bounds of the table row being drawn, from the cells' items, so that the whole row (however
// tall its wrapped cells) answers a click.
class RowBounds {
 public:
  void Start() {
    top_ = ImGui::GetCursorScreenPos().y - ImGui::GetStyle().CellPadding.y;
    bottom_ = top_;
  }
  void AfterCell() { bottom_ = std::max(bottom_, ImGui::GetItemRectMax().y); }
  bool Clicked() const {
    const ImVec2 min(ImGui::GetWindowPos().x, top_);
    const ImVec2 max(min.x + ImGui::GetWindowWidth(), bottom_ + ImGui::GetStyle().CellPadding.y);
    return ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(min, max) &&
           ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  }
  bool Hovered() const {
    const ImVec2 min(ImGui::GetWindowPos().x, top_);
    const ImVec2 max(min.x + ImGui::GetWindowWidth(), bottom_ + ImGui::GetStyle().CellPadding.y);
    return ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(min, max);
  }

 private:
  float top_ = 0, bottom_ = 0;
};

// Wrapped text in the current cell, in `color`.
void CellText(const std::string& text, const ImVec4& color) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

}  // namespace

bool ScrollToCurrent(std::size_t position) {
  // A few frames in a row: a scroll is clamped to the size the window had the frame before, and
  // a new or grown table learns its height only as it is drawn.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  int* last = storage->GetIntRef(ImGui::GetID("shown position"), -1);
  int* frames = storage->GetIntRef(ImGui::GetID("scroll frames"), 0);
  if (*last != static_cast<int>(position)) {
    *last = static_cast<int>(position);
    *frames = 3;
  }
  if (*frames <= 0) return false;
  --*frames;
  return true;
}

namespace {

void KeepCurrentInView(std::size_t position) {
  if (ScrollToCurrent(position)) ImGui::SetScrollHereY(0.5f);
}

void RowBackground(bool current, bool hovered, const ViewContext& ctx) {
  if (current) {
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, Packed(ctx.palette.accent, 0.22f));
  } else if (hovered) {
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, Packed(ctx.palette.accent, 0.10f));
  }
}

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                        ImGuiTableFlags_BordersInnerH |
                                        ImGuiTableFlags_BordersOuter |
                                        ImGuiTableFlags_SizingStretchProp;

void TableTitle(const ViewContext& ctx, const char* title, const char* note) {
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
  ImGui::TextUnformatted(note);
  ImGui::PopStyleColor();
}

}  // namespace

void DrawExecutionTable(core::WalkthroughScreen& screen, const ViewContext& ctx, ImVec2 size) {
  ImGui::BeginChild("execution", size, false, kPlayerChildFlags | ImGuiWindowFlags_NoScrollbar);
  TableTitle(ctx, "Execution table", "click a row to go back to its step");
  const auto& rows = screen.execution_rows();
  std::size_t jump_to = 0;
  if (ImGui::BeginTable("execution table", 5, kTableFlags, ImGui::GetContentRegionAvail())) {
    ImGui::TableSetupScrollFreeze(0, 1);
    // Short cells fit their content (never wrapped, so the fit is their width); the command
    // and the result share the rest and wrap.
    ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Command", ImGuiTableColumnFlags_WidthStretch, 1.25f);
    ImGui::TableSetupColumn("Version", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Result", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    const ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const core::ExecutionRow& row = rows[i];
      const bool current = i + 1 == screen.position();
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      RowBounds bounds;
      bounds.Start();
      for (int column = 0; column < 5 && column < static_cast<int>(row.cells.size()); ++column) {
        ImGui::TableSetColumnIndex(column);
        const std::string& cell = row.cells[static_cast<std::size_t>(column)];
        if (column == 1) {
          ImGui::PushFont(ctx.fonts.mono);
          CellText(cell, ctx.palette.code_text);
          ImGui::PopFont();
        } else if (column == 4) {
          if (row.refused) {
            ImGui::PushFont(ctx.fonts.bold);
            CellText("\xE2\x9C\x97 refused", ctx.palette.bad);  // ✗
            ImGui::PopFont();
            CellText(row.message, ctx.palette.bad);
          } else {
            CellText("\xE2\x9C\x93 " + cell, ctx.palette.good);  // ✓
          }
        } else {
          ImGui::PushStyleColor(ImGuiCol_Text, column == 0 ? ctx.palette.muted : text);
          ImGui::TextUnformatted(cell.c_str());
          ImGui::PopStyleColor();
        }
        bounds.AfterCell();
        // What the current step changed: the stage it moved the version to.
        if (current && column == 3 && row.stage_changed) {
          ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, Packed(ctx.palette.changed_bg));
        }
      }
      if (current) KeepCurrentInView(screen.position());
      RowBackground(current, bounds.Hovered(), ctx);
      if (bounds.Clicked()) jump_to = i + 1;
    }
    if (rows.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(1);
      CellText("Rows appear here as the steps run.", ctx.palette.muted);
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  if (jump_to > 0) screen.JumpTo(jump_to, ctx.now);
}

void DrawStatusTracker(core::WalkthroughScreen& screen, const ViewContext& ctx, ImVec2 size) {
  ImGui::BeginChild("tracker", size, false, kPlayerChildFlags | ImGuiWindowFlags_NoScrollbar);
  TableTitle(ctx, "Status tracker", "after every step");
  const auto& versions = screen.tracker_versions();
  const auto& environments = screen.tracker_environments();
  const auto& rows = screen.tracker_rows();
  const int columns = 1 + static_cast<int>(versions.size() + environments.size());
  std::size_t jump_to = rows.size();  // none
  if (ImGui::BeginTable("status tracker", columns, kTableFlags, ImGui::GetContentRegionAvail())) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("After", ImGuiTableColumnFlags_WidthFixed);
    for (const auto& version : versions) {
      ImGui::TableSetupColumn(version.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    }
    for (const auto& environment : environments) {
      const std::string label = "\xE2\x96\xB6 " + environment;  // ▶
      ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthStretch, 0.9f);
    }
    ImGui::TableHeadersRow();
    const ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const core::TrackerRow& row = rows[i];
      const bool current = i == screen.position();
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      RowBounds bounds;
      bounds.Start();
      ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
      ImGui::TextUnformatted(row.label.c_str());
      ImGui::PopStyleColor();
      bounds.AfterCell();
      int column = 1;
      auto cell = [&](const std::string& value, bool changed, const ImVec4& color) {
        ImGui::TableSetColumnIndex(column++);
        const bool highlighted = changed && current;
        CellText(value, value == "\xE2\x80\x94" ? ctx.palette.muted  // —
                        : highlighted                ? text
                                                     : color);
        bounds.AfterCell();
        if (highlighted) {
          ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, Packed(ctx.palette.changed_bg));
        }
      };
      for (std::size_t c = 0; c < row.cells.size(); ++c) cell(row.cells[c], row.changed[c], text);
      for (std::size_t c = 0; c < row.serving.size(); ++c) {
        cell(row.serving[c], row.serving_changed[c], ctx.palette.good);
      }
      if (current) KeepCurrentInView(screen.position());
      RowBackground(current, bounds.Hovered(), ctx);
      if (bounds.Clicked()) jump_to = i;
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  if (jump_to < rows.size()) screen.JumpTo(jump_to, ctx.now);
}

}  // namespace stagecraft::views
