#include "catalog/memory_catalog_cache.hpp"

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
  auto& shard = shard_for(key);
  const auto size = key.size() + answer->body.size() + answer->etag.size();
  std::lock_guard lock(shard.mutex);
  if (shard.generation > generation) return;  // a newer reader got here first
  if (shard.generation != generation || shard.entries.size() >= limits_.max_entries / kShards ||
      shard.bytes + size > limits_.max_bytes / kShards) {
    shard.entries.clear();
    shard.bytes = 0;
    shard.generation = generation;
  }
  if (size > limits_.max_bytes / kShards) return;
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
