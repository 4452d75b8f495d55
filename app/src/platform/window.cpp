#include "platform/window.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "platform/fonts.h"
#include "platform/icon.h"
#include "platform/theme.h"
#include "views/screens.h"
#include "views/style.h"

namespace stagecraft::platform {

using engine::Result;
using engine::Status;

namespace {

// What GLFW last reported, for the message when it cannot start.
std::string g_glfw_error;
// Set by any input or window event; the loop then draws a few frames so ImGui settles.
bool g_had_event = false;

void OnGlfwError(int, const char* description) { g_glfw_error = description; }

void OnKey(GLFWwindow* w, int key, int scancode, int action, int mods) {
  g_had_event = true;
  ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
}
void OnChar(GLFWwindow* w, unsigned int c) {
  g_had_event = true;
  ImGui_ImplGlfw_CharCallback(w, c);
}
void OnMouseButton(GLFWwindow* w, int button, int action, int mods) {
  g_had_event = true;
  ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
}
void OnScroll(GLFWwindow* w, double x, double y) {
  g_had_event = true;
  ImGui_ImplGlfw_ScrollCallback(w, x, y);
}
void OnFocus(GLFWwindow* w, int focused) {
  g_had_event = true;
  ImGui_ImplGlfw_WindowFocusCallback(w, focused);
}
void OnCursorEnter(GLFWwindow* w, int entered) {
  g_had_event = true;
  ImGui_ImplGlfw_CursorEnterCallback(w, entered);
}
void OnCursorPos(GLFWwindow*, double, double) { g_had_event = true; }
void OnResize(GLFWwindow*, int, int) { g_had_event = true; }
void OnRefresh(GLFWwindow*) { g_had_event = true; }

std::string NoWindowMessage(const std::string& why) {
  return "cannot open the window (" + why +
         "); without a display run it under a virtual one: xvfb-run -a stagecraft gui, or "
         "learn in the terminal: stagecraft demo, stagecraft lesson ID, stagecraft quiz";
}

Status WritePng(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows start at the bottom; PNG's at the top.
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y) {
    std::copy_n(pixels.data() + (height - 1 - y) * row, row, flipped.data() + y * row);
  }
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // opaque
  if (stbi_write_png(path.c_str(), width, height, 4, flipped.data(), static_cast<int>(row)) ==
      0) {
    return Status::Storage("cannot write the screenshot " + path);
  }
  return Status::Ok();
}

}  // namespace

struct TutorWindow::Impl {
  core::Tutor tutor;
  WindowOptions options;
  GLFWwindow* window = nullptr;
  views::Fonts fonts;
  float scale = 1;           // font scale x content scale, as the fonts were built
  core::Settings applied;    // the settings the fonts and theme were built for
  std::string last_state;
  double wake_in = 0;
  int frames_left = 3;       // frames to draw before waiting for input again
  double last_frame_seconds = 0;
  bool imgui_context = false, glfw_backend = false, gl_backend = false;
  std::atomic<bool> close_requested{false};  // set by RequestClose, from any thread

  explicit Impl(core::Tutor t) : tutor(std::move(t)) {}

  ~Impl() {
    if (gl_backend) ImGui_ImplOpenGL3_Shutdown();
    if (glfw_backend) ImGui_ImplGlfw_Shutdown();
    if (imgui_context) ImGui::DestroyContext();
    if (window != nullptr) glfwDestroyWindow(window);
    glfwTerminate();
  }

  float ContentScale() const {
    float x = 1, y = 1;
    glfwGetWindowContentScale(window, &x, &y);
    return std::clamp(x, 1.0f, 4.0f);
  }

