// `stagecraft challenges`, `stagecraft challenge` and `stagecraft validate` on challenges, end to
// end: command lines piped in, the verdict and the exit code out, the result saved.

#include <doctest/doctest.h>

#include <string>

#include "challenge_test_files.h"
#include "piped_run.h"

namespace {

using stagecraft::testing::ChallengeJson;
using stagecraft::testing::ChallengeJsonTarget;
using stagecraft::testing::RunPiped;
using stagecraft::testing::TempDir;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A folder of challenges holding the test challenge "demo", as STAGECRAFT_CHALLENGES.
struct Folder {
  TempDir dir;
  std::string env;
  Folder() {
    dir.Write("challenges/demo.challenge.json", ChallengeJson());
    env = "STAGECRAFT_CHALLENGES='" + (dir.path / "challenges").string() + "'";
  }
};

TEST_CASE("stagecraft challenge solved by piped lines ends with the count against par, exit 0") {
  Folder folder;
  const auto run = RunPiped("challenge demo",
                            "models list\n\nmodels transition-stage -m churn -v 2 --stage Staging\n"
                            "models list\n",
                            folder.dir.path, folder.env);
  INFO(run.out);
  CHECK(run.exit_code == 0);
  CHECK(Has(run.out, "Goal: Put churn v2 in Staging."));
  CHECK(Has(run.out, "  [ ] churn v2 is in Staging\n"));
  CHECK(Has(run.out, "> models list\n"));
  CHECK(Has(run.out, "(not counted: it only reads)"));
  CHECK(Has(run.out, "  [x] churn v2 is in Staging\n"));
  CHECK(Has(run.out, "solved in 1 command (par 1)\n"));
  CHECK_FALSE(Has(run.out, "> models list\n> "));  // it stopped once solved

  SUBCASE("the result is saved: the list shows the best") {
    const auto list = RunPiped("challenges", "", folder.dir.path, folder.env);
    INFO(list.out);
    CHECK(list.exit_code == 0);
    CHECK(Has(list.out, "demo  easy   1    1     Demo"));
  }
}

TEST_CASE("stagecraft challenge not solved lists what is unmet, exit 1") {
  Folder folder;
  const auto run =
      RunPiped("challenge demo --no-record",
               "models get nosuch\nmodels transition-stage -m churn -v 9 --stage Staging\n?\n",
               folder.dir.path, folder.env);
  INFO(run.out);
  CHECK(run.exit_code == 1);
  CHECK(Has(run.out, "> models get nosuch\nerror: no model named 'nosuch'\n"
                     "  (not counted: it only reads)\n"));
  CHECK(Has(run.out, "refused: model 'churn' has no version 9\n  (counted 1 \xC2\xB7 par 1)\n"));
  CHECK(Has(run.out, "Hint: transition-stage."));
  CHECK(Has(run.out, "not solved: 0 of 1 conditions hold; unmet:\n  [ ] churn v2 is in Staging\n"));
  const auto list = RunPiped("challenges", "", folder.dir.path, folder.env);
  CHECK(Has(list.out, "demo  easy   1          Demo"));  // --no-record saved nothing
}

TEST_CASE("stagecraft challenge with an unknown id names the known ones") {
  Folder folder;
  const auto run = RunPiped("challenge nope", "", folder.dir.path, folder.env);
  CHECK(run.exit_code == 1);
  CHECK(Has(run.out, "error: no challenge \"nope\" (challenges: demo)"));
}

TEST_CASE("stagecraft challenge plays a challenge file named directly") {
  TempDir dir;
  const std::string file = dir.Write("x.challenge.json", ChallengeJson());
  const auto run = RunPiped("challenge '" + file + "'",
                            "models transition-stage -m churn -v 2 --stage Staging\n", dir.path);
  INFO(run.out);
  CHECK(run.exit_code == 0);
  CHECK(Has(run.out, "solved in 1 command (par 1)"));
}

TEST_CASE("stagecraft challenge records a file only when it is the library's own") {
  Folder folder;
  const std::string copy = folder.dir.Write("elsewhere/demo.challenge.json", ChallengeJson());
  const std::string solve = "models transition-stage -m churn -v 2 --stage Staging\n";
  const auto fake = RunPiped("challenge '" + copy + "'", solve, folder.dir.path, folder.env);
  INFO(fake.out);
  CHECK(fake.exit_code == 0);
  CHECK(Has(fake.out, "note: " + copy + " is not in the challenges library: played, not recorded\n"));
  CHECK(Has(fake.out, "solved in 1 command (par 1)"));
  const auto unrecorded = RunPiped("challenges", "", folder.dir.path, folder.env);
  CHECK(Has(unrecorded.out, "demo  easy   1          Demo"));

  // The library's own file, named by a path of its own, is recorded.
  const std::string own = (folder.dir.path / "challenges/../challenges/demo.challenge.json").string();
  const auto real = RunPiped("challenge '" + own + "'", solve, folder.dir.path, folder.env);
  INFO(real.out);
  CHECK_FALSE(Has(real.out, "not recorded"));
  const auto recorded = RunPiped("challenges", "", folder.dir.path, folder.env);
  CHECK(Has(recorded.out, "demo  easy   1    1     Demo"));
}

TEST_CASE("stagecraft validate reports a broken challenge as FILE:LINE:COL: PATH: message") {
  TempDir dir;
  dir.Write("challenges/over.challenge.json",
            ChallengeJson(ChallengeJsonTarget(),
                          R"(["models set-alias -m churn --alias c --version 2",
          "models transition-stage -m churn -v 2 --stage Staging"])"));
  const auto run = RunPiped("validate '" + (dir.path / "challenges").string() + "'", "", dir.path);
  INFO(run.out);
  CHECK(run.exit_code == 1);
  CHECK(Has(run.out, "over.challenge.json:16:10: par: the solution takes 2 commands; par is 1"));
  CHECK(Has(run.out, "1 problem in 1 file, 0 questions, 1 challenge"));
}

TEST_CASE("stagecraft validate passes the shipped challenges") {
  TempDir dir;
  const auto run = RunPiped("validate '" STAGECRAFT_CHALLENGES_DIR "'", "", dir.path);
  INFO(run.out);
  CHECK(run.exit_code == 0);
  CHECK(Has(run.out, "challenges, no problems"));
}

}  // namespace
