#pragma once

#include "http/authenticator.hpp"
#include "http/pipeline.hpp"

namespace emporium::http {

// Enforces the access rule every route declares: public, any authenticated principal, or given roles.
// Invalid credentials are a 401 on protected routes and count as anonymous on public ones.
// Authenticated but not allowed is a 403.
class AuthMiddleware final : public Middleware {
 public:
  explicit AuthMiddleware(Authenticator& authenticator) : authenticator_(authenticator) {}
  Response handle(Request& request, const Next& next) override;

 private:
  Authenticator& authenticator_;
};

}  // namespace emporium::http
