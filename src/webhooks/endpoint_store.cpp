#include "webhooks/endpoint_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace emporium::webhooks {
namespace {
constexpr std::string_view kColumns =
    "id, owner_id, owner_role, url, description, events, secret, enabled, disabled_reason, created_at, updated_at, "
    "version";

constexpr std::string_view kInsert =
    "INSERT INTO webhook_endpoints (id, owner_id, owner_role, url, description, events, secret, enabled, "
    "disabled_reason, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
constexpr std::string_view kUpdate =
    "UPDATE webhook_endpoints SET url = $2, description = $3, events = $4, enabled = $5, disabled_reason = $6, "
    "updated_at = $7, version = version + 1 WHERE id = $1";
constexpr std::string_view kDisable =
    "UPDATE webhook_endpoints SET enabled = FALSE, disabled_reason = $2, updated_at = $3, version = version + 1 "
    "WHERE id = $1 AND enabled";
// Its deliveries and their attempts go with it (ON DELETE CASCADE).
constexpr std::string_view kDelete = "DELETE FROM webhook_endpoints WHERE id = $1";
constexpr std::string_view kCountAll = "SELECT COUNT(*) FROM webhook_endpoints";
constexpr std::string_view kCountOwned = "SELECT COUNT(*) FROM webhook_endpoints WHERE owner_id = $1";
// A write that changes nothing, for its row lock (the same on both backends, unlike SELECT … FOR UPDATE).
constexpr std::string_view kLockOwner = "UPDATE users SET updated_at = updated_at WHERE id = $1";
constexpr std::string_view kSubscribers =
    "SELECT e.id, e.owner_id, u.role, e.events FROM webhook_endpoints e JOIN users u ON u.id = e.owner_id "
    "WHERE e.enabled AND NOT u.disabled AND u.deleted_at IS NULL ORDER BY e.id";
constexpr std::string_view kOwnerContact = "SELECT email, name FROM users WHERE id = $1 AND deleted_at IS NULL";

const std::string kFind = "SELECT " + std::string(kColumns) + " FROM webhook_endpoints WHERE id = $1";
const std::string kListAll =
    "SELECT " + std::string(kColumns) + " FROM webhook_endpoints ORDER BY id DESC LIMIT $1 OFFSET $2";
const std::string kListOwned = "SELECT " + std::string(kColumns) +
                               " FROM webhook_endpoints WHERE owner_id = $3 ORDER BY id DESC LIMIT $1 OFFSET $2";

Endpoint read_endpoint(const storage::Row& row) {
  return Endpoint{.id = row.text(0),
                  .owner_id = row.text(1),
                  .owner_role = http::role_from_string(row.text_view(2)).value_or(http::Role::Vendor),
                  .url = row.text(3),
                  .description = row.text(4),
                  .events = events_from_json(row.text_view(5)),
                  .secret = row.text(6),
                  .enabled = row.boolean(7),
                  .disabled_reason = row.optional_text(8),
                  .created_at = from_unix_millis(row.integer(9)),
                  .updated_at = from_unix_millis(row.integer(10)),
                  .version = row.integer(11)};
}
}  // namespace

std::string events_json(const std::vector<std::string>& events) {
  boost::json::array out;
  for (const auto& type : events) out.emplace_back(type);
  return boost::json::serialize(out);
}

std::vector<std::string> events_from_json(std::string_view json) {
  std::vector<std::string> out;
  boost::system::error_code error;
  const auto value = boost::json::parse(json, error);
  if (error || !value.is_array()) return out;
  for (const auto& type : value.as_array())
    if (type.is_string()) out.emplace_back(type.as_string());
  return out;
}

void EndpointStore::insert(storage::Connection& connection, const Endpoint& e) {
  const auto events = events_json(e.events);
  connection.execute(kInsert, {std::string_view(e.id), std::string_view(e.owner_id), http::to_string(e.owner_role),
                               std::string_view(e.url), std::string_view(e.description), std::string_view(events),
                               std::string_view(e.secret), e.enabled, storage::nullable(e.disabled_reason),
                               to_unix_millis(e.created_at), to_unix_millis(e.updated_at), e.version});
}

std::optional<Endpoint> EndpointStore::find(storage::Connection& connection, std::string_view id) {
  const auto rows = connection.query(kFind, {id});
  if (rows.empty()) return std::nullopt;
  return read_endpoint(rows.front());
}

std::vector<Endpoint> EndpointStore::list(storage::Connection& connection, const std::optional<std::string>& owner,
                                          std::int64_t limit, std::int64_t offset) {
  std::vector<Endpoint> out;
  const auto rows = owner ? connection.query(kListOwned, {limit, offset, std::string_view(*owner)})
                          : connection.query(kListAll, {limit, offset});
  for (const auto row : rows) out.push_back(read_endpoint(row));
  return out;
}

std::int64_t EndpointStore::count(storage::Connection& connection, const std::optional<std::string>& owner) {
  const auto rows = owner ? connection.query(kCountOwned, {std::string_view(*owner)}) : connection.query(kCountAll, {});
  return rows.front().integer(0);
}

bool EndpointStore::update(storage::Connection& connection, const Endpoint& e) {
  const auto events = events_json(e.events);
  return connection.execute(kUpdate, {std::string_view(e.id), std::string_view(e.url), std::string_view(e.description),
                                      std::string_view(events), e.enabled, storage::nullable(e.disabled_reason),
                                      to_unix_millis(e.updated_at)}) == 1;
}

bool EndpointStore::disable(storage::Connection& connection, std::string_view id, std::string_view reason,
                            Timestamp now) {
  return connection.execute(kDisable, {id, reason, to_unix_millis(now)}) == 1;
}

bool EndpointStore::remove(storage::Connection& connection, std::string_view id) {
  return connection.execute(kDelete, {id}) == 1;
}

void EndpointStore::lock_owner(storage::Connection& connection, std::string_view owner_id) {
  connection.execute(kLockOwner, {owner_id});
}

std::vector<Subscriber> EndpointStore::subscribers(storage::Connection& connection) {
  std::vector<Subscriber> out;
  for (const auto row : connection.query(kSubscribers)) {
    out.push_back({.endpoint_id = row.text(0),
                   .owner_id = row.text(1),
                   .owner_role = http::role_from_string(row.text_view(2)).value_or(http::Role::Customer),
                   .events = events_from_json(row.text_view(3))});
  }
  return out;
}

std::optional<OwnerContact> EndpointStore::owner_contact(storage::Connection& connection, std::string_view owner_id) {
  const auto rows = connection.query(kOwnerContact, {owner_id});
  if (rows.empty()) return std::nullopt;
  return OwnerContact{.email = rows.front().text(0), .name = rows.front().text(1)};
}

}  // namespace emporium::webhooks
