#include "orders/order_timeline.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "orders/order_store.hpp"

namespace emporium::orders {
namespace {

boost::json::value text_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return boost::json::string(*text);
}

boost::json::array vendor_ids(const Order& order) {
  std::vector<std::string> ids;
  for (const auto& line : order.lines) ids.push_back(line.vendor_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  boost::json::array out;
  for (auto& id : ids) out.emplace_back(id);
  return out;
}
}  // namespace

void OrderTimeline::append(storage::Connection& connection, OrderEvent event) {
  event.id = ids_.next("oev");
  OrderStore::insert_event(connection, event);
}

void OrderTimeline::publish(storage::Connection& connection, std::string type, const Order& order,
                            boost::json::object data) {
  data["orderId"] = order.id;
  events_.record(connection, events::Event{.type = std::move(type),
                                           .subject_id = order.id,
                                           .owner_id = std::nullopt,
                                           .data = boost::json::serialize(data)});
}

void OrderTimeline::created(storage::Connection& connection, const Order& order) {
  boost::json::object data{
      {"total", order.total}, {"currency", order.currency}, {"items", static_cast<std::int64_t>(order.lines.size())}};
  append(connection, OrderEvent{.order_id = order.id,
                                .type = std::string(event_types::kCreated),
                                .to_status = order.status,
                                .actor_id = order.customer_id,
                                .data = boost::json::serialize(data),
                                .created_at = order.created_at});
  data["customerId"] = order.customer_id;
  data["status"] = to_string(order.status);
  data["vendorIds"] = vendor_ids(order);
  publish(connection, "order.created", order, std::move(data));
}

void OrderTimeline::status_changed(storage::Connection& connection, const Order& order,
                                   const TransitionRecord& record) {
  append(connection, OrderEvent{.order_id = order.id,
                                .type = std::string(event_types::kStatusChanged),
                                .from_status = record.from,
                                .to_status = record.to,
                                .actor_id = record.actor_id,
                                .note = record.note,
                                .data = boost::json::serialize(record.data),
                                .created_at = record.at});
  publish(connection, "order.status_changed", order,
          {{"from", to_string(record.from)},
           {"to", to_string(record.to)},
           {"actorId", text_or_null(record.actor_id)},
           {"customerId", order.customer_id},
           {"vendorIds", vendor_ids(order)}});
  if (record.to == OrderStatus::Paid) {
    publish(connection, "order.paid", order,
            {{"total", order.total},
             {"currency", order.currency},
             {"customerId", order.customer_id},
             {"vendorIds", vendor_ids(order)}});
  }
  if (record.to == OrderStatus::Cancelled) {
    auto data = record.data;
    data["customerId"] = order.customer_id;
    data["vendorIds"] = vendor_ids(order);
    publish(connection, "order.cancelled", order, std::move(data));
  }
}

void OrderTimeline::refunded(storage::Connection& connection, const Order& order, const RefundRecord& record) {
  boost::json::object data{{"refundId", record.refund_id},
                           {"amount", record.amount},
                           {"currency", record.currency},
                           {"totalRefunded", record.total_refunded}};
  auto entry = data;
  entry["reason"] = record.reason;
  entry["restocked"] = record.restocked;
  append(connection, OrderEvent{.order_id = order.id,
                                .type = std::string(event_types::kRefunded),
                                .actor_id = record.actor_id,
                                .note = record.reason,
                                .data = boost::json::serialize(entry),
                                .created_at = record.at});
  data["customerId"] = order.customer_id;
  data["vendorIds"] = vendor_ids(order);
  publish(connection, "order.refunded", order, std::move(data));
}

void OrderTimeline::lines_shipped(storage::Connection& connection, const Order& order, const std::string& actor_id,
                                  const std::vector<std::string>& line_ids, const std::optional<std::string>& carrier,
                                  const std::optional<std::string>& tracking_number, Timestamp at) {
  boost::json::array lines;
  for (const auto& id : line_ids) lines.emplace_back(id);
  const boost::json::object data{{"lineIds", std::move(lines)},
                                 {"carrier", text_or_null(carrier)},
                                 {"trackingNumber", text_or_null(tracking_number)}};
  append(connection, OrderEvent{.order_id = order.id,
                                .type = std::string(event_types::kLinesShipped),
                                .actor_id = actor_id,
                                .data = boost::json::serialize(data),
                                .created_at = at});
}

}  // namespace emporium::orders
