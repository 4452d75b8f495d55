#pragma once
// Shared helpers for the engine tests: a registry on ":memory:" with a clock the test controls,
// a temporary directory that removes itself, byte-level file helpers, and readable one-line
// renderings of engine values so that a failing CHECK shows what differed.
//
// Conventions: REQUIRE_OK / CHECK_OK take a Status or a Result and print its message on failure;
// CHECK_MENTIONS(text, needle) checks that an error message names a model, version or stage.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iterator>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stagecraft/engine/registry.h"
#include "stagecraft/engine/status.h"
#include "stagecraft/engine/types.h"

namespace stagecraft::engine {

// So that doctest prints `kNotFound` rather than `{?}` when a code comparison fails.
inline std::ostream& operator<<(std::ostream& out, ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return out << "kOk";
    case ErrorCode::kNotFound: return out << "kNotFound";
    case ErrorCode::kAlreadyExists: return out << "kAlreadyExists";
    case ErrorCode::kInvalidArgument: return out << "kInvalidArgument";
    case ErrorCode::kUnknownStage: return out << "kUnknownStage";
    case ErrorCode::kConflict: return out << "kConflict";
    case ErrorCode::kFailedPrecondition: return out << "kFailedPrecondition";
    case ErrorCode::kPermissionDenied: return out << "kPermissionDenied";
    case ErrorCode::kStorage: return out << "kStorage";
  }
  return out << "ErrorCode(" << static_cast<int>(code) << ")";
}

namespace testing {

// The time the test clock starts at: 2023-11-14T22:13:20Z, in milliseconds.
inline constexpr Timestamp kStartTime = 1'700'000'000'000;

// A clock the test moves by hand. Copies share the same time, so the copy handed to the registry
// (through RegistryOptions::clock) sees every Set/Advance the test makes. The registry may read it
// any number of times per operation; the time only changes when the test says so.
class TestClock {
 public:
  explicit TestClock(Timestamp start = kStartTime) : now_(std::make_shared<Timestamp>(start)) {}
  Timestamp Now() const { return *now_; }
  void Set(Timestamp t) { *now_ = t; }
  // Moves the clock forward and returns the new time.
  Timestamp Advance(Timestamp ms = 1000) { return *now_ += ms; }
  std::function<Timestamp()> AsFunction() const {
    auto now = now_;
    return [now] { return *now; };
  }

 private:
  std::shared_ptr<Timestamp> now_;
};

inline RegistryOptions OptionsWith(const TestClock& clock) {
  RegistryOptions options;
  options.clock = clock.AsFunction();
  return options;
}

// Opens `path` (":memory:" by default) with the test clock; the test stops if that fails.
inline Registry OpenRegistry(const TestClock& clock, const std::string& path = ":memory:") {
  auto opened = Registry::Open(path, OptionsWith(clock));
  REQUIRE_MESSAGE(opened.ok(), "Open(" << path << "): " << opened.status().message());
  return std::move(opened).value();
}

// A fresh in-memory registry and the clock that drives it.
struct Fixture {
  TestClock clock;
  Registry registry = OpenRegistry(clock);
};

inline Status StatusOf(const Status& status) { return status; }
template <typename T>
Status StatusOf(const Result<T>& result) {
  return result.status();
}

inline bool Contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

// A directory under the system temp directory made with mkdtemp; removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "stagecraft-test-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    const char* made = mkdtemp(buffer.data());
    REQUIRE_MESSAGE(made != nullptr, "mkdtemp failed for " << pattern);
    path_ = made;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string File(std::string_view name) const { return (path_ / name).string(); }
  // Names of the entries in the directory, sorted.
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::filesystem::path path_;
};

inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  REQUIRE_MESSAGE(out.good(), "cannot write " << path);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  REQUIRE_MESSAGE(out.good(), "cannot write " << path);
}

// SQLite's header stores PRAGMA user_version as a 4-byte big-endian integer at offset 60.
inline constexpr std::size_t kUserVersionOffset = 60;

