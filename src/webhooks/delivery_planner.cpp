#include "webhooks/delivery_planner.hpp"

#include <optional>

#include "webhooks/delivery_store.hpp"
#include "webhooks/endpoint_store.hpp"
#include "webhooks/event_filter.hpp"

namespace emporium::webhooks {
namespace {
// Who the event is about: its owner, and for order events the vendors with lines in the order (every order
// event names them in vendorIds).
EventAudience audience_of(const events::StoredEvent& event) {
  EventAudience audience{.owner_id = event.owner_id};
  if (is_order_event(event.type)) audience.vendor_ids = vendor_ids_in(event).value_or(std::vector<std::string>{});
  return audience;
}
}  // namespace

bool DeliveryPlanner::plan(storage::Connection& connection, const events::StoredEvent& event) {
  if (!is_event_type(event.type)) return false;
  std::optional<EventAudience> audience;  // read from the event only when a subscriber needs it
  std::optional<std::string> payload;
  bool planned_any = false;
  for (const auto& subscriber : EndpointStore::subscribers(connection)) {
    if (!subscribes(subscriber.events, event.type)) continue;
    if (!audience) audience = audience_of(event);
    if (!may_receive(subscriber.owner_role, subscriber.owner_id, *audience)) continue;
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
