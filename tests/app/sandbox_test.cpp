// Sandbox: the console (run, refusals kept per entry, host commands refused), acting as users of
// different roles, ↑/↓ history, Tab completion from the grammar and the live registry, undo /
// redo / reset across deploy, canary and rollback, a seeded start, and a file-backed sandbox
// that leaves its file alone until saved.

#include "core/sandbox.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "temp_dir.h"
#include "sandbox_clock.h"

using namespace stagecraft::core;
using stagecraft::testing::FixedClock;
using stagecraft::engine::ErrorCode;
using stagecraft::engine::Registry;

namespace {

constexpr const char* kTeam =
    "users add dana --role developer\n"
    "users add priya --role approver\n"
    "users add sam --role approver\n"
    "models create fraud\n"
    "models create-version --model-name fraud --source runs:/1/model --metric auc=0.93\n";

// The same, with Production gated behind one approval.
const std::string kGated = std::string(kTeam) + "stages gate Production --require-approvals 1\n";

Sandbox Open(const char* seed = kTeam, std::size_t checkpoint_every = 16) {
  auto sandbox = Sandbox::OpenFresh(seed, FixedClock(checkpoint_every));
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.status().message());
  return std::move(*sandbox);
}

// The state a learner can see, as one comparable value: every version with stage and aliases,
// deployments, pending requests, and the audit log.
std::string Fingerprint(const Sandbox& sandbox) {
  auto state = sandbox.State();
  REQUIRE(state.ok());
  std::string text;
  for (const auto& v : (*state)->versions) {
    text += v.model_name + " v" + std::to_string(v.version) + " " + v.stage;
    for (const auto& a : v.aliases) text += " @" + a;
    text += "\n";
  }
  for (const auto& d : (*state)->deployments) {
    text += d.environment + "=" + std::to_string(d.version) + "/" + std::to_string(d.traffic);
    if (d.canary_version) text += " canary " + std::to_string(*d.canary_version);
    text += "\n";
  }
  for (const auto& r : (*state)->pending_requests) text += "request " + std::to_string(r.id) + "\n";
  auto log = sandbox.AuditLog();
  REQUIRE(log.ok());
  for (const auto& e : *log) {
    text += std::to_string(e.seq) + " " + std::to_string(e.time) + " " + e.actor + " " +
            e.action + " " + e.comment + "\n";
  }
  return text;
}

std::string StageOf(const Sandbox& sandbox, std::int64_t version) {
  auto state = sandbox.State();
  REQUIRE(state.ok());
  for (const auto& v : (*state)->versions) {
    if (v.model_name == "fraud" && v.version == version) return v.stage;
  }
  return "";
}

bool Has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("sandbox: a command runs and is kept; a refused one changes nothing and keeps its error") {
  Sandbox sandbox = Open();
  const std::string before = Fingerprint(sandbox);
  const ConsoleEntry refused =
      sandbox.Run("models transition-stage --model-name fraud --version 7 --stage Staging");
  CHECK_FALSE(refused.ok);
  CHECK(refused.code == ErrorCode::kNotFound);
  CHECK(refused.error.find("7") != std::string::npos);
  CHECK(Fingerprint(sandbox) == before);

  const ConsoleEntry ok =
      sandbox.Run("stagecraft models transition-stage --model-name fraud --version 1 --stage Staging");
  CHECK(ok.ok);
  CHECK(ok.changed);
  CHECK(ok.error.empty());
  CHECK(StageOf(sandbox, 1) == "Staging");

  REQUIRE(sandbox.Console().size() == 2);
  CHECK(sandbox.Console()[0].error == refused.error);  // kept with its entry
  CHECK_FALSE(sandbox.Console()[0].ok);

  const ConsoleEntry typo = sandbox.Run("models transiton-stage --model-name fraud");
  CHECK(typo.usage_error);
  CHECK(typo.error.find("transiton-stage") != std::string::npos);
  CHECK_FALSE(typo.changed);

  const ConsoleEntry list = sandbox.Run("models list-versions --model-name fraud");
  CHECK(list.ok);
  CHECK(list.output.find("Staging") != std::string::npos);
  CHECK_FALSE(list.changed);  // not an undo step

  sandbox.Run("   ");
  CHECK(sandbox.Console().size() == 4);  // a blank line records nothing
}

TEST_CASE("sandbox: host commands and --db are refused with why") {
  Sandbox sandbox = Open();
  for (const char* line : {"gui", "quiz mlflow-basics", "stagecraft lesson x", "--as dana demo"}) {
    const ConsoleEntry entry = sandbox.Run(line);
    CHECK_FALSE(entry.ok);
    CHECK(entry.usage_error);
    CHECK(entry.error.find("terminal") != std::string::npos);
    CHECK(entry.error.find("models") != std::string::npos);
  }
  const ConsoleEntry db = sandbox.Run("--db /tmp/x.db models list");
  CHECK_FALSE(db.ok);
  CHECK(db.error.find("--db") != std::string::npos);
}

