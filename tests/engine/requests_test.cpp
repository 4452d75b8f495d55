// Transition requests: request, list, approve, reject, cancel; separation of duties (never your
// own, once per approver); the transition applied in the same transaction as the last approval
// with gates re-checked; stale requests; ids never reused.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "test_registry.h"

using namespace stagecraft::engine;
using namespace stagecraft::engine::testing;

namespace {

std::vector<std::int64_t> Ids(const std::vector<TransitionRequest>& requests) {
  std::vector<std::int64_t> ids;
  for (const auto& r : requests) ids.push_back(r.id);
  return ids;
}

std::vector<TransitionRequest> MustList(const Registry& registry, const RequestQuery& query = {}) {
  auto list = registry.ListRequests(query);
  REQUIRE_OK(list);
  return list.value();
}

}  // namespace

TEST_CASE("a developer requests a transition, which is pending with its comment and audited") {
  ChurnFixture f;
  f.clock.Set(kStartTime + 60'000);
  const std::int64_t head = AuditHead(f.registry);
  auto request =
      f.registry.RequestTransition(Move("churn", 1, "staging", false, "ready for QA"), As("dev"));
  REQUIRE_OK(request);
  CHECK(request->id > 0);
  CHECK(request->model_name == "churn");
  CHECK(request->version == 1);
  CHECK(request->from_stage == kStageNone);
  CHECK(request->to_stage == kStageStaging);  // canonical spelling
  CHECK(request->requester == "dev");
  CHECK(request->comment == "ready for QA");
  CHECK(request->status == RequestStatus::kPending);
  CHECK_FALSE(request->stale);
  CHECK(request->required_approvals == 1);  // an ungated stage still needs one approver
  CHECK(request->approvals.empty());
  CHECK(request->created_at == kStartTime + 60'000);
  CHECK(request->resolved_at == 0);
  CHECK(request->resolved_by.empty());
  // The version has not moved.
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);
  // One event naming the request.
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionRequestTransition);
  CHECK(events[0].actor == "dev");
  CHECK(events[0].version == 1);
  CHECK(events[0].from_stage == kStageNone);
  CHECK(events[0].to_stage == kStageStaging);
  CHECK(events[0].comment == "request " + std::to_string(request->id) + ": ready for QA");
  // Listed, and found by id.
  CHECK(Describe(MustGetRequest(f.registry, request->id)) == Describe(*request));
  CHECK(Ids(MustList(f.registry)) == std::vector<std::int64_t>{request->id});
  auto snapshot = f.registry.TakeSnapshot();
  REQUIRE_OK(snapshot);
  REQUIRE((*snapshot)->pending_requests.size() == 1);
  CHECK((*snapshot)->pending_requests[0].id == request->id);
}

TEST_CASE("a request carries the approvals its target stage requires") {
  ChurnFixture f;
  MustSetGate(f.registry, kStageProduction, RequireApprovals(3));
  auto request = MustRequest(f.registry, Move("churn", 1, kStageProduction), "dev");
  CHECK(request.required_approvals == 3);
}

