#include "payments/refund_store.hpp"

namespace emporium::payments {
namespace {
using storage::Connection;
using storage::Row;

constexpr std::string_view kColumns =
    "id, order_id, provider, amount, currency, reason, restock, status, provider_refund_id, failure_reason, "
    "actor_id, request_key, attempts, created_at, updated_at";
constexpr std::string_view kInsert =
    "INSERT INTO refunds (id, order_id, provider, amount, currency, reason, restock, status, actor_id, request_key, "
    "attempts, lease_until, attempt_token, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, 1, $10, $11, $12, $12)";
// SUM of BIGINT is NUMERIC on PostgreSQL: cast back.
constexpr std::string_view kTotals =
    "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'succeeded' THEN amount ELSE 0 END), 0) AS BIGINT), "
    "CAST(COALESCE(SUM(CASE WHEN status = 'pending' THEN amount ELSE 0 END), 0) AS BIGINT) "
    "FROM refunds WHERE order_id = $1";
constexpr std::string_view kRestocks =
    "SELECT COUNT(*) FROM refunds WHERE order_id = $1 AND restock AND status <> 'failed'";
// Only refunds the provider has not accepted are sent again; accepted ones wait for its confirmation. One at a
// time, with its order's row lock (the lock every refund write takes first), skipping orders another node
// holds: PostgreSQL locks the order row only (OF o).
constexpr std::string_view kDue =
    "SELECT r.id FROM refunds r JOIN orders o ON o.id = r.order_id "
    "WHERE r.status = 'pending' AND r.provider_refund_id IS NULL AND r.lease_until <= $1 "
    "ORDER BY r.lease_until, r.id LIMIT 1";
constexpr std::string_view kDueLock = " FOR UPDATE OF o SKIP LOCKED";
// Checked again under the lock: another node may have claimed it between the SELECT's snapshot and the lock.
constexpr std::string_view kLease =
    "UPDATE refunds SET lease_until = $2, attempt_token = $3, attempts = attempts + 1 "
    "WHERE id = $1 AND status = 'pending' AND provider_refund_id IS NULL AND lease_until <= $4";
constexpr int kClaimTries = 5;
// The payments table is read here (not only through PaymentRecords) so that owed orders are found in one query.
// Not while a refund is pending, nor after the system's own refund failed (an admin decides then), nor when
// everything received was given back. Never for manual payments: no money moved through a provider, so an
// admin records the refund when the store gave the money back.
constexpr std::string_view kOwed =
    "SELECT o.id FROM orders o JOIN payments p ON p.order_id = o.id "
    "WHERE o.payment_status = 'refund_due' AND o.payment_provider <> 'manual' AND p.amount_received > 0 "
    "AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id "
    "AND (r.status = 'pending' OR (r.status = 'failed' AND r.actor_id IS NULL))) "
    "AND p.amount_received > (SELECT COALESCE(SUM(s.amount), 0) FROM refunds s WHERE s.order_id = o.id "
    "AND s.status = 'succeeded') ORDER BY o.id LIMIT $1";
constexpr std::string_view kAccepted =
    "UPDATE refunds SET provider_refund_id = $3, failure_reason = NULL, updated_at = $4 "
    "WHERE id = $1 AND attempt_token = $2 AND status = 'pending'";
constexpr std::string_view kReschedule =
    "UPDATE refunds SET lease_until = $3, failure_reason = $4, updated_at = $5 "
    "WHERE id = $1 AND attempt_token = $2 AND status = 'pending'";
// The outcome of an event (any pending refund) or of one attempt (only while it holds the lease's token).
constexpr std::string_view kFailed =
    "UPDATE refunds SET status = 'failed', failure_reason = $2, updated_at = $3 WHERE id = $1 AND status = 'pending' "
    "AND (CAST($4 AS TEXT) IS NULL OR attempt_token = $4)";
constexpr std::string_view kSucceeded =
    "UPDATE refunds SET status = 'succeeded', provider_refund_id = COALESCE(CAST($2 AS TEXT), provider_refund_id), "
    "failure_reason = NULL, updated_at = $3 WHERE id = $1 AND status = 'pending' "
    "AND (CAST($4 AS TEXT) IS NULL OR attempt_token = $4)";
constexpr std::string_view kLearnt =
    "UPDATE refunds SET provider_refund_id = $2, failure_reason = NULL, updated_at = $3 "
    "WHERE id = $1 AND status = 'pending' AND provider_refund_id IS NULL";
constexpr std::string_view kByProviderId = " FROM refunds WHERE order_id = $1 AND provider_refund_id = $2";

Refund read_refund(const Row& row) {
  return Refund{.id = row.text(0),
                .order_id = row.text(1),
                .provider = row.text(2),
                .amount = row.integer(3),
                .currency = row.text(4),
                .reason = row.text(5),
                .restock = row.boolean(6),
                .status = row.text(7),
                .provider_refund_id = row.optional_text(8),
                .failure_reason = row.optional_text(9),
                .actor_id = row.optional_text(10),
                .request_key = row.optional_text(11),
                .attempts = row.integer(12),
                .created_at = from_unix_millis(row.integer(13)),
                .updated_at = from_unix_millis(row.integer(14))};
}

std::vector<std::string> ids_of(const storage::Rows& rows) {
  std::vector<std::string> ids;
  for (const auto row : rows) ids.push_back(row.text(0));
  return ids;
}
}  // namespace

void RefundStore::insert(Connection& connection, const Refund& r, Timestamp lease_until, std::string_view token) {
  connection.execute(
      kInsert, {std::string_view(r.id), std::string_view(r.order_id), std::string_view(r.provider), r.amount,
                std::string_view(r.currency), std::string_view(r.reason), r.restock, storage::nullable(r.actor_id),
                storage::nullable(r.request_key), to_unix_millis(lease_until), token, to_unix_millis(r.created_at)});
}

std::optional<Refund> RefundStore::find(Connection& connection, std::string_view id) {
  const auto rows = connection.query("SELECT " + std::string(kColumns) + " FROM refunds WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return read_refund(rows.front());
}

std::vector<Refund> RefundStore::of_order(Connection& connection, std::string_view order_id) {
  std::vector<Refund> refunds;
  const auto sql = "SELECT " + std::string(kColumns) + " FROM refunds WHERE order_id = $1 ORDER BY created_at, id";
  for (const auto row : connection.query(sql, {order_id})) refunds.push_back(read_refund(row));
  return refunds;
}

std::optional<Refund> RefundStore::find_by_key(Connection& connection, std::string_view actor_id, std::string_view key,
                                               Timestamp since) {
  const auto sql = "SELECT " + std::string(kColumns) +
                   " FROM refunds WHERE actor_id = $1 AND request_key = $2 AND created_at >= $3 "
                   "ORDER BY created_at DESC, id DESC LIMIT 1";
  const auto rows = connection.query(sql, {actor_id, key, to_unix_millis(since)});
  if (rows.empty()) return std::nullopt;
  return read_refund(rows.front());
}

RefundTotals RefundStore::totals(Connection& connection, std::string_view order_id) {
  const auto rows = connection.query(kTotals, {order_id});
  return {.succeeded = rows.front().integer(0), .pending = rows.front().integer(1)};
}

bool RefundStore::restocks(Connection& connection, std::string_view order_id) {
  return connection.query(kRestocks, {order_id}).front().integer(0) > 0;
}

std::optional<std::string> RefundStore::claim_one(Connection& connection, storage::Backend backend, Timestamp now,
                                                  Timestamp lease_until, std::string_view token) {
  const auto sql = std::string(kDue) + std::string(backend == storage::Backend::Postgres ? kDueLock : "");
  for (int attempt = 0; attempt < kClaimTries; ++attempt) {
    const auto ids = ids_of(connection.query(sql, {to_unix_millis(now)}));
    if (ids.empty()) return std::nullopt;
    const std::string_view id = ids.front();
    if (connection.execute(kLease, {id, to_unix_millis(lease_until), token, to_unix_millis(now)}) == 1)
      return ids.front();
  }
  return std::nullopt;  // lost every race: the next run tries again
}

std::vector<std::string> RefundStore::orders_owed(Connection& connection, std::int64_t limit) {
  return ids_of(connection.query(kOwed, {limit}));
}

bool RefundStore::record_accepted(Connection& connection, std::string_view id, std::string_view token,
                                  std::string_view provider_refund_id, Timestamp now) {
  return connection.execute(kAccepted, {id, token, provider_refund_id, to_unix_millis(now)}) == 1;
}

bool RefundStore::reschedule(Connection& connection, std::string_view id, std::string_view token, Timestamp retry_at,
                             std::string_view error, Timestamp now) {
  return connection.execute(kReschedule, {id, token, to_unix_millis(retry_at), error, to_unix_millis(now)}) == 1;
}

bool RefundStore::mark_failed(Connection& connection, std::string_view id, std::string_view reason, Timestamp now,
                              std::optional<std::string_view> token) {
  return connection.execute(kFailed, {id, reason, to_unix_millis(now), storage::nullable(token)}) == 1;
}

bool RefundStore::mark_succeeded(Connection& connection, std::string_view id,
                                 const std::optional<std::string>& provider_refund_id, Timestamp now,
                                 std::optional<std::string_view> token) {
  return connection.execute(kSucceeded, {id, storage::nullable(provider_refund_id), to_unix_millis(now),
                                         storage::nullable(token)}) == 1;
}

bool RefundStore::learn_provider_id(Connection& connection, std::string_view id, std::string_view provider_refund_id,
                                    Timestamp now) {
  return connection.execute(kLearnt, {id, provider_refund_id, to_unix_millis(now)}) == 1;
}

std::optional<Refund> RefundStore::find_by_provider_id(Connection& connection, std::string_view order_id,
                                                       std::string_view provider_refund_id) {
  const auto rows =
      connection.query("SELECT " + std::string(kColumns) + std::string(kByProviderId), {order_id, provider_refund_id});
  if (rows.empty()) return std::nullopt;
  return read_refund(rows.front());
}

}  // namespace emporium::payments