TEST_CASE("sandbox: acting as a developer, an approver; separation of duties is felt") {
  Sandbox sandbox = Open(kGated.c_str());
  CHECK(sandbox.ActingAs() == "admin");
  auto users = sandbox.Users();
  REQUIRE(users.ok());
  CHECK(users->size() == 4);
  CHECK(sandbox.SetActingAs("nobody").code() == ErrorCode::kNotFound);
  CHECK(sandbox.ActingAs() == "admin");

  REQUIRE(sandbox.SetActingAs("dana").ok());
  CHECK(sandbox.Run("models transition-stage --model-name fraud --version 1 --stage Staging").ok);
  const ConsoleEntry direct =
      sandbox.Run("models transition-stage --model-name fraud --version 1 --stage Production");
  CHECK_FALSE(direct.ok);
  CHECK(direct.code == ErrorCode::kPermissionDenied);
  CHECK(direct.actor == "dana");
  CHECK(sandbox.Run("models request-transition --model-name fraud --version 1 --stage Production").ok);
  const ConsoleEntry own = sandbox.Run("models approve-request --id 1");
  CHECK_FALSE(own.ok);
  CHECK(own.code == ErrorCode::kPermissionDenied);
  CHECK(StageOf(sandbox, 1) == "Staging");

  // --as in the line wins over the switch, for that line only.
  const ConsoleEntry approved = sandbox.Run("--as priya models approve-request --id 1");
  CHECK(approved.ok);
  CHECK(approved.actor == "priya");
  CHECK(sandbox.ActingAs() == "dana");
  CHECK(StageOf(sandbox, 1) == "Production");

  auto log = sandbox.AuditLog();
  REQUIRE(log.ok());
  CHECK(log->back().actor == "priya");
}

TEST_CASE("sandbox: history on up and down, with the draft kept") {
  Sandbox sandbox = Open();
  CHECK_FALSE(sandbox.NextLine());
  sandbox.Run("models list");
  sandbox.Run("models get fraud");
  sandbox.Run("users list");
  CHECK(sandbox.PreviousLine("models cr") == "users list");
  CHECK(sandbox.PreviousLine() == "models get fraud");
  CHECK(sandbox.PreviousLine() == "models list");
  CHECK_FALSE(sandbox.PreviousLine());  // the oldest
  CHECK(sandbox.NextLine() == "models get fraud");
  CHECK(sandbox.NextLine() == "users list");
  CHECK(sandbox.NextLine() == "models cr");  // back to the draft
  CHECK_FALSE(sandbox.NextLine());
  CHECK(sandbox.PreviousLine("") == "users list");
  sandbox.Run("models list");  // running ends browsing
  CHECK(sandbox.PreviousLine("") == "models list");
}

TEST_CASE("sandbox: Tab completes commands, subcommands and flags from the grammar") {
  Sandbox sandbox = Open();
  Completion top = sandbox.Complete("", 0);
  CHECK(Has(top.candidates, "models"));
  CHECK(Has(top.candidates, "stages"));
  CHECK(Has(top.candidates, "users"));
  CHECK_FALSE(Has(top.candidates, "gui"));

  Completion models = sandbox.Complete("mo", 2);
  CHECK(models.line == "models ");
  CHECK(models.cursor == 7);

  Completion sub = sandbox.Complete("models transition-s", 19);
  CHECK(sub.line == "models transition-stage ");

  Completion several = sandbox.Complete("models list", 11);
  CHECK(Has(several.candidates, "list"));
  CHECK(Has(several.candidates, "list-versions"));
  CHECK(several.line == "models list");  // the common start is what is typed

  Completion flags = sandbox.Complete("models transition-stage --", 26);
  CHECK(Has(flags.candidates, "--model-name"));
  CHECK(Has(flags.candidates, "--stage"));
  CHECK(Has(flags.candidates, "--archive-existing"));
  CHECK(Has(flags.candidates, "--as"));  // a global flag

  Completion used = sandbox.Complete("models transition-stage --model-name fraud --", 45);
  CHECK_FALSE(Has(used.candidates, "--model-name"));

  // Text after the cursor stays.
  const std::string line = "models transition-stage --mo fraud";
  Completion middle = sandbox.Complete(line, 28);
  CHECK(middle.line == "models transition-stage --model-name fraud");
}

