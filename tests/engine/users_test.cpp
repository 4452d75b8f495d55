// Users and roles: the default admin, cumulative roles (viewer < developer < approver < admin),
// what each role may not do, unknown users, managing users and roles, the last admin, and the
// audit of refusals.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

constexpr Role kAllRoles[] = {Role::kViewer, Role::kDeveloper, Role::kApprover, Role::kAdmin};

std::vector<std::string> UserLines(const Registry& registry) {
  auto users = registry.ListUsers();
  REQUIRE_OK(users);
  std::vector<std::string> out;
  for (const auto& u : *users) out.push_back(u.name + ":" + RoleName(u.role));
  return out;
}

// A role refusal names the user, the role they have and the role the operation needs.
void CheckRoleMessage(const std::string& message, const std::string& user, Role has, Role needed) {
  CHECK_MENTIONS(message, "'" + user + "'");
  CHECK_MENTIONS(message, std::string("is a ") + RoleName(has));
  CHECK_MENTIONS(message, std::string("the ") + RoleName(needed) + " role");
}

void CheckRoleMessage(const Status& status, const std::string& user, Role has, Role needed) {
  CHECK(status.code() == ErrorCode::kPermissionDenied);
  CheckRoleMessage(status.message(), user, has, needed);
}

}  // namespace

TEST_CASE("a new registry has one user, admin, who is also the default actor") {
  Fixture f;
  CHECK(UserLines(f.registry) == std::vector<std::string>{"admin:admin"});
  CHECK(std::string(kDefaultActor) == "admin");
  CHECK(Actor{}.name == "admin");

  // The default actor may do anything, and is recorded as "admin".
  MustCreateModel(f.registry, "churn");
  CHECK_OK(f.registry.AddStage("Shadow"));
  const auto events = MustHistory(f.registry);
  REQUIRE(events.size() == 2);
  CHECK(events[0].actor == "admin");
  CHECK(events[1].actor == "admin");
}

TEST_CASE("RoleName and ParseRole name the four roles in any letter case") {
  CHECK(std::string(RoleName(Role::kViewer)) == "viewer");
  CHECK(std::string(RoleName(Role::kDeveloper)) == "developer");
  CHECK(std::string(RoleName(Role::kApprover)) == "approver");
  CHECK(std::string(RoleName(Role::kAdmin)) == "admin");
  for (Role role : kAllRoles) CHECK(ParseRole(RoleName(role)) == role);
  CHECK(ParseRole("APPROVER") == Role::kApprover);
  CHECK(ParseRole("Developer") == Role::kDeveloper);
  CHECK_FALSE(ParseRole("root").has_value());
  CHECK_FALSE(ParseRole("").has_value());
  CHECK(Role::kViewer < Role::kDeveloper);
  CHECK(Role::kDeveloper < Role::kApprover);
  CHECK(Role::kApprover < Role::kAdmin);
}

TEST_CASE("roles are cumulative: each role may do everything the roles before it may") {
  for (Role role : kAllRoles) {
    CAPTURE(RoleName(role));
    ChurnFixture f;
    MustAddUser(f.registry, "u", role);
    MustTransition(f.registry, "churn", 1, kStageProduction);
    auto request = MustRequest(f.registry, Move("churn", 1, kStageArchived), "dev");

    // developer: register a version.
    auto version = f.registry.CreateModelVersion(
        NewModelVersion{"churn", "runs:/r/model", "r", {}, {}, ""}, As("u"));
    if (role >= Role::kDeveloper) {
      CHECK_OK(version);
    } else {
      CheckRoleMessage(version.status(), "u", role, Role::kDeveloper);
    }
    // developer: move a version into an ungated stage.
    auto moved = f.registry.TransitionStage(Move("churn", 1, kStageStaging), As("u"));
    if (role >= Role::kDeveloper) {
      CHECK_OK(moved);
      MustTransition(f.registry, "churn", 1, kStageProduction);
    } else {
      CheckRoleMessage(moved.status(), "u", role, Role::kDeveloper);
    }
    // approver: approve someone else's request; deploy to production.
    auto approved = f.registry.ApproveRequest(request.id, "", As("u"));
    if (role >= Role::kApprover) {
      CHECK_OK(approved);
      MustTransition(f.registry, "churn", 1, kStageProduction);
    } else {
      CheckRoleMessage(approved.status(), "u", role, Role::kApprover);
    }
    auto deployed = f.registry.Deploy(DeployRequest{"churn", 1, "production", 100}, As("u"));
    if (role >= Role::kApprover) {
      CHECK_OK(deployed);
    } else {
      CheckRoleMessage(deployed.status(), "u", role, Role::kApprover);
    }
    // admin: add a stage, add a user.
    auto stage = f.registry.AddStage("Shadow", "", false, As("u"));
    auto user = f.registry.AddUser("zoe", Role::kViewer, As("u"));
    if (role >= Role::kAdmin) {
      CHECK_OK(stage);
      CHECK_OK(user);
    } else {
      CheckRoleMessage(stage.status(), "u", role, Role::kAdmin);
      CheckRoleMessage(user.status(), "u", role, Role::kAdmin);
    }
  }
}

