# Outgoing HTTP through libcurl: timeouts, no redirects, capped bodies, an address guard. Paths relative to src/.
add_library(emporium_outbound STATIC outbound/http_client.cpp outbound/retries.cpp)
target_link_libraries(emporium_outbound PUBLIC emporium_support PRIVATE PkgConfig::LIBCURL)
emporium_warnings(emporium_outbound)
