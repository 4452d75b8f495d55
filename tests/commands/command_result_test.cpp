// CommandResult as data: the engine's Status of a refused command, the usage flag, and the
// subject the command's parsed options named.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../engine/test_registry.h"
#include "stagecraft/commands/command_line.h"
#include "stagecraft/commands/scenario.h"

using namespace stagecraft::commands;
using stagecraft::engine::ErrorCode;
using stagecraft::engine::Registry;

namespace {

// On a fixed clock, so that two registries print the same times.
Registry Fresh() {
  stagecraft::engine::RegistryOptions options;
  options.clock = [] { return kScenarioStart; };
  auto registry = Registry::Open(":memory:", std::move(options));
  REQUIRE(registry.ok());
  return std::move(registry).value();
}

CommandResult Run(Registry& registry, const std::string& line) {
  return RunCommandLine(registry, line);
}

}  // namespace

TEST_CASE("A refused command carries the engine's code and message, as printed on err") {
  Registry registry = Fresh();
  REQUIRE(Run(registry, "models create churn").ok());
  const CommandResult taken = Run(registry, "models create churn");
  CHECK(taken.exit_code == kExitEngineError);
  CHECK_FALSE(taken.usage_error);
  CHECK(taken.status.code() == ErrorCode::kAlreadyExists);
  CHECK(taken.err == "error: " + taken.status.message() + "\n");
  const CommandResult missing = Run(registry, "models transition-stage -m churn -v 9 --stage Staging");
  CHECK(missing.status.code() == ErrorCode::kNotFound);
  CHECK(missing.status.message() == "model 'churn' has no version 9");
  REQUIRE(Run(registry, "models create-version -m churn --source s").ok());
  CHECK(Run(registry, "models transition-stage -m churn -v 1 --stage Nowhere").status.code() ==
        ErrorCode::kUnknownStage);
  CHECK(Run(registry, "models transition-stage -m churn -v 1 --stage None").status.code() ==
        ErrorCode::kFailedPrecondition);
  REQUIRE(Run(registry, "users add vic --role viewer").ok());
  CHECK(Run(registry, "--as vic models create fraud").status.code() == ErrorCode::kPermissionDenied);
}

TEST_CASE("A successful command has an ok status and no usage flag") {
  Registry registry = Fresh();
  const CommandResult created = Run(registry, "models create churn");
  CHECK(created.ok());
  CHECK(created.status.ok());
  CHECK_FALSE(created.usage_error);
}

TEST_CASE("A usage error keeps exit 2, sets the usage flag and a one-line kInvalidArgument") {
  Registry registry = Fresh();
  for (const std::string line : {"models frobnicate", "models create", "models create --colour red x",
                                 "models create 'x", "--db other.db models list", "", "--as '' models list"}) {
    CAPTURE(line);
    const CommandResult r = Run(registry, line);
    CHECK(r.exit_code == kExitUsage);
    CHECK(r.usage_error);
    CHECK(r.status.code() == ErrorCode::kInvalidArgument);
    CHECK_FALSE(r.status.message().empty());
    CHECK(r.status.message().find('\n') == std::string::npos);
  }
  CHECK(Run(registry, "models frobnicate").status.message() ==
        "unknown command 'frobnicate' for 'stagecraft models'");
}

TEST_CASE("The subject is what the parsed options named, whether the engine accepted it or not") {
  Registry registry = Fresh();
  CHECK(Run(registry, "models create churn").subject.model_name == "churn");
  CHECK(Run(registry, "models get nope").subject.model_name == "nope");
  const CommandResult move = Run(registry, "models transition-stage -m churn -v 7 --stage staging");
  CHECK_FALSE(move.ok());
  CHECK(move.subject.model_name == "churn");
  CHECK(move.subject.version == 7);
  CHECK(move.subject.stage == "staging");  // as written; the engine's spelling is in its events
  const CommandResult rollback = Run(registry, "models rollback -m churn");
  CHECK(rollback.subject.environment == "production");  // the default
  CHECK(rollback.subject.version == 0);
  SUBCASE("a request command names its request's version") {
    REQUIRE(Run(registry, "models create-version -m churn --source s").ok());
    REQUIRE(Run(registry, "users add dev --role developer").ok());
    REQUIRE(Run(registry, "--as dev models request-transition -m churn -v 1 --stage Staging").ok());
    const CommandResult own = Run(registry, "--as dev models approve-request --id 1");
    CHECK_FALSE(own.ok());
    CHECK(own.subject.request_id == 1);
    CHECK(own.subject.model_name == "churn");
    CHECK(own.subject.version == 1);
    CHECK(own.subject.stage == "Staging");
    const CommandResult unknown = Run(registry, "models reject-request --id 9");
    CHECK(unknown.subject.request_id == 9);
    CHECK(unknown.subject.version == 0);
  }
  CHECK(Run(registry, "models frobnicate -m churn -v 1").subject.model_name.empty());
}

TEST_CASE("A CommandRunner gives what RunCommandLine gives, with no value left from the last line") {
  // Each line leaves something set (a flag, --as, --json, a default overridden) that the next
  // one must not see.
  const std::vector<std::string> lines = {
      "users add dev --role developer",
      "models create churn --description first",
      "models create fraud",
      "models create-version -m churn --source s --metric accuracy=0.9 --tag team=a",
      "models create-version -m churn --source s",
      "models transition-stage -m churn -v 1 --stage Production --comment why",
      "models transition-stage -m churn -v 2 --stage Production --archive-existing",
      "models get-version -m churn -v 2",
      "--json models get-version -m churn -v 1",
      "models list-versions -m churn",
      "models deploy -m churn -v 2 --env staging --traffic 100",
      "models deploy -m churn -v 2 --env production",
      "models deploy -m churn -v 2 --env staging",
      "models rollback -m churn --env staging",
      "models rollback -m churn",
      "--as dev models create ltv",
      "models history --model-name churn",
      "models frobnicate",
      "models create 'x",
      "models create --colour red y",
      "models list",
      "--as dev models set-tag -m churn --key k --value v",
      "models set-tag -m churn -v 1 --key k --value v",
      "models list-requests --pending",
      "models list-requests",
  };
  Registry a = Fresh();
  Registry b = Fresh();
  CommandRunner runner;
  for (const auto& line : lines) {
    CAPTURE(line);
    const CommandResult once = RunCommandLine(a, line);
    const CommandResult reused = runner.Run(b, line);
    CHECK(reused.exit_code == once.exit_code);
    CHECK(reused.out == once.out);
    CHECK(reused.err == once.err);
    CHECK(reused.status.code() == once.status.code());
    CHECK(reused.usage_error == once.usage_error);
    CHECK(reused.subject.model_name == once.subject.model_name);
    CHECK(reused.subject.version == once.subject.version);
    CHECK(reused.subject.environment == once.subject.environment);
  }
}
