// The command grammar run in-process (RunCommand, RunCommandLine) on a :memory: registry: every
// command's output, --json shapes, exit codes, help, global flags and error paths.
//
// Sections: helpers | models | versions | transitions | stages | JSON | exit codes and usage
// errors | help | global flags | hosts, openers and the default path.

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

#include "command_session.h"
#include "stagecraft/engine/registry.h"

using namespace stagecraft::commands;
using nlohmann::json;
using stagecraft::commands::testing::CommandSession;
using stagecraft::commands::testing::OpenMemory;
using stagecraft::engine::Registry;
using stagecraft::engine::Result;
using stagecraft::engine::Status;

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

// The UTF-8 characters of `text`, one string per code point, so that columns count characters.
std::vector<std::string> CodePoints(const std::string& text) {
  std::vector<std::string> out;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80 || out.empty()) out.emplace_back();
    out.back() += static_cast<char>(c);
  }
  return out;
}

std::string Slice(const std::vector<std::string>& chars, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < chars.size(); ++i) out += chars[i];
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Cuts an aligned table at the columns where its header names start and returns each row as
// header -> cell. A misaligned row gives cells that are cut in the wrong place.
using Row = std::map<std::string, std::string>;
std::vector<Row> ReadTable(const std::string& text, const std::vector<std::string>& headers) {
  std::vector<std::string> lines = Lines(text);
  REQUIRE_MESSAGE(!lines.empty(), "no table in: " << text);
  const std::string& header = lines.front();
  std::vector<std::size_t> starts;
  std::size_t from = 0;
  for (const auto& name : headers) {
    std::size_t at = header.find(name, from);
    REQUIRE_MESSAGE(at != std::string::npos, "no header " << name << " in: " << header);
    if (!starts.empty()) {
      REQUIRE_MESSAGE(header.substr(at - 2, 2) == "  ",
                      "header " << name << " is not two spaces after the one before: " << header);
    }
    starts.push_back(at);
    from = at + name.size();
  }
  CHECK(header.rfind(headers.front(), 0) == 0);  // the first column starts the line
  std::vector<Row> rows;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> chars = CodePoints(lines[i]);
    Row row;
    for (std::size_t c = 0; c < starts.size(); ++c) {
      std::size_t end = c + 1 < starts.size() ? starts[c + 1] : chars.size();
      if (c > 0 && starts[c] < chars.size()) {
        CHECK_MESSAGE(chars[starts[c] - 1] == " ",
                      "column " << headers[c] << " is not aligned in: " << lines[i]);
      }
      row[headers[c]] = Slice(chars, starts[c], end);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// Reads a "Field  value" listing (no header): all values must start in the same column.
std::map<std::string, std::string> ReadFields(const std::string& text) {
  std::map<std::string, std::string> fields;
  std::optional<std::size_t> value_column;
  for (const std::string& line : Lines(text)) {
    std::size_t gap = line.find("  ");
    if (gap == std::string::npos) {  // a field with an empty value
      fields[line] = "";
      continue;
    }
    std::size_t value = line.find_first_not_of(' ', gap);
    if (!value_column) value_column = value;
    CHECK_MESSAGE(value == *value_column, "value not aligned in: " << line);
    fields[line.substr(0, gap)] = line.substr(value);
  }
  return fields;
}

// A :memory: registry and shorthands to run command lines on it (see command_session.h).
struct Session : CommandSession {
  // churn with versions 1 (run a1, accuracy 0.91) and 2 (run b2, accuracy 0.94).
  void SeedChurn() {
    Ok("models create churn --description 'Predicts cancellations'");
    Ok("models create-version --model-name churn --source runs:/a1/model --run-id a1 "
       "--metric accuracy=0.91 --metric f1=0.84 --tag team=growth");
    Ok("models create-version --model-name churn --source runs:/b2/model --run-id b2 "
       "--metric accuracy=0.94");
  }
};

// Checks the object shape every version is printed in (list-versions, resolve, get-version...).
void CheckVersionShape(const json& v) {
  REQUIRE(v.is_object());
  CHECK(v.at("model_name").is_string());
  CHECK(v.at("version").is_number_integer());
  CHECK(v.at("stage").is_string());
  CHECK(v.at("run_id").is_string());
  CHECK(v.at("source").is_string());
  CHECK(v.at("aliases").is_array());
  CHECK(v.at("metrics").is_object());
  CHECK(v.at("tags").is_object());
}

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

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
