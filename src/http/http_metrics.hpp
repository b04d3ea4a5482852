#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "support/metrics_source.hpp"

namespace emporium::http {

// Request counts and latency histograms by route and status, lock-free on the request path.
class HttpMetrics final : public MetricsSource {
 public:
  // Latency bucket upper bounds in seconds (Prometheus `le`).
  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

  explicit HttpMetrics(const Router& router);
  // `route` null: the request matched no route.
  void record(const Route* route, int status, std::chrono::nanoseconds duration);
  void write_prometheus(std::string& out) const override;

  std::uint64_t count(const Route* route, int status) const;  // for tests

 private:
  struct Series {
    std::atomic<int> status{0};  // 0: slot free
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_nanos{0};
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};
  };
  static constexpr std::size_t kStatusSlots = 16;
  struct RouteSeries {
    std::string method;
    std::string route;
    std::array<Series, kStatusSlots> by_status;
  };
  Series* series_for(const Route* route, int status);

  std::vector<std::unique_ptr<RouteSeries>> routes_;  // one per route, then one for unmatched requests
};

}  // namespace emporium::http