inline std::uint32_t ReadUserVersion(const std::string& path) {
  const std::string bytes = ReadBytes(path);
  REQUIRE(bytes.size() >= 100);
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[kUserVersionOffset + i]);
  }
  return value;
}

inline void PatchUserVersion(const std::string& path, std::uint32_t value) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  REQUIRE_MESSAGE(file.good(), "cannot open " << path);
  file.seekp(static_cast<std::streamoff>(kUserVersionOffset));
  const char bytes[4] = {static_cast<char>((value >> 24) & 0xff),
                         static_cast<char>((value >> 16) & 0xff),
                         static_cast<char>((value >> 8) & 0xff), static_cast<char>(value & 0xff)};
  file.write(bytes, 4);
  file.close();
  REQUIRE_MESSAGE(file.good(), "cannot patch " << path);
}

// --- Short-hands that stop the test when the engine refuses a set-up step ---

inline RegisteredModel MustCreateModel(Registry& registry, std::string_view name,
                                       std::string_view description = {}) {
  auto created = registry.CreateModel(name, description);
  REQUIRE_MESSAGE(created.ok(), "CreateModel(" << name << "): " << created.status().message());
  return created.value();
}

// Named actors must be registered users (governance); tests about issue-3 behaviour make them
// admins so that no role rule gets in the way. Writes one add_user audit event.
inline void MustAddUser(Registry& registry, const std::string& name, Role role = Role::kAdmin) {
  auto added = registry.AddUser(name, role);
  REQUIRE_MESSAGE(added.ok(), "AddUser(" << name << "): " << added.status().message());
}

inline ModelVersion MustCreateVersion(Registry& registry, const NewModelVersion& spec,
                                      const Actor& actor = {}) {
  auto created = registry.CreateModelVersion(spec, actor);
  REQUIRE_MESSAGE(created.ok(), "CreateModelVersion(" << spec.model_name
                                                     << "): " << created.status().message());
  return created.value();
}

inline ModelVersion MustCreateVersion(Registry& registry, const std::string& model,
                                      const std::string& run_id = "run") {
  NewModelVersion spec;
  spec.model_name = model;
  spec.run_id = run_id;
  spec.source = "runs:/" + run_id + "/model";
  return MustCreateVersion(registry, spec);
}

inline TransitionOutcome MustTransition(Registry& registry, const std::string& model,
                                        std::int64_t version, const std::string& stage,
                                        bool archive_existing = false) {
  StageTransition transition;
  transition.model_name = model;
  transition.version = version;
  transition.stage = stage;
  transition.archive_existing = archive_existing;
  auto moved = registry.TransitionStage(transition);
  REQUIRE_MESSAGE(moved.ok(), "TransitionStage(" << model << " v" << version << " -> " << stage
                                                 << "): " << moved.status().message());
  return moved.value();
}

inline StageTransition Move(const std::string& model, std::int64_t version,
                            const std::string& stage, bool archive_existing = false,
                            const std::string& comment = {}) {
  StageTransition transition;
  transition.model_name = model;
  transition.version = version;
  transition.stage = stage;
  transition.archive_existing = archive_existing;
  transition.comment = comment;
  return transition;
}

inline ModelVersion MustGetVersion(const Registry& registry, std::string_view model,
                                   std::int64_t version) {
  auto got = registry.GetModelVersion(model, version);
  REQUIRE_MESSAGE(got.ok(), "GetModelVersion(" << model << ", " << version
                                               << "): " << got.status().message());
  return got.value();
}

inline std::string StageOf(const Registry& registry, std::string_view model,
                           std::int64_t version) {
  return MustGetVersion(registry, model, version).stage;
}

inline std::vector<AuditEvent> MustHistory(const Registry& registry, const HistoryQuery& query = {}) {
  auto events = registry.History(query);
  REQUIRE_MESSAGE(events.ok(), "History: " << events.status().message());
  return events.value();
}