TEST_CASE("requesting a move fails quietly when it cannot be made or is already pending") {
  ChurnFixture f;
  MustTransition(f.registry, "churn", 1, kStageStaging);
  std::string message;
  SUBCASE("the same move is already pending") {
    auto first = MustRequest(f.registry, Move("churn", 1, kStageProduction), "dev");
    message = CheckFailsQuietly(f.registry, ErrorCode::kAlreadyExists, [&] {
      return f.registry.RequestTransition(Move("churn", 1, kStageProduction), As("dan"));
    });
    CHECK_MENTIONS(message, "request " + std::to_string(first.id));
    CHECK_MENTIONS(message, "'Production'");
  }
  SUBCASE("the version is already in the stage") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition, [&] {
      return f.registry.RequestTransition(Move("churn", 1, kStageStaging), As("dev"));
    });
    CHECK_MENTIONS(message, "already in stage 'Staging'");
  }
  SUBCASE("an unknown stage") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kUnknownStage, [&] {
      return f.registry.RequestTransition(Move("churn", 1, "Canary"), As("dev"));
    });
    CHECK_MENTIONS(message, "'Canary'");
  }
  SUBCASE("an unknown version") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kNotFound, [&] {
      return f.registry.RequestTransition(Move("churn", 9, kStageProduction), As("dev"));
    });
    CHECK_MENTIONS(message, "no version 9");
    CHECK_MENTIONS(message, "'churn'");
  }
  SUBCASE("archive-existing into Archived") {
    message = CheckFailsQuietly(f.registry, ErrorCode::kInvalidArgument, [&] {
      return f.registry.RequestTransition(Move("churn", 1, kStageArchived, true), As("dev"));
    });
    CHECK_MENTIONS(message, "'Archived'");
    // Like the same refusal of TransitionStage, the message names the version.
    CHECK_MENTIONS(message, "version 1 of model 'churn'");
  }
  CHECK_FALSE(message.empty());
}

TEST_CASE("a viewer cannot request a transition") {
  ChurnFixture f;
  const std::string message = CheckRefused(f.registry, ErrorCode::kPermissionDenied, "vic", [&] {
    return f.registry.RequestTransition(Move("churn", 1, kStageStaging), As("vic"));
  });
  CHECK_MENTIONS(message, "'vic' is a viewer");
  CHECK_MENTIONS(message, "developer role");
}

TEST_CASE("the approval that reaches the required count applies the move in the same commit") {
  ChurnFixture f;
  auto request = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  std::vector<std::vector<AuditEvent>> commits;
  f.registry.Subscribe([&](const std::vector<AuditEvent>& events) { commits.push_back(events); });
  f.clock.Advance(60'000);
  auto outcome = f.registry.ApproveRequest(request.id, "looks good", As("ann"));
  REQUIRE_OK(outcome);
  REQUIRE(outcome->applied.has_value());
  CHECK(outcome->applied->version == 1);
  CHECK(outcome->applied->from_stage == kStageNone);
  CHECK(outcome->applied->to_stage == kStageStaging);
  CHECK(outcome->request.status == RequestStatus::kApproved);
  CHECK(outcome->request.resolved_by == "ann");
  CHECK(outcome->request.resolved_at == f.clock.Now());
  CHECK(outcome->request.resolution_comment == "looks good");
  REQUIRE(outcome->request.approvals.size() == 1);
  CHECK(outcome->request.approvals[0].approver == "ann");
  CHECK(outcome->request.approvals[0].comment == "looks good");
  CHECK(outcome->request.approvals[0].time == f.clock.Now());
  CHECK(StageOf(f.registry, "churn", 1) == kStageStaging);
  // One commit: the approval and the move it caused.
  REQUIRE(commits.size() == 1);
  REQUIRE(commits[0].size() == 2);
  CHECK(commits[0][0].action == kActionApproveRequest);
  CHECK(commits[0][0].actor == "ann");
  CHECK_MENTIONS(commits[0][0].comment, "(1 of 1)");
  CHECK(commits[0][1].action == kActionTransitionStage);
  CHECK(commits[0][1].actor == "ann");
  CHECK(commits[0][1].from_stage == kStageNone);
  CHECK(commits[0][1].to_stage == kStageStaging);
  CHECK_MENTIONS(commits[0][1].comment, "request " + std::to_string(request.id));
  // No longer pending.
  RequestQuery pending;
  pending.pending_only = true;
  CHECK(MustList(f.registry, pending).empty());
  CHECK(MustList(f.registry).size() == 1);
}

TEST_CASE("a stage requiring two approvals moves the version on the second, by another approver") {
  ChurnFixture f;
  MustSetGate(f.registry, kStageProduction, RequireApprovals(2));
  auto request = MustRequest(f.registry, Move("churn", 1, kStageProduction), "dev");
  auto first = MustApprove(f.registry, request.id, "ann");
  CHECK_FALSE(first.applied.has_value());
  CHECK(first.request.status == RequestStatus::kPending);
  CHECK(first.request.approvals.size() == 1);
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);
  CHECK(MustHistory(f.registry).back().comment ==
        "request " + std::to_string(request.id) + " (1 of 2)");

  auto second = MustApprove(f.registry, request.id, "bob");
  REQUIRE(second.applied.has_value());
  CHECK(second.request.status == RequestStatus::kApproved);
  CHECK(second.request.approvals.size() == 2);
  CHECK(StageOf(f.registry, "churn", 1) == kStageProduction);
}

