#pragma once
// Turning recorded events into the work of their consumers (mail messages, webhook deliveries), once.
//
// The dispatcher claims a batch of undispatched events in ONE write transaction (FOR UPDATE SKIP LOCKED on
// PostgreSQL, so dispatchers on several nodes take different events), asks every consumer to write its own
// durable jobs for each event in that same transaction, and marks the events dispatched. The jobs exist
// exactly when the mark committed: a crash before the commit leaves the events for the next run, never half
// planned. Consumers deliver their jobs later with their own workers, leases and retries.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/event_log.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"

namespace emporium::events {

// An event as read back from the events table.
struct StoredEvent {
  std::string id = {};  // evt_…
  std::string type = {};
  std::string subject_id = {};
  std::optional<std::string> owner_id = {};
  std::string data = {};  // a JSON object
  Timestamp created_at = {};
};

class EventConsumer {
 public:
  virtual ~EventConsumer() = default;
  virtual std::string_view name() const = 0;
  // Writes this consumer's jobs for the event (or nothing, when it does not care) in the dispatcher's
  // transaction. Reads what it needs (the order, the customer's e-mail) with the same connection. Must not
  // call out of the process: a throw rolls the whole batch back and it is planned again later.
  // Returns true when it wrote a job.
  virtual bool plan(storage::Connection& connection, const StoredEvent& event) = 0;
  // After the batch committed, for consumers whose plan() returned true: a hint to deliver soon.
  virtual void planned() {}
};

class EventDispatcher {
 public:
  EventDispatcher(storage::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // Consumers are added before the first dispatch and outlive the dispatcher.
  void add(EventConsumer& consumer) { consumers_.push_back(&consumer); }
  // One batch: up to `limit` of the oldest undispatched events. Returns how many it dispatched (0: none waiting).
  std::size_t dispatch_batch(std::size_t limit = 100);

 private:
  storage::Database& database_;
  const Clock& clock_;
  std::vector<EventConsumer*> consumers_;
};

}  // namespace emporium::events
