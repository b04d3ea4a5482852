# Payments: webhooks in, capture, refunds, and the choice of providers. Paths are relative to src/.
add_library(emporium_payments STATIC payments/payments_module.cpp)
target_link_libraries(emporium_payments
  PUBLIC emporium_http emporium_storage emporium_audit emporium_events emporium_orders emporium_outbound
  PRIVATE Boost::json)
emporium_warnings(emporium_payments)