TEST_CASE("the requester never approves their own request, whatever their role") {
  ChurnFixture f;
  std::string requester;
  SUBCASE("an approver") { requester = "ann"; }
  SUBCASE("an admin") { requester = "admin"; }
  auto request = MustRequest(f.registry, Move("churn", 1, kStageStaging), requester);
  const std::string message =
      CheckRefused(f.registry, ErrorCode::kPermissionDenied, requester,
                   [&] { return f.registry.ApproveRequest(request.id, "", As(requester)); });
  CHECK_MENTIONS(message, "'" + requester + "'");
  CHECK_MENTIONS(message, "request " + std::to_string(request.id));
  CHECK_MENTIONS(message, "separation of duties");
  CHECK(MustGetRequest(f.registry, request.id).approvals.empty());
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);
  // Someone else may.
  CHECK(MustApprove(f.registry, request.id, "bob").applied.has_value());
}

TEST_CASE("an approver approves a request only once") {
  ChurnFixture f;
  MustSetGate(f.registry, kStageProduction, RequireApprovals(2));
  auto request = MustRequest(f.registry, Move("churn", 1, kStageProduction), "dev");
  MustApprove(f.registry, request.id, "ann");
  const std::string message = CheckFailsQuietly(f.registry, ErrorCode::kAlreadyExists, [&] {
    return f.registry.ApproveRequest(request.id, "again", As("ann"));
  });
  CHECK_MENTIONS(message, "'ann' has already approved request " + std::to_string(request.id));
  CHECK(MustGetRequest(f.registry, request.id).approvals.size() == 1);
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);
}

TEST_CASE("a developer or viewer cannot approve or reject") {
  ChurnFixture f;
  auto request = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  std::string actor;
  SUBCASE("developer") { actor = "dan"; }
  SUBCASE("viewer") { actor = "vic"; }
  const std::string approve = CheckRefused(f.registry, ErrorCode::kPermissionDenied, actor, [&] {
    return f.registry.ApproveRequest(request.id, "", As(actor));
  });
  CHECK_MENTIONS(approve, "'" + actor + "'");
  CHECK_MENTIONS(approve, "approve transition requests");
  CHECK_MENTIONS(approve, "approver role");
  const std::string reject = CheckRefused(f.registry, ErrorCode::kPermissionDenied, actor, [&] {
    return f.registry.RejectRequest(request.id, "", As(actor));
  });
  CHECK_MENTIONS(reject, "reject transition requests");
}

