// The registry commands (registry_commands.cpp: models, versions, stages) run in-process
// (RunCommandLine) on a :memory: registry: each command's output, aligned tables and fields, and
// --json shapes. Helpers: command_line_helpers.h.
//
// Sections: models | versions | transitions | stages | JSON

#include "stagecraft/commands/command_line.h"

#include <doctest/doctest.h>

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
// Models

TEST_CASE("models create registers a model and says so") {
  Session s;
  CHECK(s.Ok("models create churn --description 'Predicts cancellations'") ==
        "Registered model 'churn'.\n");
  json model = s.Json("models get churn --json");
  CHECK(model.at("name") == "churn");
  CHECK(model.at("description") == "Predicts cancellations");
  SUBCASE("with --json it prints the new model") {
    json created = s.Json("models create fraud -d 'Flags fraud' --json");
    CHECK(created.at("name") == "fraud");
    CHECK(created.at("description") == "Flags fraud");
    CHECK(created.at("latest_version") == 0);
  }
}

TEST_CASE("models list prints an aligned table of models by name") {
  Session s;
  s.SeedChurn();
  s.Ok("models create a-much-longer-model-name");
  s.Ok("models set-alias --model-name churn --alias champion --version 2");
  auto rows =
      ReadTable(s.Ok("models list"), {"Name", "Latest", "Aliases", "Updated", "Description"});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["Name"] == "a-much-longer-model-name");
  CHECK(rows[0]["Latest"] == "-");
  CHECK(rows[0]["Aliases"] == "");
  CHECK(rows[1]["Name"] == "churn");
  CHECK(rows[1]["Latest"] == "2");
  CHECK(rows[1]["Aliases"] == "champion->2");
  CHECK(rows[1]["Updated"].size() == std::string("2026-01-01 00:00:00").size());
  CHECK(rows[1]["Description"] == "Predicts cancellations");
}

TEST_CASE("models list with no models says how to register one") {
  Session s;
  std::string out = s.Ok("models list");
  CHECK(Contains(out, "No models yet"));
  CHECK(Contains(out, "stagecraft models create NAME"));
  CHECK(s.Json("models list --json") == json::array());
}

TEST_CASE("models list --json prints an array of objects with at least a name") {
  Session s;
  s.SeedChurn();
  s.Ok("models create zeta");
  json models = s.Json("models list --json");
  REQUIRE(models.is_array());
  REQUIRE(models.size() == 2);
  CHECK(models[0].at("name") == "churn");
  CHECK(models[0].at("description") == "Predicts cancellations");
  CHECK(models[0].at("latest_version") == 2);
  CHECK(models[1].at("name") == "zeta");
}

TEST_CASE("models get shows one model as aligned fields") {
  Session s;
  s.SeedChurn();
  s.Ok("models set-tag --model-name churn --key owner --value ana");
  s.Ok("models set-alias --model-name churn --alias champion --version 1");
  auto fields = ReadFields(s.Ok("models get churn"));
  CHECK(fields["Name"] == "churn");
  CHECK(fields["Description"] == "Predicts cancellations");
  CHECK(fields["Latest"] == "2");
  CHECK(fields["Aliases"] == "champion->1");
  CHECK(fields["Tags"] == "owner=ana");
  json model = s.Json("models get churn --json");
  CHECK(model.at("tags") == json{{"owner", "ana"}});
  CHECK(model.at("aliases") == json{{"champion", 1}});
}

TEST_CASE("models update changes a model's description") {
  Session s;
  s.SeedChurn();
  CHECK(s.Ok("models update churn --description 'Now with more data'") ==
        "Updated the description of model 'churn'.\n");
  CHECK(s.Json("models get churn --json").at("description") == "Now with more data");
  json printed = s.Json("models update churn -d '' --json");
  CHECK(printed == json{{"name", "churn"}, {"description", ""}});
  CHECK(s.Json("models get churn --json").at("description") == "");
}

