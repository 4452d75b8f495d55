// Home: where to continue (a lesson's mode, or a quiz), the lessons with how far each mode was
// read and their questions' progress, the quiz banks with their levels, accuracy and reviews
// due, and any content file with problems.

#include <algorithm>
#include <string>

#include "views/screens.h"
#include "views/widgets.h"

namespace stagecraft::views {

namespace {

std::string Percent(int correct, int attempts) {
  if (attempts == 0) return "-";
  return std::to_string((correct * 100 + attempts / 2) / attempts) + "%";
}

void OpenOrNotify(core::Tutor& tutor, engine::Status status) {
  if (!status.ok()) tutor.Notify(status.message());
}

void DrawContinue(core::Tutor& tutor, const core::HomeSummary& home, ViewContext& ctx) {
  if (!home.resume) return;
  const core::ResumePoint& resume = *home.resume;
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
  ImGui::TextUnformatted("Continue where you left off:");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  std::string label = (resume.lesson ? "Lesson: " : "Quiz: ") + resume.title;
  if (resume.mode) label += std::string("  \xC2\xB7  ") + core::LessonModeHeading(*resume.mode);
  label += "##resume";
  if (ImGui::Button(label.c_str())) {
    if (resume.lesson) {
      OpenOrNotify(tutor, tutor.OpenLesson(resume.id, resume.mode));
    } else {
      core::QuizSetup setup;
      setup.selector = resume.id;
      tutor.OpenQuizSetup(setup);
    }
  }
}

// One mode of a lesson card: its name, a thin bar of how much of it was read, and a check once
// read to the end or the percentage before; a click opens the lesson on it.
void DrawModeProgress(core::Tutor& tutor, const core::Lesson& lesson,
                      const core::ModeProgress& mode, ViewContext& ctx) {
  const float em = ImGui::GetFontSize();
  const char* name = core::LessonModeHeading(mode.kind);
  const std::string figure = mode.done ? "\xE2\x9C\x93" : mode.started() ? std::to_string(mode.percent) + "%" : "";
  const float bar_width = em * 3.5f;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float width = ImGui::CalcTextSize(name).x + spacing + bar_width + spacing +
                      ImGui::CalcTextSize("100%").x;
  ImGui::PushID(static_cast<int>(mode.kind));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float height = ImGui::GetTextLineHeight();
  if (ImGui::InvisibleButton("mode", ImVec2(width, height))) {
    OpenOrNotify(tutor, tutor.OpenLesson(lesson.id, mode.kind));
  }
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("%s: %s", name,
                      mode.done ? "read to the end"
                      : mode.started() ? (std::to_string(mode.percent) + "% read").c_str()
                                       : "not started");
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec4 text = hovered ? ctx.palette.accent
                      : mode.started() ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                       : ctx.palette.muted;
  draw->AddText(at, ImGui::GetColorU32(text), name);
  const float bar_x = at.x + ImGui::CalcTextSize(name).x + spacing;
  const float bar_h = std::max(3.0f, em * 0.35f);
  const float bar_y = at.y + (height - bar_h) * 0.5f;
  ImVec4 track = ctx.palette.muted;
  track.w *= 0.35f;
  draw->AddRectFilled(ImVec2(bar_x, bar_y), ImVec2(bar_x + bar_width, bar_y + bar_h),
                      ImGui::GetColorU32(track), bar_h * 0.5f);
  const float fraction = mode.done ? 1.0f : static_cast<float>(mode.percent) / 100.0f;
  if (fraction > 0) {
    draw->AddRectFilled(ImVec2(bar_x, bar_y),
                        ImVec2(bar_x + std::max(bar_h, bar_width * fraction), bar_y + bar_h),
                        ImGui::GetColorU32(mode.done ? ctx.palette.good : ctx.palette.accent),
                        bar_h * 0.5f);
  }
  draw->AddText(ImVec2(bar_x + bar_width + spacing, at.y),
                ImGui::GetColorU32(mode.done ? ctx.palette.good : ctx.palette.muted),
                figure.c_str());
  ImGui::PopID();
}

// The modes of a lesson card on one line, wrapping when the card is narrow.
void DrawModesProgress(core::Tutor& tutor, const core::LessonCard& card, ViewContext& ctx) {
  const float gap = ImGui::GetFontSize() * 1.2f;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  for (std::size_t i = 0; i < card.modes.size(); ++i) {
    if (i > 0) {
      const char* name = core::LessonModeHeading(card.modes[i].kind);
      const float next = ImGui::CalcTextSize(name).x + ImGui::GetFontSize() * 7;
      ImGui::SameLine(0, gap);
      if (ImGui::GetCursorScreenPos().x + next > right) ImGui::NewLine();
    }
    DrawModeProgress(tutor, *card.lesson, card.modes[i], ctx);
  }
}

void DrawLessonCard(core::Tutor& tutor, const core::LessonCard& card, int index,
                    ViewContext& ctx) {
  const core::Lesson& lesson = *card.lesson;
  ImGui::PushID(index);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.palette.panel_bg);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  ImGui::BeginChild("card", ImVec2(0, line * 5.6f), true, ImGuiWindowFlags_NoScrollbar);
  TextIn(ctx.fonts.bold, lesson.title);
  // The topic and length beside the title, on a line of their own when there is no room: the
  // line below is the modes'.
  std::string meta = lesson.topic;
  if (lesson.minutes > 0) meta += "  \xC2\xB7  " + std::to_string(lesson.minutes) + " min";
  ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  if (ImGui::CalcTextSize(meta.c_str()).x > ImGui::GetContentRegionAvail().x) ImGui::NewLine();
  TextColoredWrapped(ctx.palette.muted, meta);
  DrawModesProgress(tutor, card, ctx);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(lesson.summary.c_str());
  ImGui::PopTextWrapPos();

