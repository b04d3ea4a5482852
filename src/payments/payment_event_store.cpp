#include "payments/payment_event_store.hpp"

namespace emporium::payments {
namespace {
using storage::Connection;

constexpr std::string_view kInsert =
    "INSERT INTO payment_events (provider, event_id, type, order_id, outcome, detail, payload_digest, received_at) "
    "VALUES ($1, $2, $3, NULL, 'pending', NULL, $4, $5) ON CONFLICT (provider, event_id) DO NOTHING";
constexpr std::string_view kFinish =
    "UPDATE payment_events SET order_id = $3, outcome = $4, detail = $5 WHERE provider = $1 AND event_id = $2";
constexpr std::string_view kFind =
    "SELECT provider, event_id, type, order_id, outcome, detail, received_at FROM payment_events "
    "WHERE provider = $1 AND event_id = $2";
}  // namespace

bool PaymentEventStore::insert(Connection& connection, const orders::ProviderEvent& event, std::string_view digest,
                               Timestamp received_at) {
  return connection.execute(kInsert, {std::string_view(event.provider), std::string_view(event.event_id),
                                      std::string_view(event.type), digest, to_unix_millis(received_at)}) == 1;
}

void PaymentEventStore::finish(Connection& connection, const orders::ProviderEvent& event,
                               const std::optional<std::string>& order_id, std::string_view outcome,
                               std::string_view detail) {
  const storage::Param detail_param = detail.empty() ? storage::Param(nullptr) : storage::Param(detail);
  connection.execute(kFinish, {std::string_view(event.provider), std::string_view(event.event_id),
                               storage::nullable(order_id), outcome, detail_param});
}

std::optional<StoredPaymentEvent> PaymentEventStore::find(Connection& connection, std::string_view provider,
                                                          std::string_view event_id) {
  const auto rows = connection.query(kFind, {provider, event_id});
  if (rows.empty()) return std::nullopt;
  const auto row = rows.front();
  return StoredPaymentEvent{.provider = row.text(0),
                            .event_id = row.text(1),
                            .type = row.text(2),
                            .order_id = row.optional_text(3),
                            .outcome = row.text(4),
                            .detail = row.optional_text(5),
                            .received_at = from_unix_millis(row.integer(6))};
}

}  // namespace emporium::payments
