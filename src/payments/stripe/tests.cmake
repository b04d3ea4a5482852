# Stripe: the signature check against fixed vectors made with openssl, event parsing, and the provider's
# requests and retries against a scripted HttpClient.
emporium_unit_tests(emporium_stripe_tests
  SOURCES payments/stripe/stripe_signature_test.cpp payments/stripe/stripe_events_test.cpp
          payments/stripe/stripe_provider_test.cpp
  LIBS emporium_stripe Boost::json)
