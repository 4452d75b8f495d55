// The command grammar (command_line.cpp: RunCommand, RunCommandLine) run in-process on a
// :memory: registry: exit codes, usage errors, help, global flags, host commands, openers and
// the default registry path. Each command's own output: registry_commands_test.cpp and
// governance_commands_test.cpp. Helpers: command_line_helpers.h.
//
// Sections: exit codes and usage errors | help | global flags | hosts, openers and the default
// path.

#include "stagecraft/commands/command_line.h"

#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "command_line_helpers.h"
#include "command_session.h"
#include "stagecraft/engine/registry.h"

using namespace stagecraft::commands;
using nlohmann::json;
using stagecraft::engine::Registry;
using stagecraft::engine::Result;
using stagecraft::engine::Status;
using namespace stagecraft::commands::testing;

// ---------------------------------------------------------------------------------------------
// Exit codes and usage errors

TEST_CASE("an engine error exits 1 with 'error: <message>' naming what is involved") {
  Session s;
  s.SeedChurn();
  SUBCASE("an unknown model") {
    auto r = s.Fails("models list-versions --model-name nosuch", kExitEngineError);
    CHECK(Contains(r.err, "'nosuch'"));
    r = s.Fails("models get nosuch", kExitEngineError);
    CHECK(Contains(r.err, "'nosuch'"));
  }
  SUBCASE("an unknown version") {
    auto r = s.Fails("models transition-stage --model-name churn --version 9 --stage Staging",
                     kExitEngineError);
    CHECK(Contains(r.err, "churn"));
    CHECK(Contains(r.err, "9"));
  }
  SUBCASE("an unknown stage lists the known ones") {
    auto r = s.Fails("models transition-stage --model-name churn --version 1 --stage Prod",
                     kExitEngineError);
    CHECK(Contains(r.err, "'Prod'"));
    CHECK(Contains(r.err, "None, Staging, Production, Archived"));
  }
  SUBCASE("the version is already in the stage") {
    s.Ok("models transition-stage --model-name churn --version 1 --stage Staging");
    auto r = s.Fails("models transition-stage --model-name churn --version 1 --stage staging",
                     kExitEngineError);
    CHECK(r.err == "error: version 1 of model 'churn' is already in stage 'Staging'\n");
  }
  SUBCASE("a name that is taken") {
    auto r = s.Fails("models create churn", kExitEngineError);
    CHECK(Contains(r.err, "'churn'"));
    CHECK(Contains(r.err, "exists"));
  }
  SUBCASE("an empty model name") { s.Fails("models create ''", kExitEngineError); }
  SUBCASE("a bad URI") {
    auto r = s.Fails("models resolve churn/1", kExitEngineError);
    CHECK(Contains(r.err, "models:/"));
  }
  SUBCASE("an unknown stage to add before") {
    auto r = s.Fails("stages add QA --before Nowhere", kExitEngineError);
    CHECK(Contains(r.err, "Nowhere"));
  }
  SUBCASE("the message is one line") {
    auto r = s.Fails("models get nosuch", kExitEngineError);
    CHECK(Lines(r.err).size() == 1);
  }
}

TEST_CASE("an engine error leaves the registry as it was") {
  Session s;
  s.SeedChurn();
  s.Ok("stages set-exclusive Production");
  s.Ok("models transition-stage --model-name churn --version 1 --stage Production");
  const json versions = s.Json("models list-versions --model-name churn --json");
  const json models = s.Json("models list --json");
  const json history = s.Json("models history --model-name churn --json");
  SUBCASE("an exclusive stage conflict") {
    s.Fails("models transition-stage --model-name churn --version 2 --stage Production",
            kExitEngineError);
  }
  SUBCASE("a move to the stage the version is in") {
    s.Fails("models transition-stage --model-name churn --version 1 --stage Production",
            kExitEngineError);
  }
  SUBCASE("an unknown stage") {
    s.Fails("models transition-stage --model-name churn --version 2 --stage Nowhere",
            kExitEngineError);
  }
  SUBCASE("a duplicate model") { s.Fails("models create churn -d 'other'", kExitEngineError); }
  SUBCASE("an alias on a missing version") {
    s.Fails("models set-alias --model-name churn --alias champion --version 7", kExitEngineError);
  }
  SUBCASE("a non-finite metric is a usage error") {
    s.Fails("models set-metric --model-name churn --version 1 --key accuracy --value nan",
            kExitUsage);
  }
  SUBCASE("a version with a non-finite metric is a usage error") {
    s.Fails("models create-version --model-name churn --source s --metric accuracy=inf",
            kExitUsage);
  }
  CHECK(s.Json("models list-versions --model-name churn --json") == versions);
  CHECK(s.Json("models list --json") == models);
  CHECK(s.Json("models history --model-name churn --json") == history);
}

