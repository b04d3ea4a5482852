#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "orders/order.hpp"
#include "storage/database.hpp"

namespace emporium::orders {

// Which orders a list shows. Exactly one scope applies: a customer's own, a vendor's (orders holding its
// lines), or every order (admins, who may name a customer).
struct OrderFilter {
  enum class Scope { Customer, Vendor, All };
  Scope scope = Scope::All;
  std::optional<std::string> owner_id = {};  // the customer (Customer, or All with ?customerId) or the vendor
  std::optional<OrderStatus> status = {};
  std::optional<Timestamp> created_from = {};  // inclusive
  std::optional<Timestamp> created_to = {};    // inclusive
};

// What a status change writes besides the status (NULL-valued fields are left as they are).
struct StatusWrite {
  OrderStatus from = OrderStatus::PendingPayment;
  OrderStatus to = OrderStatus::PendingPayment;
  Timestamp now = {};
  std::optional<std::string_view> payment_status = {};
  bool set_paid_at = false;
  bool set_cancelled_at = false;
  std::optional<Timestamp> expired_by = {};  // only if expires_at <= this (the expiry job)
};

// The SQL of orders, their lines and their timeline. No rules here: the services decide.
class OrderStore {
 public:
  static void insert(storage::Connection& connection, const Order& order);
  static void insert_event(storage::Connection& connection, const OrderEvent& event);

  // With its lines.
  static std::optional<Order> find(storage::Connection& connection, std::string_view id);
  // The customer's order placed with this Idempotency-Key at or after `since`.
  static std::optional<Order> find_by_key(storage::Connection& connection, std::string_view customer_id,
                                          std::string_view key, Timestamp since);
  // Newest first, with their lines; `total` is the count of every match.
  static std::vector<Order> list(storage::Connection& connection, const OrderFilter& filter, std::int64_t limit,
                                 std::int64_t offset, std::int64_t& total);
  // Oldest first.
  static std::vector<OrderEvent> events_of(storage::Connection& connection, std::string_view order_id);

  // The conditional update every transition is: `WHERE id = $1 AND status = <from>` (and, for the expiry job,
  // `expires_at <= <expired_by>`), moving the version on. False when the order was no longer in `from`: another
  // transition won, and this one must not act.
  static bool update_status(storage::Connection& connection, std::string_view id, const StatusWrite& write);
  // Takes the order's row lock for the rest of the transaction, whatever its status (read the order after
  // it). False when there is no such order.
  static bool lock(storage::Connection& connection, std::string_view id);
  // Sets the payment status alone (a cancelled order's refund), if the order is still in `status`.
  static bool set_payment_status(storage::Connection& connection, std::string_view id, OrderStatus status,
                                 std::string_view payment_status, Timestamp now);
  // Takes the order's row lock and moves its version on, if it is still in `status`.
  static bool touch(storage::Connection& connection, std::string_view id, OrderStatus status, Timestamp now);

  // Marks the vendor's unfulfilled lines (all unfulfilled lines when `vendor_id` is empty) shipped; returns
  // how many.
  static std::int64_t ship_lines(storage::Connection& connection, std::string_view order_id,
                                 std::optional<std::string_view> vendor_id, const std::optional<std::string>& carrier,
                                 const std::optional<std::string>& tracking_number, Timestamp now);
  static void deliver_lines(storage::Connection& connection, std::string_view order_id);
  static std::int64_t count_unshipped(storage::Connection& connection, std::string_view order_id);

  // Orders still pending payment whose time ran out by `now`, oldest first.
  static std::vector<std::string> due_for_expiry(storage::Connection& connection, Timestamp now, std::int64_t limit);
};

}  // namespace emporium::orders
