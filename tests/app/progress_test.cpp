#include "core/progress.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "stagecraft/sqlite/database.h"
#include "temp_dir.h"

namespace {

using stagecraft::core::ChallengeRecord;
using stagecraft::core::Attempt;
using stagecraft::core::ContentHash;
using stagecraft::core::ProgressStore;
using stagecraft::core::Question;
using stagecraft::core::ReadingProgress;
using stagecraft::core::UnixTime;
using stagecraft::testing::TempDir;
namespace fs = std::filesystem;

constexpr UnixTime kDay = 86400;
constexpr UnixTime kT0 = 1700000000;  // 2023-11-14 22:13:20 UTC


std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

Attempt MakeAttempt(const std::string& question, bool correct, UnixTime when,
                    const std::string& topic = "stages", const std::string& level = "easy") {
  Attempt a;
  a.quiz_id = "basics";
  a.question_id = question;
  a.content_hash = "h1";
  a.topic = topic;
  a.level = level;
  a.answer = "A";
  a.correct = correct;
  a.confidence = 2;
  a.seconds = 3.5;
  a.when = when;
  return a;
}

// The file names in `dir`, sorted.
std::vector<std::string> Entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// SQLite header fields are big-endian 32-bit integers: user_version at 60, application_id at 68.
constexpr std::size_t kUserVersionOffset = 60;
constexpr std::size_t kApplicationIdOffset = 68;

std::uint32_t HeaderField(const std::string& bytes, std::size_t offset) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes.at(offset + i));
  }
  return value;
}

void SetHeaderField(std::string& bytes, std::size_t offset, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) {
    bytes.at(offset + i) = static_cast<char>((value >> (8 * (3 - i))) & 0xff);
  }
}

// A progress file at `path` holding one session with one attempt, closed cleanly (no -wal left).
void WriteOneAttempt(const std::string& path) {
  {
    auto store = ProgressStore::Open(path);
    REQUIRE(store.ok());
    auto session = store->BeginSession("quiz", kT0);
    REQUIRE(session.ok());
    REQUIRE(store->Record(*session, MakeAttempt("q1", true, kT0)).ok());
  }
  REQUIRE_FALSE(fs::exists(path + "-wal"));
}

// An SQLite database with no tables, as a program leaves it after setting only its
// application_id (what `sqlite3 FILE "PRAGMA application_id = N"` writes): one 4096-byte page.
std::string EmptySqliteDatabase(std::uint32_t application_id) {
  std::string bytes(4096, '\0');
  bytes.replace(0, 16, std::string("SQLite format 3\0", 16));
  bytes[16] = 0x10;  // page size 4096
  bytes[18] = 1;     // legacy (rollback journal) write and read versions
  bytes[19] = 1;
  bytes[21] = 64;    // payload fractions
  bytes[22] = 32;
  bytes[23] = 32;
  SetHeaderField(bytes, 24, 1);  // file change counter
  SetHeaderField(bytes, 28, 1);  // pages in the file
  SetHeaderField(bytes, kApplicationIdOffset, application_id);
  SetHeaderField(bytes, 92, 1);  // version-valid-for: matches the change counter
  SetHeaderField(bytes, 96, 3046000);
  bytes[100] = 0x0d;  // page 1: an empty table b-tree leaf (sqlite_schema)
  bytes[105] = 0x10;  // cell content starts at 4096
  return bytes;
}

// The path a moved-aside notice names ("... moved it to PATH and started a new one").
std::string MovedTo(const std::string& notice) {
  const std::string marker = "moved it to ";
  auto at = notice.find(marker);
  REQUIRE_MESSAGE(at != std::string::npos, notice);
  auto end = notice.find(" and started a new one", at);
  REQUIRE_MESSAGE(end != std::string::npos, notice);
  return notice.substr(at + marker.size(), end - at - marker.size());
}

ProgressStore OpenMemory() {
  auto store = ProgressStore::Open(":memory:");
  REQUIRE(store.ok());
  return std::move(*store);
}

// When the question is next due after its only schedule row's update.
UnixTime DueOf(const ProgressStore& store) {
  auto due = store.Due(kT0 + 10000 * kDay);
  REQUIRE(due.ok());
  REQUIRE(due->size() == 1);
  return (*due)[0].due;
}

Question SampleQuestion() {
  Question q;
  q.id = "q1";
  q.prompt = "Which stage serves traffic?";
  q.code = "stagecraft promote churn 3";
  q.options = {{"Staging", ""}, {"Production", "right"}, {"Archived", ""}};
  q.answers = {1};
  return q;
}

}  // namespace

