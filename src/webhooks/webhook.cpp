#include "webhooks/webhook.hpp"

#include <algorithm>
#include <iterator>

namespace emporium::webhooks {
namespace {
constexpr std::pair<DeliveryState, std::string_view> kStateNames[] = {{DeliveryState::Pending, "pending"},
                                                                      {DeliveryState::Delivering, "delivering"},
                                                                      {DeliveryState::Delivered, "delivered"},
                                                                      {DeliveryState::Failed, "failed"}};
}  // namespace

bool is_event_type(std::string_view type) {
  return std::find(std::begin(kEventTypes), std::end(kEventTypes), type) != std::end(kEventTypes);
}

std::string_view to_string(DeliveryState state) {
  for (const auto& [value, name] : kStateNames)
    if (value == state) return name;
  return "pending";
}

std::optional<DeliveryState> delivery_state_from_string(std::string_view text) {
  for (const auto& [value, name] : kStateNames)
    if (name == text) return value;
  return std::nullopt;
}

}  // namespace emporium::webhooks
