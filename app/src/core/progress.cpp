#include "core/progress.h"

// Contents: schema and migrations; opening (the corrupt-file rule); recording (with the SM-2
// arithmetic of scheduler.cpp); due and scheduled questions; answers by confidence; past scores
// on a bank; stats; reading progress; challenge results; ContentHash, DefaultProgressPath.

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <system_error>

#include "core/data_folder.h"
#include "core/scheduler.h"
#include "stagecraft/sqlite/database.h"
#include "stagecraft/sqlite/file_check.h"

namespace stagecraft::core {
namespace {

using engine::Result;
using engine::Status;
using engine::sqlite::Database;
using engine::sqlite::Statement;
using engine::sqlite::StatementUse;
using engine::sqlite::Transaction;
namespace sqlite = engine::sqlite;

// 'StgP': marks a file as a Stagecraft progress store in the SQLite header.
constexpr int kApplicationId = 0x53746750;
constexpr std::int64_t kDay = 86400;

// Migration N takes user_version N to N+1. Append only: never edit a step that has shipped.
constexpr std::array<const char*, 3> kMigrations = {
    // 0 -> 1: sessions, attempts and the SM-2 schedule.
    R"sql(
    CREATE TABLE sessions (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      mode       TEXT    NOT NULL,
      started_at INTEGER NOT NULL,
      ended_at   INTEGER,               -- NULL while (or if never) ended
      correct    INTEGER NOT NULL DEFAULT 0,
      total      INTEGER NOT NULL DEFAULT 0
    );
    -- Question ids and topics are copied: attempts outlive edits to the quiz files.
    CREATE TABLE attempts (
      id           INTEGER PRIMARY KEY,
      session_id   INTEGER NOT NULL REFERENCES sessions(id),
      quiz_id      TEXT    NOT NULL,
      question_id  TEXT    NOT NULL,
      content_hash TEXT    NOT NULL,
      topic        TEXT    NOT NULL,
      level        TEXT    NOT NULL,
      answer       TEXT    NOT NULL,
      correct      INTEGER NOT NULL,
      confidence   INTEGER NOT NULL,
      hints_used   INTEGER NOT NULL,
      seconds      REAL    NOT NULL,
      at           INTEGER NOT NULL
    );
    CREATE INDEX attempts_by_time ON attempts (at, id);
    CREATE INDEX attempts_by_session ON attempts (session_id);
    CREATE TABLE schedule (
      quiz_id       TEXT    NOT NULL,
      question_id   TEXT    NOT NULL,
      content_hash  TEXT    NOT NULL,
      easiness      REAL    NOT NULL,
      repetitions   INTEGER NOT NULL,
      interval_days INTEGER NOT NULL,
      due_at        INTEGER NOT NULL,
      PRIMARY KEY (quiz_id, question_id)
    ) WITHOUT ROWID;
    CREATE INDEX schedule_by_due ON schedule (due_at);
    )sql",
    // 1 -> 2: how far the learner read each mode of each lesson. One row per lesson and mode,
    // overwritten as the reading goes on (the attempts keep the history; this keeps a place).
    R"sql(
    CREATE TABLE reading (
      lesson_id  TEXT    NOT NULL,
      mode       TEXT    NOT NULL,  -- LessonModeId: "why", "deep-dive", ...
      position   INTEGER NOT NULL,  -- blocks read when last saved: where to continue
      furthest   INTEGER NOT NULL,  -- the most blocks read of this `blocks`-block mode
      blocks     INTEGER NOT NULL,  -- the mode's blocks when saved (an edit changes it)
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (lesson_id, mode)
    ) WITHOUT ROWID;
    )sql",
    // 2 -> 3: every finished try at a challenge (solved or not), for solved/best in the list.
    R"sql(
    CREATE TABLE challenge_attempts (
      id           INTEGER PRIMARY KEY,
      challenge_id TEXT    NOT NULL,
      solved       INTEGER NOT NULL,
      commands     INTEGER NOT NULL,  -- counted commands (challenge_attempt.h)
      par          INTEGER NOT NULL,  -- the challenge's par when tried (an edit may change it)
      at           INTEGER NOT NULL
    );
    CREATE INDEX challenge_attempts_by_id ON challenge_attempts (challenge_id);
    )sql",
};

