// ContentLibrary: loading the bundled and the learner's quizzes and lessons from folders (broken
// files kept with their problems, ids unique across quizzes and lessons, missing folders), the
// command line's files and folders (LoadPaths), finding quizzes, lessons and questions by id, the
// banks a practice run draws from (Bank, Everything), where content is looked for (DataFolder,
// DefaultContentFolders), and the shipped content.
//
// Every file is written into a temporary folder with a layout the test controls, so that the
// line and column a problem names can be worked out from the text.

#include "core/content_library.h"

#include <doctest/doctest.h>
#include <stdlib.h>  // setenv, unsetenv

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "challenge_test_files.h"
#include "problem_listing.h"
#include "temp_dir.h"

#ifndef STAGECRAFT_LESSONS_DIR
#error "STAGECRAFT_LESSONS_DIR must name the shipped lessons folder"
#endif
#ifndef STAGECRAFT_QUIZZES_DIR
#error "STAGECRAFT_QUIZZES_DIR must name the shipped quizzes folder"
#endif

namespace stagecraft::core {
namespace {

namespace fs = std::filesystem;
using engine::ErrorCode;
using testing::Contains;
using testing::Listing;
using testing::TempDir;


// Sets (or, with nullopt, unsets) an environment variable for the scope, then puts back what
// was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Writes `text` to `path`, creating its folders; returns the path as a string.
std::string Write(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// A quiz whose id is on line 3 and whose questions (one per line) start on line 7.
std::string QuizText(std::string_view id, const std::vector<std::string>& question_ids,
                     std::string_view answer = "A") {
  std::string text =
      "{\n  \"format\": 1,\n  \"id\": \"" + std::string(id) +
      "\",\n  \"title\": \"T\",\n  \"topic\": \"Model stages\",\n  \"questions\": [\n";
  for (std::size_t i = 0; i < question_ids.size(); ++i) {
    text += std::string(i == 0 ? "" : ",\n") + "    {\"id\": \"" + question_ids[i] +
            "\", \"level\": \"easy\", \"prompt\": \"P?\", \"options\": [\"x\", \"y\"], "
            "\"answer\": \"" +
            std::string(answer) + "\"}";
  }
  return text + "\n  ]\n}\n";
}

// The 1-based line and column where `part` first appears in `text`.
std::pair<int, int> PositionOf(std::string_view text, std::string_view part) {
  const auto at = text.find(part);
  REQUIRE(at != std::string_view::npos);
  const auto line_start = text.rfind('\n', at);
  const std::size_t column0 = line_start == std::string_view::npos ? at : at - line_start - 1;
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  return {line, static_cast<int>(column0) + 1};
}

// A quiz block holding one question; `extra` adds members such as a "verify".
std::string QuizBlock(std::string_view id, std::string_view answer = "A",
                      std::string_view extra = "") {
  std::string text = "```quiz\n{\"id\": \"" + std::string(id) +
                     "\", \"level\": \"easy\", \"prompt\": \"P?\", \"options\": [\"None\", "
                     "\"Staging\"], \"answer\": \"" +
                     std::string(answer) + "\"";
  if (!extra.empty()) text += ", " + std::string(extra);
  return text + "}\n```\n";
}

// A lesson whose id is on line 2 and whose body starts on line 7.
std::string LessonText(std::string_view id, std::string_view body = "# Why\n\nBecause.\n") {
  return "---\nid: " + std::string(id) + "\ntitle: T\ntopic: Model stages\n---\n\n" +
         std::string(body);
}

// A lesson with a walkthrough, a question about its table (after-step) and one that stands on
// its own.
std::string LessonWithVisualQuiz(std::string_view id) {
  return LessonText(id, "# Why\n\n" + QuizBlock("standalone") +
                            "\n# Step by step\n\n```walkthrough\n# Register the model\n"
                            "models create fraud\n# Create version 1\n"
                            "models create-version --model-name fraud --source runs:/a/model\n"
                            "```\n\n" +
                            QuizBlock("tracker", "A",
                                      "\"verify\": {\"after-step\": 2, \"check\": \"stage\", "
                                      "\"model\": \"fraud\", \"version\": 1}"));
}

std::vector<std::string> Ids(const std::vector<Quiz>& quizzes) {
  std::vector<std::string> out;
  for (const auto& quiz : quizzes) out.push_back(quiz.id);
  return out;
}

std::vector<std::string> QuestionIds(const Quiz& quiz) {
  std::vector<std::string> out;
  for (const auto& question : quiz.questions) out.push_back(question.id);
  return out;
}

// Bundled and user folders inside one temporary folder (none of them created).
ContentFolders FoldersIn(const TempDir& dir) {
  return ContentFolders{(dir.path / "quizzes").string(), (dir.path / "lessons").string(),
                        (dir.path / "data" / "quizzes").string(),
                        (dir.path / "data" / "lessons").string()};
}

const QuizFile* QuizFileAt(const ContentLibrary& library, const std::string& path) {
  for (const auto& file : library.quiz_files()) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

const LessonFile* LessonFileAt(const ContentLibrary& library, const std::string& path) {
  for (const auto& file : library.lesson_files()) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

TEST_CASE("Load keeps a broken quiz file with its problems and uses the others") {
  TempDir dir;
  const ContentFolders folders = FoldersIn(dir);
  const std::string good = Write(fs::path(folders.quizzes) / "good.json", QuizText("good", {"g1"}));

  SUBCASE("a file that breaks a rule") {
    // Both questions are well-formed JSON; the second names an option that does not exist.
    std::string text = QuizText("broken", {"b1", "b2"});
    const auto second = text.rfind("\"answer\": \"A\"");
    text.replace(second, std::string_view("\"answer\": \"A\"").size(), "\"answer\": \"E\"");
    const std::string broken = Write(fs::path(folders.quizzes) / "broken.json", text);
    const auto [line, column] = PositionOf(text, "\"E\"");

    const ContentLibrary library = ContentLibrary::Load(folders);
    const QuizFile* file = QuizFileAt(library, broken);
    REQUIRE(file != nullptr);
    CHECK(file->origin == ContentOrigin::kBundled);
    CHECK_FALSE(file->quiz.has_value());  // b1 is fine, but a half-checked file is not used
    REQUIRE_MESSAGE(file->problems.size() == 1, Listing(file->problems));
    const QuizProblem& problem = file->problems[0];
    CHECK(problem.file == broken);
    CHECK(problem.line == line);
    CHECK(problem.column == column);
    CHECK(problem.path == "questions[1].answer");
    CHECK(Contains(problem.ToString(), broken + ":" + std::to_string(line) + ":" +
                                           std::to_string(column) + ": questions[1].answer: "));

    CHECK(library.FindQuiz("broken") == nullptr);
    CHECK(library.FindQuestion("broken", "b1") == nullptr);
    REQUIRE(library.FindQuiz("good") != nullptr);
    CHECK(library.FindQuiz("good")->path == good);
    REQUIRE(library.quizzes().size() == 1);
    CHECK(library.quizzes()[0]->id == "good");
    CHECK(library.Problems().size() == 1);
    CHECK(library.FilesWithProblems() == 1);
    const auto bank = library.Bank();
    REQUIRE(bank.ok());
    CHECK(Ids(*bank) == std::vector<std::string>{"good"});
  }
  SUBCASE("a file that is not JSON") {
    const std::string text = "{\n  \"format\": 1,\n  \"id\": \"x\"\n  \"title\": \"T\"\n}\n";
    const std::string broken = Write(fs::path(folders.quizzes) / "broken.json", text);
    const ContentLibrary library = ContentLibrary::Load(folders);
    const QuizFile* file = QuizFileAt(library, broken);
    REQUIRE(file != nullptr);
    CHECK_FALSE(file->quiz.has_value());
    REQUIRE_FALSE(file->problems.empty());
    CHECK(file->problems[0].file == broken);
    CHECK(file->problems[0].line == 4);  // the missing comma is noticed at "title"
    CHECK(file->problems[0].column >= 1);
    CHECK(library.FindQuiz("x") == nullptr);
    CHECK(library.FindQuiz("good") != nullptr);
    CHECK(library.FilesWithProblems() == 1);
  }
}

TEST_CASE("Load reads a lesson with a problem in one block and uses the rest of it") {
  TempDir dir;
  const ContentFolders folders = FoldersIn(dir);
  const std::string text = LessonText(
      "shaky", "# Why\n\n" + QuizBlock("fine") + "\n" + QuizBlock("bad", "E") + "\nAfter.\n");
  const std::string path = Write(fs::path(folders.lessons) / "shaky.md", text);
  const auto [line, column] = PositionOf(text, "\"E\"");

  const ContentLibrary library = ContentLibrary::Load(folders);
  const LessonFile* file = LessonFileAt(library, path);
  REQUIRE(file != nullptr);
  CHECK(file->origin == ContentOrigin::kBundled);
  REQUIRE(file->lesson.has_value());
  REQUIRE_MESSAGE(file->problems.size() == 1, Listing(file->problems));
  CHECK(file->problems[0].file == path);
  CHECK(file->problems[0].line == line);
  CHECK(file->problems[0].column == column);
  CHECK(file->problems[0].path == "quiz[bad].answer");

  const Lesson* lesson = library.FindLesson("shaky");
  REQUIRE(lesson != nullptr);
  CHECK(lesson->path == path);
  CHECK(library.FindQuestion("shaky", "fine") != nullptr);
  CHECK(library.FindQuestion("shaky", "bad") == nullptr);
  CHECK(library.FilesWithProblems() == 1);
  const auto bank = library.Bank("shaky");
  REQUIRE(bank.ok());
  REQUIRE(bank->size() == 1);
  CHECK(QuestionIds((*bank)[0]) == std::vector<std::string>{"fine"});
}

TEST_CASE("An id used twice is a problem of the second file, which is not used") {
  TempDir dir;
  const ContentFolders folders = FoldersIn(dir);

  SUBCASE("a quiz in the learner's folder with a bundled quiz's id") {
    const std::string first =
        Write(fs::path(folders.quizzes) / "stages.json", QuizText("stages", {"bundled-q"}));
    const std::string text = QuizText("stages", {"user-q"});
    const std::string second = Write(fs::path(folders.user_quizzes) / "mine.json", text);
    const auto [line, column] = PositionOf(text, "\"stages\"");

    const ContentLibrary library = ContentLibrary::Load(folders);
    const QuizFile* file = QuizFileAt(library, second);
    REQUIRE(file != nullptr);
    CHECK(file->origin == ContentOrigin::kUser);
    CHECK_FALSE(file->quiz.has_value());
    REQUIRE_MESSAGE(file->problems.size() == 1, Listing(file->problems));
    CHECK(file->problems[0].file == second);
    CHECK(file->problems[0].line == line);
    CHECK(file->problems[0].column == column);
    CHECK(file->problems[0].path == "id");
    CHECK(Contains(file->problems[0].message, "\"stages\""));
    CHECK(Contains(file->problems[0].message, first));

    REQUIRE(library.FindQuiz("stages") != nullptr);
    CHECK(library.FindQuiz("stages")->path == first);
    CHECK(library.FindQuestion("stages", "bundled-q") != nullptr);
    CHECK(library.FindQuestion("stages", "user-q") == nullptr);
    CHECK(library.quizzes().size() == 1);
    const QuizFile* kept = QuizFileAt(library, first);
    REQUIRE(kept != nullptr);
    CHECK(kept->problems.empty());
  }
  SUBCASE("a lesson with a quiz's id") {
    const std::string first =
        Write(fs::path(folders.quizzes) / "stages.json", QuizText("stages", {"q"}));
    const std::string second = Write(fs::path(folders.lessons) / "stages.md", LessonText("stages"));

    const ContentLibrary library = ContentLibrary::Load(folders);
    const LessonFile* file = LessonFileAt(library, second);
    REQUIRE(file != nullptr);
    CHECK_FALSE(file->lesson.has_value());
    REQUIRE_MESSAGE(file->problems.size() == 1, Listing(file->problems));
    CHECK(file->problems[0].file == second);
    CHECK(file->problems[0].line == 2);  // "id: stages" follows the opening "---"
    CHECK(file->problems[0].path == "id");
    CHECK(Contains(file->problems[0].message, first));
    CHECK(library.FindLesson("stages") == nullptr);
    CHECK(library.lessons().empty());
    REQUIRE(library.FindQuiz("stages") != nullptr);
    CHECK(library.FindQuiz("stages")->path == first);
  }
  SUBCASE("a quiz in the learner's folder with a bundled lesson's id") {
    const std::string first = Write(fs::path(folders.lessons) / "stages.md", LessonText("stages"));
    const std::string text = QuizText("stages", {"q"});
    const std::string second = Write(fs::path(folders.user_quizzes) / "stages.json", text);
    const auto [line, column] = PositionOf(text, "\"stages\"");

    const ContentLibrary library = ContentLibrary::Load(folders);
    const QuizFile* file = QuizFileAt(library, second);
    REQUIRE(file != nullptr);
    CHECK_FALSE(file->quiz.has_value());
    REQUIRE_MESSAGE(file->problems.size() == 1, Listing(file->problems));
    CHECK(file->problems[0].line == line);
    CHECK(file->problems[0].column == column);
    CHECK(Contains(file->problems[0].message, first));
    CHECK(library.FindQuiz("stages") == nullptr);
    REQUIRE(library.FindLesson("stages") != nullptr);
    CHECK(library.FindLesson("stages")->path == first);
  }
  SUBCASE("a lesson in the learner's folder with a bundled lesson's id") {
    const std::string first = Write(fs::path(folders.lessons) / "a.md", LessonText("same"));
    const std::string second = Write(fs::path(folders.user_lessons) / "b.md", LessonText("same"));
    const ContentLibrary library = ContentLibrary::Load(folders);
    const LessonFile* file = LessonFileAt(library, second);
    REQUIRE(file != nullptr);
    CHECK(file->origin == ContentOrigin::kUser);
    CHECK_FALSE(file->lesson.has_value());
    REQUIRE(file->problems.size() == 1);
    CHECK(Contains(file->problems[0].message, first));
    REQUIRE(library.FindLesson("same") != nullptr);
    CHECK(library.FindLesson("same")->path == first);
  }
}

TEST_CASE("Load finds no problem in folders that do not exist") {
  TempDir dir;
  const ContentFolders folders = FoldersIn(dir);
  Write(fs::path(folders.quizzes) / "stages.json", QuizText("stages", {"q"}));
  Write(fs::path(folders.lessons) / "intro.md", LessonText("intro"));
  REQUIRE_FALSE(fs::exists(folders.user_quizzes));
  REQUIRE_FALSE(fs::exists(folders.user_lessons));

  SUBCASE("the learner's folders are missing") {
    const ContentLibrary library = ContentLibrary::Load(folders);
    CHECK_MESSAGE(library.Problems().empty(), Listing(library.Problems()));
    CHECK(library.FilesWithProblems() == 0);
    CHECK(library.FindQuiz("stages") != nullptr);
    CHECK(library.FindLesson("intro") != nullptr);
    CHECK_FALSE(fs::exists(folders.user_quizzes));  // loading creates nothing
  }
  SUBCASE("every folder is missing or empty") {
    const ContentLibrary library =
        ContentLibrary::Load({(dir.path / "none").string(), "", (dir.path / "n2").string(), ""});
    CHECK(library.Problems().empty());
    CHECK(library.quiz_files().empty());
    CHECK(library.lesson_files().empty());
    const auto bank = library.Bank();
    REQUIRE_FALSE(bank.ok());
    CHECK(bank.status().code() == ErrorCode::kNotFound);
  }
}

TEST_CASE("Load reads the learner's files after the bundled ones and skips the format's own") {
  TempDir dir;
  const ContentFolders folders = FoldersIn(dir);
  Write(fs::path(folders.quizzes) / "b.json", QuizText("bundled-b", {"q"}));
  Write(fs::path(folders.quizzes) / "sub" / "a.json", QuizText("bundled-sub", {"q"}));
  Write(fs::path(folders.quizzes) / "quiz.schema.json", "{\"not\": \"a quiz\"}");
  Write(fs::path(folders.quizzes) / "README.md", "# Not a lesson\n");
  Write(fs::path(folders.lessons) / "README.md", "# Not a lesson\n");
  Write(fs::path(folders.lessons) / "l.md", LessonText("bundled-lesson"));
  Write(fs::path(folders.user_quizzes) / "a.json", QuizText("user-quiz", {"q"}));
  Write(fs::path(folders.user_lessons) / "l.md", LessonText("user-lesson"));

  const ContentLibrary library = ContentLibrary::Load(folders);
  CHECK_MESSAGE(library.Problems().empty(), Listing(library.Problems()));
  REQUIRE(library.quiz_files().size() == 3);
  std::vector<std::string> quiz_ids;
  for (const Quiz* quiz : library.quizzes()) quiz_ids.push_back(quiz->id);
  // Bundled first (sorted by path: "b.json" before "sub/a.json"), then the learner's.
  CHECK(quiz_ids == std::vector<std::string>{"bundled-b", "bundled-sub", "user-quiz"});
  CHECK(library.quiz_files()[0].origin == ContentOrigin::kBundled);
  CHECK(library.quiz_files()[2].origin == ContentOrigin::kUser);
  REQUIRE(library.lesson_files().size() == 2);
  CHECK(library.lesson_files()[0].lesson->id == "bundled-lesson");
  CHECK(library.lesson_files()[0].origin == ContentOrigin::kBundled);
  CHECK(library.lesson_files()[1].lesson->id == "user-lesson");
  CHECK(library.lesson_files()[1].origin == ContentOrigin::kUser);
}

TEST_CASE("FindQuiz, FindLesson and FindQuestion look content up by id") {
  TempDir dir;
  const ContentFolders folders = FoldersIn(dir);
  Write(fs::path(folders.quizzes) / "stages.json", QuizText("stages", {"s1", "s2"}));
  Write(fs::path(folders.lessons) / "visual.md", LessonWithVisualQuiz("visual"));
  const ContentLibrary library = ContentLibrary::Load(folders);
  REQUIRE_MESSAGE(library.Problems().empty(), Listing(library.Problems()));

  REQUIRE(library.FindQuiz("stages") != nullptr);
  CHECK(library.FindQuiz("stages")->questions.size() == 2);
  CHECK(library.FindQuiz("visual") == nullptr);  // a lesson is not a quiz
  CHECK(library.FindQuiz("nope") == nullptr);
  REQUIRE(library.FindLesson("visual") != nullptr);
  CHECK(library.FindLesson("visual")->title == "T");
  CHECK(library.FindLesson("stages") == nullptr);

  const Question* s2 = library.FindQuestion("stages", "s2");
  REQUIRE(s2 != nullptr);
  CHECK(s2->id == "s2");
  CHECK(s2 == &library.FindQuiz("stages")->questions[1]);
  SUBCASE("a question inside a lesson's quiz block, by the lesson's id") {
    const Question* standalone = library.FindQuestion("visual", "standalone");
    REQUIRE(standalone != nullptr);
    CHECK(standalone->id == "standalone");
    // A question about the walkthrough is recorded like any other, so it is found too.
    const Question* tracker = library.FindQuestion("visual", "tracker");
    REQUIRE(tracker != nullptr);
    REQUIRE(tracker->verify.has_value());
    CHECK(tracker->verify->after_step == 2);
  }
  SUBCASE("gone") {
    CHECK(library.FindQuestion("stages", "standalone") == nullptr);
    CHECK(library.FindQuestion("visual", "s1") == nullptr);
    CHECK(library.FindQuestion("nope", "s1") == nullptr);
    CHECK(library.FindQuestion("", "") == nullptr);
  }
}

TEST_CASE("Bank gives every quiz, one quiz, or a lesson's standalone questions") {
  TempDir dir;
  const ContentFolders folders = FoldersIn(dir);
  Write(fs::path(folders.quizzes) / "a.json", QuizText("alpha", {"a1", "a2"}));
  Write(fs::path(folders.quizzes) / "b.json", QuizText("beta", {"b1"}));
  const std::string lesson_path =
      Write(fs::path(folders.lessons) / "visual.md", LessonWithVisualQuiz("visual"));
  Write(fs::path(folders.lessons) / "plain.md", LessonText("plain"));
  const ContentLibrary library = ContentLibrary::Load(folders);
  REQUIRE_MESSAGE(library.Problems().empty(), Listing(library.Problems()));

  SUBCASE("an empty selector: every usable quiz") {
    const auto bank = library.Bank("");
    REQUIRE(bank.ok());
    CHECK(Ids(*bank) == std::vector<std::string>{"alpha", "beta"});
    CHECK(QuestionIds((*bank)[0]) == std::vector<std::string>{"a1", "a2"});
  }
  SUBCASE("a quiz id") {
    const auto bank = library.Bank("beta");
    REQUIRE(bank.ok());
    CHECK(Ids(*bank) == std::vector<std::string>{"beta"});
    CHECK(QuestionIds((*bank)[0]) == std::vector<std::string>{"b1"});
  }
  SUBCASE("a lesson id: its questions that stand on their own, as a quiz with its id") {
    const auto bank = library.Bank("visual");
    REQUIRE(bank.ok());
    REQUIRE(bank->size() == 1);
    const Quiz& quiz = (*bank)[0];
    CHECK(quiz.id == "visual");
    CHECK(quiz.path == lesson_path);
    CHECK(quiz.topic == "Model stages");
    CHECK(QuestionIds(quiz) == std::vector<std::string>{"standalone"});  // not "tracker"
  }
  SUBCASE("a lesson with no standalone question") {
    const auto bank = library.Bank("plain");
    REQUIRE_FALSE(bank.ok());
    CHECK(bank.status().code() == ErrorCode::kNotFound);
    CHECK(Contains(bank.status().message(), "plain"));
  }
  SUBCASE("an unknown id names the known quizzes and lessons") {
    const auto bank = library.Bank("gamma");
    REQUIRE_FALSE(bank.ok());
    CHECK(bank.status().code() == ErrorCode::kNotFound);
    const std::string message = bank.status().message();
    CHECK(Contains(message, "\"gamma\""));
    for (const char* id : {"alpha", "beta", "visual", "plain"}) {
      CAPTURE(id);
      CHECK(Contains(message, id));
    }
  }
}

TEST_CASE("Bank with no quizzes draws on the lessons' questions") {
  TempDir dir;
  const ContentFolders folders = FoldersIn(dir);
  Write(fs::path(folders.lessons) / "visual.md", LessonWithVisualQuiz("visual"));
  Write(fs::path(folders.lessons) / "plain.md", LessonText("plain"));
  const ContentLibrary library = ContentLibrary::Load(folders);
  REQUIRE_MESSAGE(library.Problems().empty(), Listing(library.Problems()));
  const auto bank = library.Bank();
  REQUIRE(bank.ok());
  REQUIRE(Ids(*bank) == std::vector<std::string>{"visual"});  // "plain" has no question
  CHECK(QuestionIds((*bank)[0]) == std::vector<std::string>{"standalone"});
}

TEST_CASE("Everything holds every quiz and each lesson's standalone questions") {
  TempDir dir;
  const ContentFolders folders = FoldersIn(dir);
  Write(fs::path(folders.quizzes) / "a.json", QuizText("alpha", {"a1"}));
  Write(fs::path(folders.quizzes) / "broken.json", QuizText("broken", {"x"}, "E"));
  Write(fs::path(folders.lessons) / "visual.md", LessonWithVisualQuiz("visual"));
  Write(fs::path(folders.lessons) / "plain.md", LessonText("plain"));
  Write(fs::path(folders.lessons) / "only-tracker.md",
        LessonText("only-tracker",
                   "# Step by step\n\n```walkthrough\n# Register the model\n"
                   "models create fraud\n```\n\n" +
                       QuizBlock("tracker", "A",
                                 "\"verify\": {\"after-step\": 1, \"check\": \"stage\", "
                                 "\"model\": \"fraud\", \"version\": 1}")));
  const ContentLibrary library = ContentLibrary::Load(folders);
  REQUIRE(library.FilesWithProblems() == 1);  // broken.json

  const std::vector<Quiz> everything = library.Everything();
  CHECK(Ids(everything) == std::vector<std::string>{"alpha", "visual"});
  REQUIRE(everything.size() == 2);
  CHECK(QuestionIds(everything[1]) == std::vector<std::string>{"standalone"});
  // As LessonQuiz gives it.
  const Lesson* visual = library.FindLesson("visual");
  REQUIRE(visual != nullptr);
  CHECK(QuestionIds(LessonQuiz(*visual)) == QuestionIds(everything[1]));
}

TEST_CASE("LoadPaths reads the files and folders given, and reports a missing path") {
  TempDir dir;
  const std::string quiz = Write(dir.path / "one.json", QuizText("one", {"q"}));
  const std::string other = Write(dir.path / "quiz.txt", QuizText("by-name", {"q"}));
  const std::string lesson = Write(dir.path / "lone.md", LessonText("lone"));
  const fs::path folder = dir.path / "folder";
  Write(folder / "two.json", QuizText("two", {"q"}));
  Write(folder / "deep" / "three.json", QuizText("three", {"q"}));
  Write(folder / "inner.md", LessonText("inner"));
  Write(folder / "README.md", "# Not a lesson\n");
  Write(folder / "quiz.schema.json", "{}");
  const std::string missing = (dir.path / "missing.json").string();

  std::optional<ContentLibrary> loaded;
  CHECK_NOTHROW(
      loaded.emplace(ContentLibrary::LoadPaths({quiz, other, lesson, folder.string(), missing})));
  REQUIRE(loaded.has_value());
  const ContentLibrary& library = *loaded;

  for (const char* id : {"one", "by-name", "two", "three"}) {
    CAPTURE(id);
    CHECK(library.FindQuiz(id) != nullptr);
  }
  CHECK(library.FindLesson("lone") != nullptr);
  CHECK(library.FindLesson("inner") != nullptr);
  CHECK(library.FindLesson("README") == nullptr);
  CHECK(library.quizzes().size() == 4);
  CHECK(library.lessons().size() == 2);
  for (const auto& file : library.quiz_files()) CHECK(file.origin == ContentOrigin::kGiven);
  for (const auto& file : library.lesson_files()) CHECK(file.origin == ContentOrigin::kGiven);

  const std::vector<QuizProblem> problems = library.Problems();
  REQUIRE_MESSAGE(problems.size() == 1, Listing(problems));
  const QuizProblem& problem = problems[0];
  CHECK(problem.file == missing);
  CHECK(problem.line == 1);
  CHECK(problem.column == 1);
  CHECK(Contains(problem.message, "No such file"));
  CHECK(library.FilesWithProblems() == 1);
  CHECK(QuizFileAt(library, quiz) != nullptr);
  CHECK(LessonFileAt(library, lesson) != nullptr);
}

TEST_CASE("DataFolder honours an absolute XDG_DATA_HOME, else uses HOME") {
  ScopedEnv home("HOME", "/home/learner");
  SUBCASE("an absolute XDG_DATA_HOME") {
    ScopedEnv xdg("XDG_DATA_HOME", "/srv/data");
    CHECK(DataFolder() == "/srv/data/stagecraft");
  }
  SUBCASE("a relative XDG_DATA_HOME is ignored") {
    ScopedEnv xdg("XDG_DATA_HOME", "relative/data");
    CHECK(DataFolder() == "/home/learner/.local/share/stagecraft");
  }
  SUBCASE("an empty XDG_DATA_HOME is ignored") {
    ScopedEnv xdg("XDG_DATA_HOME", "");
    CHECK(DataFolder() == "/home/learner/.local/share/stagecraft");
  }
  SUBCASE("no XDG_DATA_HOME") {
    ScopedEnv xdg("XDG_DATA_HOME", std::nullopt);
    CHECK(DataFolder() == "/home/learner/.local/share/stagecraft");
  }
}

TEST_CASE("DefaultContentFolders honours STAGECRAFT_QUIZZES and STAGECRAFT_LESSONS") {
  ScopedEnv xdg("XDG_DATA_HOME", "/srv/data");
  SUBCASE("both set") {
    ScopedEnv quizzes("STAGECRAFT_QUIZZES", "/opt/q");
    ScopedEnv lessons("STAGECRAFT_LESSONS", "/opt/l");
    const ContentFolders folders = DefaultContentFolders();
    CHECK(folders.quizzes == "/opt/q");
    CHECK(folders.lessons == "/opt/l");
    CHECK(folders.user_quizzes == "/srv/data/stagecraft/quizzes");
    CHECK(folders.user_lessons == "/srv/data/stagecraft/lessons");
  }
  SUBCASE("challenges: STAGECRAFT_CHALLENGES, else the source tree's") {
    {
      ScopedEnv challenges("STAGECRAFT_CHALLENGES", "/opt/c");
      const ContentFolders folders = DefaultContentFolders();
      CHECK(folders.challenges == "/opt/c");
      CHECK(folders.user_challenges == "/srv/data/stagecraft/challenges");
    }
    ScopedEnv challenges("STAGECRAFT_CHALLENGES", std::nullopt);
    std::error_code ec;
    CHECK(fs::equivalent(DefaultContentFolders().challenges, STAGECRAFT_CHALLENGES_DIR, ec));
  }
  SUBCASE("unset: the source tree this test was built in") {
    // The build folder sits in the source tree (or the executable remembers it), so the
    // shipped folders are found either way.
    ScopedEnv quizzes("STAGECRAFT_QUIZZES", std::nullopt);
    ScopedEnv lessons("STAGECRAFT_LESSONS", "");
    const ContentFolders folders = DefaultContentFolders();
    std::error_code ec;
    CHECK(fs::equivalent(folders.quizzes, STAGECRAFT_QUIZZES_DIR, ec));
    CHECK(fs::equivalent(folders.lessons, STAGECRAFT_LESSONS_DIR, ec));
  }
}

TEST_CASE("The shipped quizzes and lessons load without problems") {
  const ContentLibrary library =
      ContentLibrary::Load({STAGECRAFT_QUIZZES_DIR, STAGECRAFT_LESSONS_DIR, "", ""});
  CHECK_MESSAGE(library.Problems().empty(), Listing(library.Problems()));
  CHECK_FALSE(library.quizzes().empty());
  const Lesson* lesson = library.FindLesson("promoting-between-stages");
  REQUIRE(lesson != nullptr);
  CHECK(lesson->modes.size() == kLessonModeCount);
  // Every lesson's practice quiz is in the bank.
  for (const Lesson* each : library.lessons()) {
    CAPTURE(each->id);
    if (!each->quiz_id.empty()) CHECK(library.FindQuiz(each->quiz_id) != nullptr);
  }
  const auto bank = library.Bank();
  REQUIRE(bank.ok());
  CHECK(bank->size() == library.quizzes().size());
}

TEST_CASE("Challenges load from their folders; a file with problems is kept and not used") {
  TempDir dir;
  ContentFolders folders;
  folders.challenges = (dir.path / "challenges").string();
  folders.user_challenges = (dir.path / "data" / "challenges").string();
  dir.Write("challenges/demo.challenge.json", testing::ChallengeJson());
  dir.Write("challenges/not-a-challenge.json", "{}");  // not *.challenge.json: not looked at
  const std::string broken = dir.Write("data/challenges/broken.challenge.json", "{\"format\": 2}");
  const std::string twice = dir.Write("data/challenges/twice.challenge.json",
                                      testing::ChallengeJson());  // id "demo" again
  const ContentLibrary library = ContentLibrary::Load(folders);
  REQUIRE(library.challenge_files().size() == 3);
  REQUIRE(library.challenges().size() == 1);
  CHECK(library.FindChallenge("demo") == library.challenges()[0]);
  CHECK(library.challenge_files()[0].origin == ContentOrigin::kBundled);
  CHECK(library.FindChallenge("nope") == nullptr);
  CHECK(library.FilesWithProblems() == 2);
  const ChallengeFile& bad = library.challenge_files()[1];
  CHECK(bad.path == broken);
  CHECK(bad.origin == ContentOrigin::kUser);
  CHECK_FALSE(bad.challenge.has_value());
  CHECK_FALSE(bad.problems.empty());
  const ChallengeFile& second = library.challenge_files()[2];
  CHECK_FALSE(second.challenge.has_value());
  INFO(Listing(second.problems));
  REQUIRE(second.problems.size() == 1);
  CHECK(Contains(second.problems[0].message, "the id \"demo\" is already used by"));
  CHECK(library.quiz_files().empty());  // challenges are never read as quizzes

  SUBCASE("a challenge file named on the command line, and a folder holding one") {
    const ContentLibrary given = ContentLibrary::LoadPaths({twice, (dir.path / "challenges").string()});
    CHECK(given.challenges().size() == 1);  // the folder's is the same id: a problem
    CHECK(given.challenge_files().size() == 2);
    CHECK(given.quiz_files().size() == 1);  // not-a-challenge.json, as a quiz
  }
}

}  // namespace
}  // namespace stagecraft::core
