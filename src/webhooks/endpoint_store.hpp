#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"
#include "webhooks/webhook.hpp"

namespace emporium::webhooks {

// An enabled endpoint as the planner sees it, with its owner's role of today (a vendor made customer, or a
// disabled account, no longer receives anything).
struct Subscriber {
  std::string endpoint_id = {};
  std::string owner_id = {};
  http::Role owner_role = http::Role::Customer;
  std::vector<std::string> events = {};
};

// Whom to tell that an endpoint was disabled.
struct OwnerContact {
  std::string email = {};
  std::string name = {};
};

// SQL of webhook_endpoints. `owner` filters lists to one owner's endpoints (nullopt: everyone's).
class EndpointStore {
 public:
  static void insert(storage::Connection& connection, const Endpoint& endpoint);
  static std::optional<Endpoint> find(storage::Connection& connection, std::string_view id);
  static std::vector<Endpoint> list(storage::Connection& connection, const std::optional<std::string>& owner,
                                    std::int64_t limit, std::int64_t offset);
  static std::int64_t count(storage::Connection& connection, const std::optional<std::string>& owner);
  // Writes url, description, events, enabled and disabled_reason; bumps the version. False when it is gone.
  static bool update(storage::Connection& connection, const Endpoint& endpoint);
  // Turns an enabled endpoint off with `reason`. False when it was off (or gone) already.
  static bool disable(storage::Connection& connection, std::string_view id, std::string_view reason, Timestamp now);
  // The endpoint with its deliveries and their attempts.
  static bool remove(storage::Connection& connection, std::string_view id);
  // Holds the owner's row until the transaction ends, so that concurrent registrations count one at a time.
  static void lock_owner(storage::Connection& connection, std::string_view owner_id);
  static std::vector<Subscriber> subscribers(storage::Connection& connection);
  static std::optional<OwnerContact> owner_contact(storage::Connection& connection, std::string_view owner_id);
};

std::string events_json(const std::vector<std::string>& events);
std::vector<std::string> events_from_json(std::string_view json);

}  // namespace emporium::webhooks
