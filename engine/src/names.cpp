#include "names.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace stagecraft::engine {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

}  // namespace

std::string Quote(std::string_view name) {
  constexpr std::size_t kShown = 80;
  std::string out = "'";
  std::size_t shown = 0;
  for (char c : name) {
    if (shown++ == kShown) {
      out += "...";
      break;
    }
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

std::string NumberText(double value) {
  char buf[32];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

Status ValidateModelName(std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("a model name cannot be empty");
  if (name.size() > kMaxModelNameLength) {
    return Status::InvalidArgument("model name " + Quote(name) + " is " +
                                   std::to_string(name.size()) + " characters long; at most " +
                                   std::to_string(kMaxModelNameLength) + " are allowed");
  }
  return Status::Ok();
}

Status ValidateStageName(std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("a stage name cannot be empty");
  if (name.size() > kMaxStageNameLength) {
    return Status::InvalidArgument("stage name " + Quote(name) + " is longer than " +
                                   std::to_string(kMaxStageNameLength) + " characters");
  }
  if (!std::isalpha(static_cast<unsigned char>(name[0]))) {
    return Status::InvalidArgument("stage name " + Quote(name) + " must start with a letter");
  }
  for (char c : name) {
    if (!IsWordChar(c)) {
      return Status::InvalidArgument("stage name " + Quote(name) +
                                     " may contain only letters, digits, '_' and '-'");
    }
  }
  return Status::Ok();
}

Status ValidateAlias(std::string_view alias) {
  if (alias.empty()) return Status::InvalidArgument("an alias cannot be empty");
  if (alias.size() > kMaxAliasLength) {
    return Status::InvalidArgument("alias " + Quote(alias) + " is longer than " +
                                   std::to_string(kMaxAliasLength) + " characters");
  }
  for (char c : alias) {
    if (!IsWordChar(c)) {
      return Status::InvalidArgument("alias " + Quote(alias) +
                                     " may contain only letters, digits, '_' and '-'");
    }
  }
  if (EqualsIgnoreCase(alias, "latest")) {
    return Status::InvalidArgument("alias 'latest' is reserved: models:/NAME/latest already "
                                   "means the highest version");
  }
  if ((alias[0] == 'v' || alias[0] == 'V') && alias.size() > 1 &&
      alias.find_first_not_of("0123456789", 1) == std::string_view::npos) {
    return Status::InvalidArgument("alias " + Quote(alias) +
                                   " is reserved: v<number> would be read as a version");
  }
  return Status::Ok();
}

Status ValidateKey(std::string_view what, std::string_view key) {
  if (key.empty()) return Status::InvalidArgument(std::string("a ") + std::string(what) +
                                                  " key cannot be empty");
  if (key.size() > kMaxTagKeyLength) {
    return Status::InvalidArgument(std::string(what) + " key " + Quote(key) + " is longer than " +
                                   std::to_string(kMaxTagKeyLength) + " characters");
  }
  for (char c : key) {
    if (!(IsWordChar(c) || c == '.' || c == '/' || c == ' ')) {
      return Status::InvalidArgument(std::string(what) + " key " + Quote(key) +
                                     " may contain only letters, digits, '_', '-', '.', '/' "
                                     "and spaces");
    }
  }
  return Status::Ok();
}

Status ValidateText(std::string_view what, std::string_view text) {
  if (text.size() > kMaxTextLength) {
    return Status::InvalidArgument(std::string(what) + " is " + std::to_string(text.size()) +
                                   " characters long; at most " + std::to_string(kMaxTextLength) +
                                   " are allowed");
  }
  return Status::Ok();
}

}  // namespace stagecraft::engine
