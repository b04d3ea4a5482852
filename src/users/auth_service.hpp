#pragma once

#include <array>
#include <string>
#include <utility>

#include "users/login_throttle.hpp"
#include "users/password_hasher.hpp"
#include "users/sessions.hpp"
#include "users/user.hpp"
#include "users/users_context.hpp"

namespace emporium::users {

struct Registration {
  std::string email;
  std::string password;
  std::string name;
};

struct AuthResult {
  User user;
  TokenPair tokens;
};

// Registration, login and password changes. Every method that hashes a password must run off the I/O
// threads (the routes declare Execution::Cpu).
class AuthService {
 public:
  AuthService(UsersContext& context, const PasswordHasher& hasher, Sessions& sessions, FailureThrottle& throttle,
              LoginThrottleRules rules = {});

  Result<AuthResult> register_customer(const Registration& registration, const ClientInfo& client);
  Result<AuthResult> login(std::string_view email, std::string_view password, const ClientInfo& client);
  // Ends every session of the user (this one too) and opens a new one, whose tokens are returned.
  Result<TokenPair> change_password(const std::string& user_id, std::string_view current_password,
                                    std::string_view new_password, const ClientInfo& client);
  // For `emporium admin create`: an account of any role, without a session.
  Result<User> create_account(const Registration& registration, Role role);

 private:
  std::array<std::pair<std::string, ThrottleRule>, 3> throttle_keys(const std::string& email,
                                                                    const ClientInfo& client) const;
  std::optional<Problem> throttled(const std::string& email, const ClientInfo& client);
  void record_failure(const std::string& email, const ClientInfo& client);
  User new_user(const Registration& registration, Role role) const;

  UsersContext& context_;
  const PasswordHasher& hasher_;
  Sessions& sessions_;
  FailureThrottle& throttle_;
  LoginThrottleRules rules_;
};

}  // namespace emporium::users