TEST_CASE("models delete removes the model and its versions") {
  Session s;
  s.SeedChurn();
  CHECK(Contains(s.Ok("models delete churn"), "Deleted model 'churn'"));
  CHECK(s.Json("models list --json") == json::array());
  auto r = s.Fails("models list-versions --model-name churn", kExitEngineError);
  CHECK(Contains(r.err, "churn"));
  SUBCASE("a new model of that name starts again at version 1") {
    s.Ok("models create churn");
    json v = s.Json("models create-version --model-name churn --source s --json");
    CHECK(v.at("version") == 1);
  }
}

TEST_CASE("models set-tag and delete-tag change a model's tags, or a version's with --version") {
  Session s;
  s.SeedChurn();
  SUBCASE("model tags") {
    CHECK(s.Ok("models set-tag --model-name churn --key owner --value ana") ==
          "Tagged model 'churn' with owner=ana.\n");
    CHECK(s.Json("models get churn --json").at("tags") == json{{"owner", "ana"}});
    CHECK(s.Ok("models delete-tag --model-name churn --key owner") == "Removed tag 'owner'.\n");
    CHECK(s.Json("models get churn --json").at("tags") == json::object());
  }
  SUBCASE("version tags") {
    CHECK(s.Ok("models set-tag --model-name churn --version 2 --key reviewed --value yes") ==
          "Tagged version 2 of model 'churn' with reviewed=yes.\n");
    CHECK(s.Json("models get-version -m churn -v 2 --json").at("tags") ==
          json{{"reviewed", "yes"}});
    CHECK(s.Json("models get churn --json").at("tags") == json::object());
    s.Ok("models delete-tag --model-name churn --version 2 --key reviewed");
    CHECK(s.Json("models get-version -m churn -v 2 --json").at("tags") == json::object());
  }
  SUBCASE("--json") {
    json printed = s.Json("models set-tag -m churn -k owner --value ana --json");
    CHECK(printed.at("model_name") == "churn");
    CHECK(printed.at("version").is_null());
    CHECK(printed.at("key") == "owner");
    CHECK(printed.at("value") == "ana");
    printed = s.Json("models set-tag -m churn -v 1 -k k --value v --json");
    CHECK(printed.at("version") == 1);
  }
}

TEST_CASE("models set-alias points an alias at a version, moving it when set again") {
  Session s;
  s.SeedChurn();
  CHECK(s.Ok("models set-alias --model-name churn --alias champion --version 1") ==
        "Alias 'champion' of model 'churn' now points at version 1.\n");
  CHECK(s.Json("models resolve models:/churn@champion --json").at("version") == 1);
  s.Ok("models set-alias --model-name churn --alias champion --version 2");
  json versions = s.Json("models list-versions --model-name churn --json");
  CHECK(versions[0].at("aliases") == json::array());
  CHECK(versions[1].at("aliases") == json::array({"champion"}));
  json printed = s.Json("models set-alias -m churn -a challenger -v 1 --json");
  CHECK(printed == json{{"model_name", "churn"}, {"alias", "challenger"}, {"version", 1}});
}

TEST_CASE("models delete-alias removes an alias") {
  Session s;
  s.SeedChurn();
  s.Ok("models set-alias --model-name churn --alias champion --version 1");
  CHECK(s.Ok("models delete-alias --model-name churn --alias champion") ==
        "Removed alias 'champion' of model 'churn'.\n");
  auto r = s.Fails("models resolve models:/churn@champion", kExitEngineError);
  CHECK(Contains(r.err, "champion"));
  CHECK(Contains(r.err, "churn"));
}

TEST_CASE("models resolve shows the version a models:/ URI names") {
  Session s;
  s.SeedChurn();
  s.Ok("models transition-stage --model-name churn --version 1 --stage Production");
  s.Ok("models set-alias --model-name churn --alias champion --version 2");
  std::string uri;
  std::int64_t expected = 0;
  SUBCASE("by number") {
    uri = "models:/churn/1";
    expected = 1;
  }
  SUBCASE("by stage") {
    uri = "models:/churn/Production";
    expected = 1;
  }
  SUBCASE("by stage in any letter case") {
    uri = "models:/churn/production";
    expected = 1;
  }
  SUBCASE("latest") {
    uri = "models:/churn/latest";
    expected = 2;
  }
  SUBCASE("by alias") {
    uri = "models:/churn@champion";
    expected = 2;
  }
  CAPTURE(uri);
  auto fields = ReadFields(s.Ok("models resolve " + uri));
  CHECK(fields["Model"] == "churn");
  CHECK(fields["Version"] == std::to_string(expected));
  CHECK(fields["Stage"] == (expected == 1 ? "Production" : "None"));
  CHECK(fields["Run ID"] == (expected == 1 ? "a1" : "b2"));
  CHECK(fields["Source"] == (expected == 1 ? "runs:/a1/model" : "runs:/b2/model"));
  CHECK(fields["Creator"] == "admin");
}

