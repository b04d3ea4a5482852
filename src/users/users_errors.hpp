#pragma once

#include <cstdint>
#include <string>

#include "support/problem.hpp"

namespace emporium::users::errors {

// The same answer for an unknown email and a wrong password: no account enumeration.
Problem invalid_credentials();
Problem invalid_refresh_token();
Problem account_disabled();
Problem email_taken();
Problem login_throttled(std::int64_t retry_after_seconds);
Problem invalid_reset_token();
// `field` names the password that was wrong: currentPassword (change) or password (account deletion).
Problem wrong_password(std::string field = "currentPassword");
Problem api_key_not_allowed();
Problem cannot_change_own_account(std::string detail);
Problem user_not_found();
Problem limit_reached(std::string code, std::string detail);

}  // namespace emporium::users::errors