inline std::vector<AuditEvent> ModelHistory(const Registry& registry, const std::string& model) {
  HistoryQuery query;
  query.model_name = model;
  return MustHistory(registry, query);
}

inline std::vector<AuditEvent> VersionHistory(const Registry& registry, const std::string& model,
                                              std::int64_t version) {
  HistoryQuery query;
  query.model_name = model;
  query.version = version;
  return MustHistory(registry, query);
}

// --- One-line renderings, so that comparisons print what differed ---

// "1,2,3"
inline std::string Join(const std::vector<std::int64_t>& numbers) {
  std::string out;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(numbers[i]);
  }
  return out;
}

inline std::string Join(const std::vector<std::string>& words, std::string_view separator = ",") {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += separator;
    out += words[i];
  }
  return out;
}

// "churn/1 churn/3 fraud/1"
inline std::string VersionList(const std::vector<ModelVersion>& versions) {
  std::string out;
  for (const auto& v : versions) {
    if (!out.empty()) out += " ";
    out += v.model_name + "/" + std::to_string(v.version);
  }
  return out;
}

// "None,Staging,Production,Archived"
inline std::string StageNames(const std::vector<Stage>& stages) {
  std::vector<std::string> names;
  for (const auto& stage : stages) names.push_back(stage.name);
  return Join(names);
}

inline std::string StageNames(const Registry& registry) {
  auto stages = registry.ListStages();
  REQUIRE_MESSAGE(stages.ok(), "ListStages: " << stages.status().message());
  return StageNames(stages.value());
}

// "transition_stage churn v3 Production->Archived"
// Stages are shown for transitions only: whether other events fill from/to (create_version
// with to_stage "None", say) is the engine's choice.
inline std::string Summary(const AuditEvent& e) {
  std::string out = e.action + " " + e.model_name;
  if (e.version) out += " v" + std::to_string(*e.version);
  if (e.action == kActionTransitionStage) out += " " + e.from_stage + "->" + e.to_stage;
  return out;
}

inline std::vector<std::string> Summaries(const std::vector<AuditEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(Summary(e));
  return out;
}

inline std::vector<std::int64_t> Seqs(const std::vector<AuditEvent>& events) {
  std::vector<std::int64_t> out;
  for (const auto& e : events) out.push_back(e.seq);
  return out;
}

inline std::string Describe(const AuditEvent& e) {
  std::ostringstream out;
  out << "#" << e.seq << " t=" << e.time << " actor=" << e.actor << " action=" << e.action
      << " model=" << e.model_name << " version=" << (e.version ? std::to_string(*e.version) : "-")
      << " from=" << e.from_stage << " to=" << e.to_stage << " comment=" << e.comment;
  return out.str();
}

// Everything in a state, one item per line, so two states compare as strings.
inline std::string Describe(const RegistryState& state) {
  std::ostringstream out;
  out << std::setprecision(17);
  out << "last_event_seq=" << state.last_event_seq << "\n";
  for (const auto& s : state.stages) {
    out << "stage " << s.name << " pos=" << s.position << " exclusive=" << s.exclusive
        << " builtin=" << s.builtin << "\n";
  }
  for (const auto& m : state.models) {
    out << "model " << m.name << " desc=" << m.description << " latest=" << m.latest_version
        << " created=" << m.created_at << " updated=" << m.updated_at;
    for (const auto& [k, v] : m.tags) out << " tag:" << k << "=" << v;
    for (const auto& [k, v] : m.aliases) out << " alias:" << k << "=" << v;
    out << "\n";
  }
  for (const auto& v : state.versions) {
    out << "version " << v.model_name << "/" << v.version << " stage=" << v.stage
        << " source=" << v.source << " run=" << v.run_id << " desc=" << v.description
        << " creator=" << v.creator << " created=" << v.created_at << " updated=" << v.updated_at;
    for (const auto& [k, x] : v.metrics) out << " metric:" << k << "=" << x;
    for (const auto& [k, x] : v.tags) out << " tag:" << k << "=" << x;
    for (const auto& a : v.aliases) out << " alias:" << a;
    out << "\n";
  }
  return out.str();
}