TEST_CASE("models resolve --json prints one object of the version shape") {
  Session s;
  s.SeedChurn();
  s.Ok("models set-alias --model-name churn --alias champion --version 1");
  json v = s.Json("models resolve models:/churn@champion --json");
  CheckVersionShape(v);
  CHECK(v.at("model_name") == "churn");
  CHECK(v.at("version") == 1);
  CHECK(v.at("stage") == "None");
  CHECK(v.at("run_id") == "a1");
  CHECK(v.at("source") == "runs:/a1/model");
  CHECK(v.at("aliases") == json::array({"champion"}));
  CHECK(v.at("metrics") == json{{"accuracy", 0.91}, {"f1", 0.84}});
  CHECK(v.at("tags") == json{{"team", "growth"}});
}

TEST_CASE("models history prints a model's audit log oldest first as an aligned table") {
  Session s;
  s.SeedChurn();
  s.Ok(
      "models transition-stage --model-name churn --version 1 --stage Staging "
      "--comment 'passed offline evaluation'");
  auto rows = ReadTable(s.Ok("models history --model-name churn"),
                        {"Seq", "Time", "Actor", "Action", "Version", "From", "To", "Comment"});
  REQUIRE(rows.size() == 4);
  CHECK(rows[0]["Seq"] == "1");
  CHECK(rows[0]["Action"] == "create_model");
  CHECK(rows[0]["Version"] == "");
  CHECK(rows[1]["Action"] == "create_version");
  CHECK(rows[1]["Version"] == "1");
  CHECK(rows[2]["Version"] == "2");
  CHECK(rows[3]["Seq"] == "4");
  CHECK(rows[3]["Actor"] == "admin");
  CHECK(rows[3]["Action"] == "transition_stage");
  CHECK(rows[3]["From"] == "None");
  CHECK(rows[3]["To"] == "Staging");
  CHECK(rows[3]["Comment"] == "passed offline evaluation");
}

TEST_CASE("models history --version shows only that version's events") {
  Session s;
  s.SeedChurn();
  s.Ok("models transition-stage --model-name churn --version 2 --stage Staging");
  json events = s.Json("models history --model-name churn --version 2 --json");
  REQUIRE(events.size() == 2);
  for (const auto& e : events) CHECK(e.at("version") == 2);
  CHECK(events[0].at("action") == "create_version");
  CHECK(events[1].at("action") == "transition_stage");
}

TEST_CASE(
    "models history --json prints an array of events with seq, action, version, stages and actor") {
  Session s;
  s.SeedChurn();
  s.Ok("models transition-stage --model-name churn --version 1 --stage production");
  json events = s.Json("models history --model-name churn --json");
  REQUIRE(events.is_array());
  REQUIRE(events.size() == 4);
  for (std::size_t i = 0; i < events.size(); ++i) {
    CAPTURE(i);
    const json& e = events[i];
    CHECK(e.at("seq").is_number_integer());
    CHECK(e.at("action").is_string());
    CHECK(e.contains("version"));
    CHECK(e.at("from_stage").is_string());
    CHECK(e.at("to_stage").is_string());
    CHECK(e.at("actor") == "admin");
    if (i > 0) CHECK(e.at("seq").get<std::int64_t>() > events[i - 1].at("seq").get<std::int64_t>());
  }
  CHECK(events[0].at("action") == "create_model");
  CHECK(events[0].at("version").is_null());  // a model-level event has no version
  CHECK(events[3].at("action") == "transition_stage");
  CHECK(events[3].at("version") == 1);
  CHECK(events[3].at("from_stage") == "None");
  CHECK(events[3].at("to_stage") == "Production");
}

