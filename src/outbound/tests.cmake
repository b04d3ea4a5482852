# Tests of the outgoing HTTP client against a small HTTP server the test runs on loopback: request and answer,
# no redirects, the body cap, timeouts, the address guard, http/https only.
emporium_unit_tests(emporium_outbound_tests
  SOURCES outbound/http_client_test.cpp outbound/retries_test.cpp
  LIBS emporium_outbound)
