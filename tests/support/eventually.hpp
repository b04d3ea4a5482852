#pragma once
// Polling with a deadline: how tests wait for state instead of sleeping.

#include <chrono>
#include <thread>

namespace emporium::testing {

// Calls `condition` until it returns true or `timeout` has passed; returns its last answer.
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
}

// Milliseconds elapsed since `start`, for asserting how long something took.
inline std::chrono::milliseconds elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

}  // namespace emporium::testing
