// Readiness: honest statistics for interview preparation, drawn from the core's ReadinessScreen —
// the heatmap of topic × level, the confidence calibration chart, the score history per bank and
// the 7-day forecast of reviews. Every figure, shade and word comes from the core; this file only
// places them (ImDrawList, as the quiz results' past-scores chart).
//
//   DrawHeatmap      topics × easy/medium/hard cells shaded by accuracy, a legend
//   DrawCalibration  per confidence level: the band that pays, the rate and its 95% interval
//   DrawHistory      a small line chart per bank with sessions
//   DrawForecast     a bar per day for the next 7, and how many come later

#include <algorithm>
#include <string>

#include "core/readiness_screen.h"
#include "views/screens.h"
#include "views/widgets.h"

namespace stagecraft::views {

namespace {

ImVec4 WithAlpha(ImVec4 colour, float alpha) {
  colour.w = alpha;
  return colour;
}

// The fill of a heatmap cell of `shade`; a cell with no questions has none (only an outline).
ImVec4 ShadeColour(core::HeatShade shade, const ViewContext& ctx) {
  const float alpha = ctx.theme == core::Theme::kLight ? 0.30f : 0.38f;
  switch (shade) {
    case core::HeatShade::kNoQuestions: return ImVec4(0, 0, 0, 0);
    case core::HeatShade::kUnanswered: return ctx.palette.panel_bg;
    case core::HeatShade::kWeak: return WithAlpha(ctx.palette.bad, alpha);
    case core::HeatShade::kFair: return WithAlpha(ctx.palette.warn, alpha);
    case core::HeatShade::kStrong: return WithAlpha(ctx.palette.good, alpha);
  }
  return ctx.palette.panel_bg;
}

// One cell: the shade, the accuracy in bold, "answered/questions" and the reviews due; hover for
// the sentence.
void DrawHeatCell(const core::HeatCell& cell, float height, const ViewContext& ctx) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, height);
  ImGui::InvisibleButton("cell", size);
  const core::HeatCellText text = core::DescribeCell(cell);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.tooltip.c_str());
  const core::HeatShade shade = core::ShadeOf(cell);
  const ImVec2 end(at.x + size.x, at.y + size.y);
  if (shade == core::HeatShade::kNoQuestions) {
    draw->AddRect(at, end, ImGui::GetColorU32(WithAlpha(ctx.palette.muted, 0.35f)),
                  style.FrameRounding);
    const char* none = "no questions";
    const ImVec2 none_size = ImGui::CalcTextSize(none);
    draw->AddText(ImVec2(at.x + (size.x - none_size.x) * 0.5f, at.y + (size.y - none_size.y) * 0.5f),
                  ImGui::GetColorU32(ctx.palette.muted), none);
    return;
  }
  draw->AddRectFilled(at, end, ImGui::GetColorU32(ShadeColour(shade, ctx)), style.FrameRounding);
  const float pad = style.FramePadding.x;
  const float line = ImGui::GetTextLineHeight();
  ImGui::PushFont(ctx.fonts.bold);
  draw->AddText(ImVec2(at.x + pad, at.y + pad * 0.6f),
                ImGui::GetColorU32(shade == core::HeatShade::kUnanswered ? ctx.palette.muted
                                                                         : ImGui::GetStyleColorVec4(ImGuiCol_Text)),
                text.accuracy.c_str());
  ImGui::PopFont();
  const std::string& answered = text.answered;
  draw->AddText(ImVec2(at.x + pad, at.y + pad * 0.6f + line * 1.1f),
                ImGui::GetColorU32(ctx.palette.muted), answered.c_str());
  if (!text.due.empty()) {
    const ImVec2 due_size = ImGui::CalcTextSize(text.due.c_str());
    draw->AddText(ImVec2(end.x - pad - due_size.x, at.y + pad * 0.6f),
                  ImGui::GetColorU32(ctx.palette.warn), text.due.c_str());
  }
}

