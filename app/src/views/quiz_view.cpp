// Quiz: the keys, the exam's deadline each frame, and the setup form; the question and results
// pages are in quiz_question_view.cpp and quiz_results_view.cpp.

#include "views/keys.h"

#include <algorithm>
#include <string>

#include "views/quiz_parts.h"
#include "views/screens.h"
#include "views/widgets.h"

namespace stagecraft::views {

namespace quiz {

void Report(core::Tutor& tutor, const engine::Status& status) {
  if (!status.ok()) tutor.Notify(status.message());
}

void Press(core::Tutor& tutor, core::QuizScreen& screen, char key) {
  const std::string earlier = screen.last_error();
  const engine::Status status = screen.Press(key);
  if (!status.ok()) {
    tutor.Notify(status.message());
  } else if (!earlier.empty() && tutor.notice() == earlier) {
    tutor.DismissNotice();
  }
}

float FooterHeight() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() +
         style.ItemSpacing.y * 2 + 1;
}

void ScrollKeys() {
  const float page = ImGui::GetWindowHeight() * 0.85f;
  if (ShortcutPressed(keys::kPageDown, true)) ImGui::SetScrollY(ImGui::GetScrollY() + page);
  if (ShortcutPressed(keys::kPageUp, true)) ImGui::SetScrollY(ImGui::GetScrollY() - page);
  if (CtrlShortcutPressed(keys::kHome)) ImGui::SetScrollY(0);
  if (CtrlShortcutPressed(keys::kEnd)) ImGui::SetScrollY(ImGui::GetScrollMaxY());
}

void KeysLine(const ViewContext& ctx, const char* keys) {
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
  ImGui::TextUnformatted(keys);
  ImGui::PopStyleColor();
}

namespace {

bool EnterPressed() {
  return ShortcutPressed(keys::kEnter) || ShortcutPressed(keys::kKeypadEnter);
}

// Every key the question and results pages answer to. (The form reads Enter itself: it must not
// start the quiz when Enter opens a focused number field for typing.) Buttons and focused
// widgets never see these keys: ImGui 1.86 activates a focused button with Space, not Enter.
void HandleKeys(core::Tutor& tutor, core::QuizScreen& screen) {
  for (int i = 0; i < 6; ++i) {
    if (ShortcutPressed(keys::Letter('A') + i)) Press(tutor, screen, static_cast<char>('A' + i));
    if (ShortcutPressed(keys::Digit(1) + i) || ShortcutPressed((keys::kKeypad0 + 1) + i)) {
      Press(tutor, screen, static_cast<char>('1' + i));
    }
  }
  if (EnterPressed()) Press(tutor, screen, '\n');
  if (ShortcutPressed(keys::Letter('H'))) Press(tutor, screen, 'H');
  if (ShortcutPressed(keys::Letter('S'))) Press(tutor, screen, 'S');
  if (ShortcutPressed(keys::kBackspace)) Press(tutor, screen, '\b');
  if (ShortcutPressed(keys::Letter('R'))) Press(tutor, screen, 'R');
  if (ShortcutPressed(keys::Letter('N'))) Press(tutor, screen, 'N');
}

std::string BankLabel(const core::BankChoice& bank) {
  return (bank.lesson ? "Lesson: " : "") + bank.title + "  (" + std::to_string(bank.questions) +
         ")";
}

// A label in the form's left column; the field follows on the same line.
void FieldLabel(const char* text, float field_x) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(field_x);
}

void DrawBankCombo(core::QuizScreen& screen, float width) {
  const core::BankChoice* chosen = screen.chosen_bank();
  const std::string preview = chosen != nullptr ? BankLabel(*chosen) : screen.setup().selector;
  ImGui::SetNextItemWidth(width);
  if (!ImGui::BeginCombo("##bank", preview.c_str())) return;
  for (std::size_t i = 0; i < screen.banks().size(); ++i) {
    const core::BankChoice& bank = screen.banks()[i];
    const bool selected = chosen == &bank;
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(BankLabel(bank).c_str(), selected)) screen.ChooseBank(bank.id);
    if (selected) ImGui::SetItemDefaultFocus();
    ImGui::PopID();
  }
  ImGui::EndCombo();
}

void DrawTopicCombo(core::QuizScreen& screen, float width) {
  const std::vector<core::TopicChoice> topics = screen.Topics();
  core::QuizSetup& setup = screen.setup();
  int every = 0;
  for (const core::TopicChoice& topic : topics) every += topic.questions;
  const std::string all = "Every topic  (" + std::to_string(every) + ")";
  std::string preview = setup.topic.empty() ? all : setup.topic;
  for (const core::TopicChoice& topic : topics) {
    if (topic.topic == setup.topic) preview += "  (" + std::to_string(topic.questions) + ")";
  }
  ImGui::SetNextItemWidth(width);
  if (!ImGui::BeginCombo("##topic", preview.c_str())) return;
  if (ImGui::Selectable(all.c_str(), setup.topic.empty())) setup.topic.clear();
  for (std::size_t i = 0; i < topics.size(); ++i) {
    const core::TopicChoice& topic = topics[i];
    ImGui::PushID(static_cast<int>(i));
    const std::string label = topic.topic + "  (" + std::to_string(topic.questions) + ")";
    if (ImGui::Selectable(label.c_str(), topic.topic == setup.topic)) setup.topic = topic.topic;
    ImGui::PopID();
  }
  ImGui::EndCombo();
}

