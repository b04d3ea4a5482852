#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "http/principal.hpp"
#include "support/clock.hpp"
#include "support/problem.hpp"

namespace emporium::users {

struct AccessClaims {
  std::string user_id;  // sub
  http::Role role = http::Role::Customer;
  std::string session_id;  // sid
  Timestamp expires_at;
};

// Access tokens: JWTs signed with HS256 and a key of at least 256 bits. Verification pins the algorithm
// (libjwt accepts whatever the token's header names), and checks signature, typ, iss, aud, exp and iat itself
// (libjwt 1.10 checks none of the claims).
class AccessTokens {
 public:
  static constexpr std::string_view kIssuer = "emporium";
  static constexpr std::string_view kAudience = "emporium-api";
  static constexpr std::size_t kMinimumKeyBytes = 32;

  AccessTokens(std::string key, const Clock& clock, std::chrono::seconds lifetime);

  std::string issue(const std::string& user_id, http::Role role, const std::string& session_id) const;
  // 401 Problem for anything but a valid, current access token of ours.
  Result<AccessClaims> verify(std::string_view token) const;
  std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  std::string key_;
  const Clock& clock_;
  std::chrono::seconds lifetime_;
};

}  // namespace emporium::users
