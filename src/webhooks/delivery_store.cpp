#include "webhooks/delivery_store.hpp"

#include <map>

#include "storage/sql_lists.hpp"

namespace emporium::webhooks {
namespace {
constexpr std::string_view kPlan =
    "INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, state, attempts, manual, "
    "next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'pending', 0, FALSE, $6, $6, $6) "
    "ON CONFLICT (endpoint_id, event_id) DO NOTHING";
// Due: pending and its time has come, or being delivered by a worker whose lease ran out (it crashed, or
// hangs). Deliveries of a disabled endpoint wait until it is enabled again.
constexpr std::string_view kDue =
    "SELECT id FROM webhook_deliveries WHERE state IN ('pending', 'delivering') AND next_attempt_at <= $1 "
    "AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE enabled) ORDER BY next_attempt_at, id LIMIT $2";
constexpr std::string_view kTake =
    "UPDATE webhook_deliveries SET state = 'delivering', attempts = attempts + 1, claim_token = $2, "
    "lease_until = $3, next_attempt_at = $3, updated_at = $4 WHERE id = $1 "
    "RETURNING endpoint_id, payload, attempts, manual";
constexpr std::string_view kTarget = "SELECT url, secret FROM webhook_endpoints WHERE id = $1";
constexpr std::string_view kFinish =
    "UPDATE webhook_deliveries SET state = $3, next_attempt_at = $4, last_status = $5, last_error = $6, "
    "delivered_at = CASE WHEN $3 = 'delivered' THEN CAST($7 AS BIGINT) ELSE delivered_at END, updated_at = $7, manual "
    "= FALSE, "
    "lease_until = NULL, claim_token = NULL WHERE id = $1 AND claim_token = $2";
constexpr std::string_view kLogAttempt =
    "INSERT INTO webhook_attempts (delivery_id, attempt, started_at, status, latency_ms, error, response_body) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kRetryNow =
    "UPDATE webhook_deliveries SET manual = CASE WHEN state = 'pending' THEN manual ELSE TRUE END, "
    "state = 'pending', next_attempt_at = $3, "
    "updated_at = $3 WHERE id = $2 AND endpoint_id = $1 AND state <> 'delivering'";
constexpr std::string_view kColumns =
    "id, endpoint_id, event_id, event_type, payload, state, attempts, manual, next_attempt_at, last_status, "
    "last_error, created_at, updated_at, delivered_at";
constexpr std::string_view kAttemptColumns =
    "delivery_id, attempt, started_at, status, latency_ms, error, response_body";

const std::string kFind =
    "SELECT " + std::string(kColumns) + " FROM webhook_deliveries WHERE endpoint_id = $1 AND id = $2";
const std::string kList = "SELECT " + std::string(kColumns) + " FROM webhook_deliveries WHERE endpoint_id = $1";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = $1";
constexpr std::string_view kWithState = " AND state = $4";
constexpr std::string_view kNewestFirst = " ORDER BY id DESC LIMIT $2 OFFSET $3";

std::optional<Timestamp> optional_time(const storage::Row& row, std::size_t column) {
  const auto millis = row.optional_integer(column);
  if (!millis) return std::nullopt;
  return from_unix_millis(*millis);
}

Delivery read_delivery(const storage::Row& row) {
  return Delivery{.id = row.text(0),
                  .endpoint_id = row.text(1),
                  .event_id = row.text(2),
                  .event_type = row.text(3),
                  .payload = row.text(4),
                  .state = delivery_state_from_string(row.text_view(5)).value_or(DeliveryState::Pending),
                  .attempts = row.integer(6),
                  .manual = row.boolean(7),
                  .next_attempt_at = optional_time(row, 8),
                  .last_status = row.optional_integer(9),
                  .last_error = row.optional_text(10),
                  .created_at = from_unix_millis(row.integer(11)),
                  .updated_at = from_unix_millis(row.integer(12)),
                  .delivered_at = optional_time(row, 13)};
}

Attempt read_attempt(const storage::Row& row) {
  return Attempt{.attempt = row.integer(1),
                 .started_at = from_unix_millis(row.integer(2)),
                 .status = row.optional_integer(3),
                 .latency_ms = row.integer(4),
                 .error = row.optional_text(5),
                 .response_body = row.optional_text(6)};
}

void attach_attempts(storage::Connection& connection, std::vector<Delivery>& deliveries) {
  if (deliveries.empty()) return;
  std::vector<std::string> ids;
  std::map<std::string, Delivery*> by_id;
  for (auto& delivery : deliveries) {
    ids.push_back(delivery.id);
    by_id[delivery.id] = &delivery;
  }
  const auto sql = "SELECT " + std::string(kAttemptColumns) + " FROM webhook_attempts WHERE delivery_id IN (" +
                   storage::placeholders(ids.size()) + ") ORDER BY delivery_id, attempt";
  const auto params = storage::text_params(ids);
  for (const auto row : connection.query(sql, params)) by_id.at(row.text(0))->attempt_log.push_back(read_attempt(row));
}
}  // namespace

bool DeliveryStore::plan(storage::Connection& connection, const Delivery& d) {
  return connection.execute(
             kPlan, {std::string_view(d.id), std::string_view(d.endpoint_id), std::string_view(d.event_id),
                     std::string_view(d.event_type), std::string_view(d.payload), to_unix_millis(d.created_at)}) == 1;
}

std::vector<Claim> DeliveryStore::claim(storage::Connection& connection, storage::Backend backend, Timestamp now,
                                        Timestamp lease_until, std::int64_t limit,
                                        const std::function<std::string()>& token) {
  const auto due_sql = std::string(kDue) + std::string(storage::skip_locked(backend));
  std::vector<std::string> due;
  for (const auto row : connection.query(due_sql, {to_unix_millis(now), limit})) due.push_back(row.text(0));
  std::vector<Claim> claims;
  for (const auto& id : due) {
    Claim claim{.delivery_id = id, .token = token()};
    const auto taken = connection.query(
        kTake, {std::string_view(id), std::string_view(claim.token), to_unix_millis(lease_until), to_unix_millis(now)});
    const auto row = taken.front();
    claim.endpoint_id = row.text(0);
    claim.payload = row.text(1);
    claim.attempt = row.integer(2);
    claim.manual = row.boolean(3);
    const auto target = connection.query(kTarget, {std::string_view(claim.endpoint_id)});
    claim.url = target.front().text(0);
    claim.secret = target.front().text(1);
    claims.push_back(std::move(claim));
  }
  return claims;
}

bool DeliveryStore::finish(storage::Connection& connection, const Claim& claim, const Outcome& outcome,
                           const Attempt& attempt) {
  std::optional<std::int64_t> next;
  if (outcome.next_attempt_at) next = to_unix_millis(*outcome.next_attempt_at);
  const auto finished =
      connection.execute(kFinish, {std::string_view(claim.delivery_id), std::string_view(claim.token),
                                   to_string(outcome.state), storage::nullable(next), storage::nullable(outcome.status),
                                   storage::nullable(outcome.error), to_unix_millis(outcome.at)});
  if (finished != 1) return false;
  connection.execute(kLogAttempt,
                     {std::string_view(claim.delivery_id), attempt.attempt, to_unix_millis(attempt.started_at),
                      storage::nullable(attempt.status), attempt.latency_ms, storage::nullable(attempt.error),
                      storage::nullable(attempt.response_body)});
  return true;
}

bool DeliveryStore::retry_now(storage::Connection& connection, std::string_view endpoint_id, std::string_view id,
                              Timestamp now) {
  return connection.execute(kRetryNow, {endpoint_id, id, to_unix_millis(now)}) == 1;
}

std::optional<Delivery> DeliveryStore::find(storage::Connection& connection, std::string_view endpoint_id,
                                            std::string_view id) {
  const auto rows = connection.query(kFind, {endpoint_id, id});
  if (rows.empty()) return std::nullopt;
  std::vector<Delivery> found{read_delivery(rows.front())};
  attach_attempts(connection, found);
  return std::move(found.front());
}

std::vector<Delivery> DeliveryStore::list(storage::Connection& connection, const DeliveryQuery& query) {
  const auto sql = kList + (query.state ? std::string(kWithState) : "") + std::string(kNewestFirst);
  const std::string_view state = query.state ? to_string(*query.state) : "";
  const auto rows = query.state
                        ? connection.query(sql, {std::string_view(query.endpoint_id), query.limit, query.offset, state})
                        : connection.query(sql, {std::string_view(query.endpoint_id), query.limit, query.offset});
  std::vector<Delivery> out;
  for (const auto row : rows) out.push_back(read_delivery(row));
  attach_attempts(connection, out);
  return out;
}

std::int64_t DeliveryStore::count(storage::Connection& connection, const DeliveryQuery& query) {
  if (!query.state) return connection.query(kCount, {std::string_view(query.endpoint_id)}).front().integer(0);
  const auto sql = std::string(kCount) + " AND state = $2";
  return connection.query(sql, {std::string_view(query.endpoint_id), to_string(*query.state)}).front().integer(0);
}

}  // namespace emporium::webhooks