TEST_CASE("correct answers are scheduled 1 day, 6 days, then the interval times the easiness") {
  auto store = OpenMemory();
  auto session = store.BeginSession("quiz", kT0);
  REQUIRE(session.ok());
  UnixTime t = kT0;
  REQUIRE(store.Record(*session, MakeAttempt("q1", true, t)).ok());  // grade 4: EF stays 2.5
  CHECK(DueOf(store) == t + 1 * kDay);
  t += kDay;
  REQUIRE(store.Record(*session, MakeAttempt("q1", true, t)).ok());
  CHECK(DueOf(store) == t + 6 * kDay);
  t += 6 * kDay;
  REQUIRE(store.Record(*session, MakeAttempt("q1", true, t)).ok());
  CHECK(DueOf(store) == t + 15 * kDay);  // 6 * 2.5
  t += 15 * kDay;
  REQUIRE(store.Record(*session, MakeAttempt("q1", true, t)).ok());
  CHECK(DueOf(store) == t + 38 * kDay);  // round(15 * 2.5)
}

TEST_CASE("a wrong answer makes the question due again in one day") {
  auto store = OpenMemory();
  auto session = store.BeginSession("quiz", kT0);
  REQUIRE(session.ok());
  UnixTime t = kT0;
  for (int i = 0; i < 3; ++i, t += 10 * kDay) {
    REQUIRE(store.Record(*session, MakeAttempt("q1", true, t)).ok());
  }
  REQUIRE(store.Record(*session, MakeAttempt("q1", false, t)).ok());
  CHECK(DueOf(store) == t + kDay);
  // The repetitions started over: the next right answer gives 1 day, then 6.
  REQUIRE(store.Record(*session, MakeAttempt("q1", true, t + kDay)).ok());
  CHECK(DueOf(store) == t + 2 * kDay);
  REQUIRE(store.Record(*session, MakeAttempt("q1", true, t + 2 * kDay)).ok());
  CHECK(DueOf(store) == t + 8 * kDay);
}

TEST_CASE("an attempt that does not schedule is counted but never comes due") {
  auto store = OpenMemory();
  auto session = store.BeginSession("walkthrough", kT0);
  REQUIRE(session.ok());
  Attempt prediction = MakeAttempt("walkthrough-step-3", false, kT0);
  prediction.schedule = false;
  REQUIRE(store.Record(*session, prediction).ok());
  auto schedule = store.ScheduleOf("basics", "walkthrough-step-3");
  REQUIRE(schedule.ok());
  CHECK_FALSE(schedule->has_value());
  auto due = store.Due(kT0 + 100 * kDay);
  REQUIRE(due.ok());
  CHECK(due->empty());
  auto stats = store.Stats(kT0);
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 1);
  // A scheduled one is found by ScheduleOf with its interval.
  REQUIRE(store.Record(*session, MakeAttempt("q1", false, kT0)).ok());
  schedule = store.ScheduleOf("basics", "q1");
  REQUIRE(schedule.ok());
  REQUIRE(schedule->has_value());
  CHECK((*schedule)->interval_days == 1);
  CHECK((*schedule)->due == kT0 + kDay);
}

TEST_CASE("the easiness never falls below 1.3") {
  auto store = OpenMemory();
  auto session = store.BeginSession("quiz", kT0);
  REQUIRE(session.ok());
  UnixTime t = kT0;
  // Confident wrong answers (grade 0) drop the easiness by 0.8 each: to the floor quickly.
  for (int i = 0; i < 5; ++i, t += kDay) {
    Attempt wrong = MakeAttempt("q1", false, t);
    wrong.confidence = 3;
    REQUIRE(store.Record(*session, wrong).ok());
  }
  // Then barely-right answers (grade 3, -0.14 each) keep it at 1.3: 1, 6, round(6 * 1.3) = 8.
  for (UnixTime gap : {1, 6, 8}) {
    Attempt right = MakeAttempt("q1", true, t);
    right.confidence = 1;
    REQUIRE(store.Record(*session, right).ok());
    CHECK(DueOf(store) == t + gap * kDay);
    t += gap * kDay;
  }
  Attempt right = MakeAttempt("q1", true, t);
  right.confidence = 1;
  REQUIRE(store.Record(*session, right).ok());
  CHECK(DueOf(store) == t + 10 * kDay);  // round(8 * 1.3) = 10
}

