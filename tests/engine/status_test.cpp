// Status, Result<T>, ErrorCodeName and SC_RETURN_IF_ERROR.

#include "stagecraft/engine/status.h"

#include <doctest/doctest.h>

#include <cctype>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "test_registry.h"

using namespace stagecraft::engine;

namespace {

const std::vector<ErrorCode> kAllCodes = {
    ErrorCode::kOk,           ErrorCode::kNotFound,           ErrorCode::kAlreadyExists,
    ErrorCode::kInvalidArgument, ErrorCode::kUnknownStage,    ErrorCode::kConflict,
    ErrorCode::kFailedPrecondition, ErrorCode::kPermissionDenied, ErrorCode::kStorage,
};

Status FailsWith(ErrorCode code) { return Status(code, "inner failure"); }

// Uses SC_RETURN_IF_ERROR; records whether it got past the macro.
Status Wrapped(const Status& inner, bool* reached_end) {
  SC_RETURN_IF_ERROR(inner);
  *reached_end = true;
  return Status::Ok();
}

Result<int> ParsePositive(int n) {
  if (n <= 0) return Status::InvalidArgument("not positive: " + std::to_string(n));
  return n;
}

}  // namespace

TEST_CASE("a default Status is ok with code kOk and no message") {
  Status status;
  CHECK(status.ok());
  CHECK(status.code() == ErrorCode::kOk);
  CHECK(status.message().empty());
  CHECK(Status::Ok().ok());
  CHECK(Status::Ok().code() == ErrorCode::kOk);
}

TEST_CASE("each Status factory sets its code and keeps the message verbatim") {
  const std::string message = "model 'churn' version 3 is already in stage 'Production'";
  SUBCASE("NotFound") {
    CHECK(Status::NotFound(message).code() == ErrorCode::kNotFound);
    CHECK(Status::NotFound(message).message() == message);
  }
  SUBCASE("AlreadyExists") {
    CHECK(Status::AlreadyExists(message).code() == ErrorCode::kAlreadyExists);
    CHECK(Status::AlreadyExists(message).message() == message);
  }
  SUBCASE("InvalidArgument") {
    CHECK(Status::InvalidArgument(message).code() == ErrorCode::kInvalidArgument);
    CHECK(Status::InvalidArgument(message).message() == message);
  }
  SUBCASE("UnknownStage") {
    CHECK(Status::UnknownStage(message).code() == ErrorCode::kUnknownStage);
    CHECK(Status::UnknownStage(message).message() == message);
  }
  SUBCASE("Conflict") {
    CHECK(Status::Conflict(message).code() == ErrorCode::kConflict);
    CHECK(Status::Conflict(message).message() == message);
  }
  SUBCASE("FailedPrecondition") {
    CHECK(Status::FailedPrecondition(message).code() == ErrorCode::kFailedPrecondition);
    CHECK(Status::FailedPrecondition(message).message() == message);
  }
  SUBCASE("PermissionDenied") {
    CHECK(Status::PermissionDenied(message).code() == ErrorCode::kPermissionDenied);
    CHECK(Status::PermissionDenied(message).message() == message);
  }
  SUBCASE("Storage") {
    CHECK(Status::Storage(message).code() == ErrorCode::kStorage);
    CHECK(Status::Storage(message).message() == message);
  }
  SUBCASE("the constructor") {
    Status status(ErrorCode::kConflict, message);
    CHECK_FALSE(status.ok());
    CHECK(status.code() == ErrorCode::kConflict);
    CHECK(status.message() == message);
  }
}

TEST_CASE("a Status with an error code is not ok") {
  for (ErrorCode code : kAllCodes) {
    if (code == ErrorCode::kOk) continue;
    CAPTURE(code);
    CHECK_FALSE(Status(code, "x").ok());
  }
}

TEST_CASE("a Result holding a value is ok and gives the value back") {
  Result<std::string> result(std::string("churn"));
  REQUIRE(result.ok());
  CHECK(result.status().ok());
  CHECK(result.status().code() == ErrorCode::kOk);
  CHECK(result.value() == "churn");
  CHECK(*result == "churn");
  CHECK(result->size() == 5);
  result.value() += "-v2";
  CHECK(*result == "churn-v2");
  const Result<std::string>& as_const = result;
  CHECK(as_const.value() == "churn-v2");
  CHECK(as_const->size() == 8);
}

TEST_CASE("a Result holding an error is not ok and carries the code and message") {
  Result<int> result = ParsePositive(-4);
  CHECK_FALSE(result.ok());
  CHECK(result.status().code() == ErrorCode::kInvalidArgument);
  CHECK(result.status().message() == "not positive: -4");
  Result<int> fine = ParsePositive(7);
  REQUIRE(fine.ok());
  CHECK(*fine == 7);
}

TEST_CASE("a Result can hold a move-only value and hand it out by move") {
  Result<std::unique_ptr<int>> result(std::make_unique<int>(42));
  REQUIRE(result.ok());
  std::unique_ptr<int> taken = std::move(result).value();
  REQUIRE(taken != nullptr);
  CHECK(*taken == 42);
}

TEST_CASE("ErrorCodeName gives a distinct short lower-case name for every code") {
  std::set<std::string> seen;
  for (ErrorCode code : kAllCodes) {
    CAPTURE(code);
    const char* name = ErrorCodeName(code);
    REQUIRE(name != nullptr);
    const std::string text(name);
    CHECK_FALSE(text.empty());
    CHECK(text.size() <= 32);
    for (char c : text) {
      CHECK_MESSAGE(!std::isupper(static_cast<unsigned char>(c)), "upper case in " << text);
    }
    CHECK_MESSAGE(seen.insert(text).second, "duplicate name " << text);
  }
  CHECK(std::string(ErrorCodeName(ErrorCode::kNotFound)) == "not found");
}

// The header documents only "not found"; the other spellings are the natural reading of the
// enum (its words in lower case). Adjust here if the engine settles on other words.
TEST_CASE("ErrorCodeName spells each code as its words in lower case") {
  CHECK(std::string(ErrorCodeName(ErrorCode::kOk)) == "ok");
  CHECK(std::string(ErrorCodeName(ErrorCode::kNotFound)) == "not found");
  CHECK(std::string(ErrorCodeName(ErrorCode::kAlreadyExists)) == "already exists");
  CHECK(std::string(ErrorCodeName(ErrorCode::kInvalidArgument)) == "invalid argument");
  CHECK(std::string(ErrorCodeName(ErrorCode::kUnknownStage)) == "unknown stage");
  CHECK(std::string(ErrorCodeName(ErrorCode::kConflict)) == "conflict");
  CHECK(std::string(ErrorCodeName(ErrorCode::kFailedPrecondition)) == "failed precondition");
  CHECK(std::string(ErrorCodeName(ErrorCode::kPermissionDenied)) == "permission denied");
  CHECK(std::string(ErrorCodeName(ErrorCode::kStorage)) == "storage");
}

TEST_CASE("SC_RETURN_IF_ERROR returns the error and continues on ok") {
  SUBCASE("an error is returned unchanged and the rest is skipped") {
    bool reached_end = false;
    Status status = Wrapped(FailsWith(ErrorCode::kConflict), &reached_end);
    CHECK_FALSE(reached_end);
    CHECK(status.code() == ErrorCode::kConflict);
    CHECK(status.message() == "inner failure");
  }
  SUBCASE("ok lets the function go on") {
    bool reached_end = false;
    Status status = Wrapped(Status::Ok(), &reached_end);
    CHECK(reached_end);
    CHECK(status.ok());
  }
}
