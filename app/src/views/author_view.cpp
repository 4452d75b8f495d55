// Authoring: the content files with their problems (left), and the selected file's problems and
// a question preview, shuffled and in file order, or a challenge as a learner meets it (right). Polls the disk through the tutor each
// frame it draws, and asks for a frame when the next look is due.
//
// Keys: Up/Down pick a file, [ and ] a question, R reshuffles, N writes a new quiz, C a new
// challenge.

#include <string>
#include <string_view>

#include "core/authoring_preview.h"
#include "core/question_text.h"
#include "views/keys.h"
#include "views/question_widget.h"
#include "views/rich_text.h"
#include "views/screens.h"
#include "views/widgets.h"

namespace stagecraft::views {
namespace {

const char* OriginName(core::ContentOrigin origin) {
  switch (origin) {
    case core::ContentOrigin::kBundled: return "bundled";
    case core::ContentOrigin::kUser: return "yours";
    case core::ContentOrigin::kGiven: return "given";
  }
  return "";
}

// The file's name without its folder, or a challenge file's `.challenge.json` (its kind is shown).
std::string FileName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  constexpr std::string_view kChallenge = ".challenge.json";
  if (name.size() > kChallenge.size() && name.ends_with(kChallenge)) {
    name.resize(name.size() - kChallenge.size());
  }
  return name;
}

// The status a file's row ends with: "ok", "3 problems", "stale · 1 problem".
std::string FileStatus(const core::AuthoredFile& file) {
  if (file.missing_polls > 0) return "missing";
  if (file.problems.empty()) return "ok";
  const std::size_t n = file.problems.size();
  return std::string(file.stale ? "stale, " : "") + std::to_string(n) +
         (n == 1 ? " problem" : " problems");
}

void DrawProblems(const std::vector<core::QuizProblem>& problems, const ViewContext& ctx) {
  ImGui::PushFont(ctx.fonts.mono);
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.bad);
  ImGui::PushTextWrapPos(0);
  for (const core::QuizProblem& problem : problems) {
    ImGui::TextUnformatted(problem.ToString().c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void DrawFolders(core::AuthoringScreen& screen, const ViewContext& ctx) {
  const core::UserFolders& user = screen.user_folders();
  ImGui::TextColored(ctx.palette.muted, "Your folders (created for you; files there are loaded "
                                        "with the bundled ones):");
  ImGui::PushFont(ctx.fonts.mono);
  ImGui::TextUnformatted(user.quizzes.c_str());
  ImGui::TextUnformatted(user.lessons.c_str());
  ImGui::TextUnformatted(user.challenges.c_str());
  ImGui::PopFont();
  if (!screen.problem().empty()) TextColoredWrapped(ctx.palette.warn, screen.problem());
}

void DrawFileList(core::AuthoringScreen& screen, const ViewContext& ctx) {
  const auto& files = screen.files();
  if (files.empty()) TextColoredWrapped(ctx.palette.muted, "No content files were found.");
  if (!ImGui::BeginTable("files", 3, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("file", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("origin", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthFixed);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const core::AuthoredFile& file = files[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string label = std::string(core::ContentKindName(file.kind)) + "  " +
                              FileName(file.path);
    const bool selected = screen.selected() == static_cast<int>(i);
    if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
      screen.Select(static_cast<int>(i));
    }
    ImGui::TableNextColumn();
    ImGui::TextColored(ctx.palette.muted, "%s", OriginName(file.origin));
    ImGui::TableNextColumn();
    const std::string status = FileStatus(file);
    ImGui::TextColored(file.problems.empty() ? ctx.palette.good
                       : file.stale         ? ctx.palette.warn
                                            : ctx.palette.bad,
                       "%s", status.c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void DrawPreviewColumn(const core::Question& question, std::optional<std::uint64_t> seed,
                       const ViewContext& ctx) {
  const core::QuestionPreview preview = core::PreviewQuestion(question, seed);
  QuestionState state;
  state.question = &question;
  state.order = preview.order;
  state.feedback = &preview.answered;
  // No "Correct.": nobody answered. The marked answer shows picked, with every option's feedback
  // as a learner would read it (the column's heading says so).
  PushRightEdge(ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x);
  DrawQuestionWidget(state, ctx);
  PopRightEdge();
}

void DrawPreview(core::AuthoringScreen& screen, const core::AuthoredFile& file,
                 const ViewContext& ctx) {
  const auto questions = core::FileQuestions(file);
  if (questions.empty()) {
    TextColoredWrapped(ctx.palette.muted, "Nothing of this file loaded: no question to preview.");
    return;
  }
  if (screen.question() >= static_cast<int>(questions.size())) {
    screen.SelectQuestion(static_cast<int>(questions.size()) - 1);
  }
  const int index = screen.question();
  const core::Question& question = *questions[index];
  const std::string heading = "Question " + std::to_string(index + 1) + " of " +
                              std::to_string(questions.size()) + ": " + question.id;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  if (ImGui::BeginCombo("##question", heading.c_str())) {
    for (std::size_t i = 0; i < questions.size(); ++i) {
      if (ImGui::Selectable(questions[i]->id.c_str(), static_cast<int>(i) == index)) {
        screen.SelectQuestion(static_cast<int>(i));
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextColored(ctx.palette.muted, "[ and ] for the others");

  // The verify result: what the engine said of the marked answer.
  if (const auto verified = core::VerifyResult(file, question)) {
    if (verified->empty()) {
      ImGui::TextColored(ctx.palette.good, "verify: ok, the registry agrees with the answer");
    } else {
      ImGui::TextColored(ctx.palette.bad, "verify:");
      DrawProblems(*verified, ctx);
    }
  } else {
    ImGui::TextColored(ctx.palette.muted, "no verify block: the engine does not check this answer");
  }
  TextColoredWrapped(ctx.palette.muted, "Below, as a learner sees it after picking the marked "
                                        "answer: every option's feedback shows.");

  if (ImGui::BeginTable("preview", 2, ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ctx.palette.muted, "Shuffled (seed %llu)",
                       static_cast<unsigned long long>(screen.seed()));
    ImGui::SameLine();
    if (ImGui::SmallButton("Reshuffle (R)")) screen.Reshuffle();
    ImGui::PushID("shuffled");
    DrawPreviewColumn(question, screen.seed(), ctx);
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ctx.palette.muted, "In file order");
    ImGui::PushID("file order");
    DrawPreviewColumn(question, std::nullopt, ctx);
    ImGui::PopID();
    ImGui::EndTable();
  }
}

// A challenge as the learner meets it: the goal, the checklist's labels, par and the hint; and a
// way to try it (the version in use, which the library holds under its id).
void DrawChallenge(core::Tutor& tutor, const core::AuthoredFile& file, const ViewContext& ctx) {
  if (!file.challenge) {
    TextColoredWrapped(ctx.palette.muted, "Nothing of this file loaded: no challenge to preview.");
    return;
  }
  const core::Challenge& challenge = *file.challenge;
  ImGui::PushFont(ctx.fonts.bold);
  TextColoredWrapped(ImGui::GetStyleColorVec4(ImGuiCol_Text), challenge.title);
  ImGui::PopFont();
  ImGui::TextColored(ctx.palette.muted, "%s \xC2\xB7 par %d \xC2\xB7 acting as %s",
                     core::LevelName(challenge.level), challenge.par, challenge.user.c_str());
  TextColoredWrapped(ctx.palette.accent, "Goal: " + challenge.goal);
  ImGui::Spacing();
  ImGui::TextColored(ctx.palette.muted, "The checklist (%zu conditions):", challenge.target.size());
  for (const core::Condition& condition : challenge.target) {
    TextColoredWrapped(ImGui::GetStyleColorVec4(ImGuiCol_Text), "\xE2\x97\x8B " + condition.label);
  }
  ImGui::Spacing();
  TextColoredWrapped(ctx.palette.muted, "Hint: " + challenge.hint);
  ImGui::Spacing();
  const core::Challenge* used = tutor.library().FindChallenge(challenge.id);
  const bool playable = used != nullptr && used->path == file.path;
  if (KeyButton("Try it as a learner", "", playable)) (void)tutor.OpenChallenge(challenge.id);
  if (!playable && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Another file has this id, or the file has problems: it is not used");
  }
}

void DrawSelected(core::Tutor& tutor, core::AuthoringScreen& screen, const ViewContext& ctx) {
  if (screen.selected() < 0) {
    TextColoredWrapped(ctx.palette.muted, "Pick a file on the left (Up/Down) to see its problems "
                                          "and preview its questions.");
    return;
  }
  const core::AuthoredFile& file = screen.files()[screen.selected()];
  ImGui::PushFont(ctx.fonts.mono);
  TextColoredWrapped(ctx.palette.code_text, file.path);
  ImGui::PopFont();
  if (file.problems.empty()) {
    ImGui::TextColored(ctx.palette.good, "No problems: stagecraft validate passes this file.");
  } else {
    DrawProblems(file.problems, ctx);
  }
  if (file.stale) {
    TextColoredWrapped(ctx.palette.warn, "The file on disk is broken: below is its last good "
                                         "version, the one learners get until it is fixed.");
  }
  ImGui::Separator();
  if (file.kind == core::ContentKind::kChallenge) {
    DrawChallenge(tutor, file, ctx);
  } else {
    DrawPreview(screen, file, ctx);
  }
}

// Writes a template (it is selected at the next poll); a failure is a notice.
void NewQuiz(core::Tutor& tutor, core::AuthoringScreen& screen) {
  if (auto written = screen.NewQuiz(); !written.ok()) tutor.Notify(written.status().message());
}
void NewChallenge(core::Tutor& tutor, core::AuthoringScreen& screen) {
  if (auto written = screen.NewChallenge(); !written.ok()) {
    tutor.Notify(written.status().message());
  }
}

void HandleKeys(core::Tutor& tutor, core::AuthoringScreen& screen) {
  const int count = static_cast<int>(screen.files().size());
  if (count > 0 && ShortcutPressed(keys::kDown, true)) {
    screen.Select(screen.selected() < 0 ? 0 : std::min(count - 1, screen.selected() + 1));
  }
  if (count > 0 && ShortcutPressed(keys::kUp, true)) {
    screen.Select(screen.selected() <= 0 ? 0 : screen.selected() - 1);
  }
  if (ShortcutPressed(keys::kRightBracket, true)) screen.SelectQuestion(screen.question() + 1);
  if (ShortcutPressed(keys::kLeftBracket, true)) screen.SelectQuestion(screen.question() - 1);
  if (ShortcutPressed(keys::Letter('R'))) screen.Reshuffle();
  if (ShortcutPressed(keys::Letter('N'))) NewQuiz(tutor, screen);
  if (ShortcutPressed(keys::Letter('C'))) NewChallenge(tutor, screen);
}

}  // namespace

void DrawAuthor(core::Tutor& tutor, core::AuthoringScreen& screen, ViewContext& ctx) {
  // Files changed on disk show within a poll; the window sleeps until the next is due.
  (void)tutor.PollContent();
  HandleKeys(tutor, screen);

  ScreenTitle(ctx, "Authoring",
              "Every quiz, lesson and challenge file, checked as `stagecraft validate` checks it, and "
              "checked again when it changes on disk.");
  if (ImGui::Button("New quiz (N)")) NewQuiz(tutor, screen);
  ImGui::SameLine();
  if (ImGui::Button("New challenge (C)")) NewChallenge(tutor, screen);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  const int problems = screen.ProblemCount();
  ImGui::TextColored(problems == 0 ? ctx.palette.good : ctx.palette.bad, "%zu files, %d %s",
                     screen.files().size(), problems, problems == 1 ? "problem" : "problems");
  if (!screen.written().empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ctx.palette.good, "  Written: %s (edit it; it reloads here when saved)",
                       screen.written().c_str());
  }
  DrawFolders(screen, ctx);
  ImGui::Spacing();

  const float list_width = ImGui::GetContentRegionAvail().x * 0.4f;
  ImGui::BeginChild("files", ImVec2(list_width, 0), true);
  DrawFileList(screen, ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("file", ImVec2(0, 0), true);
  DrawSelected(tutor, screen, ctx);
  ImGui::EndChild();

  ctx.WakeIn(screen.SecondsToNextPoll(tutor.Seconds()));
}

}  // namespace stagecraft::views
