#include "core/tutor.h"

#include <filesystem>
#include <system_error>

#include <nlohmann/json.hpp>

#include "stagecraft/commands/command_line.h"

namespace stagecraft::core {

using engine::Result;
using engine::Status;

const char* ScreenName(Screen screen) {
  switch (screen) {
    case Screen::kHome: return "home";
    case Screen::kLesson: return "lesson";
    case Screen::kWalkthrough: return "walkthrough";
    case Screen::kQuiz: return "quiz";
    case Screen::kSettings: return "settings";
    case Screen::kSandbox: return "sandbox";
    case Screen::kReadiness: return "readiness";
    case Screen::kAuthor: return "author";
    case Screen::kChallenge: return "challenge";
  }
  return "home";
}

TutorOptions DefaultTutorOptions() {
  TutorOptions options;
  options.content = DefaultContentFolders();
  options.progress_path = DefaultProgressPath();
  options.settings_path = DefaultSettingsPath();
  return options;
}

struct Tutor::Impl {
  ContentLibrary library;
  TutorOptions options;
  std::optional<ProgressStore> store;
  std::string store_problem;
  Settings settings;
  std::vector<std::string> settings_problems;
  Screen screen = Screen::kHome;
  HomeSummary home;
  std::optional<LessonScreen> lesson;
  std::optional<WalkthroughScreen> walkthrough;
  bool walkthrough_predicts_every_step = false;  // the setting it was opened with
  std::optional<QuizScreen> quiz;
  std::optional<SandboxScreen> sandbox;
  std::optional<ReadinessScreen> readiness;
  std::optional<AuthoringScreen> authoring;
  std::string notice;
  bool quit_pending = false;
  // Last: it holds the library and the store, so it goes first.
  std::optional<ChallengeScreen> challenges;

  ProgressStore* Store() { return store ? &*store : nullptr; }

  // The sandbox's clock: the engine stamps milliseconds; the tutor's wall clock gives seconds.
  SandboxOptions SandboxClock() const {
    SandboxOptions sandbox_options;
    sandbox_options.clock = [now = options.clock.now] { return now() * 1000; };
    return sandbox_options;
  }
  // kFailedPrecondition, also as the notice, while the open sandbox has changes not saved to its
  // file: replacing it would lose them without a word.
  Status CheckSandboxReplaceable() {
    if (!sandbox || !sandbox->HasUnsavedChanges()) return Status::Ok();
    notice = "The sandbox has changes not saved to '" + sandbox->file() +
             "': save them (Ctrl+S) or Reset to drop them, then try again";
    return Status::FailedPrecondition(notice);
  }
  // Shows `opened` as the sandbox, replacing the one open; nothing changes when it failed.
  Status ShowSandbox(Result<SandboxScreen> opened) {
    if (!opened.ok()) return opened.status();
    sandbox.emplace(std::move(*opened));
    screen = Screen::kSandbox;
    return Status::Ok();
  }

  void RebuildHome() {
    home = BuildHome(library, Store(), options.clock.now());
    if (home.store_problem.empty()) home.store_problem = store_problem;
  }

  bool PollContent(bool force) {
    if (!authoring || screen != Screen::kAuthor) return false;
    if (!authoring->Poll(options.clock.seconds(), force)) return false;
    // The lesson and walkthrough point into the library about to be replaced (an open challenge
    // attempt holds a copy of its challenge; the challenges list is refreshed below).
    if (lesson) lesson->Finish();
    if (walkthrough) walkthrough->Finish();
    lesson.reset();
    walkthrough.reset();
    library = authoring->Library();
    if (challenges) challenges->RefreshList();  // its list pointed into the old library
    RebuildHome();
    return true;
  }