TEST_CASE("a viewer reads everything but every change is refused, audited, and changes nothing") {
  ChurnFixture f;
  const Actor vic = As("vic");
  const Role dev = Role::kDeveloper;
  std::string refused;
  SUBCASE("create a model") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "vic",
                           [&] { return f.registry.CreateModel("fraud", "", vic); });
    CHECK_MENTIONS(refused, "register models");
  }
  SUBCASE("create a version") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "vic", [&] {
      return f.registry.CreateModelVersion(NewModelVersion{"churn", "s3://b/m", "", {}, {}, ""},
                                           vic);
    });
    CHECK_MENTIONS(refused, "register model versions");
  }
  SUBCASE("tag a version") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "vic",
                           [&] { return f.registry.SetVersionTag("churn", 1, "k", "v", vic); });
  }
  SUBCASE("record a metric") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "vic", [&] {
      return f.registry.SetVersionMetric("churn", 1, "accuracy", 0.9, vic);
    });
  }
  SUBCASE("move a version to an ungated stage") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "vic", [&] {
      return f.registry.TransitionStage(Move("churn", 1, kStageStaging), vic);
    });
    CHECK_MENTIONS(refused, "move versions between stages");
  }
  SUBCASE("set an alias") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "vic",
                           [&] { return f.registry.SetAlias("churn", "champion", 1, vic); });
  }
  SUBCASE("request a transition") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "vic", [&] {
      return f.registry.RequestTransition(Move("churn", 1, kStageStaging), vic);
    });
    CHECK_MENTIONS(refused, "request stage transitions");
  }
  SUBCASE("deploy to staging") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "vic", [&] {
      return f.registry.Deploy(DeployRequest{"churn", 1, "staging", 100}, vic);
    });
    CHECK_MENTIONS(refused, "deploy to 'staging'");
  }
  if (!refused.empty()) CheckRoleMessage(refused, "vic", Role::kViewer, dev);

  // Reading needs no role at all.
  CHECK_OK(f.registry.GetModel("churn"));
  CHECK_OK(f.registry.ListModelVersions("churn"));
  CHECK_OK(f.registry.ListRequests());
  CHECK_OK(f.registry.ListDeployments("churn"));
  CHECK_OK(f.registry.ListStages());
  CHECK_OK(f.registry.TakeSnapshot());
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);
}

TEST_CASE("a developer registers models and versions and moves them into ungated stages") {
  GovernanceFixture f;
  const Actor dev = As("dev");
  REQUIRE_OK(f.registry.CreateModel("churn", "", dev));
  auto v1 =
      f.registry.CreateModelVersion(NewModelVersion{"churn", "s3://b/m", "", {}, {}, ""}, dev);
  REQUIRE_OK(v1);
  CHECK(v1->creator == "dev");
  CHECK_OK(f.registry.SetVersionTag("churn", 1, "validation", "passed", dev));
  CHECK_OK(f.registry.SetVersionMetric("churn", 1, "accuracy", 0.93, dev));
  CHECK_OK(f.registry.SetAlias("churn", "candidate", 1, dev));
  CHECK_OK(f.registry.TransitionStage(Move("churn", 1, kStageStaging), dev));
  CHECK_OK(f.registry.TransitionStage(Move("churn", 1, kStageProduction), dev));
  CHECK(StageOf(f.registry, "churn", 1) == kStageProduction);
  for (const auto& e : ModelHistory(f.registry, "churn")) {
    CAPTURE(Describe(e));
    CHECK(e.actor == "dev");
    CHECK(e.action != kActionRefused);
  }
}

