// The governance commands run in-process (RunCommand, RunCommandLine) on a :memory: registry:
// transition requests and approvals, deploy / canary / promote / rollback, deployments, users,
// stage gates, environments; --as selecting the actor; --json shapes; exit codes 0/1/2.
//
// Sections: helpers | requests | deployments and rollback | users | gates | environments |
// --as, exit codes and JSON.

#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "command_session.h"
#include "stagecraft/commands/command_line.h"
#include "stagecraft/engine/registry.h"

using namespace stagecraft::commands;
using nlohmann::json;
using stagecraft::commands::testing::CommandSession;
using stagecraft::engine::Registry;

namespace {

// ---------------------------------------------------------------------------------------------
// Helpers

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Splits an aligned table into rows of header -> cell, cutting at the columns where the header
// names start (ASCII tables only).
using Row = std::map<std::string, std::string>;
std::vector<Row> ReadTable(const std::string& text, const std::vector<std::string>& headers) {
  const auto lines = Lines(text);
  REQUIRE_MESSAGE(!lines.empty(), "no table in: " << text);
  std::vector<std::size_t> starts;
  std::size_t from = 0;
  for (const auto& name : headers) {
    const std::size_t at = lines[0].find(name, from);
    REQUIRE_MESSAGE(at != std::string::npos, "no header " << name << " in: " << lines[0]);
    starts.push_back(at);
    from = at + name.size();
  }
  std::vector<Row> rows;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    Row row;
    for (std::size_t c = 0; c < starts.size(); ++c) {
      const std::size_t end = c + 1 < starts.size() ? starts[c + 1] : lines[i].size();
      std::string cell =
          starts[c] < lines[i].size() ? lines[i].substr(starts[c], end - starts[c]) : std::string();
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      row[headers[c]] = cell;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::size_t AuditSize(const Registry& registry) {
  auto events = registry.History();
  REQUIRE_MESSAGE(events.ok(), events.status().message());
  return events->size();
}

// A :memory: registry with users dev and dan (developers), ann and bob (approvers) and vic
// (viewer), and shorthands to run command lines on it (see command_session.h).
struct Session : CommandSession {
  Session() {
    Ok("users add dev --role developer");
    Ok("users add dan --role developer");
    Ok("users add ann --role approver");
    Ok("users add bob --role approver");
    Ok("users add vic --role viewer");
  }

  // Model churn with `count` versions in None.
  void SeedChurn(int count = 2) {
    Ok("models create churn");
    for (int i = 0; i < count; ++i) {
      Ok("models create-version --model-name churn --source runs:/r" + std::to_string(i) +
         "/model --metric accuracy=0.9" + std::to_string(i));
    }
  }

  // Moves a version to Production and serves it in production at 100%.
  void Ship(int version) {
    const std::string v = std::to_string(version);
    Run("models transition-stage --model-name churn --version " + v + " --stage Production");
    Ok("models deploy --model-name churn --version " + v + " --env production");
  }

  std::string StageOf(int version) {
    return Json("models get-version -m churn -v " + std::to_string(version) + " --json")
        .at("stage")
        .get<std::string>();
  }

  // The audit log as JSON, oldest first.
  json History() { return Json("models history --model-name churn --json"); }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Requests

TEST_CASE("models request-transition prints the request id; --json gives an object with id") {
  Session s;
  s.SeedChurn();
  CHECK(s.Ok("--as dev models request-transition --model-name churn --version 1 --stage staging "
             "--comment 'ready for QA'") ==
        "Request 1: move version 1 of model 'churn' from None to Staging (needs 1 approval).\n");
  s.Ok("stages gate Production --require-approvals 2");
  const json r = s.Json(
      "--as dev models request-transition -m churn -v 2 --stage Production "
      "--json");
  REQUIRE(r.is_object());
  CHECK(r.at("id") == 2);
  CHECK(r.at("model_name") == "churn");
  CHECK(r.at("version") == 2);
  CHECK(r.at("from_stage") == "None");
  CHECK(r.at("to_stage") == "Production");
  CHECK(r.at("requester") == "dev");
  CHECK(r.at("status") == "pending");
  CHECK(r.at("required_approvals") == 2);
  CHECK(r.at("approvals") == json::array());
  CHECK(s.Ok("--as dev models request-transition -m churn -v 2 --stage Staging") ==
        "Request 3: move version 2 of model 'churn' from None to Staging (needs 1 approval).\n");
}

TEST_CASE(
    "models list-requests lists requests; --json gives id, version, to_stage, requester, status") {
  Session s;
  s.SeedChurn();
  CHECK(s.Ok("models list-requests") == "No transition requests.\n");
  CHECK(s.Json("models list-requests --json") == json::array());
  s.Ok("--as dev models request-transition -m churn -v 1 --stage Staging -c first");
  s.Ok("--as dan models request-transition -m churn -v 2 --stage Production");
  s.Ok("--as dan models cancel-request --id 2");

  const json all = s.Json("models list-requests --json");
  REQUIRE(all.size() == 2);
  CHECK(all[0].at("id") == 1);
  CHECK(all[0].at("version") == 1);
  CHECK(all[0].at("to_stage") == "Staging");
  CHECK(all[0].at("requester") == "dev");
  CHECK(all[0].at("status") == "pending");
  CHECK(all[0].at("comment") == "first");
  CHECK(all[1].at("id") == 2);
  CHECK(all[1].at("status") == "cancelled");

  const json pending = s.Json("models list-requests --pending --json");
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].at("id") == 1);
  CHECK(s.Json("models list-requests --model-name churn --json").size() == 2);
  s.Fails("models list-requests --model-name nope", kExitEngineError);

  const auto rows = ReadTable(
      s.Ok("models list-requests"),
      {"ID", "Model", "Version", "From", "To", "Requester", "Status", "Approvals", "Comment"});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at("ID") == "1");
  CHECK(rows[0].at("To") == "Staging");
  CHECK(rows[0].at("Requester") == "dev");
  CHECK(rows[0].at("Status") == "pending");
  CHECK(rows[0].at("Approvals") == "0/1");
  CHECK(rows[0].at("Comment") == "first");
  CHECK(rows[1].at("Status") == "cancelled");
}

TEST_CASE("models approve-request applies the move with the last approval needed and says so") {
  Session s;
  s.SeedChurn();
  s.Ok("stages gate Production --require-approvals 2");
  s.Ok("--as dev models request-transition -m churn -v 1 --stage Production");
  CHECK(s.Ok("--as ann models approve-request --id 1 --comment 'ok by me'") ==
        "Approved request 1 (1 of 2).\n");
  CHECK(s.StageOf(1) == "None");
  const auto rows = ReadTable(
      s.Ok("models list-requests"),
      {"ID", "Model", "Version", "From", "To", "Requester", "Status", "Approvals", "Comment"});
  CHECK(rows.at(0).at("Approvals") == "1/2 ann");

  const json outcome = s.Json("--as bob models approve-request --id 1 --json");
  CHECK(outcome.at("request").at("status") == "approved");
  CHECK(outcome.at("request").at("approvals").size() == 2);
  CHECK(outcome.at("applied").at("version") == 1);
  CHECK(outcome.at("applied").at("from_stage") == "None");
  CHECK(outcome.at("applied").at("to_stage") == "Production");
  CHECK(s.StageOf(1) == "Production");

  s.Ok("--as dev models request-transition -m churn -v 2 --stage Staging");
  CHECK(s.Ok("--as ann models approve-request --id 2") ==
        "Approved request 2 (1 of 1).\nMoved version 2 of model 'churn' from None to Staging.\n");
  s.Ok("--as dev models request-transition -m churn -v 2 --stage Production --archive-existing");
  s.Ok("--as ann models approve-request --id 3");
  const json archived = s.Json("--as bob models approve-request --id 3 --json");
  CHECK(archived.at("applied").at("archived_versions") == json{1});
  CHECK(s.StageOf(1) == "Archived");
  CHECK(s.StageOf(2) == "Production");

  // The text says what the move archived exactly as transition-stage does.
  s.Ok("--as dev models request-transition -m churn -v 1 --stage Production --archive-existing");
  s.Ok("--as ann models approve-request --id 4");
  CHECK(s.Ok("--as bob models approve-request --id 4") ==
        "Approved request 4 (2 of 2).\nMoved version 1 of model 'churn' from Archived to "
        "Production.\nArchived version 2 (it was in Production).\n");
}

TEST_CASE("an approval that is not the last prints applied as null with --json") {
  Session s;
  s.SeedChurn();
  s.Ok("stages gate Staging --require-approvals 2");
  s.Ok("--as dev models request-transition -m churn -v 1 --stage Staging");
  const json outcome = s.Json("--as ann models approve-request --id 1 --json");
  CHECK(outcome.at("applied").is_null());
  CHECK(outcome.at("request").at("status") == "pending");
}

TEST_CASE("approving your own request, twice, or a stale request exits 1 and changes nothing") {
  Session s;
  s.SeedChurn();
  s.Ok("stages gate Production --require-approvals 2");
  s.Ok("--as ann models request-transition -m churn -v 1 --stage Production");
  auto own = s.Fails("--as ann models approve-request --id 1", kExitEngineError);
  CHECK(Contains(own.err, "'ann'"));
  CHECK(Contains(own.err, "request 1"));
  s.Ok("--as bob models approve-request --id 1");
  auto twice = s.Fails("--as bob models approve-request --id 1", kExitEngineError);
  CHECK(Contains(twice.err, "already approved"));
  s.Ok("models transition-stage -m churn -v 1 --stage Staging");
  auto stale = s.Fails("--as admin models approve-request --id 1", kExitEngineError);
  CHECK(Contains(stale.err, "stale"));
  const json request = s.Json("models list-requests --json").at(0);
  CHECK(request.at("status") == "pending");
  CHECK(request.at("stale") == true);
  CHECK(request.at("approvals").size() == 1);
  CHECK(s.StageOf(1) == "Staging");
  // Each refusal is in the audit log.
  int refusals = 0;
  for (const auto& e : s.History()) refusals += e.at("action") == "refused" ? 1 : 0;
  CHECK(refusals == 2);  // own request and stale; a second approval is a plain error
}

TEST_CASE("models reject-request and cancel-request close a request without moving the version") {
  Session s;
  s.SeedChurn();
  s.Ok("--as dev models request-transition -m churn -v 1 --stage Staging");
  s.Ok("--as dev models request-transition -m churn -v 2 --stage Staging");
  CHECK(s.Ok("--as ann models reject-request --id 1 --comment 'not yet'") ==
        "Rejected request 1.\n");
  auto other = s.Fails("--as dan models cancel-request --id 2", kExitEngineError);
  CHECK(Contains(other.err, "only 'dev'"));
  const json cancelled = s.Json("--as dev models cancel-request --id 2 --json");
  CHECK(cancelled.at("status") == "cancelled");
  CHECK(cancelled.at("resolved_by") == "dev");
  const json all = s.Json("models list-requests --json");
  CHECK(all[0].at("status") == "rejected");
  CHECK(all[0].at("resolution_comment") == "not yet");
  CHECK(s.StageOf(1) == "None");
  CHECK(s.StageOf(2) == "None");
  s.Fails("--as ann models approve-request --id 1", kExitEngineError);
  s.Fails("--as ann models reject-request --id 9", kExitEngineError);
}

TEST_CASE("request commands check their flags: a missing or non-positive --id is a usage error") {
  Session s;
  s.SeedChurn();
  for (const std::string line :
       {"models approve-request", "models approve-request --id 0", "models reject-request --id x",
        "models cancel-request --id -1", "models request-transition -m churn -v 1",
        "models request-transition -m churn --stage Staging"}) {
    CAPTURE(line);
    auto r = s.Fails(line, kExitUsage);
    CHECK(Contains(r.err, "usage: stagecraft models"));
  }
  CHECK(s.Json("models list-requests --json") == json::array());
}

// ---------------------------------------------------------------------------------------------
// Deployments and rollback

TEST_CASE("models deploy serves a version at 100%, or as a canary with --traffic") {
  Session s;
  s.SeedChurn();
  s.Ok("models transition-stage -m churn -v 1 --stage Production");
  s.Ok("models transition-stage -m churn -v 2 --stage Production");
  CHECK(s.Ok("--as ann models deploy --model-name churn --version 1 --env production") ==
        "'production' serves version 1 of model 'churn' at 100%.\n");
  CHECK(s.Ok("--as ann models deploy -m churn -v 2 --env production --traffic 10") ==
        "'production' serves version 1 of model 'churn' at 90%, with version 2 as a canary at "
        "10%.\n");
  const json promoted = s.Json("--as ann models promote-canary -m churn --json");
  CHECK(promoted.at("env") == "production");
  CHECK(promoted.at("version") == 2);
  CHECK(promoted.at("traffic") == 100);
  CHECK(promoted.at("previous_version") == 1);
  CHECK(promoted.at("canary").is_null());
  CHECK(s.Ok("models deploy -m churn -v 1 --env staging") ==
        "'staging' serves version 1 of model 'churn' at 100%.\n");
}

TEST_CASE("models deploy --json gives the primary with its canary") {
  Session s;
  s.SeedChurn();
  s.Ship(1);
  s.Ok("models transition-stage -m churn -v 2 --stage Production");
  const json d = s.Json("models deploy -m churn -v 2 --env production --traffic 25 --json");
  CHECK(d.at("env") == "production");
  CHECK(d.at("version") == 1);
  CHECK(d.at("traffic") == 75);
  CHECK(d.at("role") == "primary");
  CHECK(d.at("canary").at("version") == 2);
  CHECK(d.at("canary").at("traffic") == 25);
  CHECK(d.at("canary").at("role") == "canary");
}

TEST_CASE("models deploy of a version outside Production to production exits 1 naming its stage") {
  Session s;
  s.SeedChurn();
  s.Ok("models transition-stage -m churn -v 1 --stage Staging");
  auto r = s.Fails("models deploy -m churn -v 1 --env production", kExitEngineError);
  CHECK(Contains(r.err, "'Production'"));
  CHECK(Contains(r.err, "is in 'Staging'"));
  CHECK(Contains(r.err, "'production'"));
  CHECK(s.Json("models deployments -m churn --json") == json::array());
  auto role = s.Fails("--as dev models deploy -m churn -v 1 --env production", kExitEngineError);
  CHECK(Contains(role.err, "'dev'"));
}

TEST_CASE("models deploy checks its flags: --env is required and --traffic is 1 to 100") {
  Session s;
  s.SeedChurn();
  for (const std::string line :
       {"models deploy -m churn -v 1", "models deploy -m churn --env staging",
        "models deploy -m churn -v 1 --env staging --traffic 0",
        "models deploy -m churn -v 1 --env staging --traffic 101",
        "models deploy -m churn -v 1 --env staging --traffic half"}) {
    CAPTURE(line);
    auto r = s.Fails(line, kExitUsage);
    CHECK(Contains(r.err, "usage: stagecraft models deploy"));
  }
  auto unknown = s.Fails("models deploy -m churn -v 1 --env prod", kExitEngineError);
  CHECK(Contains(unknown.err, "'prod'"));
  CHECK(s.Json("models deployments -m churn --json") == json::array());
}

TEST_CASE("models deployments --json lists env, version and traffic of everything served") {
  Session s;
  s.SeedChurn(3);
  CHECK(s.Ok("models deployments --model-name churn") == "No environment serves model 'churn'.\n");
  s.Ship(1);
  s.Ship(2);
  s.Ok("models transition-stage -m churn -v 3 --stage Production");
  s.Ok("models deploy -m churn -v 3 --env production --traffic 20");
  s.Ok("models deploy -m churn -v 1 --env staging");
  const json rows = s.Json("models deployments --model-name churn --json");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].at("env") == "production");
  CHECK(rows[0].at("version") == 2);
  CHECK(rows[0].at("traffic") == 80);
  CHECK(rows[0].at("role") == "primary");
  CHECK(rows[0].at("previous_version") == 1);
  CHECK(rows[1].at("env") == "production");
  CHECK(rows[1].at("version") == 3);
  CHECK(rows[1].at("traffic") == 20);
  CHECK(rows[1].at("role") == "canary");
  CHECK(rows[2].at("env") == "staging");
  CHECK(rows[2].at("version") == 1);
  CHECK(rows[2].at("traffic") == 100);

  const auto table = ReadTable(s.Ok("models deployments -m churn"),
                               {"Env", "Version", "Traffic", "Role", "Previous", "Updated"});
  REQUIRE(table.size() == 3);
  CHECK(table[0].at("Env") == "production");
  CHECK(table[0].at("Version") == "2");
  CHECK(table[0].at("Traffic") == "80%");
  CHECK(table[0].at("Previous") == "1");
  CHECK(table[1].at("Role") == "canary");
  CHECK(table[2].at("Env") == "staging");
  s.Fails("models deployments -m nope", kExitEngineError);
}

