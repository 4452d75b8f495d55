#include "stagecraft/engine/status.h"

namespace stagecraft::engine {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kAlreadyExists: return "already exists";
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kUnknownStage: return "unknown stage";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kFailedPrecondition: return "failed precondition";
    case ErrorCode::kPermissionDenied: return "permission denied";
    case ErrorCode::kStorage: return "storage";
  }
  return "unknown";
}

}  // namespace stagecraft::engine