TEST_CASE("a developer cannot move a version into a gated stage and is told to request it") {
  ChurnFixture f;
  SUBCASE("gated by approvals") { MustSetGate(f.registry, kStageProduction, RequireApprovals(1)); }
  SUBCASE("gated by a metric the version passes") {
    REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "accuracy", 0.95));
    MustSetGate(f.registry, kStageProduction, RequireMetric("accuracy", FilterOp::kGe, 0.9));
  }
  SUBCASE("gated by a tag the version has") {
    REQUIRE_OK(f.registry.SetVersionTag("churn", 1, "validation", "passed"));
    MustSetGate(f.registry, kStageProduction, RequireTag("validation", "passed"));
  }
  const std::int64_t head = AuditHead(f.registry);
  const std::string refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "dev", [&] {
    return f.registry.TransitionStage(Move("churn", 1, "production"), As("dev"));
  });
  CheckRoleMessage(refused, "dev", Role::kDeveloper, Role::kApprover);
  CHECK_MENTIONS(refused, "gated stage 'Production'");
  CHECK_MENTIONS(refused, "request the transition");
  // The refusal is recorded against the version and the stage it was refused.
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].model_name == "churn");
  CHECK(events[0].version == 1);
  CHECK(events[0].to_stage == kStageProduction);
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);

  // Requesting is what a developer does instead.
  CHECK_OK(f.registry.RequestTransition(Move("churn", 1, kStageProduction), As("dev")));
  // Ungated stages stay open to them.
  CHECK_OK(f.registry.TransitionStage(Move("churn", 1, kStageStaging), As("dev")));
}

TEST_CASE("an approver moves a version into a gated stage directly when it passes the gate") {
  ChurnFixture f;
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "accuracy", 0.95));
  MustSetGate(f.registry, kStageProduction, RequireMetric("accuracy", FilterOp::kGe, 0.9));
  auto moved = f.registry.TransitionStage(Move("churn", 1, kStageProduction), As("ann"));
  REQUIRE_OK(moved);
  CHECK(moved->to_stage == kStageProduction);
  CHECK(StageOf(f.registry, "churn", 1) == kStageProduction);
  CHECK(ModelHistory(f.registry, "churn").back().actor == "ann");
}

TEST_CASE("an unknown user is refused, naming the user, and nothing changes") {
  ChurnFixture f;
  std::string who = "mallory";
  std::string refused;
  SUBCASE("create a model") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, who,
                           [&] { return f.registry.CreateModel("fraud", "", As(who)); });
  }
  SUBCASE("create a version") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, who, [&] {
      return f.registry.CreateModelVersion(NewModelVersion{"churn", "s3://b/m", "", {}, {}, ""},
                                           As(who));
    });
  }
  SUBCASE("move a version") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, who, [&] {
      return f.registry.TransitionStage(Move("churn", 1, kStageStaging), As(who));
    });
  }
  SUBCASE("add a user") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, who,
                           [&] { return f.registry.AddUser("eve", Role::kAdmin, As(who)); });
  }
  SUBCASE("deploy") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, who, [&] {
      return f.registry.Deploy(DeployRequest{"churn", 1, "staging", 100}, As(who));
    });
  }
  SUBCASE("a name that differs only in letter case is another user") {
    who = "Admin";
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, who,
                           [&] { return f.registry.CreateModel("fraud", "", As(who)); });
  }
  CHECK_MENTIONS(refused, "unknown user '" + who + "'");
  CHECK_MENTIONS(refused, "users add");
  CHECK(UserLines(f.registry) == std::vector<std::string>{"admin:admin", "ann:approver",
                                                          "bob:approver", "dan:developer",
                                                          "dev:developer", "vic:viewer"});
}

TEST_CASE("an admin adds users with a role; they may act at once and the change is audited") {
  ChurnFixture f;
  f.clock.Set(kStartTime + 5000);
  const std::int64_t head = AuditHead(f.registry);
  auto carol = f.registry.AddUser("carol", Role::kApprover);
  REQUIRE_OK(carol);
  CHECK(carol->name == "carol");
  CHECK(carol->role == Role::kApprover);
  CHECK(carol->created_at == kStartTime + 5000);
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionAddUser);
  CHECK(events[0].actor == "admin");
  CHECK(events[0].comment == "carol as approver");
  // Listed by name, with its role.
  CHECK(UserLines(f.registry) ==
        std::vector<std::string>{"admin:admin", "ann:approver", "bob:approver", "carol:approver",
                                 "dan:developer", "dev:developer", "vic:viewer"});
  // And may approve straight away.
  auto request = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  auto approved = MustApprove(f.registry, request.id, "carol");
  CHECK(approved.applied.has_value());
  CHECK(StageOf(f.registry, "churn", 1) == kStageStaging);
}

