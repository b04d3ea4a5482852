#include "users/account_authenticator.hpp"

#include "support/strings.hpp"

namespace emporium::users {
namespace {
Problem unauthorized(std::string code, std::string detail) {
  return problems::unauthorized(std::move(detail)).with_code(std::move(code));
}
}  // namespace

http::Identity AccountAuthenticator::authenticate(const http::Request& request) {
  const auto bearer = request.header("Authorization");
  const auto key = request.header("X-API-Key");
  if (bearer && key) return unauthorized("ambiguous_credentials", "Send a bearer token or an API key, not both.");
  if (key) return from_api_key(trim(*key));
  if (bearer) return from_bearer(*bearer);
  return std::optional<http::Principal>();
}

http::Identity AccountAuthenticator::from_bearer(std::string_view header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size() || !iequals(header.substr(0, kScheme.size()), kScheme))
    return unauthorized("invalid_token", "Use the Bearer scheme: Authorization: Bearer <access token>.");
  auto claims = sessions_.tokens().verify(trim(header.substr(kScheme.size())));
  if (!claims) return claims.error();
  if (!sessions_.is_active(claims->session_id))
    return unauthorized("session_ended", "This session has ended. Log in again.");
  return std::optional<http::Principal>(http::Principal{claims->user_id, claims->role, claims->session_id, ""});
}

http::Identity AccountAuthenticator::from_api_key(std::string_view key) {
  auto principal = api_keys_.authenticate(key);
  if (!principal) return unauthorized("invalid_api_key", "The API key is invalid or was revoked.");
  return std::optional<http::Principal>(std::move(*principal));
}

}  // namespace emporium::users
