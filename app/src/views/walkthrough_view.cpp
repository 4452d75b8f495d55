// Walkthrough player: the process flow across the top; the board beside the step panel
// (controls, the step's command, result, narration, key moments, and the prediction to make
// before the next step); the execution table beside the status tracker underneath. Keys: ←, →,
// Space (play/pause), Home, End, and 1–9 to pick a prediction's choice.
//
// ImGui's keyboard navigation is kept out of the player (kPlayerChildFlags, and the player's
// child takes the focus back when a click left it elsewhere), so those keys act once.

#include "views/keys.h"

#include <string>

#include "views/screens.h"
#include "views/walkthrough_parts.h"
#include "views/widgets.h"

namespace stagecraft::views {

namespace {

using core::FlowStep;
using core::WalkthroughScreen;

void Report(core::Tutor& tutor, const engine::Status& status) {
  if (!status.ok()) tutor.Notify(status.message());
}

void Predict(core::Tutor& tutor, WalkthroughScreen& screen, const std::string& answer,
             const ViewContext& ctx) {
  auto graded = screen.Predict(answer, ctx.now);
  if (!graded.ok()) Report(tutor, graded.status());
}

// The player's keys. → does nothing while a prediction waits: the learner answers (1–9) or
// skips it first.
void HandleKeys(core::Tutor& tutor, WalkthroughScreen& screen, const ViewContext& ctx) {
  if (ShortcutPressed(keys::kRight, true)) screen.Forward(ctx.now);
  if (ShortcutPressed(keys::kLeft, true)) screen.Back(ctx.now);
  if (ShortcutPressed(keys::kSpace)) screen.TogglePlay(ctx.now);
  if (ShortcutPressed(keys::kHome)) screen.Restart(ctx.now);
  if (ShortcutPressed(keys::kEnd)) screen.End(ctx.now);
  if (auto question = screen.PendingPrediction()) {
    for (std::size_t i = 0; i < question->choices.size() && i < 9; ++i) {
      const int offset = static_cast<int>(i);
      if (ShortcutPressed(keys::Digit(1) + offset) || ShortcutPressed((keys::kKeypad0 + 1) + offset)) {
        Predict(tutor, screen, std::to_string(i + 1), ctx);
        break;
      }
    }
  }
}

void Muted(const ViewContext& ctx, const std::string& text) {
  TextColoredWrapped(ctx.palette.muted, text);
}

void Command(const ViewContext& ctx, const std::string& command) {
  ImGui::PushFont(ctx.fonts.mono);
  TextColoredWrapped(ctx.palette.code_text, command);
  ImGui::PopFont();
}

// The title line: the lesson, where the learner is, and the predictions' score.
void DrawTitle(const WalkthroughScreen& screen, const ViewContext& ctx) {
  ImGui::PushFont(ctx.fonts.heading);
  ImGui::TextUnformatted(screen.lesson().title.c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
  ImGui::Text("Walkthrough  \xC2\xB7  step %zu of %zu", screen.position(), screen.size());
  ImGui::PopStyleColor();
  const auto& predictions = screen.player().predictions();
  if (!predictions.empty()) {
    const std::string score = "Predictions: " + std::to_string(screen.player().score()) + " of " +
                              std::to_string(predictions.size()) + " right";
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(score.c_str()).x);
    ImGui::TextUnformatted(score.c_str());
  }
}

// The process flow: a chip per step, the current one filled, refused ones in red, the ones that
// ask a prediction marked "?". A click jumps there.
void DrawFlow(WalkthroughScreen& screen, const ViewContext& ctx) {
  const float s = ctx.scale;
  const float pad = 8 * s, arrow = 18 * s;
  const float chip_h = ImGui::GetTextLineHeight() + 2 * 5 * s;
  const float height = chip_h + ImGui::GetStyle().ScrollbarSize + 6 * s;
  ImGui::BeginChild("flow", ImVec2(0, height), false,
                    kPlayerChildFlags | ImGuiWindowFlags_HorizontalScrollbar);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::vector<FlowStep> flow = screen.Flow();
  std::size_t jump_to = screen.position();
  const bool scroll = ScrollToCurrent(screen.position());
  for (const FlowStep& step : flow) {
    if (step.step > 1) {
      ImGui::SameLine(0, 0);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      draw->AddText(ImVec2(at.x + arrow * 0.25f, at.y + 5 * s), Packed(ctx.palette.muted),
                    "\xE2\x80\xBA");  // ›
      ImGui::Dummy(ImVec2(arrow, chip_h));
      ImGui::SameLine(0, 0);
    }
    const std::string text = std::to_string(step.step) + "  " + step.title +
                             (step.asks ? "  ?" : "");
    const ImVec2 text_size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 size(text_size.x + 2 * pad, chip_h);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(step.step));
    if (ImGui::InvisibleButton("chip", size)) jump_to = step.step;
    const bool hovered = ImGui::IsItemHovered();
    if (scroll && step.state == FlowStep::State::kCurrent) ImGui::SetScrollHereX(0.5f);
    ImGui::PopID();
    const ImVec2 max(at.x + size.x, at.y + size.y);
    ImVec4 bg = ctx.palette.panel_bg, fg = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    if (step.state == FlowStep::State::kCurrent) {
      bg = ctx.palette.accent;
      fg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    } else if (step.state == FlowStep::State::kAhead) {
      fg = ctx.palette.muted;
    }
    if (step.refused && step.state != FlowStep::State::kCurrent) fg = ctx.palette.bad;
    draw->AddRectFilled(at, max, Packed(bg, hovered && step.state != FlowStep::State::kCurrent ? 0.7f : 1.0f),
                        chip_h / 2);
    if (step.refused) draw->AddRect(at, max, Packed(ctx.palette.bad), chip_h / 2, 0, 1.5f * s);
    draw->AddText(ImVec2(at.x + pad, at.y + (chip_h - text_size.y) / 2), Packed(fg), text.c_str());
  }
  if (scroll && screen.position() == 0) ImGui::SetScrollX(0);
  ImGui::EndChild();
  if (jump_to != screen.position()) screen.JumpTo(jump_to, ctx.now);
}

void DrawControls(WalkthroughScreen& screen, const ViewContext& ctx) {
  if (KeyButton("\xE2\x87\xA4 Start", "", screen.CanBack())) screen.Restart(ctx.now);  // ⇤
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to before the first step (Home)");
  ImGui::SameLine();
  if (KeyButton("\xE2\x86\x90 Back", "", screen.CanBack())) screen.Back(ctx.now);  // ←
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One step back (\xE2\x86\x90)");
  ImGui::SameLine();
  const bool can_play = screen.playing() || screen.CanForward() || !screen.player().CanForward();
  const char* play = screen.playing() ? "\xE2\x80\x96 Pause" : "\xE2\x96\xB6 Play";  // ‖ ▶
  if (KeyButton(play, "", can_play)) screen.TogglePlay(ctx.now);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A step every 1.5 s (Space)");
  ImGui::SameLine();
  if (KeyButton("Next \xE2\x86\x92", "", screen.CanForward())) screen.Forward(ctx.now);  // →
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Reveal the next step (\xE2\x86\x92)");
  ImGui::SameLine();
  const bool can_end = screen.CanForward();
  if (KeyButton("End \xE2\x87\xA5", "", can_end)) screen.End(ctx.now);  // ⇥
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("To the last step, or the next question (End)");
  Muted(ctx, "Keys: \xE2\x86\x90 \xE2\x86\x92 step, Space play, Home, End");
}

// The question before the next step, with its choices (1–9) and a way to skip it.
void DrawQuestion(core::Tutor& tutor, WalkthroughScreen& screen, const core::Prediction& question,
                  const ViewContext& ctx) {
  const core::WalkthroughStep& next = screen.player().Step(question.step);
  // A panel as tall as its content: drawn behind the group once the group's size is known.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float pad = 8 * ctx.scale;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  ImGui::Dummy(ImVec2(0, pad * 0.5f));
  ImGui::Indent(pad);
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - pad);
  ImGui::BeginGroup();
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.warn);
  TextIn(ctx.fonts.bold, "Predict step " + std::to_string(question.step) + " before it runs");
  ImGui::PopStyleColor();
  ImGui::TextUnformatted(next.title.c_str());
  ImGui::PushFont(ctx.fonts.mono);
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.code_text);
  ImGui::TextUnformatted(next.command.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::Spacing();
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(question.question.c_str());
  ImGui::PopFont();
  const float right = ImGui::GetContentRegionMax().x - pad;
  for (std::size_t i = 0; i < question.choices.size(); ++i) {
    const std::string label = std::to_string(i + 1) + "  " + question.choices[i];
    const float width = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetCursorPosX() + width > right) ImGui::NewLine();
    }
    if (ImGui::Button(label.c_str())) Predict(tutor, screen, question.choices[i], ctx);
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
  if (ImGui::SmallButton("Skip the question and show the step")) screen.SkipPrediction(ctx.now);
  ImGui::PopStyleColor();
  ImGui::EndGroup();
  ImGui::PopTextWrapPos();
  ImGui::Unindent(pad);
  ImGui::Dummy(ImVec2(0, pad * 0.5f));
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(start,
                      ImVec2(ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x,
                             ImGui::GetItemRectMax().y),
                      Packed(ctx.palette.panel_bg), 8 * ctx.scale);
  draw->ChannelsMerge();
  ImGui::Spacing();
}

