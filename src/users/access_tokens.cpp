#include "users/access_tokens.hpp"

#include <jwt.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace emporium::users {
namespace {

constexpr std::string_view kTokenType = "access";
constexpr std::int64_t kClockSkewSeconds = 30;  // nodes' clocks may differ a little

struct JwtFree {
  void operator()(jwt_t* token) const { jwt_free(token); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

Problem invalid_token(std::string detail) {
  return problems::unauthorized(std::move(detail)).with_code("invalid_token");
}

std::int64_t seconds_since_epoch(Timestamp t) { return to_unix_millis(t) / 1000; }

std::string grant(jwt_t* token, const char* name) {
  const char* value = jwt_get_grant(token, name);
  return value ? value : "";
}

std::optional<std::int64_t> integer_grant(jwt_t* token, const char* name) {
  errno = 0;
  const long value = jwt_get_grant_int(token, name);
  if (errno != 0) return std::nullopt;
  return value;
}

}  // namespace

AccessTokens::AccessTokens(std::string key, const Clock& clock, std::chrono::seconds lifetime)
    : key_(std::move(key)), clock_(clock), lifetime_(lifetime) {
  if (key_.size() < kMinimumKeyBytes) throw std::invalid_argument("the JWT key must have at least 256 bits");
}

std::string AccessTokens::issue(const std::string& user_id, http::Role role, const std::string& session_id) const {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
  const JwtPtr token(raw);
  const auto now = seconds_since_epoch(clock_.now());
  const bool ok = jwt_add_grant(raw, "sub", user_id.c_str()) == 0 &&
                  jwt_add_grant(raw, "role", std::string(http::to_string(role)).c_str()) == 0 &&
                  jwt_add_grant(raw, "sid", session_id.c_str()) == 0 &&
                  jwt_add_grant(raw, "iss", kIssuer.data()) == 0 && jwt_add_grant(raw, "aud", kAudience.data()) == 0 &&
                  jwt_add_grant(raw, "typ", kTokenType.data()) == 0 &&
                  jwt_add_grant_int(raw, "iat", static_cast<long>(now)) == 0 &&
                  jwt_add_grant_int(raw, "exp", static_cast<long>(now + lifetime_.count())) == 0 &&
                  jwt_set_alg(raw, JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(key_.data()),
                              static_cast<int>(key_.size())) == 0;
  if (!ok) throw std::runtime_error("cannot build an access token");
  char* encoded = jwt_encode_str(raw);
  if (!encoded) throw std::runtime_error("jwt_encode_str failed");
  std::string text(encoded);
  std::free(encoded);
  return text;
}

Result<AccessClaims> AccessTokens::verify(std::string_view token) const {
  if (token.empty() || token.size() > 4096) return invalid_token("The access token is malformed.");
  const std::string text(token);
  jwt_t* raw = nullptr;
  // Always with the key: without one, libjwt accepts unsigned tokens.
  if (jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(key_.data()),
                 static_cast<int>(key_.size())) != 0) {
    return invalid_token("The access token is invalid.");
  }
  const JwtPtr decoded(raw);
  if (jwt_get_alg(raw) != JWT_ALG_HS256) return invalid_token("The access token is invalid.");
  if (grant(raw, "typ") != kTokenType) return invalid_token("This is not an access token.");
  if (grant(raw, "iss") != kIssuer || grant(raw, "aud") != kAudience)
    return invalid_token("The access token was not issued for this API.");
  const auto now = seconds_since_epoch(clock_.now());
  const auto expires = integer_grant(raw, "exp");
  const auto issued = integer_grant(raw, "iat");
  if (!expires || !issued || issued.value() > now + kClockSkewSeconds)
    return invalid_token("The access token is invalid.");
  if (expires.value() + kClockSkewSeconds <= now) return invalid_token("The access token has expired.");
  const auto role = http::role_from_string(grant(raw, "role"));
  AccessClaims claims{grant(raw, "sub"), role.value_or(http::Role::Customer), grant(raw, "sid"),
                      from_unix_millis(expires.value() * 1000)};
  if (!role || claims.user_id.empty() || claims.session_id.empty())
    return invalid_token("The access token is invalid.");
  return claims;
}

}  // namespace emporium::users
