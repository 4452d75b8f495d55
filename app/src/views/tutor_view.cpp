// The frame around every screen: the navigation bar (with the open activities), the notice, and
// the current screen below them.

#include "views/keys.h"

#include <optional>
#include <string>

#include "views/screens.h"
#include "views/widgets.h"

namespace stagecraft::views {

using core::Screen;

namespace {

// A tab of the navigation bar; true when clicked.
bool NavTab(const char* label, bool current, const ViewContext& ctx) {
  if (current) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_TabActive));
  }
  const bool clicked = ImGui::Button(label);
  if (current) ImGui::PopStyleColor();
  ImGui::SameLine();
  (void)ctx;
  return clicked;
}

std::string Shorten(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max - 1;
  // Never inside a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\xE2\x80\xA6";  // …
}

bool AnyPopupOpen() {
  return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
}

void DrawNavigation(core::Tutor& tutor, ViewContext& ctx) {
  const Screen screen = tutor.screen();
  if (NavTab("Home", screen == Screen::kHome, ctx)) tutor.OpenHome();
  if (core::LessonScreen* lesson = tutor.lesson()) {
    const std::string label = "Lesson: " + Shorten(lesson->lesson().title, 34) + "##lesson";
    if (NavTab(label.c_str(), screen == Screen::kLesson, ctx)) tutor.Resume(Screen::kLesson);
  }
  if (tutor.walkthrough() != nullptr) {
    if (NavTab("Walkthrough", screen == Screen::kWalkthrough, ctx)) {
      tutor.Resume(Screen::kWalkthrough);
    }
  }
  if (tutor.quiz() != nullptr) {
    if (NavTab("Quiz", screen == Screen::kQuiz, ctx)) tutor.Resume(Screen::kQuiz);
  }
  if (NavTab("Sandbox", screen == Screen::kSandbox, ctx)) {
    if (auto opened = tutor.OpenSandbox(); !opened.ok()) tutor.Notify(opened.message());
  }
  if (NavTab("Challenges", screen == Screen::kChallenge, ctx)) tutor.OpenChallenges();
  if (tutor.authoring() != nullptr) {
    if (NavTab("Authoring", screen == Screen::kAuthor, ctx)) tutor.OpenAuthoring();
  }
  // Readiness sits at the right end beside Settings: a place to look, not an activity.
  const float readiness_width = ImGui::CalcTextSize("Readiness").x +
                                ImGui::CalcTextSize("Settings").x +
                                ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - readiness_width);
  if (NavTab("Readiness", screen == Screen::kReadiness, ctx)) tutor.OpenReadiness();
  const float settings_width = ImGui::CalcTextSize("Settings").x +
                               ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - settings_width);
  if (NavTab("Settings", screen == Screen::kSettings, ctx)) tutor.OpenSettings();
  ImGui::NewLine();

  // Esc goes home from anywhere but home (where it does nothing); Ctrl+, opens the settings;
  // Ctrl+E opens the authoring screen; Ctrl+Q closes the window (which saves its size).
  // An open popup (a menu, a prompt) takes Esc for itself: it closes. ImGui closes it before
  // this runs, so the frame before counts too.
  const bool popup = AnyPopupOpen() || ImGui::GetStateStorage()->GetBool(ImGui::GetID("popup-open"));
  if (screen != Screen::kHome && !popup && ShortcutPressed(keys::kEscape)) tutor.OpenHome();
  if (CtrlShortcutPressed(keys::kComma)) tutor.OpenSettings();
  if (CtrlShortcutPressed(keys::Letter('E'))) tutor.OpenAuthoring();
  if (CtrlShortcutPressed(keys::Letter('Q')) && tutor.AskToQuit()) ctx.quit = true;
}

void DrawNotice(core::Tutor& tutor, const ViewContext& ctx) {
  if (tutor.notice().empty()) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.palette.panel_bg);
  const float height = ImGui::GetTextLineHeightWithSpacing() * 2.2f;
  ImGui::BeginChild("notice", ImVec2(0, height), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.warn);
  ImGui::TextUnformatted("!");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  const float button = ImGui::CalcTextSize("Dismiss").x + ImGui::GetStyle().FramePadding.x * 4;
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - button);
  ImGui::TextUnformatted(tutor.notice().c_str());
  ImGui::PopTextWrapPos();
  ImGui::SameLine(ImGui::GetContentRegionMax().x - button);
  if (ImGui::Button("Dismiss")) tutor.DismissNotice();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

