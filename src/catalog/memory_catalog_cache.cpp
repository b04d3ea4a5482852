#include "catalog/memory_catalog_cache.hpp"

#include <algorithm>
#include <functional>

namespace emporium::catalog {

MemoryCatalogCache::MemoryCatalogCache(MemoryCacheLimits limits) : limits_(limits) {}

MemoryCatalogCache::Shard& MemoryCatalogCache::shard_for(std::string_view key) {
  return shards_[std::hash<std::string_view>{}(key) % kShards];
}

std::shared_ptr<const CachedAnswer> MemoryCatalogCache::find(std::uint64_t generation, std::string_view key) {
  auto& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  if (shard.generation != generation) return nullptr;
  // Heterogeneous lookup needs C++20 transparent hashing on unordered_map; a key copy is cheap enough here.
  const auto found = shard.entries.find(std::string(key));
  if (found == shard.entries.end()) return nullptr;
  return found->second;
}

void MemoryCatalogCache::store(std::uint64_t generation, std::string key, std::shared_ptr<const CachedAnswer> answer) {
  // An answer read under an older generation may already be stale: never keep it.
  if (generation != this->generation()) return;
  // Each shard holds its share of the limits (at least one entry unless a limit is 0: caching off).
  const auto shard_entries = limits_.max_entries == 0 ? 0 : std::max<std::size_t>(1, limits_.max_entries / kShards);
  const auto shard_bytes = limits_.max_bytes == 0 ? 0 : std::max<std::size_t>(1, limits_.max_bytes / kShards);
  const auto size = key.size() + answer->body.size() + answer->etag.size();
  if (shard_entries == 0 || size > shard_bytes) return;
  auto& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  if (shard.generation > generation) return;  // a newer reader got here first
  if (shard.generation != generation || shard.entries.size() >= shard_entries || shard.bytes + size > shard_bytes) {
    shard.entries.clear();
    shard.bytes = 0;
    shard.generation = generation;
  }
  const auto [it, inserted] = shard.entries.emplace(std::move(key), std::move(answer));
  if (inserted) shard.bytes += size;
}

std::size_t MemoryCatalogCache::size() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.entries.size();
  }
  return total;
}

}  // namespace emporium::catalog
