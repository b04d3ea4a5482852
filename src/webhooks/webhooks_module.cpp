#include "webhooks/webhooks_module.hpp"

namespace emporium::webhooks {
namespace {
// Placeholder until deliveries exist: plans nothing.
class NoDeliveries final : public events::EventConsumer {
 public:
  std::string_view name() const override { return "webhooks"; }
  bool plan(storage::Connection&, const events::StoredEvent&) override { return false; }
};
}  // namespace

struct WebhooksModule::Parts {
  NoDeliveries consumer;
};

WebhooksModule::WebhooksModule(WebhooksDependencies dependencies, WebhookSettings settings)
    : dependencies_(dependencies), settings_(std::move(settings)), parts_(std::make_unique<Parts>()) {}

WebhooksModule::~WebhooksModule() { stop_jobs(); }

void WebhooksModule::register_routes(http::Router&) {}
events::EventConsumer& WebhooksModule::consumer() { return parts_->consumer; }
void WebhooksModule::start_jobs() {}
void WebhooksModule::stop_jobs() {}
std::size_t WebhooksModule::deliver_due() { return 0; }

}  // namespace emporium::webhooks