TEST_CASE("models search finds versions by stage, tag and metric") {
  Session s;
  s.SeedChurn();
  s.Ok("models create fraud");
  s.Ok("models create-version --model-name fraud --source runs:/c3/model --metric accuracy=0.99");
  s.Ok("models transition-stage --model-name churn --version 2 --stage Production");
  s.Ok("models transition-stage --model-name fraud --version 1 --stage Production");
  SUBCASE("an aligned table with the model column first") {
    auto rows = ReadTable(s.Ok(R"(models search "stage = 'Production' AND accuracy > 0.95")"),
                          {"Model", "Version", "Stage", "Run ID", "Aliases", "Metrics", "Source"});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["Model"] == "fraud");
    CHECK(rows[0]["Version"] == "1");
    CHECK(rows[0]["Stage"] == "Production");
    CHECK(rows[0]["Metrics"] == "accuracy=0.99");
  }
  SUBCASE("--json, by model then version") {
    json found = s.Json(R"(models search "accuracy > 0.9" --json)");
    REQUIRE(found.size() == 3);
    for (const auto& v : found) CheckVersionShape(v);
    CHECK(found[0].at("model_name") == "churn");
    CHECK(found[0].at("version") == 1);
    CHECK(found[1].at("version") == 2);
    CHECK(found[2].at("model_name") == "fraud");
  }
  SUBCASE("by tag") {
    json found = s.Json("models search \"tags.team = 'growth'\" --json");
    REQUIRE(found.size() == 1);
    CHECK(found[0].at("version") == 1);
  }
  SUBCASE("nothing matches") {
    CHECK(s.Ok("models search 'accuracy > 2'") == "No versions match.\n");
    CHECK(s.Json("models search 'accuracy > 2' --json") == json::array());
  }
  SUBCASE("a malformed filter is an engine error naming the column") {
    auto r = s.Fails("models search 'accuracy ~ 1'", kExitEngineError);
    CHECK(Contains(r.err, "column"));
  }
}

// ---------------------------------------------------------------------------------------------
// Versions

TEST_CASE("models create-version adds the next version in stage None with its metrics and tags") {
  Session s;
  s.Ok("models create churn");
  CHECK(s.Ok("models create-version --model-name churn --source runs:/a1/model") ==
        "Created version 1 of model 'churn' in stage None.\n");
  json v = s.Json(
      "models create-version -m churn -s runs:/b2/model -r b2 --metric accuracy=0.9 "
      "--metric loss=-0.25 --tag team=growth --tag note='a=b' -d 'second try' --json");
  CheckVersionShape(v);
  CHECK(v.at("version") == 2);
  CHECK(v.at("stage") == "None");
  CHECK(v.at("run_id") == "b2");
  CHECK(v.at("source") == "runs:/b2/model");
  CHECK(v.at("metrics") == json{{"accuracy", 0.9}, {"loss", -0.25}});
  CHECK(v.at("tags") == json{{"team", "growth"}, {"note", "a=b"}});
  CHECK(v.at("description") == "second try");
  CHECK(v.at("creator") == "admin");
}

TEST_CASE("models get-version shows one version as aligned fields") {
  Session s;
  s.SeedChurn();
  auto fields = ReadFields(s.Ok("models get-version --model-name churn --version 1"));
  CHECK(fields["Model"] == "churn");
  CHECK(fields["Version"] == "1");
  CHECK(fields["Stage"] == "None");
  CHECK(fields["Run ID"] == "a1");
  CHECK(fields["Source"] == "runs:/a1/model");
  CHECK(fields["Metrics"] == "accuracy=0.91, f1=0.84");
  CHECK(fields["Tags"] == "team=growth");
  json v = s.Json("models get-version --model-name churn --version 2 --json");
  CheckVersionShape(v);
  CHECK(v.at("version") == 2);
  CHECK(v.at("metrics") == json{{"accuracy", 0.94}});
}

