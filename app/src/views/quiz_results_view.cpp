// Quiz results: the score, the breakdown by topic and level (unanswered questions counted), the
// learner's past scores on the bank as a chart, and after an exam a review of every question
// (the answer given, the key, the solution) with the time used.

#include <ctime>
#include <string>
#include <vector>

#include "core/question_text.h"
#include "views/question_widget.h"
#include "views/quiz_parts.h"
#include "views/widgets.h"

namespace stagecraft::views::quiz {

namespace {

// Rounded down, as the score above it is (QuizSession's percent): 5 of 8 is 62% in both.
int PercentOf(int correct, int answered) {
  return answered > 0 ? correct * 100 / answered : 0;
}

// "Dec 3" in the learner's time zone.
std::string ShortDate(core::UnixTime when) {
  const std::time_t t = static_cast<std::time_t>(when);
  std::tm tm{};
  localtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%b %e", &tm);
  std::string out = text;
  if (const auto space = out.find("  "); space != std::string::npos) out.erase(space, 1);
  return out;
}

void DrawTally(const char* id, const char* heading,
               const std::vector<std::pair<std::string, core::Tally>>& rows,
               const ViewContext& ctx) {
  constexpr ImGuiTableFlags kTable =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable(id, 4, kTable)) return;
  ImGui::TableSetupColumn(heading, ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Right", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Unanswered", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableHeadersRow();
  std::vector<core::Tally> tallies;
  for (const auto& row : rows) tallies.push_back(row.second);
  const std::vector<std::string> scores = core::ShownSliceScores(tallies);  // they add up
  std::size_t row = 0;
  for (const auto& [name, tally] : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%s / %d", scores[row++].c_str(), tally.questions);
    ImGui::TableNextColumn();
    ImGui::Text("%d", tally.correct);
    ImGui::TableNextColumn();
    const int unanswered = tally.questions - tally.answered;
    if (unanswered > 0) {
      ImGui::TextColored(ctx.palette.warn, "%d", unanswered);
    } else {
      ImGui::TextColored(ctx.palette.muted, "0");
    }
  }
  ImGui::EndTable();
}

void DrawBreakdown(const core::SessionResult& score, const ViewContext& ctx) {
  std::vector<std::pair<std::string, core::Tally>> topics(score.by_topic.begin(),
                                                          score.by_topic.end());
  std::vector<std::pair<std::string, core::Tally>> levels;
  for (const char* level : {"easy", "medium", "hard"}) {
    if (auto found = score.by_level.find(level); found != score.by_level.end()) {
      levels.emplace_back(level, found->second);
    }
  }
  if (!ImGui::BeginTable("breakdown", 2, ImGuiTableFlags_SizingStretchSame)) return;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  DrawTally("by-topic", "Topic", topics, ctx);
  ImGui::TableNextColumn();
  DrawTally("by-level", "Level", levels, ctx);
  ImGui::EndTable();
}

// The learner's score on the bank per session, oldest to newest, drawn as a line over a 0-100%
// grid; the run just finished is the last, ringed point. Hover a point for its details.
void DrawHistoryChart(const std::vector<core::PastScore>& past, bool last_is_run,
                      const ViewContext& ctx) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, line * 11);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("history", size);
  const bool hovered = ImGui::IsItemHovered();
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y),
                      ImGui::GetColorU32(ctx.palette.panel_bg), style.FrameRounding);

  const float left = origin.x + ImGui::CalcTextSize("100%").x + style.ItemSpacing.x * 2;
  const float right = origin.x + size.x - style.ItemSpacing.x * 3;
  const float top = origin.y + line * 1.6f;
  const float bottom = origin.y + size.y - line * 1.8f;
  const ImU32 muted = ImGui::GetColorU32(ctx.palette.muted);
  for (int percent : {0, 50, 100}) {
    const float y = bottom - (bottom - top) * static_cast<float>(percent) / 100.0f;
    draw->AddLine(ImVec2(left, y), ImVec2(right, y),
                  ImGui::GetColorU32(ImGuiCol_Separator, percent == 0 ? 1.0f : 0.5f));
    const std::string label = std::to_string(percent) + "%";
    const ImVec2 label_size = ImGui::CalcTextSize(label.c_str());
    draw->AddText(ImVec2(left - style.ItemSpacing.x - label_size.x, y - label_size.y * 0.5f),
                  muted, label.c_str());
  }

  const std::size_t n = past.size();
  std::vector<ImVec2> points;
  const float step = n > 1 ? (right - left - line * 2) / static_cast<float>(n - 1) : 0;
  for (std::size_t i = 0; i < n; ++i) {
    const float x = n > 1 ? left + line + step * static_cast<float>(i) : (left + right) * 0.5f;
    const float y = bottom - (bottom - top) *
                                 static_cast<float>(PercentOf(past[i].correct, past[i].asked)) /
                                 100.0f;
    points.emplace_back(x, y);
  }
  const ImU32 accent = ImGui::GetColorU32(ctx.palette.accent);
  if (n > 1) draw->AddPolyline(points.data(), static_cast<int>(n), accent, 0, 2.0f * ctx.scale);

  // Dates under the points when they fit (else the first and the last), percents above.
  const float date_width = ImGui::CalcTextSize("Dec 30").x + style.ItemSpacing.x;
  const bool every_date = n <= 1 || step >= date_width;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered_point = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const bool run = last_is_run && i + 1 == n;
    const ImVec2 p = points[i];
    const float radius = (run ? 5.5f : 3.5f) * ctx.scale;
    draw->AddCircleFilled(p, radius, run ? ImGui::GetColorU32(ctx.palette.good) : accent);
    if (run) {
      draw->AddCircle(p, radius + 3 * ctx.scale, ImGui::GetColorU32(ctx.palette.good), 0,
                      1.5f * ctx.scale);
    }
    const std::string percent =
        std::to_string(PercentOf(past[i].correct, past[i].asked)) + "%";
    const ImVec2 percent_size = ImGui::CalcTextSize(percent.c_str());
    draw->AddText(ImVec2(p.x - percent_size.x * 0.5f, p.y - radius - percent_size.y - 2),
                  ImGui::GetColorU32(ImGuiCol_Text), percent.c_str());
    if (every_date || i == 0 || i + 1 == n) {
      const std::string date = run ? "now" : ShortDate(past[i].when);
      const ImVec2 date_size = ImGui::CalcTextSize(date.c_str());
      draw->AddText(ImVec2(p.x - date_size.x * 0.5f, bottom + line * 0.4f), muted, date.c_str());
    }
    const float dx = mouse.x - p.x, dy = mouse.y - p.y;
    if (hovered && dx * dx + dy * dy < line * line) hovered_point = static_cast<int>(i);
  }
  if (hovered_point >= 0) {
    const core::PastScore& score = past[static_cast<std::size_t>(hovered_point)];
    ImGui::SetTooltip("%s (%s): %d of %d questions right, %d answered",
                      ShortDate(score.when).c_str(), score.mode.c_str(), score.correct, score.asked,
                      score.answered);
  }
}

