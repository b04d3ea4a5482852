#pragma once

#include "http/authenticator.hpp"
#include "users/api_key_service.hpp"
#include "users/sessions.hpp"

namespace emporium::users {

// Resolves `Authorization: Bearer <access token>` (a verified JWT whose session is still live) or
// `X-API-Key: ek_live_…` to a principal. Sending both is refused: the request would be ambiguous.
class AccountAuthenticator final : public http::Authenticator {
 public:
  AccountAuthenticator(Sessions& sessions, ApiKeyService& api_keys) : sessions_(sessions), api_keys_(api_keys) {}
  http::Identity authenticate(const http::Request& request) override;

 private:
  http::Identity from_bearer(std::string_view header);
  http::Identity from_api_key(std::string_view key);

  Sessions& sessions_;
  ApiKeyService& api_keys_;
};

}  // namespace emporium::users
