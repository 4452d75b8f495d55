// Settings: theme, font scale, reduced motion, predictions at every step. Each change applies
// at once and is saved by the tutor.

#include <string>

#include "views/screens.h"
#include "views/widgets.h"

namespace stagecraft::views {

void DrawSettings(core::Tutor& tutor, ViewContext& ctx) {
  ScreenTitle(ctx, "Settings", "Saved as you change them, with the window's size.");
  core::Settings settings = tutor.settings();
  bool changed = false;

  SectionHeading(ctx, "Appearance");
  int theme = settings.theme == core::Theme::kLight ? 1 : 0;
  changed |= ImGui::RadioButton("Dark", &theme, 0);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("Light", &theme, 1);
  settings.theme = theme == 1 ? core::Theme::kLight : core::Theme::kDark;

  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  // Applied when the slider is let go: the fonts are rebuilt for the new size.
  static float pending_scale = 0;
  if (pending_scale == 0) pending_scale = settings.font_scale;
  ImGui::SliderFloat("Text size", &pending_scale, core::kMinFontScale, core::kMaxFontScale,
                     "%.2fx");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    settings.font_scale = pending_scale;
    changed = true;
  } else if (!ImGui::IsItemActive()) {
    pending_scale = settings.font_scale;
  }
  TextColoredWrapped(ctx.palette.muted,
                     "Multiplied by the screen's own scale, so the text reads the same on a "
                     "high-DPI screen.");

  changed |= ImGui::Checkbox("Reduce motion (cards jump instead of sliding)",
                             &settings.reduced_motion);

  SectionHeading(ctx, "Walkthroughs");
  changed |= ImGui::Checkbox("Ask me to predict every step that changes a stage",
                             &settings.predict_every_step);
  TextColoredWrapped(ctx.palette.muted,
                     "Otherwise the player asks only at the steps the lesson marks. Applies to "
                     "the next walkthrough you open.");

  if (changed) tutor.ChangeSettings(settings);

  if (!tutor.settings_problems().empty()) {
    SectionHeading(ctx, "Problems in the settings file");
    for (const std::string& problem : tutor.settings_problems()) {
      TextColoredWrapped(ctx.palette.warn, problem);
    }
  }

  SectionHeading(ctx, "Keys");
  ImGui::TextUnformatted(
      "Esc: home    Ctrl+,: settings    Ctrl+Q: quit    Arrows: move between controls    "
      "Space: press the highlighted one");

  SectionHeading(ctx, "Your data");
  ImGui::TextColored(ctx.palette.muted, "Progress");
  ImGui::SameLine();
  const std::string& progress = tutor.options().progress_path;
  ImGui::TextUnformatted(progress.empty()         ? "not recorded"
                         : progress == ":memory:" ? "in memory only: nothing is kept"
                                                  : progress.c_str());
  ImGui::TextColored(ctx.palette.muted, "Settings");
  ImGui::SameLine();
  ImGui::TextUnformatted(tutor.options().settings_path.empty() ? "not saved"
                                                               : tutor.options().settings_path.c_str());
  ImGui::TextColored(ctx.palette.muted, "Your own quizzes, lessons and challenges");
  const core::ContentFolders& content = tutor.options().content;
  for (const std::string* folder :
       {&content.user_quizzes, &content.user_lessons, &content.user_challenges}) {
    ImGui::Indent();
    ImGui::TextUnformatted(folder->c_str());
    ImGui::Unindent();
  }
}

}  // namespace stagecraft::views
