#pragma once
// Status and Result<T>: how every engine operation reports failure.
//
// The engine never throws across its API. An operation returns a Status (or a Result<T> holding a
// value or a Status); the message is one line fit to show a person as it is, and names the model,
// version and stage involved.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace stagecraft::engine {

// What kind of failure a Status carries. Callers branch on the code, people read the message.
enum class ErrorCode {
  kOk,
  kNotFound,            // a model, version, alias, stage or event that does not exist
  kAlreadyExists,       // a name that is taken
  kInvalidArgument,     // malformed input: empty name, bad URI, bad filter, bad number
  kUnknownStage,        // a stage name the registry does not know (the message lists the known)
  kConflict,            // the change would break a rule about other versions (exclusive stage)
  kFailedPrecondition,  // the change is not possible in the current state (already in stage)
  kPermissionDenied,    // the actor's role does not allow the operation
  kStorage,             // SQLite failed, or the database file is unusable
};

// Short lower-case name of a code, e.g. "not found"; used in JSON output and tests.
const char* ErrorCodeName(ErrorCode code);

// The outcome of an operation: ok, or a code with a one-line message.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
  static Status InvalidArgument(std::string m) {
    return {ErrorCode::kInvalidArgument, std::move(m)};
  }
  static Status UnknownStage(std::string m) { return {ErrorCode::kUnknownStage, std::move(m)}; }
  static Status Conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {ErrorCode::kFailedPrecondition, std::move(m)};
  }
  static Status PermissionDenied(std::string m) {
    return {ErrorCode::kPermissionDenied, std::move(m)};
  }
  static Status Storage(std::string m) { return {ErrorCode::kStorage, std::move(m)}; }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// A value of type T, or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : state_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(state_).ok() && "a Result built from a Status must carry an error");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  // The error; Status::Ok() when the result holds a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  // The value. Calling these on an error is a programming mistake (asserted).
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace stagecraft::engine

// Returns the Status of `expr` from the enclosing function when it is an error.
#define SC_RETURN_IF_ERROR(expr)                  \
  do {                                            \
    ::stagecraft::engine::Status sc_status_ = (expr); \
    if (!sc_status_.ok()) return sc_status_;      \
  } while (0)
