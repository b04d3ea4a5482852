#include "webhooks/event_filter.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "webhooks/webhook.hpp"

namespace emporium::webhooks {
namespace {

// The event's data; an object that does not parse (never written so) is sent as {} rather than blocking the
// event stream, whose batch would fail again at every try.
boost::json::value parsed_data(const events::StoredEvent& event) {
  boost::system::error_code error;
  auto data = boost::json::parse(event.data, error);
  if (error || !data.is_object()) return boost::json::object{};
  return data;
}
}  // namespace

bool subscribes(const std::vector<std::string>& subscribed, std::string_view type) {
  return std::any_of(subscribed.begin(), subscribed.end(),
                     [&](const std::string& entry) { return entry == kAllEvents || entry == type; });
}

bool may_receive(http::Role role, std::string_view user_id, const EventAudience& audience) {
  switch (role) {
    case http::Role::Admin:
      return true;
    case http::Role::Vendor:
      return audience.owner_id == user_id ||
             std::find(audience.vendor_ids.begin(), audience.vendor_ids.end(), user_id) != audience.vendor_ids.end();
    case http::Role::Customer:
      break;
  }
  return false;
}

std::vector<std::string> normalised_event_types(std::vector<std::string> types) {
  if (std::find(types.begin(), types.end(), kAllEvents) != types.end()) return {std::string(kAllEvents)};
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  return types;
}

std::optional<std::vector<std::string>> vendor_ids_in(const events::StoredEvent& event) {
  const auto data = parsed_data(event);
  const auto* ids = data.as_object().if_contains("vendorIds");
  if (!ids || !ids->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& id : ids->as_array())
    if (id.is_string()) out.emplace_back(id.as_string());
  return out;
}

bool is_order_event(std::string_view type) { return type.starts_with("order."); }

std::string delivery_payload(const events::StoredEvent& event) {
  return boost::json::serialize(boost::json::object{
      {"type", event.type}, {"timestamp", to_iso8601(event.created_at)}, {"data", parsed_data(event)}});
}

}  // namespace emporium::webhooks
