#pragma once

#include "http/request.hpp"

namespace emporium::http {

// Checks the credentials a request presents (Authorization: Bearer …, X-API-Key: …).
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // No credentials: anonymous (an empty optional). Valid: the principal. Presented but invalid: a 401 Problem.
  virtual Identity authenticate(const Request& request) = 0;
};

// Until accounts exist nobody can log in: any credential presented is invalid.
class NoAccountsAuthenticator final : public Authenticator {
 public:
  Identity authenticate(const Request& request) override;
};

// The request's identity, computed on first use and kept on the request (rate limit and auth both ask).
const Identity& identify(Request& request, Authenticator& authenticator);

}  // namespace emporium::http