TEST_CASE("models rollback returns production to the previous version by default") {
  Session s;
  s.SeedChurn(3);
  s.Ship(1);
  s.Ship(2);
  CHECK(s.Ok("--as ann models rollback --model-name churn") ==
        "Rolled back 'production' from version 2 to version 1 of model 'churn'.\n"
        "Version 1 is in Production and served at 100%; version 2 is in Archived.\n");
  CHECK(s.StageOf(1) == "Production");
  CHECK(s.StageOf(2) == "Archived");
  const json rows = s.Json("models deployments -m churn --json");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("version") == 1);
  CHECK(rows[0].at("traffic") == 100);
  // One audit event names both versions.
  const json last = s.History().back();
  CHECK(last.at("action") == "rollback");
  CHECK(last.at("version") == 1);
  CHECK(last.at("related_version") == 2);
  CHECK(last.at("environment") == "production");
  // Nothing further back.
  auto nothing = s.Fails("models rollback -m churn", kExitEngineError);
  CHECK(Contains(nothing.err, "nothing to roll back to"));
}

TEST_CASE("models rollback --env rolls back that environment; --json gives the outcome") {
  Session s;
  s.SeedChurn(2);
  s.Ok("models deploy -m churn -v 1 --env staging");
  s.Ok("models deploy -m churn -v 2 --env staging");
  const json o = s.Json("models rollback -m churn --env staging --json");
  CHECK(o.at("env") == "staging");
  CHECK(o.at("from_version") == 2);
  CHECK(o.at("to_version") == 1);
  CHECK(o.at("from_version_stage") == "None");
  CHECK(o.at("to_version_stage") == "None");
  auto role = s.Fails("--as dev models rollback -m churn --env staging", kExitEngineError);
  CHECK(Contains(role.err, "'dev' is a developer"));
  s.Fails("models rollback", kExitUsage);
}

