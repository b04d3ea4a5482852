#include "http/http_metrics.hpp"

#include <fmt/format.h>

namespace emporium::http {

HttpMetrics::HttpMetrics(const Router& router) {
  for (const auto& route : router.routes()) {
    auto series = std::make_unique<RouteSeries>();
    series->method = std::string(to_string(route->method));
    series->route = route->path;
    routes_.push_back(std::move(series));
  }
  auto unmatched = std::make_unique<RouteSeries>();
  unmatched->method = "ANY";
  unmatched->route = "unmatched";
  routes_.push_back(std::move(unmatched));
}

HttpMetrics::Series* HttpMetrics::series_for(const Route* route, int status) {
  const auto index = route && route->index + 1 < routes_.size() ? route->index : routes_.size() - 1;
  auto& slots = routes_[index]->by_status;
  for (auto& slot : slots) {
    int seen = slot.status.load(std::memory_order_acquire);
    if (seen == status) return &slot;
    if (seen == 0 && slot.status.compare_exchange_strong(seen, status, std::memory_order_acq_rel)) return &slot;
    if (seen == status) return &slot;  // another thread claimed it for the same status
  }
  return nullptr;  // more distinct statuses than slots: not counted by status
}

void HttpMetrics::record(const Route* route, int status, std::chrono::nanoseconds duration) {
  auto* series = series_for(route, status);
  if (!series) return;
  series->count.fetch_add(1, std::memory_order_relaxed);
  const auto nanos = static_cast<std::uint64_t>(duration.count() < 0 ? 0 : duration.count());
  series->sum_nanos.fetch_add(nanos, std::memory_order_relaxed);
  const double seconds = static_cast<double>(nanos) / 1e9;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      series->buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
}

std::uint64_t HttpMetrics::count(const Route* route, int status) const {
  const auto index = route ? route->index : routes_.size() - 1;
  for (const auto& slot : routes_[index]->by_status) {
    if (slot.status.load() == status) return slot.count.load();
  }
  return 0;
}

void HttpMetrics::write_prometheus(std::string& out) const {
  auto sink = std::back_inserter(out);
  out +=
      "# HELP emporium_http_requests_total HTTP requests answered, by route and status.\n"
      "# TYPE emporium_http_requests_total counter\n";
  for (const auto& route : routes_) {
    for (const auto& slot : route->by_status) {
      const int status = slot.status.load(std::memory_order_acquire);
      if (status == 0) continue;
      fmt::format_to(sink, "emporium_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                     route->method, route->route, status, slot.count.load(std::memory_order_relaxed));
    }
  }
  out +=
      "# HELP emporium_http_request_duration_seconds Time from the end of the request header to the response.\n"
      "# TYPE emporium_http_request_duration_seconds histogram\n";
  for (const auto& route : routes_) {
    for (const auto& slot : route->by_status) {
      const int status = slot.status.load(std::memory_order_acquire);
      if (status == 0) continue;
      const auto labels = fmt::format("method=\"{}\",route=\"{}\",status=\"{}\"", route->method, route->route, status);
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += slot.buckets[i].load(std::memory_order_relaxed);
        fmt::format_to(sink, "emporium_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, kBuckets[i],
                       cumulative);
      }
      const auto count = slot.count.load(std::memory_order_relaxed);
      fmt::format_to(sink, "emporium_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, count);
      fmt::format_to(sink, "emporium_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels,
                     static_cast<double>(slot.sum_nanos.load(std::memory_order_relaxed)) / 1e9);
      fmt::format_to(sink, "emporium_http_request_duration_seconds_count{{{}}} {}\n", labels, count);
    }
  }
}

}  // namespace emporium::http
