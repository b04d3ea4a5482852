#pragma once

#include <array>
#include <atomic>
#include <mutex>
#include <string>
#include <unordered_map>

#include "catalog/catalog_cache.hpp"

namespace emporium::catalog {

struct MemoryCacheLimits {
  std::size_t max_entries = 20'000;
  std::size_t max_bytes = 64 * 1024 * 1024;
};

// The in-process cache: sharded maps of rendered answers. A shard forgets everything when the generation
// moves on or when it outgrows its share of the limits: a crude but bounded policy that costs nothing on the
// hit path (a catalog write invalidates everything anyway).
class MemoryCatalogCache final : public CatalogCache {
 public:
  explicit MemoryCatalogCache(MemoryCacheLimits limits = {});

  std::uint64_t generation() const override { return generation_.load(std::memory_order_acquire); }
  std::shared_ptr<const CachedAnswer> find(std::uint64_t generation, std::string_view key) override;
  void store(std::uint64_t generation, std::string key, std::shared_ptr<const CachedAnswer> answer) override;
  void invalidate() override { generation_.fetch_add(1, std::memory_order_acq_rel); }

  std::size_t size() const;

 private:
  static constexpr std::size_t kShards = 16;
  struct Shard {
    mutable std::mutex mutex;
    std::uint64_t generation = 0;
    std::size_t bytes = 0;
    std::unordered_map<std::string, std::shared_ptr<const CachedAnswer>> entries;
  };
  Shard& shard_for(std::string_view key);

  MemoryCacheLimits limits_;
  std::atomic<std::uint64_t> generation_{1};
  std::array<Shard, kShards> shards_;
};

}  // namespace emporium::catalog