// Asked when quitting would lose the sandbox's changes to its registry file (Tutor::AskToQuit).
void DrawQuitQuestion(core::Tutor& tutor, ViewContext& ctx) {
  if (!BeginQuestion("Quit Stagecraft?", tutor.quit_pending())) return;
  const core::SandboxScreen* sandbox = tutor.sandbox();
  ImGui::Text("The sandbox has changes not saved to %s.",
              sandbox != nullptr ? sandbox->file().c_str() : "its registry file");
  ImGui::TextColored(ctx.palette.muted, "Quitting without saving loses them.");
  ImGui::Spacing();
  std::optional<core::Tutor::QuitChoice> choice;
  if (KeyButton("Save and quit", "S") || ShortcutPressed(keys::Letter('S'))) {
    choice = core::Tutor::QuitChoice::kSave;
  }
  ImGui::SameLine();
  if (KeyButton("Quit without saving", "D") || ShortcutPressed(keys::Letter('D'))) {
    choice = core::Tutor::QuitChoice::kDiscard;
  }
  ImGui::SameLine();
  if (KeyButton("Stay", "Esc") || ShortcutPressed(keys::kEscape)) {
    choice = core::Tutor::QuitChoice::kStay;
  }
  if (choice) {
    ImGui::CloseCurrentPopup();
    if (tutor.AnswerQuit(*choice)) ctx.quit = true;
  }
  ImGui::EndPopup();
}

}  // namespace

void DrawTutor(core::Tutor& tutor, ViewContext& ctx) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kFrame = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      // The platform clears to the theme's background already:
                                      // on a software renderer a second full-window fill costs
                                      // about a millisecond a frame.
                                      ImGuiWindowFlags_NoBackground;
  ImGui::Begin("Stagecraft", nullptr, kFrame);
  DrawNavigation(tutor, ctx);
  ImGui::Separator();
  DrawNotice(tutor, ctx);

  // Flattened for keyboard navigation: Tab and the arrows cross from the navigation bar into the
  // screen's fields (ImGui 1.86 otherwise keeps Tab inside one window).
  ImGui::BeginChild("screen", ImVec2(0, 0), false, ImGuiWindowFlags_NavFlattened);
  switch (tutor.screen()) {
    case Screen::kHome:
      DrawHome(tutor, ctx);
      break;
    case Screen::kLesson:
      if (core::LessonScreen* lesson = tutor.lesson()) DrawLesson(tutor, *lesson, ctx);
      break;
    case Screen::kWalkthrough:
      if (core::WalkthroughScreen* walkthrough = tutor.walkthrough()) {
        DrawWalkthrough(tutor, *walkthrough, ctx);
      }
      break;
    case Screen::kQuiz:
      if (core::QuizScreen* quiz = tutor.quiz()) DrawQuiz(tutor, *quiz, ctx);
      break;
    case Screen::kSettings:
      DrawSettings(tutor, ctx);
      break;
    case Screen::kSandbox:
      if (core::SandboxScreen* sandbox = tutor.sandbox()) DrawSandbox(tutor, *sandbox, ctx);
      break;
    case Screen::kChallenge:
      if (core::ChallengeScreen* challenges = tutor.challenges()) {
        DrawChallenges(tutor, *challenges, ctx);
      }
      break;
    case Screen::kReadiness:
      if (const core::ReadinessScreen* readiness = tutor.readiness()) {
        DrawReadiness(tutor, *readiness, ctx);
      }
      break;
    case Screen::kAuthor:
      if (core::AuthoringScreen* authoring = tutor.authoring()) DrawAuthor(tutor, *authoring, ctx);
      break;
  }
  ImGui::EndChild();
  DrawQuitQuestion(tutor, ctx);
  ImGui::GetStateStorage()->SetBool(ImGui::GetID("popup-open"), AnyPopupOpen());
  ImGui::End();
}

}  // namespace stagecraft::views
