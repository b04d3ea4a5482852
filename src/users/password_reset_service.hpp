#pragma once

#include <chrono>
#include <string>

#include "notifications/mailer.hpp"
#include "users/login_throttle.hpp"
#include "users/password_hasher.hpp"
#include "users/sessions.hpp"
#include "users/users_context.hpp"

namespace emporium::users {

struct PasswordResetPolicy {
  std::chrono::minutes token_lifetime{60};
  std::int64_t max_mails_per_hour = 3;  // per account: a reset form is not a way to flood someone's inbox
  std::string reset_url;                // when set, the mail links to <reset_url>?token=…
  ThrottleRule bad_tokens_per_ip{20, std::chrono::minutes(10)};
};

// "Forgot password": a single-use token, valid for an hour, mailed to the account's address; using it sets a
// new password and ends every session. The request is answered the same way whether the account exists or not.
class PasswordResetService {
 public:
  PasswordResetService(UsersContext& context, const PasswordHasher& hasher, Sessions& sessions,
                       notifications::Mailer& mailer, FailureThrottle& throttle, PasswordResetPolicy policy);

  void request_reset(std::string_view email, const ClientInfo& client);
  Result<void> reset(std::string_view token, std::string_view new_password, const ClientInfo& client);

 private:
  void send_mail(const std::string& to, const std::string& token);

  UsersContext& context_;
  const PasswordHasher& hasher_;
  Sessions& sessions_;
  notifications::Mailer& mailer_;
  FailureThrottle& throttle_;
  PasswordResetPolicy policy_;
};

}  // namespace emporium::users
