// The desktop window from outside, as a user and a script meet it: without a display, with a bad
// link, and every scene rendered to a PNG under a virtual display (Xvfb, one per test).

#include <doctest/doctest.h>
#include <stb_image.h>

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../app/piped_run.h"
#include "../app/temp_dir.h"

#ifndef STAGECRAFT_ON_DISPLAY
#error "STAGECRAFT_ON_DISPLAY must name tests/gui/on_display.sh"
#endif

namespace stagecraft::testing {
namespace {

// `stagecraft ARGS` under a virtual 1280x800 display.
PipedRun RunOnDisplay(const std::string& args, const TempDir& dir, const std::string& env = "") {
  const std::string on_display =
      std::string("'") + STAGECRAFT_ON_DISPLAY + "' '" + STAGECRAFT_EXE + "' ";
  return RunShell("env HOME='" + dir.path.string() + "' XDG_DATA_HOME='" +
                  (dir.path / "data").string() + "' XDG_CONFIG_HOME='" +
                  (dir.path / "config").string() + "' " + env + " " + on_display + args +
                  " < /dev/null 2>&1");
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The PNG's size and how many distinct colours it has (a blank or black frame has one).
struct Picture {
  int width = 0, height = 0, colours = 0;
};

Picture Look(const std::string& path) {
  Picture picture;
  int channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &picture.width, &picture.height, &channels, 3);
  REQUIRE_MESSAGE(pixels != nullptr, "not a readable PNG: " << path);
  std::set<unsigned> colours;
  for (int i = 0; i < picture.width * picture.height; i += 7) {
    const unsigned char* p = pixels + i * 3;
    colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
  }
  stbi_image_free(pixels);
  picture.colours = static_cast<int>(colours.size());
  return picture;
}

TEST_CASE("without a display it says so in one line, names xvfb-run and the terminal") {
  TempDir dir;
  PipedRun run = RunPiped("gui", "", dir.path, "DISPLAY= WAYLAND_DISPLAY=");
  CHECK(run.exit_code == 1);
  REQUIRE(Lines(run.out).size() == 1);
  CHECK(run.out.rfind("error: cannot open the window (", 0) == 0);
  CHECK(run.out.find("xvfb-run -a stagecraft gui") != std::string::npos);
  CHECK(run.out.find("stagecraft demo") != std::string::npos);
  CHECK(run.out.find("stagecraft quiz") != std::string::npos);
}

TEST_CASE("a bad link or scene is a usage error before any window opens") {
  TempDir dir;
  PipedRun link = RunPiped("gui --open lesson:", "", dir.path, "DISPLAY=");
  CHECK(link.exit_code == 2);
  CHECK(link.out.find("--open 'lesson:': the id is missing") != std::string::npos);

  PipedRun unknown = RunPiped("gui --open lesson:nope", "", dir.path, "DISPLAY=");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out.find("no lesson 'nope'; the lessons are ") != std::string::npos);

  PipedRun scene = RunPiped("gui --screenshot x.png --scene nope", "", dir.path, "DISPLAY=");
  CHECK(scene.exit_code == 2);
  CHECK(scene.out == "error: no scene 'nope'; `stagecraft gui --list-scenes` names them\n");

  PipedRun no_file = RunPiped("gui --scene home", "", dir.path, "DISPLAY=");
  CHECK(no_file.exit_code == 2);
}

TEST_CASE("--list-scenes names every scene the README's pictures come from") {
  TempDir dir;
  PipedRun run = RunPiped("gui --list-scenes", "", dir.path);
  REQUIRE(run.exit_code == 0);
  const std::vector<std::string> names = Lines(run.out);
  const std::set<std::string> listed(names.begin(), names.end());
  CHECK(listed.size() == names.size());
  for (const char* wanted :
       {"home", "lesson-why", "lesson-deep-dive", "walkthrough-start", "walkthrough-step",
        "walkthrough-predict", "quiz-question", "quiz-feedback", "quiz-exam", "quiz-results",
        "settings-light"}) {
    CHECK_MESSAGE(listed.count(wanted) == 1, wanted);
  }
}

TEST_CASE("every scene renders a 1280x800 picture with something on it") {
  TempDir dir;
  PipedRun list = RunPiped("gui --list-scenes", "", dir.path);
  REQUIRE(list.exit_code == 0);
  for (const std::string& scene : Lines(list.out)) {
    CAPTURE(scene);
    const std::string png = (dir.path / (scene + ".png")).string();
    PipedRun run = RunOnDisplay("gui --screenshot '" + png + "' --scene " + scene, dir);
    CHECK_MESSAGE(run.exit_code == 0, run.out);
    CHECK(run.out.empty());
    Picture picture = Look(png);
    CHECK(picture.width == 1280);
    CHECK(picture.height == 800);
    CHECK(picture.colours > 20);  // text, panels, highlights: not a blank frame
  }
}

TEST_CASE("without its fonts the window still draws, with ImGui's own") {
  TempDir dir;
  const std::string png = (dir.path / "home.png").string();
  PipedRun run = RunOnDisplay("gui --screenshot '" + png + "' --scene home", dir,
                              "STAGECRAFT_FONTS='" + (dir.path / "no-fonts").string() + "'");
  CHECK_MESSAGE(run.exit_code == 0, run.out);
  CHECK(Look(png).colours > 5);
}

TEST_CASE("a screenshot that cannot be written is an error naming the file") {
  TempDir dir;
  const std::string png = (dir.path / "missing-folder/home.png").string();
  PipedRun run = RunOnDisplay("gui --screenshot '" + png + "' --scene home", dir);
  CHECK(run.exit_code == 1);
  CHECK(run.out == "error: cannot write the screenshot " + png + "\n");
}

TEST_CASE("a broken content file and an unusable progress file are shown, not fatal") {
  TempDir dir;
  dir.Write("data/stagecraft/quizzes/broken.json", "{\"id\": \"broken\", \"questions\": [");
  // The progress file's name is taken by a folder.
  std::filesystem::create_directories(dir.path / "data/stagecraft/progress.db");
  const std::string state = (dir.path / "state.json").string();
  PipedRun run = RunOnDisplay("gui --open lesson:rollback-and-aliases --frames 3 --state-file '" +
                                  state + "'",
                              dir);
  CHECK_MESSAGE(run.exit_code == 0, run.out);
  std::ifstream in(state);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("\"screen\":\"lesson\"") != std::string::npos);
  CHECK(text.find("\"files_with_problems\":1") != std::string::npos);
  CHECK(text.find("progress.db") != std::string::npos);
}

TEST_CASE("the committed icon is the one the code draws") {
  TempDir dir;
  const std::string png = (dir.path / "icon.png").string();
  PipedRun run = RunPiped("gui --write-icon '" + png + "'", "", dir.path);
  REQUIRE(run.exit_code == 0);
  Picture drawn = Look(png);
  Picture committed = Look(STAGECRAFT_ICON);
  CHECK(drawn.width == 256);
  CHECK(drawn.height == 256);
  CHECK(committed.width == drawn.width);
  CHECK(committed.colours == drawn.colours);
  std::ifstream a(png, std::ios::binary), b(STAGECRAFT_ICON, std::ios::binary);
  const std::string da((std::istreambuf_iterator<char>(a)), std::istreambuf_iterator<char>());
  const std::string db((std::istreambuf_iterator<char>(b)), std::istreambuf_iterator<char>());
  CHECK_MESSAGE(da == db, "regenerate it: stagecraft gui --write-icon assets/stagecraft.png");
}

}  // namespace
}  // namespace stagecraft::testing