TEST_CASE("archiving a served version exits 1 naming the environment; --force as admin does it") {
  Session s;
  s.SeedChurn(1);
  s.Ship(1);
  auto r = s.Fails("models transition-stage -m churn -v 1 --stage Archived", kExitEngineError);
  CHECK(Contains(r.err, "environment 'production' still serves version 1"));
  CHECK(s.StageOf(1) == "Production");
  auto denied = s.Fails("--as ann models transition-stage -m churn -v 1 --stage Archived --force",
                        kExitEngineError);
  CHECK(Contains(denied.err, "admin role"));
  s.Ok("models transition-stage -m churn -v 1 --stage Archived --force");
  CHECK(s.StageOf(1) == "Archived");
  CHECK(Contains(s.History().back().at("comment").get<std::string>(), "forced"));
}

// ---------------------------------------------------------------------------------------------
// Users

TEST_CASE("users add adds a user with a role and users list shows them") {
  Session s;
  CHECK(s.Ok("users add carol --role Approver") == "Added user 'carol' as approver.\n");
  const auto rows = ReadTable(s.Ok("users list"), {"Name", "Role"});
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(row.at("Name") + ":" + row.at("Role"));
  CHECK(names == std::vector<std::string>{"admin:admin", "ann:approver", "bob:approver",
                                          "carol:approver", "dan:developer", "dev:developer",
                                          "vic:viewer"});
  const json users = s.Json("users list --json");
  REQUIRE(users.size() == 7);
  CHECK(users[0].at("name") == "admin");
  CHECK(users[0].at("role") == "admin");
  CHECK(users[3].at("name") == "carol");
  CHECK(users[3].at("role") == "approver");
  const json added = s.Json("users add eve --role viewer --json");
  CHECK(added.at("name") == "eve");
  CHECK(added.at("role") == "viewer");
}

