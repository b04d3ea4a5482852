#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"
#include "support/clock.hpp"

namespace emporium::cart {

struct WishlistEntry {
  std::string product_id = {};
  Timestamp added_at{};
};

// The SQL of wishlists. Lists show only entries whose product is active now (the others stay, and come back when
// their product does).
class WishlistStore {
 public:
  // False when the product was already on the wishlist.
  static bool add(storage::Connection& connection, std::string_view customer_id, std::string_view product_id,
                  Timestamp now);
  static void remove(storage::Connection& connection, std::string_view customer_id, std::string_view product_id);
  static std::optional<WishlistEntry> find(storage::Connection& connection, std::string_view customer_id,
                                           std::string_view product_id);
  // Newest first.
  static std::vector<WishlistEntry> list_visible(storage::Connection& connection, std::string_view customer_id,
                                                 std::int64_t limit, std::int64_t offset);
  static std::int64_t count_visible(storage::Connection& connection, std::string_view customer_id);
};

}  // namespace emporium::cart