TEST_CASE("a missing required flag or argument is a usage error with the leaf's usage line") {
  Session s;
  s.SeedChurn();
  std::string line, usage;
  SUBCASE("list-versions without --model-name") {
    line = "models list-versions";
    usage = "usage: stagecraft models list-versions --model-name N";
  }
  SUBCASE("create-version without --source") {
    line = "models create-version --model-name churn";
    usage = "usage: stagecraft models create-version --model-name N --source URI";
  }
  SUBCASE("transition-stage without --stage") {
    line = "models transition-stage --model-name churn --version 1";
    usage =
        "usage: stagecraft models transition-stage --model-name N --version V --stage S "
        "[--archive-existing] [--comment T]";
  }
  SUBCASE("set-alias without --version") {
    line = "models set-alias --model-name churn --alias champion";
    usage = "usage: stagecraft models set-alias --model-name N --alias A --version V";
  }
  SUBCASE("create without a name") {
    line = "models create";
    usage = "usage: stagecraft models create NAME [--description T]";
  }
  SUBCASE("resolve without a URI") {
    line = "models resolve";
    usage = "usage: stagecraft models resolve URI";
  }
  SUBCASE("stages add without a name") {
    line = "stages add";
    usage = "usage: stagecraft stages add NAME [--before STAGE] [--exclusive]";
  }
  SUBCASE("a flag without its value") {
    line = "models list-versions --model-name";
    usage = "usage: stagecraft models list-versions --model-name N";
  }
  CAPTURE(line);
  auto r = s.Fails(line, kExitUsage);
  CHECK(Contains(r.err, usage));
  CHECK(s.Json("models list-versions --model-name churn --json").size() == 2);
}

TEST_CASE("an unknown command is a usage error listing the commands there are") {
  Session s;
  SUBCASE("at the top") {
    auto r = s.Fails("modles list", kExitUsage);
    CHECK(Contains(r.err, "unknown command 'modles'"));
    CHECK(Contains(r.err, "usage: stagecraft"));
    CHECK(Contains(r.err, "models|stages"));
  }
  SUBCASE("under models") {
    auto r = s.Fails("models lst", kExitUsage);
    CHECK(Contains(r.err, "unknown command 'lst' for 'stagecraft models'"));
    CHECK(Contains(r.err, "usage: stagecraft models <"));
    CHECK(Contains(r.err, "create-version"));
    CHECK(Contains(r.err, "transition-stage"));
  }
  SUBCASE("under stages") {
    auto r = s.Fails("stages rename QA", kExitUsage);
    CHECK(Contains(r.err, "'rename'"));
    CHECK(Contains(r.err, "usage: stagecraft stages <list|add|remove|set-exclusive"));
  }
  SUBCASE("after global flags") {
    auto r = s.Fails("--as alice --json nope", kExitUsage);
    CHECK(Contains(r.err, "'nope'"));
  }
}

TEST_CASE("a missing command is a usage error") {
  Session s;
  SUBCASE("nothing at all") {
    auto r = s.Run(std::vector<std::string>{});
    CHECK(r.exit_code == kExitUsage);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, "sage: stagecraft"));
  }
  SUBCASE("only the program name") {
    auto r = s.Run("stagecraft");
    CHECK(r.exit_code == kExitUsage);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, "sage: stagecraft"));
  }
  SUBCASE("models alone") {
    auto r = s.Fails("models", kExitUsage);
    CHECK(Contains(r.err, "'stagecraft models' needs a command"));
    CHECK(Contains(r.err, "usage: stagecraft models <"));
  }
  SUBCASE("stages alone") {
    auto r = s.Fails("stages", kExitUsage);
    CHECK(Contains(r.err, "usage: stagecraft stages <"));
  }
}