TEST_CASE("gates are re-checked at the last approval; a failing gate records nothing") {
  ChurnFixture f;
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "accuracy", 0.95));
  GateChange gate = RequireMetric("accuracy", FilterOp::kGe, 0.9);
  gate.required_approvals = 2;
  MustSetGate(f.registry, kStageProduction, gate);
  auto request = MustRequest(f.registry, Move("churn", 1, kStageProduction), "dev");
  MustApprove(f.registry, request.id, "ann");
  // The metric drops before the last approval.
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "accuracy", 0.85));

  const std::int64_t head = AuditHead(f.registry);
  const std::string message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "bob", [&] {
    return f.registry.ApproveRequest(request.id, "ok", As("bob"));
  });
  CHECK_MENTIONS(message, "gate of stage 'Production'");
  CHECK_MENTIONS(message, "accuracy is 0.85 (needs accuracy >= 0.9)");
  CHECK(message.find("approvals") == std::string::npos);  // the approvals were enough
  // Not even the approval was recorded: only the refusal.
  const auto request_now = MustGetRequest(f.registry, request.id);
  CHECK(request_now.status == RequestStatus::kPending);
  REQUIRE(request_now.approvals.size() == 1);
  CHECK(request_now.approvals[0].approver == "ann");
  CHECK(EventsOf(AuditSince(f.registry, head), kActionApproveRequest).empty());
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);

  // Once the metric is fixed, the same approval goes through.
  REQUIRE_OK(f.registry.SetVersionMetric("churn", 1, "accuracy", 0.92));
  CHECK(MustApprove(f.registry, request.id, "bob").applied.has_value());
  CHECK(StageOf(f.registry, "churn", 1) == kStageProduction);
}

TEST_CASE("a gate added after a request is checked when its only approval comes") {
  ChurnFixture f;
  auto request = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  MustSetGate(f.registry, kStageStaging, RequireTag("validation", "passed"));
  const std::string message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "ann", [&] {
    return f.registry.ApproveRequest(request.id, "", As("ann"));
  });
  CHECK_MENTIONS(message, "tag validation is missing");
  CHECK(MustGetRequest(f.registry, request.id).approvals.empty());
}

TEST_CASE("an exclusive-stage conflict at the last approval records nothing") {
  ChurnFixture f(2);
  REQUIRE_OK(f.registry.SetStageExclusive(kStageProduction, true));
  MustTransition(f.registry, "churn", 1, kStageProduction);
  auto request = MustRequest(f.registry, Move("churn", 2, kStageProduction), "dev");
  const std::string message = CheckFailsQuietly(f.registry, ErrorCode::kConflict, [&] {
    return f.registry.ApproveRequest(request.id, "", As("ann"));
  });
  CHECK_MENTIONS(message, "exclusive");
  CHECK_MENTIONS(message, "version 1 of model 'churn'");
}

TEST_CASE("a request with archive-existing archives the other versions when applied") {
  ChurnFixture f(2);
  MustTransition(f.registry, "churn", 1, kStageProduction);
  auto request = MustRequest(f.registry, Move("churn", 2, kStageProduction, true), "dev");
  CHECK(request.archive_existing);
  auto outcome = MustApprove(f.registry, request.id, "ann");
  REQUIRE(outcome.applied.has_value());
  CHECK(outcome.applied->archived_versions == std::vector<std::int64_t>{1});
  CHECK(StageOf(f.registry, "churn", 1) == kStageArchived);
  CHECK(StageOf(f.registry, "churn", 2) == kStageProduction);
}

TEST_CASE("a request goes stale when its version changes stage, and cannot then be approved") {
  ChurnFixture f;
  auto request = MustRequest(f.registry, Move("churn", 1, kStageProduction), "dev");
  MustTransition(f.registry, "churn", 1, kStageStaging);  // moved by someone else meanwhile
  const auto listed = MustGetRequest(f.registry, request.id);
  CHECK(listed.stale);
  CHECK(listed.status == RequestStatus::kPending);

  const std::string message = CheckRefused(f.registry, ErrorCode::kFailedPrecondition, "ann", [&] {
    return f.registry.ApproveRequest(request.id, "", As("ann"));
  });
  CHECK_MENTIONS(message, "request " + std::to_string(request.id) + " is stale");
  CHECK_MENTIONS(message, "version 1 of model 'churn'");
  CHECK_MENTIONS(message, "'None'");
  CHECK_MENTIONS(message, "'Staging'");
  CHECK(StageOf(f.registry, "churn", 1) == kStageStaging);

  // It can still be rejected or cancelled, and a new request made from the new stage.
  CHECK_OK(f.registry.CancelRequest(request.id, As("dev")));
  auto fresh = MustRequest(f.registry, Move("churn", 1, kStageProduction), "dev");
  CHECK_FALSE(fresh.stale);
  CHECK(fresh.from_stage == kStageStaging);
  CHECK(MustApprove(f.registry, fresh.id, "ann").applied.has_value());
}