  if (ImGui::Button("Read")) OpenOrNotify(tutor, tutor.OpenLesson(lesson.id));
  if (lesson.Walkthrough() != nullptr) {
    ImGui::SameLine();
    if (ImGui::Button("Walkthrough")) OpenOrNotify(tutor, tutor.OpenWalkthrough(lesson.id));
  }
  if (card.questions > 0) {
    ImGui::SameLine();
    if (ImGui::Button("Quiz")) {
      core::QuizSetup setup;
      setup.selector = lesson.id;
      tutor.OpenQuizSetup(setup);
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    if (card.attempts > 0) {
      ImGui::TextColored(ctx.palette.muted, "%d of %d questions answered   accuracy %s",
                         card.answered, card.questions, Percent(card.correct, card.attempts).c_str());
    } else {
      ImGui::TextColored(ctx.palette.muted, "%d questions, none answered yet", card.questions);
    }
    if (card.due > 0) {
      ImGui::SameLine();
      ImGui::TextColored(ctx.palette.warn, "%d due", card.due);
    }
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopID();
}

void DrawQuizTable(core::Tutor& tutor, const core::HomeSummary& home, ViewContext& ctx) {
  constexpr ImGuiTableFlags kTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_SizingStretchProp |
                                     ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("banks", 6, kTable)) return;
  ImGui::TableSetupColumn("Bank", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("Easy / medium / hard", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("Answered", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Accuracy", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableSetupColumn("Due", ImGuiTableColumnFlags_WidthStretch, 0.6f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < home.quizzes.size(); ++i) {
    const core::QuizCard& card = home.quizzes[i];
    const int total = card.easy + card.medium + card.hard;
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);  // the column's edge: long titles wrap instead of being cut
    ImGui::TextUnformatted(card.quiz->title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TableNextColumn();
    ImGui::Text("%d / %d / %d", card.easy, card.medium, card.hard);
    ImGui::TableNextColumn();
    ImGui::Text("%d of %d", card.answered, total);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Percent(card.correct, card.attempts).c_str());
    ImGui::TableNextColumn();
    if (card.due > 0) {
      ImGui::TextColored(ctx.palette.warn, "%d", card.due);
    } else {
      ImGui::TextColored(ctx.palette.muted, "0");
    }
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("Practice")) {
      core::QuizSetup setup;
      setup.selector = card.quiz->id;
      tutor.OpenQuizSetup(setup);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Exam")) {
      core::QuizSetup setup;
      setup.selector = card.quiz->id;
      setup.exam_minutes = 10;
      tutor.OpenQuizSetup(setup);
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void DrawHome(core::Tutor& tutor, ViewContext& ctx) {
  const core::HomeSummary& home = tutor.Home();
  ScreenTitle(ctx, "Stagecraft",
              "How machine-learning models move from registration to Production, and back.");
  DrawContinue(tutor, home, ctx);
  if (home.due > 0) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ctx.palette.warn, "%d question%s due for review.", home.due,
                       home.due == 1 ? " is" : "s are");
    ImGui::SameLine();
    if (ImGui::Button("Review now")) {
      OpenOrNotify(tutor, tutor.StartReview());
    }
  }
  if (!home.store_problem.empty()) TextColoredWrapped(ctx.palette.warn, home.store_problem);
  if (ImGui::Button("Sandbox")) OpenOrNotify(tutor, tutor.OpenSandbox());
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ctx.palette.muted, "a live registry to try the commands on, with undo");
  if (ImGui::Button("Challenges")) tutor.OpenChallenges();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ctx.palette.muted, "small goals on a live registry, in as few commands as you can");
  if (ImGui::Button("Readiness")) tutor.OpenReadiness();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ctx.palette.muted,
                     "accuracy by topic and level, how well you judge your confidence, reviews due");
  if (ImGui::Button("Authoring")) tutor.OpenAuthoring();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ctx.palette.muted,
                     "for instructors: your own quizzes and lessons, checked as you edit them "
                     "(Ctrl+E)");

  SectionHeading(ctx, "Lessons");
  if (home.lessons.empty()) TextColoredWrapped(ctx.palette.muted, "No lessons were found.");
  for (std::size_t i = 0; i < home.lessons.size(); ++i) {
    DrawLessonCard(tutor, home.lessons[i], static_cast<int>(i), ctx);
  }

  SectionHeading(ctx, "Quiz banks");
  if (home.quizzes.empty()) {
    TextColoredWrapped(ctx.palette.muted, "No quiz banks were found.");
  } else {
    DrawQuizTable(tutor, home, ctx);
  }

  if (home.files_with_problems > 0) DrawContentProblems(tutor, ctx);
}

void DrawContentProblems(core::Tutor& tutor, ViewContext& ctx) {
  SectionHeading(ctx, "Content files with problems");
  TextColoredWrapped(ctx.palette.muted,
                     "These files were skipped, or read in part; everything else works. Fix them "
                     "with the Authoring screen open (Ctrl+E: it reloads them as you save), or "
                     "check them with `stagecraft validate FILE`.");
  ImGui::PushFont(ctx.fonts.mono);
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.bad);
  for (const core::QuizProblem& problem : tutor.library().Problems()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(problem.ToString().c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace stagecraft::views
