#include "stagecraft/engine/model_uri.h"

#include <charconv>

#include "names.h"

namespace stagecraft::engine {
namespace {

constexpr std::string_view kScheme = "models:/";

Status BadUri(std::string_view uri, std::string_view why) {
  return Status::InvalidArgument(
      "invalid model URI " + Quote(uri) + ": " + std::string(why) +
      " (expected models:/NAME/VERSION, models:/NAME/STAGE, models:/NAME/latest or "
      "models:/NAME@ALIAS)");
}

}  // namespace

Result<ModelUri> ParseModelUri(std::string_view uri) {
  if (uri.substr(0, kScheme.size()) != kScheme) return BadUri(uri, "it does not start with models:/");
  std::string_view rest = uri.substr(kScheme.size());
  ModelUri parsed;
  auto at = rest.rfind('@');
  if (at != std::string_view::npos && rest.find('/', at) == std::string_view::npos) {
    parsed.kind = ModelUri::Kind::kAlias;
    parsed.model_name = std::string(rest.substr(0, at));
    parsed.reference = std::string(rest.substr(at + 1));
    if (parsed.reference.empty()) return BadUri(uri, "the alias after '@' is empty");
  } else {
    auto slash = rest.rfind('/');
    if (slash == std::string_view::npos) return BadUri(uri, "it names no version, stage or alias");
    parsed.model_name = std::string(rest.substr(0, slash));
    std::string_view ref = rest.substr(slash + 1);
    if (ref.empty()) return BadUri(uri, "the part after the last '/' is empty");
    if (ref.find_first_not_of("0123456789") == std::string_view::npos) {
      parsed.kind = ModelUri::Kind::kVersion;
      auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), parsed.version);
      if (ec != std::errc() || end != ref.data() + ref.size() || parsed.version < 1) {
        return BadUri(uri, "version " + std::string(ref) + " is not a positive number");
      }
    } else if (EqualsIgnoreCase(ref, "latest")) {
      parsed.kind = ModelUri::Kind::kLatest;
    } else {
      parsed.kind = ModelUri::Kind::kStage;
      parsed.reference = std::string(ref);
    }
  }
  if (parsed.model_name.empty()) return BadUri(uri, "the model name is empty");
  return parsed;
}

}  // namespace stagecraft::engine