// The whole observable state: snapshot plus audit log. A failed operation must leave it equal.
inline std::string Fingerprint(const Registry& registry) {
  auto snapshot = registry.TakeSnapshot();
  REQUIRE_MESSAGE(snapshot.ok(), "TakeSnapshot: " << snapshot.status().message());
  REQUIRE(snapshot.value() != nullptr);
  std::string out = Describe(*snapshot.value());
  for (const auto& e : MustHistory(registry)) out += Describe(e) + "\n";
  return out;
}

// --- Governance: users, gates, requests, deployments (users_test, gates_test, requests_test,
// deployments_test, property_test and the command tests) ---

inline Actor As(const std::string& name) { return Actor{name}; }

// A registry with a user of every role besides the built-in admin: "dev" (developer), "ann" and
// "bob" (approvers), "vic" (viewer), "dan" (a second developer). Five add_user events.
struct GovernanceFixture : Fixture {
  GovernanceFixture() {
    MustAddUser(registry, "dev", Role::kDeveloper);
    MustAddUser(registry, "dan", Role::kDeveloper);
    MustAddUser(registry, "ann", Role::kApprover);
    MustAddUser(registry, "bob", Role::kApprover);
    MustAddUser(registry, "vic", Role::kViewer);
  }
};

// A governance fixture with model churn and `count` versions in None.
struct ChurnFixture : GovernanceFixture {
  explicit ChurnFixture(int count = 1) {
    MustCreateModel(registry, "churn");
    for (int i = 0; i < count; ++i) MustCreateVersion(registry, "churn");
  }
};

// "production: v2 100% prev=1" or "production: v2 90% canary v3 10%"
inline std::string Describe(const Deployment& d) {
  std::string out = d.model_name + "@" + d.environment + ": v" + std::to_string(d.version) + " " +
                    std::to_string(d.traffic) + "%";
  if (d.canary_version) {
    out += " canary v" + std::to_string(*d.canary_version) + " " +
           std::to_string(d.canary_traffic) + "%";
  }
  if (d.previous_version) out += " prev=" + std::to_string(*d.previous_version);
  return out;
}

inline std::string Describe(const TransitionRequest& r) {
  std::string out = "request " + std::to_string(r.id) + " " + r.model_name + " v" +
                    std::to_string(r.version) + " " + r.from_stage + "->" + r.to_stage +
                    " by " + r.requester + " " + RequestStatusName(r.status) +
                    (r.stale ? " stale" : "") + " needs " + std::to_string(r.required_approvals) +
                    " approvals:";
  for (const auto& a : r.approvals) out += " " + a.approver;
  return out;
}

inline std::string Describe(const Stage& s) {
  std::ostringstream out;
  out << std::setprecision(17) << "gate " << s.name << " approvals=" << s.required_approvals;
  for (const auto& m : s.required_metrics) {
    out << " " << m.metric << FilterOpText(m.op) << m.threshold;
  }
  for (const auto& [k, v] : s.required_tags) out << " " << k << "=" << v;
  return out.str();
}

inline std::vector<Deployment> MustDeployments(const Registry& registry, std::string_view model) {
  auto list = registry.ListDeployments(model);
  REQUIRE_MESSAGE(list.ok(), "ListDeployments(" << model << "): " << list.status().message());
  return list.value();
}

// What `environment` serves of `model`, or nothing.
inline std::optional<Deployment> ServedIn(const Registry& registry, std::string_view model,
                                          std::string_view environment) {
  for (const auto& d : MustDeployments(registry, model)) {
    if (d.environment == environment) return d;
  }
  return std::nullopt;
}

