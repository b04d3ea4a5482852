#include "users/password_reset_service.hpp"

#include "support/crypto.hpp"
#include "support/log.hpp"
#include "support/random.hpp"
#include "users/email.hpp"
#include "users/session_store.hpp"
#include "users/user_store.hpp"
#include "users/users_errors.hpp"

namespace emporium::users {

PasswordResetService::PasswordResetService(UsersContext& context, const PasswordHasher& hasher, Sessions& sessions,
                                           notifications::Mailer& mailer, FailureThrottle& throttle,
                                           PasswordResetPolicy policy)
    : context_(context),
      hasher_(hasher),
      sessions_(sessions),
      mailer_(mailer),
      throttle_(throttle),
      policy_(std::move(policy)) {}

void PasswordResetService::request_reset(std::string_view email_text, const ClientInfo& client) {
  const auto email = normalize_email(email_text);
  const auto token = random_token(32);
  std::optional<std::string> mail_to;
  context_.database.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    mail_to.reset();
    const auto record = UserStore::find_by_email(connection, email);
    if (!record || record->user.disabled) return false;
    // Serialises concurrent requests for one account, so the hourly cap below holds.
    if (!UserStore::lock_live_user(connection, record->user.id)) return false;
    const auto now = context_.clock.now();
    if (SessionStore::count_recent_resets(connection, record->user.id, now - std::chrono::hours(1)) >=
        policy_.max_mails_per_hour)
      return false;
    SessionStore::insert_password_reset(connection, sha256_hex(token), record->user.id, now,
                                        now + policy_.token_lifetime);
    context_.audit.record(connection,
                          {std::nullopt, "user.password_reset_requested", "user", record->user.id, {}, client.ip});
    mail_to = record->user.email;
    return true;
  });
  if (mail_to) send_mail(*mail_to, token);
}

void PasswordResetService::send_mail(const std::string& to, const std::string& token) {
  // The password_reset template (src/notifications/templates) shows the link when there is one, else the code.
  notifications::TemplateData data;
  data.values = {{"link", policy_.reset_url.empty() ? "" : policy_.reset_url + "?token=" + token}, {"code", token}};
  try {
    mailer_.send_template(to, "password_reset", data);
  } catch (const std::exception& e) {
    // The client is answered 202 either way; the operator learns of the lost mail from the log.
    log::error("password reset mail not sent", {{"error", e.what()}});
  }
}

Result<void> PasswordResetService::reset(std::string_view token, std::string_view new_password,
                                         const ClientInfo& client) {
  const auto ip_key = "reset-ip:" + client.ip;
  if (const auto wait = throttle_.blocked_for(ip_key, policy_.bad_tokens_per_ip)) return errors::login_throttled(*wait);
  const auto new_hash = hasher_.hash(new_password);
  std::vector<std::string> ended;
  auto result = storage::transact(
      context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<void> {
        const auto now = context_.clock.now();
        const auto user_id = SessionStore::use_password_reset(connection, sha256_hex(token), now);
        if (!user_id) return errors::invalid_reset_token();
        UserStore::update_password(connection, *user_id, new_hash, now);
        SessionStore::spend_password_resets(connection, *user_id, now);
        ended = sessions_.end_all(connection, *user_id, "password_reset");
        context_.audit.record(connection, {*user_id, "user.password_reset", "user", *user_id, {}, client.ip});
        return {};
      });
  if (result) {
    sessions_.forget(ended);
  } else {
    throttle_.record_failure(ip_key, policy_.bad_tokens_per_ip);
  }
  return result;
}

}  // namespace emporium::users
