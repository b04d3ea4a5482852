# Payments: webhooks in (applied once), capture, refunds and their job, and the choice of providers (Stripe and
# PayPal are their own libraries). Paths are relative to src/.
add_library(emporium_payments STATIC
  payments/payments_module.cpp payments/payments_errors.cpp payments/payment_event_store.cpp
  payments/refund_store.cpp payments/refund_service.cpp payments/payment_events.cpp payments/capture_service.cpp
  payments/payment_routes.cpp)
target_link_libraries(emporium_payments
  PUBLIC emporium_http emporium_storage emporium_audit emporium_events emporium_orders emporium_outbound
         emporium_idempotency emporium_stripe emporium_paypal
  PRIVATE Boost::json)
target_precompile_headers(emporium_payments PRIVATE <boost/json.hpp>)
emporium_warnings(emporium_payments)
