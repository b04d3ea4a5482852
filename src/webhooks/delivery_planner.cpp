#include "webhooks/delivery_planner.hpp"

#include <optional>

#include "webhooks/delivery_store.hpp"
#include "webhooks/endpoint_store.hpp"
#include "webhooks/event_filter.hpp"

namespace emporium::webhooks {
namespace {
// The vendors of an order without vendorIds in its event (order.paid, order.refunded): read from its lines.
constexpr std::string_view kOrderVendors = "SELECT DISTINCT vendor_id FROM order_lines WHERE order_id = $1";

// Who the event is about; the order's vendors are only looked up when a vendor's endpoint needs them.
class Audience {
 public:
  Audience(storage::Connection& connection, const events::StoredEvent& event)
      : connection_(connection), event_(event) {}

  const EventAudience& get(http::Role role) {
    if (role == http::Role::Vendor && !complete_) complete();
    return audience_;
  }

 private:
  void complete() {
    complete_ = true;
    audience_.owner_id = event_.owner_id;
    if (!is_order_event(event_.type)) return;
    if (auto ids = vendor_ids_in(event_)) {
      audience_.vendor_ids = std::move(*ids);
      return;
    }
    for (const auto row : connection_.query(kOrderVendors, {std::string_view(event_.subject_id)}))
      audience_.vendor_ids.push_back(row.text(0));
  }

  storage::Connection& connection_;
  const events::StoredEvent& event_;
  EventAudience audience_;
  bool complete_ = false;
};
}  // namespace

bool DeliveryPlanner::plan(storage::Connection& connection, const events::StoredEvent& event) {
  if (!is_event_type(event.type)) return false;
  Audience audience(connection, event);
  std::optional<std::string> payload;
  bool planned_any = false;
  for (const auto& subscriber : EndpointStore::subscribers(connection)) {
    if (!subscribes(subscriber.events, event.type)) continue;
    if (!may_receive(subscriber.owner_role, subscriber.owner_id, audience.get(subscriber.owner_role))) continue;
    if (!payload) payload = delivery_payload(event);
    planned_any |= DeliveryStore::plan(connection, {.id = ids_.next("msg"),
                                                    .endpoint_id = subscriber.endpoint_id,
                                                    .event_id = event.id,
                                                    .event_type = event.type,
                                                    .payload = *payload,
                                                    .created_at = clock_.now()});
  }
  return planned_any;
}

void DeliveryPlanner::planned() {
  if (on_planned_) on_planned_();
}

}  // namespace emporium::webhooks
