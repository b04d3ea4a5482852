#include "http/security_headers.hpp"

namespace emporium::http {

void add_security_headers(Response& response) {
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  if (!response.header("X-Frame-Options")) response.add_header("X-Frame-Options", "DENY");
  if (!response.header("Content-Security-Policy"))
    response.add_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  if (!response.header("Cache-Control")) response.add_header("Cache-Control", "no-store");
}

}  // namespace emporium::http