void DrawHeatLegend(const ViewContext& ctx) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float box = ImGui::GetTextLineHeight() * 0.8f;
  const core::HeatShade shades[] = {core::HeatShade::kWeak, core::HeatShade::kFair,
                                    core::HeatShade::kStrong, core::HeatShade::kUnanswered};
  const char* words[] = {"below 50%", "50-80%", "80% and up", "not answered"};
  for (int i = 0; i < 4; ++i) {
    if (i > 0) ImGui::SameLine(0, ImGui::GetFontSize());
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float y = at.y + (ImGui::GetTextLineHeight() - box) * 0.5f;
    draw->AddRectFilled(ImVec2(at.x, y), ImVec2(at.x + box, y + box),
                        ImGui::GetColorU32(ShadeColour(shades[i], ctx)), 2.0f);
    draw->AddRect(ImVec2(at.x, y), ImVec2(at.x + box, y + box),
                  ImGui::GetColorU32(WithAlpha(ctx.palette.muted, 0.5f)), 2.0f);
    ImGui::Dummy(ImVec2(box, box));
    ImGui::SameLine();
    ImGui::TextColored(ctx.palette.muted, "%s", words[i]);
  }
}

void DrawHeatmap(const core::Readiness& r, const ViewContext& ctx) {
  SectionHeading(ctx, "Accuracy by topic and level");
  if (r.heatmap.empty()) {
    TextColoredWrapped(ctx.palette.muted, "The content has no questions.");
    return;
  }
  constexpr ImGuiTableFlags kTable = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("heatmap", 5, kTable)) return;
  ImGui::TableSetupColumn("Topic", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("easy", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("medium", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("hard", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("all levels", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  const float height = ImGui::GetTextLineHeight() * 2.5f;
  auto row = [&](const std::string& topic, const core::HeatCell* cells, std::size_t count,
                 const core::HeatCell& total, int id) {
    ImGui::PushID(id);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(topic.c_str());
    ImGui::PopTextWrapPos();
    for (std::size_t i = 0; i < count; ++i) {
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(i));
      DrawHeatCell(cells[i], height, ctx);
      ImGui::PopID();
    }
    ImGui::TableNextColumn();
    ImGui::PushID("total");
    DrawHeatCell(total, height, ctx);
    ImGui::PopID();
    ImGui::PopID();
  };
  for (std::size_t i = 0; i < r.heatmap.size(); ++i) {
    const core::HeatRow& heat = r.heatmap[i];
    row(heat.topic, heat.levels.data(), heat.levels.size(), heat.total, static_cast<int>(i));
  }
  ImGui::EndTable();
  ImGui::Spacing();
  const core::HeatCellText all = core::DescribeCell(r.heat_total);
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ctx.palette.muted,
                     "Each cell: accuracy, questions answered / questions, reviews due. "
                     "All topics: %s", all.tooltip.c_str());
  ImGui::PopTextWrapPos();
  DrawHeatLegend(ctx);
}

ImVec4 VerdictColour(core::CalibrationVerdict verdict, const ViewContext& ctx) {
  switch (verdict) {
    case core::CalibrationVerdict::kWithin: return ctx.palette.good;
    case core::CalibrationVerdict::kOverconfident: return ctx.palette.bad;
    case core::CalibrationVerdict::kUnderconfident: return ctx.palette.warn;
    case core::CalibrationVerdict::kNoAnswers:
    case core::CalibrationVerdict::kTooFewToTell: return ctx.palette.muted;
  }
  return ctx.palette.muted;
}

// One confidence level on a 0-100% track: the calibrated band shaded, the rate as a dot with its
// 95% interval as a whisker.
void DrawCalibrationRow(const core::CalibrationRow& row, float label_width, const ViewContext& ctx) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, line * 2.0f);
  ImGui::InvisibleButton("level", size);
  const bool hovered = ImGui::IsItemHovered();

  const std::string name = core::ConfidenceName(row.confidence);
  ImGui::PushFont(ctx.fonts.bold);
  draw->AddText(ImVec2(at.x, at.y + line * 0.1f), ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
  ImGui::PopFont();
  const std::string count = std::to_string(row.answers) + (row.answers == 1 ? " answer" : " answers");
  draw->AddText(ImVec2(at.x, at.y + line * 1.05f), ImGui::GetColorU32(ctx.palette.muted),
                count.c_str());

  const float left = at.x + label_width;
  const float right = at.x + size.x - style.ItemSpacing.x;
  const float mid = at.y + line * 1.0f;
  auto x_of = [&](double rate) { return left + (right - left) * static_cast<float>(rate); };
  // The track and its 0/50/100 ticks.
  draw->AddRectFilled(ImVec2(left, mid - line * 0.5f), ImVec2(right, mid + line * 0.5f),
                      ImGui::GetColorU32(ctx.palette.panel_bg), 3.0f);
  for (double tick : {0.0, 0.5, 1.0}) {
    draw->AddLine(ImVec2(x_of(tick), mid - line * 0.5f), ImVec2(x_of(tick), mid + line * 0.5f),
                  ImGui::GetColorU32(WithAlpha(ctx.palette.muted, 0.5f)));
  }
  // The band a calibrated learner's rate falls in.
  const float band_alpha = ctx.theme == core::Theme::kLight ? 0.30f : 0.35f;
  draw->AddRectFilled(ImVec2(x_of(row.expected_low), mid - line * 0.5f),
                      ImVec2(x_of(row.expected_high), mid + line * 0.5f),
                      ImGui::GetColorU32(WithAlpha(ctx.palette.good, band_alpha)), 3.0f);
  if (row.rate) {
    const ImU32 colour = ImGui::GetColorU32(row.verdict == core::CalibrationVerdict::kWithin
                                                ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                                : VerdictColour(row.verdict, ctx));
    const float whisker = line * 0.3f;
    const float lo = x_of(row.interval_low), hi = x_of(row.interval_high);
    draw->AddLine(ImVec2(lo, mid), ImVec2(hi, mid), colour, 2.0f * ctx.scale);
    draw->AddLine(ImVec2(lo, mid - whisker), ImVec2(lo, mid + whisker), colour, 2.0f * ctx.scale);
    draw->AddLine(ImVec2(hi, mid - whisker), ImVec2(hi, mid + whisker), colour, 2.0f * ctx.scale);
    draw->AddCircleFilled(ImVec2(x_of(*row.rate), mid), 5.0f * ctx.scale, colour);
    const std::string rate = core::PercentText(*row.rate);
    const ImVec2 rate_size = ImGui::CalcTextSize(rate.c_str());
    const float rate_x = std::clamp(x_of(*row.rate) - rate_size.x * 0.5f, left, right - rate_size.x);
    draw->AddText(ImVec2(rate_x, mid - line * 0.5f - rate_size.y), colour, rate.c_str());
  }
  if (hovered) {
    ImGui::SetTooltip("Calibrated at this level: %s right. Yours: %s (95%%: %s-%s).",
                      core::BandText(row).c_str(),
                      row.rate ? core::PercentText(*row.rate).c_str() : "no answers",
                      core::PercentText(row.interval_low).c_str(),
                      core::PercentText(row.interval_high).c_str());
  }
}

void DrawCalibration(const core::Readiness& r, const ViewContext& ctx) {
  SectionHeading(ctx, "Confidence calibration");
  TextColoredWrapped(ctx.palette.muted,
                     "Each level pays best when you are right at the rate in its green band. "
                     "The dot is how often you were right; the whisker, where your true rate "
                     "likely lies (95%).");
  const float label_width = ImGui::CalcTextSize("2 \xC2\xB7 fairly sure").x +
                            ImGui::GetStyle().ItemSpacing.x * 2;
  bool any = false;
  for (const core::CalibrationRow& row : r.calibration) {
    ImGui::PushID(row.confidence);
    ImGui::Spacing();
    ImGui::Spacing();
    DrawCalibrationRow(row, label_width, ctx);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + label_width);
    TextColoredWrapped(VerdictColour(row.verdict, ctx), core::VerdictSentence(row));
    any = any || row.answers > 0;
    ImGui::PopID();
  }
  if (!any) {
    ImGui::Spacing();
    TextColoredWrapped(ctx.palette.muted,
                       "Take a quiz with confidence marking on to see how well you judge what you "
                       "know.");
  }
}

