#include "users/auth_service.hpp"

#include "users/email.hpp"
#include "users/session_store.hpp"
#include "users/user_store.hpp"
#include "users/users_errors.hpp"

namespace emporium::users {

AuthService::AuthService(UsersContext& context, const PasswordHasher& hasher, Sessions& sessions,
                         FailureThrottle& throttle, LoginThrottleRules rules)
    : context_(context), hasher_(hasher), sessions_(sessions), throttle_(throttle), rules_(rules) {}

User AuthService::new_user(const Registration& registration, Role role) const {
  User user;
  user.id = context_.ids.next("usr");
  user.email = normalize_email(registration.email);
  user.name = registration.name;
  user.role = role;
  user.created_at = user.updated_at = context_.clock.now();
  return user;
}

Result<AuthResult> AuthService::register_customer(const Registration& registration, const ClientInfo& client) {
  UserRecord record{new_user(registration, Role::Customer), hasher_.hash(registration.password)};
  return storage::transact(
      context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<AuthResult> {
        if (!UserStore::insert(connection, record)) return errors::email_taken();
        context_.audit.record(connection, {record.user.id, "user.registered", "user", record.user.id, {}, client.ip});
        return AuthResult{record.user, sessions_.start(connection, record.user, client)};
      });
}

Result<User> AuthService::create_account(const Registration& registration, Role role) {
  UserRecord record{new_user(registration, role), hasher_.hash(registration.password)};
  return storage::transact(context_.database, storage::TxMode::Write,
                           [&](storage::Connection& connection) -> Result<User> {
                             if (!UserStore::insert(connection, record)) return errors::email_taken();
                             context_.audit.record(connection, {std::nullopt,
                                                                "user.created_by_cli",
                                                                "user",
                                                                record.user.id,
                                                                {{"role", std::string(http::to_string(role))}},
                                                                ""});
                             return record.user;
                           });
}

// The three counters a login attempt is held to, and their rules.
std::array<std::pair<std::string, ThrottleRule>, 3> AuthService::throttle_keys(const std::string& email,
                                                                               const ClientInfo& client) const {
  return {{{"ip:" + client.ip, rules_.per_ip},
           {"pair:" + email + "|" + client.ip, rules_.per_account_and_ip},
           {"account:" + email, rules_.per_account}}};
}

std::optional<Problem> AuthService::throttled(const std::string& email, const ClientInfo& client) {
  for (const auto& [key, rule] : throttle_keys(email, client)) {
    if (const auto wait = throttle_.blocked_for(key, rule)) return errors::login_throttled(*wait);
  }
  return std::nullopt;
}

void AuthService::record_failure(const std::string& email, const ClientInfo& client) {
  for (const auto& [key, rule] : throttle_keys(email, client)) throttle_.record_failure(key, rule);
}

Result<AuthResult> AuthService::login(std::string_view email_text, std::string_view password,
                                      const ClientInfo& client) {
  const auto email = normalize_email(email_text);
  if (auto refusal = throttled(email, client)) return std::move(*refusal);
  const auto record = storage::with_connection(
      context_.database, [&](storage::Connection& connection) { return UserStore::find_by_email(connection, email); });
  if (!record) {
    hasher_.verify_nothing(password);  // as slow as a real check: the answer's timing says nothing
    record_failure(email, client);
    return errors::invalid_credentials();
  }
  const auto verdict = hasher_.verify(password, record->password_hash);
  if (!verdict.matches) {
    record_failure(email, client);
    return errors::invalid_credentials();
  }
  if (record->user.disabled) return errors::account_disabled();
  throttle_.clear(throttle_keys(email, client)[1].first);  // this account from this address starts afresh
  const auto rehashed = verdict.needs_rehash ? std::optional(hasher_.hash(password)) : std::nullopt;
  return storage::transact(context_.database, storage::TxMode::Write,
                           [&](storage::Connection& connection) -> Result<AuthResult> {
                             if (rehashed)
                               UserStore::update_password(connection, record->user.id, *rehashed, context_.clock.now());
                             return AuthResult{record->user, sessions_.start(connection, record->user, client)};
                           });
}

Result<TokenPair> AuthService::change_password(const std::string& user_id, std::string_view current_password,
                                               std::string_view new_password, const ClientInfo& client) {
  const auto record = storage::with_connection(
      context_.database, [&](storage::Connection& connection) { return UserStore::find_by_id(connection, user_id); });
  if (!record || record->user.disabled) return errors::user_not_found();
  if (!hasher_.verify(current_password, record->password_hash).matches) return errors::wrong_password();
  const auto new_hash = hasher_.hash(new_password);
  std::vector<std::string> ended;
  auto result = storage::transact(
      context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<TokenPair> {
        const auto now = context_.clock.now();
        UserStore::update_password(connection, user_id, new_hash, now);
        SessionStore::spend_password_resets(connection, user_id, now);
        ended = sessions_.end_all(connection, user_id, "password_changed");
        context_.audit.record(connection, {user_id, "user.password_changed", "user", user_id, {}, client.ip});
        return sessions_.start(connection, record->user, client);
      });
  if (result) sessions_.forget(ended);
  return result;
}

}  // namespace emporium::users