void DrawReviewEntry(core::Tutor& tutor, core::QuizScreen& screen, ViewContext& ctx) {
  SectionHeading(ctx, "Review");
  const int due = screen.due();
  if (due == 0) {
    TextColoredWrapped(ctx.palette.muted,
                       "Nothing is due for review. Questions you miss come back here on their "
                       "spaced-repetition schedule.");
    return;
  }
  TextColoredWrapped(ctx.palette.warn, std::to_string(due) + (due == 1 ? " question is" : " questions are") +
                                           " due for review: the ones you missed, on their "
                                           "spaced-repetition schedule.");
  const std::string label =
      "Review " + std::to_string(due) + " due question" + (due == 1 ? "" : "s");
  if (ImGui::Button(label.c_str())) Report(tutor, screen.StartReview());
}

}  // namespace

void DrawSetup(core::Tutor& tutor, core::QuizScreen& screen, ViewContext& ctx) {
  ScreenTitle(ctx, "Quiz", "Choose the questions and how you are marked, then press Enter.");
  core::QuizSetup& setup = screen.setup();
  const float em = ImGui::GetFontSize();
  const float field_x = em * 9;
  const float wide = std::min(em * 38, ImGui::GetContentRegionAvail().x - field_x);
  // Enter belongs to a number field the keyboard focus is on (it opens it for typing).
  bool field_has_enter = false;
  const bool nav_visible = ImGui::GetIO().NavVisible;

  FieldLabel("Questions from", field_x);
  DrawBankCombo(screen, wide);
  FieldLabel("Topic", field_x);
  DrawTopicCombo(screen, wide);

  FieldLabel("Level", field_x);
  for (const char* level : {"easy", "medium", "hard", "mixed"}) {
    if (ImGui::RadioButton(level, setup.level == level)) setup.level = level;
    ImGui::SameLine();
  }
  ImGui::NewLine();

  FieldLabel("How many", field_x);
  ImGui::SetNextItemWidth(em * 8);
  ImGui::InputInt("##count", &setup.count, 1, 5);
  field_has_enter |= nav_visible && ImGui::IsItemFocused();
  const int matching = screen.MatchingQuestions();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ctx.palette.muted, "%d question%s match", matching, matching == 1 ? "" : "s");

  FieldLabel("Mode", field_x);
  if (ImGui::RadioButton("Practice", !screen.exam())) screen.ChooseExam(false);
  ImGui::SameLine();
  if (ImGui::RadioButton("Timed exam", screen.exam())) screen.ChooseExam(true);
  if (screen.exam()) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 7);
    int minutes = setup.exam_minutes;
    if (ImGui::InputInt("minutes##exam", &minutes, 1, 5)) screen.SetExamMinutes(minutes);
    field_has_enter |= nav_visible && ImGui::IsItemFocused();
  }
  ImGui::SetCursorPosX(field_x);
  ImGui::PushTextWrapPos(field_x + wide);
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
  ImGui::TextUnformatted(screen.exam()
                             ? "A countdown; no hints and no feedback until the end, then a "
                               "review of every question. An answer after the time is up is "
                               "not accepted."
                             : "Feedback after each answer: what each option means, the "
                               "solution, and when the question comes back for review.");
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();

  FieldLabel("Marking", field_x);
  ImGui::Checkbox("Say how sure I am (1-3) with each answer: certainty-based marks",
                  &setup.confidence);
  ImGui::SetCursorPosX(field_x);
  ImGui::Checkbox("Partial credit for select-all questions", &setup.partial_credit);

  ImGui::Spacing();
  ImGui::Spacing();
  const engine::Status can_start = screen.CheckSetup();
  if (can_start.ok()) {
    const int asked = std::min(matching, setup.count);
    ImGui::TextColored(ctx.palette.muted, "The quiz asks %d of the %d matching question%s.", asked,
                       matching, matching == 1 ? "" : "s");
  } else {
    TextColoredWrapped(ctx.palette.warn, can_start.message());
  }
  if (KeyButton("Start", "Enter", can_start.ok()) || (EnterPressed() && !field_has_enter)) {
    Press(tutor, screen, '\n');
  }

  DrawReviewEntry(tutor, screen, ctx);
}

}  // namespace quiz

void DrawQuiz(core::Tutor& tutor, core::QuizScreen& screen, ViewContext& ctx) {
  // The deadline ends an exam whether or not a key is pressed.
  if (screen.CheckTime()) tutor.Notify("Time is up: the questions left count as unanswered.");
  if (screen.phase() != core::QuizPhase::kSetup) quiz::HandleKeys(tutor, screen);
  switch (screen.phase()) {
    case core::QuizPhase::kSetup:
      quiz::DrawSetup(tutor, screen, ctx);
      break;
    case core::QuizPhase::kAnswering:
    case core::QuizPhase::kConfidence:
    case core::QuizPhase::kFeedback:
      quiz::DrawQuestion(tutor, screen, ctx);
      break;
    case core::QuizPhase::kResults:
      quiz::DrawResults(tutor, screen, ctx);
      break;
  }
}

}  // namespace stagecraft::views