// Everything the rules of governance protect, one item per line: Describe(state) without the
// event counter, plus gates, users, environments, deployments and every request with its
// approvals. A refused operation must leave it equal.
inline std::string GovernedState(const Registry& registry) {
  auto snapshot = registry.TakeSnapshot();
  REQUIRE_MESSAGE(snapshot.ok(), "TakeSnapshot: " << snapshot.status().message());
  const RegistryState& state = *snapshot.value();
  std::string out = Describe(state);
  out.erase(0, out.find('\n') + 1);  // last_event_seq moves with every refusal event
  for (const auto& s : state.stages) out += Describe(s) + "\n";
  for (const auto& u : state.users) out += "user " + u.name + " " + RoleName(u.role) + "\n";
  for (const auto& e : state.environments) {
    out += "environment " + e.name + " requires=" + e.required_stage + "\n";
  }
  for (const auto& d : state.deployments) {
    out += Describe(d) + " updated=" + std::to_string(d.updated_at) + "\n";
  }
  auto requests = registry.ListRequests();
  REQUIRE_MESSAGE(requests.ok(), "ListRequests: " << requests.status().message());
  for (const auto& r : requests.value()) {
    out += Describe(r) + " resolved=" + std::to_string(r.resolved_at) + " by=" + r.resolved_by +
           "\n";
  }
  return out;
}

// The seq of the newest audit event, 0 for an empty log.
inline std::int64_t AuditHead(const Registry& registry) {
  auto events = MustHistory(registry);
  return events.empty() ? 0 : events.back().seq;
}

// The audit events after `seq`, oldest first.
inline std::vector<AuditEvent> AuditSince(const Registry& registry, std::int64_t seq) {
  std::vector<AuditEvent> out;
  for (auto& e : MustHistory(registry)) {
    if (e.seq > seq) out.push_back(std::move(e));
  }
  return out;
}

inline std::vector<AuditEvent> EventsOf(const std::vector<AuditEvent>& events,
                                        std::string_view action) {
  std::vector<AuditEvent> out;
  for (const auto& e : events) {
    if (e.action == action) out.push_back(e);
  }
  return out;
}

// Runs `op` (which returns a Status or a Result) and checks that a rule of governance refused it:
// the code is `code`, nothing but the audit log changed, and the log gained exactly one `refused`
// event by `actor` whose comment is the message. Returns the message for further checks.
template <typename Op>
std::string CheckRefused(Registry& registry, ErrorCode code, const std::string& actor, Op&& op) {
  const std::string before = GovernedState(registry);
  const std::int64_t head = AuditHead(registry);
  const Status status = StatusOf(op());
  CHECK_MESSAGE(status.code() == code,
                "expected " << code << ", got " << status.code() << ": " << status.message());
  CHECK_MESSAGE(GovernedState(registry) == before, "a refusal changed the state: "
                                                       << status.message());
  const auto events = AuditSince(registry, head);
  CHECK_MESSAGE(events.size() == 1, "expected one refused event after: " << status.message());
  if (!events.empty()) {
    CHECK(events.front().action == kActionRefused);
    CHECK(events.front().actor == actor);
    CHECK(events.front().comment == status.message());
  }
  return status.message();
}

// Runs `op` and checks that it failed with `code` without changing anything, not even the audit
// log: a plain error (not found, invalid argument, already exists), not a governance refusal.
// Returns the message.
template <typename Op>
std::string CheckFailsQuietly(Registry& registry, ErrorCode code, Op&& op) {
  const std::string before = GovernedState(registry);
  const std::int64_t head = AuditHead(registry);
  const Status status = StatusOf(op());
  CHECK_MESSAGE(status.code() == code,
                "expected " << code << ", got " << status.code() << ": " << status.message());
  CHECK_MESSAGE(GovernedState(registry) == before, "a failed operation changed the state: "
                                                       << status.message());
  CHECK_MESSAGE(AuditSince(registry, head).empty(),
                "a failed operation wrote to the audit log: " << status.message());
  return status.message();
}

inline Stage MustSetGate(Registry& registry, std::string_view stage, const GateChange& change) {
  auto set = registry.SetStageGate(stage, change);
  REQUIRE_MESSAGE(set.ok(), "SetStageGate(" << stage << "): " << set.status().message());
  return set.value();
}

