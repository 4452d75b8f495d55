// Registered models: create, get, list, describe, tag, delete; names stored verbatim.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

std::vector<std::string> ModelNames(const Registry& registry) {
  auto models = registry.ListModels();
  REQUIRE_MESSAGE(models.ok(), models.status().message());
  std::vector<std::string> names;
  for (const auto& m : models.value()) names.push_back(m.name);
  return names;
}

}  // namespace

TEST_CASE("creating a model returns it with its name description and times") {
  Fixture f;
  auto created = f.registry.CreateModel("churn", "predicts who leaves");
  REQUIRE_OK(created);
  CHECK(created->name == "churn");
  CHECK(created->description == "predicts who leaves");
  CHECK(created->tags.empty());
  CHECK(created->aliases.empty());
  CHECK(created->latest_version == 0);
  CHECK(created->created_at == kStartTime);
  CHECK(created->updated_at == kStartTime);

  auto got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->name == "churn");
  CHECK(got->description == "predicts who leaves");
  CHECK(got->created_at == kStartTime);
  CHECK(got->updated_at == kStartTime);
  CHECK(got->latest_version == 0);
}

TEST_CASE("a model can be created without a description") {
  Fixture f;
  REQUIRE_OK(f.registry.CreateModel("churn"));
  auto got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->description.empty());
}

TEST_CASE("a taken model name is refused with kAlreadyExists and changes nothing") {
  Fixture f;
  MustCreateModel(f.registry, "churn", "first");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();

  auto again = f.registry.CreateModel("churn", "second");
  CHECK_ERROR(again, ErrorCode::kAlreadyExists);
  CHECK_MENTIONS(again.status().message(), "churn");
  CHECK(Fingerprint(f.registry) == before);
  auto got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->description == "first");
}

TEST_CASE("an empty model name is refused with kInvalidArgument") {
  Fixture f;
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  CHECK_ERROR(f.registry.CreateModel(""), ErrorCode::kInvalidArgument);
  CHECK(Fingerprint(f.registry) == before);
  CHECK(ModelNames(f.registry).empty());
}

TEST_CASE("a model name may be 256 characters but not 257") {
  Fixture f;
  const std::string longest(256, 'm');
  const std::string too_long(257, 'm');

  auto created = f.registry.CreateModel(longest);
  REQUIRE_OK(created);
  CHECK(created->name == longest);
  auto got = f.registry.GetModel(longest);
  REQUIRE_OK(got);
  CHECK(got->name.size() == 256);

  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  auto refused = f.registry.CreateModel(too_long);
  CHECK_ERROR(refused, ErrorCode::kInvalidArgument);
  CHECK_MENTIONS(refused.status().message(), "256");
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("model names are stored verbatim") {
  Fixture f;
  const std::vector<std::string> names = {
      "x'); DROP TABLE models;--",
      "Robert'); DROP TABLE versions; --",
      "quote\"double",
      "100% _wild_",
      "team/churn",
      "ops@team",
      "my model",
      " padded ",
      "\xe3\x83\xa2\xe3\x83\x87\xe3\x83\xab",  // "モデル" in UTF-8
  };
  for (const auto& name : names) {
    CAPTURE(std::string(name));
    auto created = f.registry.CreateModel(name, "about " + name);
    REQUIRE_OK(created);
    CHECK(created->name == name);
  }
  for (const auto& name : names) {
    CAPTURE(std::string(name));
    auto got = f.registry.GetModel(name);
    REQUIRE_OK(got);
    CHECK(got->name == name);
    CHECK(got->description == "about " + name);
  }
  CHECK(ModelNames(f.registry).size() == names.size());

  // The injection-looking names did no harm: versions still work on every model.
  for (const auto& name : names) {
    CAPTURE(std::string(name));
    ModelVersion v = MustCreateVersion(f.registry, name);
    CHECK(v.model_name == name);
    CHECK(v.version == 1);
  }
}

TEST_CASE("a LIKE wildcard in a model name matches only itself") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  CHECK_ERROR(f.registry.GetModel("chu%"), ErrorCode::kNotFound);
  CHECK_ERROR(f.registry.GetModel("chur_"), ErrorCode::kNotFound);
}

