#include "users/user_store.hpp"

#include "support/strings.hpp"

namespace emporium::users {
namespace {
using storage::Param;

constexpr std::string_view kColumns =
    "id, email, name, role, disabled, email_order_updates, marketing_emails, language, currency, created_at, "
    "updated_at, deleted_at, password_hash";

constexpr std::string_view kInsert =
    "INSERT INTO users (id, email, name, role, password_hash, disabled, email_order_updates, marketing_emails, "
    "language, currency, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
    "ON CONFLICT (email) DO NOTHING";
constexpr std::string_view kLockLiveUser =
    "UPDATE users SET updated_at = updated_at WHERE id = $1 AND deleted_at IS NULL";
constexpr std::string_view kUpdatePassword = "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kUpdateProfile =
    "UPDATE users SET name = $2, email_order_updates = $3, marketing_emails = $4, language = $5, currency = $6, "
    "updated_at = $7 WHERE id = $1";
constexpr std::string_view kUpdateRoleAndStatus =
    "UPDATE users SET role = $2, disabled = $3, updated_at = $4 WHERE id = $1";
// Keeps the row (orders refer to it) but nothing that identifies the person.
constexpr std::string_view kAnonymise =
    "UPDATE users SET email = 'deleted+' || id || '@invalid', name = 'Deleted user', password_hash = $2, "
    "disabled = TRUE, marketing_emails = FALSE, email_order_updates = FALSE, updated_at = $3, deleted_at = $3 "
    "WHERE id = $1";
// The filters are fixed: absent ones are NULL parameters, so one prepared statement serves every combination.
constexpr std::string_view kFilter =
    " FROM users WHERE (CAST($1 AS TEXT) IS NULL OR email LIKE $1 ESCAPE '\\' OR lower(name) LIKE $1 ESCAPE '\\') "
    "AND (CAST($2 AS TEXT) IS NULL OR role = $2) AND (CAST($3 AS BOOLEAN) IS NULL OR disabled = $3) "
    "AND deleted_at IS NULL";

const std::string kSelect = "SELECT " + std::string(kColumns) + " FROM users";
const std::string kByEmail = kSelect + " WHERE email = $1";
const std::string kById = kSelect + " WHERE id = $1";
// Keyset pagination: with a cursor (the last id of the previous page) no OFFSET rows are scanned.
const std::string kList = "SELECT " + std::string(kColumns) + std::string(kFilter) +
                          " AND (CAST($6 AS TEXT) IS NULL OR id < $6) ORDER BY id DESC LIMIT $4 OFFSET $5";
const std::string kCount = "SELECT COUNT(*)" + std::string(kFilter);

UserRecord read_record(const storage::Row& row) {
  UserRecord record;
  auto& user = record.user;
  user.id = row.text(0);
  user.email = row.text(1);
  user.name = row.text(2);
  user.role = http::role_from_string(row.text_view(3)).value_or(Role::Customer);
  user.disabled = row.boolean(4);
  user.preferences = {row.boolean(5), row.boolean(6), row.text(7), row.text(8)};
  user.created_at = from_unix_millis(row.integer(9));
  user.updated_at = from_unix_millis(row.integer(10));
  if (const auto deleted = row.optional_integer(11)) user.deleted_at = from_unix_millis(*deleted);
  record.password_hash = row.text(12);
  return record;
}

std::optional<UserRecord> first(const storage::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return read_record(rows.front());
}

// "50%_off" → "%50\%\_off%": a LIKE pattern that matches the text literally, anywhere, lower-cased.
std::string contains_pattern(std::string_view text) {
  std::string pattern = "%";
  for (const char c : to_lower_ascii(text)) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

struct FilterParams {
  std::optional<std::string> pattern;
  std::optional<std::string> role;
  explicit FilterParams(const UserFilter& filter) {
    if (filter.query) pattern = contains_pattern(*filter.query);
    if (filter.role) role = std::string(http::to_string(*filter.role));
  }
};
}  // namespace

bool UserStore::insert(storage::Connection& connection, const UserRecord& record) {
  const auto& user = record.user;
  const auto role = http::to_string(user.role);
  return connection.execute(
             kInsert, {std::string_view(user.id), std::string_view(user.email), std::string_view(user.name), role,
                       std::string_view(record.password_hash), user.disabled, user.preferences.email_order_updates,
                       user.preferences.marketing_emails, std::string_view(user.preferences.language),
                       std::string_view(user.preferences.currency), to_unix_millis(user.created_at),
                       to_unix_millis(user.updated_at)}) == 1;
}

std::optional<UserRecord> UserStore::find_by_email(storage::Connection& connection, std::string_view email) {
  return first(connection.query(kByEmail, {email}));
}

std::optional<UserRecord> UserStore::find_by_id(storage::Connection& connection, std::string_view id) {
  return first(connection.query(kById, {id}));
}

bool UserStore::lock_live_user(storage::Connection& connection, std::string_view id) {
  return connection.execute(kLockLiveUser, {id}) == 1;
}

void UserStore::update_password(storage::Connection& connection, std::string_view id, std::string_view hash,
                                Timestamp now) {
  connection.execute(kUpdatePassword, {id, hash, to_unix_millis(now)});
}

void UserStore::update_profile(storage::Connection& connection, const User& user) {
  const auto& preferences = user.preferences;
  connection.execute(kUpdateProfile,
                     {std::string_view(user.id), std::string_view(user.name), preferences.email_order_updates,
                      preferences.marketing_emails, std::string_view(preferences.language),
                      std::string_view(preferences.currency), to_unix_millis(user.updated_at)});
}

void UserStore::update_role_and_status(storage::Connection& connection, std::string_view id, Role role, bool disabled,
                                       Timestamp now) {
  connection.execute(kUpdateRoleAndStatus, {id, http::to_string(role), disabled, to_unix_millis(now)});
}

void UserStore::anonymise(storage::Connection& connection, std::string_view id, std::string_view unusable_hash,
                          Timestamp now) {
  connection.execute(kAnonymise, {id, unusable_hash, to_unix_millis(now)});
}

std::vector<User> UserStore::list(storage::Connection& connection, const UserFilter& filter) {
  const FilterParams params(filter);
  std::vector<User> users;
  for (const auto row : connection.query(kList, {storage::nullable(params.pattern), storage::nullable(params.role),
                                                 storage::nullable(filter.disabled), filter.limit, filter.offset,
                                                 storage::nullable(filter.after_cursor)})) {
    users.push_back(read_record(row).user);
  }
  return users;
}

std::int64_t UserStore::count(storage::Connection& connection, const UserFilter& filter) {
  const FilterParams params(filter);
  return connection
      .query(kCount,
             {storage::nullable(params.pattern), storage::nullable(params.role), storage::nullable(filter.disabled)})
      .front()
      .integer(0);
}

}  // namespace emporium::users
