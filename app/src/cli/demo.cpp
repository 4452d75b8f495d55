#include "cli/demo.h"

#include "stagecraft/engine/registry.h"

namespace stagecraft::app {
namespace {

struct DemoStep {
  const char* narration;  // printed before the command; empty for none
  const char* command;
  bool should_fail = false;  // a refusal shown on purpose
};

const DemoStep kSteps[] = {
    {"Register a model name. Versions will be grouped under it.",
     "stagecraft models create churn-classifier --description 'Predicts which customers will cancel'"},
    {"Training run a1b2c3 produced a model; register it as version 1. New versions start in None.",
     "stagecraft models create-version --model-name churn-classifier --source runs:/a1b2c3/model "
     "--run-id a1b2c3 --metric accuracy=0.91 --metric f1=0.84"},
    {"Move it to Staging for testing. Stage names match in any letter case.",
     "stagecraft models transition-stage --model-name churn-classifier --version 1 --stage staging "
     "--comment 'passed offline evaluation'"},
    {"", "stagecraft models transition-stage --model-name churn-classifier --version 1 "
         "--stage Production --comment 'first release'"},
    {"Serve it. Only a version in the Production stage may be deployed to production.",
     "stagecraft models deploy --model-name churn-classifier --version 1 --env production"},
    {"Give the serving code a stable name for it: the champion alias.",
     "stagecraft models set-alias --model-name churn-classifier --alias champion --version 1"},
    {"Now the team adds separation of duties: a developer who trains, two approvers.",
     "stagecraft users add dana --role developer"},
    {"", "stagecraft users add ali --role approver"},
    {"Production gets a gate: one approval, and accuracy of at least 0.9.",
     "stagecraft stages gate Production --require-approvals 1 --require-metric 'accuracy>=0.9'"},
    {"Dana registers a retrained model as version 2 and moves it to Staging.",
     "stagecraft --as dana models create-version --model-name churn-classifier "
     "--source runs:/d4e5f6/model --run-id d4e5f6 --metric accuracy=0.94 --metric f1=0.88"},
    {"", "stagecraft --as dana models transition-stage --model-name churn-classifier --version 2 "
         "--stage Staging"},
    {"Rules are enforced. A stage that does not exist is refused; the error lists those that do.",
     "stagecraft --as dana models transition-stage --model-name churn-classifier --version 2 "
     "--stage Prod",
     true},
    {"A developer cannot walk through the Production gate alone...",
     "stagecraft --as dana models transition-stage --model-name churn-classifier --version 2 "
     "--stage Production",
     true},
    {"...so she asks for it.",
     "stagecraft --as dana models request-transition --model-name churn-classifier --version 2 "
     "--stage Production --comment 'better accuracy, same latency'"},
    {"Approving your own request would defeat the point, and is refused.",
     "stagecraft --as dana models approve-request --id 1", true},
    {"Ali approves. That was the one approval needed, so the move happens in the same step, "
     "with the gate checked again.",
     "stagecraft --as ali models approve-request --id 1 --comment 'metrics reviewed'"},
    {"Both versions are in Production now. models:/NAME/Production names the HIGHEST version "
     "there, as in MLflow - not the one moved last.",
     "stagecraft models resolve models:/churn-classifier/Production"},
    {"Version 1 is still served, so archiving it is refused: production would serve an archived "
     "model.",
     "stagecraft models transition-stage --model-name churn-classifier --version 1 "
     "--stage Archived",
     true},
    {"Roll version 2 out carefully: a canary with 10% of the traffic...",
     "stagecraft --as ali models deploy --model-name churn-classifier --version 2 "
     "--env production --traffic 10"},
    {"", "stagecraft models deployments --model-name churn-classifier"},
    {"...then all of it.",
     "stagecraft --as ali models promote-canary --model-name churn-classifier --env production"},
    {"", "stagecraft models set-alias --model-name churn-classifier --alias champion --version 2"},
    {"An incident: version 2 misbehaves. One command returns production to version 1: version 2 "
     "leaves Production for Archived, version 1 is served at 100%, in one transaction.",
     "stagecraft --as ali models rollback --model-name churn-classifier --env production"},
    {"Note the champion alias: it still points at version 2. An alias is a pointer you move "
     "yourself; rollback restores what is served and the stages, nothing else.",
     "stagecraft models list-versions --model-name churn-classifier"},
    {"Search by stage and metric (MLflow's search cannot filter by stage; Stagecraft's can).",
     "stagecraft models search \"stage = 'Production' AND accuracy > 0.9\""},
    {"Every change - and every refusal - is in the append-only audit log.",
     "stagecraft models history --model-name churn-classifier"},
};

}  // namespace

std::string RunDemo(bool* ok) {
  *ok = true;
  auto registry = engine::Registry::Open(":memory:");
  if (!registry.ok()) {
    *ok = false;
    return "error: " + registry.status().message() + "\n";
  }
  std::string out =
      "Stagecraft demo: promoting a model from registration to Production on a real registry\n"
      "engine (in memory; nothing is written to disk). Every command below is a real\n"
      "`stagecraft` command line; run them yourself with --db FILE to keep the result.\n"
      "These are Stagecraft's commands, not MLflow's: open-source MLflow has no registry\n"
      "commands on its CLI and is driven through MlflowClient or its REST API.\n";
  int step = 0;
  for (const auto& s : kSteps) {
    out += "\n";
    if (*s.narration) out += "# " + std::string(s.narration) + "\n";
    out += "[" + std::to_string(++step) + "] $ " + s.command + "\n";
    auto result = commands::RunCommandLine(*registry, s.command);
    out += result.out;
    out += result.err;
    if (result.ok() == s.should_fail) *ok = false;
  }
  out += "\nDone: " + std::to_string(step) + " steps. Run `stagecraft --help` for every command, "
         "or `stagecraft run SCRIPT` to try your own on a scratch registry.\n";
  return out;
}

commands::HostCommand DemoCommand() {
  return {"demo", "Run a short scripted tour of the registry in memory and print it.",
          [](CLI::App&) {
            return [](commands::CommandIo& io) {
              bool ok = true;
              io.out = RunDemo(&ok);
              if (!ok) io.err = "error: the demo did not go as scripted\n";
              return ok ? commands::kExitOk : commands::kExitEngineError;
            };
          }};
}

}  // namespace stagecraft::app