// As in MLflow (names are compared exactly); the contract only says "verbatim".
TEST_CASE("model names are case-sensitive") {
  Fixture f;
  MustCreateModel(f.registry, "churn", "lower");
  CHECK_ERROR(f.registry.GetModel("CHURN"), ErrorCode::kNotFound);
  auto upper = f.registry.CreateModel("Churn", "upper");
  REQUIRE_OK(upper);
  CHECK(upper->name == "Churn");
  auto lower = f.registry.GetModel("churn");
  REQUIRE_OK(lower);
  CHECK(lower->description == "lower");
}

TEST_CASE("models are listed by name") {
  Fixture f;
  CHECK(ModelNames(f.registry).empty());
  MustCreateModel(f.registry, "gamma");
  MustCreateModel(f.registry, "alpha");
  MustCreateModel(f.registry, "beta");
  CHECK(Join(ModelNames(f.registry)) == "alpha,beta,gamma");
}

TEST_CASE("getting an unknown model is kNotFound naming it") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  auto got = f.registry.GetModel("fraud");
  CHECK_ERROR(got, ErrorCode::kNotFound);
  CHECK_MENTIONS(got.status().message(), "fraud");
}

TEST_CASE("updating a description changes it and the updated time only") {
  Fixture f;
  MustCreateModel(f.registry, "churn", "old");
  const Timestamp later = f.clock.Advance(5000);
  REQUIRE_OK(f.registry.UpdateModelDescription("churn", "new"));
  auto got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->description == "new");
  CHECK(got->created_at == kStartTime);
  CHECK(got->updated_at == later);
}

TEST_CASE("updating the description of an unknown model is kNotFound and changes nothing") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  Status status = f.registry.UpdateModelDescription("fraud", "x");
  CHECK_ERROR(status, ErrorCode::kNotFound);
  CHECK_MENTIONS(status.message(), "fraud");
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("model tags can be set overwritten and deleted") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  REQUIRE_OK(f.registry.SetModelTag("churn", "team", "growth"));
  REQUIRE_OK(f.registry.SetModelTag("churn", "owner", "ana"));
  auto got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->tags.size() == 2);
  CHECK(got->tags["team"] == "growth");
  CHECK(got->tags["owner"] == "ana");

  REQUIRE_OK(f.registry.SetModelTag("churn", "team", "retention"));
  got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->tags.size() == 2);
  CHECK(got->tags["team"] == "retention");

  REQUIRE_OK(f.registry.DeleteModelTag("churn", "owner"));
  got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->tags.size() == 1);
  CHECK(got->tags.count("owner") == 0);
}

TEST_CASE("model tag values are stored verbatim") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  const std::string value = "it's \"quoted\"; DROP TABLE model_tags;--";
  REQUIRE_OK(f.registry.SetModelTag("churn", "note", value));
  auto got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->tags["note"] == value);
}

TEST_CASE("tag operations on an unknown model are kNotFound and change nothing") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  REQUIRE_OK(f.registry.SetModelTag("churn", "team", "growth"));
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();

  SUBCASE("set on an unknown model") {
    Status status = f.registry.SetModelTag("fraud", "team", "risk");
    CHECK_ERROR(status, ErrorCode::kNotFound);
    CHECK_MENTIONS(status.message(), "fraud");
  }
  SUBCASE("delete on an unknown model") {
    Status status = f.registry.DeleteModelTag("fraud", "team");
    CHECK_ERROR(status, ErrorCode::kNotFound);
    CHECK_MENTIONS(status.message(), "fraud");
  }
  CHECK(Fingerprint(f.registry) == before);
}

