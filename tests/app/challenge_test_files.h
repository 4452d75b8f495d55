#pragma once
// Challenge files for tests: a small valid one, and the pieces to break it.

#include <string>

namespace stagecraft::testing {

// The default target of ChallengeJson: churn v2 in Staging.
inline std::string ChallengeJsonTarget() {
  return R"([{"kind": "stage", "model": "churn", "version": 2, "stage": "Staging"}])";
}

// A start with churn v1 in Production and v2 in None, users dana (developer) and priya
// (approver); the target is v2 in Staging; par 1.
inline std::string ChallengeJson(const std::string& target = ChallengeJsonTarget(),
                                 const std::string& solution =
                                     R"(["models transition-stage -m churn -v 2 --stage Staging"])",
                                 int par = 1, const std::string& extra = "") {
  return R"({
  "format": 1,
  "id": "demo",
  "title": "Demo",
  "level": "easy",
  "goal": "Put churn v2 in Staging.",
  "start": [
    "users add dana --role developer",
    "users add priya --role approver",
    "models create churn",
    "models create-version --model-name churn --source runs:/r1/model",
    "models create-version --model-name churn --source runs:/r2/model",
    "models transition-stage --model-name churn --version 1 --stage Production"
  ],)" + extra + R"(
  "target": )" + target + R"(,
  "par": )" + std::to_string(par) + R"(,
  "hint": "transition-stage.",
  "solution": )" + solution + R"(
})";
}

}  // namespace stagecraft::testing
