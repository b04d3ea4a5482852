#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "users/user.hpp"

namespace emporium::users {

// A user with the secret the store keeps for them: only the users domain sees this type.
struct UserRecord {
  User user;
  std::string password_hash;
};

struct UserFilter {
  std::optional<std::string> query;  // a substring of the email or the name, any case
  std::optional<Role> role;
  std::optional<bool> disabled;
  std::int64_t limit = 20;
  std::int64_t offset = 0;
  std::optional<std::string> after_cursor;  // the id the previous page ended with (newest first)
};

// The SQL of the users table, one function per statement.
class UserStore {
 public:
  // False when the email is taken.
  static bool insert(storage::Connection& connection, const UserRecord& record);
  static std::optional<UserRecord> find_by_email(storage::Connection& connection, std::string_view email);
  static std::optional<UserRecord> find_by_id(storage::Connection& connection, std::string_view id);
  // Locks the user's row until the transaction ends (a no-op UPDATE, valid on both backends), so that writes
  // checked against per-user limits (addresses, API keys, reset mails) run one after another. False when there
  // is no such live (undeleted) user.
  static bool lock_live_user(storage::Connection& connection, std::string_view id);
  static void update_password(storage::Connection& connection, std::string_view id, std::string_view hash,
                              Timestamp now);
  static void update_profile(storage::Connection& connection, const User& user);
  static void update_role_and_status(storage::Connection& connection, std::string_view id, Role role, bool disabled,
                                     Timestamp now);
  static void anonymise(storage::Connection& connection, std::string_view id, std::string_view unusable_hash,
                        Timestamp now);
  static std::vector<User> list(storage::Connection& connection, const UserFilter& filter);
  static std::int64_t count(storage::Connection& connection, const UserFilter& filter);
};

}  // namespace emporium::users
