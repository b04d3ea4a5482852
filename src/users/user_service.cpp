#include "users/user_service.hpp"

#include "support/random.hpp"
#include "users/address_store.hpp"
#include "users/api_key_store.hpp"
#include "users/session_store.hpp"
#include "users/users_errors.hpp"

namespace emporium::users {

UserService::UserService(UsersContext& context, const PasswordHasher& hasher, Sessions& sessions,
                         ApiKeyCache& api_key_cache)
    : context_(context), hasher_(hasher), sessions_(sessions), api_key_cache_(api_key_cache) {}

Result<User> UserService::get(const std::string& user_id) {
  auto record = storage::with_connection(
      context_.database, [&](storage::Connection& connection) { return UserStore::find_by_id(connection, user_id); });
  if (!record || record->user.deleted_at) return errors::user_not_found();
  return std::move(record->user);
}

namespace {
bool same_profile(const User& a, const User& b) {
  const auto& p = a.preferences;
  const auto& q = b.preferences;
  return a.name == b.name && p.email_order_updates == q.email_order_updates &&
         p.marketing_emails == q.marketing_emails && p.language == q.language && p.currency == q.currency;
}
}  // namespace

Result<User> UserService::update_profile(const std::string& user_id, const ProfileChanges& changes) {
  return storage::transact(context_.database, storage::TxMode::Write,
                           [&](storage::Connection& connection) -> Result<User> {
                             auto record = UserStore::find_by_id(connection, user_id);
                             if (!record || record->user.deleted_at) return errors::user_not_found();
                             auto& user = record->user;
                             auto& preferences = user.preferences;
                             const auto before = user;
                             if (changes.email_order_updates)
                               preferences.email_order_updates = *changes.email_order_updates;
                             if (changes.marketing_emails) preferences.marketing_emails = *changes.marketing_emails;
                             if (changes.language) preferences.language = *changes.language;
                             if (changes.currency) preferences.currency = *changes.currency;
                             if (changes.name) user.name = *changes.name;
                             if (same_profile(user, before)) return user;  // nothing changed: no write, same updatedAt
                             user.updated_at = context_.clock.now();
                             UserStore::update_profile(connection, user);
                             return user;
                           });
}

Result<void> UserService::delete_account(const std::string& user_id, std::string_view password,
                                         const ClientInfo& client) {
  const auto record = storage::with_connection(
      context_.database, [&](storage::Connection& connection) { return UserStore::find_by_id(connection, user_id); });
  if (!record || record->user.deleted_at) return errors::user_not_found();
  if (!hasher_.verify(password, record->password_hash).matches) {
    return errors::wrong_password("password");
  }
  const auto unusable = hasher_.hash(random_token(32));  // nobody knows this password
  std::vector<std::string> ended;
  auto result = storage::transact(
      context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<void> {
        const auto now = context_.clock.now();
        ended = sessions_.end_all(connection, user_id, "account_deleted");
        SessionStore::spend_password_resets(connection, user_id, now);
        ApiKeyStore::revoke_all(connection, user_id, now);
        AddressStore::delete_all_for_user(connection, user_id);
        UserStore::anonymise(connection, user_id, unusable, now);
        context_.audit.record(connection, {user_id, "user.deleted", "user", user_id, {}, client.ip});
        return {};
      });
  if (result) {
    sessions_.forget(ended);
    api_key_cache_.forget_all();
  }
  return result;
}

UserPage UserService::list(const UserFilter& filter) {
  return storage::with_connection(context_.database, [&](storage::Connection& connection) {
    return UserPage{UserStore::list(connection, filter), UserStore::count(connection, filter)};
  });
}

Result<User> UserService::administer(const std::string& admin_id, const std::string& user_id,
                                     const AdminChanges& changes, const ClientInfo& client) {
  if (admin_id == user_id && (changes.disabled.value_or(false) || (changes.role && *changes.role != Role::Admin)))
    return errors::cannot_change_own_account("Admins cannot disable or demote themselves; ask another admin.");
  std::vector<std::string> ended;
  auto result = storage::transact(
      context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<User> {
        ended.clear();
        auto record = UserStore::find_by_id(connection, user_id);
        if (!record || record->user.deleted_at) return errors::user_not_found();
        auto& user = record->user;
        const auto old_role = user.role;
        const bool was_disabled = user.disabled;
        user.role = changes.role.value_or(user.role);
        user.disabled = changes.disabled.value_or(user.disabled);
        user.updated_at = context_.clock.now();
        UserStore::update_role_and_status(connection, user.id, user.role, user.disabled, user.updated_at);
        // Access tokens carry the role: a new role or a disabled account must not outlive the old tokens.
        if (user.role != old_role || (user.disabled && !was_disabled))
          ended = sessions_.end_all(connection, user.id, user.disabled ? "account_disabled" : "role_changed");
        context_.audit.record(connection, {admin_id,
                                           "user.administered",
                                           "user",
                                           user.id,
                                           {{"oldRole", std::string(http::to_string(old_role))},
                                            {"role", std::string(http::to_string(user.role))},
                                            {"disabled", user.disabled ? "true" : "false"}},
                                           client.ip});
        return user;
      });
  if (result) {
    sessions_.forget(ended);
    api_key_cache_.forget_all();
  }
  return result;
}

}  // namespace emporium::users