TEST_CASE("models list-versions prints an aligned table whose columns line up with the header") {
  Session s;
  s.SeedChurn();
  s.Ok("models transition-stage --model-name churn --version 1 --stage Production");
  s.Ok("models set-alias --model-name churn --alias champion --version 1");
  s.Ok(
      "models create-version --model-name churn --source s3://bucket/a-much-longer-path "
      "--run-id a-rather-long-run-id");
  std::string out = s.Ok("models list-versions --model-name churn");
  CHECK(out.rfind("Version  Stage", 0) == 0);
  auto rows = ReadTable(out, {"Version", "Stage", "Run ID", "Aliases", "Metrics", "Source"});
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]["Version"] == "1");
  CHECK(rows[0]["Stage"] == "Production");
  CHECK(rows[0]["Run ID"] == "a1");
  CHECK(rows[0]["Aliases"] == "champion");
  CHECK(rows[0]["Metrics"] == "accuracy=0.91, f1=0.84");
  CHECK(rows[0]["Source"] == "runs:/a1/model");
  CHECK(rows[1]["Version"] == "2");
  CHECK(rows[1]["Stage"] == "None");
  CHECK(rows[1]["Run ID"] == "b2");
  CHECK(rows[1]["Aliases"] == "");
  CHECK(rows[2]["Run ID"] == "a-rather-long-run-id");
  CHECK(rows[2]["Source"] == "s3://bucket/a-much-longer-path");
  for (const std::string& line : Lines(out)) CHECK(line.back() != ' ');  // no trailing spaces
}

TEST_CASE("a non-ASCII value does not shift the columns after it") {
  Session s;
  s.Ok("models create modèle-ü");
  s.Ok("models create-version --model-name modèle-ü --source s --run-id ünïcödé");
  s.Ok("models create-version --model-name modèle-ü --source s --run-id plain-ascii-x");
  auto rows = ReadTable(s.Ok("models list-versions --model-name modèle-ü"),
                        {"Version", "Stage", "Run ID", "Aliases", "Metrics", "Source"});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["Run ID"] == "ünïcödé");
  CHECK(rows[0]["Source"] == "s");
  CHECK(rows[1]["Run ID"] == "plain-ascii-x");
  CHECK(rows[1]["Source"] == "s");
}

TEST_CASE("models list-versions --json prints an array of versions oldest first") {
  Session s;
  s.SeedChurn();
  json versions = s.Json("models list-versions --model-name churn --json");
  REQUIRE(versions.is_array());
  REQUIRE(versions.size() == 2);
  for (const auto& v : versions) CheckVersionShape(v);
  CHECK(versions[0].at("version") == 1);
  CHECK(versions[0].at("stage") == "None");
  CHECK(versions[0].at("run_id") == "a1");
  CHECK(versions[0].at("source") == "runs:/a1/model");
  CHECK(versions[0].at("aliases") == json::array());
  CHECK(versions[0].at("metrics").at("accuracy") == 0.91);
  CHECK(versions[0].at("tags").at("team") == "growth");
  CHECK(versions[1].at("version") == 2);
  CHECK(versions[1].at("tags") == json::object());
}

TEST_CASE("models list-versions on a model without versions says so") {
  Session s;
  s.Ok("models create churn");
  CHECK(s.Ok("models list-versions --model-name churn") == "Model 'churn' has no versions yet.\n");
  CHECK(s.Json("models list-versions --model-name churn --json") == json::array());
}

TEST_CASE("models update-version changes a version's description") {
  Session s;
  s.SeedChurn();
  CHECK(s.Ok("models update-version --model-name churn --version 2 --description 'retrained'") ==
        "Updated the description of version 2 of model 'churn'.\n");
  CHECK(s.Json("models get-version -m churn -v 2 --json").at("description") == "retrained");
  CHECK(s.Json("models get-version -m churn -v 1 --json").at("description") == "");
}

TEST_CASE("models set-metric records or overwrites a metric on a version") {
  Session s;
  s.SeedChurn();
  CHECK(s.Ok("models set-metric --model-name churn --version 1 --key accuracy --value 0.95") ==
        "Recorded accuracy=0.95 on version 1 of model 'churn'.\n");
  s.Ok("models set-metric --model-name churn --version 1 --key loss --value -0.5");
  json metrics = s.Json("models get-version -m churn -v 1 --json").at("metrics");
  CHECK(metrics == json{{"accuracy", 0.95}, {"f1", 0.84}, {"loss", -0.5}});
  json printed = s.Json("models set-metric -m churn -v 2 -k f1 --value 0.5 --json");
  CHECK(printed == json{{"model_name", "churn"}, {"version", 2}, {"key", "f1"}, {"value", 0.5}});
}

