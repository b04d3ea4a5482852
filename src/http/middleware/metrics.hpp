#pragma once

#include "http/http_metrics.hpp"
#include "http/pipeline.hpp"

namespace emporium::http {

// Counts every answered request and its latency by route and status.
class MetricsMiddleware final : public Middleware {
 public:
  explicit MetricsMiddleware(HttpMetrics& metrics) : metrics_(metrics) {}
  Response handle(Request& request, const Next& next) override;

 private:
  HttpMetrics& metrics_;
};

}  // namespace emporium::http
