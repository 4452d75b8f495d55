// Quiz question page: the header (position, countdown), the question in the question widget
// (prompt, code, lettered options, the hint in place; after an answer in practice the verdict,
// every involved option's feedback on its own row, the solution, the common mistakes and the next
// review), the confidence step, and the footer of keys.

#include <cmath>
#include <string>

#include "core/question_text.h"
#include "views/keys.h"
#include "views/question_widget.h"
#include "views/quiz_parts.h"
#include "views/widgets.h"

namespace stagecraft::views::quiz {

namespace {

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
      const std::string keys =
          "Keys: " + PickKeys(run.current().order.size()) + "    Enter submit    " +
          (run.kind() == core::RunKind::kExam ? "" : "H hint    ") + "S skip    Esc home";
      KeysLine(ctx, keys.c_str());
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
      // A question the registry checks can be tried on the engine, set up as the check is.
      const core::Question& question = *run.current().source;
      if (question.verify) {
        ImGui::SameLine();
        if (KeyButton("Try it in the sandbox", "T") || ShortcutPressed(keys::Letter('T'))) {
          Report(tutor, tutor.TryInSandbox(question, run.current().order));
        }
      }
      KeysLine(ctx, question.verify
                        ? "Keys: Enter next    T try it in the sandbox    PgUp / PgDn scroll    "
                          "Esc home"
                        : "Keys: Enter next    PgUp / PgDn scroll    Esc home");
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

  ImGui::Spacing();
  QuestionState state;
  state.question = &question;
  state.order = shown.order;
  state.feedback = feedback;
  state.hint = screen.hint();
  state.clickable =
      phase == core::QuizPhase::kAnswering || phase == core::QuizPhase::kConfidence;
  for (int i = 0; i < static_cast<int>(shown.order.size()); ++i) {
    if (screen.picked(i)) state.picked.push_back(i);
  }
  if (feedback != nullptr) {
    state.verdict = core::FeedbackVerdict(*feedback);
    if (auto next = run.shown_next_review()) {
      state.next_review = core::FormatNextReview(*next, tutor.clock().now());
    }
  }
  if (auto clicked = DrawQuestionWidget(state, ctx)) {
    Press(tutor, screen, static_cast<char>('A' + *clicked));
  }
  if (phase == core::QuizPhase::kConfidence) DrawConfidenceStep(tutor, screen, ctx);
  ScrollKeys();
  ImGui::EndChild();
  DrawFooter(tutor, screen, run, ctx);
}

}  // namespace stagecraft::views::quiz
