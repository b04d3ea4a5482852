#include "http/authenticator.hpp"

namespace emporium::http {

Identity NoAccountsAuthenticator::authenticate(const Request& request) {
  if (request.header("Authorization") || request.header("X-API-Key")) return problems::unauthorized();
  return std::optional<Principal>();
}

const Identity& identify(Request& request, Authenticator& authenticator) {
  if (!request.identity) request.identity = authenticator.authenticate(request);
  return *request.identity;
}

}  // namespace emporium::http