TEST_CASE("a question edited since it was scheduled starts over") {
  auto store = OpenMemory();
  auto session = store.BeginSession("quiz", kT0);
  REQUIRE(session.ok());
  REQUIRE(store.Record(*session, MakeAttempt("q1", true, kT0)).ok());
  REQUIRE(store.Record(*session, MakeAttempt("q1", true, kT0 + kDay)).ok());
  CHECK(DueOf(store) == kT0 + 7 * kDay);
  Attempt edited = MakeAttempt("q1", true, kT0 + 7 * kDay);
  edited.content_hash = "h2";
  REQUIRE(store.Record(*session, edited).ok());
  CHECK(DueOf(store) == kT0 + 8 * kDay);  // first repetition again, not 15 days
}

TEST_CASE("Due lists questions due now, most overdue first") {
  auto store = OpenMemory();
  auto session = store.BeginSession("review", kT0);
  REQUIRE(session.ok());
  REQUIRE(store.Record(*session, MakeAttempt("late", false, kT0 + 2 * kDay)).ok());   // due +3
  REQUIRE(store.Record(*session, MakeAttempt("later", false, kT0 + 3 * kDay)).ok());  // due +4
  REQUIRE(store.Record(*session, MakeAttempt("latest", false, kT0)).ok());            // due +1
  REQUIRE(store.Record(*session, MakeAttempt("future", false, kT0 + 9 * kDay)).ok()); // due +10
  auto due = store.Due(kT0 + 5 * kDay);
  REQUIRE(due.ok());
  REQUIRE(due->size() == 3);
  CHECK((*due)[0].question_id == "latest");
  CHECK((*due)[0].due == kT0 + kDay);
  CHECK((*due)[1].question_id == "late");
  CHECK((*due)[2].question_id == "later");
  auto none = store.Due(kT0);
  REQUIRE(none.ok());
  CHECK(none->empty());
}

TEST_CASE("PastScores gives each session's answers on a bank, oldest first, newest kept") {
  auto store = OpenMemory();
  auto attempt_on = [](const std::string& quiz, const std::string& question, bool correct,
                       UnixTime when) {
    Attempt a = MakeAttempt(question, correct, when);
    a.quiz_id = quiz;
    return a;
  };
  // Session 1 (a quiz): 2 of 3 right on "basics", 1 answer on another bank.
  auto first = store.BeginSession("quiz", kT0);
  REQUIRE(first.ok());
  REQUIRE(store.Record(*first, attempt_on("basics", "q1", true, kT0)).ok());
  REQUIRE(store.Record(*first, attempt_on("basics", "q2", false, kT0 + 10)).ok());
  REQUIRE(store.Record(*first, attempt_on("basics", "q3", true, kT0 + 20)).ok());
  REQUIRE(store.Record(*first, attempt_on("other", "x1", false, kT0 + 30)).ok());
  // Session 2 answers only the other bank; session 3 is an exam with 1 of 1 right.
  auto second = store.BeginSession("quiz", kT0 + kDay);
  REQUIRE(second.ok());
  REQUIRE(store.Record(*second, attempt_on("other", "x1", true, kT0 + kDay)).ok());
  auto third = store.BeginSession("exam", kT0 + 2 * kDay);
  REQUIRE(third.ok());
  REQUIRE(store.Record(*third, attempt_on("basics", "q2", true, kT0 + 2 * kDay)).ok());
  // A session begun with no answer is no point of the history.
  REQUIRE(store.BeginSession("quiz", kT0 + 3 * kDay).ok());

  auto scores = store.PastScores({"basics"}, 10);
  REQUIRE(scores.ok());
  REQUIRE(scores->size() == 2);
  CHECK((*scores)[0].session_id == *first);
  CHECK((*scores)[0].mode == "quiz");
  CHECK((*scores)[0].when == kT0);
  CHECK((*scores)[0].answered == 3);
  CHECK((*scores)[0].correct == 2);
  CHECK((*scores)[1].session_id == *third);
  CHECK((*scores)[1].mode == "exam");
  CHECK((*scores)[1].answered == 1);
  CHECK((*scores)[1].correct == 1);
  // Not ended: asked is what was answered. Session 1 also answered another bank, so its total
  // says nothing about these questions.
  CHECK((*scores)[1].asked == 1);
  CHECK((*scores)[0].asked == 3);

  SUBCASE("an ended session on these questions alone counts its unanswered ones") {
    REQUIRE(store.EndSession(*third, 1, 4, kT0 + 2 * kDay + 60).ok());
    REQUIRE(store.EndSession(*first, 3, 9, kT0 + 60).ok());
    auto ended = store.PastScores({"basics"}, 10);
    REQUIRE(ended.ok());
    CHECK((*ended)[1].asked == 4);  // 1 of 4 asked: 25%, as the run's own score said
    CHECK((*ended)[0].asked == 3);  // mixed with another bank: its answers only
  }

  SUBCASE("several ids together count every answer to any of them") {
    auto both = store.PastScores({"basics", "other"}, 10);
    REQUIRE(both.ok());
    REQUIRE(both->size() == 3);
    CHECK((*both)[0].answered == 4);
    CHECK((*both)[1].session_id == *second);
  }
  SUBCASE("the limit keeps the newest sessions, still oldest first") {
    auto last = store.PastScores({"basics", "other"}, 2);
    REQUIRE(last.ok());
    REQUIRE(last->size() == 2);
    CHECK((*last)[0].session_id == *second);
    CHECK((*last)[1].session_id == *third);
  }
  SUBCASE("no ids, or a bank never answered, has no history") {
    auto none = store.PastScores({}, 10);
    REQUIRE(none.ok());
    CHECK(none->empty());
    auto unknown = store.PastScores({"never"}, 10);
    REQUIRE(unknown.ok());
    CHECK(unknown->empty());
  }
}

