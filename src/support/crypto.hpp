#pragma once

#include <string>
#include <string_view>

namespace emporium {

// SHA-256 as lower-case hex. For high-entropy secrets (tokens, API keys) only: passwords use Argon2id.
std::string sha256_hex(std::string_view data);
// HMAC-SHA256 as raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view data);
// Compares without leaking where the first difference is.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace emporium
