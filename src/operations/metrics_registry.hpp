#pragma once

#include <string>
#include <vector>

#include "support/metrics_source.hpp"

namespace emporium::operations {

// The sources GET /metrics renders, in registration order. Filled once at start-up, before serving.
class MetricsRegistry {
 public:
  void add(const MetricsSource& source) { sources_.push_back(&source); }
  std::string render() const {
    std::string out;
    out.reserve(16 * 1024);
    for (const auto* source : sources_) source->write_prometheus(out);
    return out;
  }

 private:
  std::vector<const MetricsSource*> sources_;
};

}  // namespace emporium::operations
