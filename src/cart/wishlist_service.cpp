#include "cart/wishlist_service.hpp"

#include <map>

#include "cart/cart_errors.hpp"
#include "cart/wishlist_store.hpp"
#include "catalog/product_store.hpp"
#include "support/ids.hpp"

namespace emporium::cart {
namespace {
using storage::Connection;
}  // namespace

WishlistPage WishlistService::list(const std::string& customer_id, std::int64_t limit, std::int64_t offset) {
  return storage::transact(database_, storage::TxMode::Read,
                           [&](Connection& connection) -> Result<WishlistPage> {
                             WishlistPage page;
                             const auto entries = WishlistStore::list_visible(connection, customer_id, limit, offset);
                             std::vector<std::string> ids;
                             for (const auto& entry : entries) ids.push_back(entry.product_id);
                             std::map<std::string, catalog::Product> products;
                             for (auto& product : catalog::ProductStore::find_many(connection, ids))
                               products.emplace(product.id, std::move(product));
                             for (const auto& entry : entries) {
                               if (auto found = products.find(entry.product_id); found != products.end())
                                 page.items.push_back({.product = found->second, .added_at = entry.added_at});
                             }
                             page.total = WishlistStore::count_visible(connection, customer_id);
                             return page;
                           })
      .value();
}

Result<WishlistAdded> WishlistService::add(const std::string& customer_id, const std::string& product_id) {
  if (!is_valid_id(product_id, "prod")) return errors::product_not_found();
  return storage::transact(database_, storage::TxMode::Write, [&](Connection& connection) -> Result<WishlistAdded> {
    auto product = catalog::ProductStore::find(connection, product_id);
    if (!product || product->status != catalog::ProductStatus::Active) return errors::product_not_found();
    const bool created = WishlistStore::add(connection, customer_id, product_id, clock_.now());
    const auto entry = WishlistStore::find(connection, customer_id, product_id);
    return WishlistAdded{.item = {.product = std::move(*product), .added_at = entry ? entry->added_at : clock_.now()},
                         .created = created};
  });
}

void WishlistService::remove(const std::string& customer_id, const std::string& product_id) {
  database_.with_connection(
      [&](Connection& connection) { WishlistStore::remove(connection, customer_id, product_id); });
}

}  // namespace emporium::cart
