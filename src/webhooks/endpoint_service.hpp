#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "http/principal.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"
#include "support/problem.hpp"
#include "webhooks/delivery_store.hpp"
#include "webhooks/webhook.hpp"

namespace emporium::webhooks {

struct EndpointsContext {
  storage::Database& database;
  IdGenerator& ids;
  const Clock& clock;
  audit::AuditLog& audit;
  bool allow_http = false;
  bool allow_private = false;
  std::function<void()> wake_worker = {};  // after a manual retry: deliver now, not at the next interval
};

struct EndpointListing {
  std::vector<Endpoint> endpoints = {};
  std::int64_t total = 0;
};

struct DeliveryListing {
  std::vector<Delivery> deliveries = {};
  std::int64_t total = 0;
};

// Subscriptions and their delivery logs. Admins see and change every endpoint, vendors their own; anyone
// else's endpoint answers 404, like one that does not exist. Inputs arrive checked by the rules
// (webhook_rules.hpp); where a URL leads is checked here (DNS), before the transaction.
class EndpointService {
 public:
  explicit EndpointService(EndpointsContext context) : context_(context) {}

  // The new endpoint, with its secret (the only time it is shown).
  Result<Endpoint> create(const http::Principal& owner, EndpointInput input, const std::string& client_ip);
  Result<EndpointListing> list(const http::Principal& viewer, std::int64_t limit, std::int64_t offset);
  Result<Endpoint> get(const http::Principal& viewer, std::string_view id);
  Result<Endpoint> update(const http::Principal& actor, std::string_view id, EndpointPatch patch,
                          const std::string& client_ip);
  Result<void> remove(const http::Principal& actor, std::string_view id, const std::string& client_ip);
  // `query.endpoint_id` is replaced by `id`.
  Result<DeliveryListing> deliveries(const http::Principal& viewer, std::string_view id, DeliveryQuery query);
  // Makes the delivery due now (a failed or delivered one gets one more, manual, attempt).
  Result<Delivery> retry(const http::Principal& actor, std::string_view id, std::string_view delivery_id);

 private:
  Result<void> check_destination(const std::string& url) const;

  EndpointsContext context_;
};

}  // namespace emporium::webhooks
