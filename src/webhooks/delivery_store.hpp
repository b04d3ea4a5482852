#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"
#include "webhooks/webhook.hpp"

namespace emporium::webhooks {

// A delivery a worker claimed: what it needs to send it, and the token that makes the outcome its to record.
struct Claim {
  std::string delivery_id = {};
  std::string endpoint_id = {};
  std::string url = {};
  std::string secret = {};
  std::string payload = {};
  std::string token = {};
  std::int64_t attempt = 0;  // the number of this attempt
  bool manual = false;
};

// How an attempt ended, as the delivery keeps it.
struct Outcome {
  DeliveryState state = DeliveryState::Pending;   // Pending (retry), Delivered or Failed
  std::optional<Timestamp> next_attempt_at = {};  // Pending only
  std::optional<std::int64_t> status = {};
  std::optional<std::string> error = {};
  Timestamp at{};
};

struct DeliveryQuery {
  std::string endpoint_id = {};
  std::optional<DeliveryState> state = {};
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

// SQL of webhook_deliveries (a queue with leases) and webhook_attempts.
class DeliveryStore {
 public:
  // A pending delivery, due at `now`; nothing when the endpoint has one for this event already. True when new.
  static bool plan(storage::Connection& connection, const Delivery& delivery);
  // Claims up to `limit` due deliveries of enabled endpoints until `lease_until`: each gets a new token and its
  // attempt number. `token()` makes a token.
  static std::vector<Claim> claim(storage::Connection& connection, storage::Backend backend, Timestamp now,
                                  Timestamp lease_until, std::int64_t limit, const std::function<std::string()>& token);
  // Records the outcome of the attempt, only while `claim.token` still holds the delivery (no other worker took
  // it over after the lease ran out, no deletion meanwhile), and logs the attempt. False when it did not hold.
  static bool finish(storage::Connection& connection, const Claim& claim, const Outcome& outcome,
                     const Attempt& attempt);
  // Makes a delivery that is not being sent due at `now`; a failed or delivered one as a manual retry (one
  // attempt, no schedule). False when it is being sent (or is not the endpoint's).
  static bool retry_now(storage::Connection& connection, std::string_view endpoint_id, std::string_view id,
                        Timestamp now);
  static std::optional<Delivery> find(storage::Connection& connection, std::string_view endpoint_id,
                                      std::string_view id);
  // Newest first, each with its attempts.
  static std::vector<Delivery> list(storage::Connection& connection, const DeliveryQuery& query);
  static std::int64_t count(storage::Connection& connection, const DeliveryQuery& query);
};

}  // namespace emporium::webhooks
