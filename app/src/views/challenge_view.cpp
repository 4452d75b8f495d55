// Challenges: the list (level, par, the learner's best), and an open challenge — its goal always
// on top, the sandbox's board and console on the left, the target's checklist ticking as
// conditions come true on the right, with the result line, the hint and Reset. ImGui only; every
// rule is core::ChallengeScreen's.

#include <imgui.h>

#include <optional>
#include <string>

#include "views/console_view.h"
#include "views/keys.h"
#include "views/screens.h"
#include "views/walkthrough_parts.h"
#include "views/widgets.h"

namespace stagecraft::views {

using core::ChallengeScreen;

namespace {

constexpr const char* kCheck = "\xE2\x9C\x93";  // ✓
constexpr const char* kOpen = "\xE2\x97\x8B";   // ○

void DrawList(core::Tutor& tutor, ChallengeScreen& screen, const ViewContext& ctx) {
  ScreenTitle(ctx, "Challenges",
              "Small goals on a live registry, checked by the engine as you type. Par is what a "
              "good solution takes; lines that only read are free.");
  if (screen.list().empty()) {
    TextColoredWrapped(ctx.palette.muted, "No challenges were found.");
    return;
  }
  constexpr ImGuiTableFlags kFlags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("challenges", 4, kFlags)) return;
  ImGui::TableSetupColumn("Level", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
  ImGui::TableSetupColumn("Challenge", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Par", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
  ImGui::TableSetupColumn("You", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
  ImGui::TableHeadersRow();
  for (const core::ChallengeListEntry& entry : screen.list()) {
    const core::Challenge& challenge = *entry.challenge;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ctx.palette.muted, "%s", core::LevelName(challenge.level));
    ImGui::TableNextColumn();
    const std::string label = challenge.title + "##" + challenge.id;
    if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
      if (auto opened = tutor.OpenChallenge(challenge.id); !opened.ok()) {
        tutor.Notify(opened.message());
      }
    }
    TextColoredWrapped(ctx.palette.muted, challenge.goal);
    ImGui::TableNextColumn();
    ImGui::Text("%d", challenge.par);
    ImGui::TableNextColumn();
    if (entry.best) {
      ImGui::TextColored(ctx.palette.good, "%s best %d", kCheck, *entry.best);
    } else {
      ImGui::TextColored(entry.attempts > 0 ? ctx.palette.warn : ctx.palette.muted, "%s",
                         entry.attempts > 0 ? "not solved yet" : "new");
    }
  }
  ImGui::EndTable();
}

// A failed reset is the tutor's notice: the learner sees why nothing changed.
void NotifyIfFailed(core::Tutor& tutor, const engine::Status& status) {
  if (!status.ok()) tutor.Notify(status.message());
}

// Asked before Reset drops counted commands (ChallengeScreen::AskToReset): Enter or Y starts
// again, Esc or N keeps going.
void DrawResetQuestion(core::Tutor& tutor, ChallengeScreen& screen) {
  if (!BeginQuestion("Start again?", screen.reset_pending())) return;
  ImGui::TextUnformatted(screen.ResetWarning().c_str());
  ImGui::Spacing();
  std::optional<bool> yes;
  if (KeyButton("Start again", "Enter") || ShortcutPressed(keys::kEnter) ||
      ShortcutPressed(keys::Letter('Y'))) {
    yes = true;
  }
  ImGui::SameLine();
  if (KeyButton("Keep going", "Esc") || ShortcutPressed(keys::kEscape) ||
      ShortcutPressed(keys::Letter('N'))) {
    yes = false;
  }
  if (yes) {
    ImGui::CloseCurrentPopup();
    NotifyIfFailed(tutor, screen.AnswerReset(*yes));
  }
  ImGui::EndPopup();
}

void DrawHeader(core::Tutor& tutor, ChallengeScreen& screen, const ViewContext& ctx) {
  core::ChallengeAttempt& attempt = *screen.attempt();
  const core::Challenge& challenge = attempt.challenge();
  ImGui::PushFont(ctx.fonts.heading);
  ImGui::TextUnformatted(challenge.title.c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, ImGui::GetFontSize());
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ctx.palette.muted, "%s \xC2\xB7 par %d \xC2\xB7 acting as %s",
                     core::LevelName(challenge.level), challenge.par, challenge.user.c_str());
  ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  if (KeyButton("Hint", "Ctrl+H", !screen.hint_shown())) screen.ShowHint();
  ImGui::SameLine();
  const bool reset = KeyButton("Reset", "Ctrl+R");
  ImGui::SameLine();
  if (ImGui::Button("All challenges")) screen.CloseAttempt();
  if (CtrlShortcutPressed(keys::Letter('H'))) screen.ShowHint();
  if ((reset || CtrlShortcutPressed(keys::Letter('R'))) && screen.attempt() != nullptr) {
    NotifyIfFailed(tutor, screen.AskToReset());
  }
  DrawResetQuestion(tutor, screen);
  if (screen.attempt() == nullptr) return;  // All challenges was pressed

