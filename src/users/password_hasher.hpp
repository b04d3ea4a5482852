#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace emporium::users {

struct PasswordHashParameters {
  std::size_t memory_kib = 19 * 1024;  // OWASP's minimum for Argon2id: m = 19 MiB, t = 2
  std::uint64_t iterations = 2;
};

// Argon2id through libsodium. Slow on purpose (tens of milliseconds): call it only from handlers that run on
// the CPU pool (Execution::Cpu), never on the I/O threads.
class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordHashParameters parameters);

  std::string hash(std::string_view password) const;

  struct Verdict {
    bool matches = false;
    bool needs_rehash = false;  // stored with other parameters than today's: hash again after a login
  };
  Verdict verify(std::string_view password, const std::string& stored_hash) const;
  // Spends the time a real verification takes, for unknown accounts (no timing difference to observe).
  void verify_nothing(std::string_view password) const;

  static constexpr std::size_t kMinLength = 10;
  static constexpr std::size_t kMaxLength = 1024;

 private:
  PasswordHashParameters parameters_;
  std::string dummy_hash_;
};

}  // namespace emporium::users