int CurrentSchemaVersion() { return static_cast<int>(kMigrations.size()); }

// What the open-time check expects of a progress file. The store is small: every page is checked.
sqlite::FileKind ProgressFileKind() {
  sqlite::FileKind kind;
  kind.name = "Stagecraft progress file";
  kind.application_id = kApplicationId;
  kind.schema_version = CurrentSchemaVersion();
  kind.quick_check = true;
  return kind;
}

std::string UtcStamp() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%d-%H%M%S", &tm);
  return buffer;
}

// Whether something exists at `path`; true when that cannot be told (so nothing is overwritten),
// except for a name too long to exist (the rename then fails and says so).
bool Taken(const std::string& path) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  return exists || (ec && ec != std::errc::filename_too_long);
}

// Moves `path` (and any -wal/-shm beside it) to PATH.corrupt-STAMP[-N]; returns the new path.
Result<std::string> MoveAside(const std::string& path) {
  namespace fs = std::filesystem;
  std::string base = path + ".corrupt-" + UtcStamp();
  std::string target = base;
  for (int n = 2; Taken(target) || Taken(target + "-wal"); ++n) {
    if (n > 1000) {
      return Status::Storage("progress file " + path + " is unreadable and there is no free name "
                             "to move it to beside it");
    }
    target = base + "-" + std::to_string(n);
  }
  std::error_code ec;
  fs::rename(path, target, ec);
  if (ec) {
    return Status::Storage("progress file " + path + " is unreadable and could not be moved to " +
                           target + ": " + ec.message());
  }
  for (const char* suffix : {"-wal", "-shm"}) {
    if (fs::exists(path + suffix, ec)) fs::rename(path + suffix, target + suffix, ec);
  }
  return target;
}

Status Migrate(Database& db, const std::string& path) {
  return sqlite::ApplyMigrations(db, {kMigrations.begin(), kMigrations.end()}, kApplicationId,
                                 "progress file " + path);
}

Status StepError(const Statement& stmt, std::string_view doing) {
  return sqlite::StorageError(doing, stmt.status().message());
}

// Floor division, so that times before 1970 still fall on the right day.
std::int64_t DayOf(UnixTime t) { return t >= 0 ? t / kDay : -((-t + kDay - 1) / kDay); }

}  // namespace

struct ProgressStore::Impl {
  std::unique_ptr<Database> db;
  std::string notice;
};

ProgressStore::ProgressStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProgressStore::ProgressStore(ProgressStore&&) noexcept = default;
ProgressStore& ProgressStore::operator=(ProgressStore&&) noexcept = default;
ProgressStore::~ProgressStore() = default;

const std::string& ProgressStore::notice() const { return impl_->notice; }

Result<ProgressStore> ProgressStore::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  const bool in_memory = path == ":memory:";
  if (!in_memory) {
    const sqlite::FileCheck check = sqlite::CheckDatabaseFile(path, ProgressFileKind());
    switch (check.verdict) {
      case sqlite::FileVerdict::kUsable: break;
      case sqlite::FileVerdict::kNewer: return Status::FailedPrecondition(check.message);
      case sqlite::FileVerdict::kUnreadable:  // e.g. no permission: not ours to move
        return Status::Storage(check.message);
      case sqlite::FileVerdict::kForeign: {
        auto moved = MoveAside(path);
        if (!moved.ok()) return moved.status();
        impl->notice = "progress file " + path + " was unreadable (" + check.reason +
                       "); moved it to " + *moved + " and started a new one";
        break;
      }
    }
  }
  auto db = Database::Open(path, /*create=*/true);
  if (!db.ok()) return db.status();
  impl->db = std::move(*db);
  SC_RETURN_IF_ERROR(impl->db->Exec("PRAGMA foreign_keys = ON"));
  if (!in_memory) SC_RETURN_IF_ERROR(impl->db->UseWriteAheadLog());
  SC_RETURN_IF_ERROR(Migrate(*impl->db, path));
  return ProgressStore(std::move(impl));
}

Result<std::int64_t> ProgressStore::BeginSession(const std::string& mode, UnixTime when) {
  auto stmt = impl_->db->Prepare("INSERT INTO sessions (mode, started_at) VALUES (?, ?)");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  use->Bind(1, mode);
  use->Bind(2, std::int64_t{when});
  if (!use->Run().ok()) return StepError(*use, "starting a session");
  return impl_->db->LastInsertRowid();
}