void DrawHistory(core::QuizScreen& screen, const ViewContext& ctx) {
  SectionHeading(ctx, "Your scores on these questions");
  if (!screen.history_problem().empty()) {
    TextColoredWrapped(ctx.palette.warn, "Your history could not be read: " +
                                             screen.history_problem());
    return;
  }
  const std::vector<core::PastScore>& past = screen.past_scores();
  if (past.empty()) {
    TextColoredWrapped(ctx.palette.muted,
                       "Nothing recorded yet: answers you give are saved, and each session "
                       "becomes a point here.");
    return;
  }
  TextColoredWrapped(ctx.palette.muted,
                     "The share of questions right in each of your last sessions with these "
                     "questions (unanswered ones count as missed), oldest first.");
  DrawHistoryChart(past, screen.past_includes_run(), ctx);
}

// After an exam: every question as it was lettered, marked by the question widget as the
// quiz page marks an answer (the verdict, each involved option's tag and feedback, the solution);
// an unanswered question shows its key as missed. A question the registry checks (a verify block)
// can be tried in the sandbox, set up as the check sets it up.
void DrawExamReview(core::Tutor& tutor, const core::RunResult& result, const ViewContext& ctx) {
  SectionHeading(ctx, "Review");
  for (std::size_t i = 0; i < result.questions.size(); ++i) {
    const core::QuestionOutcome& outcome = result.questions[i];
    const core::SessionQuestion& shown = *outcome.question;
    const core::Question& question = *shown.source;
    ImGui::PushID(static_cast<int>(i));
    ImGui::Spacing();
    std::string about = std::to_string(i + 1) + ".  " + core::LevelName(question.level) +
                        "  \xC2\xB7  " + question.topic;
    if (question.multiple) about += "  \xC2\xB7  select all that apply";
    TextColoredWrapped(ctx.palette.muted, about);
    const core::AnswerFeedback feedback = core::OutcomeFeedback(outcome);
    QuestionState state;
    state.question = &question;
    state.order = shown.order;
    state.feedback = &feedback;
    state.verdict = core::OutcomeVerdict(outcome);
    DrawQuestionWidget(state, ctx);
    if (question.verify) {
      ImGui::Spacing();
      if (ImGui::Button("Try it in the sandbox")) Report(tutor, tutor.TryInSandbox(question, shown.order));
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Opens a fresh sandbox with this question's setup already run, to try "
                          "the options on the engine");
      }
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::PopID();
  }
}

