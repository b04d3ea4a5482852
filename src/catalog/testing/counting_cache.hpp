#pragma once

// For tests of catalog services: a CatalogCache that caches nothing and counts invalidations, so a test can
// assert that a write invalidated once after it committed and a refused write not at all.

#include <atomic>

#include "catalog/catalog_cache.hpp"

namespace emporium::catalog::testing {

class CountingCache final : public CatalogCache {
 public:
  std::uint64_t generation() const override { return static_cast<std::uint64_t>(invalidations_.load()); }
  std::shared_ptr<const CachedAnswer> find(std::uint64_t, std::string_view) override { return nullptr; }
  void store(std::uint64_t, std::string, std::shared_ptr<const CachedAnswer>) override {}
  void invalidate() override { ++invalidations_; }
  int invalidations() const { return invalidations_.load(); }

 private:
  std::atomic<int> invalidations_{0};
};

}  // namespace emporium::catalog::testing
