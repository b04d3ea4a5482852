#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace emporium {

// Initialises libsodium once (thread-safe); every user of libsodium calls it first.
void ensure_sodium();

// Cryptographically secure randomness (libsodium). Safe from any thread.
void fill_random(void* buffer, std::size_t size);
std::uint64_t random_u64();
// A uniformly random number in [0, 1) (for jitter: no seeding, safe from any thread).
double unit_random();
// `bytes` random bytes as unpadded base64url text: for tokens, secrets and keys.
std::string random_token(std::size_t bytes);

}  // namespace emporium