TEST_CASE("users add checks its flags and who asks") {
  Session s;
  for (const std::string line :
       {"users add carol", "users add carol --role root", "users add --role admin"}) {
    CAPTURE(line);
    auto r = s.Fails(line, kExitUsage);
    CHECK(Contains(r.err, "usage: stagecraft users add"));
  }
  auto taken = s.Fails("users add dev --role admin", kExitEngineError);
  CHECK(Contains(taken.err, "'dev'"));
  auto denied = s.Fails("--as ann users add carol --role admin", kExitEngineError);
  CHECK(Contains(denied.err, "'ann'"));
  CHECK(Contains(denied.err, "approver"));
  CHECK(Contains(denied.err, "admin role"));
  CHECK(s.Json("users list --json").size() == 6);
}

TEST_CASE("users set-role changes a role; the last admin cannot be demoted") {
  Session s;
  CHECK(s.Ok("users set-role dev --role approver") == "User 'dev' is now approver.\n");
  auto last = s.Fails("users set-role admin --role viewer", kExitEngineError);
  CHECK(Contains(last.err, "last admin"));
  s.Ok("users set-role ann --role admin");
  s.Ok("--as ann users set-role admin --role viewer");
  s.Fails("users add zed --role viewer", kExitEngineError);  // admin, the default, is a viewer
  s.Ok("--as ann users add zed --role viewer");
}