TEST_CASE("sandbox: Tab completes models, versions, stages, aliases, users from the registry") {
  Sandbox sandbox = Open();
  sandbox.Run("models create churn");
  sandbox.Run("models create-version --model-name fraud --source runs:/2/model");
  sandbox.Run("models set-alias --model-name fraud --alias champion --version 1");

  Completion names = sandbox.Complete("models get-version --model-name ", 32);
  CHECK(names.candidates == std::vector<std::string>{"churn", "fraud"});
  Completion fr = sandbox.Complete("models get-version --model-name f", 33);
  CHECK(fr.line == "models get-version --model-name fraud ");

  Completion versions = sandbox.Complete("models get-version --model-name fraud --version ", 48);
  CHECK(versions.candidates == std::vector<std::string>{"1", "2"});

  Completion stage = sandbox.Complete("models transition-stage --stage pro", 35);
  CHECK(stage.line == "models transition-stage --stage Production ");
  Completion stages = sandbox.Complete("models transition-stage --stage ", 32);
  CHECK(Has(stages.candidates, "Staging"));
  CHECK(Has(stages.candidates, "Archived"));

  Completion alias = sandbox.Complete("models delete-alias --model-name fraud --alias ch", 49);
  CHECK(alias.candidates == std::vector<std::string>{"champion"});

  Completion users = sandbox.Complete("--as ", 5);
  CHECK(Has(users.candidates, "dana"));
  CHECK(Has(users.candidates, "priya"));
  CHECK(Has(users.candidates, "admin"));
  Completion pri = sandbox.Complete("--as pr", 7);
  CHECK(pri.line == "--as priya ");
}

TEST_CASE("sandbox: undo, redo and reset across deploy, canary and rollback") {
  Sandbox sandbox = Open(kTeam, 3);  // images every 3 changes: undo replays across them
  const std::string start = Fingerprint(sandbox);
  CHECK_FALSE(sandbox.CanUndo());
  CHECK(sandbox.Undo().code() == ErrorCode::kFailedPrecondition);

  const std::vector<std::string> lines = {
      "models transition-stage --model-name fraud --version 1 --stage Production",
      "models deploy --model-name fraud --version 1 --env production",
      "models create-version --model-name fraud --source runs:/2/model",
      "models transition-stage --model-name fraud --version 2 --stage Production",
      "models deploy --model-name fraud --version 2 --env production --traffic 10",
      "models promote-canary --model-name fraud",
      "models rollback --model-name fraud",
  };
  std::vector<std::string> states = {start};
  for (const std::string& line : lines) {
    const ConsoleEntry entry = sandbox.Run(line);
    REQUIRE_MESSAGE(entry.ok, std::string(line + ": " + entry.error));
    states.push_back(Fingerprint(sandbox));
  }
  CHECK(StageOf(sandbox, 1) == "Production");  // the rollback put it back

  for (std::size_t k = lines.size(); k-- > 0;) {
    REQUIRE(sandbox.Undo().ok());
    CHECK(Fingerprint(sandbox) == states[k]);
    CHECK(sandbox.Console()[k].undone);
  }
  CHECK_FALSE(sandbox.CanUndo());
  for (std::size_t k = 1; k <= lines.size(); ++k) {
    REQUIRE(sandbox.Redo().ok());
    CHECK(Fingerprint(sandbox) == states[k]);
  }
  CHECK_FALSE(sandbox.CanRedo());
  CHECK(sandbox.Redo().code() == ErrorCode::kFailedPrecondition);

  // Read-only lines in between are not undo steps.
  sandbox.Run("models list");
  REQUIRE(sandbox.Undo().ok());
  CHECK(Fingerprint(sandbox) == states[lines.size() - 1]);

  REQUIRE(sandbox.Reset().ok());
  CHECK(Fingerprint(sandbox) == start);
  CHECK_FALSE(sandbox.CanUndo());
  CHECK_FALSE(sandbox.CanRedo());
  CHECK(sandbox.Console().size() == lines.size() + 1);  // the console stays
}

TEST_CASE("sandbox: a new command after undo drops what could be redone") {
  Sandbox sandbox = Open(kTeam, 2);
  sandbox.Run("models transition-stage --model-name fraud --version 1 --stage Staging");
  sandbox.Run("models set-alias --model-name fraud --alias champion --version 1");
  sandbox.Run("models transition-stage --model-name fraud --version 1 --stage Production");
  REQUIRE(sandbox.Undo().ok());
  REQUIRE(sandbox.Undo().ok());
  CHECK(sandbox.CanRedo());
  sandbox.Run("models list");  // reads only: the redo stays
  CHECK(sandbox.CanRedo());
  sandbox.Run("models transition-stage --model-name fraud --version 1 --stage Archived");
  CHECK_FALSE(sandbox.CanRedo());
  CHECK(StageOf(sandbox, 1) == "Archived");
  REQUIRE(sandbox.Undo().ok());
  CHECK(StageOf(sandbox, 1) == "Staging");
  REQUIRE(sandbox.Undo().ok());
  CHECK(StageOf(sandbox, 1) == "None");
}

