#include "platform/gui_command.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "core/deep_link.h"
#include "core/scenes.h"
#include "core/tutor.h"
#include "platform/icon.h"
#include "platform/stop_signals.h"
#include "platform/window.h"

namespace stagecraft::platform {

namespace {

struct GuiFlags {
  std::string open;
  std::string registry;  // the sandbox plays on a copy of this registry file
  std::string level = "mixed";
  int count = 10;
  std::optional<std::uint64_t> seed;
  int exam = 0;
  std::string screenshot;
  std::string scene;
  bool list_scenes = false;
  std::string state_file;
  int width = 0, height = 0;
  int frames = 0;  // > 0: draw this many frames and exit
  std::string write_icon;  // write the icon as a PNG and exit
};

int Fail(commands::CommandIo& io, const std::string& message, int code = commands::kExitEngineError) {
  io.err += "error: " + message + "\n";
  return code;
}

int ListScenes(commands::CommandIo& io) {
  for (const core::Scene& scene : core::Scenes()) io.out += std::string(scene.name) + "\n";
  return commands::kExitOk;
}

// Renders `flags.scene` (or the --open link, on the learner's own data) to `flags.screenshot`.
int Screenshot(const GuiFlags& flags, commands::CommandIo& io) {
  core::SceneClock clock;
  std::optional<core::Tutor> tutor;
  if (!flags.scene.empty()) {
    const core::Scene* scene = core::FindScene(flags.scene);
    if (scene == nullptr) {
      return Fail(io, "no scene '" + flags.scene + "'; `stagecraft gui --list-scenes` names them",
                  commands::kExitUsage);
    }
    tutor.emplace(core::Tutor::Open(core::SceneTutorOptions(core::DefaultContentFolders(), clock)));
    if (engine::Status s = scene->set_up(*tutor, clock); !s.ok()) {
      return Fail(io, "scene '" + flags.scene + "': " + s.message());
    }
  } else {
    return Fail(io, "--screenshot needs --scene NAME", commands::kExitUsage);
  }
  WindowOptions options;
  options.width = flags.width > 0 ? flags.width : 1280;
  options.height = flags.height > 0 ? flags.height : 800;
  options.save_size = false;
  options.ignore_mouse = true;
  auto window = TutorWindow::Open(std::move(*tutor), options);
  if (!window.ok()) return Fail(io, window.status().message());
  // New ImGui windows are hidden on their first frame, and tables and tabs settle over the next
  // ones: draw a few before the one that is kept.
  for (int i = 0; i < 4; ++i) (void)(*window)->DrawFrame();
  if (engine::Status s = (*window)->DrawFrame(&flags.screenshot); !s.ok()) {
    return Fail(io, s.message());
  }
  return commands::kExitOk;
}

int Open(const GuiFlags& flags, commands::CommandIo& io) {
  // Before any thread starts (the OpenGL driver's), so that all of them leave the stop signals
  // to the waiter.
  StopSignals signals;
  core::Tutor tutor = core::Tutor::Open(core::DefaultTutorOptions());
  if (!flags.open.empty()) {
    auto link = core::ParseDeepLink(flags.open);
    if (!link.ok()) return Fail(io, link.status().message(), commands::kExitUsage);
    core::QuizSetup quiz;
    quiz.level = flags.level;
    quiz.count = flags.count;
    quiz.seed = flags.seed;
    quiz.exam_minutes = flags.exam;
    if (engine::Status s = tutor.OpenLink(*link, quiz); !s.ok()) {
      return Fail(io, "--open " + flags.open + ": " + s.message(), commands::kExitUsage);
    }
  }
  if (!flags.registry.empty()) {
    if (engine::Status s = tutor.OpenSandboxFile(flags.registry); !s.ok()) {
      return Fail(io, "--registry " + flags.registry + ": " + s.message());
    }
  }
  WindowOptions options;
  options.width = flags.width;
  options.height = flags.height;
  options.state_file = flags.state_file;
  auto window = TutorWindow::Open(std::move(tutor), options);
  if (!window.ok()) return Fail(io, window.status().message());
  if (flags.frames > 0) {
    for (int i = 0; i < flags.frames; ++i) (void)(*window)->DrawFrame();
    return commands::kExitOk;
  }
  TutorWindow* open = window->get();
  std::atomic<bool> signalled{false};
  signals.Start([open, &signalled] {
    signalled = true;
    open->RequestClose();
  });
  open->Run();
  signals.Stop();  // before the window it would close goes
  // A signal cannot wait for the question Ctrl+Q asks: at least say what was not saved.
  const core::SandboxScreen* sandbox = open->tutor().sandbox();
  if (signalled && sandbox != nullptr && sandbox->HasUnsavedChanges()) {
    io.err += "stagecraft: closed by a signal; the sandbox's changes to " + sandbox->file() +
              " were not saved\n";
  }
  return commands::kExitOk;
}

}  // namespace

commands::HostCommand GuiCommand() {
  return {"gui", "Open the desktop window (lessons, walkthroughs, quizzes).",
          [](CLI::App& command) {
            auto flags = std::make_shared<GuiFlags>();
            command.add_option("--open", flags->open,
                               "lesson:ID[:MODE] walkthrough:ID quiz:ID challenge:ID challenges "
                               "sandbox author home settings");
            command.add_option("--registry", flags->registry,
                               "open the sandbox on a copy of this registry file (Save writes "
                               "to it)");
            command.add_option("--level", flags->level, "with quiz:ID: the questions' level")
                ->check(CLI::IsMember({"easy", "medium", "hard", "mixed"}));
            command.add_option("--count", flags->count, "with quiz:ID: how many questions")
                ->check(CLI::Range(1, 1000));
            command.add_option("--seed", flags->seed, "with quiz:ID: same seed, same order");
            command.add_option("--exam", flags->exam,
                               "with quiz:ID: a timed exam of N minutes")
                ->check(CLI::Range(1, 600));
            command.add_option("--screenshot", flags->screenshot,
                               "render --scene to this PNG file and exit");
            command.add_option("--scene", flags->scene, "the scene to render (see --list-scenes)");
            command.add_flag("--list-scenes", flags->list_scenes, "print the scene names and exit");
            command.add_option("--state-file", flags->state_file,
                               "write the screen's state (JSON) here on change");
            command.add_option("--width", flags->width, "window width in pixels")
                ->check(CLI::Range(640, 16384));
            command.add_option("--height", flags->height, "window height in pixels")
                ->check(CLI::Range(480, 16384));
            command.add_option("--frames", flags->frames,
                               "draw N frames and exit (benchmarks)")
                ->check(CLI::Range(1, 100000));
            command.add_option("--write-icon", flags->write_icon,
                               "write the 256x256 icon (PNG) and exit");
            return [flags](commands::CommandIo& io) {
              if (flags->list_scenes) return ListScenes(io);
              if (!flags->write_icon.empty()) {
                engine::Status written = WriteIconPng(flags->write_icon, 256);
                return written.ok() ? commands::kExitOk : Fail(io, written.message());
              }
              if (!flags->screenshot.empty()) return Screenshot(*flags, io);
              if (!flags->scene.empty()) {
                return Fail(io, "--scene needs --screenshot FILE", commands::kExitUsage);
              }
              return Open(*flags, io);
            };
          }};
}

}  // namespace stagecraft::platform
