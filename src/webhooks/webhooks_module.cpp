#include "webhooks/webhooks_module.hpp"

#include "support/periodic_job.hpp"
#include "webhooks/delivery_planner.hpp"
#include "webhooks/delivery_worker.hpp"
#include "webhooks/endpoint_service.hpp"
#include "webhooks/webhook_routes.hpp"

namespace emporium::webhooks {

struct WebhooksModule::Parts {
  Parts(const WebhooksDependencies& d, const WebhookSettings& s)
      : worker({.database = d.database, .clock = d.clock, .audit = d.audit, .http = d.http, .mailer = d.mailer},
               {.retry_schedule = s.retry_schedule, .timeout = s.timeout, .allow_private = s.allow_private}),
        job("webhook delivery", s.interval, [this](const std::function<bool()>& stopping) { worker.run(stopping); }),
        planner(d.ids, d.clock, [this] { job.wake(); }),
        endpoints({.database = d.database,
                   .ids = d.ids,
                   .clock = d.clock,
                   .audit = d.audit,
                   .allow_http = s.allow_http,
                   .allow_private = s.allow_private,
                   .wake_worker = [this] { job.wake(); }}) {}

  DeliveryWorker worker;
  PeriodicJob job;
  DeliveryPlanner planner;
  EndpointService endpoints;
};

WebhooksModule::WebhooksModule(WebhooksDependencies dependencies, WebhookSettings settings)
    : dependencies_(dependencies),
      settings_(std::move(settings)),
      parts_(std::make_unique<Parts>(dependencies_, settings_)) {}

WebhooksModule::~WebhooksModule() { stop_jobs(); }

void WebhooksModule::register_routes(http::Router& router) {
  register_webhook_routes(router, parts_->endpoints, settings_.allow_http);
}

events::EventConsumer& WebhooksModule::consumer() { return parts_->planner; }
void WebhooksModule::start_jobs() { parts_->job.start(); }
void WebhooksModule::stop_jobs() { parts_->job.stop(); }
std::size_t WebhooksModule::deliver_due() {
  return parts_->worker.run([] { return false; });
}

}  // namespace emporium::webhooks
