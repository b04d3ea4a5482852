#pragma once
// The SQL of payment_events: every verified provider event, keyed by (provider, event id), so that each is
// applied at most once.

#include <optional>
#include <string>
#include <string_view>

#include "orders/payment_provider.hpp"
#include "storage/database.hpp"

namespace emporium::payments {

namespace outcome {
inline constexpr std::string_view kApplied = "applied";
inline constexpr std::string_view kIgnored = "ignored";
inline constexpr std::string_view kAnomaly = "anomaly";
inline constexpr std::string_view kPending = "pending";
}  // namespace outcome

struct StoredPaymentEvent {
  std::string provider = {};
  std::string event_id = {};
  std::string type = {};
  std::optional<std::string> order_id = {};
  std::string outcome = {};
  std::optional<std::string> detail = {};
  Timestamp received_at = {};
};

class PaymentEventStore {
 public:
  // Records the event as `pending` in the caller's transaction. False when it was recorded before (a
  // duplicate delivery): on PostgreSQL a concurrent delivery of the same event waits here for the first
  // transaction and then finds it.
  static bool insert(storage::Connection& connection, const orders::ProviderEvent& event, std::string_view digest,
                     Timestamp received_at);
  static void finish(storage::Connection& connection, const orders::ProviderEvent& event,
                     const std::optional<std::string>& order_id, std::string_view outcome, std::string_view detail);
  static std::optional<StoredPaymentEvent> find(storage::Connection& connection, std::string_view provider,
                                                std::string_view event_id);
};

}  // namespace emporium::payments
