#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace emporium::catalog {

// A rendered answer kept for reuse: the JSON body and its strong ETag.
struct CachedAnswer {
  std::string body;
  std::string etag;
};

// The catalog's read cache, behind an interface so that a shared (Redis) cache can replace the in-process
// one when several nodes serve the same catalog.
//
// Invalidation is by generation: every write that could change any catalog answer calls `invalidate()` after
// it committed, which moves the generation on; keys are looked up under the current generation, so nothing
// written before is ever served again. A reader takes the generation BEFORE it reads the database, so an
// answer read before a commit can only be stored under the old generation.
class CatalogCache {
 public:
  virtual ~CatalogCache() = default;
  virtual std::uint64_t generation() const = 0;
  virtual std::shared_ptr<const CachedAnswer> find(std::uint64_t generation, std::string_view key) = 0;
  virtual void store(std::uint64_t generation, std::string key, std::shared_ptr<const CachedAnswer> answer) = 0;
  virtual void invalidate() = 0;
};

}  // namespace emporium::catalog
