// Model versions: numbering (never reused), fields, metrics, tags, descriptions, deletion.

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

std::vector<std::int64_t> VersionNumbers(const Registry& registry, const std::string& model) {
  auto versions = registry.ListModelVersions(model);
  REQUIRE_MESSAGE(versions.ok(), versions.status().message());
  std::vector<std::int64_t> numbers;
  for (const auto& v : versions.value()) numbers.push_back(v.version);
  return numbers;
}

NewModelVersion FullSpec() {
  NewModelVersion spec;
  spec.model_name = "churn";
  spec.source = "runs:/abc123/model";
  spec.run_id = "abc123";
  spec.metrics = {{"accuracy", 0.93}, {"loss", 0.21}};
  spec.tags = {{"team", "growth"}, {"data", "2024-01"}};
  spec.description = "gradient boosting, 300 trees";
  return spec;
}

}  // namespace

TEST_CASE("a new version records everything it was made of and starts in None") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustAddUser(f.registry, "alice");
  const Timestamp when = f.clock.Advance();
  auto created = f.registry.CreateModelVersion(FullSpec(), Actor{"alice"});
  REQUIRE_OK(created);
  CHECK(created->model_name == "churn");
  CHECK(created->version == 1);
  CHECK(created->source == "runs:/abc123/model");
  CHECK(created->run_id == "abc123");
  CHECK(created->metrics.size() == 2);
  CHECK(created->metrics["accuracy"] == doctest::Approx(0.93));
  CHECK(created->metrics["loss"] == doctest::Approx(0.21));
  CHECK(created->tags.size() == 2);
  CHECK(created->tags["team"] == "growth");
  CHECK(created->tags["data"] == "2024-01");
  CHECK(created->description == "gradient boosting, 300 trees");
  CHECK(created->creator == "alice");
  CHECK(created->stage == "None");
  CHECK(created->stage == kStageNone);
  CHECK(created->aliases.empty());
  CHECK(created->created_at == when);
  CHECK(created->updated_at == when);

  ModelVersion got = MustGetVersion(f.registry, "churn", 1);
  CHECK(got.model_name == "churn");
  CHECK(got.source == "runs:/abc123/model");
  CHECK(got.run_id == "abc123");
  CHECK(got.metrics["accuracy"] == doctest::Approx(0.93));
  CHECK(got.tags["team"] == "growth");
  CHECK(got.description == "gradient boosting, 300 trees");
  CHECK(got.creator == "alice");
  CHECK(got.stage == "None");
  CHECK(got.created_at == when);
}

TEST_CASE("a version created without an actor is recorded as admin") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  ModelVersion v = MustCreateVersion(f.registry, "churn");
  CHECK(v.creator == kDefaultActor);
  CHECK(v.creator == "admin");
}

TEST_CASE("versions are numbered from 1 per model") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateModel(f.registry, "fraud");
  CHECK(MustCreateVersion(f.registry, "churn").version == 1);
  CHECK(MustCreateVersion(f.registry, "churn").version == 2);
  CHECK(MustCreateVersion(f.registry, "fraud").version == 1);
  CHECK(MustCreateVersion(f.registry, "churn").version == 3);
  CHECK(MustCreateVersion(f.registry, "fraud").version == 2);
  CHECK(Join(VersionNumbers(f.registry, "churn")) == "1,2,3");
  CHECK(Join(VersionNumbers(f.registry, "fraud")) == "1,2");
}

TEST_CASE("version numbers are never reused after a delete") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  for (int i = 0; i < 3; ++i) MustCreateVersion(f.registry, "churn");

  SUBCASE("deleting the highest version") {
    REQUIRE_OK(f.registry.DeleteModelVersion("churn", 3));
    CHECK(MustCreateVersion(f.registry, "churn").version == 4);
    CHECK(Join(VersionNumbers(f.registry, "churn")) == "1,2,4");
  }
  SUBCASE("deleting every version") {
    REQUIRE_OK(f.registry.DeleteModelVersion("churn", 1));
    REQUIRE_OK(f.registry.DeleteModelVersion("churn", 2));
    REQUIRE_OK(f.registry.DeleteModelVersion("churn", 3));
    CHECK(VersionNumbers(f.registry, "churn").empty());
    CHECK(MustCreateVersion(f.registry, "churn").version == 4);
  }
  SUBCASE("deleting a middle version") {
    REQUIRE_OK(f.registry.DeleteModelVersion("churn", 2));
    CHECK(MustCreateVersion(f.registry, "churn").version == 4);
    CHECK(Join(VersionNumbers(f.registry, "churn")) == "1,3,4");
  }
  SUBCASE("a deleted number stays not found") {
    REQUIRE_OK(f.registry.DeleteModelVersion("churn", 3));
    MustCreateVersion(f.registry, "churn");
    CHECK_ERROR(f.registry.GetModelVersion("churn", 3), ErrorCode::kNotFound);
  }
}

