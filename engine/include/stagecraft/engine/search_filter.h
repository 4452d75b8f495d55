#pragma once
// SearchFilter: the small language of Registry::SearchVersions.
//
//   filter  := clause ( AND clause )*            (AND in any case; an empty filter matches all)
//   clause  := field op value
//   field   := name | stage | run_id | source | version | alias
//            | tags.KEY | metrics.KEY | KEY       (a bare KEY is a metric: accuracy > 0.9)
//   op      := = | != | < | <= | > | >= | LIKE    (LIKE: % and _ wildcards, text fields only)
//   value   := 'text' | "text" | number           ('' inside quotes is a quote)
//
// Text fields compare as text and need a quoted value; version and metrics need a number. `stage`
// values are canonicalised by the registry ('production' matches Production). A version without
// the named metric or tag does not match any comparison on it.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "stagecraft/engine/status.h"

namespace stagecraft::engine {

enum class FilterField { kName, kStage, kRunId, kSource, kVersion, kAlias, kTag, kMetric };
enum class FilterOp { kEq, kNe, kLt, kLe, kGt, kGe, kLike };

// One comparison. `key` is the tag or metric name for kTag and kMetric, empty otherwise.
struct FilterClause {
  FilterField field = FilterField::kName;
  std::string key;
  FilterOp op = FilterOp::kEq;
  std::variant<std::string, double> value;
};

// Clauses that must all hold.
struct SearchFilter {
  std::vector<FilterClause> clauses;
};

// Parses `text`; a mistake fails with kInvalidArgument naming the column and what was expected,
// e.g. "filter column 10: expected a quoted value for run_id, found 42".
Result<SearchFilter> ParseSearchFilter(std::string_view text);

// The operator as written in a filter ("=", "LIKE").
const char* FilterOpText(FilterOp op);

}  // namespace stagecraft::engine