// ---------------------------------------------------------------------------------------------
// Gates

TEST_CASE("stages gate sets a stage's conditions and stages list --json shows them") {
  Session s;
  CHECK(s.Ok("stages gate Production --require-approvals 2 --require-metric 'accuracy>=0.9' "
             "--require-metric 'latency_ms<120' --require-tag validation=passed") ==
        "Gate of stage 'Production': 2 approvals; accuracy >= 0.9; latency_ms < 120; "
        "validation=passed.\n");
  const json stages = s.Json("stages list --json");
  REQUIRE(stages.size() == 4);
  const json& production = stages[2];
  CHECK(production.at("name") == "Production");
  const json& gates = production.at("gates");
  CHECK(gates.at("required_approvals") == 2);
  REQUIRE(gates.at("metrics").size() == 2);
  CHECK(gates.at("metrics")[0].at("metric") == "accuracy");
  CHECK(gates.at("metrics")[0].at("op") == ">=");
  CHECK(gates.at("metrics")[0].at("threshold") == 0.9);
  CHECK(gates.at("metrics")[1].at("metric") == "latency_ms");
  CHECK(gates.at("metrics")[1].at("op") == "<");
  CHECK(gates.at("tags") == json{{"validation", "passed"}});
  CHECK(stages[1].at("gates").at("required_approvals") == 0);
  CHECK(stages[1].at("gates").at("metrics") == json::array());

  const auto rows = ReadTable(s.Ok("stages list"), {"#", "Stage", "Exclusive", "Built-in", "Gate"});
  REQUIRE(rows.size() == 4);
  CHECK(rows[2].at("Gate") == "2 approvals; accuracy >= 0.9; latency_ms < 120; validation=passed");
  CHECK(rows[1].at("Gate").empty());

  const json one = s.Json("stages gate staging --require-approvals 1 --json");
  CHECK(one.at("name") == "Staging");
  CHECK(one.at("gates").at("required_approvals") == 1);
}