  // The goal, always in sight.
  ImGui::PushFont(ctx.fonts.bold);
  TextColoredWrapped(ctx.palette.accent, "Goal: " + challenge.goal);
  ImGui::PopFont();
}

void DrawChecklist(const ChallengeScreen& screen, const ViewContext& ctx, ImVec2 size) {
  const core::ChallengeAttempt& attempt = *screen.attempt();
  ImGui::BeginChild("checklist", size, true);
  SectionHeading(ctx, "Target");
  for (std::size_t i = 0; i < attempt.checklist().size(); ++i) {
    const bool met = attempt.checklist()[i];
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextColored(met ? ctx.palette.good : ctx.palette.muted, "%s", met ? kCheck : kOpen);
    ImGui::PopFont();
    ImGui::SameLine();
    TextColoredWrapped(met ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : ctx.palette.muted,
                       attempt.challenge().target[i].label);
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  ImGui::PushFont(attempt.solved() ? ctx.fonts.heading : ctx.fonts.bold);
  TextColoredWrapped(attempt.solved() ? ctx.palette.good : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                     screen.ResultText());
  ImGui::PopFont();
  if (attempt.solved()) {
    TextColoredWrapped(ctx.palette.muted, attempt.commands() <= attempt.challenge().par
                                              ? "At or under par. Reset to try again, or pick "
                                                "another challenge."
                                              : "Over par: Reset and try it in fewer commands.");
  } else {
    TextColoredWrapped(ctx.palette.muted,
                       "Counted: changes, and changes the engine refuses. Reading (list, get, "
                       "history) is free, even when it fails.");
  }
  if (screen.hint_shown()) {
    ImGui::Spacing();
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextColored(ctx.palette.warn, "Hint");
    ImGui::PopFont();
    TextColoredWrapped(ImGui::GetStyleColorVec4(ImGuiCol_Text), attempt.challenge().hint);
  }
  if (!attempt.problem().empty()) TextColoredWrapped(ctx.palette.bad, attempt.problem());
  if (!screen.problem().empty()) TextColoredWrapped(ctx.palette.bad, screen.problem());
  ImGui::EndChild();
}

void DrawAttempt(core::Tutor& tutor, ChallengeScreen& screen, ViewContext& ctx) {
  DrawHeader(tutor, screen, ctx);
  if (screen.attempt() == nullptr) return;
  core::ChallengeAttempt& attempt = *screen.attempt();
  core::SandboxScreen& sandbox = attempt.screen();

  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left = (avail.x - style.ItemSpacing.x) * 0.64f;
  const float right = avail.x - style.ItemSpacing.x - left;
  const float top = (avail.y - style.ItemSpacing.y) * 0.5f;
  const float bottom = avail.y - style.ItemSpacing.y - top;

  ImGui::BeginGroup();
  BoardPicture picture(sandbox.board(), sandbox.cards());
  DrawBoard(picture, ctx, ImVec2(left, top));
  const char* empty = attempt.solved()
                          ? "Solved."
                          : "Type a command below. Tab completes; \xE2\x86\x91/\xE2\x86\x93 walk "
                            "the history; --as USER runs one line as another user.";
  if (DrawConsole(sandbox, ctx, ImVec2(left, bottom), empty, &screen.focus_console)) {
    screen.Submit();
  }
  ImGui::EndGroup();
  ImGui::SameLine();
  DrawChecklist(screen, ctx, ImVec2(right, avail.y));
}

}  // namespace

void DrawChallenges(core::Tutor& tutor, ChallengeScreen& screen, ViewContext& ctx) {
  if (screen.attempt() == nullptr) {
    DrawList(tutor, screen, ctx);
  } else {
    DrawAttempt(tutor, screen, ctx);
  }
}

}  // namespace stagecraft::views
