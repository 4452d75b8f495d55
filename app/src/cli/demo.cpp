#include "cli/demo.h"

#include <CLI/CLI.hpp>

#include "stagecraft/engine/registry.h"

namespace stagecraft::app {
namespace {

struct DemoStep {
  const char* narration;  // printed before the command; empty for none
  const char* command;
  bool should_fail = false;  // a refusal shown on purpose
};

constexpr const char* kModel = "churn-classifier";

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
         "--stage Production --comment 'signed off by the on-call reviewer'"},
    {"Give the serving code a stable name for it: the champion alias.",
     "stagecraft models set-alias --model-name churn-classifier --alias champion --version 1"},
    {"A retrained model arrives as version 2 and goes to Staging.",
     "stagecraft models create-version --model-name churn-classifier --source runs:/d4e5f6/model "
     "--run-id d4e5f6 --metric accuracy=0.94 --metric f1=0.88"},
    {"", "stagecraft models transition-stage --model-name churn-classifier --version 2 --stage Staging"},
    {"Rules are enforced. Moving a version where it already is, is refused...",
     "stagecraft models transition-stage --model-name churn-classifier --version 2 --stage Staging",
     true},
    {"...and so is a stage that does not exist; the error lists the ones that do.",
     "stagecraft models transition-stage --model-name churn-classifier --version 2 --stage Prod",
     true},
    {"What does production serve right now? models:/NAME/Production names the highest version "
     "in that stage.",
     "stagecraft models resolve models:/churn-classifier/Production"},
    {"Promote version 2. --archive-existing moves version 1 to Archived in the same transaction, "
     "so there is never a moment with two versions in Production.",
     "stagecraft models transition-stage --model-name churn-classifier --version 2 "
     "--stage Production --archive-existing --comment 'better accuracy, same latency'"},
    {"The alias moves in one step too.",
     "stagecraft models set-alias --model-name churn-classifier --alias champion --version 2"},
    {"", "stagecraft models list-versions --model-name churn-classifier"},
    {"Search by stage and metric.",
     "stagecraft models search \"stage = 'Production' AND accuracy > 0.9\""},
    {"Stagecraft (unlike MLflow, whose four stages are fixed) lets a team add its own stages. "
     "An exclusive stage holds at most one version of a model.",
     "stagecraft stages add QA --before Production --exclusive"},
    {"", "stagecraft stages list"},
    {"Every change is in the append-only audit log: who, when, from where to where, and why.",
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
  out += "\nDone: " + std::to_string(step) + " steps, model '" + kModel +
         "' version 2 in Production, version 1 Archived.\n";
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
