// Aliases (named pointers to one version per model) and URI resolution against a registry.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

Fixture WithVersions(int count, const std::string& model = "churn") {
  Fixture f;
  MustCreateModel(f.registry, model);
  for (int i = 0; i < count; ++i) MustCreateVersion(f.registry, model, "run" + std::to_string(i + 1));
  return f;
}

std::int64_t MustResolve(const Registry& registry, const std::string& uri) {
  auto resolved = registry.Resolve(uri);
  REQUIRE_MESSAGE(resolved.ok(), "Resolve(" << uri << "): " << resolved.status().message());
  return resolved->version;
}

}  // namespace

// --- Aliases ---

TEST_CASE("an alias points at a version and shows on the version and the model") {
  Fixture f = WithVersions(2);
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 2));
  CHECK(MustGetVersion(f.registry, "churn", 2).aliases == std::vector<std::string>{"champion"});
  CHECK(MustGetVersion(f.registry, "churn", 1).aliases.empty());
  auto model = f.registry.GetModel("churn");
  REQUIRE_OK(model);
  REQUIRE(model->aliases.size() == 1);
  CHECK(model->aliases.at("champion") == 2);
}

TEST_CASE("setting an alias again moves it to the new version") {
  Fixture f = WithVersions(3);
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1));
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 3));
  CHECK(MustGetVersion(f.registry, "churn", 1).aliases.empty());
  CHECK(MustGetVersion(f.registry, "churn", 3).aliases == std::vector<std::string>{"champion"});
  auto model = f.registry.GetModel("churn");
  REQUIRE_OK(model);
  REQUIRE(model->aliases.size() == 1);
  CHECK(model->aliases.at("champion") == 3);
  CHECK(MustResolve(f.registry, "models:/churn@champion") == 3);

  // The whole move is one state change: no moment exists with the alias on two versions or none.
  auto snapshot = f.registry.TakeSnapshot();
  REQUIRE_OK(snapshot);
  int carriers = 0;
  for (const auto& v : (*snapshot)->versions) {
    for (const auto& a : v.aliases) carriers += (a == "champion");
  }
  CHECK(carriers == 1);
}

TEST_CASE("moving an alias writes one set_alias event naming the alias and the new version") {
  Fixture f = WithVersions(2);
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1));
  MustAddUser(f.registry, "carol");
  const auto before = MustHistory(f.registry);
  const Timestamp when = f.clock.Advance();
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 2, Actor{"carol"}));
  const auto after = MustHistory(f.registry);
  REQUIRE(after.size() == before.size() + 1);
  const AuditEvent& e = after.back();
  CHECK(e.action == kActionSetAlias);
  CHECK(e.model_name == "churn");
  REQUIRE(e.version.has_value());
  CHECK(*e.version == 2);
  // types.h: "comment: the alias"; the engine may add where it moved from.
  CHECK(e.comment.rfind("champion", 0) == 0);
  CHECK(e.actor == "carol");
  CHECK(e.time == when);
  CHECK(e.from_stage.empty());
  CHECK(e.to_stage.empty());
}

TEST_CASE("a version may carry several aliases listed in order") {
  Fixture f = WithVersions(1);
  REQUIRE_OK(f.registry.SetAlias("churn", "prod", 1));
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1));
  REQUIRE_OK(f.registry.SetAlias("churn", "blue", 1));
  CHECK(Join(MustGetVersion(f.registry, "churn", 1).aliases) == "blue,champion,prod");
  auto listed = f.registry.ListModelVersions("churn");
  REQUIRE_OK(listed);
  REQUIRE(listed->size() == 1);
  CHECK(Join((*listed)[0].aliases) == "blue,champion,prod");
}

TEST_CASE("aliases of different models are independent") {
  Fixture f = WithVersions(2);
  MustCreateModel(f.registry, "fraud");
  MustCreateVersion(f.registry, "fraud");
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 2));
  REQUIRE_OK(f.registry.SetAlias("fraud", "champion", 1));
  CHECK(MustResolve(f.registry, "models:/churn@champion") == 2);
  CHECK(MustResolve(f.registry, "models:/fraud@champion") == 1);
  REQUIRE_OK(f.registry.DeleteAlias("fraud", "champion"));
  CHECK(MustResolve(f.registry, "models:/churn@champion") == 2);
}

