#pragma once
// Signing per the Standard Webhooks specification (https://www.standardwebhooks.com, spec/standard-webhooks.md
// of github.com/standard-webhooks/standard-webhooks): the secret is "whsec_" + base64 of random key bytes; a
// message is signed with HMAC-SHA256 keyed by those bytes over "<webhook-id>.<webhook-timestamp>.<body>", and
// the webhook-signature header carries "v1," + the base64 of the MAC.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace emporium::webhooks {

inline constexpr std::string_view kSecretPrefix = "whsec_";
inline constexpr std::size_t kSecretBytes = 32;  // the spec asks for 24 to 64

// A new endpoint secret: "whsec_" + standard base64 (padded) of kSecretBytes random bytes.
std::string new_secret();
// The key bytes of a secret (with or without the whsec_ prefix); nullopt when it is not base64.
std::optional<std::string> secret_key(std::string_view secret);
// The webhook-signature header value "v1,<base64>" for one attempt; throws std::invalid_argument when the
// secret is not a valid one (a stored secret always is).
std::string sign(std::string_view secret, std::string_view message_id, std::int64_t timestamp, std::string_view body);

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace emporium::webhooks