TEST_CASE("user names may hold letters, digits, '_', '-', '.' and '@' only") {
  Fixture f;
  CHECK_OK(f.registry.AddUser("a.b-c_d@example", Role::kViewer));
  CHECK_OK(f.registry.AddUser(std::string(64, 'x'), Role::kViewer));
  std::string bad;
  SUBCASE("empty") { bad = ""; }
  SUBCASE("a space") { bad = "ann smith"; }
  SUBCASE("a slash") { bad = "ann/smith"; }
  SUBCASE("65 characters") { bad = std::string(65, 'x'); }
  CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument,
                    [&] { return f.registry.AddUser(bad, Role::kViewer); });
}

TEST_CASE("adding a user whose name is taken fails, naming it, and changes nothing") {
  GovernanceFixture f;
  const std::string status = CheckFailsQuietly(f.registry, ErrorCode::kAlreadyExists, [&] {
    return f.registry.AddUser("dev", Role::kAdmin);
  });
  CHECK_MENTIONS(status, "'dev'");
  CheckFailsQuietly(f.registry, ErrorCode::kAlreadyExists,
                    [&] { return f.registry.AddUser("admin", Role::kViewer); });
}

TEST_CASE("only an admin adds users or changes roles") {
  GovernanceFixture f;
  std::string actor;
  Role role = Role::kViewer;
  SUBCASE("viewer") {
    actor = "vic";
    role = Role::kViewer;
  }
  SUBCASE("developer") {
    actor = "dev";
    role = Role::kDeveloper;
  }
  SUBCASE("approver") {
    actor = "ann";
    role = Role::kApprover;
  }
  const std::string add = CheckRefused(f.registry, ErrorCode::kPermissionDenied, actor, [&] {
    return f.registry.AddUser("eve", Role::kViewer, As(actor));
  });
  CheckRoleMessage(add, actor, role, Role::kAdmin);
  CHECK_MENTIONS(add, "add users");
  // Not even to promote themselves.
  const std::string promote = CheckRefused(f.registry, ErrorCode::kPermissionDenied, actor, [&] {
    return f.registry.SetUserRole(actor, Role::kAdmin, As(actor));
  });
  CheckRoleMessage(promote, actor, role, Role::kAdmin);
  CHECK_MENTIONS(promote, "change roles");
}

TEST_CASE("an admin changes a user's role, which changes what they may do at once") {
  ChurnFixture f;
  auto request = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dan");
  CHECK(f.registry.ApproveRequest(request.id, "", As("dev")).status().code() ==
        ErrorCode::kPermissionDenied);

  const std::int64_t head = AuditHead(f.registry);
  REQUIRE_OK(f.registry.SetUserRole("dev", Role::kApprover));
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionSetRole);
  CHECK(events[0].actor == "admin");
  CHECK(events[0].comment == "dev: developer -> approver");
  CHECK(MustApprove(f.registry, request.id, "dev").applied.has_value());

  REQUIRE_OK(f.registry.SetUserRole("dev", Role::kViewer));
  const std::string refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "dev", [&] {
    return f.registry.CreateModel("fraud", "", As("dev"));
  });
  CheckRoleMessage(refused, "dev", Role::kViewer, Role::kDeveloper);
}

TEST_CASE("setting the role a user already has changes nothing and writes no event") {
  GovernanceFixture f;
  const std::string before = Fingerprint(f.registry);
  CHECK_OK(f.registry.SetUserRole("dev", Role::kDeveloper));
  CHECK(Fingerprint(f.registry) == before);
}

TEST_CASE("changing the role of an unknown user is not found and changes nothing") {
  GovernanceFixture f;
  const std::string status = CheckFailsQuietly(f.registry, ErrorCode::kNotFound, [&] {
    return f.registry.SetUserRole("zed", Role::kAdmin);
  });
  CHECK_MENTIONS(status, "'zed'");
}

TEST_CASE("the last admin cannot be demoted") {
  GovernanceFixture f;
  Role lower = Role::kViewer;
  SUBCASE("to viewer") { lower = Role::kViewer; }
  SUBCASE("to developer") { lower = Role::kDeveloper; }
  SUBCASE("to approver") { lower = Role::kApprover; }
  const std::string status = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition, [&] {
    return f.registry.SetUserRole("admin", lower);
  });
  CHECK_MENTIONS(status, "'admin'");
  CHECK_MENTIONS(status, "last admin");
  // The admin still manages users.
  CHECK_OK(f.registry.AddUser("eve", Role::kViewer));
}

