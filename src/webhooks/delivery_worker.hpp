#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "notifications/mailer.hpp"
#include "outbound/http_client.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "webhooks/delivery_store.hpp"
#include "webhooks/endpoint_store.hpp"

namespace emporium::webhooks {

struct WorkerDependencies {
  storage::Database& database;
  const Clock& clock;
  audit::AuditLog& audit;
  outbound::HttpClient& http;
  notifications::Mailer& mailer;
};

struct WorkerSettings {
  std::vector<std::chrono::milliseconds> retry_schedule = {};
  std::chrono::milliseconds timeout{10'000};  // the whole request
  bool allow_private = false;
  std::size_t batch = 8;                // deliveries claimed, and sent at once, per round
  std::function<double()> random = {};  // jitter source in [0, 1); empty: unit_random()
};

// Sends due deliveries: claims a batch with a lease in one short transaction, sends every claimed delivery
// with no transaction open (in parallel), then records each outcome in its own transaction, only while the
// claim is still its own. A worker that dies after claiming leaves the lease to run out; the next run takes
// the deliveries over, so nothing is lost (a receiver may see a message twice, with the same webhook-id).
class DeliveryWorker {
 public:
  DeliveryWorker(WorkerDependencies dependencies, WorkerSettings settings);

  // Rounds until nothing is due or `stopping()`. Returns how many attempts it made.
  std::size_t run(const std::function<bool()>& stopping);
  // The lease a claim holds: long enough for the request and the record of its outcome.
  std::chrono::milliseconds lease() const;

 private:
  struct Sent;
  std::vector<Claim> claim();
  Sent send(const Claim& claim) const;
  Sent send_safely(const Claim& claim) const;
  void record(const Claim& claim, const Sent& sent);
  // Turns the claim's endpoint off; whom to tell when `tell_owner` and it was on until now.
  std::optional<OwnerContact> disable(storage::Connection& connection, const Claim& claim, const std::string& reason,
                                      bool tell_owner, Timestamp now);
  void tell(const OwnerContact& owner, const Claim& claim, const std::string& reason);

  WorkerDependencies dependencies_;
  WorkerSettings settings_;
};

}  // namespace emporium::webhooks
