#include "orders/payment_records.hpp"

#include "storage/sql_lists.hpp"

namespace emporium::orders {
namespace {
using storage::Connection;
using storage::Param;
using storage::Row;

constexpr std::string_view kColumns =
    "order_id, provider, status, reference, client_secret, approval_url, capture_id, amount, currency, "
    "amount_received, failure_reason, created_at, updated_at";
constexpr std::string_view kInsert =
    "INSERT INTO payments (order_id, provider, status, amount, currency, created_at, updated_at) "
    "VALUES ($1, $2, $6, $3, $4, $5, $5)";
constexpr std::string_view kOrderOf = "SELECT order_id FROM payments WHERE provider = $1 AND reference = $2";
constexpr std::string_view kMarkStarted =
    "UPDATE payments SET status = 'awaiting_payment', reference = $2, client_secret = $3, approval_url = $4, "
    "updated_at = $5 WHERE order_id = $1 AND status = 'not_started'";
// A reference learnt from the provider's event fills a gap; it never replaces a known one.
constexpr std::string_view kMarkSucceeded =
    "UPDATE payments SET status = 'succeeded', amount_received = $2, reference = COALESCE(reference, $3), "
    "capture_id = COALESCE(CAST($4 AS TEXT), capture_id), failure_reason = NULL, updated_at = $5 WHERE order_id = $1";
constexpr std::string_view kMarkFailed =
    "UPDATE payments SET status = 'failed', failure_reason = $2, updated_at = $3 "
    "WHERE order_id = $1 AND status <> 'succeeded'";

StoredPayment read_payment(const Row& row) {
  return StoredPayment{.record = {.order_id = row.text(0),
                                  .provider = row.text(1),
                                  .reference = row.optional_text(3).value_or(""),
                                  .capture_id = row.optional_text(6),
                                  .amount = row.integer(7),
                                  .currency = row.text(8)},
                       .status = row.text(2),
                       .client_secret = row.optional_text(4),
                       .approval_url = row.optional_text(5),
                       .amount_received = row.optional_integer(9),
                       .failure_reason = row.optional_text(10),
                       .created_at = from_unix_millis(row.integer(11)),
                       .updated_at = from_unix_millis(row.integer(12))};
}

Param text_or_null(const std::optional<std::string>& text) {
  if (!text || text->empty()) return nullptr;
  return std::string_view(*text);
}
}  // namespace

void PaymentRecords::insert(Connection& connection, const Order& order, bool started) {
  const auto status = started ? record_status::kAwaitingPayment : record_status::kNotStarted;
  connection.execute(kInsert, {std::string_view(order.id), std::string_view(order.payment_provider), order.total,
                               std::string_view(order.currency), to_unix_millis(order.created_at), status});
}

std::optional<StoredPayment> PaymentRecords::find(Connection& connection, std::string_view order_id) {
  const auto rows =
      connection.query("SELECT " + std::string(kColumns) + " FROM payments WHERE order_id = $1", {order_id});
  if (rows.empty()) return std::nullopt;
  return read_payment(rows.front());
}

std::vector<StoredPayment> PaymentRecords::find_many(Connection& connection, std::span<const std::string> order_ids) {
  std::vector<StoredPayment> out;
  if (order_ids.empty()) return out;
  const auto params = storage::text_params(order_ids);
  const auto sql = "SELECT " + std::string(kColumns) + " FROM payments WHERE order_id IN (" +
                   storage::placeholders(params.size()) + ")";
  for (const auto row : connection.query(sql, params)) out.push_back(read_payment(row));
  return out;
}

std::optional<std::string> PaymentRecords::order_of(Connection& connection, std::string_view provider,
                                                    std::string_view reference) {
  const auto rows = connection.query(kOrderOf, {provider, reference});
  if (rows.empty()) return std::nullopt;
  return rows.front().text(0);
}

bool PaymentRecords::mark_started(Connection& connection, std::string_view order_id, const StartedPayment& started,
                                  Timestamp now) {
  const std::optional<std::string> reference =
      started.reference.empty() ? std::nullopt : std::optional(started.reference);
  return connection.execute(kMarkStarted, {order_id, text_or_null(reference), text_or_null(started.client_secret),
                                           text_or_null(started.approval_url), to_unix_millis(now)}) == 1;
}

void PaymentRecords::mark_succeeded(Connection& connection, std::string_view order_id, const ReceivedPayment& received,
                                    Timestamp now) {
  connection.execute(kMarkSucceeded, {order_id, received.amount, text_or_null(received.reference),
                                      text_or_null(received.capture_id), to_unix_millis(now)});
}

void PaymentRecords::mark_failed(Connection& connection, std::string_view order_id, std::string_view reason,
                                 Timestamp now) {
  connection.execute(kMarkFailed, {order_id, reason, to_unix_millis(now)});
}

PaymentSession session_from(const Order& order, const std::optional<StoredPayment>& payment, bool with_secrets) {
  PaymentSession session{.provider = order.payment_provider, .status = order.payment_status};
  if (!payment) return session;
  const bool pending = order.status == OrderStatus::PendingPayment;
  if (pending && payment->status == record_status::kNotStarted)
    session.status = std::string(record_status::kNotStarted);
  if (!payment->record.reference.empty()) session.reference = payment->record.reference;
  if (pending && payment->status == record_status::kFailed) session.failure_reason = payment->failure_reason;
  if (with_secrets && pending) {
    session.client_secret = payment->client_secret;
    session.approval_url = payment->approval_url;
  }
  return session;
}

}  // namespace emporium::orders
