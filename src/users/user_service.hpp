#pragma once

#include <optional>
#include <string>
#include <vector>

#include "users/credential_cache.hpp"
#include "users/password_hasher.hpp"
#include "users/sessions.hpp"
#include "users/user.hpp"
#include "users/user_store.hpp"
#include "users/users_context.hpp"

namespace emporium::users {

struct ProfileChanges {
  std::optional<std::string> name;
  std::optional<bool> email_order_updates;
  std::optional<bool> marketing_emails;
  std::optional<std::string> language;
  std::optional<std::string> currency;
};

struct AdminChanges {
  std::optional<Role> role;
  std::optional<bool> disabled;
};

struct UserPage {
  std::vector<User> users;
  std::int64_t total = 0;
};

// Profiles (the user's own) and user management (admins'). Changing someone's role or disabling them ends
// their sessions and API keys' cached grants at once: the next request with their old credentials is refused.
class UserService {
 public:
  UserService(UsersContext& context, const PasswordHasher& hasher, Sessions& sessions, ApiKeyCache& api_key_cache);

  Result<User> get(const std::string& user_id);
  Result<User> update_profile(const std::string& user_id, const ProfileChanges& changes);
  // Anonymises the account after checking the password; orders keep their own copies of names and addresses.
  Result<void> delete_account(const std::string& user_id, std::string_view password, const ClientInfo& client);

  UserPage list(const UserFilter& filter);
  Result<User> administer(const std::string& admin_id, const std::string& user_id, const AdminChanges& changes,
                          const ClientInfo& client);

 private:
  UsersContext& context_;
  const PasswordHasher& hasher_;
  Sessions& sessions_;
  ApiKeyCache& api_key_cache_;
};

}  // namespace emporium::users