TEST_CASE("Stats break accuracy down by topic and level and list recent attempts") {
  auto store = OpenMemory();
  auto s1 = store.BeginSession("quiz", kT0);
  auto s2 = store.BeginSession("exam", kT0 + 100);
  REQUIRE(s1.ok());
  REQUIRE(s2.ok());
  REQUIRE(store.Record(*s1, MakeAttempt("a", true, kT0 + 1, "stages", "easy")).ok());
  REQUIRE(store.Record(*s1, MakeAttempt("b", false, kT0 + 2, "aliases", "hard")).ok());
  REQUIRE(store.Record(*s2, MakeAttempt("c", true, kT0 + 3, "stages", "hard")).ok());
  REQUIRE(store.EndSession(*s1, 1, 2, kT0 + 50).ok());
  CHECK(store.EndSession(999, 0, 0, kT0).code() == stagecraft::engine::ErrorCode::kNotFound);
  CHECK(store.Record(999, MakeAttempt("x", true, kT0)).code() ==
        stagecraft::engine::ErrorCode::kNotFound);

  auto stats = store.Stats(kT0 + 10);
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 3);
  CHECK(stats->correct == 2);
  CHECK(stats->sessions == 2);
  REQUIRE(stats->by_topic.size() == 2);
  CHECK(stats->by_topic[0].key == "aliases");
  CHECK(stats->by_topic[0].attempts == 1);
  CHECK(stats->by_topic[0].correct == 0);
  CHECK(stats->by_topic[1].key == "stages");
  CHECK(stats->by_topic[1].attempts == 2);
  CHECK(stats->by_topic[1].correct == 2);
  REQUIRE(stats->by_level.size() == 2);
  CHECK(stats->by_level[0].key == "easy");
  CHECK(stats->by_level[1].key == "hard");
  CHECK(stats->by_level[1].attempts == 2);
  CHECK(stats->by_level[1].correct == 1);
  REQUIRE(stats->recent.size() == 3);
  CHECK(stats->recent[0].question_id == "c");
  CHECK(stats->recent[2].question_id == "a");
  CHECK(stats->recent[1].answer == "A");
  CHECK(stats->recent[1].seconds == doctest::Approx(3.5));
  CHECK(stats->recent[1].confidence == 2);
}

TEST_CASE("Stats list only the 10 most recent attempts") {
  auto store = OpenMemory();
  auto session = store.BeginSession("quiz", kT0);
  REQUIRE(session.ok());
  for (int i = 0; i < 12; ++i) {
    REQUIRE(store.Record(*session, MakeAttempt("q" + std::to_string(i), true, kT0 + i)).ok());
  }
  auto stats = store.Stats(kT0 + 100);
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 12);
  REQUIRE(stats->recent.size() == 10);
  CHECK(stats->recent.front().question_id == "q11");
  CHECK(stats->recent.back().question_id == "q2");
}

TEST_CASE("the streak counts consecutive UTC days ending today or yesterday") {
  const UnixTime day0 = (kT0 / kDay) * kDay;  // midnight UTC
  auto store = OpenMemory();
  auto session = store.BeginSession("quiz", day0);
  REQUIRE(session.ok());
  // Days 0, 1, 2 (two attempts on day 2), a gap on day 3... then day 5.
  for (UnixTime t : {day0 + 100, day0 + kDay + 5, day0 + 2 * kDay + 10, day0 + 2 * kDay + 80000}) {
    REQUIRE(store.Record(*session, MakeAttempt("q", true, t)).ok());
  }
  auto streak_at = [&](UnixTime now) {
    auto stats = store.Stats(now);
    REQUIRE(stats.ok());
    return stats->streak_days;
  };
  CHECK(streak_at(day0 + 2 * kDay + 86000) == 3);  // ends today
  CHECK(streak_at(day0 + 3 * kDay + 10) == 3);     // ends yesterday
  CHECK(streak_at(day0 + 4 * kDay + 10) == 0);     // broken
  CHECK(streak_at(day0 + kDay + 10) == 2);         // later attempts are not counted yet
  REQUIRE(store.Record(*session, MakeAttempt("q", true, day0 + 5 * kDay)).ok());
  CHECK(streak_at(day0 + 5 * kDay + 10) == 1);
}