TEST_CASE("stages gate --clear removes every condition") {
  Session s;
  s.Ok("stages gate Production --require-approvals 2 --require-tag validation=passed");
  CHECK(s.Ok("stages gate Production --clear") == "Gate of stage 'Production': none.\n");
  const json gates = s.Json("stages list --json")[2].at("gates");
  CHECK(gates.at("required_approvals") == 0);
  CHECK(gates.at("metrics") == json::array());
  CHECK(gates.at("tags") == json::object());
  CHECK(s.Ok("stages gate Production --clear --require-tag owner=risk") ==
        "Gate of stage 'Production': owner=risk.\n");
}

TEST_CASE("a gate refuses a transition with every failure in one error line") {
  Session s;
  s.SeedChurn(1);
  s.Ok("stages gate Production --require-metric 'accuracy>=0.95' --require-tag validation=passed");
  auto r = s.Fails("models transition-stage -m churn -v 1 --stage Production", kExitEngineError);
  CHECK(Lines(r.err).size() == 1);
  CHECK(Contains(r.err, "accuracy is 0.9 (needs accuracy >= 0.95)"));
  CHECK(Contains(r.err, "tag validation is missing"));
  CHECK(s.StageOf(1) == "None");
  auto dev = s.Fails("--as dev models transition-stage -m churn -v 1 --stage Production",
                     kExitEngineError);
  CHECK(Contains(dev.err, "request the transition"));
}

