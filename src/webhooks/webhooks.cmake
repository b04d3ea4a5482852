# Outgoing webhooks: subscriptions, signed deliveries, retries, SSRF guard. Paths are relative to src/.
add_library(emporium_webhooks STATIC
  webhooks/webhooks_module.cpp webhooks/webhook.cpp webhooks/webhook_signature.cpp webhooks/address_policy.cpp
  webhooks/webhook_url.cpp webhooks/retry_policy.cpp webhooks/event_filter.cpp webhooks/webhook_errors.cpp
  webhooks/webhook_rules.cpp webhooks/endpoint_store.cpp webhooks/delivery_store.cpp webhooks/delivery_planner.cpp
  webhooks/delivery_worker.cpp webhooks/endpoint_service.cpp webhooks/webhook_json.cpp webhooks/webhook_routes.cpp)
target_link_libraries(emporium_webhooks
  PUBLIC emporium_http emporium_storage emporium_audit emporium_events emporium_notifications emporium_outbound
  PRIVATE Boost::json Boost::url PkgConfig::SODIUM)
target_precompile_headers(emporium_webhooks PRIVATE <boost/json.hpp>)
emporium_warnings(emporium_webhooks)
