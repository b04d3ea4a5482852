# Outgoing webhooks: subscriptions, signed deliveries, retries, SSRF guard. Paths are relative to src/.
add_library(emporium_webhooks STATIC webhooks/webhooks_module.cpp)
target_link_libraries(emporium_webhooks
  PUBLIC emporium_http emporium_storage emporium_audit emporium_events emporium_notifications emporium_outbound
  PRIVATE Boost::json)
emporium_warnings(emporium_webhooks)