inline GateChange RequireApprovals(int count) {
  GateChange change;
  change.required_approvals = count;
  return change;
}

inline GateChange RequireMetric(const std::string& metric, FilterOp op, double threshold) {
  GateChange change;
  change.metrics.push_back(MetricRequirement{metric, op, threshold});
  return change;
}

inline GateChange RequireTag(const std::string& key, const std::string& value) {
  GateChange change;
  change.tags[key] = value;
  return change;
}

inline TransitionRequest MustRequest(Registry& registry, const StageTransition& transition,
                                     const std::string& requester) {
  auto made = registry.RequestTransition(transition, As(requester));
  REQUIRE_MESSAGE(made.ok(), "RequestTransition by " << requester << ": "
                                                     << made.status().message());
  return made.value();
}

inline ApprovalOutcome MustApprove(Registry& registry, std::int64_t id, const std::string& approver,
                                   std::string_view comment = {}) {
  auto approved = registry.ApproveRequest(id, comment, As(approver));
  REQUIRE_MESSAGE(approved.ok(), "ApproveRequest(" << id << ") by " << approver << ": "
                                                   << approved.status().message());
  return approved.value();
}

inline TransitionRequest MustGetRequest(const Registry& registry, std::int64_t id) {
  auto got = registry.GetRequest(id);
  REQUIRE_MESSAGE(got.ok(), "GetRequest(" << id << "): " << got.status().message());
  return got.value();
}

inline Deployment MustDeploy(Registry& registry, const std::string& model, std::int64_t version,
                             const std::string& environment, int traffic = 100,
                             const Actor& actor = {}) {
  auto deployed = registry.Deploy(DeployRequest{model, version, environment, traffic}, actor);
  REQUIRE_MESSAGE(deployed.ok(), "Deploy(" << model << " v" << version << " -> " << environment
                                           << " " << traffic << "%): "
                                           << deployed.status().message());
  return deployed.value();
}

// Moves a version to Production and serves it in production at 100%.
inline void MustShip(Registry& registry, const std::string& model, std::int64_t version) {
  if (StageOf(registry, model, version) != kStageProduction) {
    MustTransition(registry, model, version, kStageProduction);
  }
  MustDeploy(registry, model, version, "production");
}

}  // namespace testing
}  // namespace stagecraft::engine

// REQUIRE_OK(x) / CHECK_OK(x): x is a Status or a Result; on failure its message is printed.
#define REQUIRE_OK(expr)                                                        \
  do {                                                                          \
    const ::stagecraft::engine::Status sc_test_status_ =                       \
        ::stagecraft::engine::testing::StatusOf(expr);                         \
    REQUIRE_MESSAGE(sc_test_status_.ok(), #expr ": " << sc_test_status_.message()); \
  } while (0)

#define CHECK_OK(expr)                                                          \
  do {                                                                          \
    const ::stagecraft::engine::Status sc_test_status_ =                       \
        ::stagecraft::engine::testing::StatusOf(expr);                         \
    CHECK_MESSAGE(sc_test_status_.ok(), #expr ": " << sc_test_status_.message()); \
  } while (0)

// CHECK_ERROR(x, code): x (a Status or a Result) failed with `code`.
#define CHECK_ERROR(expr, expected_code)                                        \
  do {                                                                          \
    const ::stagecraft::engine::Status sc_test_status_ =                       \
        ::stagecraft::engine::testing::StatusOf(expr);                         \
    CHECK_MESSAGE(sc_test_status_.code() == (expected_code),                   \
                  #expr " gave " << sc_test_status_.code() << ": "             \
                                 << sc_test_status_.message());                \
  } while (0)

// CHECK_MENTIONS(text, needle): an error message names the model, version or stage involved.
#define CHECK_MENTIONS(text, needle)                                             \
  CHECK_MESSAGE(::stagecraft::engine::testing::Contains((text), (needle)),      \
                "expected \"" << std::string(needle) << "\" in: \"" << std::string(text) << "\"")
