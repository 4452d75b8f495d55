// The sandbox: a live registry to play with. The board (the walkthrough's, drawn from the live
// registry), the console with its input line (Enter runs, ↑/↓ history, Tab completes), the MLflow
// equivalent of the picked or last command, who the console acts as, undo / redo / reset, and the
// audit log. ImGui only; every rule is core::SandboxScreen's.

#include <imgui.h>
#include <imgui_stdlib.h>

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

  // Ctrl+Z / Ctrl+Y undo the registry unless the input line has the keyboard (it undoes typing).
  if (!ImGui::GetIO().WantTextInput) {
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
  TextColoredWrapped(ctx.palette.muted, "$ " + mlflow->line);
  ImGui::PopFont();
  ImGui::Spacing();
  if (!mlflow->equivalent) {
    TextColoredWrapped(ctx.palette.muted, "Not a command of the grammar: " + mlflow->problem);
  } else if (mlflow->equivalent->has_equivalent) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.palette.panel_bg);
    ImGui::PushFont(ctx.fonts.mono);
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.code_text);
    ImGui::PushTextWrapPos(0);
    // The same lines --show-mlflow prints: the right imports, long calls broken for pasting.
    ImGui::TextUnformatted(commands::MlflowPythonCode(*mlflow->equivalent).c_str());
    ImGui::PopTextWrapPos();
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
  ImGui::PushFont(ctx.fonts.heading);
  ImGui::TextUnformatted("Sandbox");
  ImGui::PopFont();
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
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
  DrawBoard(picture, ctx, ImVec2(left, top));
  if (DrawConsole(screen, ctx, ImVec2(left, bottom),
                  "Type a command below, e.g. models transition-stage --model-name churn "
                  "--version 2 --stage Production. Tab completes; \xE2\x86\x91/\xE2\x86\x93 "
                  "walk the history.")) {
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
