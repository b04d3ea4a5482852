#include "cart/wishlist_store.hpp"

#include <string>

namespace emporium::cart {
namespace {
constexpr std::string_view kAdd =
    "INSERT INTO wishlist_items (customer_id, product_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
constexpr std::string_view kRemove = "DELETE FROM wishlist_items WHERE customer_id = $1 AND product_id = $2";
constexpr std::string_view kFind =
    "SELECT product_id, created_at FROM wishlist_items WHERE customer_id = $1 AND product_id = $2";
// Visibility is the catalog's status column: a read-only join, so that paging counts only what is shown.
constexpr std::string_view kVisible =
    " FROM wishlist_items w JOIN products p ON p.id = w.product_id WHERE w.customer_id = $1 AND p.status = 'active'";
const std::string kList = "SELECT w.product_id, w.created_at" + std::string(kVisible) +
                          " ORDER BY w.created_at DESC, w.product_id DESC LIMIT $2 OFFSET $3";
const std::string kCount = "SELECT COUNT(*)" + std::string(kVisible);

WishlistEntry read_entry(const storage::Row& row) {
  return WishlistEntry{.product_id = row.text(0), .added_at = from_unix_millis(row.integer(1))};
}
}  // namespace

bool WishlistStore::add(storage::Connection& connection, std::string_view customer_id, std::string_view product_id,
                        Timestamp now) {
  return connection.execute(kAdd, {customer_id, product_id, to_unix_millis(now)}) == 1;
}

void WishlistStore::remove(storage::Connection& connection, std::string_view customer_id, std::string_view product_id) {
  connection.execute(kRemove, {customer_id, product_id});
}

std::optional<WishlistEntry> WishlistStore::find(storage::Connection& connection, std::string_view customer_id,
                                                 std::string_view product_id) {
  const auto rows = connection.query(kFind, {customer_id, product_id});
  if (rows.empty()) return std::nullopt;
  return read_entry(rows.front());
}

std::vector<WishlistEntry> WishlistStore::list_visible(storage::Connection& connection, std::string_view customer_id,
                                                       std::int64_t limit, std::int64_t offset) {
  std::vector<WishlistEntry> entries;
  for (const auto row : connection.query(kList, {customer_id, limit, offset})) entries.push_back(read_entry(row));
  return entries;
}

std::int64_t WishlistStore::count_visible(storage::Connection& connection, std::string_view customer_id) {
  return connection.query(kCount, {customer_id}).front().integer(0);
}

}  // namespace emporium::cart
