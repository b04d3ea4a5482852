#include "cart/cart_store.hpp"

#include <string>

namespace emporium::cart {
namespace {
using storage::nullable;

constexpr std::string_view kTouch =
    "INSERT INTO carts (customer_id, coupon_code, updated_at) VALUES ($1, NULL, $2) "
    "ON CONFLICT (customer_id) DO UPDATE SET updated_at = excluded.updated_at";
constexpr std::string_view kLock = "UPDATE carts SET updated_at = updated_at WHERE customer_id = $1";
constexpr std::string_view kFindCart = "SELECT coupon_code, updated_at FROM carts WHERE customer_id = $1";
constexpr std::string_view kSetCoupon = "UPDATE carts SET coupon_code = $2 WHERE customer_id = $1";
constexpr std::string_view kItemColumns = "id, customer_id, product_id, variant_id, quantity, created_at, updated_at";
constexpr std::string_view kInsertItem =
    "INSERT INTO cart_items (id, customer_id, product_id, variant_id, quantity, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kSetQuantity =
    "UPDATE cart_items SET quantity = $3, updated_at = $4 WHERE customer_id = $1 AND id = $2";
constexpr std::string_view kDeleteItem = "DELETE FROM cart_items WHERE customer_id = $1 AND id = $2";
constexpr std::string_view kDeleteItems = "DELETE FROM cart_items WHERE customer_id = $1";
constexpr std::string_view kCountItems = "SELECT COUNT(*) FROM cart_items WHERE customer_id = $1";

const std::string kSelectItems = "SELECT " + std::string(kItemColumns) + " FROM cart_items WHERE customer_id = $1";
const std::string kListItems = kSelectItems + " ORDER BY created_at, id";
const std::string kFindItem = kSelectItems + " AND id = $2";
const std::string kFindByVariant = kSelectItems + " AND variant_id = $2";

CartItem read_item(const storage::Row& row) {
  return CartItem{.id = row.text(0),
                  .customer_id = row.text(1),
                  .product_id = row.text(2),
                  .variant_id = row.text(3),
                  .quantity = row.integer(4),
                  .created_at = from_unix_millis(row.integer(5)),
                  .updated_at = from_unix_millis(row.integer(6))};
}

std::optional<CartItem> first(const storage::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return read_item(rows.front());
}
}  // namespace

void CartStore::touch(storage::Connection& connection, std::string_view customer_id, Timestamp now) {
  connection.execute(kTouch, {customer_id, to_unix_millis(now)});
}

void CartStore::lock(storage::Connection& connection, std::string_view customer_id) {
  connection.execute(kLock, {customer_id});
}

StoredCart CartStore::load(storage::Connection& connection, std::string_view customer_id) {
  StoredCart cart;
  const auto rows = connection.query(kFindCart, {customer_id});
  if (!rows.empty()) {
    cart.coupon_code = rows.front().optional_text(0);
    cart.updated_at = from_unix_millis(rows.front().integer(1));
  }
  for (const auto row : connection.query(kListItems, {customer_id})) cart.items.push_back(read_item(row));
  return cart;
}

std::optional<CartItem> CartStore::find_item(storage::Connection& connection, std::string_view customer_id,
                                             std::string_view id) {
  return first(connection.query(kFindItem, {customer_id, id}));
}

std::optional<CartItem> CartStore::find_by_variant(storage::Connection& connection, std::string_view customer_id,
                                                   std::string_view variant_id) {
  return first(connection.query(kFindByVariant, {customer_id, variant_id}));
}

std::int64_t CartStore::count_items(storage::Connection& connection, std::string_view customer_id) {
  return connection.query(kCountItems, {customer_id}).front().integer(0);
}

void CartStore::insert_item(storage::Connection& connection, const CartItem& item) {
  connection.execute(kInsertItem, {std::string_view(item.id), std::string_view(item.customer_id),
                                   std::string_view(item.product_id), std::string_view(item.variant_id), item.quantity,
                                   to_unix_millis(item.created_at), to_unix_millis(item.updated_at)});
}

bool CartStore::set_quantity(storage::Connection& connection, std::string_view customer_id, std::string_view id,
                             std::int64_t quantity, Timestamp now) {
  return connection.execute(kSetQuantity, {customer_id, id, quantity, to_unix_millis(now)}) == 1;
}

bool CartStore::delete_item(storage::Connection& connection, std::string_view customer_id, std::string_view id) {
  return connection.execute(kDeleteItem, {customer_id, id}) == 1;
}

void CartStore::delete_items(storage::Connection& connection, std::string_view customer_id) {
  connection.execute(kDeleteItems, {customer_id});
}

void CartStore::set_coupon(storage::Connection& connection, std::string_view customer_id,
                           const std::optional<std::string>& code) {
  connection.execute(kSetCoupon, {customer_id, nullable(code)});
}

}  // namespace emporium::cart