TEST_CASE("a malformed --metric or --tag is a usage error and registers nothing") {
  Session s;
  s.Ok("models create churn");
  std::string flag;
  SUBCASE("a value that is not a number") { flag = "--metric accuracy=high"; }
  SUBCASE("a number with trailing text") { flag = "--metric accuracy=0.9x"; }
  SUBCASE("an empty value") { flag = "--metric accuracy="; }
  SUBCASE("no equals sign") { flag = "--metric accuracy"; }
  SUBCASE("no key") { flag = "--metric =0.9"; }
  SUBCASE("a tag without an equals sign") { flag = "--tag team"; }
  CAPTURE(flag);
  auto r = s.Fails("models create-version --model-name churn --source s " + flag, kExitUsage);
  CHECK(Contains(r.err, "--"));
  CHECK(Contains(r.err, "usage: stagecraft models create-version"));
  CHECK(s.Json("models list-versions --model-name churn --json") == json::array());
}

TEST_CASE("a --value that is not a number is a usage error for set-metric") {
  Session s;
  s.SeedChurn();
  auto r = s.Fails("models set-metric -m churn -v 1 -k accuracy --value high", kExitUsage);
  CHECK(Contains(r.err, "usage: stagecraft models set-metric"));
}

TEST_CASE("a --version that is not a positive whole number is a usage error") {
  Session s;
  s.SeedChurn();
  std::string value;
  SUBCASE("zero") { value = "0"; }
  SUBCASE("negative") { value = "-1"; }
  SUBCASE("a fraction") { value = "1.5"; }
  SUBCASE("not a number") { value = "two"; }
  CAPTURE(value);
  const std::pair<std::string, std::string> commands[] = {
      {"models get-version --model-name churn --version ", "usage: stagecraft models get-version"},
      {"models transition-stage --model-name churn --stage Staging --version ",
       "usage: stagecraft models transition-stage"},
      {"models history --model-name churn --version ", "usage: stagecraft models history"},
      {"models set-tag --model-name churn --key k --value v --version ",
       "usage: stagecraft models set-tag"},
  };
  for (const auto& entry : commands) {
    const std::string& command = entry.first;  // not a structured binding: CAPTURE captures it,
    const std::string& usage = entry.second;   // and clang 14 refuses to capture those
    CAPTURE(command);
    auto r = s.Fails(command + value, kExitUsage);
    CHECK(Contains(r.err, "--version"));
    CHECK(Contains(r.err, usage));
  }
  json versions = s.Json("models list-versions --model-name churn --json");
  CHECK(versions[0].at("stage") == "None");
  CHECK(s.Json("models get churn --json").at("tags") == json::object());
}

// The message CLI11's PositiveNumber gives is "Value 0 not in range 0.000000 to 1797693...(309
// digits).000000": it contradicts itself (0 is in [0, max]) and buries the point.
TEST_CASE("a non-positive --version is refused with a short message that makes sense") {
  Session s;
  s.SeedChurn();
  for (std::string value : {"0", "-1", "two"}) {
    CAPTURE(value);
    auto r = s.Fails("models get-version --model-name churn --version " + value, kExitUsage);
    std::string first = FirstLine(r.err);
    CHECK(first.size() < 160);
    CHECK_FALSE(Contains(first, "not in range 0.000000"));
  }
}

TEST_CASE("an unexpected argument or unknown flag is a usage error") {
  Session s;
  SUBCASE("an extra word") {
    auto r = s.Fails("models list extra", kExitUsage);
    CHECK(Contains(r.err, "extra"));
    CHECK(Contains(r.err, "usage: stagecraft models list"));
  }
  SUBCASE("an unknown flag on a leaf") {
    auto r = s.Fails("models list --bogus", kExitUsage);
    CHECK(Contains(r.err, "--bogus"));
  }
  SUBCASE("an unknown flag at the top") {
    auto r = s.Fails("--bogus models list", kExitUsage);
    CHECK(Contains(r.err, "--bogus"));
  }
  SUBCASE("a flag of another command") {
    auto r = s.Fails("models list --model-name churn", kExitUsage);
    CHECK(Contains(r.err, "usage: stagecraft models list"));
  }
}

