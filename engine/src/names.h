#pragma once
// Validation and quoting of the names people give things: models, stages, aliases, tags.

#include <string>
#include <string_view>

#include "stagecraft/engine/status.h"

namespace stagecraft::engine {

inline constexpr std::size_t kMaxModelNameLength = 256;
inline constexpr std::size_t kMaxStageNameLength = 64;
inline constexpr std::size_t kMaxAliasLength = 256;
inline constexpr std::size_t kMaxTagKeyLength = 250;
inline constexpr std::size_t kMaxTextLength = 5000;  // descriptions, tag values, sources, comments

// 'churn' -> "'churn'", with control characters shown as escapes and long names shortened, so
// that a hostile name cannot break a one-line message.
std::string Quote(std::string_view name);

Status ValidateModelName(std::string_view name);
Status ValidateStageName(std::string_view name);
Status ValidateAlias(std::string_view alias);
// `what` is "tag" or "metric".
Status ValidateKey(std::string_view what, std::string_view key);
// `what` names the field in the message ("description", "source").
Status ValidateText(std::string_view what, std::string_view text);

// The shortest text that reads back as exactly `value`: 0.93, 12, 1e-05.
std::string NumberText(double value);

// ASCII case-insensitive equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace stagecraft::engine