// A bank's sessions as a small line over 0-100%, the last score beside it.
void DrawSparkline(const core::BankHistory& bank, float name_width, const ViewContext& ctx) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, line * 2.6f);
  ImGui::InvisibleButton("bank", size);
  const bool hovered = ImGui::IsItemHovered();

  std::string name = bank.title + (bank.lesson ? " (lesson)" : "");
  const float name_room = name_width - style.ItemSpacing.x;
  // Long titles end in an ellipsis where the chart starts (whole in the tooltip).
  if (ImGui::CalcTextSize(name.c_str()).x > name_room) {
    const float ellipsis = ImGui::CalcTextSize("\xE2\x80\xA6").x;
    while (!name.empty() && ImGui::CalcTextSize(name.c_str()).x + ellipsis > name_room) {
      // One code point: its continuation bytes (10xxxxxx), then its first byte.
      while ((static_cast<unsigned char>(name.back()) & 0xC0) == 0x80 && name.size() > 1) {
        name.pop_back();
      }
      name.pop_back();
    }
    while (!name.empty() && (name.back() == ' ' || name.back() == ':' || name.back() == ',')) {
      name.pop_back();
    }
    name += "\xE2\x80\xA6";
  }
  ImGui::PushClipRect(at, ImVec2(at.x + name_room, at.y + size.y), true);
  draw->AddText(ImVec2(at.x, at.y + (size.y - line) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text),
                name.c_str());
  ImGui::PopClipRect();

  const std::string last_label = "100%";
  const float last_width = ImGui::CalcTextSize(last_label.c_str()).x;
  const float left = at.x + name_width;
  const float right = at.x + size.x - last_width - style.ItemSpacing.x * 2;
  const float top = at.y + line * 0.25f, bottom = at.y + size.y - line * 0.25f;
  draw->AddRectFilled(ImVec2(left, top), ImVec2(right, bottom),
                      ImGui::GetColorU32(ctx.palette.panel_bg), 3.0f);
  const float mid = (top + bottom) * 0.5f;
  draw->AddLine(ImVec2(left, mid), ImVec2(right, mid),
                ImGui::GetColorU32(WithAlpha(ctx.palette.muted, 0.25f)));

  auto score = [](const core::PastScore& s) {
    return s.asked > 0 ? static_cast<float>(s.correct) / static_cast<float>(s.asked) : 0.0f;
  };
  const std::size_t n = bank.scores.size();
  std::vector<ImVec2> points;
  const float inset = line * 0.4f;
  for (std::size_t i = 0; i < n; ++i) {
    const float x = n > 1 ? left + inset + (right - left - inset * 2) * static_cast<float>(i) /
                                               static_cast<float>(n - 1)
                          : (left + right) * 0.5f;
    const float y = bottom - inset * 0.5f - (bottom - top - inset) * score(bank.scores[i]);
    points.emplace_back(x, y);
  }
  const ImU32 accent = ImGui::GetColorU32(ctx.palette.accent);
  if (n > 1) draw->AddPolyline(points.data(), static_cast<int>(n), accent, 0, 1.8f * ctx.scale);
  for (const ImVec2& p : points) draw->AddCircleFilled(p, 2.5f * ctx.scale, accent);

  const core::PastScore& last = bank.scores.back();
  const std::string last_text = core::PercentText(score(last));
  draw->AddText(ImVec2(right + style.ItemSpacing.x, at.y + (size.y - line) * 0.5f),
                ImGui::GetColorU32(ImGuiCol_Text), last_text.c_str());
  if (hovered) {
    std::string scores;
    for (const core::PastScore& s : bank.scores) {
      scores += (scores.empty() ? "" : " ") + core::PercentText(score(s));
    }
    ImGui::SetTooltip("%s: %zu session%s, oldest first: %s", bank.title.c_str(), n,
                      n == 1 ? "" : "s", scores.c_str());
  }
}

