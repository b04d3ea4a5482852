#include "users/address_store.hpp"

#include "users/user_store.hpp"

#include <string>

namespace emporium::users {
namespace {
using storage::nullable;

constexpr std::string_view kColumns =
    "id, user_id, label, full_name, line1, line2, city, region, postal_code, country, phone, is_default_shipping, "
    "is_default_billing, created_at, updated_at";

// Rewrites the row with its own value: takes the row lock (PostgreSQL) without changing anything.
constexpr std::string_view kLockAnyOwner = "UPDATE users SET updated_at = updated_at WHERE id = $1";

constexpr std::string_view kInsert =
    "INSERT INTO addresses (id, user_id, label, full_name, line1, line2, city, region, postal_code, country, phone, "
    "is_default_shipping, is_default_billing, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
constexpr std::string_view kUpdate =
    "UPDATE addresses SET label = $3, full_name = $4, line1 = $5, line2 = $6, city = $7, region = $8, "
    "postal_code = $9, country = $10, phone = $11, is_default_shipping = $12, is_default_billing = $13, "
    "updated_at = $14 WHERE id = $1 AND user_id = $2";
constexpr std::string_view kDelete = "DELETE FROM addresses WHERE id = $1 AND user_id = $2";
constexpr std::string_view kDeleteAll = "DELETE FROM addresses WHERE user_id = $1";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM addresses WHERE user_id = $1";
constexpr std::string_view kClearShipping =
    "UPDATE addresses SET is_default_shipping = FALSE, updated_at = $3 "
    "WHERE user_id = $1 AND is_default_shipping AND id <> $2";
constexpr std::string_view kClearBilling =
    "UPDATE addresses SET is_default_billing = FALSE, updated_at = $3 "
    "WHERE user_id = $1 AND is_default_billing AND id <> $2";

const std::string kSelect = "SELECT " + std::string(kColumns) + " FROM addresses WHERE user_id = $1";
const std::string kFind = kSelect + " AND id = $2";
const std::string kList = kSelect + " ORDER BY created_at, id";
const std::string kDefaultShipping = kSelect + " AND is_default_shipping";

Address read_address(const storage::Row& row) {
  return Address{.id = row.text(0),
                 .user_id = row.text(1),
                 .label = row.optional_text(2),
                 .full_name = row.text(3),
                 .line1 = row.text(4),
                 .line2 = row.optional_text(5),
                 .city = row.text(6),
                 .region = row.optional_text(7),
                 .postal_code = row.optional_text(8),
                 .country = row.text(9),
                 .phone = row.optional_text(10),
                 .is_default_shipping = row.boolean(11),
                 .is_default_billing = row.boolean(12),
                 .created_at = from_unix_millis(row.integer(13)),
                 .updated_at = from_unix_millis(row.integer(14))};
}

std::optional<Address> first(const storage::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return read_address(rows.front());
}
}  // namespace

bool AddressStore::lock_owner(storage::Connection& connection, std::string_view user_id) {
  return UserStore::lock_live_user(connection, user_id);
}

void AddressStore::insert(storage::Connection& connection, const Address& a) {
  connection.execute(
      kInsert, {std::string_view(a.id), std::string_view(a.user_id), nullable(a.label), std::string_view(a.full_name),
                std::string_view(a.line1), nullable(a.line2), std::string_view(a.city), nullable(a.region),
                nullable(a.postal_code), std::string_view(a.country), nullable(a.phone), a.is_default_shipping,
                a.is_default_billing, to_unix_millis(a.created_at), to_unix_millis(a.updated_at)});
}

bool AddressStore::update(storage::Connection& connection, const Address& a) {
  return connection.execute(kUpdate, {std::string_view(a.id), std::string_view(a.user_id), nullable(a.label),
                                      std::string_view(a.full_name), std::string_view(a.line1), nullable(a.line2),
                                      std::string_view(a.city), nullable(a.region), nullable(a.postal_code),
                                      std::string_view(a.country), nullable(a.phone), a.is_default_shipping,
                                      a.is_default_billing, to_unix_millis(a.updated_at)}) == 1;
}

bool AddressStore::remove(storage::Connection& connection, std::string_view user_id, std::string_view id) {
  return connection.execute(kDelete, {id, user_id}) == 1;
}

void AddressStore::delete_all_for_user(storage::Connection& connection, std::string_view user_id) {
  // Without the lock, on PostgreSQL a create committing while this DELETE runs would keep its row (the DELETE's
  // snapshot predates it). With it, such a create either finished first (and is deleted here) or waits and then
  // finds the user deleted, when the caller marks the account deleted in this same transaction.
  connection.execute(kLockAnyOwner, {user_id});
  connection.execute(kDeleteAll, {user_id});
}

std::optional<Address> AddressStore::find(storage::Connection& connection, std::string_view user_id,
                                          std::string_view id) {
  return first(connection.query(kFind, {user_id, id}));
}

std::vector<Address> AddressStore::list(storage::Connection& connection, std::string_view user_id) {
  std::vector<Address> addresses;
  for (const auto row : connection.query(kList, {user_id})) addresses.push_back(read_address(row));
  return addresses;
}

std::int64_t AddressStore::count(storage::Connection& connection, std::string_view user_id) {
  return connection.query(kCount, {user_id}).front().integer(0);
}

std::optional<Address> AddressStore::default_shipping(storage::Connection& connection, std::string_view user_id) {
  return first(connection.query(kDefaultShipping, {user_id}));
}

void AddressStore::clear_default_shipping(storage::Connection& connection, std::string_view user_id,
                                          std::string_view except_id, Timestamp now) {
  connection.execute(kClearShipping, {user_id, except_id, to_unix_millis(now)});
}

void AddressStore::clear_default_billing(storage::Connection& connection, std::string_view user_id,
                                         std::string_view except_id, Timestamp now) {
  connection.execute(kClearBilling, {user_id, except_id, to_unix_millis(now)});
}

}  // namespace emporium::users
