#include "core/settings.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

namespace stagecraft::core {

using engine::Status;
using nlohmann::json;

const char* ThemeName(Theme theme) { return theme == Theme::kLight ? "light" : "dark"; }

std::string ConfigFolder() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/stagecraft";
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr && home[0] != '\0' ? home : ".") + "/.config/stagecraft";
}

std::string DefaultSettingsPath() { return ConfigFolder() + "/settings.json"; }

namespace {

// Reads one member into `out` when it is there and acceptable; reports it otherwise.
template <typename T, typename Check>
void Read(const json& doc, const char* key, T& out, const char* expected, Check ok,
          const std::string& path, std::vector<std::string>& problems) {
  auto it = doc.find(key);
  if (it == doc.end()) return;
  bool usable = false;
  T value{};
  if constexpr (std::is_same_v<T, bool>) {
    usable = it->is_boolean();
    if (usable) value = it->template get<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    usable = it->is_number_integer();
    if (usable) value = it->template get<T>();
  } else {
    usable = it->is_number();
    if (usable) value = it->template get<T>();
  }
  if (usable && ok(value)) {
    out = value;
  } else {
    problems.push_back(path + ": " + key + ": must be " + expected + "; using " +
                       (std::ostringstream() << out).str());
  }
}

}  // namespace

LoadedSettings LoadSettings(const std::string& path) {
  LoadedSettings loaded;
  std::ifstream in(path, std::ios::binary);
  if (!in) return loaded;  // no settings yet
  std::stringstream text;
  text << in.rdbuf();
  json doc = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    loaded.problems.push_back(path + ": not a JSON object; using the default settings");
    return loaded;
  }
  Settings& s = loaded.settings;
  auto& problems = loaded.problems;
  if (auto it = doc.find("theme"); it != doc.end()) {
    if (*it == "dark") {
      s.theme = Theme::kDark;
    } else if (*it == "light") {
      s.theme = Theme::kLight;
    } else {
      problems.push_back(path + ": theme: must be \"dark\" or \"light\"; using dark");
    }
  }
  Read(doc, "font_scale", s.font_scale, "a number from 0.75 to 2.5",
       [](float v) { return v >= kMinFontScale && v <= kMaxFontScale; }, path, problems);
  Read(doc, "reduced_motion", s.reduced_motion, "true or false", [](bool) { return true; }, path,
       problems);
  Read(doc, "predict_every_step", s.predict_every_step, "true or false",
       [](bool) { return true; }, path, problems);
  Read(doc, "window_width", s.window_width, "a whole number from 640 to 16384",
       [](int v) { return v >= 640 && v <= 16384; }, path, problems);
  Read(doc, "window_height", s.window_height, "a whole number from 480 to 16384",
       [](int v) { return v >= 480 && v <= 16384; }, path, problems);
  return loaded;
}

Status SaveSettings(const Settings& s, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      return Status::Storage("cannot create " + target.parent_path().string() + ": " +
                             ec.message());
    }
  }
  json doc = {{"theme", ThemeName(s.theme)},
              {"font_scale", s.font_scale},
              {"reduced_motion", s.reduced_motion},
              {"predict_every_step", s.predict_every_step},
              {"window_width", s.window_width},
              {"window_height", s.window_height}};
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << doc.dump(2) << "\n";
    out.flush();
    if (!out) {
      out.close();
      fs::remove(temp, ec);
      return Status::Storage("cannot write " + temp);
    }
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    return Status::Storage("cannot replace " + path + ": " + ec.message());
  }
  return Status::Ok();
}

}  // namespace stagecraft::core
