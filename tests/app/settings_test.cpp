#include "core/settings.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "temp_dir.h"

namespace stagecraft::core {
namespace {

using testing::TempDir;

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("settings: a missing file is the defaults, with no problem") {
  TempDir dir;
  LoadedSettings loaded = LoadSettings((dir.path / "none.json").string());
  CHECK(loaded.settings == Settings{});
  CHECK(loaded.problems.empty());
}

TEST_CASE("settings: saved settings read back the same, and the folder is created") {
  TempDir dir;
  const std::string path = (dir.path / "deep/er/settings.json").string();
  Settings settings;
  settings.theme = Theme::kLight;
  settings.font_scale = 1.5f;
  settings.reduced_motion = true;
  settings.predict_every_step = true;
  settings.window_width = 1600;
  settings.window_height = 900;
  REQUIRE(SaveSettings(settings, path).ok());
  LoadedSettings loaded = LoadSettings(path);
  CHECK(loaded.problems.empty());
  CHECK(loaded.settings == settings);
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST_CASE("settings: a bad value keeps its default, names the file and field, the rest apply") {
  TempDir dir;
  const std::string path = dir.Write(
      "settings.json",
      R"({"theme": "light", "font_scale": 9, "reduced_motion": "yes", "window_width": 1500})");
  LoadedSettings loaded = LoadSettings(path);
  CHECK(loaded.settings.theme == Theme::kLight);
  CHECK(loaded.settings.window_width == 1500);
  CHECK(loaded.settings.font_scale == 1.0f);
  CHECK_FALSE(loaded.settings.reduced_motion);
  REQUIRE(loaded.problems.size() == 2);
  CHECK(loaded.problems[0] == path + ": font_scale: must be a number from 0.75 to 2.5; using 1");
  CHECK(loaded.problems[1] == path + ": reduced_motion: must be true or false; using 0");
}

TEST_CASE("settings: a file that is not a JSON object is the defaults and one problem") {
  TempDir dir;
  const std::string path = dir.Write("settings.json", "{ theme: dark");
  LoadedSettings loaded = LoadSettings(path);
  CHECK(loaded.settings == Settings{});
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems[0] == path + ": not a JSON object; using the default settings");
}

TEST_CASE("settings: an unknown theme is reported and dark is used") {
  TempDir dir;
  const std::string path = dir.Write("settings.json", R"({"theme": "solarized"})");
  LoadedSettings loaded = LoadSettings(path);
  CHECK(loaded.settings.theme == Theme::kDark);
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems[0].find("theme: must be \"dark\" or \"light\"") != std::string::npos);
}

TEST_CASE("settings: a save that cannot write leaves the old file as it was") {
  TempDir dir;
  const std::string path = dir.Write("settings.json", R"({"theme": "light"})");
  // The temporary file's name is taken by a folder, so the write fails before the rename.
  std::filesystem::create_directory(path + ".tmp");
  Settings settings;
  engine::Status saved = SaveSettings(settings, path);
  CHECK_FALSE(saved.ok());
  CHECK(saved.message().find(path + ".tmp") != std::string::npos);
  CHECK(Slurp(path) == R"({"theme": "light"})");
}

TEST_CASE("settings: the config folder follows XDG_CONFIG_HOME, ignoring a relative one") {
  const char* old_xdg = std::getenv("XDG_CONFIG_HOME");
  const std::string saved = old_xdg != nullptr ? old_xdg : "";
  setenv("XDG_CONFIG_HOME", "/tmp/xdg-config", 1);
  CHECK(ConfigFolder() == "/tmp/xdg-config/stagecraft");
  CHECK(DefaultSettingsPath() == "/tmp/xdg-config/stagecraft/settings.json");
  setenv("XDG_CONFIG_HOME", "relative/config", 1);
  const char* home = std::getenv("HOME");
  CHECK(ConfigFolder() == std::string(home != nullptr ? home : ".") + "/.config/stagecraft");
  if (old_xdg != nullptr) {
    setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
  } else {
    unsetenv("XDG_CONFIG_HOME");
  }
}

}  // namespace
}  // namespace stagecraft::core
