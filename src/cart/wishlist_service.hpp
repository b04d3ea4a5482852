#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/product.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/problem.hpp"

namespace emporium::cart {

// A wishlisted product as it is now in the catalog.
struct WishlistItem {
  catalog::Product product = {};
  Timestamp added_at{};
};

struct WishlistPage {
  std::vector<WishlistItem> items = {};
  std::int64_t total = 0;
};

struct WishlistAdded {
  WishlistItem item = {};
  bool created = false;  // false: it was there already
};

// A customer's wishlist: products, each at most once. Lists show only products that are active now, newest
// first. Adding is idempotent and needs an active product (unknown, draft or archived → 404 product_not_found);
// removing is idempotent.
class WishlistService {
 public:
  WishlistService(storage::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  WishlistPage list(const std::string& customer_id, std::int64_t limit, std::int64_t offset);
  Result<WishlistAdded> add(const std::string& customer_id, const std::string& product_id);
  void remove(const std::string& customer_id, const std::string& product_id);

 private:
  storage::Database& database_;
  const Clock& clock_;
};

}  // namespace emporium::cart