TEST_CASE("progress persists across reopening the file") {
  TempDir dir;
  const std::string path = (dir.path / "progress.db").string();
  {
    auto store = ProgressStore::Open(path);
    REQUIRE(store.ok());
    CHECK(store->notice().empty());
    auto session = store->BeginSession("quiz", kT0);
    REQUIRE(session.ok());
    REQUIRE(store->Record(*session, MakeAttempt("q1", false, kT0)).ok());
    REQUIRE(store->EndSession(*session, 0, 1, kT0 + 60).ok());
  }
  auto store = ProgressStore::Open(path);
  REQUIRE(store.ok());
  CHECK(store->notice().empty());
  auto stats = store->Stats(kT0 + 60);
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 1);
  CHECK(stats->sessions == 1);
  auto due = store->Due(kT0 + kDay);
  REQUIRE(due.ok());
  REQUIRE(due->size() == 1);
  CHECK((*due)[0].question_id == "q1");
}

ReadingProgress Read(const std::string& lesson, const std::string& mode, int position, int blocks,
                     UnixTime when) {
  ReadingProgress progress;
  progress.lesson_id = lesson;
  progress.mode = mode;
  progress.position = position;
  progress.blocks = blocks;
  progress.when = when;
  return progress;
}

TEST_CASE("how far a mode was read is saved and read back, per lesson and mode") {
  ProgressStore store = OpenMemory();
  auto none = store.ReadingOf("rollback", "why");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  REQUIRE(store.SaveReading(Read("rollback", "why", 3, 12, kT0)).ok());
  REQUIRE(store.SaveReading(Read("rollback", "deep-dive", 12, 12, kT0 + 5)).ok());
  REQUIRE(store.SaveReading(Read("aliases", "why", 1, 4, kT0 + 9)).ok());

  auto why = store.ReadingOf("rollback", "why");
  REQUIRE(why.ok());
  REQUIRE(why->has_value());
  CHECK((*why)->position == 3);
  CHECK((*why)->furthest == 3);
  CHECK((*why)->blocks == 12);
  CHECK((*why)->when == kT0);
  CHECK_FALSE((*why)->done());

  auto all = store.Readings();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 3);
  CHECK((*all)[0].lesson_id == "aliases");
  CHECK((*all)[1].mode == "deep-dive");
  CHECK((*all)[1].done());
  CHECK((*all)[2].mode == "why");
}

TEST_CASE("a reading saved again moves its position; the furthest point only grows") {
  ProgressStore store = OpenMemory();
  REQUIRE(store.SaveReading(Read("rollback", "why", 8, 12, kT0)).ok());
  REQUIRE(store.SaveReading(Read("rollback", "why", 2, 12, kT0 + 60)).ok());  // started over
  auto read = store.ReadingOf("rollback", "why");
  REQUIRE(read.ok());
  REQUIRE(read->has_value());
  CHECK((*read)->position == 2);
  CHECK((*read)->furthest == 8);
  CHECK((*read)->when == kT0 + 60);

  SUBCASE("the lesson edited: its mode has other blocks, and the old mark means nothing") {
    REQUIRE(store.SaveReading(Read("rollback", "why", 3, 14, kT0 + 120)).ok());
    read = store.ReadingOf("rollback", "why");
    REQUIRE(read.ok());
    CHECK((*read)->position == 3);
    CHECK((*read)->furthest == 3);
    CHECK((*read)->blocks == 14);
  }
}

TEST_CASE("a reading position outside its mode's blocks is refused and saves nothing") {
  ProgressStore store = OpenMemory();
  for (int position : {-1, 13}) {
    CAPTURE(position);
    const auto saved = store.SaveReading(Read("rollback", "why", position, 12, kT0));
    CHECK(saved.code() == stagecraft::engine::ErrorCode::kInvalidArgument);
  }
  auto all = store.Readings();
  REQUIRE(all.ok());
  CHECK(all->empty());
}

