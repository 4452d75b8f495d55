#include "core/challenge_template.h"

#include <string_view>

#include "core/content_files.h"
#include "core/template_file.h"

namespace stagecraft::core {

// challenge_template.json, built in by CMake (challenge_template_text.cpp.in).
extern const std::string_view kChallengeTemplateText;

namespace {

// How the template file names its id; ChallengeTemplate puts the given id there.
constexpr std::string_view kTemplateId = R"("id": "new-challenge")";

}  // namespace

std::string ChallengeTemplate(const std::string& id) {
  std::string text(kChallengeTemplateText);
  if (const auto at = text.find(kTemplateId); at != std::string::npos) {
    text.replace(at, kTemplateId.size(), R"("id": ")" + id + "\"");
  }
  return text;
}

engine::Result<std::string> WriteNewChallenge(const std::string& folder,
                                              const std::string& schema) {
  return WriteTemplateFile(folder, "new-challenge", kChallengeFileSuffix, ChallengeTemplate,
                           schema);
}

}  // namespace stagecraft::core