  void FinishAll() {
    if (lesson) lesson->Finish();
    if (walkthrough) walkthrough->Finish();
    if (quiz) quiz->Finish();
    if (challenges) challenges->Finish();
  }
};

Tutor::Tutor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tutor::Tutor(Tutor&&) noexcept = default;
Tutor& Tutor::operator=(Tutor&&) noexcept = default;
Tutor::~Tutor() {
  if (impl_) impl_->FinishAll();
}

Tutor Tutor::Open(TutorOptions options) {
  ContentLibrary library = ContentLibrary::Load(options.content);
  return Open(std::move(library), std::move(options));
}

Tutor Tutor::Open(ContentLibrary library, TutorOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->library = std::move(library);
  impl->options = std::move(options);
  if (!impl->options.progress_path.empty()) {
    const std::string& path = impl->options.progress_path;
    if (path != ":memory:") {
      std::error_code ec;
      const auto folder = std::filesystem::path(path).parent_path();
      if (!folder.empty()) std::filesystem::create_directories(folder, ec);
    }
    auto store = ProgressStore::Open(path);
    if (store.ok()) {
      impl->store.emplace(std::move(*store));
      impl->store_problem = impl->store->notice();
    } else {
      impl->store_problem =
          store.status().message() + " (answers in this session will not be recorded)";
    }
  }
  if (!impl->options.settings_path.empty()) {
    LoadedSettings loaded = LoadSettings(impl->options.settings_path);
    impl->settings = loaded.settings;
    impl->settings_problems = std::move(loaded.problems);
    if (!impl->settings_problems.empty()) {
      impl->notice = impl->settings_problems.front() +
                     (impl->settings_problems.size() > 1 ? " (more in Settings)" : "");
    }
  }
  impl->RebuildHome();
  return Tutor(std::move(impl));
}

const ContentLibrary& Tutor::library() const { return impl_->library; }
const TutorOptions& Tutor::options() const { return impl_->options; }
ProgressStore* Tutor::store() { return impl_->Store(); }
const std::string& Tutor::store_problem() const { return impl_->store_problem; }
const RunClock& Tutor::clock() const { return impl_->options.clock; }
double Tutor::Seconds() const { return impl_->options.clock.seconds(); }
const Settings& Tutor::settings() const { return impl_->settings; }
const std::vector<std::string>& Tutor::settings_problems() const {
  return impl_->settings_problems;
}

void Tutor::ChangeSettings(const Settings& settings) {
  impl_->settings = settings;
  if (impl_->options.settings_path.empty()) return;
  if (Status saved = SaveSettings(settings, impl_->options.settings_path); !saved.ok()) {
    Notify("settings not saved: " + saved.message());
  }
}

Screen Tutor::screen() const { return impl_->screen; }

const HomeSummary& Tutor::Home() { return impl_->home; }

void Tutor::OpenHome() {
  impl_->RebuildHome();
  impl_->screen = Screen::kHome;
}

void Tutor::OpenSettings() { impl_->screen = Screen::kSettings; }

void Tutor::OpenReadiness() {
  const UnixTime now = impl_->options.clock.now();
  ReadinessOptions options;
  options.utc_offset_seconds = impl_->options.utc_offset_seconds.value_or(LocalUtcOffset(now));
  impl_->readiness.emplace(ReadinessScreen::Build(impl_->library, impl_->Store(),
                                                  impl_->store_problem, now, options));
  impl_->screen = Screen::kReadiness;
}

namespace {

std::string KnownLessons(const ContentLibrary& library) {
  std::string known;
  for (const Lesson* lesson : library.lessons()) known += (known.empty() ? "" : ", ") + lesson->id;
  return known.empty() ? "there are none" : "the lessons are " + known;
}

}  // namespace

Status Tutor::OpenLesson(std::string_view id, std::optional<LessonModeKind> mode) {
  // The lesson already open keeps what the learner revealed and answered in it.
  if (impl_->lesson && impl_->lesson->lesson().id == id) {
    if (mode) {
      if (Status selected = impl_->lesson->Select(*mode); !selected.ok()) return selected;
    }
    impl_->screen = Screen::kLesson;
    return Status::Ok();
  }
  const Lesson* lesson = impl_->library.FindLesson(id);
  if (lesson == nullptr) {
    return Status::NotFound("no lesson '" + std::string(id) + "'; " + KnownLessons(impl_->library));
  }
  auto screen = LessonScreen::Open(*lesson, mode, store(), impl_->options.clock);
  if (!screen.ok()) return screen.status();
  if (impl_->lesson) impl_->lesson->Finish();
  impl_->lesson.emplace(std::move(*screen));
  impl_->screen = Screen::kLesson;
  return Status::Ok();
}

Status Tutor::OpenWalkthrough(std::string_view id) {
  // The walkthrough already open stays at its step, with its predictions.
  if (impl_->walkthrough && impl_->walkthrough->lesson().id == id &&
      impl_->walkthrough_predicts_every_step == impl_->settings.predict_every_step) {
    impl_->screen = Screen::kWalkthrough;
    return Status::Ok();
  }
  const Lesson* lesson = impl_->library.FindLesson(id);
  if (lesson == nullptr) {
    return Status::NotFound("no lesson '" + std::string(id) + "'; " + KnownLessons(impl_->library));
  }
  WalkthroughPlayerOptions options;
  options.predict_every_step = impl_->settings.predict_every_step;
  options.progress = store();
  options.clock = impl_->options.clock.now;
  auto screen = WalkthroughScreen::Open(*lesson, std::move(options));
  if (!screen.ok()) return screen.status();
  if (impl_->walkthrough) impl_->walkthrough->Finish();
  impl_->walkthrough.emplace(std::move(*screen));
  impl_->walkthrough_predicts_every_step = impl_->settings.predict_every_step;
  impl_->screen = Screen::kWalkthrough;
  return Status::Ok();
}

void Tutor::OpenQuizSetup(QuizSetup setup) {
  // A quiz under way on the same questions is resumed, not thrown away.
  if (impl_->quiz && impl_->quiz->run() != nullptr && !impl_->quiz->run()->finished() &&
      impl_->quiz->running().selector == setup.selector && !impl_->quiz->running().review &&
      (impl_->quiz->running().exam_minutes > 0) == (setup.exam_minutes > 0)) {
    impl_->screen = Screen::kQuiz;
    return;
  }
  if (impl_->quiz) impl_->quiz->Finish();
  impl_->quiz.emplace(impl_->library, store(), impl_->options.clock, std::move(setup));
  impl_->screen = Screen::kQuiz;
}

Status Tutor::StartQuiz(QuizSetup setup) {
  QuizScreen screen(impl_->library, store(), impl_->options.clock, std::move(setup));
  if (Status started = screen.Start(); !started.ok()) return started;
  if (impl_->quiz) impl_->quiz->Finish();
  impl_->quiz.emplace(std::move(screen));
  impl_->screen = Screen::kQuiz;
  return Status::Ok();
}

Status Tutor::StartReview() {
  QuizScreen screen(impl_->library, store(), impl_->options.clock, QuizSetup{});
  if (Status started = screen.StartReview(); !started.ok()) return started;
  if (impl_->quiz) impl_->quiz->Finish();
  impl_->quiz.emplace(std::move(screen));
  impl_->screen = Screen::kQuiz;
  return Status::Ok();
}

Status Tutor::OpenLink(const DeepLink& link, QuizSetup quiz) {
  switch (link.kind) {
    case DeepLink::Kind::kHome:
      OpenHome();
      return Status::Ok();
    case DeepLink::Kind::kSettings:
      OpenSettings();
      return Status::Ok();
    case DeepLink::Kind::kLesson:
      return OpenLesson(link.id, link.mode.empty() ? std::nullopt : LessonModeFromId(link.mode));
    case DeepLink::Kind::kWalkthrough:
      return OpenWalkthrough(link.id);
    case DeepLink::Kind::kQuiz:
      quiz.selector = link.id;
      return StartQuiz(std::move(quiz));
    case DeepLink::Kind::kAuthor:
      OpenAuthoring();
      return Status::Ok();
    case DeepLink::Kind::kSandbox:
      return OpenSandbox();
    case DeepLink::Kind::kChallenges:
      OpenChallenges();
      return Status::Ok();
    case DeepLink::Kind::kChallenge:
      return OpenChallenge(link.id);
  }
  return Status::Ok();
}

Status Tutor::OpenSandbox() {
  if (!impl_->sandbox) return NewSandbox();
  impl_->screen = Screen::kSandbox;
  return Status::Ok();
}

Status Tutor::NewSandbox() {
  SC_RETURN_IF_ERROR(impl_->CheckSandboxReplaceable());
  return impl_->ShowSandbox(SandboxScreen::Open(kSandboxSeed, impl_->SandboxClock()));
}

Status Tutor::OpenSandboxFile(const std::string& path) {
  SC_RETURN_IF_ERROR(impl_->CheckSandboxReplaceable());
  if (path == commands::DefaultRegistryPath()) {
    // As the terminal's commands do on first use of their default registry.
    std::error_code ignored;  // a folder that cannot be made fails the open, naming the file
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  }
  Status shown = impl_->ShowSandbox(SandboxScreen::OpenFile(path, impl_->SandboxClock()));
  if (!shown.ok()) Notify("Could not open the registry file '" + path + "': " + shown.message());
  return shown;
}

Status Tutor::SaveSandbox() {
  if (!impl_->sandbox) return Status::FailedPrecondition("no sandbox is open: nothing to save");
  Status saved = impl_->sandbox->Save();
  if (!saved.ok()) {
    Notify("Could not save the sandbox to '" + impl_->sandbox->file() + "': " + saved.message());
  }
  return saved;
}

bool Tutor::AskToQuit() {
  const bool unsaved = impl_->sandbox && impl_->sandbox->HasUnsavedChanges();
  impl_->quit_pending = unsaved;
  return !unsaved;
}

bool Tutor::quit_pending() const { return impl_->quit_pending; }

bool Tutor::AnswerQuit(QuitChoice choice) {
  impl_->quit_pending = false;
  switch (choice) {
    case QuitChoice::kSave: return SaveSandbox().ok();
    case QuitChoice::kDiscard: return true;
    case QuitChoice::kStay: return false;
  }
  return false;
}

Status Tutor::TryInSandbox(const Question& question, const std::vector<int>& shown_order) {
  SC_RETURN_IF_ERROR(impl_->CheckSandboxReplaceable());
  // A question that starts after a walkthrough step is one of a lesson's: find that lesson.
  const Lesson* home = nullptr;
  for (const Lesson* lesson : impl_->library.lessons()) {
    for (const Question* q : lesson->Questions()) {
      if (q == &question || (q->id == question.id && q->prompt == question.prompt)) home = lesson;
    }
  }
  auto set_up = SandboxQuestionOf(question, home, shown_order);
  if (!set_up.ok()) return set_up.status();
  auto screen = SandboxScreen::Open(set_up->seed, impl_->SandboxClock());
  if (!screen.ok()) {
    return Status(screen.status().code(), "question '" + question.id +
                                              "' cannot be set up in the sandbox: " +
                                              screen.status().message());
  }
  screen->note = std::move(set_up->note);
  screen->input = std::move(set_up->first_line);
  return impl_->ShowSandbox(std::move(screen));
}

void Tutor::OpenChallenges() {
  if (!impl_->challenges) {
    impl_->challenges.emplace(impl_->library, impl_->Store(), impl_->options.clock);
  }
  impl_->screen = Screen::kChallenge;
}

Status Tutor::OpenChallenge(std::string_view id) {
  if (!impl_->challenges) {
    impl_->challenges.emplace(impl_->library, impl_->Store(), impl_->options.clock);
  }
  SC_RETURN_IF_ERROR(impl_->challenges->Open(id));
  impl_->screen = Screen::kChallenge;
  return Status::Ok();
}

void Tutor::Resume(Screen screen) {
  const bool open = (screen == Screen::kLesson && impl_->lesson) ||
                    (screen == Screen::kWalkthrough && impl_->walkthrough) ||
                    (screen == Screen::kQuiz && impl_->quiz) ||
                    (screen == Screen::kSandbox && impl_->sandbox) ||
                    (screen == Screen::kChallenge && impl_->challenges) || screen == Screen::kHome ||
                    screen == Screen::kSettings;
  if (!open) return;
  if (screen == Screen::kHome) {
    OpenHome();
  } else {
    impl_->screen = screen;
  }
}

void Tutor::OpenAuthoring() {
  const double now = Seconds();
  const bool opened = impl_->authoring.has_value();
  if (!opened) impl_->authoring.emplace(AuthoringScreen::Open(impl_->options.content, now));
  impl_->screen = Screen::kAuthor;
  // Open checked every file just now; a screen opened again looks at once.
  if (opened) (void)impl_->PollContent(/*force=*/true);
}

bool Tutor::PollContent() { return impl_->PollContent(/*force=*/false); }

AuthoringScreen* Tutor::authoring() { return impl_->authoring ? &*impl_->authoring : nullptr; }

LessonScreen* Tutor::lesson() { return impl_->lesson ? &*impl_->lesson : nullptr; }
WalkthroughScreen* Tutor::walkthrough() {
  return impl_->walkthrough ? &*impl_->walkthrough : nullptr;
}
QuizScreen* Tutor::quiz() { return impl_->quiz ? &*impl_->quiz : nullptr; }
SandboxScreen* Tutor::sandbox() { return impl_->sandbox ? &*impl_->sandbox : nullptr; }
ChallengeScreen* Tutor::challenges() {
  return impl_->challenges ? &*impl_->challenges : nullptr;
}
const ReadinessScreen* Tutor::readiness() const {
  return impl_->readiness ? &*impl_->readiness : nullptr;
}

const std::string& Tutor::notice() const { return impl_->notice; }
void Tutor::Notify(std::string message) { impl_->notice = std::move(message); }
void Tutor::DismissNotice() { impl_->notice.clear(); }

std::string Tutor::StateJson() const {
  nlohmann::json state = {{"screen", ScreenName(impl_->screen)}};
  if (impl_->lesson) {
    state["lesson"] = {{"id", impl_->lesson->lesson().id},
                       {"mode", LessonModeId(impl_->lesson->active())}};
    if (const auto continued = impl_->lesson->continued()) {
      state["lesson"]["continued_from"] = *continued;
    }
  }
  if (impl_->walkthrough) {
    const WalkthroughPlayer& player = impl_->walkthrough->player();
    state["walkthrough"] = {{"lesson", impl_->walkthrough->lesson().id},
                            {"step", player.position()},
                            {"steps", player.size()},
                            {"playing", impl_->walkthrough->playing()}};
    // A question waits before the next step: which step it asks about.
    if (const auto question = impl_->walkthrough->PendingPrediction()) {
      state["walkthrough"]["question_before"] = question->step;
    }
  }
  if (impl_->quiz) {
    nlohmann::json quiz = {{"selector", impl_->quiz->setup().selector}, {"started", false}};
    if (const PracticeRun* run = impl_->quiz->run()) {
      quiz["started"] = true;
      quiz["kind"] = RunKindName(run->kind());
      quiz["count"] = run->count();
      quiz["finished"] = run->finished();
      if (!run->finished()) quiz["position"] = run->position();
      quiz["phase"] = QuizPhaseName(impl_->quiz->phase());
      std::string picked;
      for (int shown : impl_->quiz->draft()) picked += OptionLetter(shown);
      if (!picked.empty()) quiz["picked"] = picked;
    }
    state["quiz"] = quiz;
  }
  if (impl_->sandbox) {
    state["sandbox"] = {{"commands", impl_->sandbox->command_count()},
                        {"acting_as", impl_->sandbox->ActingAs()},
                        {"can_undo", impl_->sandbox->CanUndo()},
                        {"can_redo", impl_->sandbox->CanRedo()},
                        {"file", impl_->sandbox->file()},
                        {"unsaved", impl_->sandbox->HasUnsavedChanges()}};
  }
  if (impl_->challenges && impl_->challenges->attempt() != nullptr) {
    const ChallengeAttempt& attempt = *impl_->challenges->attempt();
    state["challenge"] = {{"id", attempt.challenge().id},
                          {"commands", attempt.commands()},
                          {"met", attempt.met()},
                          {"conditions", attempt.checklist().size()},
                          {"solved", attempt.solved()},
                          {"hint_shown", impl_->challenges->hint_shown()}};
    if (impl_->challenges->reset_pending()) state["challenge"]["reset_pending"] = true;
  }
  if (impl_->readiness && impl_->screen == Screen::kReadiness) {
    const Readiness& r = impl_->readiness->readiness();
    state["readiness"] = {{"answered", r.heat_total.answered},
                          {"questions", r.heat_total.questions},
                          {"due", r.heat_total.due}};
    if (!impl_->readiness->problem().empty()) {
      state["readiness"]["problem"] = impl_->readiness->problem();
    }
  }
  if (impl_->authoring && impl_->screen == Screen::kAuthor) {
    int stale = 0;
    for (const AuthoredFile& file : impl_->authoring->files()) stale += file.stale ? 1 : 0;
    state["author"] = {{"files", impl_->authoring->files().size()},
                       {"problems", impl_->authoring->ProblemCount()},
                       {"stale", stale}};
    if (const int selected = impl_->authoring->selected(); selected >= 0) {
      state["author"]["selected"] = impl_->authoring->files()[selected].path;
    }
  }
  if (!impl_->notice.empty()) state["notice"] = impl_->notice;
  if (impl_->quit_pending) state["quit_pending"] = true;
  if (const int files = impl_->library.FilesWithProblems(); files > 0) {
    state["files_with_problems"] = files;
  }
  if (!impl_->store_problem.empty()) state["store_problem"] = impl_->store_problem;
  // A notice or path may hold bytes that are not UTF-8: replaced, never thrown.
  return state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace stagecraft::core
