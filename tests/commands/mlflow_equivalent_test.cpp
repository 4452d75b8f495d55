// The MLflow equivalent of each command (mlflow_equivalent.cpp): every command of the grammar has
// an entry, the command's arguments are filled in and quoted, and the notes say what
// ../shared/FACTS.md says. --show-mlflow through RunCommand is at the end.

#include "stagecraft/commands/mlflow_equivalent.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "stagecraft/commands/command_line.h"
#include "stagecraft/engine/registry.h"

using namespace stagecraft::commands;

namespace {

bool Has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

MlflowEquivalent Of(std::string_view line) {
  auto words = SplitCommandLine(line);
  REQUIRE(words.ok());
  auto equivalent = MlflowEquivalentOf(*words);
  REQUIRE_MESSAGE(equivalent.ok(), line);
  return *equivalent;
}

// One valid command line per command of the grammar.
const std::map<std::string, std::string> kSamples = {
    {"models create", "models create churn --description 'predicts churn'"},
    {"models list", "models list"},
    {"models get", "models get churn"},
    {"models update", "models update churn --description new"},
    {"models delete", "models delete churn"},
    {"models set-tag", "models set-tag -m churn --key team --value ml"},
    {"models delete-tag", "models delete-tag -m churn --key team"},
    {"models set-alias", "models set-alias -m churn --alias champion --version 2"},
    {"models delete-alias", "models delete-alias -m churn --alias champion"},
    {"models resolve", "models resolve models:/churn@champion"},
    {"models history", "models history -m churn"},
    {"models search", "models search \"name = 'churn'\""},
    {"models create-version", "models create-version -m churn --source runs:/r1/model"},
    {"models get-version", "models get-version -m churn -v 2"},
    {"models list-versions", "models list-versions -m churn"},
    {"models update-version", "models update-version -m churn -v 2 -d better"},
    {"models set-metric", "models set-metric -m churn -v 2 --key auc --value 0.91"},
    {"models delete-version", "models delete-version -m churn -v 2"},
    {"models transition-stage", "models transition-stage -m churn -v 2 --stage Production"},
    {"models request-transition", "models request-transition -m churn -v 2 --stage Production"},
    {"models list-requests", "models list-requests"},
    {"models approve-request", "models approve-request --id 1"},
    {"models reject-request", "models reject-request --id 1"},
    {"models cancel-request", "models cancel-request --id 1"},
    {"models deploy", "models deploy -m churn -v 2 --env production"},
    {"models promote-canary", "models promote-canary -m churn"},
    {"models rollback", "models rollback -m churn"},
    {"models deployments", "models deployments -m churn"},
    {"stages list", "stages list"},
    {"stages add", "stages add QA"},
    {"stages remove", "stages remove QA"},
    {"stages set-exclusive", "stages set-exclusive Production"},
    {"stages gate", "stages gate Production --require-approvals 1"},
    {"users add", "users add ana --role approver"},
    {"users set-role", "users set-role ana --role admin"},
    {"users list", "users list"},
    {"environments list", "environments list"},
    {"environments add", "environments add qa"},
};

}  // namespace

TEST_CASE("every command of the grammar has an MLflow entry and a sample that maps") {
  const std::vector<std::string> commands = GrammarCommands();
  CHECK(commands.size() >= 30);
  for (const std::string& command : commands) {
    CAPTURE(command);
    CHECK(HasMlflowEntry(command));
    auto sample = kSamples.find(command);
    REQUIRE_MESSAGE(sample != kSamples.end(), "add a sample line for ", command);
    const MlflowEquivalent e = Of(sample->second);
    CHECK(e.command == command);
    CHECK((e.has_equivalent || !e.note.empty()));  // "none" always says where instead
    CHECK(e.has_equivalent == !e.python.empty());
  }
  CHECK(kSamples.size() == commands.size());  // no sample for a command that is gone
}

