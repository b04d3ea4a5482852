#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "http/router.hpp"
#include "notifications/mailer.hpp"
#include "users/access_tokens.hpp"
#include "users/account_authenticator.hpp"
#include "users/address_service.hpp"
#include "users/api_key_service.hpp"
#include "users/auth_service.hpp"
#include "users/credential_cache.hpp"
#include "users/login_throttle.hpp"
#include "users/password_hasher.hpp"
#include "users/password_reset_service.hpp"
#include "users/sessions.hpp"
#include "users/user_service.hpp"

namespace emporium::users {

struct UsersSettings {
  std::string jwt_key;
  std::chrono::seconds access_token_lifetime{15 * 60};
  SessionPolicy sessions;
  PasswordHashParameters hashing;
  PasswordResetPolicy resets;
  std::chrono::milliseconds credential_cache_ttl{5000};
};

// The users domain, built once: its services, caches and throttles, and the authenticator the HTTP
// middleware uses.
class UsersModule {
 public:
  UsersModule(UsersContext context, notifications::Mailer& mailer, UsersSettings settings);

  void register_routes(http::Router& router);
  http::Authenticator& authenticator() { return authenticator_; }
  AuthService& auth() { return auth_; }
  AddressService& addresses() { return addresses_; }

 private:
  UsersContext context_;
  PasswordHasher hasher_;
  AccessTokens tokens_;
  SessionCache session_cache_;
  ApiKeyCache api_key_cache_;
  FailureThrottle throttle_;
  Sessions sessions_;
  AuthService auth_;
  PasswordResetService resets_;
  UserService users_;
  ApiKeyService api_keys_;
  AddressService addresses_;
  AccountAuthenticator authenticator_;
};

}  // namespace emporium::users
