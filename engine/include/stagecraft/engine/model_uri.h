#pragma once
// ModelUri: the models:/ URIs that name a version without knowing its number.
//
//   models:/NAME/3          version 3
//   models:/NAME/Production the highest version in that stage (any spelling of the stage)
//   models:/NAME/latest     the highest version
//   models:/NAME@champion   the version the alias points at
//
// NAME may itself contain '/' or '@': the last '@' (when no '/' follows it) or else the last '/'
// separates it from the reference.

#include <cstdint>
#include <string>
#include <string_view>

#include "stagecraft/engine/status.h"

namespace stagecraft::engine {

struct ModelUri {
  enum class Kind { kVersion, kStage, kLatest, kAlias };
  std::string model_name;
  Kind kind = Kind::kVersion;
  std::int64_t version = 0;  // for kVersion
  std::string reference;     // the stage or alias as written, for kStage and kAlias
};

// Parses a models:/ URI; kInvalidArgument naming the URI and the expected forms otherwise.
Result<ModelUri> ParseModelUri(std::string_view uri);

}  // namespace stagecraft::engine
