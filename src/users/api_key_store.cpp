#include "users/api_key_store.hpp"

namespace emporium::users {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO api_keys (id, user_id, name, key_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kListActive =
    "SELECT id, user_id, name, prefix, created_at, last_used_at FROM api_keys "
    "WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id";
constexpr std::string_view kCountActive = "SELECT COUNT(*) FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL";
constexpr std::string_view kRevoke =
    "UPDATE api_keys SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL";
constexpr std::string_view kRevokeAll = "UPDATE api_keys SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL";
constexpr std::string_view kFindGrant =
    "SELECT k.id, k.user_id, u.role, k.revoked_at IS NULL AND NOT u.disabled AND u.deleted_at IS NULL "
    "FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = $1";
constexpr std::string_view kTouch = "UPDATE api_keys SET last_used_at = $2 WHERE id = $1";

}  // namespace

void ApiKeyStore::insert(storage::Connection& connection, const ApiKey& key, std::string_view key_hash) {
  connection.execute(kInsert, {std::string_view(key.id), std::string_view(key.user_id), std::string_view(key.name),
                               key_hash, std::string_view(key.prefix), to_unix_millis(key.created_at)});
}

std::vector<ApiKey> ApiKeyStore::list_active(storage::Connection& connection, std::string_view user_id) {
  std::vector<ApiKey> keys;
  for (const auto row : connection.query(kListActive, {user_id})) {
    ApiKey key{row.text(0), row.text(1), row.text(2), row.text(3), from_unix_millis(row.integer(4)), std::nullopt};
    if (const auto used = row.optional_integer(5)) key.last_used_at = from_unix_millis(*used);
    keys.push_back(std::move(key));
  }
  return keys;
}

std::int64_t ApiKeyStore::count_active(storage::Connection& connection, std::string_view user_id) {
  return connection.query(kCountActive, {user_id}).front().integer(0);
}

bool ApiKeyStore::revoke(storage::Connection& connection, std::string_view key_id, std::string_view user_id,
                         Timestamp now) {
  return connection.execute(kRevoke, {key_id, user_id, to_unix_millis(now)}) == 1;
}

void ApiKeyStore::revoke_all(storage::Connection& connection, std::string_view user_id, Timestamp now) {
  connection.execute(kRevokeAll, {user_id, to_unix_millis(now)});
}

std::optional<ApiKeyGrant> ApiKeyStore::find_grant(storage::Connection& connection, std::string_view key_hash) {
  const auto rows = connection.query(kFindGrant, {key_hash});
  if (rows.empty()) return std::nullopt;
  const auto row = rows.front();
  return ApiKeyGrant{row.text(0), row.text(1), http::role_from_string(row.text_view(2)).value_or(Role::Customer),
                     row.boolean(3)};
}

void ApiKeyStore::touch(storage::Connection& connection, std::string_view key_id, Timestamp now) {
  connection.execute(kTouch, {key_id, to_unix_millis(now)});
}

}  // namespace emporium::users
