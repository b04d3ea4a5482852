#pragma once
// Stripe's webhook signatures, exactly as Stripe documents them: the Stripe-Signature header carries
// `t=<unix seconds>` and one or more `v1=<hex>` (several while the endpoint secret is being rolled; `v0` and
// unknown schemes are ignored). The signature is HMAC-SHA256, keyed by the endpoint's secret, of
// "<t>.<raw body>", in lower-case hex. A signature is accepted when any v1 matches (compared in constant
// time) and t is within the tolerance of now, in either direction (a replayed old event is refused).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "support/clock.hpp"

namespace emporium::payments::stripe {

inline constexpr std::chrono::seconds kSignatureTolerance{300};

struct SignedPayload {
  std::string_view header = {};  // the Stripe-Signature value
  std::string_view body = {};    // the raw request body, byte for byte
  std::string_view secret = {};  // whsec_…, used as given (the whole string is the key)
  Timestamp now = {};
  std::chrono::seconds tolerance = kSignatureTolerance;
};

// Nullopt when the signature holds; otherwise why not (for the 400's detail and the log).
std::optional<std::string> signature_problem(const SignedPayload& payload);

// The v1 signature of `body` sent at `timestamp` (unix seconds): lower-case hex of
// HMAC-SHA256(secret, "<timestamp>.<body>").
std::string v1_signature(std::string_view secret, std::int64_t timestamp, std::string_view body);

}  // namespace emporium::payments::stripe
