// only_reads.cpp: which lines only read, checked against the grammar (a read command that is
// renamed or removed fails here) and against the engine (a read command writes no audit event).

#include "stagecraft/commands/only_reads.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "command_session.h"
#include "stagecraft/commands/mlflow_equivalent.h"

namespace stagecraft::commands {
namespace {

using testing::CommandSession;

bool LineOnlyReads(std::string_view line) {
  auto words = SplitCommandLine(line);
  REQUIRE(words.ok());
  return OnlyReads(*words);
}

// A run of each read command on the registry the seeded session below holds.
const std::map<std::string, std::string> kReadSamples = {
    {"models list", "models list"},
    {"models get", "models get churn"},
    {"models get-version", "models get-version -m churn -v 1"},
    {"models list-versions", "models list-versions -m churn"},
    {"models search", "models search \"name = 'churn'\""},
    {"models resolve", "models resolve models:/churn/Production"},
    {"models history", "models history -m churn"},
    {"models list-requests", "models list-requests"},
    {"models deployments", "models deployments -m churn"},
    {"stages list", "stages list"},
    {"users list", "users list"},
    {"environments list", "environments list"},
};

TEST_CASE("every read command is a command of the grammar") {
  const std::vector<std::string> grammar = GrammarCommands();
  for (const std::string& command : ReadCommands()) {
    CAPTURE(command);
    CHECK(std::find(grammar.begin(), grammar.end(), command) != grammar.end());
    CHECK(kReadSamples.count(command) == 1);
  }
  CHECK(kReadSamples.size() == ReadCommands().size());
}

TEST_CASE("a read command run on a seeded registry writes no audit event") {
  CommandSession session;
  session.Ok("users add ann --role approver");
  session.Ok("models create churn");
  session.Ok("models create-version -m churn --source runs:/r1/model --metric auc=0.9");
  session.Ok("models create-version -m churn --source runs:/r2/model");
  session.Ok("models transition-stage -m churn -v 1 --stage Production");
  session.Ok("models deploy -m churn -v 1 --env production");
  session.Ok("models request-transition -m churn -v 2 --stage Staging");
  for (const auto& sample : kReadSamples) {
    const std::string& line = sample.second;  // not a structured binding: clang 14 cannot
                                               // capture one in CAPTURE's lambda
    CAPTURE(line);
    auto before = session.registry.TakeSnapshot();
    REQUIRE(before.ok());
    const std::string out = session.Ok(line);
    CHECK_FALSE(out.empty());
    auto after = session.registry.TakeSnapshot();
    REQUIRE(after.ok());
    CHECK((*after)->last_event_seq == (*before)->last_event_seq);
    CHECK(LineOnlyReads(line));
  }
}

TEST_CASE("OnlyReads: failed reads, global flags anywhere and help read; changes do not") {
  CHECK(LineOnlyReads("models get nosuch"));
  CHECK(LineOnlyReads("models get-version -m churn --version 9"));
  CHECK(LineOnlyReads("stagecraft --db x.db --as dana --json models resolve models:/churn/Nope"));
  CHECK(LineOnlyReads("models list --json --as priya"));
  CHECK(LineOnlyReads("models transition-stage --help"));
  CHECK(LineOnlyReads("models create churn -h"));
  CHECK(LineOnlyReads("models create churn --show-mlflow"));
  CHECK(LineOnlyReads("models --help"));

  CHECK_FALSE(LineOnlyReads("models create churn"));
  CHECK_FALSE(LineOnlyReads("--as list models transition-stage -m churn -v 1 --stage Staging"));
  CHECK_FALSE(LineOnlyReads("models approve-request --id 1"));
  CHECK_FALSE(LineOnlyReads("users add list --role viewer"));
  CHECK_FALSE(LineOnlyReads("environments add qa"));
  CHECK_FALSE(LineOnlyReads("models"));
  CHECK_FALSE(LineOnlyReads(""));
  CHECK_FALSE(LineOnlyReads("models set-tag -m churn --key k --value v -- --help"));
}

}  // namespace
}  // namespace stagecraft::commands