const char* KindWord(core::RunKind kind) {
  switch (kind) {
    case core::RunKind::kPractice: return "Practice";
    case core::RunKind::kReview: return "Review";
    case core::RunKind::kExam: return "Exam";
  }
  return "Practice";
}

void DrawScore(const core::RunResult& result, const ViewContext& ctx) {
  const core::SessionResult& score = result.score;
  ImGui::PushFont(ctx.fonts.title);
  const ImVec4 color = score.percent >= 80   ? ctx.palette.good
                       : score.percent >= 50 ? ctx.palette.warn
                                             : ctx.palette.bad;
  ImGui::TextColored(color, "%s / %d", core::FormatScore(score.score).c_str(), score.total);
  ImGui::SameLine(0, ImGui::GetFontSize() * 0.8f);
  ImGui::TextColored(color, "%d%%", score.percent);
  ImGui::PopFont();
  std::string facts;
  auto add = [&facts](const std::string& fact) {
    facts += (facts.empty() ? "" : "    ") + fact;
  };
  add(std::to_string(score.answered) + " answered");
  if (result.unanswered > 0) add(std::to_string(result.unanswered) + " unanswered");
  if (result.confidence) {
    add("certainty-based score " + std::to_string(score.points) + " of " +
        std::to_string(score.max_points));
  }
  if (result.kind == core::RunKind::kExam) {
    add("time used " + core::FormatClock(result.seconds_used) + " of " +
        core::FormatClock(result.seconds_allowed) + (result.time_up ? " (the time ran out)" : ""));
  } else {
    add("time " + core::FormatClock(result.seconds_used));
  }
  TextColoredWrapped(ctx.palette.muted, facts);
}

}  // namespace

void DrawResults(core::Tutor& tutor, core::QuizScreen& screen, ViewContext& ctx) {
  const core::RunResult* result = screen.result();
  if (result == nullptr) return;
  ScreenTitle(ctx, "Results: " + screen.Title(),
              std::string(KindWord(result->kind)) + ", " + std::to_string(result->score.total) +
                  " question" + (result->score.total == 1 ? "" : "s"));
  ImGui::BeginChild("results", ImVec2(0, -FooterHeight()), false);
  DrawScore(*result, ctx);
  ImGui::Spacing();
  DrawBreakdown(result->score, ctx);
  // After an exam the review comes first: it is what the learner has not seen yet.
  if (result->kind == core::RunKind::kExam) DrawExamReview(tutor, *result, ctx);
  DrawHistory(screen, ctx);
  ScrollKeys();
  ImGui::EndChild();

  ImGui::Separator();
  if (KeyButton("Same again", "R")) Press(tutor, screen, 'R');
  ImGui::SameLine();
  if (KeyButton("New quiz", "N")) Press(tutor, screen, 'N');
  if (screen.due() > 0) {
    ImGui::SameLine();
    const std::string label = "Review " + std::to_string(screen.due()) + " due";
    if (ImGui::Button(label.c_str())) Report(tutor, screen.StartReview());
  }
  KeysLine(ctx, "Keys: R same again    N new quiz    PgUp / PgDn scroll    Esc home");
}

}  // namespace stagecraft::views::quiz
