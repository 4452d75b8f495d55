#pragma once
// TutorWindow: the desktop window — a GLFW window with an OpenGL 3.3 core context, Dear ImGui
// over it, and the Tutor drawn by the views each frame. It draws only when something changed:
// input, a resize, or a view asking for a frame (an animation, a countdown); otherwise it sleeps
// in glfwWaitEventsTimeout, so an idle window uses next to no CPU.

#include <memory>
#include <optional>
#include <string>

#include "core/tutor.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::platform {

struct WindowOptions {
  int width = 0, height = 0;  // 0: the size saved in the settings
  bool visible = true;
  bool save_size = true;       // remember the size in the settings when closed
  std::string state_file;      // when set, Tutor::StateJson() is written here whenever it changes
  bool ignore_mouse = false;   // the pointer is nowhere (screenshots: no hover by accident)
};

class TutorWindow {
 public:
  // Opens the window over `tutor`. Fails with a one-line message when there is no display or no
  // OpenGL 3.3 (the message names xvfb-run and the terminal commands).
  static engine::Result<std::unique_ptr<TutorWindow>> Open(core::Tutor tutor,
                                                           const WindowOptions& options);
  ~TutorWindow();
  TutorWindow(const TutorWindow&) = delete;
  TutorWindow& operator=(const TutorWindow&) = delete;

  core::Tutor& tutor();

  // Draws one frame (without waiting for input) and shows it. When `png` is given, the frame is
  // also written there as a PNG before it is shown.
  engine::Status DrawFrame(const std::string* png = nullptr);
  // Runs until the window is closed, drawing only when something changed.
  void Run();
  // Asks Run to close the window as Ctrl+Q does; safe to call from any thread.
  void RequestClose();

  // Seconds the last DrawFrame spent building and rendering the frame (not waiting).
  double last_frame_seconds() const;

 private:
  struct Impl;
  explicit TutorWindow(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stagecraft::platform
