#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace emporium {

using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

// The time source. Injected everywhere so that tests can move time by hand.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// A clock that only moves when told to; thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start);
  Timestamp now() const override;
  void advance(std::chrono::milliseconds by);
  void set(Timestamp to);

 private:
  std::atomic<std::int64_t> millis_;
};

std::int64_t to_unix_millis(Timestamp t);
Timestamp from_unix_millis(std::int64_t millis);

// "2026-11-27T10:00:00Z" (milliseconds are added only when not zero: "…:00.250Z").
std::string to_iso8601(Timestamp t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff]Z" and "+HH:MM"/"-HH:MM" offsets; nullopt otherwise.
std::optional<Timestamp> parse_iso8601(std::string_view text);

}  // namespace emporium