TEST_CASE("a quoting error in a command line is a usage error naming the column") {
  Session s;
  auto r = s.Fails("models create 'churn", kExitUsage);
  CHECK(Contains(r.err, "column 15"));
  CHECK(s.Json("models list --json") == json::array());
}

// ---------------------------------------------------------------------------------------------
// Help

TEST_CASE("--help prints help on out and exits 0 at every level") {
  Session s;
  std::string line;
  std::vector<std::string> expected;
  SUBCASE("top level") {
    line = "--help";
    expected = {"stagecraft [--db PATH] [--as USER] [--json]",
                "models",
                "stages",
                "--db",
                "--as",
                "--json"};
  }
  SUBCASE("top level, -h") {
    line = "-h";
    expected = {"stagecraft [--db PATH] [--as USER] [--json]"};
  }
  SUBCASE("models") {
    line = "models --help";
    expected = {"stagecraft models", "create-version", "list-versions", "transition-stage",
                "set-alias",         "resolve",        "history",       "search"};
  }
  SUBCASE("stages") {
    line = "stages --help";
    expected = {"stagecraft stages", "list", "add", "remove", "set-exclusive"};
  }
  SUBCASE("a leaf") {
    line = "models transition-stage --help";
    expected = {
        "stagecraft models transition-stage --model-name N --version V --stage S "
        "[--archive-existing] [--comment T]",
        "--archive-existing", "--comment"};
  }
  SUBCASE("a leaf with its required flags missing") {
    line = "models create-version -h";
    expected = {"stagecraft models create-version --model-name N --source URI", "--metric",
                "--tag"};
  }
  SUBCASE("a stages leaf") {
    line = "stages add --help";
    expected = {"stagecraft stages add NAME [--before STAGE] [--exclusive]"};
  }
  SUBCASE("with the program name") {
    line = "stagecraft models list --help";
    expected = {"stagecraft models list"};
  }
  CAPTURE(line);
  auto r = s.Run(line);
  CHECK(r.exit_code == kExitOk);
  CHECK(r.err.empty());
  for (const auto& text : expected)
    CHECK_MESSAGE(Contains(r.out, text), text << "\nin:\n" << r.out);
}

TEST_CASE("--help on a leaf changes nothing") {
  Session s;
  auto r = s.Run("models create churn --help");
  CHECK(r.exit_code == kExitOk);
  CHECK(s.Json("models list --json") == json::array());
}

// ---------------------------------------------------------------------------------------------
// Global flags

TEST_CASE("--db is refused in-process") {
  Session s;
  for (std::string line : {"--db other.db models list", "--db :memory: models list",
                           "models list --db other.db", "--db other.db models create churn"}) {
    CAPTURE(line);
    auto r = s.Fails(line, kExitUsage);
    CHECK(Contains(r.err, "--db"));
  }
  CHECK(s.Json("models list --json") == json::array());
}

TEST_CASE("a leading stagecraft word is optional") {
  Session s;
  CHECK(s.Ok("stagecraft models create churn") == "Registered model 'churn'.\n");
  CHECK(s.Ok("models list") == s.Ok("stagecraft models list"));
  auto r = s.Run(std::vector<std::string>{"stagecraft", "models", "list", "--json"});
  CHECK(r.exit_code == kExitOk);
  CHECK(json::parse(r.out)[0].at("name") == "churn");
  SUBCASE("only the first word is the program name: a model may be called stagecraft") {
    s.Ok("stagecraft models create stagecraft");
    CHECK(s.Json("models get stagecraft --json").at("name") == "stagecraft");
  }
}

TEST_CASE("--as records the actor in the audit log") {
  Session s;
  s.Ok("users add alice --role developer");
  s.Ok("users add bob --role developer");
  s.Ok("users add carol.smith --role developer");
  s.Ok("--as alice models create churn");
  s.Ok("models create-version --model-name churn --source s --as bob");
  s.Ok("--as carol.smith models transition-stage --model-name churn --version 1 --stage Staging");
  s.Ok("models set-alias --model-name churn --alias champion --version 1");
  json events = s.Json("models history --model-name churn --json");
  REQUIRE(events.size() == 4);
  CHECK(events[0].at("actor") == "alice");
  CHECK(events[1].at("actor") == "bob");
  CHECK(events[2].at("actor") == "carol.smith");
  CHECK(events[3].at("actor") == "admin");  // the default
  CHECK(s.Json("models get-version -m churn -v 1 --json").at("creator") == "bob");
  auto rows = ReadTable(s.Ok("models history --model-name churn"),
                        {"Seq", "Time", "Actor", "Action", "Version", "From", "To", "Comment"});
  CHECK(rows[0]["Actor"] == "alice");
  CHECK(rows[2]["Actor"] == "carol.smith");
}

