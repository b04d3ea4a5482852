#include "catalog/memory_catalog_cache.hpp"

#include <gtest/gtest.h>

namespace emporium::catalog {
namespace {

std::shared_ptr<const CachedAnswer> answer(std::string body) {
  return std::make_shared<const CachedAnswer>(CachedAnswer{.body = std::move(body), .etag = "\"e\""});
}

TEST(MemoryCatalogCache, FindsWhatWasStoredUnderTheCurrentGeneration) {
  MemoryCatalogCache cache;
  const auto generation = cache.generation();
  cache.store(generation, "product/1", answer("one"));
  auto hit = cache.find(generation, "product/1");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, "one");
  EXPECT_FALSE(cache.find(generation, "product/2"));
}

TEST(MemoryCatalogCache, InvalidateHidesEverythingStoredBefore) {
  MemoryCatalogCache cache;
  const auto before = cache.generation();
  cache.store(before, "product/1", answer("one"));
  cache.invalidate();
  EXPECT_FALSE(cache.find(cache.generation(), "product/1"));
}

TEST(MemoryCatalogCache, AnAnswerReadBeforeAnInvalidationIsNeverKept) {
  MemoryCatalogCache cache;
  const auto read_at = cache.generation();  // a reader takes the generation, then reads the database…
  cache.invalidate();                       // …a write commits meanwhile…
  cache.store(read_at, "product/1", answer("stale"));
  EXPECT_FALSE(cache.find(cache.generation(), "product/1"));
  EXPECT_FALSE(cache.find(read_at, "product/1"));
}

TEST(MemoryCatalogCache, StaysWithinItsEntryLimit) {
  MemoryCatalogCache cache({.max_entries = 32, .max_bytes = 1 << 20});
  for (int i = 0; i < 1000; ++i) cache.store(cache.generation(), "k" + std::to_string(i), answer("v"));
  EXPECT_LE(cache.size(), 32u);
  EXPECT_GT(cache.size(), 0u);
}

TEST(MemoryCatalogCache, AZeroLimitCachesNothing) {
  MemoryCatalogCache no_entries({.max_entries = 0, .max_bytes = 1 << 20});
  MemoryCatalogCache no_bytes({.max_entries = 100, .max_bytes = 0});
  for (auto* cache : {&no_entries, &no_bytes}) {
    cache->store(cache->generation(), "k", answer("v"));
    EXPECT_FALSE(cache->find(cache->generation(), "k"));
    EXPECT_EQ(cache->size(), 0u);
  }
}

}  // namespace
}  // namespace emporium::catalog
