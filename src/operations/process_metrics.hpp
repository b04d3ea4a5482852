#pragma once

#include "support/metrics_source.hpp"

namespace emporium::operations {

// Process figures from /proc/self: resident memory, CPU seconds, open file descriptors, threads, start time.
class ProcessMetrics final : public MetricsSource {
 public:
  ProcessMetrics();
  void write_prometheus(std::string& out) const override;

 private:
  double start_time_seconds_;
};

}  // namespace emporium::operations
