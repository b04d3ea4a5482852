#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "support/clock.hpp"

namespace emporium {

// Opaque, time-ordered identifiers with a type prefix ("prod_01JDQ3…"): 48 bits of milliseconds and
// 80 random bits in Crockford base32 (26 characters, ULID layout). Ids made by one generator are strictly
// increasing, also within one millisecond, so sorting by id sorts by creation.
class IdGenerator {
 public:
  explicit IdGenerator(const Clock& clock);
  std::string next(std::string_view prefix);

 private:
  const Clock& clock_;
  std::mutex mutex_;
  std::int64_t last_millis_ = -1;
  std::uint16_t random_high_ = 0;  // 16 of the 80 random bits
  std::uint64_t random_low_ = 0;   // the other 64
};

// True when `id` has the given prefix and a well-formed 26-character body.
bool is_valid_id(std::string_view id, std::string_view prefix);

}  // namespace emporium
