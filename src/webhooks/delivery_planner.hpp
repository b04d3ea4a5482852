#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "events/event_dispatcher.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::webhooks {

// The webhooks' event consumer: one pending delivery (msg_…) per enabled endpoint that subscribes to the event
// and whose owner may see it, with the body frozen now. Planning an event again adds nothing (one delivery per
// endpoint and event).
class DeliveryPlanner final : public events::EventConsumer {
 public:
  DeliveryPlanner(IdGenerator& ids, const Clock& clock, std::function<void()> on_planned)
      : ids_(ids), clock_(clock), on_planned_(std::move(on_planned)) {}

  std::string_view name() const override { return "webhooks"; }
  bool plan(storage::Connection& connection, const events::StoredEvent& event) override;
  void planned() override;

 private:
  IdGenerator& ids_;
  const Clock& clock_;
  std::function<void()> on_planned_;  // wakes the delivery worker
};

}  // namespace emporium::webhooks