// What the current step did: its command, result, the learner's prediction, narration and key
// moments.
void DrawStep(const WalkthroughScreen& screen, const ViewContext& ctx) {
  const std::size_t k = screen.position();
  if (k == 0) {
    TextIn(ctx.fonts.heading, "Before the first step");
    Muted(ctx, "The registry is empty. Each step runs one command on it; the board, the "
               "execution table and the status tracker show what it did.");
    if (screen.size() > 0) {
      ImGui::Spacing();
      TextIn(ctx.fonts.regular, "Step 1: " + screen.player().Step(1).title);
      Command(ctx, screen.player().Step(1).command);
    }
    return;
  }
  const core::WalkthroughStep& step = screen.player().Step(k);
  const commands::ScenarioStep& result = screen.player().StepResult(k);
  TextIn(ctx.fonts.heading, "Step " + std::to_string(k) + ": " + step.title);
  Command(ctx, step.command);
  if (result.ok) {
    TextColoredWrapped(ctx.palette.good, "\xE2\x9C\x93 ok");  // ✓
  } else {
    TextColoredWrapped(ctx.palette.bad, "\xE2\x9C\x97 refused: " + result.error);  // ✗
  }
  if (const core::GradedPrediction* grade = screen.CurrentGrade()) {
    if (grade->correct) {
      TextColoredWrapped(ctx.palette.good, "\xE2\x9C\x93 You predicted \"" + grade->given +
                                               "\": right.");
    } else {
      TextColoredWrapped(ctx.palette.bad, "\xE2\x9C\x97 You predicted \"" + grade->given +
                                              "\"; the answer is \"" + grade->prediction.answer +
                                              "\".");
    }
  }
  ImGui::Spacing();
  for (const std::string& line : step.narration) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
  }
  for (const std::string& moment : screen.KeyMoments()) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.warn);
    TextIn(ctx.fonts.bold, "Key moment");
    ImGui::PopStyleColor();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(moment.c_str());
    ImGui::PopTextWrapPos();
  }
}