TEST_CASE("an alias can be deleted") {
  Fixture f = WithVersions(1);
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1));
  MustAddUser(f.registry, "dan");
  const auto before = MustHistory(f.registry);
  REQUIRE_OK(f.registry.DeleteAlias("churn", "champion", Actor{"dan"}));
  CHECK(MustGetVersion(f.registry, "churn", 1).aliases.empty());
  auto model = f.registry.GetModel("churn");
  REQUIRE_OK(model);
  CHECK(model->aliases.empty());
  CHECK_ERROR(f.registry.Resolve("models:/churn@champion"), ErrorCode::kNotFound);
  const auto after = MustHistory(f.registry);
  REQUIRE(after.size() == before.size() + 1);
  CHECK(after.back().action == kActionDeleteAlias);
  CHECK(after.back().actor == "dan");
  CHECK_MENTIONS(after.back().comment, "champion");
}

TEST_CASE("deleting an unknown alias is kNotFound naming it and changes nothing") {
  Fixture f = WithVersions(1);
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1));
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  SUBCASE("unknown alias") {
    Status status = f.registry.DeleteAlias("churn", "challenger");
    CHECK_ERROR(status, ErrorCode::kNotFound);
    CHECK_MENTIONS(status.message(), "challenger");
    CHECK_MENTIONS(status.message(), "churn");
  }
  SUBCASE("unknown model") {
    Status status = f.registry.DeleteAlias("fraud", "champion");
    CHECK_ERROR(status, ErrorCode::kNotFound);
    CHECK_MENTIONS(status.message(), "fraud");
  }
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("an alias on a missing version or model is kNotFound and changes nothing") {
  Fixture f = WithVersions(2);
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1));
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  SUBCASE("unknown version leaves the alias where it was") {
    Status status = f.registry.SetAlias("churn", "champion", 9);
    CHECK_ERROR(status, ErrorCode::kNotFound);
    CHECK_MENTIONS(status.message(), "churn");
    CHECK_MENTIONS(status.message(), "9");
    CHECK(MustResolve(f.registry, "models:/churn@champion") == 1);
  }
  SUBCASE("unknown model") {
    Status status = f.registry.SetAlias("fraud", "champion", 1);
    CHECK_ERROR(status, ErrorCode::kNotFound);
    CHECK_MENTIONS(status.message(), "fraud");
  }
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("latest and v followed by a number are reserved alias names") {
  Fixture f = WithVersions(1);
  const std::string before = Fingerprint(f.registry);
  f.clock.Advance();
  for (const char* alias : {"latest", "v3", "v1", "v10", "v0"}) {
    CAPTURE(std::string(alias));
    Status status = f.registry.SetAlias("churn", alias, 1);
    CHECK_ERROR(status, ErrorCode::kInvalidArgument);
    CHECK_MENTIONS(status.message(), alias);
  }
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("names that only look like reserved ones are allowed aliases") {
  Fixture f = WithVersions(1);
  for (const char* alias : {"v", "v3a", "version3", "latest2", "my-latest", "vx"}) {
    CAPTURE(std::string(alias));
    CHECK_OK(f.registry.SetAlias("churn", alias, 1));
  }
  CHECK(MustGetVersion(f.registry, "churn", 1).aliases.size() == 6);
}

// MLflow refuses "LATEST" and "V3" too (it compares case-insensitively); the contract names only
// the lower-case forms.
TEST_CASE("reserved alias names are refused in any case") {
  Fixture f = WithVersions(1);
  for (const char* alias : {"LATEST", "Latest", "V3"}) {
    CAPTURE(std::string(alias));
    CHECK_ERROR(f.registry.SetAlias("churn", alias, 1), ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("alias names are letters digits underscores and dashes up to 256 characters") {
  Fixture f = WithVersions(1);
  SUBCASE("accepted") {
    const std::string longest(256, 'a');
    for (const std::string& alias :
         {std::string("champion"), std::string("challenger-2"), std::string("blue_green"),
          std::string("2024"), std::string("A"), longest}) {
      CAPTURE(std::string(alias));
      CHECK_OK(f.registry.SetAlias("churn", alias, 1));
    }
    auto model = f.registry.GetModel("churn");
    REQUIRE_OK(model);
    CHECK(model->aliases.count(longest) == 1);
  }
  SUBCASE("refused") {
    const std::string before = Fingerprint(f.registry);
    f.clock.Advance();
    for (const std::string& alias :
         {std::string(""), std::string("has space"), std::string("a.b"), std::string("a/b"),
          std::string("a@b"), std::string("it's"), std::string("x'); DROP TABLE aliases;--"),
          std::string(257, 'a')}) {
      CAPTURE(std::string(alias));
      CHECK_ERROR(f.registry.SetAlias("churn", alias, 1), ErrorCode::kInvalidArgument);
    }
    CHECK(Fingerprint(f.registry) == before);
  }
}

// --- URI resolution ---

TEST_CASE("models:/NAME/N resolves to that version") {
  Fixture f = WithVersions(3);
  auto resolved = f.registry.Resolve("models:/churn/2");
  REQUIRE_OK(resolved);
  CHECK(resolved->model_name == "churn");
  CHECK(resolved->version == 2);
  CHECK(resolved->run_id == "run2");
  CHECK(resolved->source == "runs:/run2/model");
}

TEST_CASE("models:/NAME/STAGE resolves to the highest version number in that stage") {
  // The clock moves between steps so that "most recently moved" differs from "highest".
  Fixture f = WithVersions(4);
  f.clock.Advance();
  MustTransition(f.registry, "churn", 3, "Production");
  f.clock.Advance();
  MustTransition(f.registry, "churn", 2, "Staging");
  f.clock.Advance();
  // Version 1 is moved to Production last: the most recently moved, but not the highest.
  MustTransition(f.registry, "churn", 1, "Production");
  // Version 4 stays in None.
  CHECK(MustResolve(f.registry, "models:/churn/Production") == 3);
  CHECK(MustResolve(f.registry, "models:/churn/Staging") == 2);
  CHECK(MustResolve(f.registry, "models:/churn/None") == 4);

  SUBCASE("rolling back by moving the old version to Production does not change the result") {
    f.clock.Advance();
    MustTransition(f.registry, "churn", 1, "Staging");
    f.clock.Advance();
    MustTransition(f.registry, "churn", 1, "Production");
    CHECK(MustResolve(f.registry, "models:/churn/Production") == 3);
  }
  SUBCASE("once the higher version leaves, the next highest is resolved") {
    f.clock.Advance();
    MustTransition(f.registry, "churn", 3, "Archived");
    CHECK(MustResolve(f.registry, "models:/churn/Production") == 1);
  }
}

TEST_CASE("models:/NAME/STAGE accepts any spelling of the stage") {
  Fixture f = WithVersions(1);
  REQUIRE_OK(f.registry.AddStage("QA"));
  MustTransition(f.registry, "churn", 1, "Production");
  CHECK(MustResolve(f.registry, "models:/churn/production") == 1);
  CHECK(MustResolve(f.registry, "models:/churn/PRODUCTION") == 1);
  MustTransition(f.registry, "churn", 1, "QA");
  CHECK(MustResolve(f.registry, "models:/churn/qa") == 1);
}

TEST_CASE("models:/NAME/latest resolves to the highest version in any stage") {
  Fixture f = WithVersions(3);
  MustTransition(f.registry, "churn", 1, "Production");
  MustTransition(f.registry, "churn", 3, "Archived");
  CHECK(MustResolve(f.registry, "models:/churn/latest") == 3);
  REQUIRE_OK(f.registry.DeleteModelVersion("churn", 3));
  CHECK(MustResolve(f.registry, "models:/churn/latest") == 2);
  MustCreateVersion(f.registry, "churn");
  CHECK(MustResolve(f.registry, "models:/churn/latest") == 4);
}

TEST_CASE("models:/NAME@ALIAS resolves to the version the alias points at") {
  Fixture f = WithVersions(3);
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 2));
  REQUIRE_OK(f.registry.SetAlias("churn", "challenger", 3));
  auto resolved = f.registry.Resolve("models:/churn@champion");
  REQUIRE_OK(resolved);
  CHECK(resolved->version == 2);
  CHECK(resolved->aliases == std::vector<std::string>{"champion"});
  CHECK(MustResolve(f.registry, "models:/churn@challenger") == 3);
}

TEST_CASE("a resolved version carries its full details") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  NewModelVersion spec;
  spec.model_name = "churn";
  spec.source = "s3://models/churn/7";
  spec.run_id = "r7";
  spec.metrics = {{"accuracy", 0.91}};
  spec.tags = {{"team", "growth"}};
  MustCreateVersion(f.registry, spec);
  MustTransition(f.registry, "churn", 1, "Staging");
  auto resolved = f.registry.Resolve("models:/churn/staging");
  REQUIRE_OK(resolved);
  CHECK(resolved->stage == "Staging");
  CHECK(resolved->source == "s3://models/churn/7");
  CHECK(resolved->run_id == "r7");
  CHECK(resolved->metrics.at("accuracy") == doctest::Approx(0.91));
  CHECK(resolved->tags.at("team") == "growth");
}

TEST_CASE("URIs resolve for model names with slashes at signs and quotes") {
  Fixture f;
  for (const std::string name : {"team/churn", "ops@team", "x'); DROP TABLE models;--"}) {
    CAPTURE(std::string(name));
    MustCreateModel(f.registry, name);
    MustCreateVersion(f.registry, name);
    MustCreateVersion(f.registry, name);
    MustTransition(f.registry, name, 1, "Production");
    REQUIRE_OK(f.registry.SetAlias(name, "champion", 2));
    CHECK(MustResolve(f.registry, "models:/" + name + "/1") == 1);
    CHECK(MustResolve(f.registry, "models:/" + name + "/Production") == 1);
    CHECK(MustResolve(f.registry, "models:/" + name + "/latest") == 2);
    CHECK(MustResolve(f.registry, "models:/" + name + "@champion") == 2);
    auto resolved = f.registry.Resolve("models:/" + name + "/2");
    REQUIRE_OK(resolved);
    CHECK(resolved->model_name == name);
  }
}

TEST_CASE("a URI that resolves to nothing is an error naming what is missing") {
  Fixture f = WithVersions(2);
  REQUIRE_OK(f.registry.SetAlias("churn", "champion", 1));
  SUBCASE("unknown model") {
    auto resolved = f.registry.Resolve("models:/fraud/1");
    CHECK_ERROR(resolved, ErrorCode::kNotFound);
    CHECK_MENTIONS(resolved.status().message(), "fraud");
  }
  SUBCASE("unknown version") {
    auto resolved = f.registry.Resolve("models:/churn/7");
    CHECK_ERROR(resolved, ErrorCode::kNotFound);
    CHECK_MENTIONS(resolved.status().message(), "churn");
    CHECK_MENTIONS(resolved.status().message(), "7");
  }
  SUBCASE("no version in the stage") {
    auto resolved = f.registry.Resolve("models:/churn/Production");
    CHECK_ERROR(resolved, ErrorCode::kNotFound);
    CHECK_MENTIONS(resolved.status().message(), "churn");
    CHECK_MENTIONS(resolved.status().message(), "Production");
  }
  SUBCASE("an unknown stage") {
    auto resolved = f.registry.Resolve("models:/churn/Prod");
    CHECK_ERROR(resolved, ErrorCode::kUnknownStage);
    CHECK_MENTIONS(resolved.status().message(), "Prod");
    CHECK_MENTIONS(resolved.status().message(), "Production");
    CHECK_MENTIONS(resolved.status().message(), "Archived");
  }
  SUBCASE("unknown alias") {
    auto resolved = f.registry.Resolve("models:/churn@challenger");
    CHECK_ERROR(resolved, ErrorCode::kNotFound);
    CHECK_MENTIONS(resolved.status().message(), "challenger");
    CHECK_MENTIONS(resolved.status().message(), "churn");
  }
  SUBCASE("latest of a model without versions") {
    MustCreateModel(f.registry, "empty");
    auto resolved = f.registry.Resolve("models:/empty/latest");
    CHECK_ERROR(resolved, ErrorCode::kNotFound);
    CHECK_MENTIONS(resolved.status().message(), "empty");
  }
  SUBCASE("a malformed URI") {
    auto resolved = f.registry.Resolve("runs:/abc/model");
    CHECK_ERROR(resolved, ErrorCode::kInvalidArgument);
    CHECK_MENTIONS(resolved.status().message(), "runs:/abc/model");
  }
}
