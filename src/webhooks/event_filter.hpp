#pragma once
// Which endpoint gets which event: the endpoint must subscribe to the type ("*" for all), and its owner must be
// allowed to see the event — admins see every event; vendors the events about their own products (the event's
// owner) and about orders holding their products (the order's vendor ids); nobody else anything.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/event_dispatcher.hpp"
#include "http/principal.hpp"

namespace emporium::webhooks {

// Who an event is about.
struct EventAudience {
  std::optional<std::string> owner_id = {};  // the vendor whose product (or product's review) it is
  std::vector<std::string> vendor_ids = {};  // order events: the vendors with lines in the order
};

bool subscribes(const std::vector<std::string>& subscribed, std::string_view type);
bool may_receive(http::Role role, std::string_view user_id, const EventAudience& audience);

// Sorted, without duplicates; {"*"} when "*" is among them.
std::vector<std::string> normalised_event_types(std::vector<std::string> types);

// data.vendorIds of an event, when the event carries it (order events do, except order.paid and order.refunded).
std::optional<std::vector<std::string>> vendor_ids_in(const events::StoredEvent& event);
// True for events about an order (their subject is the order).
bool is_order_event(std::string_view type);

// The body of every attempt: {"type": …, "timestamp": <the event's time, ISO 8601>, "data": <the event's data>}.
std::string delivery_payload(const events::StoredEvent& event);

}  // namespace emporium::webhooks
