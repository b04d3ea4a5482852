# Idempotency keys of POST requests (orders; payments and refunds later). Paths are relative to src/.
add_library(emporium_idempotency STATIC idempotency/idempotency_keys.cpp idempotency/idempotency_http.cpp)
target_link_libraries(emporium_idempotency PUBLIC emporium_http emporium_storage PRIVATE Boost::json)
emporium_warnings(emporium_idempotency)
