#pragma once
// A sandbox whose changes are stamped a minute apart from 2026-01-01 09:00 UTC, so that tests
// (and the states they compare) do not depend on the wall clock.

#include <cstddef>
#include <memory>

#include "core/sandbox.h"

namespace stagecraft::testing {

inline core::SandboxOptions FixedClock(std::size_t checkpoint_every = 16) {
  auto t = std::make_shared<engine::Timestamp>(1767258000000);
  core::SandboxOptions options;
  options.clock = [t] { return *t += 60000; };
  options.checkpoint_every = checkpoint_every;
  return options;
}

}  // namespace stagecraft::testing