TEST_CASE("stages gate checks its arguments and who asks") {
  Session s;
  for (const std::string line : {"stages gate", "stages gate Production --require-approvals 11",
                                 "stages gate Production --require-approvals -1",
                                 "stages gate Production --require-tag validation"}) {
    CAPTURE(line);
    auto r = s.Fails(line, kExitUsage);
    CHECK(Contains(r.err, "usage: stagecraft stages gate"));
  }
  auto unknown = s.Fails("stages gate Canary --require-approvals 1", kExitEngineError);
  CHECK(Contains(unknown.err, "'Canary'"));
  auto denied = s.Fails("--as ann stages gate Production --require-approvals 1", kExitEngineError);
  CHECK(Contains(denied.err, "'ann'"));
  CHECK(s.Json("stages list --json")[2].at("gates").at("required_approvals") == 0);
}

TEST_CASE("a malformed --require-metric is a usage error, like a malformed --metric") {
  Session s;
  for (const std::string line : {"stages gate Production --require-metric accuracy",
                                 "stages gate Production --require-metric 'accuracy>=high'"}) {
    CAPTURE(line);
    auto r = s.Fails(line, kExitUsage);
    CHECK(Contains(r.err, "accuracy"));
  }
  CHECK(s.Json("stages list --json")[2].at("gates").at("metrics") == json::array());
}

// ---------------------------------------------------------------------------------------------
// Environments