TEST_CASE("models delete-version removes a version whose number is never reused") {
  Session s;
  s.SeedChurn();
  CHECK(Contains(s.Ok("models delete-version --model-name churn --version 2"),
                 "Deleted version 2 of model 'churn'"));
  json versions = s.Json("models list-versions --model-name churn --json");
  REQUIRE(versions.size() == 1);
  CHECK(versions[0].at("version") == 1);
  json next = s.Json("models create-version --model-name churn --source s --json");
  CHECK(next.at("version") == 3);
  auto r = s.Fails("models get-version --model-name churn --version 2", kExitEngineError);
  CHECK(Contains(r.err, "churn"));
  CHECK(Contains(r.err, "2"));
}

// ---------------------------------------------------------------------------------------------
// Transitions

TEST_CASE("models transition-stage moves a version and says from where to where") {
  Session s;
  s.SeedChurn();
  CHECK(s.Ok("models transition-stage --model-name churn --version 1 --stage staging") ==
        "Moved version 1 of model 'churn' from None to Staging.\n");
  CHECK(s.Json("models get-version -m churn -v 1 --json").at("stage") == "Staging");
  SUBCASE("--comment goes into the audit log") {
    s.Ok("models transition-stage -m churn -v 1 --stage Production --comment 'signed off'");
    json events = s.Json("models history --model-name churn --version 1 --json");
    CHECK(events.back().at("comment") == "signed off");
    CHECK(events.back().at("from_stage") == "Staging");
    CHECK(events.back().at("to_stage") == "Production");
  }
  SUBCASE("--json prints the outcome") {
    json outcome = s.Json("models transition-stage -m churn -v 2 --stage PRODUCTION --json");
    CHECK(outcome == json{{"model_name", "churn"},
                          {"version", 2},
                          {"from_stage", "None"},
                          {"to_stage", "Production"},
                          {"archived_versions", json::array()}});
  }
}

TEST_CASE("models transition-stage --archive-existing archives the others in the target stage") {
  Session s;
  s.SeedChurn();
  s.Ok("models transition-stage --model-name churn --version 1 --stage Production");
  std::string out = s.Ok(
      "models transition-stage --model-name churn --version 2 --stage Production "
      "--archive-existing");
  CHECK(out ==
        "Moved version 2 of model 'churn' from None to Production.\n"
        "Archived version 1 (it was in Production).\n");
  json versions = s.Json("models list-versions --model-name churn --json");
  CHECK(versions[0].at("stage") == "Archived");
  CHECK(versions[1].at("stage") == "Production");
}

TEST_CASE("without --archive-existing two versions may share a non-exclusive stage") {
  Session s;
  s.SeedChurn();
  s.Ok("models transition-stage --model-name churn --version 1 --stage Production");
  s.Ok("models transition-stage --model-name churn --version 2 --stage Production");
  json versions = s.Json("models list-versions --model-name churn --json");
  CHECK(versions[0].at("stage") == "Production");
  CHECK(versions[1].at("stage") == "Production");
  CHECK(s.Json("models resolve models:/churn/Production --json").at("version") == 2);
}

// ---------------------------------------------------------------------------------------------
// Stages

TEST_CASE("stages list prints the stages in order as an aligned table") {
  Session s;
  auto rows = ReadTable(s.Ok("stages list"), {"#", "Stage", "Exclusive", "Built-in"});
  REQUIRE(rows.size() == 4);
  CHECK(rows[0]["Stage"] == "None");
  CHECK(rows[1]["Stage"] == "Staging");
  CHECK(rows[2]["Stage"] == "Production");
  CHECK(rows[3]["Stage"] == "Archived");
  for (auto& row : rows) {
    CHECK(row["Exclusive"] == "no");
    CHECK(row["Built-in"] == "yes");
  }
  json stages = s.Json("stages list --json");
  REQUIRE(stages.size() == 4);
  CHECK(stages[2].at("name") == "Production");
  CHECK(stages[2].at("position") == 2);
  CHECK(stages[2].at("exclusive") == false);
  CHECK(stages[2].at("builtin") == true);
}

