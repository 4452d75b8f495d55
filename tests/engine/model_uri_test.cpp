// ParseModelUri: the four models:/ forms, names with '/' and '@', and malformed URIs.
// Resolution against a registry is tested in aliases_test.cpp.

#include "stagecraft/engine/model_uri.h"

#include <doctest/doctest.h>

#include <string>

#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

ModelUri MustParse(const std::string& uri) {
  auto parsed = ParseModelUri(uri);
  REQUIRE_MESSAGE(parsed.ok(), "ParseModelUri(" << uri << "): " << parsed.status().message());
  return parsed.value();
}

}  // namespace

TEST_CASE("models:/NAME/NUMBER names a version") {
  ModelUri uri = MustParse("models:/churn/3");
  CHECK(uri.kind == ModelUri::Kind::kVersion);
  CHECK(uri.model_name == "churn");
  CHECK(uri.version == 3);

  ModelUri big = MustParse("models:/churn/1024");
  CHECK(big.kind == ModelUri::Kind::kVersion);
  CHECK(big.version == 1024);
}

TEST_CASE("models:/NAME/STAGE names a stage and keeps the stage as written") {
  SUBCASE("canonical spelling") {
    ModelUri uri = MustParse("models:/churn/Production");
    CHECK(uri.kind == ModelUri::Kind::kStage);
    CHECK(uri.model_name == "churn");
    CHECK(uri.reference == "Production");
  }
  SUBCASE("any spelling is left for the registry to canonicalise") {
    ModelUri uri = MustParse("models:/churn/production");
    CHECK(uri.kind == ModelUri::Kind::kStage);
    CHECK(uri.reference == "production");
  }
  SUBCASE("an added stage") {
    ModelUri uri = MustParse("models:/churn/QA");
    CHECK(uri.kind == ModelUri::Kind::kStage);
    CHECK(uri.reference == "QA");
  }
}

TEST_CASE("models:/NAME/latest names the highest version") {
  ModelUri uri = MustParse("models:/churn/latest");
  CHECK(uri.kind == ModelUri::Kind::kLatest);
  CHECK(uri.model_name == "churn");
}

TEST_CASE("models:/NAME@ALIAS names an alias") {
  ModelUri uri = MustParse("models:/churn@champion");
  CHECK(uri.kind == ModelUri::Kind::kAlias);
  CHECK(uri.model_name == "churn");
  CHECK(uri.reference == "champion");

  ModelUri other = MustParse("models:/fraud@challenger-2");
  CHECK(other.kind == ModelUri::Kind::kAlias);
  CHECK(other.model_name == "fraud");
  CHECK(other.reference == "challenger-2");
}

TEST_CASE("a model name may contain slashes and at signs") {
  SUBCASE("the last slash separates a version") {
    ModelUri uri = MustParse("models:/team/churn/7");
    CHECK(uri.kind == ModelUri::Kind::kVersion);
    CHECK(uri.model_name == "team/churn");
    CHECK(uri.version == 7);
  }
  SUBCASE("the last slash separates a stage") {
    ModelUri uri = MustParse("models:/a/b/c/Staging");
    CHECK(uri.kind == ModelUri::Kind::kStage);
    CHECK(uri.model_name == "a/b/c");
    CHECK(uri.reference == "Staging");
  }
  SUBCASE("an at sign followed by a slash belongs to the name") {
    ModelUri uri = MustParse("models:/ops@team/2");
    CHECK(uri.kind == ModelUri::Kind::kVersion);
    CHECK(uri.model_name == "ops@team");
    CHECK(uri.version == 2);
  }
  SUBCASE("the last at sign separates an alias") {
    ModelUri uri = MustParse("models:/ops@team@champion");
    CHECK(uri.kind == ModelUri::Kind::kAlias);
    CHECK(uri.model_name == "ops@team");
    CHECK(uri.reference == "champion");
  }
  SUBCASE("an alias after a name with slashes") {
    ModelUri uri = MustParse("models:/team/churn@champion");
    CHECK(uri.kind == ModelUri::Kind::kAlias);
    CHECK(uri.model_name == "team/churn");
    CHECK(uri.reference == "champion");
  }
  SUBCASE("latest after a name with slashes") {
    ModelUri uri = MustParse("models:/team/churn/latest");
    CHECK(uri.kind == ModelUri::Kind::kLatest);
    CHECK(uri.model_name == "team/churn");
  }
}

TEST_CASE("a model name in a URI is taken verbatim") {
  ModelUri injection = MustParse("models:/x'); DROP TABLE models;--/1");
  CHECK(injection.model_name == "x'); DROP TABLE models;--");
  CHECK(injection.kind == ModelUri::Kind::kVersion);
  CHECK(injection.version == 1);

  ModelUri spaced = MustParse("models:/my model/Production");
  CHECK(spaced.model_name == "my model");
  CHECK(spaced.kind == ModelUri::Kind::kStage);
}

TEST_CASE("a malformed models URI is an invalid argument that names the URI") {
  const char* bad[] = {
      "",                       // nothing
      "models:",                // no path
      "models:/",               // no name
      "models:/churn",          // no reference
      "models:/churn/",         // empty reference
      "models:/churn@",         // empty alias
      "models:/@champion",      // empty name before an alias
      "models://3",             // empty name before a version
      "runs:/abc123/model",     // another scheme
      "model:/churn/1",         // misspelt scheme
      "churn/1",                // no scheme
  };
  for (const char* uri : bad) {
    CAPTURE(std::string(uri));
    auto parsed = ParseModelUri(uri);
    CHECK_FALSE(parsed.ok());
    CHECK_ERROR(parsed, ErrorCode::kInvalidArgument);
    if (std::string(uri).size() > 0) CHECK_MENTIONS(parsed.status().message(), uri);
  }
}

TEST_CASE("a malformed URI error shows the expected forms") {
  auto parsed = ParseModelUri("runs:/abc123/model");
  REQUIRE_FALSE(parsed.ok());
  CHECK_MENTIONS(parsed.status().message(), "models:/");
}
