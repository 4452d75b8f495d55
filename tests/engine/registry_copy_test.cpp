// Copies of an in-memory registry: SaveImage, FromImage and Copy give independent registries
// holding the same state, audit log and catalog (users, stages, gates, environments).

#include <doctest/doctest.h>

#include "test_registry.h"

namespace stagecraft::engine {
namespace {

using testing::Fixture;
using testing::MustCreateModel;
using testing::MustCreateVersion;
using testing::MustTransition;
using testing::OptionsWith;
using testing::StageOf;

TEST_CASE("Copy gives an in-memory registry with the same state, audit log and catalog") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  MustTransition(f.registry, "churn", 1, "Production");
  REQUIRE(f.registry.AddStage("Shadow").ok());
  REQUIRE(f.registry.AddUser("ann", Role::kApprover).ok());
  REQUIRE(f.registry.SetAlias("churn", "champion", 1).ok());
  auto copy = f.registry.Copy(OptionsWith(f.clock));
  REQUIRE_MESSAGE(copy.ok(), copy.status().message());
  auto original = f.registry.TakeSnapshot();
  auto copied = copy->TakeSnapshot();
  REQUIRE(original.ok());
  REQUIRE(copied.ok());
  CHECK(copied->get()->versions.size() == 2);
  CHECK(StageOf(*copy, "churn", 1) == "Production");
  CHECK(copied->get()->models.at(0).aliases.at("champion") == 1);
  CHECK(copied->get()->stages.size() == original->get()->stages.size());
  CHECK(copied->get()->users.size() == original->get()->users.size());
  CHECK(copied->get()->last_event_seq == original->get()->last_event_seq);
  auto history = copy->History();
  REQUIRE(history.ok());
  CHECK(history->size() == static_cast<std::size_t>(original->get()->last_event_seq));
  // The catalog was read from the copy: the added stage and user work there.
  CHECK(copy->TransitionStage(testing::Move("churn", 2, "shadow"), Actor{"ann"}).ok());
  CHECK(copy->path() == ":memory:");
}

TEST_CASE("A copy and its original change independently") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  auto copy = f.registry.Copy(OptionsWith(f.clock));
  REQUIRE(copy.ok());
  MustTransition(*copy, "churn", 1, "Staging");
  CHECK(StageOf(f.registry, "churn", 1) == "None");
  CHECK(StageOf(*copy, "churn", 1) == "Staging");
  MustCreateVersion(f.registry, "churn");
  CHECK_FALSE(copy->GetModelVersion("churn", 2).ok());
  // Version numbers and request ids continue from where the copy was taken.
  CHECK(MustCreateVersion(*copy, "churn").version == 2);
}

TEST_CASE("An image can be loaded many times, each load its own registry") {
  Fixture f;
  MustCreateModel(f.registry, "churn");
  auto image = f.registry.SaveImage();
  REQUIRE(image.ok());
  CHECK(image->size() > 0);
  auto first = Registry::FromImage(*image);
  auto second = Registry::FromImage(*image);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  REQUIRE(first->CreateModel("fraud").ok());
  CHECK_FALSE(second->GetModel("fraud").ok());
  CHECK(second->GetModel("churn").ok());
  // A listener on the copy hears the copy's changes only.
  int heard = 0;
  second->Subscribe([&](const std::vector<AuditEvent>& events) { heard += static_cast<int>(events.size()); });
  REQUIRE(second->CreateModel("ltv").ok());
  REQUIRE(first->CreateModel("ltv").ok());
  CHECK(heard == 1);
}

TEST_CASE("SaveImage refuses a registry kept in a file; FromImage refuses an empty image") {
  testing::TempDir dir;
  auto file = Registry::Open(dir.File("registry.db"));
  REQUIRE(file.ok());
  auto image = file->SaveImage();
  REQUIRE_FALSE(image.ok());
  CHECK(image.status().code() == ErrorCode::kFailedPrecondition);
  CHECK(testing::Contains(image.status().message(), "registry.db"));
  CHECK_FALSE(file->Copy().ok());
  auto empty = Registry::FromImage(RegistryImage{});
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().code() == ErrorCode::kInvalidArgument);
  auto garbage = Registry::FromImage(RegistryImage{std::make_shared<std::string>("not a database")});
  CHECK_FALSE(garbage.ok());
}

TEST_CASE("FromImage refuses an image of another program's database or of a newer Stagecraft") {
  auto registry = Registry::Open(":memory:");
  REQUIRE(registry.ok());
  auto image = registry->SaveImage();
  REQUIRE(image.ok());
  REQUIRE(image->size() > 100);
  // SQLite's header keeps user_version at byte 60 and application_id at byte 68 (big-endian).
  for (std::size_t offset : {std::size_t{60}, std::size_t{68}}) {
    CAPTURE(offset);
    std::string bytes = *image->bytes;
    bytes[offset] = static_cast<char>(0x7f);  // a huge user_version, or another application id
    auto loaded = Registry::FromImage(RegistryImage{std::make_shared<std::string>(bytes)});
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.status().code() == ErrorCode::kStorage);
    CHECK(testing::Contains(loaded.status().message(), "not a Stagecraft registry database"));
  }
  CHECK(Registry::FromImage(*image).ok());
}

}  // namespace
}  // namespace stagecraft::engine