TEST_CASE("creating a version of an unknown model is kNotFound and changes nothing") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  NewModelVersion spec = FullSpec();
  spec.model_name = "fraud";
  auto created = f.registry.CreateModelVersion(spec);
  CHECK_ERROR(created, ErrorCode::kNotFound);
  CHECK_MENTIONS(created.status().message(), "fraud");
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("a version without a source is refused with kInvalidArgument") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  NewModelVersion spec = FullSpec();
  spec.source = "";
  auto created = f.registry.CreateModelVersion(spec);
  CHECK_ERROR(created, ErrorCode::kInvalidArgument);
  CHECK_MENTIONS(created.status().message(), "churn");
  CHECK(Fingerprint(f.registry) == before);
  // The refused attempt used up no number.
  CHECK(MustCreateVersion(f.registry, "churn").version == 1);
}

// SetVersionMetric refuses NaN and infinity; the same rule is assumed for metrics given at
// creation, since a stored NaN would break every comparison in search.
TEST_CASE("a version with a NaN or infinite metric is refused with kInvalidArgument") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  NewModelVersion spec = FullSpec();
  SUBCASE("NaN") { spec.metrics["accuracy"] = std::numeric_limits<double>::quiet_NaN(); }
  SUBCASE("infinity") { spec.metrics["loss"] = std::numeric_limits<double>::infinity(); }
  SUBCASE("minus infinity") { spec.metrics["loss"] = -std::numeric_limits<double>::infinity(); }
  CHECK_ERROR(f.registry.CreateModelVersion(spec), ErrorCode::kInvalidArgument);
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("version fields are stored verbatim") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  NewModelVersion spec;
  spec.model_name = "churn";
  spec.source = "s3://bucket/it's here/model'); DROP TABLE model_versions;--";
  spec.run_id = "run'\"id";
  spec.description = "line one\nline two";
  spec.tags = {{"note", "a 'quoted' value"}};
  ModelVersion created = MustCreateVersion(f.registry, spec);
  ModelVersion got = MustGetVersion(f.registry, "churn", created.version);
  CHECK(got.source == spec.source);
  CHECK(got.run_id == spec.run_id);
  CHECK(got.description == spec.description);
  CHECK(got.tags["note"] == "a 'quoted' value");
}

TEST_CASE("metric values keep full double precision") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  NewModelVersion spec = FullSpec();
  spec.metrics = {{"tiny", 1e-300}, {"third", 1.0 / 3.0}, {"negative", -12345.678901234}};
  MustCreateVersion(f.registry, spec);
  ModelVersion got = MustGetVersion(f.registry, "churn", 1);
  CHECK(got.metrics["tiny"] == 1e-300);
  CHECK(got.metrics["third"] == 1.0 / 3.0);
  CHECK(got.metrics["negative"] == -12345.678901234);
}

TEST_CASE("getting a version that does not exist is kNotFound naming model and version") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  SUBCASE("unknown version number") {
    auto got = f.registry.GetModelVersion("churn", 7);
    CHECK_ERROR(got, ErrorCode::kNotFound);
    CHECK_MENTIONS(got.status().message(), "churn");
    CHECK_MENTIONS(got.status().message(), "7");
  }
  SUBCASE("unknown model") {
    auto got = f.registry.GetModelVersion("fraud", 1);
    CHECK_ERROR(got, ErrorCode::kNotFound);
    CHECK_MENTIONS(got.status().message(), "fraud");
  }
  SUBCASE("version zero or negative") {
    CHECK_FALSE(f.registry.GetModelVersion("churn", 0).ok());
    CHECK_FALSE(f.registry.GetModelVersion("churn", -1).ok());
  }
}

TEST_CASE("listing versions gives them oldest first") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateModel(f.registry, "empty");
  for (int i = 0; i < 12; ++i) MustCreateVersion(f.registry, "churn", "run" + std::to_string(i));
  CHECK(Join(VersionNumbers(f.registry, "churn")) == "1,2,3,4,5,6,7,8,9,10,11,12");
  CHECK(VersionNumbers(f.registry, "empty").empty());

  auto versions = f.registry.ListModelVersions("churn");
  REQUIRE_OK(versions);
  CHECK((*versions)[0].run_id == "run0");
  CHECK((*versions)[11].run_id == "run11");
}

TEST_CASE("listing versions of an unknown model is kNotFound naming it") {
  Fixture f;
  auto versions = f.registry.ListModelVersions("fraud");
  CHECK_ERROR(versions, ErrorCode::kNotFound);
  CHECK_MENTIONS(versions.status().message(), "fraud");
}

TEST_CASE("a version description can be updated") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  const Timestamp later = f.clock.Advance(2500);
  REQUIRE_OK(f.registry.UpdateVersionDescription("churn", 1, "retrained on March data"));
  ModelVersion got = MustGetVersion(f.registry, "churn", 1);
  CHECK(got.description == "retrained on March data");
  CHECK(got.created_at == kStartTime);
  CHECK(got.updated_at == later);
}