// A file as the first Stagecraft with a progress store left it: schema version 1 (sessions,
// attempts, schedule; no reading table), this copy of its migration frozen here as it shipped.
TEST_CASE("a progress file of the previous schema is migrated, its answers kept") {
  TempDir dir;
  const std::string path = (dir.path / "progress.db").string();
  {
    namespace sqlite = stagecraft::engine::sqlite;
    auto db = sqlite::Database::Open(path, /*create=*/true);
    REQUIRE(db.ok());
    const char* version_1 = R"sql(
      CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, mode TEXT NOT NULL,
        started_at INTEGER NOT NULL, ended_at INTEGER, correct INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE attempts (id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id), quiz_id TEXT NOT NULL,
        question_id TEXT NOT NULL, content_hash TEXT NOT NULL, topic TEXT NOT NULL,
        level TEXT NOT NULL, answer TEXT NOT NULL, correct INTEGER NOT NULL,
        confidence INTEGER NOT NULL, hints_used INTEGER NOT NULL, seconds REAL NOT NULL,
        at INTEGER NOT NULL);
      CREATE INDEX attempts_by_time ON attempts (at, id);
      CREATE INDEX attempts_by_session ON attempts (session_id);
      CREATE TABLE schedule (quiz_id TEXT NOT NULL, question_id TEXT NOT NULL,
        content_hash TEXT NOT NULL, easiness REAL NOT NULL, repetitions INTEGER NOT NULL,
        interval_days INTEGER NOT NULL, due_at INTEGER NOT NULL,
        PRIMARY KEY (quiz_id, question_id)) WITHOUT ROWID;
      CREATE INDEX schedule_by_due ON schedule (due_at);
    )sql";
    REQUIRE(sqlite::ApplyMigrations(**db, {version_1}, 0x53746750, "'" + path + "'").ok());
    REQUIRE((*db)->Exec("INSERT INTO sessions (mode, started_at) VALUES ('quiz', 1700000000);"
                        "INSERT INTO attempts VALUES (1, 1, 'basics', 'q1', 'h1', 'stages', "
                        "'easy', 'A', 1, 2, 0, 3.5, 1700000000);")
                .ok());
  }
  REQUIRE(HeaderField(ReadBytes(path), kUserVersionOffset) == 1);

  {
    auto store = ProgressStore::Open(path);
    REQUIRE(store.ok());
    CHECK(store->notice().empty());  // migrated in place, not moved aside
    auto stats = store->Stats(kT0);
    REQUIRE(stats.ok());
    CHECK(stats->attempts == 1);
    CHECK(stats->recent.at(0).question_id == "q1");
    auto readings = store->Readings();
    REQUIRE(readings.ok());
    CHECK(readings->empty());
    REQUIRE(store->SaveReading(Read("rollback", "why", 4, 12, kT0)).ok());
    auto challenges = store->ChallengeRecords();  // every later step applied too
    REQUIRE(challenges.ok());
    CHECK(challenges->empty());
  }
  const std::uint32_t migrated = HeaderField(ReadBytes(path), kUserVersionOffset);
  CHECK(migrated == 3);
  auto store = ProgressStore::Open(path);  // and reopened: nothing to migrate, the reading kept
  REQUIRE(store.ok());
  auto read = store->ReadingOf("rollback", "why");
  REQUIRE(read.ok());
  REQUIRE(read->has_value());
  CHECK((*read)->position == 4);
}

TEST_CASE("challenge tries are kept; the record counts them and keeps the fewest commands") {
  ProgressStore store = OpenMemory();
  auto none = store.ChallengeRecords();
  REQUIRE(none.ok());
  CHECK(none->empty());
  REQUIRE(store.RecordChallenge({"canary", false, 3, 6, kT0}).ok());
  REQUIRE(store.RecordChallenge({"canary", true, 8, 6, kT0 + 10}).ok());
  REQUIRE(store.RecordChallenge({"canary", true, 6, 6, kT0 + 20}).ok());
  REQUIRE(store.RecordChallenge({"basics", false, 2, 1, kT0 + 5}).ok());
  auto records = store.ChallengeRecords();
  REQUIRE(records.ok());
  REQUIRE(records->size() == 2);
  const ChallengeRecord& basics = (*records)[0];
  CHECK(basics.challenge_id == "basics");
  CHECK(basics.attempts == 1);
  CHECK(basics.solves == 0);
  CHECK_FALSE(basics.best.has_value());
  const ChallengeRecord& canary = (*records)[1];
  CHECK(canary.attempts == 3);
  CHECK(canary.solves == 2);
  CHECK(canary.best == 6);  // not the unsolved try's 3
  CHECK(canary.last == kT0 + 20);
}

