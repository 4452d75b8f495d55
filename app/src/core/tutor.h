#pragma once
// Tutor: the desktop window's whole state, without the window — the content library, the
// learner's progress and settings, which screen is showing and the activity open on each. The
// views draw it and call it; every rule about what happens lives here or in the models it holds,
// so it is tested without a display (Tracy's Worker to the views' View).
//
// Opening never fails as a whole: content with problems, a progress file that cannot be opened
// or settings that cannot be read are kept as messages the window shows, and everything else
// still works.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/authoring.h"
#include "core/challenge_screen.h"
#include "core/content_library.h"
#include "core/deep_link.h"
#include "core/home.h"
#include "core/lesson_screen.h"
#include "core/practice_run.h"
#include "core/progress.h"
#include "core/quiz_screen.h"
#include "core/sandbox_question.h"
#include "core/sandbox_screen.h"
#include "core/readiness_screen.h"
#include "core/settings.h"
#include "core/walkthrough_screen.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

enum class Screen {
  kHome, kLesson, kWalkthrough, kQuiz, kSettings,
  kSandbox, kReadiness, kAuthor, kChallenge,
};
// "home", "lesson", "walkthrough", "quiz", "settings", "sandbox", "readiness", "author",
// "challenge"
const char* ScreenName(Screen screen);

struct TutorOptions {
  ContentFolders content;     // where the quizzes and lessons are (DefaultContentFolders())
  std::string progress_path;  // the progress store; "" for none (nothing is recorded)
  std::string settings_path;  // the settings file; "" to neither read nor save settings
  RunClock clock = RunClock::System();
  // The learner's time zone for the readiness forecast's days; none: the system's, at the time.
  std::optional<int> utc_offset_seconds;
};

// The options for a learner's session: default content, progress and settings.
TutorOptions DefaultTutorOptions();

class Tutor {
 public:
  static Tutor Open(TutorOptions options);
  // Over an already loaded library (tests, scenes).
  static Tutor Open(ContentLibrary library, TutorOptions options);
  Tutor(Tutor&&) noexcept;
  Tutor& operator=(Tutor&&) noexcept;
  ~Tutor();  // finishes the open activities, so their progress sessions are closed

  const ContentLibrary& library() const;
  // What the tutor was opened with: where progress, settings and the learner's content live.
  const TutorOptions& options() const;
  // Null when there is no progress store (none asked for, or it could not be opened).
  ProgressStore* store();
  // Why the progress store could not be opened (or, when it was moved aside as corrupt, where it
  // went); "" when all is well.
  const std::string& store_problem() const;
  const RunClock& clock() const;
  // Seconds on the tutor's monotonic clock: the views animate by it.
  double Seconds() const;

  const Settings& settings() const;
  // Problems reading the settings file (each a line naming the file and the value).
  const std::vector<std::string>& settings_problems() const;
  // Applies `settings` and saves them; a failed save becomes the notice (they still apply).
  void ChangeSettings(const Settings& settings);

  Screen screen() const;

  // The home screen's summary, rebuilt from the library and the store when something may have
  // changed it (an answer recorded since it was last built).
  const HomeSummary& Home();