TEST_CASE("version tags can be set overwritten and deleted") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  REQUIRE_OK(f.registry.SetVersionTag("churn", 1, "validation_status", "pending"));
  CHECK(MustGetVersion(f.registry, "churn", 1).tags["validation_status"] == "pending");
  REQUIRE_OK(f.registry.SetVersionTag("churn", 1, "validation_status", "approved"));
  ModelVersion got = MustGetVersion(f.registry, "churn", 1);
  CHECK(got.tags.size() == 1);
  CHECK(got.tags["validation_status"] == "approved");
  REQUIRE_OK(f.registry.DeleteVersionTag("churn", 1, "validation_status"));
  CHECK(MustGetVersion(f.registry, "churn", 1).tags.empty());
}

TEST_CASE("a metric can be recorded and overwritten on a version") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "auc", 0.81));
  CHECK(MustGetVersion(f.registry, "churn", 1).metrics["auc"] == doctest::Approx(0.81));
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "auc", 0.84));
  ModelVersion got = MustGetVersion(f.registry, "churn", 1);
  CHECK(got.metrics.size() == 1);
  CHECK(got.metrics["auc"] == doctest::Approx(0.84));
}

TEST_CASE("a NaN or infinite metric is refused and changes nothing") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "auc", 0.8));
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  Status status;
  SUBCASE("NaN") {
    status = f.registry.SetVersionMetric("churn", 1, "auc", std::nan(""));
  }
  SUBCASE("infinity") {
    status = f.registry.SetVersionMetric("churn", 1, "auc",
                                         std::numeric_limits<double>::infinity());
  }
  SUBCASE("minus infinity") {
    status = f.registry.SetVersionMetric("churn", 1, "auc",
                                         -std::numeric_limits<double>::infinity());
  }
  CHECK_ERROR(status, ErrorCode::kInvalidArgument);
  CHECK_MENTIONS(status.message(), "auc");
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("version updates on a missing version are kNotFound naming it and change nothing") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  REQUIRE_OK(f.registry.SetVersionTag("churn", 1, "team", "growth"));
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  Status status;
  SUBCASE("description") { status = f.registry.UpdateVersionDescription("churn", 9, "x"); }
  SUBCASE("tag") { status = f.registry.SetVersionTag("churn", 9, "k", "v"); }
  SUBCASE("delete tag") { status = f.registry.DeleteVersionTag("churn", 9, "team"); }
  SUBCASE("metric") { status = f.registry.SetVersionMetric("churn", 9, "auc", 0.5); }
  SUBCASE("delete version") { status = f.registry.DeleteModelVersion("churn", 9); }
  CHECK_ERROR(status, ErrorCode::kNotFound);
  CHECK_MENTIONS(status.message(), "churn");
  CHECK_MENTIONS(status.message(), "9");
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("version updates on an unknown model are kNotFound naming it and change nothing") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  Status status;
  SUBCASE("description") { status = f.registry.UpdateVersionDescription("fraud", 1, "x"); }
  SUBCASE("tag") { status = f.registry.SetVersionTag("fraud", 1, "k", "v"); }
  SUBCASE("metric") { status = f.registry.SetVersionMetric("fraud", 1, "auc", 0.5); }
  SUBCASE("delete version") { status = f.registry.DeleteModelVersion("fraud", 1); }
  CHECK_ERROR(status, ErrorCode::kNotFound);
  CHECK_MENTIONS(status.message(), "fraud");
  CHECK(Fingerprint(f.registry) == before);
}

// MLflow deletes a missing tag silently; an engine may also refuse it. Either way nothing
// changes and no audit event is written (there was no state change).
TEST_CASE("deleting a version tag that is not set changes nothing") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  Status status = f.registry.DeleteVersionTag("churn", 1, "owner");
  if (!status.ok()) {
    CHECK_ERROR(status, ErrorCode::kNotFound);
    CHECK_MENTIONS(status.message(), "owner");
  }
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("deleting a version removes it and its aliases but not the others") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 2));
  REQUIRE_OK(f.registry.SetAlias("churn", "challenger", 1));

  REQUIRE_OK(f.registry.DeleteModelVersion("churn", 2));

  CHECK_ERROR(f.registry.GetModelVersion("churn", 2), ErrorCode::kNotFound);
  CHECK(Join(VersionNumbers(f.registry, "churn")) == "1");
  auto model = f.registry.GetModel("churn");
  REQUIRE_OK(model);
  CHECK(model->aliases.count("champion") == 0);
  CHECK(model->aliases.at("challenger") == 1);
  CHECK_ERROR(f.registry.Resolve("models:/churn@champion"), ErrorCode::kNotFound);
  auto challenger = f.registry.Resolve("models:/churn@challenger");
  REQUIRE_OK(challenger);
  CHECK(challenger->version == 1);
}

TEST_CASE("a version value is a copy that changes nothing stored") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  ModelVersion v = MustCreateVersion(f.registry, "churn");
  v.stage = "Production";
  v.metrics["accuracy"] = 1.0;
  ModelVersion got = MustGetVersion(f.registry, "churn", 1);
  CHECK(got.stage == "None");
  CHECK(got.metrics.empty());
}
