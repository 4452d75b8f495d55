// The sandbox: a live registry to play with. The board (the walkthrough's, drawn from the live
// registry) whose cards open a menu of actions (click, or Ctrl+] / Ctrl+[ to pick and Ctrl+K),
// the console with its input line (Enter runs, ↑/↓ history, Tab completes), the MLflow
// equivalent of the picked or last command, who the console acts as, undo / redo / reset, the
// registry file (open, save, or a fresh in-memory one) and the audit log. ImGui only; every rule
// is core::SandboxScreen's or core::Tutor's.

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "stagecraft/engine/types.h"
#include "views/console_view.h"
#include "views/keys.h"
#include "views/screens.h"
#include "views/walkthrough_parts.h"
#include "views/widgets.h"

namespace stagecraft::views {

using core::SandboxScreen;

namespace {

constexpr const char* kCardMenu = "card-actions";
constexpr const char* kOpenFile = "open-registry-file";

// The title: the file played on (its name; the whole path on hover) and * while unsaved.
void DrawTitle(const SandboxScreen& screen, const ViewContext& ctx) {
  ImGui::PushFont(ctx.fonts.heading);
  ImGui::TextUnformatted("Sandbox");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  if (screen.file().empty()) {
    ImGui::TextColored(ctx.palette.muted, "in memory");
    return;
  }
  const std::string name = std::filesystem::path(screen.file()).filename().string() +
                           (screen.HasUnsavedChanges() ? " *" : "");
  ImGui::TextColored(screen.HasUnsavedChanges() ? ctx.palette.warn : ctx.palette.muted, "%s",
                     name.c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s%s", screen.file().c_str(),
                      screen.HasUnsavedChanges() ? "\nunsaved changes: Save writes them" : "");
  }
}

// Open…, Save and New, and their keys (Ctrl+O, Ctrl+S).
void DrawFileButtons(core::Tutor& tutor, SandboxScreen& screen) {
  if (KeyButton("Open registry file...", "Ctrl+O") || CtrlShortcutPressed(keys::Letter('O'))) {
    ImGui::OpenPopup(kOpenFile);
  }
  ImGui::SameLine();
  const bool can_save = screen.HasUnsavedChanges();
  if (KeyButton("Save", "Ctrl+S", can_save) ||
      (can_save && CtrlShortcutPressed(keys::Letter('S')))) {
    (void)tutor.SaveSandbox();  // a failure is the notice
  }
  if (!can_save && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip(screen.file().empty() ? "An in-memory sandbox: open a registry file to save"
                                            : "No unsaved changes");
  }
  ImGui::SameLine();
  if (ImGui::Button("New in-memory sandbox")) (void)tutor.NewSandbox();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("A fresh in-memory registry seeded with churn");
  }
}

// The prompt for a registry file's path (ImGui has no file dialog): Enter or Open opens it.
void DrawOpenFilePopup(core::Tutor& tutor, SandboxScreen& screen, const ViewContext& ctx) {
  if (!ImGui::BeginPopup(kOpenFile)) return;
  ImGui::TextUnformatted("Open a registry file");
  TextColoredWrapped(ctx.palette.muted,
                     "A copy plays in memory; Save writes your changes to the file through the "
                     "engine. A missing file is created, as stagecraft's commands create it.");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 32);
  bool open = ImGui::InputText("##path", &screen.path_input, ImGuiInputTextFlags_EnterReturnsTrue);
  if (screen.HasUnsavedChanges()) {
    TextColoredWrapped(ctx.palette.warn, "First save the changes to " + screen.file() +
                                             " (Ctrl+S), or Reset to drop them.");
  }
  open |= ImGui::Button("Open");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  if (open) {
    const std::string path = screen.path_input;  // the screen is replaced when it opens
    if (tutor.OpenSandboxFile(path).ok()) tutor.DismissNotice();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

// The footer of the card menu: what the action under the pointer (else the one the keyboard is
// on) runs, what it does, and why the engine will refuse it — visible without a mouse.
void DrawCardActionFooter(const core::CardAction* action, const ViewContext& ctx) {
  ImGui::Separator();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetFontSize() * 32);
  if (action == nullptr) {
    ImGui::TextColored(ctx.palette.muted, "Up/Down or the pointer shows an action's command here");
  } else {
    ImGui::PushFont(ctx.fonts.mono);
    ImGui::TextWrapped("%s", action->line.c_str());
    ImGui::PopFont();
    if (!action->note.empty()) ImGui::TextColored(ctx.palette.muted, "%s", action->note.c_str());
    if (!action->refusal.empty()) {
      ImGui::TextColored(ctx.palette.bad, "Will be refused: %s", action->refusal.c_str());
    }
  }
  ImGui::PopTextWrapPos();
}