TEST_CASE("a corrupt progress file is moved aside, bytes intact, and a new one started") {
  TempDir dir;
  const std::string path = (dir.path / "progress.db").string();
  {
    auto store = ProgressStore::Open(path);
    REQUIRE(store.ok());
    auto session = store->BeginSession("quiz", kT0);
    REQUIRE(session.ok());
    REQUIRE(store->Record(*session, MakeAttempt("q1", true, kT0)).ok());
  }
  // Keep the 100-byte header, wreck the schema page behind it.
  std::string bytes = ReadBytes(path);
  REQUIRE(bytes.size() > 4096);
  for (std::size_t i = 100; i < 4096; ++i) bytes[i] = static_cast<char>(0xA5 ^ (i * 7));
  WriteBytes(path, bytes);

  auto store = ProgressStore::Open(path);
  REQUIRE(store.ok());
  const std::string& notice = store->notice();
  INFO(notice);
  CHECK(notice.find("progress file " + path + " was unreadable (") == 0);
  const std::string moved = MovedTo(notice);
  CHECK(moved.rfind(path + ".corrupt-", 0) == 0);
  CHECK(moved.size() >= path.size() + std::string(".corrupt-YYYYMMDD-HHMMSS").size());
  REQUIRE(fs::exists(moved));
  CHECK(ReadBytes(moved) == bytes);

  auto session = store->BeginSession("quiz", kT0);
  REQUIRE(session.ok());
  REQUIRE(store->Record(*session, MakeAttempt("q2", true, kT0)).ok());
  auto stats = store->Stats(kT0);
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 1);
}

TEST_CASE("a text file in place of the progress file is moved aside") {
  TempDir dir;
  const std::string path = (dir.path / "progress.db").string();
  const std::string text = "these are my notes, not a database\n";
  WriteBytes(path, text);
  // A second moved-aside file in the same second gets a numbered name.
  for (int round = 0; round < 2; ++round) {
    if (round == 1) WriteBytes(path, text);
    auto store = ProgressStore::Open(path);
    REQUIRE(store.ok());
    CHECK(store->notice().find(path) != std::string::npos);
    CHECK(store->notice().find(".corrupt-") != std::string::npos);
  }
  int moved = 0;
  for (const auto& entry : fs::directory_iterator(dir.path)) {
    if (entry.path().filename().string().rfind("progress.db.corrupt-", 0) == 0) {
      CHECK(ReadBytes(entry.path()) == text);
      ++moved;
    }
  }
  CHECK(moved == 2);
  auto store = ProgressStore::Open(path);
  REQUIRE(store.ok());
  CHECK(store->notice().empty());
}

// A newer Stagecraft may have migrated the file past what this build knows; the learner may go
// back to it, so this build must neither move it aside nor migrate, stamp or repair it: it says
// so on one line naming the file, and progress is simply not saved this time.
TEST_CASE("a progress file from a newer Stagecraft is refused and left untouched") {
  TempDir dir;
  const std::string path = (dir.path / "progress.db").string();
  WriteOneAttempt(path);
  std::string bytes = ReadBytes(path);
  const std::uint32_t current = HeaderField(bytes, kUserVersionOffset);
  REQUIRE(current > 0);
  std::uint32_t newer = current + 1;
  SUBCASE("one version newer") {}
  SUBCASE("far newer") { newer = 0x7fffffff; }
  SetHeaderField(bytes, kUserVersionOffset, newer);
  WriteBytes(path, bytes);
  const auto entries = Entries(dir.path);

  for (int round = 0; round < 2; ++round) {  // and again: still refused, never moved aside
    CAPTURE(round);
    {
      auto store = ProgressStore::Open(path);
      REQUIRE_FALSE(store.ok());
      CHECK(store.status().code() == stagecraft::engine::ErrorCode::kFailedPrecondition);
      const std::string message = store.status().message();
      INFO(message);
      CHECK(message.find("'" + path + "' was written by a newer Stagecraft") == 0);
      CHECK(message.find("schema version " + std::to_string(newer)) != std::string::npos);
      CHECK(message.find("left untouched") != std::string::npos);
      CHECK(message.find('\n') == std::string::npos);
    }
    CHECK(ReadBytes(path) == bytes);
    CHECK(Entries(dir.path) == entries);  // no .corrupt- copy, no -wal or -shm left behind
  }

  // Put the version back: every attempt is still there.
  SetHeaderField(bytes, kUserVersionOffset, current);
  WriteBytes(path, bytes);
  auto store = ProgressStore::Open(path);
  REQUIRE(store.ok());
  CHECK(store->notice().empty());
  auto stats = store->Stats(kT0);
  REQUIRE(stats.ok());
  CHECK(stats->attempts == 1);
}

