#pragma once

#include <string>

namespace emporium {

// Anything that contributes figures to GET /metrics, in Prometheus text exposition format.
class MetricsSource {
 public:
  virtual ~MetricsSource() = default;
  virtual void write_prometheus(std::string& out) const = 0;
};

}  // namespace emporium
