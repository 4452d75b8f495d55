// Home: where to continue, the lessons with their modes and progress, the quiz banks with their
// levels, accuracy and reviews due, and any content file with problems.

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
  const std::string label = (resume.lesson ? "Lesson: " : "Quiz: ") + resume.title + "##resume";
  if (ImGui::Button(label.c_str())) {
    if (resume.lesson) {
      OpenOrNotify(tutor, tutor.OpenLesson(resume.id));
    } else {
      core::QuizSetup setup;
      setup.selector = resume.id;
      tutor.OpenQuizSetup(setup);
    }
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
  std::string meta = lesson.topic;
  if (lesson.minutes > 0) meta += "  \xC2\xB7  " + std::to_string(lesson.minutes) + " min";
  meta += "  \xC2\xB7  ";
  for (std::size_t i = 0; i < lesson.modes.size(); ++i) {
    meta += (i ? ", " : "") + std::string(core::LessonModeHeading(lesson.modes[i].kind));
  }
  TextColoredWrapped(ctx.palette.muted, meta);
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
                     "and restart, or check them with `stagecraft validate FILE`.");
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