// MLflow deletes a missing tag silently; an engine may also refuse it. Either way nothing
// changes and no audit event is written (there was no state change).
TEST_CASE("deleting a model tag that is not set changes nothing") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  REQUIRE_OK(f.registry.SetModelTag("churn", "team", "growth"));
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  Status status = f.registry.DeleteModelTag("churn", "owner");
  if (!status.ok()) {
    CHECK_ERROR(status, ErrorCode::kNotFound);
    CHECK_MENTIONS(status.message(), "owner");
    CHECK_MENTIONS(status.message(), "churn");
  }
  CHECK(Fingerprint(f.registry) == before);
}

// MLflow refuses a tag without a key; the contract is silent.
TEST_CASE("an empty model tag key is refused with kInvalidArgument") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  CHECK_ERROR(f.registry.SetModelTag("churn", "", "x"), ErrorCode::kInvalidArgument);
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("deleting a model removes it with its versions") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateModel(f.registry, "fraud");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "fraud");
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 2));
  REQUIRE_OK(f.registry.SetModelTag("churn", "team", "growth"));

  REQUIRE_OK(f.registry.DeleteModel("churn"));

  CHECK_ERROR(f.registry.GetModel("churn"), ErrorCode::kNotFound);
  CHECK_ERROR(f.registry.GetModelVersion("churn", 1), ErrorCode::kNotFound);
  CHECK_ERROR(f.registry.GetModelVersion("churn", 2), ErrorCode::kNotFound);
  CHECK_ERROR(f.registry.ListModelVersions("churn"), ErrorCode::kNotFound);
  CHECK_ERROR(f.registry.Resolve("models:/churn@champion"), ErrorCode::kNotFound);
  CHECK(Join(ModelNames(f.registry)) == "fraud");

  auto snapshot = f.registry.TakeSnapshot();
  REQUIRE_OK(snapshot);
  CHECK(VersionList((*snapshot)->versions) == "fraud/1");

  // The other model is untouched.
  CHECK(MustGetVersion(f.registry, "fraud", 1).version == 1);
}

TEST_CASE("deleting an unknown model is kNotFound and changes nothing") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  Status status = f.registry.DeleteModel("fraud");
  CHECK_ERROR(status, ErrorCode::kNotFound);
  CHECK_MENTIONS(status.message(), "fraud");
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("a deleted model keeps its audit events in the log") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  const auto before = MustHistory(f.registry);
  REQUIRE_OK(f.registry.DeleteModel("churn"));
  const auto after = MustHistory(f.registry);
  REQUIRE(after.size() == before.size() + 1);
  for (std::size_t i = 0; i < before.size(); ++i) CHECK(Describe(after[i]) == Describe(before[i]));
  CHECK(after.back().action == kActionDeleteModel);
  CHECK(after.back().model_name == "churn");
}

TEST_CASE("a deleted model name can be registered again") {
  Fixture f;
  MustCreateModel(f.registry, "churn", "first");
  REQUIRE_OK(f.registry.DeleteModel("churn"));
  auto again = f.registry.CreateModel("churn", "second");
  REQUIRE_OK(again);
  CHECK(again->description == "second");
  CHECK(again->latest_version == 0);
}

// As in MLflow: a model registered again under a deleted name is a new model, so its versions
// start at 1. "Never reused" in the issue is about the versions of one model.
TEST_CASE("a model registered again after deletion numbers its versions from 1") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  REQUIRE_OK(f.registry.DeleteModel("churn"));
  MustCreateModel(f.registry, "churn");
  CHECK(MustCreateVersion(f.registry, "churn").version == 1);
}

TEST_CASE("the latest version of a model follows its versions") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  auto got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->latest_version == 2);
  REQUIRE_OK(f.registry.DeleteModelVersion("churn", 2));
  got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->latest_version == 1);
  REQUIRE_OK(f.registry.DeleteModelVersion("churn", 1));
  got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->latest_version == 0);
}

TEST_CASE("a model value is a copy that changes nothing stored") {
  Fixture f;
  auto created = f.registry.CreateModel("churn", "original");
  REQUIRE_OK(created);
  created->description = "edited locally";
  created->tags["team"] = "growth";
  auto got = f.registry.GetModel("churn");
  REQUIRE_OK(got);
  CHECK(got->description == "original");
  CHECK(got->tags.empty());
}