TEST_CASE("with a second admin the first may be demoted, and the second becomes the last") {
  GovernanceFixture f;
  MustAddUser(f.registry, "root", Role::kAdmin);
  REQUIRE_OK(f.registry.SetUserRole("admin", Role::kDeveloper, As("admin")));  // itself
  const std::string refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "admin", [&] {
    return f.registry.AddUser("eve", Role::kViewer);  // the default actor is admin
  });
  CheckRoleMessage(refused, "admin", Role::kDeveloper, Role::kAdmin);
  CHECK_OK(f.registry.AddUser("eve", Role::kViewer, As("root")));
  const std::string last = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition, [&] {
    return f.registry.SetUserRole("root", Role::kApprover, As("root"));
  });
  CHECK_MENTIONS(last, "'root'");
  CHECK_MENTIONS(last, "last admin");
  // The demoted admin can be made admin again.
  CHECK_OK(f.registry.SetUserRole("admin", Role::kAdmin, As("root")));
  CHECK_OK(f.registry.SetUserRole("root", Role::kViewer, As("admin")));
}

TEST_CASE("only an admin manages stages, gates and environments, deletes versions, or forces") {
  ChurnFixture f;
  MustTransition(f.registry, "churn", 1, kStageProduction);
  const Actor ann = As("ann");  // an approver: the role just below admin
  std::string refused;
  SUBCASE("add a stage") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "ann",
                           [&] { return f.registry.AddStage("Shadow", "", false, ann); });
  }
  SUBCASE("make a stage exclusive") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "ann", [&] {
      return f.registry.SetStageExclusive(kStageProduction, true, ann);
    });
  }
  SUBCASE("set a gate") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "ann", [&] {
      return f.registry.SetStageGate(kStageProduction, RequireApprovals(2), ann);
    });
  }
  SUBCASE("add an environment") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "ann",
                           [&] { return f.registry.AddEnvironment("qa", "", ann); });
  }
  SUBCASE("delete a version") {
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "ann",
                           [&] { return f.registry.DeleteModelVersion("churn", 1, ann); });
  }
  SUBCASE("force a transition") {
    StageTransition t = Move("churn", 1, kStageArchived);
    t.force = true;
    refused = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "ann",
                           [&] { return f.registry.TransitionStage(t, ann); });
  }
  CheckRoleMessage(refused, "ann", Role::kApprover, Role::kAdmin);
}

TEST_CASE("listeners hear of a refusal after it is recorded, as one refused event") {
  ChurnFixture f;
  std::vector<std::vector<AuditEvent>> heard;
  f.registry.Subscribe([&](const std::vector<AuditEvent>& events) { heard.push_back(events); });
  auto refused = f.registry.CreateModelVersion(NewModelVersion{"churn", "s3://b/m", "", {}, {}, ""},
                                               As("vic"));
  REQUIRE(refused.status().code() == ErrorCode::kPermissionDenied);
  REQUIRE(heard.size() == 1);
  REQUIRE(heard[0].size() == 1);
  CHECK(heard[0][0].action == kActionRefused);
  CHECK(heard[0][0].actor == "vic");
  CHECK(heard[0][0].comment == refused.status().message());
  CHECK(heard[0][0].seq == AuditHead(f.registry));
  // A plain error is not a refusal: nobody hears anything.
  CHECK(f.registry.CreateModelVersion(NewModelVersion{"nope", "s3://b/m", "", {}, {}, ""})
            .status()
            .code() == ErrorCode::kNotFound);
  CHECK(heard.size() == 1);
}

TEST_CASE("users and roles survive reopening the registry file") {
  TempDir dir;
  const std::string path = dir.File("registry.db");
  TestClock clock;
  {
    Registry registry = OpenRegistry(clock, path);
    MustAddUser(registry, "dev", Role::kDeveloper);
    MustAddUser(registry, "root", Role::kAdmin);
    REQUIRE_OK(registry.SetUserRole("dev", Role::kApprover));
  }
  Registry reopened = OpenRegistry(clock, path);
  CHECK(UserLines(reopened) ==
        std::vector<std::string>{"admin:admin", "dev:approver", "root:admin"});
  CHECK(reopened.CreateModel("churn", "", As("dev")).ok());
}