TEST_CASE("applying one request makes the other pending requests for that version stale") {
  ChurnFixture f;
  auto to_staging = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  auto to_production = MustRequest(f.registry, Move("churn", 1, kStageProduction), "dan");
  MustApprove(f.registry, to_staging.id, "ann");
  CHECK(MustGetRequest(f.registry, to_production.id).stale);
  CHECK(f.registry.ApproveRequest(to_production.id, "", As("bob")).status().code() ==
        ErrorCode::kFailedPrecondition);
  CHECK(StageOf(f.registry, "churn", 1) == kStageStaging);
}

TEST_CASE("rejecting a request closes it without moving the version") {
  ChurnFixture f;
  auto request = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  f.clock.Advance(5000);
  const std::int64_t head = AuditHead(f.registry);
  auto rejected = f.registry.RejectRequest(request.id, "metrics too low", As("ann"));
  REQUIRE_OK(rejected);
  CHECK(rejected->status == RequestStatus::kRejected);
  CHECK(rejected->resolved_by == "ann");
  CHECK(rejected->resolved_at == f.clock.Now());
  CHECK(rejected->resolution_comment == "metrics too low");
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionRejectRequest);
  CHECK(events[0].actor == "ann");
  CHECK(events[0].version == 1);
  CHECK_MENTIONS(events[0].comment, "metrics too low");
}

TEST_CASE("only the requester may cancel a request") {
  ChurnFixture f;
  auto request = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  std::string other;
  SUBCASE("another developer") { other = "dan"; }
  SUBCASE("an approver") { other = "ann"; }
  SUBCASE("an admin") { other = "admin"; }
  const std::string message = CheckRefused(f.registry, ErrorCode::kPermissionDenied, other, [&] {
    return f.registry.CancelRequest(request.id, As(other));
  });
  CHECK_MENTIONS(message, "only 'dev'");
  CHECK_MENTIONS(message, "request " + std::to_string(request.id));

  const std::int64_t head = AuditHead(f.registry);
  auto cancelled = f.registry.CancelRequest(request.id, As("dev"));
  REQUIRE_OK(cancelled);
  CHECK(cancelled->status == RequestStatus::kCancelled);
  CHECK(cancelled->resolved_by == "dev");
  const auto events = AuditSince(f.registry, head);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == kActionCancelRequest);
  CHECK(events[0].actor == "dev");
  CHECK(StageOf(f.registry, "churn", 1) == kStageNone);
}

TEST_CASE("a resolved request cannot be approved, rejected or cancelled again") {
  ChurnFixture f;
  auto request = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  std::string resolved_as;
  SUBCASE("approved") {
    MustApprove(f.registry, request.id, "ann");
    resolved_as = "approved";
  }
  SUBCASE("rejected") {
    REQUIRE_OK(f.registry.RejectRequest(request.id, "", As("ann")));
    resolved_as = "rejected";
  }
  SUBCASE("cancelled") {
    REQUIRE_OK(f.registry.CancelRequest(request.id, As("dev")));
    resolved_as = "cancelled";
  }
  const std::string approve = CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition, [&] {
    return f.registry.ApproveRequest(request.id, "", As("bob"));
  });
  CHECK_MENTIONS(approve, "already " + resolved_as);
  CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition,
                    [&] { return f.registry.RejectRequest(request.id, "", As("bob")); });
  CheckFailsQuietly(f.registry, ErrorCode::kFailedPrecondition,
                    [&] { return f.registry.CancelRequest(request.id, As("dev")); });
}

