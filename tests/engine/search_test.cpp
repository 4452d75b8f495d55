// SearchVersions: filters by model, stage, tag, metric, version, alias; AND; ordering; errors.

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

// churn/1 Production acc 0.95 team=growth run r1  s3 source, alias champion
// churn/2 Staging    acc 0.85 team=growth run r2
// churn/3 None       (no accuracy, no tags) run r3
// fraud/1 Production acc 0.91 team=risk   run f1
// fraud/2 Archived   acc 0.70 team=risk   run f2, alias champion
struct SearchFixture : Fixture {
  SearchFixture() {
    MustCreateModel(registry, "fraud");
    MustCreateModel(registry, "churn");
    Add("churn", "r1", "s3://bucket/churn/1", {{"accuracy", 0.95}, {"auc", 0.9}},
        {{"team", "growth"}});
    Add("churn", "r2", "runs:/r2/model", {{"accuracy", 0.85}}, {{"team", "growth"}});
    Add("churn", "r3", "runs:/r3/model", {}, {});
    Add("fraud", "f1", "runs:/f1/model", {{"accuracy", 0.91}}, {{"team", "risk"}});
    Add("fraud", "f2", "runs:/f2/model", {{"accuracy", 0.70}}, {{"team", "risk"}});
    MustTransition(registry, "churn", 1, "Production");
    MustTransition(registry, "churn", 2, "Staging");
    MustTransition(registry, "fraud", 1, "Production");
    MustTransition(registry, "fraud", 2, "Archived");
    REQUIRE_OK(registry.SetAlias("churn", "champion", 1));
    REQUIRE_OK(registry.SetAlias("fraud", "champion", 2));
  }

  void Add(const std::string& model, const std::string& run_id, const std::string& source,
           std::map<std::string, double> metrics, std::map<std::string, std::string> tags) {
    NewModelVersion spec;
    spec.model_name = model;
    spec.run_id = run_id;
    spec.source = source;
    spec.metrics = std::move(metrics);
    spec.tags = std::move(tags);
    MustCreateVersion(registry, spec);
  }

  std::string Search(const std::string& filter) {
    auto found = registry.SearchVersions(filter);
    REQUIRE_MESSAGE(found.ok(), "SearchVersions(" << filter << "): " << found.status().message());
    return VersionList(found.value());
  }
};

}  // namespace

TEST_CASE("an empty filter finds every version by model name then version") {
  SearchFixture f;
  CHECK(f.Search("") == "churn/1 churn/2 churn/3 fraud/1 fraud/2");
}

TEST_CASE("search filters by stage in any spelling") {
  SearchFixture f;
  CHECK(f.Search("stage = 'Production'") == "churn/1 fraud/1");
  CHECK(f.Search("stage = 'production'") == "churn/1 fraud/1");
  CHECK(f.Search("stage = \"STAGING\"") == "churn/2");
  CHECK(f.Search("stage = 'None'") == "churn/3");
  CHECK(f.Search("stage != 'Production'") == "churn/2 churn/3 fraud/2");
}

TEST_CASE("search filters by model name exactly and with LIKE") {
  SearchFixture f;
  CHECK(f.Search("name = 'churn'") == "churn/1 churn/2 churn/3");
  CHECK(f.Search("name != 'churn'") == "fraud/1 fraud/2");
  CHECK(f.Search("name LIKE 'fr%'") == "fraud/1 fraud/2");
  CHECK(f.Search("name LIKE 'c_urn'") == "churn/1 churn/2 churn/3");
  CHECK(f.Search("name = 'chur'") == "");
}

TEST_CASE("search filters by tag value") {
  SearchFixture f;
  CHECK(f.Search("tags.team = 'growth'") == "churn/1 churn/2");
  CHECK(f.Search("tags.team = 'risk'") == "fraud/1 fraud/2");
  CHECK(f.Search("tags.team LIKE 'r%'") == "fraud/1 fraud/2");
  CHECK(f.Search("tags.owner = 'ana'") == "");
}

TEST_CASE("a version without the tag matches no comparison on it") {
  SearchFixture f;
  // churn/3 has no team tag: it is neither = nor != to anything.
  CHECK(f.Search("tags.team != 'growth'") == "fraud/1 fraud/2");
}

TEST_CASE("search compares metrics with every operator") {
  SearchFixture f;
  CHECK(f.Search("accuracy > 0.9") == "churn/1 fraud/1");
  CHECK(f.Search("metrics.accuracy > 0.9") == "churn/1 fraud/1");
  CHECK(f.Search("accuracy >= 0.91") == "churn/1 fraud/1");
  CHECK(f.Search("accuracy < 0.85") == "fraud/2");
  CHECK(f.Search("accuracy <= 0.85") == "churn/2 fraud/2");
  CHECK(f.Search("accuracy = 0.95") == "churn/1");
  CHECK(f.Search("auc > 0") == "churn/1");
}

