#include "core/authoring.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "core/lesson_loader.h"
#include "problem_listing.h"
#include "temp_dir.h"

namespace stagecraft::core {
namespace {

namespace fs = std::filesystem;

std::string QuizText(const std::string& id, const std::string& prompt) {
  return R"({"format": 1, "id": ")" + id + R"(", "title": "T", "topic": "Stages",
  "questions": [{"id": "q1", "level": "easy", "prompt": ")" + prompt + R"(",
                 "options": ["Staging", "Production"], "answer": "A"}]})";
}

// A challenge on churn v1 whose target is v1 in Staging; the start moves v1 there when
// `start_meets` is 1 (then validate says the start already meets the target), else it does not.
std::string ChallengeText(const std::string& id, int start_meets) {
  const std::string moved =
      start_meets == 1 ? R"(, "models transition-stage --model-name churn --version 1 --stage Staging")" : "";
  return R"({"format": 1, "id": ")" + id + R"(", "title": "T", "level": "easy", "goal": "G",
  "start": ["models create churn", "models create-version --model-name churn --source runs:/r/m")" +
         moved + R"(],
  "target": [{"kind": "stage", "model": "churn", "version": 1, "stage": "Staging"}],
  "par": 1, "hint": "H",
  "solution": ["models transition-stage --model-name churn --version 1 --stage Staging"]})";
}

// Writes `text` over `path` and moves its modification time on, as an editor's save would.
void Rewrite(const testing::TempDir& dir, const std::string& relative, const std::string& text) {
  const fs::path path = dir.path / relative;
  std::error_code ec;
  const auto before = fs::last_write_time(path, ec);
  dir.Write(relative, text);
  if (!ec) fs::last_write_time(path, before + std::chrono::seconds(1));
}

ContentFolders UserOnly(const testing::TempDir& dir) {
  ContentFolders folders;
  folders.user_quizzes = (dir.path / "data/quizzes").string();
  folders.user_lessons = (dir.path / "data/lessons").string();
  folders.user_challenges = (dir.path / "data/challenges").string();
  return folders;
}