  void OpenHome();
  void OpenSettings();
  // Shows the readiness statistics, built afresh from the library and the store (so they count
  // every answer so far). Never fails: a store that cannot be read is the screen's problem().
  void OpenReadiness();
  // Opens lesson `id` on `mode`'s tab (its first mode when none; home's Continue gives the mode
  // last read), each tab continuing where an earlier session stopped reading it (LessonScreen).
  // The lesson already open is shown as the learner left it (on `mode`'s tab when given). kNotFound names the known
  // lessons; the screen does not change on failure.
  engine::Status OpenLesson(std::string_view id, std::optional<LessonModeKind> mode = {});
  // Opens the walkthrough of lesson `id` in the player, with predictions at every stage change
  // when the settings ask for them; the walkthrough already open is shown at its step (unless
  // that setting changed since it was opened: then it starts again with the new one).
  engine::Status OpenWalkthrough(std::string_view id);
  // Starts a review of every question due now (see QuizScreen::StartReview) on the quiz screen;
  // kNotFound when nothing is due, and then the screen does not change.
  engine::Status StartReview();
  // Shows the quiz setup form filled with `setup`; a quiz under way on the same questions (same
  // selector, practice or exam alike) is resumed instead, so a stray click does not end it.
  void OpenQuizSetup(QuizSetup setup);
  // Shows the quiz screen with `setup` and starts it at once.
  engine::Status StartQuiz(QuizSetup setup);
  // Opens what `link` names; quiz links start with `quiz` (the link's id as its selector).
  engine::Status OpenLink(const DeepLink& link, QuizSetup quiz = {});
  // Shows the sandbox: the first time a fresh in-memory registry seeded with kSandboxSeed (churn
  // with three versions, a developer and an approver), after that the same one with its console
  // and undo history. Fails only when the seed does (then the screen does not change).
  engine::Status OpenSandbox();
  // Shows the authoring screen: the first time, creates the user's content folders and checks
  // every content file (AuthoringScreen::Open); after that, the same screen, looked at afresh.
  void OpenAuthoring();
  // While the authoring screen shows: picks up content files changed on disk (AuthoringScreen::
  // Poll) and, when anything changed, uses the new content from then on. The open lesson and
  // walkthrough are finished and closed then (they showed the old content; opening them again
  // shows the new); a quiz under way keeps its questions. True when the content changed.
  bool PollContent();
  // Replaces the sandbox with an in-memory copy of the registry file at `path` (created when
  // missing, with its folder when it is the terminal's default registry, as the terminal's
  // commands create them) and shows it. On failure nothing changes and the notice names the
  // file. Refused (kFailedPrecondition, and the notice says so) while the open sandbox has
  // changes not saved to its file — so are NewSandbox and TryInSandbox.
  engine::Status OpenSandboxFile(const std::string& path);
  // Replaces the sandbox with a fresh in-memory one, seeded as OpenSandbox's first one, and
  // shows it.
  engine::Status NewSandbox();
  // Writes the sandbox's changes to its file (SandboxScreen::Save); on failure the notice says
  // why, naming the file. kFailedPrecondition when no sandbox is open.
  engine::Status SaveSandbox();
  // Replaces the sandbox with a fresh one set up as `question`'s verify block sets up its check
  // (after its lesson's walkthrough steps when it asks for them) and shows it, with a note of
  // where it came from and, when the options are command lines, the first one in the input.
  // `shown_order` is the order the learner saw its options in (SessionQuestion::order; empty for
  // file order, as a lesson shows them), so the note's letters match the ones they answered.
  // Fails as SandboxQuestionOf does, or when the setup does not run; then nothing changes.
  engine::Status TryInSandbox(const Question& question, const std::vector<int>& shown_order = {});
  // Quitting. The sandbox's changes not yet saved to its registry file are never dropped without
  // a word: with some pending, AskToQuit returns false and sets quit_pending() (the window then
  // asks: save and quit, quit without saving, or stay); otherwise it returns true, quit now.
  bool AskToQuit();
  bool quit_pending() const;
  enum class QuitChoice { kSave, kDiscard, kStay };
  // The learner's answer. kSave writes the sandbox's file first and returns false, with the
  // notice saying why, when that fails (the question is then closed: nothing is lost). kStay
  // returns false. True: close the window now.
  bool AnswerQuit(QuitChoice choice);
  // Shows the challenges: the list, or the challenge open on it as the learner left it.
  void OpenChallenges();
  // Opens challenge `id` on a fresh start on the challenges screen. kNotFound names the known
  // challenges; the screen does not change on failure.
  engine::Status OpenChallenge(std::string_view id);
  // Goes back to whichever activity is open (lesson, walkthrough or quiz) from home or
  // settings; nothing when none is.
  void Resume(Screen screen);

  // The activities; null when none of that kind is open. Each stays open (with its progress)
  // when the learner goes home, until another of its kind replaces it.
  LessonScreen* lesson();
  WalkthroughScreen* walkthrough();
  QuizScreen* quiz();
  SandboxScreen* sandbox();
  // The authoring screen; null before OpenAuthoring.
  AuthoringScreen* authoring();
  // The challenges screen; null before OpenChallenges or OpenChallenge.
  ChallengeScreen* challenges();
  // The readiness statistics as last opened; null before OpenReadiness.
  const ReadinessScreen* readiness() const;

  // A one-line message for the learner: the last thing that could not be done. Stays until
  // dismissed or replaced.
  const std::string& notice() const;
  void Notify(std::string message);
  void DismissNotice();

  // A JSON object describing what is on screen (the screen; the lesson, its tab and the block the
  // tab continued from; the walkthrough's step; the quiz's position, count and whether it
  // finished; the sandbox's command count and who it acts as; the authoring screen's files,
  // problems, stale files and selected file; the open challenge's id, counted commands,
  // conditions met, whether it is solved, whether its hint shows and whether Reset waits for
  // an answer; the notice; how many content files have problems and why progress is not
  // recorded, when so), for tests and scripts that drive the window from outside.
  std::string StateJson() const;

 private:
  struct Impl;
  explicit Tutor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stagecraft::core
