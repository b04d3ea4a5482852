#pragma once
// The payment record of each order (table `payments`, migration 0012): written with the order, completed when
// the provider's payment started, and marked succeeded or failed as the money comes in or does not. Orders
// read it for the `payment` block of their JSON; the payments module applies provider events to it.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "orders/order.hpp"
#include "orders/payment_provider.hpp"
#include "storage/database.hpp"

namespace emporium::orders {

namespace record_status {
inline constexpr std::string_view kNotStarted = "not_started";  // the provider has no payment yet
inline constexpr std::string_view kAwaitingPayment = "awaiting_payment";
inline constexpr std::string_view kSucceeded = "succeeded";
inline constexpr std::string_view kFailed = "failed";  // the last attempt failed; the order may still be paid
}  // namespace record_status

struct StoredPayment {
  PaymentRecord record = {};
  std::string status = {};  // record_status
  std::optional<std::string> client_secret = {};
  std::optional<std::string> approval_url = {};
  std::optional<std::int64_t> amount_received = {};
  std::optional<std::string> failure_reason = {};
  Timestamp created_at = {};
  Timestamp updated_at = {};
};

// What came in, as a provider reported it.
struct ReceivedPayment {
  std::int64_t amount = 0;
  std::optional<std::string> reference = {};  // set when the record does not know it yet
  std::optional<std::string> capture_id = {};
};

class PaymentRecords {
 public:
  // The record of a new order (not_started), in its placement transaction.
  // `started`: the provider has nothing to create remotely (manual), so the payment awaits the money at once.
  static void insert(storage::Connection& connection, const Order& order, bool started);
  static std::optional<StoredPayment> find(storage::Connection& connection, std::string_view order_id);
  static std::vector<StoredPayment> find_many(storage::Connection& connection, std::span<const std::string> order_ids);
  // The order whose payment the provider calls `reference`.
  static std::optional<std::string> order_of(storage::Connection& connection, std::string_view provider,
                                             std::string_view reference);

  // not_started → awaiting_payment with what start() made. False when it had started already.
  static bool mark_started(storage::Connection& connection, std::string_view order_id, const StartedPayment& started,
                           Timestamp now);
  static void mark_succeeded(storage::Connection& connection, std::string_view order_id,
                             const ReceivedPayment& received, Timestamp now);
  static void mark_failed(storage::Connection& connection, std::string_view order_id, std::string_view reason,
                          Timestamp now);
};

// The `payment` block of the order's JSON. Secrets (clientSecret, approvalUrl) only when `with_secrets` (the
// order's customer). `status` is the order's payment status, or "not_started" while a pending order's
// provider has no payment yet.
PaymentSession session_from(const Order& order, const std::optional<StoredPayment>& payment, bool with_secrets);

}  // namespace emporium::orders