TEST_CASE("a version without the metric matches no comparison on it") {
  SearchFixture f;
  // churn/3 has no accuracy.
  CHECK(f.Search("accuracy != 0.95") == "churn/2 fraud/1 fraud/2");
  CHECK(f.Search("accuracy < 100") == "churn/1 churn/2 fraud/1 fraud/2");
  CHECK(f.Search("precision > -1") == "");
}

TEST_CASE("search filters by version run id source and alias") {
  SearchFixture f;
  CHECK(f.Search("version = 2") == "churn/2 fraud/2");
  CHECK(f.Search("version >= 2") == "churn/2 churn/3 fraud/2");
  CHECK(f.Search("run_id = 'r1'") == "churn/1");
  CHECK(f.Search("source LIKE 's3://%'") == "churn/1");
  CHECK(f.Search("source = 'runs:/f1/model'") == "fraud/1");
  CHECK(f.Search("alias = 'champion'") == "churn/1 fraud/2");
  CHECK(f.Search("alias = 'challenger'") == "");
}

TEST_CASE("clauses joined by AND must all hold") {
  SearchFixture f;
  CHECK(f.Search("stage = 'Production' AND accuracy > 0.92") == "churn/1");
  CHECK(f.Search("name = 'fraud' and accuracy > 0.5") == "fraud/1 fraud/2");
  CHECK(f.Search("tags.team = 'growth' AND stage = 'staging' AND accuracy < 0.9") == "churn/2");
  CHECK(f.Search("stage = 'Production' AND stage = 'Staging'") == "");
}

TEST_CASE("search results carry the full version") {
  SearchFixture f;
  auto found = f.registry.SearchVersions("run_id = 'r1'");
  REQUIRE_OK(found);
  REQUIRE(found->size() == 1);
  const ModelVersion& v = (*found)[0];
  CHECK(v.model_name == "churn");
  CHECK(v.stage == "Production");
  CHECK(v.source == "s3://bucket/churn/1");
  CHECK(v.metrics.at("accuracy") == doctest::Approx(0.95));
  CHECK(v.tags.at("team") == "growth");
  CHECK(v.aliases == std::vector<std::string>{"champion"});
}

TEST_CASE("search follows later changes") {
  SearchFixture f;
  MustTransition(f.registry, "churn", 2, "Production", true);
  CHECK(f.Search("stage = 'Production'") == "churn/2 fraud/1");
  CHECK(f.Search("stage = 'Archived'") == "churn/1 fraud/2");
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 3, "accuracy", 0.99));
  CHECK(f.Search("accuracy > 0.9") == "churn/1 churn/3 fraud/1");
  REQUIRE_OK(f.registry.DeleteModel("fraud"));
  CHECK(f.Search("accuracy > 0.9") == "churn/1 churn/3");
}

TEST_CASE("quoted values in a search are data not SQL") {
  SearchFixture f;
  const std::string name = "x'); DROP TABLE model_versions;--";
  MustCreateModel(f.registry, name);
  MustCreateVersion(f.registry, name);
  CHECK(f.Search("name = 'x''); DROP TABLE model_versions;--'") == name + "/1");
  CHECK(f.Search("name = 'churn'' OR ''1''=''1'") == "");
  CHECK(f.Search("name = 'churn'") == "churn/1 churn/2 churn/3");
}

TEST_CASE("a malformed search filter is kInvalidArgument naming the column") {
  SearchFixture f;
  auto found = f.registry.SearchVersions("run_id = 42");
  CHECK_ERROR(found, ErrorCode::kInvalidArgument);
  CHECK_MENTIONS(found.status().message(), "column 10");
  for (const char* filter : {"accuracy > 'high'", "name LIKE", "stage = 'Production' OR 1",
                             "accuracy LIKE 0.5"}) {
    CAPTURE(std::string(filter));
    auto bad = f.registry.SearchVersions(filter);
    CHECK_ERROR(bad, ErrorCode::kInvalidArgument);
    CHECK_MENTIONS(bad.status().message(), "column");
  }
}

// The filter grammar canonicalises stage values through the registry; an unknown stage is then
// the registry's usual kUnknownStage (listing the known ones) rather than an empty result.
TEST_CASE("searching for an unknown stage is kUnknownStage") {
  SearchFixture f;
  auto found = f.registry.SearchVersions("stage = 'Prod'");
  CHECK_ERROR(found, ErrorCode::kUnknownStage);
  CHECK_MENTIONS(found.status().message(), "Prod");
  CHECK_MENTIONS(found.status().message(), "Production");
}

TEST_CASE("search finds versions in an added stage") {
  SearchFixture f;
  REQUIRE_OK(f.registry.AddStage("QA", "Production"));
  MustTransition(f.registry, "churn", 3, "QA");
  CHECK(f.Search("stage = 'qa'") == "churn/3");
}