void DrawHistory(const core::ReadinessScreen& screen, const ViewContext& ctx) {
  SectionHeading(ctx, "Score history");
  const std::vector<const core::BankHistory*> banks = screen.BanksWithSessions();
  if (banks.empty()) {
    TextColoredWrapped(ctx.palette.muted, "No sessions yet: each quiz you take becomes a point here.");
    return;
  }
  TextColoredWrapped(ctx.palette.muted,
                     "Share right per session, oldest to newest (unanswered questions count as "
                     "missed); the last session's score at the right.");
  const float name_width = std::min(ImGui::GetContentRegionAvail().x * 0.4f,
                                    ImGui::CalcTextSize("Promoting between stages (lesson)").x);
  for (std::size_t i = 0; i < banks.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    DrawSparkline(*banks[i], name_width, ctx);
    ImGui::PopID();
  }
}

void DrawForecast(const core::ReadinessScreen& screen, const ViewContext& ctx) {
  const core::Readiness& r = screen.readiness();
  SectionHeading(ctx, "Reviews coming due");
  TextColoredWrapped(ctx.palette.muted, "Questions due each day for the next week; today's include "
                                        "every overdue one.");
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, line * 8.0f);
  ImGui::InvisibleButton("forecast", size);
  const int scale = screen.ForecastScale();
  const float top = at.y + line * 1.2f, bottom = at.y + size.y - line * 1.4f;
  const float slot = size.x / static_cast<float>(r.forecast.size());
  const float bar = std::min(slot * 0.6f, line * 3.0f);
  draw->AddLine(ImVec2(at.x, bottom), ImVec2(at.x + size.x, bottom),
                ImGui::GetColorU32(ImGuiCol_Separator));
  for (std::size_t i = 0; i < r.forecast.size(); ++i) {
    const core::ForecastDay& day = r.forecast[i];
    const float centre = at.x + slot * (static_cast<float>(i) + 0.5f);
    const float height = (bottom - top) * static_cast<float>(day.due) / static_cast<float>(scale);
    if (day.due > 0) {
      draw->AddRectFilled(ImVec2(centre - bar * 0.5f, bottom - height),
                          ImVec2(centre + bar * 0.5f, bottom),
                          ImGui::GetColorU32(i == 0 ? ctx.palette.warn : ctx.palette.accent),
                          style.FrameRounding, ImDrawFlags_RoundCornersTop);
    }
    const std::string count = std::to_string(day.due);
    const ImVec2 count_size = ImGui::CalcTextSize(count.c_str());
    draw->AddText(ImVec2(centre - count_size.x * 0.5f, bottom - height - count_size.y - 2),
                  ImGui::GetColorU32(day.due > 0 ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                                 : ctx.palette.muted),
                  count.c_str());
    const std::string name = core::ForecastDayName(day, r.utc_offset_seconds);
    const ImVec2 name_size = ImGui::CalcTextSize(name.c_str());
    draw->AddText(ImVec2(centre - name_size.x * 0.5f, bottom + line * 0.3f),
                  ImGui::GetColorU32(ctx.palette.muted), name.c_str());
  }
  ImGui::TextColored(ctx.palette.muted, "Later than that: %d", r.due_later);
}

}  // namespace

void DrawReadiness(core::Tutor& tutor, const core::ReadinessScreen& screen, ViewContext& ctx) {
  const core::Readiness& r = screen.readiness();
  ScreenTitle(ctx, "Readiness",
              "Where you stand for an interview: what you get right, how well you judge it, and "
              "what to review next.");
  if (!screen.problem().empty()) TextColoredWrapped(ctx.palette.warn, screen.problem());
  if (r.heat_total.due > 0) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ctx.palette.warn, "%d question%s due for review now.", r.heat_total.due,
                       r.heat_total.due == 1 ? " is" : "s are");
    ImGui::SameLine();
    if (ImGui::Button("Review now")) {
      if (engine::Status s = tutor.StartReview(); !s.ok()) tutor.Notify(s.message());
    }
  }
  if (!ImGui::BeginTable("readiness", 2, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("left", ImGuiTableColumnFlags_WidthStretch, 1.25f);
  ImGui::TableSetupColumn("right", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  DrawHeatmap(r, ctx);
  ImGui::TableNextColumn();
  DrawCalibration(r, ctx);
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  DrawHistory(screen, ctx);
  ImGui::TableNextColumn();
  DrawForecast(screen, ctx);
  ImGui::EndTable();
}

}  // namespace stagecraft::views
