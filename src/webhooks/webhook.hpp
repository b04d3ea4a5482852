#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/principal.hpp"
#include "support/clock.hpp"

namespace emporium::webhooks {

// The event types an endpoint may subscribe to; "*" subscribes to all of them.
inline constexpr std::string_view kAllEvents = "*";
inline constexpr std::string_view kEventTypes[] = {
    "order.created",   "order.paid",      "order.status_changed", "order.cancelled",   "order.refunded",
    "product.created", "product.updated", "product.deleted",      "product.low_stock", "review.created"};
bool is_event_type(std::string_view type);

// A subscription: where to send which events, signed with its own secret.
struct Endpoint {
  std::string id = {};  // whk_…
  std::string owner_id = {};
  http::Role owner_role = http::Role::Vendor;
  std::string url = {};
  std::string description = {};
  std::vector<std::string> events = {};  // sorted, distinct; {"*"} for every type
  std::string secret = {};               // whsec_…; never shown after creation
  bool enabled = true;
  std::optional<std::string> disabled_reason = {};
  Timestamp created_at{};
  Timestamp updated_at{};
  std::int64_t version = 1;
};

enum class DeliveryState { Pending, Delivering, Delivered, Failed };
std::string_view to_string(DeliveryState state);
std::optional<DeliveryState> delivery_state_from_string(std::string_view text);

// One try at sending a delivery.
struct Attempt {
  std::int64_t attempt = 0;  // 1, 2, …
  Timestamp started_at{};
  std::optional<std::int64_t> status = {};  // the receiver's HTTP status; none when it never answered
  std::int64_t latency_ms = 0;
  std::optional<std::string> error = {};
  std::optional<std::string> response_body = {};  // its first bytes
};

// One event for one endpoint: the message, the same (id and body) on every attempt.
struct Delivery {
  std::string id = {};  // msg_…, the webhook-id header
  std::string endpoint_id = {};
  std::string event_id = {};
  std::string event_type = {};
  std::string payload = {};  // the exact body: {"type","timestamp","data"}
  DeliveryState state = DeliveryState::Pending;
  std::int64_t attempts = 0;
  bool manual = false;
  std::optional<Timestamp> next_attempt_at = {};
  std::optional<std::int64_t> last_status = {};
  std::optional<std::string> last_error = {};
  Timestamp created_at{};
  Timestamp updated_at{};
  std::optional<Timestamp> delivered_at = {};
  std::vector<Attempt> attempt_log = {};  // filled for the delivery log only
};

// POST /api/webhooks.
struct EndpointInput {
  std::string url = {};
  std::vector<std::string> events = {};
  std::string description = {};
};

// PATCH /api/webhooks/:id: only what is present changes.
struct EndpointPatch {
  std::optional<std::string> url = {};
  std::optional<std::vector<std::string>> events = {};
  std::optional<std::string> description = {};
  std::optional<bool> enabled = {};
};

}  // namespace emporium::webhooks