TEST_CASE("sandbox: an audited refusal is an undo step, as it is in the log") {
  Sandbox sandbox = Open(kGated.c_str());
  REQUIRE(sandbox.SetActingAs("dana").ok());
  const std::string before = Fingerprint(sandbox);
  const ConsoleEntry refused =
      sandbox.Run("models transition-stage --model-name fraud --version 1 --stage Production");
  CHECK_FALSE(refused.ok);
  CHECK(refused.changed);  // a `refused` event in the audit log
  REQUIRE(sandbox.Undo().ok());
  CHECK(Fingerprint(sandbox) == before);
}

TEST_CASE("sandbox: the seeded start, the board and the audit log") {
  Sandbox sandbox = Open();
  auto board = sandbox.CurrentBoard();
  REQUIRE(board.ok());
  REQUIRE_FALSE(board->lanes.empty());
  CHECK(board->lanes.front().stage == "None");
  REQUIRE(board->lanes.front().cards.size() == 1);
  auto log = sandbox.AuditLog();
  REQUIRE(log.ok());
  const std::size_t seeded = log->size();
  CHECK(seeded == 5);
  CHECK_FALSE(sandbox.CanUndo());  // the seed is the start

  sandbox.Run("models transition-stage --model-name fraud --version 1 --stage Staging");
  CHECK(sandbox.AuditLog()->size() == seeded + 1);
  REQUIRE(sandbox.Reset().ok());
  CHECK(sandbox.AuditLog()->size() == seeded);

  auto broken = Sandbox::OpenFresh("models create fraud\nmodels create fraud\n");
  CHECK_FALSE(broken.ok());
  CHECK(broken.status().message().find("seed line 2") != std::string::npos);
}

TEST_CASE("sandbox: a file-backed sandbox leaves the file alone until saved") {
  stagecraft::testing::TempDir dir;
  const std::string path = (dir.path / "registry.db").string();
  {
    auto file = Registry::Open(path);
    REQUIRE(file.ok());
    REQUIRE(file->CreateModel("fraud").ok());
  }
  auto opened = Sandbox::OpenFile(path, FixedClock());
  REQUIRE_MESSAGE(opened.ok(), opened.status().message());
  Sandbox sandbox = std::move(*opened);
  CHECK(sandbox.file() == path);
  CHECK_FALSE(sandbox.HasUnsavedChanges());
  CHECK(sandbox.Run("models create-version --model-name fraud --source runs:/1/model").ok);
  CHECK(sandbox.Run("models transition-stage --model-name fraud --version 1 --stage Staging").ok);
  CHECK(sandbox.HasUnsavedChanges());
  REQUIRE(sandbox.Undo().ok());

  auto versions_in_file = [&] {
    auto file = Registry::Open(path);
    REQUIRE(file.ok());
    auto versions = file->ListModelVersions("fraud");
    REQUIRE(versions.ok());
    return *versions;
  };
  CHECK(versions_in_file().empty());

  REQUIRE(sandbox.Save().ok());
  auto saved = versions_in_file();
  REQUIRE(saved.size() == 1);
  CHECK(saved[0].stage == "None");
  CHECK_FALSE(sandbox.HasUnsavedChanges());
  CHECK_FALSE(sandbox.CanUndo());  // the saved state is the new start

  auto fresh = Open();
  CHECK(fresh.Save().code() == ErrorCode::kFailedPrecondition);
  CHECK(Sandbox::OpenFile((dir.path / "missing" / "none.db").string()).status().code() ==
        ErrorCode::kStorage);
}

TEST_CASE("sandbox: output laid out in columns is told from prose") {
  CHECK(InColumns("Name   Latest  Aliases\nchurn  1"));
  CHECK(InColumns("Usage: x\n\nOptions:\n  -h,--help   Print this help"));
  CHECK_FALSE(InColumns("Rolled back 'production' from version 2 to version 1.\n  Version 1 is "
                        "in Production."));  // indentation alone is not a column
  CHECK_FALSE(InColumns(""));

  // Each console entry records it when it runs, for the view.
  Sandbox sandbox = Open();
  CHECK(sandbox.Run("models list").output_in_columns);
  CHECK_FALSE(sandbox.Run("models create spam").output_in_columns);
}
