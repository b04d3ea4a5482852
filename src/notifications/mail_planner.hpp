#pragma once

#include <functional>
#include <string_view>

#include "events/event_dispatcher.hpp"
#include "notifications/mail_sources.hpp"
#include "notifications/mail_templates.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::notifications {

// The mail consumer of the event stream: for each event that mails someone, renders the message and queues
// it in the dispatcher's transaction (UNIQUE (event_id, kind, recipient): planning an event again never
// queues it twice).
//   order.created → order_placed, order.paid → order_paid, order.status_changed to shipped → order_shipped,
//   order.cancelled → order_cancelled, order.refunded → order_refunded: to the customer, only while their
//   preferences.emailOrderUpdates is on;
//   product.low_stock → low_stock: to the vendor who owns the product.
class MailPlanner final : public events::EventConsumer {
 public:
  // `wake` is called after a batch that queued mail committed (the delivery worker's hint).
  MailPlanner(IdGenerator& ids, const Clock& clock, MailBranding branding, std::function<void()> wake);

  std::string_view name() const override { return "mail"; }
  bool plan(storage::Connection& connection, const events::StoredEvent& event) override;
  void planned() override { wake_(); }

 private:
  bool plan_order_mail(storage::Connection& connection, const events::StoredEvent& event, std::string_view kind);
  bool plan_low_stock(storage::Connection& connection, const events::StoredEvent& event);
  bool queue(storage::Connection& connection, const events::StoredEvent& event, std::string_view kind,
             TemplateData data, const Recipient& to);

  IdGenerator& ids_;
  const Clock& clock_;
  MailBranding branding_;
  std::function<void()> wake_;
};

// The template kind an order event mails the customer, or empty when it mails nobody.
std::string_view order_mail_kind(const events::StoredEvent& event);

}  // namespace emporium::notifications