// Another program's SQLite database at the progress path is not ours to write into or delete.
// As the design says for any file the store cannot use, it is moved aside whole (the other
// program's data intact at the new name, which the one-line notice gives) and a new store begins.
TEST_CASE("an SQLite database of another program is moved aside unmodified, never written into") {
  TempDir dir;
  const std::string path = (dir.path / "progress.db").string();
  std::string foreign;
  SUBCASE("another program's application_id") {
    WriteOneAttempt(path);
    foreign = ReadBytes(path);
    SetHeaderField(foreign, kApplicationIdOffset, 0x41424344);  // 'ABCD'
  }
  SUBCASE("no application_id: a plain SQLite database with tables") {
    WriteOneAttempt(path);
    foreign = ReadBytes(path);
    SetHeaderField(foreign, kApplicationIdOffset, 0);
  }
  SUBCASE("another program's database that has no tables yet") {
    foreign = EmptySqliteDatabase(0x41424344);
  }
  WriteBytes(path, foreign);

  {
    auto store = ProgressStore::Open(path);
    REQUIRE(store.ok());
    const std::string& notice = store->notice();
    INFO(notice);
    CHECK(notice.find("progress file " + path + " was unreadable (") == 0);
    CHECK(notice.find("another program") != std::string::npos);
    CHECK(notice.find('\n') == std::string::npos);
    const std::string moved = MovedTo(notice);
    CHECK(moved.rfind(path + ".corrupt-", 0) == 0);
    REQUIRE(fs::exists(moved));
    CHECK(ReadBytes(moved) == foreign);

    // The new store is ours and empty, and works.
    auto stats = store->Stats(kT0);
    REQUIRE(stats.ok());
    CHECK(stats->attempts == 0);
    auto session = store->BeginSession("quiz", kT0);
    REQUIRE(session.ok());
    REQUIRE(store->Record(*session, MakeAttempt("q2", true, kT0)).ok());
  }
  CHECK(HeaderField(ReadBytes(path), kApplicationIdOffset) == 0x53746750);  // 'StgP'
  int moved = 0;
  for (const auto& name : Entries(dir.path)) {
    if (name.rfind("progress.db.corrupt-", 0) == 0) ++moved;
  }
  CHECK(moved == 1);
  auto reopened = ProgressStore::Open(path);
  REQUIRE(reopened.ok());
  CHECK(reopened->notice().empty());
}

TEST_CASE("ContentHash is stable and changes when an option changes") {
  Question q = SampleQuestion();
  const std::string hash = ContentHash(q);
  CHECK(hash.size() == 16);
  CHECK(hash == "12f133f5fd183a1f");  // FNV-1a 64, checked by hand in Python
  CHECK(ContentHash(SampleQuestion()) == hash);

  Question option_edited = SampleQuestion();
  option_edited.options[2].text = "Archive";
  CHECK(ContentHash(option_edited) != hash);
  Question answer_edited = SampleQuestion();
  answer_edited.answers = {0};
  CHECK(ContentHash(answer_edited) != hash);
  Question feedback_edited = SampleQuestion();  // feedback is not part of the question asked
  feedback_edited.options[0].feedback = "no";
  CHECK(ContentHash(feedback_edited) == hash);
  Question moved_text = SampleQuestion();  // text moved between fields is a different question
  moved_text.prompt += moved_text.code;
  moved_text.code.clear();
  CHECK(ContentHash(moved_text) != hash);
}

// Names near the file system's limit: the store answers with a Status naming the file, never an
// exception, and leaves the file where and as it was.
TEST_CASE("a progress file whose name leaves no room for SQLite's or the move-aside suffix") {
  TempDir dir;
  const std::string text = "these are my notes, not a database\n";
  std::string path;
  std::string expected;
  SUBCASE("253 characters: no room for -wal") {
    path = (dir.path / std::string(253, 'p')).string();
    expected = "too long";
  }
  SUBCASE("240 characters: no room for .corrupt-YYYYMMDD-HHMMSS when moving a text file aside") {
    path = (dir.path / std::string(240, 'p')).string();
    expected = "could not be moved";
  }
  WriteBytes(path, text);
  const auto entries = Entries(dir.path);
  std::optional<stagecraft::engine::Result<ProgressStore>> store;
  CHECK_NOTHROW(store.emplace(ProgressStore::Open(path)));
  REQUIRE(store.has_value());
  REQUIRE_FALSE(store->ok());
  const std::string message = store->status().message();
  INFO(message);
  CHECK(message.find(path) != std::string::npos);
  CHECK(message.find(expected) != std::string::npos);
  CHECK(ReadBytes(path) == text);
  CHECK(Entries(dir.path) == entries);
}