TEST_CASE("registry commands map to MlflowClient calls with the parsed arguments") {
  CHECK(Of("models create churn --description 'predicts churn'").python ==
        "MlflowClient().create_registered_model(name=\"churn\", description=\"predicts churn\")");
  CHECK(Of("models get churn").python == "MlflowClient().get_registered_model(name=\"churn\")");
  CHECK(Of("models list").python == "MlflowClient().search_registered_models()");
  CHECK(Of("models delete-version --model-name churn --version 3").python ==
        "MlflowClient().delete_model_version(name=\"churn\", version=3)");
  CHECK(Has(Of("models delete-version -m churn -v 3").note, "Irrevocable"));
  CHECK(Of("models set-tag -m churn --key team --value ml").python ==
        "MlflowClient().set_registered_model_tag(name=\"churn\", key=\"team\", value=\"ml\")");
  CHECK(Of("models set-tag -m churn -v 2 --key validation_status --value passed").python ==
        "MlflowClient().set_model_version_tag(name=\"churn\", version=2, "
        "key=\"validation_status\", value=\"passed\")");
  CHECK(Of("models delete-tag -m churn -v 2 --key k").python ==
        "MlflowClient().delete_model_version_tag(name=\"churn\", version=2, key=\"k\")");
  CHECK(Of("models create-version -m churn --source runs:/r1/model --run-id r1 --tag a=b")
            .python ==
        "MlflowClient().create_model_version(name=\"churn\", source=\"runs:/r1/model\", "
        "run_id=\"r1\", tags={\"a\": \"b\"})");
  CHECK(Of("models list-versions -m churn").python ==
        "MlflowClient().search_model_versions(filter_string=\"name='churn'\")");
}

