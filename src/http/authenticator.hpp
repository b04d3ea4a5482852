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

// The request's identity, computed on first use and kept on the request (rate limit and auth both ask).
const Identity& identify(Request& request, Authenticator& authenticator);

}  // namespace emporium::http
