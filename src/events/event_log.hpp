#pragma once

#include <optional>
#include <string>

#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::events {

struct Event {
  std::string type = {};                     // "product.low_stock", "order.created"
  std::string subject_id = {};               // the variant, order… it is about
  std::optional<std::string> owner_id = {};  // the vendor whose object it is; empty for store-wide events
  std::string data = {};                     // a JSON object (serialised): the event's `data`
};

// The durable record of business events. `record` writes in the caller's transaction, so an event exists
// exactly when the change that caused it committed; delivery (mail, webhooks) reads the table later.
class EventLog {
 public:
  EventLog(IdGenerator& ids, const Clock& clock) : ids_(ids), clock_(clock) {}
  // Returns the new event's id (evt_…).
  std::string record(storage::Connection& connection, const Event& event);

 private:
  IdGenerator& ids_;
  const Clock& clock_;
};

}  // namespace emporium::events