void DrawStepPanel(core::Tutor& tutor, WalkthroughScreen& screen, const ViewContext& ctx,
                   ImVec2 size) {
  ImGui::BeginChild("step", size, false, kPlayerChildFlags);
  DrawControls(screen, ctx);
  ImGui::Separator();
  if (!screen.problem().empty()) TextColoredWrapped(ctx.palette.bad, screen.problem());
  if (auto question = screen.PendingPrediction()) DrawQuestion(tutor, screen, *question, ctx);
  DrawStep(screen, ctx);
  ImGui::EndChild();
}

}  // namespace

void DrawWalkthrough(core::Tutor& tutor, WalkthroughScreen& screen, ViewContext& ctx) {
  ImGui::BeginChild("walkthrough", ImVec2(0, 0), false,
                    kPlayerChildFlags | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse);
  // Keyboard navigation stays off inside the player: a click elsewhere (the navigation bar, a
  // table's own scrolling child) would otherwise leave ImGui free to move its focus with the
  // arrows and press the focused button with Space.
  if (!ImGui::IsWindowFocused()) ImGui::SetWindowFocus();
  HandleKeys(tutor, screen, ctx);
  screen.Tick(ctx.now);

  DrawTitle(screen, ctx);
  DrawFlow(screen, ctx);

  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left = (avail.x - style.ItemSpacing.x) * 0.62f;
  const float right = avail.x - style.ItemSpacing.x - left;
  const float top = (avail.y - style.ItemSpacing.y) * 0.55f;
  const float bottom = avail.y - style.ItemSpacing.y - top;
  DrawBoard(screen, ctx, ImVec2(left, top));
  ImGui::SameLine();
  DrawStepPanel(tutor, screen, ctx, ImVec2(right, top));
  DrawExecutionTable(screen, ctx, ImVec2(left, bottom));
  ImGui::SameLine();
  DrawStatusTracker(screen, ctx, ImVec2(right, bottom));
  ImGui::EndChild();

  if (auto wake = screen.WakeIn(ctx.now, ctx.reduced_motion)) ctx.WakeIn(*wake);
}

}  // namespace stagecraft::views