const AuthoredFile* FileAt(const AuthoringScreen& screen, const std::string& path) {
  for (const AuthoredFile& file : screen.files()) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

std::vector<std::string> Lines(const std::vector<QuizProblem>& problems) {
  std::vector<std::string> lines;
  for (const auto& problem : problems) lines.push_back(problem.ToString());
  return lines;
}

TEST_CASE("opening the authoring screen creates the user's quizzes, lessons and challenges folders") {
  testing::TempDir dir;
  AuthoringScreen screen = AuthoringScreen::Open(UserOnly(dir), 0);
  CHECK(screen.problem().empty());
  CHECK(fs::is_directory(dir.path / "data/quizzes"));
  CHECK(fs::is_directory(dir.path / "data/lessons"));
  CHECK(fs::is_directory(dir.path / "data/challenges"));
  CHECK(screen.user_folders().challenges == (dir.path / "data/challenges").string());
  CHECK(screen.files().empty());
}

TEST_CASE("a user folder that cannot be created is the screen's problem, naming it") {
  testing::TempDir dir;
  dir.Write("data", "a file where the folder should be");
  AuthoringScreen screen = AuthoringScreen::Open(UserOnly(dir), 0);
  CHECK(testing::Contains(screen.problem(), (dir.path / "data/quizzes").string()));
}

TEST_CASE("every file is listed with exactly the problems stagecraft validate prints for it") {
  testing::TempDir dir;
  ContentFolders folders = UserOnly(dir);
  folders.quizzes = STAGECRAFT_QUIZZES_DIR;
  folders.lessons = STAGECRAFT_LESSONS_DIR;
  folders.challenges = STAGECRAFT_CHALLENGES_DIR;
  // A challenge whose start already meets its target, and one whose id a bundled one has.
  dir.Write("data/challenges/met.challenge.json", ChallengeText("met", 1));
  dir.Write("data/challenges/twin.challenge.json", ChallengeText("four-eyes", 2));
  dir.Write("data/quizzes/broken.json", R"({"format": 1, "id": "broken", "title": "T",)");
  dir.Write("data/quizzes/twin.json", QuizText("stages-basics", "Again?"));
  // A verify block whose marked answer the engine contradicts.
  dir.Write("data/quizzes/wrong.json", R"({"format": 1, "id": "wrong", "title": "T", "topic": "S",
  "questions": [{"id": "q1", "level": "easy", "prompt": "Where is v1?",
    "options": ["None", "Staging"], "answer": "B",
    "verify": {"setup": ["models create churn",
                         "models create-version --model-name churn --source runs:/a/m"],
               "check": "stage", "model": "churn", "version": 1}}]})");
  AuthoringScreen screen = AuthoringScreen::Open(folders, 0);

  std::vector<QuizProblem> listed;
  for (const AuthoredFile& file : screen.files()) {
    listed.insert(listed.end(), file.problems.begin(), file.problems.end());
  }
  // validate's order is every quiz file, then every lesson: sort both the same way.
  const ContentReport report =
      ValidateContent({folders.quizzes, folders.user_quizzes, folders.lessons,
                       folders.user_lessons, folders.challenges, folders.user_challenges});
  auto sorted = [](std::vector<std::string> lines) {
    std::sort(lines.begin(), lines.end());
    return lines;
  };
  CHECK(sorted(Lines(listed)) == sorted(Lines(report.problems)));
  CHECK(report.problems.size() == 5);
  CHECK(screen.ProblemCount() == 5);
  const AuthoredFile* twin = FileAt(screen, (dir.path / "data/quizzes/twin.json").string());
  REQUIRE(twin != nullptr);
  CHECK(twin->origin == ContentOrigin::kUser);
  REQUIRE(twin->problems.size() == 1);
  CHECK(testing::Contains(twin->problems[0].message, "already used by"));
  // The library does not use the twin: the bundled quiz keeps the id.
  const ContentLibrary library = screen.Library();
  REQUIRE(library.FindQuiz("stages-basics") != nullptr);
  CHECK(library.FindQuiz("stages-basics")->path != twin->path);
  REQUIRE(library.FindChallenge("four-eyes") != nullptr);
  CHECK(library.FindChallenge("four-eyes")->path !=
        (dir.path / "data/challenges/twin.challenge.json").string());
  // As a quiz's verify problem does not, the engine's proof failing does not stop its use.
  CHECK(library.FindChallenge("met") != nullptr);
}

TEST_CASE("a file that becomes broken is listed with its problem and its last good version stays in use") {
  testing::TempDir dir;
  dir.Write("data/quizzes/mine.json", QuizText("mine", "First?"));
  AuthoringScreen screen = AuthoringScreen::Open(UserOnly(dir), 0);
  const std::string path = (dir.path / "data/quizzes/mine.json").string();
  REQUIRE(screen.files().size() == 1);
  CHECK(screen.files()[0].problems.empty());
  CHECK_FALSE(screen.files()[0].stale);

  Rewrite(dir, "data/quizzes/mine.json", QuizText("mine", "Second?").substr(0, 60));
  SUBCASE("not before the poll interval has passed") {
    CHECK_FALSE(screen.Poll(kPollSeconds / 2));
    CHECK(screen.files()[0].problems.empty());
  }
  SUBCASE("at the next poll") {
    CHECK(screen.Poll(kPollSeconds));
    const AuthoredFile& file = screen.files()[0];
    CHECK(file.stale);
    REQUIRE(file.problems.size() == 1);
    CHECK(Lines(file.problems) == Lines(ValidateContent({path}).problems));
    const ContentLibrary library = screen.Library();
    REQUIRE(library.FindQuiz("mine") != nullptr);
    CHECK(library.FindQuiz("mine")->questions[0].prompt == "First?");
    CHECK(library.FilesWithProblems() == 1);

    Rewrite(dir, "data/quizzes/mine.json", QuizText("mine", "Fixed?"));
    CHECK(screen.Poll(2 * kPollSeconds));
    CHECK(screen.files()[0].problems.empty());
    CHECK_FALSE(screen.files()[0].stale);
    const ContentLibrary fixed = screen.Library();
    REQUIRE(fixed.FindQuiz("mine") != nullptr);
    CHECK(fixed.FindQuiz("mine")->questions[0].prompt == "Fixed?");
    CHECK(fixed.FilesWithProblems() == 0);
  }
}

