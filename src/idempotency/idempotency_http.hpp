#pragma once
// The HTTP face of idempotency keys: reading the Idempotency-Key header, fingerprinting a request, the
// problems a key can cause, and turning responses into stored ones and back.

#include <optional>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"
#include "idempotency/idempotency_keys.hpp"
#include "support/problem.hpp"

namespace emporium::idempotency {

inline constexpr std::string_view kHeader = "Idempotency-Key";
inline constexpr std::size_t kMaxKeyLength = 255;

// The request's Idempotency-Key: nullopt when absent; 400 invalid_idempotency_key unless it is 1 to 255
// printable ASCII characters.
Result<std::optional<std::string>> read_key(const http::Request& request);
bool is_valid_key(std::string_view key);

// SHA-256 (hex) of the method, the path and the body bytes: what "the same request" means.
std::string request_fingerprint(const http::Request& request);

// The key and the request as one user used them (nullopt without a key).
Result<std::optional<KeyUse>> key_use(const http::Request& request, const std::string& user_id);

Problem invalid_key();
Problem key_reused();       // 422 idempotency_key_reused
Problem key_in_progress();  // 409 idempotency_key_in_progress
// The problem for InProgress and Mismatch; nullopt for the other decisions.
std::optional<Problem> problem_for(Decision decision);

// What is kept of a response: status, body and the headers that describe it (Content-Type, Location, ETag).
StoredResponse to_stored(const http::Response& response);
// The stored response, answered again, with `Idempotent-Replayed: true`.
http::Response replayed(const StoredResponse& response);

}  // namespace emporium::idempotency
