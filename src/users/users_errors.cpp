#include "users/users_errors.hpp"

namespace emporium::users::errors {
namespace {
Problem with_code(Problem problem, std::string code) {
  problem.code = std::move(code);
  return problem;
}
}  // namespace

Problem invalid_credentials() {
  return with_code(problems::unauthorized("The email or the password is wrong."), "invalid_credentials");
}

Problem invalid_refresh_token() {
  return with_code(problems::unauthorized("The refresh token is invalid, expired or already used. Log in again."),
                   "invalid_refresh_token");
}

Problem account_disabled() {
  return with_code(problems::forbidden("This account is disabled. Contact the store."), "account_disabled");
}

Problem email_taken() { return problems::conflict("email_taken", "An account with this email already exists."); }

Problem login_throttled(std::int64_t retry_after_seconds) {
  auto problem = problems::rate_limited(retry_after_seconds);
  problem.code = "login_throttled";
  problem.detail = "Too many failed attempts. Retry after " + std::to_string(retry_after_seconds) + " seconds.";
  return problem;
}

Problem invalid_reset_token() {
  auto problem = problems::validation_failed({{"token", "is invalid, expired or already used"}});
  problem.code = "invalid_reset_token";
  problem.detail = "The password reset token is invalid, expired or already used.";
  return problem;
}

Problem wrong_password() {
  auto problem = problems::validation_failed({{"currentPassword", "is wrong"}});
  problem.code = "wrong_password";
  problem.detail = "The current password is wrong.";
  return problem;
}

Problem api_key_not_allowed() {
  return with_code(problems::forbidden("This action needs a logged-in session, not an API key."),
                   "api_key_not_allowed");
}

Problem cannot_change_own_account(std::string detail) {
  return problems::conflict("cannot_change_own_account", std::move(detail));
}

Problem user_not_found() { return problems::not_found("No such user."); }

Problem limit_reached(std::string code, std::string detail) {
  return problems::conflict(std::move(code), std::move(detail));
}

}  // namespace emporium::users::errors