TEST_CASE("environments list shows staging and production; environments add adds one") {
  Session s;
  const json envs = s.Json("environments list --json");
  REQUIRE(envs.size() == 2);
  CHECK(envs[0].at("name") == "production");
  CHECK(envs[0].at("required_stage") == "Production");
  CHECK(envs[1].at("name") == "staging");
  CHECK(envs[1].at("required_stage").is_null());
  CHECK(s.Ok("environments add qa --require-stage staging") == "Added environment 'qa'.\n");
  CHECK(s.Json("environments list --json").size() == 3);
  s.Fails("--as ann environments add qa2", kExitEngineError);
}

// ---------------------------------------------------------------------------------------------
// --as, exit codes and JSON

TEST_CASE("--as selects who acts in every governance command, recorded in the audit log") {
  Session s;
  s.SeedChurn(1);
  s.Ok("--as dev models request-transition -m churn -v 1 --stage Production");
  s.Ok("models approve-request --id 1 --as ann");
  s.Ok("--as bob models deploy -m churn -v 1 --env production");
  std::vector<std::string> actors;
  for (const auto& e : s.History()) {
    const std::string action = e.at("action");
    if (action == "request_transition" || action == "approve_request" || action == "deploy") {
      actors.push_back(action + ":" + e.at("actor").get<std::string>());
    }
  }
  CHECK(actors ==
        std::vector<std::string>{"request_transition:dev", "approve_request:ann", "deploy:bob"});
  auto unknown = s.Fails("--as mallory models rollback -m churn", kExitEngineError);
  CHECK(Contains(unknown.err, "'mallory'"));
}

TEST_CASE("governance commands exit 0 on success, 1 on an engine error or refusal, 2 on misuse") {
  Session s;
  s.SeedChurn(2);
  s.Ok("--as dev models request-transition -m churn -v 1 --stage Staging");
  struct Case {
    std::string line;
    int exit_code;
  };
  const Case cases[] = {
      {"models list-requests", kExitOk},
      {"--as vic models request-transition -m churn -v 2 --stage Staging", kExitEngineError},
      {"--as dev models approve-request --id 1", kExitEngineError},
      {"models approve-request --id 99", kExitEngineError},
      {"models approve-request --id abc", kExitUsage},
      {"models approve-request --id 1 --bogus", kExitUsage},
      {"models deploy -m churn -v 2 --env production", kExitEngineError},
      {"models deploy -m churn -v 2 --env staging --traffic 50", kExitEngineError},
      {"models promote-canary -m churn --env staging", kExitEngineError},
      {"models rollback -m churn --env staging", kExitEngineError},
      {"models rollback -m churn --env nowhere", kExitEngineError},
      {"users add", kExitUsage},
      {"users frobnicate", kExitUsage},
      {"stages gate Production --require-approvals many", kExitUsage},
      {"--as ann models approve-request --id 1", kExitOk},
      {"models deploy -m churn -v 2 --env staging", kExitOk},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    const std::size_t events_before = AuditSize(s.registry);
    const CommandResult r = s.Run(c.line);
    CHECK_MESSAGE(r.exit_code == c.exit_code, "err: " << r.err);
    if (c.exit_code != kExitOk) {
      CHECK(r.out.empty());
      CHECK(r.err.rfind("error: ", 0) == 0);
    }
    // A usage error never reaches the engine: not even a refusal is recorded.
    if (c.exit_code == kExitUsage) CHECK(AuditSize(s.registry) == events_before);
    // An engine error records at most its refusal.
    if (c.exit_code == kExitEngineError) CHECK(AuditSize(s.registry) <= events_before + 1);
  }
}

TEST_CASE("every governance read command prints parseable JSON with --json") {
  Session s;
  s.SeedChurn(2);
  s.Ship(1);
  s.Ok("--as dev models request-transition -m churn -v 2 --stage Staging");
  for (const std::string line :
       {"models list-requests --json", "models list-requests --pending --json",
        "models deployments -m churn --json", "users list --json", "stages list --json",
        "environments list --json"}) {
    CAPTURE(line);
    const json value = s.Json(line);
    CHECK(value.is_array());
    CHECK_FALSE(value.empty());
  }
}