// The picked card's actions: each runs its command line in the console. Ones the engine will
// refuse stay clickable (to see the refusal) and say so.
void DrawCardMenu(SandboxScreen& screen, const ViewContext& ctx) {
  if (!ImGui::BeginPopup(kCardMenu)) return;
  const auto card = screen.picked_card();
  if (!card) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::Text("%s v%lld", card->model_name.c_str(), static_cast<long long>(card->version));
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextColored(ctx.palette.muted, "as %s: each runs its command in the console",
                     screen.ActingAs().c_str());
  std::optional<core::CardAction::Group> group;
  std::string line;  // copied out: running refreshes the list being drawn
  std::optional<std::size_t> hovered;
  std::optional<std::size_t> focused;
  for (std::size_t i = 0; i < screen.picked_actions().size(); ++i) {
    const core::CardAction& action = screen.picked_actions()[i];
    if (group != action.group) ImGui::Separator();
    group = action.group;
    ImGui::PushID(static_cast<int>(i));
    const bool refused = !action.refusal.empty();
    if (refused) ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
    // Enter chooses too (ImGui 1.86 activates a menu item with Space only).
    if (ImGui::MenuItem(action.label.c_str(), refused ? "will be refused" : nullptr) ||
        (ImGui::IsItemFocused() &&
         (ImGui::IsKeyPressed(keys::kEnter) || ImGui::IsKeyPressed(keys::kKeypadEnter)))) {
      line = action.line;
      ImGui::CloseCurrentPopup();
    }
    if (refused) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) hovered = i;
    if (ImGui::IsItemFocused()) focused = i;
    ImGui::PopID();
  }
  const std::optional<std::size_t> shown = hovered ? hovered : focused;
  DrawCardActionFooter(shown ? &screen.picked_actions()[*shown] : nullptr, ctx);
  ImGui::EndPopup();
  if (!line.empty()) (void)screen.Run(line);
}