TEST_CASE("stages add inserts a stage, before Archived by default or before --before") {
  Session s;
  SUBCASE("default place") {
    CHECK(s.Ok("stages add Canary") == "Added stage 'Canary' at position 3.\n");
    json stages = s.Json("stages list --json");
    CHECK(stages[3].at("name") == "Canary");
    CHECK(stages[4].at("name") == "Archived");
  }
  SUBCASE("--before and --exclusive") {
    CHECK(s.Ok("stages add QA --before production --exclusive") ==
          "Added stage 'QA' at position 2 (exclusive).\n");
    auto rows = ReadTable(s.Ok("stages list"), {"#", "Stage", "Exclusive", "Built-in"});
    REQUIRE(rows.size() == 5);
    CHECK(rows[2]["#"] == "2");
    CHECK(rows[2]["Stage"] == "QA");
    CHECK(rows[2]["Exclusive"] == "yes");
    CHECK(rows[2]["Built-in"] == "no");
    CHECK(rows[3]["Stage"] == "Production");
  }
  SUBCASE("--json") {
    json stage = s.Json("stages add QA -b Staging --json");
    CHECK(stage.at("name") == "QA");
    CHECK(stage.at("position") == 1);
    CHECK(stage.at("exclusive") == false);
    CHECK(stage.at("builtin") == false);
  }
  SUBCASE("a new stage can be used at once, in any letter case") {
    s.Ok("stages add QA");
    s.SeedChurn();
    s.Ok("models transition-stage --model-name churn --version 1 --stage qa");
    CHECK(s.Json("models get-version -m churn -v 1 --json").at("stage") == "QA");
  }
}

TEST_CASE("stages remove removes an added stage") {
  Session s;
  s.Ok("stages add QA");
  CHECK(s.Ok("stages remove QA") == "Removed stage 'QA'.\n");
  CHECK(s.Json("stages list --json").size() == 4);
  SUBCASE("a built-in stage cannot be removed") {
    auto r = s.Fails("stages remove Production", kExitEngineError);
    CHECK(Contains(r.err, "Production"));
    CHECK(s.Json("stages list --json").size() == 4);
  }
}

TEST_CASE(
    "stages set-exclusive makes a stage hold at most one version of a model, --off lifts it") {
  Session s;
  s.SeedChurn();
  CHECK(s.Ok("stages set-exclusive Production") == "Stage 'Production' is now exclusive.\n");
  CHECK(s.Json("stages list --json")[2].at("exclusive") == true);
  s.Ok("models transition-stage --model-name churn --version 1 --stage Production");
  auto r = s.Fails("models transition-stage --model-name churn --version 2 --stage Production",
                   kExitEngineError);
  CHECK(Contains(r.err, "Production"));
  CHECK(Contains(r.err, "churn"));
  CHECK(s.Ok("stages set-exclusive Production --off") ==
        "Stage 'Production' is no longer exclusive.\n");
  s.Ok("models transition-stage --model-name churn --version 2 --stage Production");
  json printed = s.Json("stages set-exclusive Staging --json");
  CHECK(printed == json{{"stage", "Staging"}, {"exclusive", true}});
}

// ---------------------------------------------------------------------------------------------
// JSON

TEST_CASE("every read command prints parseable JSON with --json") {
  Session s;
  s.SeedChurn();
  s.Ok("models set-alias --model-name churn --alias champion --version 1");
  const std::string lines[] = {
      "models list --json",
      "models get churn --json",
      "models get-version --model-name churn --version 1 --json",
      "models list-versions --model-name churn --json",
      "models resolve models:/churn@champion --json",
      "models history --model-name churn --json",
      "models search 'accuracy > 0' --json",
      "stages list --json",
  };
  for (const std::string& line : lines) {
    CAPTURE(line);
    json value = s.Json(line);
    CHECK((value.is_array() || value.is_object()));
  }
}