TEST_CASE("an unknown request id is not found, and not audited as a refusal") {
  ChurnFixture f;
  const std::string message = CheckFailsQuietly(f.registry, ErrorCode::kNotFound, [&] {
    return f.registry.ApproveRequest(42, "", As("ann"));
  });
  CHECK_MENTIONS(message, "42");
  CheckFailsQuietly(f.registry, ErrorCode::kNotFound,
                    [&] { return f.registry.RejectRequest(42, "", As("ann")); });
  CheckFailsQuietly(f.registry, ErrorCode::kNotFound,
                    [&] { return f.registry.CancelRequest(42, As("dev")); });
  CHECK(f.registry.GetRequest(42).status().code() == ErrorCode::kNotFound);
}

TEST_CASE("request ids are never reused, even after their version or model is deleted") {
  ChurnFixture f(2);
  auto first = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  auto second = MustRequest(f.registry, Move("churn", 2, kStageStaging), "dev");
  CHECK(second.id > first.id);
  REQUIRE_OK(f.registry.DeleteModelVersion("churn", 2));  // takes its request with it
  CHECK(f.registry.GetRequest(second.id).status().code() == ErrorCode::kNotFound);
  auto third = MustRequest(f.registry, Move("churn", 1, kStageProduction), "dev");
  CHECK(third.id > second.id);
  REQUIRE_OK(f.registry.DeleteModel("churn"));
  MustCreateModel(f.registry, "churn");
  MustCreateVersion(f.registry, "churn");
  auto fourth = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  CHECK(fourth.id > third.id);
}

TEST_CASE("ListRequests lists by id, filtered by model and by pending") {
  ChurnFixture f(2);
  MustCreateModel(f.registry, "fraud");
  MustCreateVersion(f.registry, "fraud");
  auto a = MustRequest(f.registry, Move("churn", 1, kStageStaging), "dev");
  auto b = MustRequest(f.registry, Move("fraud", 1, kStageStaging), "dev");
  auto c = MustRequest(f.registry, Move("churn", 2, kStageStaging), "dan");
  REQUIRE_OK(f.registry.CancelRequest(c.id, As("dan")));

  CHECK(Ids(MustList(f.registry)) == std::vector<std::int64_t>{a.id, b.id, c.id});
  RequestQuery churn;
  churn.model_name = "churn";
  CHECK(Ids(MustList(f.registry, churn)) == std::vector<std::int64_t>{a.id, c.id});
  churn.pending_only = true;
  CHECK(Ids(MustList(f.registry, churn)) == std::vector<std::int64_t>{a.id});
  RequestQuery pending;
  pending.pending_only = true;
  CHECK(Ids(MustList(f.registry, pending)) == std::vector<std::int64_t>{a.id, b.id});

  RequestQuery unknown;
  unknown.model_name = "nope";
  CHECK(f.registry.ListRequests(unknown).status().code() == ErrorCode::kNotFound);
}

TEST_CASE("removing a stage that transition requests name is not a storage error") {
  ChurnFixture f;
  REQUIRE_OK(f.registry.AddStage("Shadow"));
  auto request = MustRequest(f.registry, Move("churn", 1, "Shadow"), "dev");
  SUBCASE("a pending request") {}
  SUBCASE("a cancelled request") { REQUIRE_OK(f.registry.CancelRequest(request.id, As("dev"))); }
  const std::string before = GovernedState(f.registry);
  const Status removed = f.registry.RemoveStage("Shadow");
  // Either the stage goes (and the request with it, or keeps its name), or a clear refusal
  // naming the stage; never SQLite's "FOREIGN KEY constraint failed".
  CHECK_MESSAGE(removed.code() != ErrorCode::kStorage, removed.message());
  if (!removed.ok()) {
    CHECK_MENTIONS(removed.message(), "'Shadow'");
    CHECK(GovernedState(f.registry) == before);
  }
}