TEST_CASE("a challenge file is checked as validate checks it, and a broken one keeps its last good version") {
  testing::TempDir dir;
  const std::string relative = "data/challenges/mine.challenge.json";
  dir.Write(relative, ChallengeText("mine", 0));
  AuthoringScreen screen = AuthoringScreen::Open(UserOnly(dir), 0);
  REQUIRE(screen.files().size() == 1);
  const std::string path = (dir.path / relative).string();
  CHECK(screen.files()[0].kind == ContentKind::kChallenge);
  CHECK(screen.files()[0].problems.empty());
  REQUIRE(screen.Library().FindChallenge("mine") != nullptr);

  // The engine's proof fails: the start already meets the target. Still loads: not stale.
  Rewrite(dir, relative, ChallengeText("mine", 1));
  CHECK(screen.Poll(kPollSeconds));
  CHECK(Lines(screen.files()[0].problems) == Lines(ValidateContent({path}).problems));
  CHECK(testing::Contains(screen.files()[0].problems.at(0).message, "already"));

  // Broken JSON: the last good challenge stays in use, marked stale.
  Rewrite(dir, relative, ChallengeText("mine", 0).substr(0, 50));
  CHECK(screen.Poll(2 * kPollSeconds));
  CHECK(screen.files()[0].stale);
  CHECK(Lines(screen.files()[0].problems) == Lines(ValidateContent({path}).problems));
  REQUIRE(screen.Library().FindChallenge("mine") != nullptr);
  CHECK(screen.Library().FilesWithProblems() == 1);
}

TEST_CASE("a lesson whose front matter breaks keeps its last good version") {
  testing::TempDir dir;
  const std::string lesson =
      "---\nid: mine\ntitle: Mine\ntopic: Stages\nsummary: S.\nminutes: 2\n---\n\n# Why\n\nBecause.\n";
  dir.Write("data/lessons/mine.md", lesson);
  AuthoringScreen screen = AuthoringScreen::Open(UserOnly(dir), 0);
  REQUIRE(screen.files().size() == 1);
  INFO(testing::Listing(screen.files()[0].problems));
  REQUIRE(screen.Library().FindLesson("mine") != nullptr);
  Rewrite(dir, "data/lessons/mine.md", "no front matter at all\n");
  CHECK(screen.Poll(1));
  CHECK(screen.files()[0].stale);
  CHECK_FALSE(screen.files()[0].problems.empty());
  CHECK(screen.Library().FindLesson("mine") != nullptr);
}

