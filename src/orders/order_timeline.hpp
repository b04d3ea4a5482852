#pragma once
// Records what happens to an order, in the transaction of the change: a row of its timeline (order_events)
// and the business events others react to (events table: order.created, order.status_changed, order.paid,
// order.cancelled, order.refunded).

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "events/event_log.hpp"
#include "orders/order.hpp"
#include "storage/database.hpp"
#include "support/ids.hpp"

namespace emporium::orders {

struct TransitionRecord {
  OrderStatus from = OrderStatus::PendingPayment;
  OrderStatus to = OrderStatus::PendingPayment;
  std::optional<std::string> actor_id = {};  // empty: the system
  std::optional<std::string> note = {};
  boost::json::object data = {};  // extra detail: {"reason": "expired"}, {"refundDue": 2599}
  Timestamp at = {};
};

// A refund the provider confirmed, as the timeline and `order.refunded` tell it.
struct RefundRecord {
  std::string refund_id = {};  // rfd_…
  std::int64_t amount = 0;
  std::string currency = {};
  std::int64_t total_refunded = 0;  // every confirmed refund of the order, this one included
  std::optional<std::string> actor_id = {};
  std::string reason = {};
  bool restocked = false;
  Timestamp at = {};
};

class OrderTimeline {
 public:
  OrderTimeline(IdGenerator& ids, events::EventLog& events) : ids_(ids), events_(events) {}

  // The first entry, and `order.created` (store-wide: owner NULL; data lists the vendors involved).
  void created(storage::Connection& connection, const Order& order);
  // `order.status_changed`, plus `order.paid` / `order.cancelled` for those targets.
  void status_changed(storage::Connection& connection, const Order& order, const TransitionRecord& record);
  // A refund entry, and `order.refunded` (data: refundId, amount, currency, totalRefunded, customerId,
  // vendorIds, orderId; subject the order, owner NULL).
  void refunded(storage::Connection& connection, const Order& order, const RefundRecord& record);
  // A vendor (or an admin, for every line) marked lines shipped.
  void lines_shipped(storage::Connection& connection, const Order& order, const std::string& actor_id,
                     const std::vector<std::string>& line_ids, const std::optional<std::string>& carrier,
                     const std::optional<std::string>& tracking_number, Timestamp at);

 private:
  void append(storage::Connection& connection, OrderEvent event);
  void publish(storage::Connection& connection, std::string type, const Order& order, boost::json::object data);

  IdGenerator& ids_;
  events::EventLog& events_;
};

}  // namespace emporium::orders