void DrawToolbar(core::Tutor& tutor, SandboxScreen& screen, const ViewContext& ctx) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ctx.palette.muted, "Acting as");
  ImGui::SameLine();
  std::string current = screen.ActingAs();
  for (const engine::User& user : screen.users()) {
    if (user.name == screen.ActingAs()) current += std::string(" (") + RoleName(user.role) + ")";
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13);
  if (ImGui::BeginCombo("##acting-as", current.c_str())) {
    for (const engine::User& user : screen.users()) {
      const std::string label = user.name + " (" + RoleName(user.role) + ")";
      if (ImGui::Selectable(label.c_str(), user.name == screen.ActingAs())) {
        if (auto set = screen.SetActingAs(user.name); !set.ok()) tutor.Notify(set.message());
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  if (KeyButton("Undo", "Ctrl+Z", screen.CanUndo())) (void)screen.Undo();
  ImGui::SameLine();
  if (KeyButton("Redo", "Ctrl+Y", screen.CanRedo())) (void)screen.Redo();
  ImGui::SameLine();
  if (ImGui::Button("Reset")) (void)screen.Reset();
  ImGui::SameLine();
  ImGui::TextColored(ctx.palette.muted, "%zu command%s run", screen.command_count(),
                     screen.command_count() == 1 ? "" : "s");
  if (!screen.problem().empty()) TextColoredWrapped(ctx.palette.bad, screen.problem());

  // Ctrl+Z / Ctrl+Y undo the registry unless the input line has text to undo the typing of.
  if (!ImGui::GetIO().WantTextInput || screen.input.empty()) {
    if (CtrlShortcutPressed(keys::Letter('Z')) && screen.CanUndo()) (void)screen.Undo();
    if (CtrlShortcutPressed(keys::Letter('Y')) && screen.CanRedo()) (void)screen.Redo();
  }
}

void DrawMlflow(const SandboxScreen& screen, const ViewContext& ctx, ImVec2 size) {
  ImGui::BeginChild("mlflow", size, true);
  SectionHeading(ctx, "In MLflow");
  const auto& mlflow = screen.mlflow();
  if (!mlflow) {
    TextColoredWrapped(ctx.palette.muted,
                       "Run a command: its equivalent in open-source MLflow's Python client shows "
                       "here. Click a command in the console to see its own.");
    ImGui::EndChild();
    return;
  }
  ImGui::PushFont(ctx.fonts.mono);
  TextColoredWrapped(ctx.palette.muted, "Stagecraft: " + mlflow->line);
  ImGui::PopFont();
  ImGui::Spacing();
  if (!mlflow->equivalent) {
    TextColoredWrapped(ctx.palette.muted, "Not a command of the grammar: " + mlflow->problem);
  } else if (mlflow->equivalent->has_equivalent) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.palette.panel_bg);
    ImGui::PushFont(ctx.fonts.mono);
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.code_text);
    // The same lines --show-mlflow prints: the right imports, long calls broken for pasting.
    // Code is never wrapped (a wrapped argument reads as a syntax error): it scrolls sideways.
    const std::string code = commands::MlflowPythonCode(*mlflow->equivalent);
    const float lines = static_cast<float>(std::count(code.begin(), code.end(), '\n') + 1);
    const float height = ImGui::GetTextLineHeight() * lines + ImGui::GetStyle().ScrollbarSize +
                         ImGui::GetStyle().WindowPadding.y;
    ImGui::BeginChild("python", ImVec2(0, height), false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::TextUnformatted(code.c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopStyleColor();
  } else {
    ImGui::PushFont(ctx.fonts.bold);
    TextColoredWrapped(ctx.palette.warn, "Open-source MLflow has no equivalent.");
    ImGui::PopFont();
  }
  if (mlflow->equivalent && !mlflow->equivalent->note.empty()) {
    ImGui::Spacing();
    TextColoredWrapped(ImGui::GetStyleColorVec4(ImGuiCol_Text), mlflow->equivalent->note);
  }
  ImGui::EndChild();
}

std::string AuditLine(const engine::AuditEvent& e) {
  std::string text = "#" + std::to_string(e.seq) + " " + e.actor + " " + e.action;
  if (!e.model_name.empty()) text += " " + e.model_name;
  if (e.version) text += " v" + std::to_string(*e.version);
  if (!e.from_stage.empty() || !e.to_stage.empty()) {
    text += " " + e.from_stage + " \xE2\x86\x92 " + e.to_stage;  // →
  }
  if (!e.environment.empty()) text += " @" + e.environment;
  if (e.related_version) text += " (v" + std::to_string(*e.related_version) + ")";
  if (!e.comment.empty()) text += ": " + e.comment;
  return text;
}

void DrawAuditLog(const SandboxScreen& screen, const ViewContext& ctx, ImVec2 size) {
  ImGui::BeginChild("audit", size, true);
  SectionHeading(ctx, "Audit log");
  ImGui::BeginChild("events");
  ImGui::PushTextWrapPos(0);
  // Newest first: what the last command wrote is always in sight.
  const auto& log = screen.audit_log();
  for (auto it = log.rbegin(); it != log.rend(); ++it) {
    const bool refused = it->action.find("refus") != std::string::npos ||
                         it->action.find("denied") != std::string::npos;
    ImGui::PushStyleColor(ImGuiCol_Text,
                          refused ? ctx.palette.bad : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::TextUnformatted(AuditLine(*it).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace

void DrawSandbox(core::Tutor& tutor, SandboxScreen& screen, ViewContext& ctx) {
  DrawTitle(screen, ctx);
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  DrawFileButtons(tutor, screen);
  DrawOpenFilePopup(tutor, screen, ctx);
  DrawToolbar(tutor, screen, ctx);

  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left = (avail.x - style.ItemSpacing.x) * 0.6f;
  const float right = avail.x - style.ItemSpacing.x - left;
  const float top = (avail.y - style.ItemSpacing.y) * 0.45f;
  const float bottom = avail.y - style.ItemSpacing.y - top;

  ImGui::BeginGroup();
  BoardPicture picture(screen.board(), screen.cards());
  picture.empty_text = "No model versions: create one with models create-version.";
  picture.picked = screen.picked_card();
  const BoardInput board = DrawBoard(picture, ctx, ImVec2(left, top));
  if (board.hovered && !ImGui::IsPopupOpen(kCardMenu)) {
    ImGui::SetTooltip("Click for what you can do to %s v%lld as %s",
                      board.hovered->model_name.c_str(),
                      static_cast<long long>(board.hovered->version), screen.ActingAs().c_str());
  }
  if (board.clicked) {
    screen.PickCard(*board.clicked);
    ImGui::OpenPopup(kCardMenu);  // at the pointer
  }
  // The keyboard's way to the same menu, even while the input line has the keyboard.
  if (CtrlShortcutPressed(keys::kRightBracket)) screen.PickCard(+1);
  if (CtrlShortcutPressed(keys::kLeftBracket)) screen.PickCard(-1);
  if (CtrlShortcutPressed(keys::Letter('K'))) (void)screen.OpenCardMenu();
  if (screen.TakeCardMenuRequest()) {
    ImGui::OpenPopup(kCardMenu);
    if (board.picked_corner) ImGui::SetNextWindowPos(*board.picked_corner);  // under the card
  }
  DrawCardMenu(screen, ctx);
  // When a menu or prompt closes, the keyboard goes back to the input line.
  const bool popup = ImGui::IsPopupOpen(kCardMenu) || ImGui::IsPopupOpen(kOpenFile);
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID popup_was_open = ImGui::GetID("popup-was-open");
  bool refocus = storage->GetBool(popup_was_open) && !popup;
  storage->SetBool(popup_was_open, popup);
  if (DrawConsole(screen, ctx, ImVec2(left, bottom),
                  "Type a command below, e.g. models transition-stage --model-name churn "
                  "--version 2 --stage Production. Tab completes; \xE2\x86\x91/\xE2\x86\x93 "
                  "walk the history. Or click a card (Ctrl+] picks one, Ctrl+K opens its "
                  "actions): each action runs its command here.",
                  &refocus)) {
    screen.Submit();
  }
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  const float mlflow_h = (avail.y - style.ItemSpacing.y) * 0.5f;
  DrawMlflow(screen, ctx, ImVec2(right, mlflow_h));
  DrawAuditLog(screen, ctx, ImVec2(right, avail.y - style.ItemSpacing.y - mlflow_h));
  ImGui::EndGroup();
}

}  // namespace stagecraft::views
