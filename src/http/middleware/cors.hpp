#pragma once

#include <string>
#include <vector>

#include "http/pipeline.hpp"

namespace emporium::http {

struct CorsPolicy {
  std::vector<std::string> origins;  // exact origins ("https://shop.example"); "*" allows any origin
  bool allows(std::string_view origin) const;
  bool allows_any() const;
};

// Answers CORS preflight requests, adds CORS headers for allowed origins, and adds the security headers
// every response carries. Credentials are never allowed (the API uses bearer tokens, not cookies), so
// "*" is safe to send when configured.
class CorsMiddleware final : public Middleware {
 public:
  explicit CorsMiddleware(CorsPolicy policy) : policy_(std::move(policy)) {}
  Response handle(Request& request, const Next& next) override;

 private:
  Response preflight(const Request& request, std::string_view origin) const;
  void add_cors_headers(Response& response, std::string_view origin) const;

  CorsPolicy policy_;
};

}  // namespace emporium::http
