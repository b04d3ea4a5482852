# Stripe PaymentIntents and Refunds behind the PaymentProvider port, and Stripe-Signature checks. Paths are
# relative to src/.
add_library(emporium_stripe STATIC
  payments/stripe/stripe_provider.cpp payments/stripe/stripe_api.cpp payments/stripe/stripe_signature.cpp
  payments/stripe/stripe_events.cpp)
target_link_libraries(emporium_stripe PUBLIC emporium_orders emporium_outbound emporium_support PRIVATE Boost::json)
emporium_warnings(emporium_stripe)