  // Builds the fonts and the style for the current settings when they changed.
  void ApplySettings(bool force) {
    const core::Settings& settings = tutor.settings();
    const float wanted = settings.font_scale * ContentScale();
    if (force || wanted != scale) {
      scale = wanted;
      if (gl_backend) ImGui_ImplOpenGL3_DestroyFontsTexture();
      std::string missing;
      fonts = LoadFonts(16.0f * scale, &missing);
      if (!missing.empty()) tutor.Notify("fonts not found, using ImGui's own: " + missing);
      if (gl_backend) ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    if (force || settings.theme != applied.theme || wanted != applied.font_scale) {
      ApplyTheme(settings.theme, scale);
    }
    applied = settings;
    applied.font_scale = wanted;
  }

  void WriteState() {
    if (options.state_file.empty()) return;
    std::string state = tutor.StateJson();
    if (state == last_state) return;
    last_state = state;
    const std::string temp = options.state_file + ".tmp";
    { std::ofstream(temp, std::ios::binary | std::ios::trunc) << state << "\n"; }
    std::error_code ec;
    std::filesystem::rename(temp, options.state_file, ec);
  }
};

TutorWindow::TutorWindow(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

TutorWindow::~TutorWindow() {
  if (impl_ && impl_->options.save_size && impl_->window != nullptr) {
    int width = 0, height = 0;
    glfwGetWindowSize(impl_->window, &width, &height);
    core::Settings settings = impl_->tutor.settings();
    if (width >= 640 && height >= 480 &&
        (width != settings.window_width || height != settings.window_height)) {
      settings.window_width = width;
      settings.window_height = height;
      impl_->tutor.ChangeSettings(settings);
    }
  }
}

Result<std::unique_ptr<TutorWindow>> TutorWindow::Open(core::Tutor tutor,
                                                       const WindowOptions& options) {
  glfwSetErrorCallback(OnGlfwError);
  if (glfwInit() == GLFW_FALSE) {
    return Status::FailedPrecondition(
        NoWindowMessage(g_glfw_error.empty() ? "no display" : g_glfw_error));
  }
  auto impl = std::make_unique<Impl>(std::move(tutor));
  impl->options = options;
  const core::Settings& settings = impl->tutor.settings();
  const int width = options.width > 0 ? options.width : settings.window_width;
  const int height = options.height > 0 ? options.height : settings.window_height;

  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  impl->window = glfwCreateWindow(width, height, "Stagecraft", nullptr, nullptr);
  if (impl->window == nullptr) {
    return Status::FailedPrecondition(NoWindowMessage(
        g_glfw_error.empty() ? "no OpenGL 3.3 context" : g_glfw_error));
  }
  glfwSetWindowSizeLimits(impl->window, 640, 480, GLFW_DONT_CARE, GLFW_DONT_CARE);
  {
    // The icon a window manager shows in its task bar, at the sizes they ask for most.
    constexpr int kSizes[] = {16, 32, 48, 64, 128};
    std::vector<std::vector<unsigned char>> pixels;
    std::vector<GLFWimage> images;
    for (int size : kSizes) pixels.push_back(DrawIcon(size));
    for (std::size_t i = 0; i < pixels.size(); ++i) {
      images.push_back(GLFWimage{kSizes[i], kSizes[i], pixels[i].data()});
    }
    glfwSetWindowIcon(impl->window, static_cast<int>(images.size()), images.data());
  }
  glfwMakeContextCurrent(impl->window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  impl->imgui_context = true;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the window's size is kept in the settings; nothing else persists
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

  // Our callbacks forward to ImGui's and note that something happened.
  glfwSetKeyCallback(impl->window, OnKey);
  glfwSetCharCallback(impl->window, OnChar);
  glfwSetMouseButtonCallback(impl->window, OnMouseButton);
  glfwSetScrollCallback(impl->window, OnScroll);
  glfwSetWindowFocusCallback(impl->window, OnFocus);
  glfwSetCursorEnterCallback(impl->window, OnCursorEnter);
  glfwSetCursorPosCallback(impl->window, OnCursorPos);
  glfwSetFramebufferSizeCallback(impl->window, OnResize);
  glfwSetWindowRefreshCallback(impl->window, OnRefresh);
  impl->glfw_backend = ImGui_ImplGlfw_InitForOpenGL(impl->window, false);
  impl->gl_backend = ImGui_ImplOpenGL3_Init("#version 330");
  if (!impl->glfw_backend || !impl->gl_backend) {
    return Status::FailedPrecondition(NoWindowMessage("Dear ImGui could not start on OpenGL 3.3"));
  }
  impl->ApplySettings(/*force=*/true);
  return std::unique_ptr<TutorWindow>(new TutorWindow(std::move(impl)));
}

core::Tutor& TutorWindow::tutor() { return impl_->tutor; }
double TutorWindow::last_frame_seconds() const { return impl_->last_frame_seconds; }

Status TutorWindow::DrawFrame(const std::string* png) {
  Impl& impl = *impl_;
  const auto started = std::chrono::steady_clock::now();
  impl.ApplySettings(/*force=*/false);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // A screenshot shows the screen, not where Xvfb's pointer happens to rest (a hovered row).
  if (impl.options.ignore_mouse) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  views::ViewContext ctx;
  ctx.fonts = impl.fonts;
  ctx.theme = impl.tutor.settings().theme;
  ctx.palette = views::PaletteFor(ctx.theme);
  ctx.scale = impl.scale;
  ctx.now = impl.tutor.Seconds();
  ctx.reduced_motion = impl.tutor.settings().reduced_motion;
  views::DrawTutor(impl.tutor, ctx);
  ImGui::Render();

  int width = 0, height = 0;
  glfwGetFramebufferSize(impl.window, &width, &height);
  glViewport(0, 0, width, height);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  Status written = png != nullptr ? WritePng(*png, width, height) : Status::Ok();
  glfwSwapBuffers(impl.window);

  impl.wake_in = ctx.wake_in;
  if (ctx.quit) glfwSetWindowShouldClose(impl.window, GLFW_TRUE);
  impl.WriteState();
  impl.last_frame_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return written;
}

void TutorWindow::RequestClose() {
  impl_->close_requested = true;
  glfwPostEmptyEvent();  // wakes glfwWaitEventsTimeout; GLFW allows it from any thread
}

void TutorWindow::Run() {
  Impl& impl = *impl_;
  while (glfwWindowShouldClose(impl.window) == GLFW_FALSE) {
    if (impl.close_requested) {
      glfwSetWindowShouldClose(impl.window, GLFW_TRUE);
      break;
    }
    if (impl.frames_left > 0 || impl.wake_in <= 0) {
      glfwPollEvents();
    } else {
      glfwWaitEventsTimeout(impl.wake_in);
    }
    // The window's close button asks first, as Ctrl+Q does, when the sandbox has unsaved changes.
    if (glfwWindowShouldClose(impl.window) == GLFW_TRUE && !impl.tutor.AskToQuit()) {
      glfwSetWindowShouldClose(impl.window, GLFW_FALSE);
      g_had_event = true;
    }
    if (g_had_event) {
      g_had_event = false;
      impl.frames_left = std::max(impl.frames_left, 3);
    }
    (void)DrawFrame();
    if (impl.frames_left > 0) --impl.frames_left;
  }
}

}  // namespace stagecraft::platform
