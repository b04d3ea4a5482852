#include "users/users_errors.hpp"

namespace emporium::users::errors {
Problem invalid_credentials() {
  return problems::unauthorized("The email or the password is wrong.").with_code("invalid_credentials");
}

Problem invalid_refresh_token() {
  return problems::unauthorized("The refresh token is invalid, expired or already used. Log in again.")
      .with_code("invalid_refresh_token");
}

Problem account_disabled() {
  return problems::forbidden("This account is disabled. Contact the store.").with_code("account_disabled");
}

Problem email_taken() { return problems::conflict("email_taken", "An account with this email already exists."); }

Problem login_throttled(std::int64_t retry_after_seconds) {
  return problems::rate_limited(retry_after_seconds)
      .with_code("login_throttled")
      .with_detail("Too many failed attempts. Retry after " + std::to_string(retry_after_seconds) + " seconds.");
}

Problem invalid_reset_token() {
  return problems::validation_failed({{"token", "is invalid, expired or already used"}})
      .with_code("invalid_reset_token")
      .with_detail("The password reset token is invalid, expired or already used.");
}

Problem wrong_password(std::string field) {
  const auto detail = field == "currentPassword" ? "The current password is wrong." : "The password is wrong.";
  return problems::validation_failed({{std::move(field), "is wrong"}}).with_code("wrong_password").with_detail(detail);
}

Problem api_key_not_allowed() {
  return problems::forbidden("This action needs a logged-in session, not an API key.").with_code("api_key_not_allowed");
}

Problem cannot_change_own_account(std::string detail) {
  return problems::conflict("cannot_change_own_account", std::move(detail));
}

Problem user_not_found() { return problems::not_found("No such user."); }

Problem limit_reached(std::string code, std::string detail) {
  return problems::conflict(std::move(code), std::move(detail));
}

}  // namespace emporium::users::errors