TEST_CASE("names with quotes and backslashes are quoted as Python strings") {
  CHECK(PythonString("churn") == "\"churn\"");
  CHECK(PythonString("a\"b\\c\nd\x01") == "\"a\\\"b\\\\c\\nd\\x01\"");
  CHECK(PythonString("modèle") == "\"modèle\"");
  CHECK(Of(R"(models get 'say "hi"')").python ==
        R"(MlflowClient().get_registered_model(name="say \"hi\""))");
  // A ' cannot go inside a filter string's quotes: filter in Python instead.
  CHECK(Of(R"(models list-versions -m "it's")").python ==
        R"([v for v in MlflowClient().search_model_versions() if v.name == "it's"])");
}

TEST_CASE("transition-stage: archive_existing_versions, several versions per stage, deprecation") {
  const MlflowEquivalent archive =
      Of("models transition-stage --model-name churn --version 2 --stage Production "
         "--archive-existing");
  CHECK(archive.has_equivalent);
  CHECK(archive.python ==
        "MlflowClient().transition_model_version_stage(name=\"churn\", version=2, "
        "stage=\"Production\", archive_existing_versions=True)");
  CHECK(Has(archive.note, "deprecated since MLflow 2.9.0"));
  CHECK(Has(archive.note, "archives the model's other versions in the target stage"));
  CHECK(Has(archive.note, "only when the target is Staging or Production"));

  const MlflowEquivalent plain = Of("models transition-stage -m churn -v 2 --stage Production");
  CHECK(Has(plain.python, "archive_existing_versions=False"));
  CHECK(Has(plain.note, "MLflow allows several versions in one stage"));

  SUBCASE("case is canonicalised; custom stages and archiving into Archived are refused") {
    CHECK(Has(Of("models transition-stage -m churn -v 2 --stage staging").note,
              "\"staging\" is \"Staging\""));
    const std::string custom = Of("models transition-stage -m churn -v 2 --stage QA").note;
    CHECK(Has(custom, "INVALID_PARAMETER_VALUE"));
    CHECK(Has(custom, "None, Staging, Production, Archived"));
    CHECK(Has(Of("models transition-stage -m churn -v 2 --stage Archived --archive-existing").note,
              "this call fails"));
  }
}

TEST_CASE("aliases: set, delete, reserved names and models:/ URIs") {
  const MlflowEquivalent set = Of("models set-alias -m churn --alias champion --version 2");
  CHECK(set.python ==
        "MlflowClient().set_registered_model_alias(name=\"churn\", alias=\"champion\", "
        "version=2)");
  CHECK(Has(set.note, "2.3.0"));
  CHECK(Has(set.note, "moves it"));
  CHECK_FALSE(Has(set.note, "reserved"));
  CHECK(Has(Of("models set-alias -m churn --alias Latest --version 2").note, "reserved"));
  CHECK(Has(Of("models set-alias -m churn --alias v3 --version 2").note, "reserved"));
  CHECK(Has(Of("models set-alias -m churn --alias 'a b' --version 2").note,
            "only contain alphanumerics"));
  CHECK(Of("models delete-alias -m churn --alias champion").python ==
        "MlflowClient().delete_registered_model_alias(name=\"churn\", alias=\"champion\")");

  CHECK(Of("models resolve models:/churn@champion").python ==
        "MlflowClient().get_model_version_by_alias(name=\"churn\", alias=\"champion\")\n"
        "mlflow.pyfunc.load_model(\"models:/churn@champion\")");
  CHECK(Of("models resolve models:/churn/3").python ==
        "MlflowClient().get_model_version(name=\"churn\", version=3)\n"
        "mlflow.pyfunc.load_model(\"models:/churn/3\")");
  CHECK(Has(Of("models resolve models:/churn/Production").note,
            "highest version number in that stage"));
}

TEST_CASE("set-metric and metrics of create-version go on the run, as MLflow does") {
  const MlflowEquivalent metric = Of("models set-metric -m churn -v 2 --key auc --value 0.91");
  CHECK(metric.python ==
        "MlflowClient().log_metric(run_id=MlflowClient().get_model_version(name=\"churn\", "
        "version=2).run_id, key=\"auc\", value=0.91)");
  CHECK(Has(metric.note, "logs metrics on runs, not on model versions"));
  const MlflowEquivalent created =
      Of("models create-version -m churn --source s --run-id r1 --metric acc=0.5");
  CHECK(Has(created.python,
            "\nMlflowClient().log_metric(run_id=\"r1\", key=\"acc\", value=0.5)"));
  CHECK(Has(created.note, "not on model versions"));
}

TEST_CASE("search keeps the fields MLflow's filter supports and says which it cannot use") {
  const MlflowEquivalent e =
      Of("models search \"name = 'churn' AND stage = 'Production' and accuracy > 0.9 AND "
         "source LIKE 's3%'\"");
  CHECK(e.python ==
        "MlflowClient().search_model_versions(filter_string=\"name = 'churn' AND source_path "
        "LIKE 's3%'\")  # then keep, in Python, those where: stage = 'Production' AND "
        "accuracy > 0.9");
  CHECK(Has(e.note, "name, run_id, source_path, tags.<key> and version_number"));
  CHECK(Has(e.note, "cannot filter by stage, alias or metric"));
}

TEST_CASE("governance has no open-source MLflow equivalent and names where one exists") {
  for (const char* line : {"models request-transition -m churn -v 2 --stage Production",
                           "models approve-request --id 1", "models reject-request --id 1",
                           "models cancel-request --id 1", "models list-requests"}) {
    const MlflowEquivalent e = Of(line);
    CAPTURE(line);
    CHECK_FALSE(e.has_equivalent);
    CHECK(e.python.empty());
    CHECK(Has(e.note, "only in the Databricks workspace registry"));
  }
  CHECK(Has(Of("models request-transition -m \"my model\" -v 2 --stage Production").note,
            "create-transition-request 'my model' 2 Production"));
  CHECK(Has(Of("models approve-request --id 1").note, "ModelApprovalStatus"));
  CHECK(Has(Of("models deploy -m churn -v 2 --env production --traffic 10").note,
            "mlflow models serve -m models:/churn/2"));
  CHECK(Has(Of("models deploy -m churn -v 2 --env production --traffic 10").note, "Vertex AI"));
  const std::string rollback = Of("models rollback -m churn").note;
  CHECK(Has(rollback, "set_registered_model_alias"));
  CHECK(Has(rollback, "changes nothing"));
  CHECK(Has(Of("stages add QA").note, "None, Staging, Production, Archived"));
  CHECK(Has(Of("stages gate Production --require-approvals 1").note, "no stage-change event"));
  CHECK(Has(Of("environments add qa").note, "copy_model_version"));
  CHECK(Has(Of("users add ana --role approver").note, "basic-auth"));
}

TEST_CASE("a command line the grammar refuses is a usage error, not an equivalent") {
  auto missing = MlflowEquivalentOf({"models", "transition-stage", "--model-name", "churn"});
  REQUIRE_FALSE(missing.ok());
  CHECK(Has(missing.status().message(), "--version"));
  CHECK_FALSE(MlflowEquivalentOf({"models", "nope"}).ok());
  CHECK_FALSE(MlflowEquivalentOf({"models", "get", "--help"}).ok());
  CHECK(MlflowEquivalentOf({"--json", "models", "get", "churn", "--show-mlflow"}).ok());
}

TEST_CASE("--show-mlflow prints the equivalent instead of running the command") {
  auto registry = stagecraft::engine::Registry::Open(":memory:");
  REQUIRE(registry.ok());
  CommandResult shown = RunCommand(*registry, {"models", "create", "churn", "--show-mlflow"});
  CHECK(shown.exit_code == kExitOk);
  CHECK(shown.out ==
        "MLflow (open source, Python client):\n"
        "  from mlflow import MlflowClient\n"
        "  MlflowClient().create_registered_model(name=\"churn\")\n");
  CHECK_FALSE(RunCommand(*registry, {"models", "get", "churn"}).ok());  // nothing was created

  CommandResult none = RunCommand(*registry, {"--show-mlflow", "models", "rollback", "-m", "x"});
  CHECK(none.exit_code == kExitOk);
  CHECK(Has(none.out, "Open-source MLflow has no equivalent of 'stagecraft models rollback'."));

  CommandResult json = RunCommand(*registry, {"--json", "--show-mlflow", "models", "list"});
  CHECK(Has(json.out, "\"has_equivalent\": true"));

  CommandResult usage = RunCommand(*registry, {"models", "set-alias", "--show-mlflow"});
  CHECK(usage.exit_code == kExitUsage);
  CHECK(usage.usage_error);
}

TEST_CASE("the --show-mlflow text of every command fits 80 columns and stays valid Python") {
  const std::vector<std::string> lines = {
      "models transition-stage --model-name churn-classifier --version 12 --stage Production "
      "--archive-existing --comment 'beats v11, on the holdout'",
      "models request-transition --model-name churn --version 2 --stage Production",
      "models create-version --model-name churn --source runs:/a1b2c3/model --run-id a1b2c3 "
      "--description 'retrained on March data, with the new features'",
  };
  for (const std::string& line : lines) {
    const std::string text = MlflowEquivalentText(Of(line));
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = text.find('\n', start);
      const std::string shown = text.substr(start, end - start);
      CHECK_MESSAGE(shown.size() <= 80, shown);
      start = end + 1;
    }
  }
  const std::string text = MlflowEquivalentText(Of(lines[0]));
  // Broken inside the call's parentheses: the arguments on indented lines, the call closed once.
  CHECK(Has(text, "  MlflowClient().transition_model_version_stage(\n"));
  CHECK(Has(text, "archive_existing_versions=True)"));
  CHECK(Has(text, "name=\"churn-classifier\", version=12,"));
}

TEST_CASE("MlflowPythonCode gives the imports each equivalent needs, and nothing without one") {
  const std::string client = MlflowPythonCode(
      Of("models set-alias --model-name churn --alias champion --version 2"));
  CHECK(client.rfind("from mlflow import MlflowClient\n", 0) == 0);
  CHECK(Has(client, "set_registered_model_alias("));
  const std::string resolve = MlflowPythonCode(Of("models resolve models:/churn@champion"), "  ");
  CHECK(Has(resolve, "  import mlflow\n"));
  CHECK(MlflowPythonCode(Of("models rollback --model-name churn")).empty());
}