TEST_CASE("a new file is picked up, a removed one dropped, and unchanged files are not read again") {
  testing::TempDir dir;
  dir.Write("data/quizzes/a.json", QuizText("a", "A?"));
  AuthoringScreen screen = AuthoringScreen::Open(UserOnly(dir), 0);
  REQUIRE(screen.files().size() == 1);
  screen.Select(0);

  CHECK_FALSE(screen.Poll(1));
  CHECK(screen.last_checked() == 0);

  dir.Write("data/quizzes/0-new.json", QuizText("new", "New?"));
  CHECK(screen.Poll(2));
  CHECK(screen.last_checked() == 1);
  REQUIRE(screen.files().size() == 2);
  CHECK(screen.Library().FindQuiz("new") != nullptr);
  // The selection follows its file, which now sorts second.
  CHECK(screen.selected() == 1);

  // Removed: kept, still in use, for kMissingPolls polls (an editor may be between its delete
  // and its write), then dropped.
  fs::remove(dir.path / "data/quizzes/a.json");
  double now = 3;
  for (int poll = 1; poll <= kMissingPolls; ++poll, ++now) {
    CAPTURE(poll);
    CHECK(screen.Poll(now) == (poll == 1));
    REQUIRE(screen.files().size() == 2);
    CHECK(screen.Library().FindQuiz("a") != nullptr);
  }
  CHECK(screen.Poll(now));
  REQUIRE(screen.files().size() == 1);
  CHECK(screen.Library().FindQuiz("a") == nullptr);
  CHECK(screen.selected() == -1);
}

TEST_CASE("a file an editor deletes and writes again keeps its last good version meanwhile") {
  testing::TempDir dir;
  dir.Write("data/quizzes/a.json", QuizText("a", "First?"));
  AuthoringScreen screen = AuthoringScreen::Open(UserOnly(dir), 0);
  screen.Select(0);
  fs::remove(dir.path / "data/quizzes/a.json");
  CHECK(screen.Poll(1));
  REQUIRE(screen.files().size() == 1);
  CHECK(screen.files()[0].missing_polls == 1);
  CHECK(screen.selected() == 0);
  dir.Write("data/quizzes/a.json", QuizText("a", "First?").substr(0, 40));  // saved broken
  CHECK(screen.Poll(2));
  REQUIRE(screen.files().size() == 1);
  CHECK(screen.files()[0].missing_polls == 0);
  CHECK(screen.files()[0].stale);
  REQUIRE(screen.Library().FindQuiz("a") != nullptr);
  CHECK(screen.Library().FindQuiz("a")->questions[0].prompt == "First?");
  CHECK(screen.selected() == 0);
}

TEST_CASE("a change that keeps the size and the modification time is still seen") {
  testing::TempDir dir;
  dir.Write("data/quizzes/a.json", QuizText("a", "One?"));
  AuthoringScreen screen = AuthoringScreen::Open(UserOnly(dir), 0);
  const fs::path path = dir.path / "data/quizzes/a.json";
  const auto modified = fs::last_write_time(path);
  // Another file of the same size, renamed over it with the old modification time, as some
  // editors and copy tools do.
  dir.Write("data/quizzes/a.json.tmp", QuizText("a", "Two?"));
  fs::last_write_time(dir.path / "data/quizzes/a.json.tmp", modified);
  fs::rename(dir.path / "data/quizzes/a.json.tmp", path);
  CHECK(fs::last_write_time(path) == modified);
  CHECK(screen.Poll(1));
  REQUIRE(screen.Library().FindQuiz("a") != nullptr);
  CHECK(screen.Library().FindQuiz("a")->questions[0].prompt == "Two?");
}

TEST_CASE("a folder given twice lists its files once") {
  testing::TempDir dir;
  dir.Write("data/quizzes/a.json", QuizText("a", "One?"));
  ContentFolders folders = UserOnly(dir);
  folders.quizzes = folders.user_quizzes;
  const AuthoringScreen screen = AuthoringScreen::Open(folders, 0);
  REQUIRE(screen.files().size() == 1);
  CHECK(screen.files()[0].problems.empty());
  CHECK(screen.files()[0].quiz.has_value());
}

TEST_CASE("the next poll is due kPollSeconds after the last") {
  testing::TempDir dir;
  AuthoringScreen screen = AuthoringScreen::Open(UserOnly(dir), 10);
  CHECK(screen.SecondsToNextPoll(10) == doctest::Approx(kPollSeconds));
  CHECK(screen.SecondsToNextPoll(10 + kPollSeconds * 2) == 0);
}