engine::Status ProgressStore::EndSession(std::int64_t session_id, int correct, int total,
                                         UnixTime when) {
  auto stmt = impl_->db->Prepare(
      "UPDATE sessions SET ended_at = ?, correct = ?, total = ? WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  use->Bind(1, std::int64_t{when});
  use->Bind(2, correct);
  use->Bind(3, total);
  use->Bind(4, session_id);
  if (!use->Run().ok()) return StepError(*use, "ending a session");
  if (impl_->db->Changes() == 0) {
    return Status::NotFound("no progress session " + std::to_string(session_id));
  }
  return Status::Ok();
}

engine::Status ProgressStore::Record(std::int64_t session_id, const Attempt& attempt) {
  Database& db = *impl_->db;
  Transaction transaction(db);
  SC_RETURN_IF_ERROR(transaction.Begin());
  {
    auto stmt = db.Prepare(
        "INSERT INTO attempts (session_id, quiz_id, question_id, content_hash, topic, level, "
        "answer, correct, confidence, hints_used, seconds, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    use->Bind(1, session_id);
    use->Bind(2, attempt.quiz_id);
    use->Bind(3, attempt.question_id);
    use->Bind(4, attempt.content_hash);
    use->Bind(5, attempt.topic);
    use->Bind(6, attempt.level);
    use->Bind(7, attempt.answer);
    use->Bind(8, attempt.correct);
    use->Bind(9, attempt.confidence);
    use->Bind(10, attempt.hints_used);
    use->Bind(11, attempt.seconds);
    use->Bind(12, std::int64_t{attempt.when});
    if (!use->Run().ok()) {
      if (use->extended_error() == sqlite::kConstraintForeignKey) {
        return Status::NotFound("no progress session " + std::to_string(session_id));
      }
      return StepError(*use, "recording an attempt");
    }
  }
  if (!attempt.schedule) return transaction.Commit();
  // The schedule as it stands; a new or edited question starts over.
  Sm2State schedule;
  {
    auto stmt = db.Prepare(
        "SELECT content_hash, easiness, repetitions, interval_days FROM schedule "
        "WHERE quiz_id = ? AND question_id = ?");
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    use->Bind(1, attempt.quiz_id);
    use->Bind(2, attempt.question_id);
    if (use->Step()) {
      if (use->Text(0) == attempt.content_hash) {
        schedule.easiness = use->Double(1);
        schedule.repetitions = use->Int(2);
        schedule.interval_days = use->Int(3);
      }
    } else if (!use->status().ok()) {
      return StepError(*use, "reading the review schedule");
    }
  }
  const int grade = Sm2Grade(attempt.correct, attempt.confidence, attempt.hints_used);
  schedule = Sm2Next(schedule, grade);
  {
    auto stmt = db.Prepare(
        "INSERT INTO schedule (quiz_id, question_id, content_hash, easiness, repetitions, "
        "interval_days, due_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (quiz_id, question_id) DO UPDATE SET content_hash = excluded.content_hash, "
        "easiness = excluded.easiness, repetitions = excluded.repetitions, "
        "interval_days = excluded.interval_days, due_at = excluded.due_at");
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    use->Bind(1, attempt.quiz_id);
    use->Bind(2, attempt.question_id);
    use->Bind(3, attempt.content_hash);
    use->Bind(4, schedule.easiness);
    use->Bind(5, schedule.repetitions);
    use->Bind(6, schedule.interval_days);
    use->Bind(7, std::int64_t{attempt.when + schedule.interval_days * kDay});
    if (!use->Run().ok()) return StepError(*use, "updating the review schedule");
  }
  return transaction.Commit();
}

Result<std::vector<DueQuestion>> ProgressStore::Due(UnixTime now) const {
  auto stmt = impl_->db->Prepare(
      "SELECT quiz_id, question_id, due_at FROM schedule WHERE due_at <= ? "
      "ORDER BY due_at, quiz_id, question_id");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  use->Bind(1, std::int64_t{now});
  std::vector<DueQuestion> due;
  while (use->Step()) due.push_back({use->Text(0), use->Text(1), use->Int(2)});
  if (!use->status().ok()) return StepError(*use, "listing due questions");
  return due;
}

Result<std::vector<DueQuestion>> ProgressStore::Scheduled() const {
  auto stmt = impl_->db->Prepare(
      "SELECT quiz_id, question_id, due_at FROM schedule ORDER BY due_at, quiz_id, question_id");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  std::vector<DueQuestion> scheduled;
  while (use->Step()) scheduled.push_back({use->Text(0), use->Text(1), use->Int(2)});
  if (!use->status().ok()) return StepError(*use, "listing the review schedule");
  return scheduled;
}

Result<std::vector<ConfidenceTally>> ProgressStore::ByConfidence() const {
  auto stmt = impl_->db->Prepare(
      "SELECT confidence, count(*), sum(correct) FROM attempts WHERE confidence BETWEEN 1 AND 3 "
      "GROUP BY confidence ORDER BY confidence");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  std::vector<ConfidenceTally> tallies;
  while (use->Step()) {
    tallies.push_back({static_cast<int>(use->Int(0)), static_cast<int>(use->Int(1)),
                       static_cast<int>(use->Int(2))});
  }
  if (!use->status().ok()) return StepError(*use, "summarizing answers by confidence");
  return tallies;
}

Result<std::optional<ReviewSchedule>> ProgressStore::ScheduleOf(
    const std::string& quiz_id, const std::string& question_id) const {
  auto stmt = impl_->db->Prepare(
      "SELECT due_at, interval_days FROM schedule WHERE quiz_id = ? AND question_id = ?");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  use->Bind(1, quiz_id);
  use->Bind(2, question_id);
  std::optional<ReviewSchedule> schedule;
  if (use->Step()) {
    schedule = ReviewSchedule{use->Int(0), static_cast<int>(use->Int(1))};
  } else if (!use->status().ok()) {
    return StepError(*use, "reading the review schedule");
  }
  return schedule;
}

Result<std::vector<QuestionTally>> ProgressStore::AnsweredQuestions() const {
  auto stmt = impl_->db->Prepare(
      "SELECT quiz_id, question_id, count(*), sum(correct) FROM attempts "
      "GROUP BY quiz_id, question_id ORDER BY quiz_id, question_id");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  std::vector<QuestionTally> tallies;
  while (use->Step()) {
    tallies.push_back({use->Text(0), use->Text(1), static_cast<int>(use->Int(2)),
                       static_cast<int>(use->Int(3))});
  }
  if (!use->status().ok()) return StepError(*use, "summarizing answered questions");
  return tallies;
}

Result<std::vector<PastScore>> ProgressStore::PastScores(const std::vector<std::string>& quiz_ids,
                                                         int limit) const {
  std::vector<PastScore> scores;
  if (quiz_ids.empty() || limit < 1) return scores;
  std::string placeholders;
  for (std::size_t i = 0; i < quiz_ids.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
  // The newest `limit` sessions, then put oldest first.
  const std::string sql =
      "SELECT a.session_id, s.mode, min(a.at), count(*), sum(a.correct), s.total, "
      "(SELECT count(*) FROM attempts b WHERE b.session_id = a.session_id) FROM attempts a "
      "JOIN sessions s ON s.id = a.session_id WHERE a.quiz_id IN (" + placeholders + ") "
      "GROUP BY a.session_id ORDER BY min(a.at) DESC, a.session_id DESC LIMIT ?";
  auto stmt = impl_->db->PrepareDynamic(sql);  // built per call: keyed by its text
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  int index = 1;
  for (const std::string& id : quiz_ids) use->Bind(index++, id);
  use->Bind(index, limit);
  while (use->Step()) {
    PastScore score{use->Int(0), use->Text(1), use->Int(2), static_cast<int>(use->Int(3)),
                    static_cast<int>(use->Int(4))};
    const int total = static_cast<int>(use->Int(5));
    const bool only_these = use->Int(6) == score.answered;
    score.asked = only_these ? std::max(score.answered, total) : score.answered;
    scores.push_back(score);
  }
  if (!use->status().ok()) return StepError(*use, "reading past scores");
  std::reverse(scores.begin(), scores.end());
  return scores;
}

Result<ProgressStats> ProgressStore::Stats(UnixTime now) const {
  Database& db = *impl_->db;
  sqlite::ReadTransaction read(db);
  ProgressStats stats;
  {
    auto stmt = db.Prepare("SELECT count(*), coalesce(sum(correct), 0) FROM attempts");
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    if (!use->Step()) return StepError(*use, "counting attempts");
    stats.attempts = static_cast<int>(use->Int(0));
    stats.correct = static_cast<int>(use->Int(1));
  }
  {
    auto sessions = QueryInt(db, "SELECT count(*) FROM sessions");
    if (!sessions.ok()) return sessions.status();
    stats.sessions = static_cast<int>(*sessions);
  }
  auto breakdown = [&](const char* sql, std::vector<AccuracyRow>& rows) -> Status {
    auto stmt = db.Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    while (use->Step()) {
      rows.push_back({use->Text(0), static_cast<int>(use->Int(1)), static_cast<int>(use->Int(2))});
    }
    if (!use->status().ok()) return StepError(*use, "summarizing attempts");
    return Status::Ok();
  };
  SC_RETURN_IF_ERROR(breakdown(
      "SELECT topic, count(*), sum(correct) FROM attempts GROUP BY topic ORDER BY topic",
      stats.by_topic));
  SC_RETURN_IF_ERROR(breakdown(
      "SELECT level, count(*), sum(correct) FROM attempts GROUP BY level ORDER BY level",
      stats.by_level));
  {
    // Distinct UTC days with attempts, newest first; the streak must reach today or yesterday.
    auto stmt = db.Prepare("SELECT DISTINCT at FROM attempts WHERE at <= ? ORDER BY at DESC");
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    use->Bind(1, std::int64_t{now});
    const std::int64_t today = DayOf(now);
    std::int64_t expected = today;
    bool started = false;
    while (use->Step()) {
      const std::int64_t day = DayOf(use->Int(0));
      if (!started) {
        if (day < today - 1) break;
        started = true;
        expected = day;
      }
      if (day == expected) {
        ++stats.streak_days;
        --expected;
      } else if (day < expected) {
        break;
      }
    }
    if (!use->status().ok()) return StepError(*use, "computing the streak");
  }
  {
    auto stmt = db.Prepare(
        "SELECT quiz_id, question_id, content_hash, topic, level, answer, correct, confidence, "
        "hints_used, seconds, at FROM attempts ORDER BY at DESC, id DESC LIMIT 10");
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    while (use->Step()) {
      Attempt a;
      a.quiz_id = use->Text(0);
      a.question_id = use->Text(1);
      a.content_hash = use->Text(2);
      a.topic = use->Text(3);
      a.level = use->Text(4);
      a.answer = use->Text(5);
      a.correct = use->Int(6) != 0;
      a.confidence = static_cast<int>(use->Int(7));
      a.hints_used = static_cast<int>(use->Int(8));
      a.seconds = use->Double(9);
      a.when = use->Int(10);
      stats.recent.push_back(std::move(a));
    }
    if (!use->status().ok()) return StepError(*use, "listing recent attempts");
  }
  return stats;
}

engine::Status ProgressStore::SaveReading(const ReadingProgress& progress) {
  if (progress.position < 0 || progress.blocks < 0 || progress.position > progress.blocks) {
    return Status::InvalidArgument("reading position " + std::to_string(progress.position) +
                                   " is not within the mode's " +
                                   std::to_string(progress.blocks) + " blocks");
  }
  Database& db = *impl_->db;
  Transaction transaction(db);
  SC_RETURN_IF_ERROR(transaction.Begin());
  {
    // The furthest point only grows, unless the mode changed size (edited): then it is the
    // reading's own, as a mark in other blocks would mean nothing.
    auto stmt = db.Prepare(
        "INSERT INTO reading (lesson_id, mode, position, furthest, blocks, updated_at) "
        "VALUES (?1, ?2, ?3, ?3, ?4, ?5) "
        "ON CONFLICT (lesson_id, mode) DO UPDATE SET position = excluded.position, "
        "furthest = CASE WHEN blocks = excluded.blocks THEN max(furthest, excluded.position) "
        "ELSE excluded.position END, blocks = excluded.blocks, updated_at = excluded.updated_at");
    if (!stmt.ok()) return stmt.status();
    StatementUse use(**stmt);
    use->Bind(1, progress.lesson_id);
    use->Bind(2, progress.mode);
    use->Bind(3, progress.position);
    use->Bind(4, progress.blocks);
    use->Bind(5, std::int64_t{progress.when});
    if (!use->Run().ok()) return StepError(*use, "saving how far you read");
  }
  return transaction.Commit();
}

engine::Status ProgressStore::RecordChallenge(const ChallengeResult& result) {
  auto stmt = impl_->db->Prepare(
      "INSERT INTO challenge_attempts (challenge_id, solved, commands, par, at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  use->Bind(1, result.challenge_id);
  use->Bind(2, result.solved ? 1 : 0);
  use->Bind(3, result.commands);
  use->Bind(4, result.par);
  use->Bind(5, std::int64_t{result.when});
  if (!use->Run().ok()) return StepError(*use, "saving the challenge's result");
  return Status::Ok();
}

Result<std::vector<ChallengeRecord>> ProgressStore::ChallengeRecords() const {
  auto stmt = impl_->db->Prepare(
      "SELECT challenge_id, count(*), sum(solved), min(CASE WHEN solved THEN commands END), "
      "max(at) FROM challenge_attempts GROUP BY challenge_id ORDER BY challenge_id");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  std::vector<ChallengeRecord> records;
  while (use->Step()) {
    ChallengeRecord record;
    record.challenge_id = use->Text(0);
    record.attempts = static_cast<int>(use->Int(1));
    record.solves = static_cast<int>(use->Int(2));
    if (!use->IsNull(3)) record.best = static_cast<int>(use->Int(3));
    record.last = use->Int(4);
    records.push_back(std::move(record));
  }
  if (!use->status().ok()) return StepError(*use, "reading challenge results");
  return records;
}

Result<std::vector<ReadingProgress>> ProgressStore::Readings() const {
  auto stmt = impl_->db->Prepare(
      "SELECT lesson_id, mode, position, furthest, blocks, updated_at FROM reading "
      "ORDER BY lesson_id, mode");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  std::vector<ReadingProgress> readings;
  while (use->Step()) {
    ReadingProgress progress;
    progress.lesson_id = use->Text(0);
    progress.mode = use->Text(1);
    progress.position = static_cast<int>(use->Int(2));
    progress.furthest = static_cast<int>(use->Int(3));
    progress.blocks = static_cast<int>(use->Int(4));
    progress.when = use->Int(5);
    readings.push_back(std::move(progress));
  }
  if (!use->status().ok()) return StepError(*use, "reading how far you read");
  return readings;
}

Result<std::optional<ReadingProgress>> ProgressStore::ReadingOf(const std::string& lesson_id,
                                                                const std::string& mode) const {
  auto stmt = impl_->db->Prepare(
      "SELECT position, furthest, blocks, updated_at FROM reading "
      "WHERE lesson_id = ? AND mode = ?");
  if (!stmt.ok()) return stmt.status();
  StatementUse use(**stmt);
  use->Bind(1, lesson_id);
  use->Bind(2, mode);
  std::optional<ReadingProgress> progress;
  if (use->Step()) {
    progress = ReadingProgress{lesson_id,
                               mode,
                               static_cast<int>(use->Int(0)),
                               static_cast<int>(use->Int(1)),
                               static_cast<int>(use->Int(2)),
                               use->Int(3)};
  } else if (!use->status().ok()) {
    return StepError(*use, "reading how far you read");
  }
  return progress;
}

std::string ContentHash(const Question& question) {
  // FNV-1a, 64-bit, over tagged fields each ended by a NUL byte, so that moving text from one
  // field to the next changes the hash. Bytes only: the same on every platform.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto feed = [&](char tag, std::string_view text) {
    auto byte = [&](unsigned char c) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    };
    byte(static_cast<unsigned char>(tag));
    for (char c : text) byte(static_cast<unsigned char>(c));
    byte(0);
  };
  feed('p', question.prompt);
  feed('c', question.code);
  for (const auto& option : question.options) feed('o', option.text);
  for (int answer : question.answers) feed('a', std::to_string(answer));
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string DefaultProgressPath() { return DataFolder() + "/progress.db"; }

}  // namespace stagecraft::core