TEST_CASE("--as an unknown user is refused, naming the user, and changes nothing") {
  Session s;
  auto r = s.Fails("--as mallory models create churn", kExitEngineError);
  CHECK(Contains(r.err, "'mallory'"));
  CHECK(s.Json("models list --json") == json::array());
}

TEST_CASE("--as with an empty name is a usage error") {
  Session s;
  auto r = s.Fails("--as '' models create churn", kExitUsage);
  CHECK(Contains(r.err, "--as"));
  CHECK(s.Json("models list --json") == json::array());
}

TEST_CASE("--json works before and after the subcommand") {
  Session s;
  s.SeedChurn();
  json before = s.Json("--json models list-versions --model-name churn");
  json middle = s.Json("models --json list-versions --model-name churn");
  json after = s.Json("models list-versions --model-name churn --json");
  CHECK(before.size() == 2);
  CHECK(before == middle);
  CHECK(before == after);
  CHECK(s.Json("models list --json") == s.Json("--json models list"));
}

TEST_CASE("a model name with SQL in it is stored and printed verbatim") {
  Session s;
  const std::string name = "x'); DROP TABLE models;--";
  CHECK(s.Ok(R"(models create "x'); DROP TABLE models;--")") ==
        "Registered model '" + name + "'.\n");
  json models = s.Json("models list --json");
  REQUIRE(models.size() == 1);
  CHECK(models[0].at("name") == name);
  CHECK(s.Json(R"(models get "x'); DROP TABLE models;--" --json)").at("name") == name);
  // The same name as a word vector, without any quoting.
  auto r = s.Run(std::vector<std::string>{"models", "create-version", "--model-name", name,
                                          "--source", "runs:/r/model", "--json"});
  REQUIRE(r.exit_code == kExitOk);
  CHECK(json::parse(r.out).at("model_name") == name);
  json resolved = s.Json(R"(models resolve "models:/x'); DROP TABLE models;--/1" --json)");
  CHECK(resolved.at("model_name") == name);
  CHECK(resolved.at("version") == 1);
  auto rows =
      ReadTable(s.Ok("models list"), {"Name", "Latest", "Aliases", "Updated", "Description"});
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["Name"] == name);
  CHECK(rows[0]["Latest"] == "1");
  s.Ok("models create other");  // the models table is still there
  CHECK(s.Json("models list --json").size() == 2);
}

TEST_CASE("a model or stage may be named like a command word") {
  Session s;
  for (std::string name : {"list", "models", "stages", "create", "demo", "stagecraft"}) {
    CAPTURE(name);
    CHECK(s.Ok("models create " + name) == "Registered model '" + name + "'.\n");
    CHECK(s.Json("models get " + name + " --json").at("name") == name);
    json v = s.Json("models create-version --model-name " + name + " --source s --json");
    CHECK(v.at("model_name") == name);
  }
  CHECK(s.Json("models list --json").size() == 6);
  CHECK(s.Json("stages add models --json").at("name") == "models");
}

// ---------------------------------------------------------------------------------------------
// Hosts, openers and the default path

TEST_CASE("RunCommand passes --db to the opener and opens nothing for help or usage errors") {
  Registry registry = OpenMemory();
  int opened = 0;
  std::optional<std::string> seen;
  RegistryOpener opener = [&](const std::optional<std::string>& db) -> Result<Registry*> {
    ++opened;
    seen = db;
    return &registry;
  };
  SUBCASE("with --db") {
    auto r = RunCommand({"--db", "/some/where.db", "models", "list"}, opener);
    CHECK(r.exit_code == kExitOk);
    CHECK(opened == 1);
    CHECK(seen == std::optional<std::string>("/some/where.db"));
  }
  SUBCASE("without --db") {
    auto r = RunCommand({"models", "list"}, opener);
    CHECK(r.exit_code == kExitOk);
    CHECK(opened == 1);
    CHECK_FALSE(seen.has_value());
  }
  SUBCASE("help") {
    CHECK(RunCommand({"models", "list", "--help"}, opener).exit_code == kExitOk);
    CHECK(opened == 0);
  }
  SUBCASE("a usage error") {
    CHECK(RunCommand({"models", "list-versions"}, opener).exit_code == kExitUsage);
    CHECK(RunCommand({"models", "nope"}, opener).exit_code == kExitUsage);
    CHECK(opened == 0);
  }
}

TEST_CASE("an opener's failure is an engine error, or a usage error when the argument was bad") {
  Status failure;
  int expected = 0;
  SUBCASE("storage") {
    failure = Status::Storage("'/x.db' is not a usable Stagecraft registry database");
    expected = kExitEngineError;
  }
  SUBCASE("invalid argument") {
    failure = Status::InvalidArgument("the registry database path is empty");
    expected = kExitUsage;
  }
  RegistryOpener opener = [&](const std::optional<std::string>&) -> Result<Registry*> {
    return failure;
  };
  auto r = RunCommand({"models", "list"}, opener);
  CHECK(r.exit_code == expected);
  CHECK(r.out.empty());
  CHECK(r.err == "error: " + failure.message() + "\n");
}

TEST_CASE("a host command runs with its own flags and the --json setting, without a registry") {
  int opened = 0;
  RegistryOpener opener = [&](const std::optional<std::string>&) -> Result<Registry*> {
    ++opened;
    return Status::Storage("no registry here");
  };
  HostCommand hello{"hello", "Say hello.", [](CLI::App& command) {
                      auto who = std::make_shared<std::string>("world");
                      command.add_option("--who", *who, "whom to greet");
                      return [who](CommandIo& io) {
                        io.out =
                            io.json ? "{\"hello\": \"" + *who + "\"}\n" : "hello " + *who + "\n";
                        return *who == "nobody" ? kExitEngineError : kExitOk;
                      };
                    }};
  auto r = RunCommand({"hello", "--who", "ana"}, opener, {hello});
  CHECK(r.exit_code == kExitOk);
  CHECK(r.out == "hello ana\n");
  r = RunCommand({"stagecraft", "--json", "hello"}, opener, {hello});
  CHECK(json::parse(r.out) == json{{"hello", "world"}});
  r = RunCommand({"hello", "--who", "nobody"}, opener, {hello});
  CHECK(r.exit_code == kExitEngineError);
  CHECK(opened == 0);
  r = RunCommand({"--help"}, opener, {hello});
  CHECK(Contains(r.out, "hello"));
  CHECK(Contains(r.out, "Say hello."));
  SUBCASE("a registry runner has no host commands") {
    Registry registry = OpenMemory();
    auto in_process = RunCommand(registry, {"hello"});
    CHECK(in_process.exit_code == kExitUsage);
  }
}

namespace {

// Sets (or, with nullptr, unsets) an environment variable for the life of this object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("the default registry is under XDG_DATA_HOME, else under HOME/.local/share") {
  ScopedEnv home("HOME", "/home/ana");
  SUBCASE("XDG_DATA_HOME set") {
    ScopedEnv xdg("XDG_DATA_HOME", "/data/ana");
    CHECK(DefaultRegistryPath() == "/data/ana/stagecraft/registry.db");
  }
  SUBCASE("XDG_DATA_HOME unset") {
    ScopedEnv xdg("XDG_DATA_HOME", nullptr);
    CHECK(DefaultRegistryPath() == "/home/ana/.local/share/stagecraft/registry.db");
  }
  SUBCASE("XDG_DATA_HOME empty") {
    ScopedEnv xdg("XDG_DATA_HOME", "");
    CHECK(DefaultRegistryPath() == "/home/ana/.local/share/stagecraft/registry.db");
  }
  SUBCASE("XDG_DATA_HOME relative, which the XDG spec says to ignore") {
    ScopedEnv xdg("XDG_DATA_HOME", "relative/dir");
    CHECK(DefaultRegistryPath() == "/home/ana/.local/share/stagecraft/registry.db");
  }
}