TEST_CASE("New quiz writes a template that validates, beside the schema, and selects it") {
  testing::TempDir dir;
  ContentFolders folders = UserOnly(dir);
  folders.quizzes = STAGECRAFT_QUIZZES_DIR;
  AuthoringScreen screen = AuthoringScreen::Open(folders, 0);
  auto first = screen.NewQuiz();
  REQUIRE(first.ok());
  CHECK(*first == (dir.path / "data/quizzes/new-quiz.json").string());
  CHECK(screen.written() == *first);
  CHECK(fs::exists(dir.path / "data/quizzes/quiz.schema.json"));
  CHECK(screen.SecondsToNextPoll(0.1) == 0);
  CHECK(screen.Poll(0.1));
  REQUIRE(screen.selected() >= 0);
  CHECK(screen.files()[screen.selected()].path == *first);
  const ContentReport report = ValidateContent({*first});
  INFO(testing::Listing(report.problems));
  CHECK(report.problems.empty());
  CHECK(report.questions == 2);
  CHECK(screen.ProblemCount() == 0);

  auto second = screen.NewQuiz();
  REQUIRE(second.ok());
  CHECK(*second == (dir.path / "data/quizzes/new-quiz-2.json").string());
  CHECK(screen.Poll(0.2));
  CHECK(screen.ProblemCount() == 0);  // its own id, so no clash
  CHECK(screen.Library().FindQuiz("new-quiz-2") != nullptr);
}

TEST_CASE("New challenge writes a template that validates, beside the schema, and selects it") {
  testing::TempDir dir;
  ContentFolders folders = UserOnly(dir);
  folders.challenges = STAGECRAFT_CHALLENGES_DIR;
  AuthoringScreen screen = AuthoringScreen::Open(folders, 0);
  const int bundled = static_cast<int>(screen.files().size());
  auto first = screen.NewChallenge();
  REQUIRE(first.ok());
  CHECK(*first == (dir.path / "data/challenges/new-challenge.challenge.json").string());
  CHECK(screen.written() == *first);
  CHECK(fs::exists(dir.path / "data/challenges/challenge.schema.json"));
  CHECK(screen.Poll(0.1));
  REQUIRE(screen.selected() >= 0);
  CHECK(screen.files()[screen.selected()].path == *first);
  // Checked on the engine as validate checks it: the start does not meet the target, and the
  // solution meets it within par. The schema copied beside it is not taken for a quiz.
  const ContentReport report = ValidateContent({(dir.path / "data/challenges").string()});
  INFO(testing::Listing(report.problems));
  CHECK(report.problems.empty());
  CHECK(report.challenges == 1);
  CHECK(report.files == 1);  // the challenge alone
  CHECK(screen.ProblemCount() == 0);
  CHECK(static_cast<int>(screen.files().size()) == bundled + 1);
  const AuthoredFile& written = screen.files()[screen.selected()];
  REQUIRE(written.challenge.has_value());
  CHECK(written.challenge->id == "new-challenge");
  CHECK(written.challenge->target.size() >= 3);

  auto second = screen.NewChallenge();
  REQUIRE(second.ok());
  CHECK(*second == (dir.path / "data/challenges/new-challenge-2.challenge.json").string());
  CHECK(screen.Poll(0.2));
  CHECK(screen.ProblemCount() == 0);  // its own id, so no clash
  CHECK(screen.Library().FindChallenge("new-challenge-2") != nullptr);
  CHECK(screen.files()[screen.selected()].path == *second);
}

TEST_CASE("New challenge without a user challenges folder is an error, and writes nothing") {
  testing::TempDir dir;
  ContentFolders folders = UserOnly(dir);
  folders.user_challenges.clear();
  AuthoringScreen screen = AuthoringScreen::Open(folders, 0);
  auto written = screen.NewChallenge();
  CHECK_FALSE(written.ok());
  CHECK(screen.written().empty());
}

}  // namespace
}  // namespace stagecraft::core
