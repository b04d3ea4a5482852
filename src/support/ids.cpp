#include "support/ids.hpp"

#include <array>

#include "support/random.hpp"

namespace emporium {
namespace {
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

bool is_crockford(char c) { return kCrockford.find(c) != std::string_view::npos; }
}  // namespace

IdGenerator::IdGenerator(const Clock& clock) : clock_(clock) {}

std::string IdGenerator::next(std::string_view prefix) {
  std::uint64_t millis = 0;
  std::uint16_t high = 0;
  std::uint64_t low = 0;
  {
    const std::lock_guard lock(mutex_);
    auto now = to_unix_millis(clock_.now());
    if (now <= last_millis_) {
      // Same millisecond (or the clock stepped back): increment the random part to stay ordered.
      now = last_millis_;
      if (++random_low_ == 0) ++random_high_;
    } else {
      last_millis_ = now;
      random_low_ = random_u64();
      random_high_ = static_cast<std::uint16_t>(random_u64() & 0x7fff);  // headroom for increments
    }
    millis = static_cast<std::uint64_t>(now);
    high = random_high_;
    low = random_low_;
  }
  // ULID layout: 10 digits of time (48 bits, the first digit holds 3), then 16 digits of randomness (80 bits).
  std::array<char, 26> body{};
  for (int i = 9; i >= 0; --i, millis >>= 5) body[static_cast<std::size_t>(i)] = kCrockford[millis & 31];
  // The 80 random bits as 16 groups of 5: the low 64 bits give 12 full groups and 4 bits, the high 16 the rest.
  for (int i = 25; i >= 14; --i, low >>= 5) body[static_cast<std::size_t>(i)] = kCrockford[low & 31];
  std::uint32_t rest = (static_cast<std::uint32_t>(high) << 4) | static_cast<std::uint32_t>(low & 0xF);
  for (int i = 13; i >= 10; --i, rest >>= 5) body[static_cast<std::size_t>(i)] = kCrockford[rest & 31];
  std::string id;
  id.reserve(prefix.size() + 1 + body.size());
  id.append(prefix).append("_").append(body.data(), body.size());
  return id;
}

bool is_valid_id(std::string_view id, std::string_view prefix) {
  if (id.size() != prefix.size() + 1 + 26 || id.substr(0, prefix.size()) != prefix || id[prefix.size()] != '_')
    return false;
  for (const char c : id.substr(prefix.size() + 1)) {
    if (!is_crockford(c)) return false;
  }
  return id[prefix.size() + 1] <= '7';
}

}  // namespace emporium
