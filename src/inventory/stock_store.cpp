#include "inventory/stock_store.hpp"

namespace emporium::inventory {
namespace {
using storage::nullable;

// Every change answers with the resulting level (RETURNING: SQLite ≥ 3.35 and PostgreSQL).
constexpr std::string_view kTake =
    "UPDATE product_variants SET stock = stock - $2, version = version + 1 "
    "WHERE id = $1 AND stock >= $2 AND deleted_at IS NULL "
    "RETURNING product_id, sku, stock, low_stock_threshold";
constexpr std::string_view kGive =
    "UPDATE product_variants SET stock = stock + $2, version = version + 1 WHERE id = $1 "
    "RETURNING product_id, sku, stock, low_stock_threshold";
constexpr std::string_view kAdd =
    "UPDATE product_variants SET stock = stock + $2 WHERE id = $1 AND stock + $2 >= 0 AND deleted_at IS NULL "
    "RETURNING product_id, sku, stock, low_stock_threshold";
constexpr std::string_view kLock =
    "UPDATE product_variants SET stock = stock WHERE id = $1 AND deleted_at IS NULL "
    "RETURNING product_id, sku, stock, low_stock_threshold";
constexpr std::string_view kLevel = "SELECT stock FROM product_variants WHERE id = $1 AND deleted_at IS NULL";
constexpr std::string_view kVendorOf = "SELECT vendor_id FROM products WHERE id = $1";
constexpr std::string_view kInsertMovement =
    "INSERT INTO stock_movements (id, variant_id, product_id, delta, level, reason, note, actor_id, order_id, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

std::optional<StockRow> first_stock_row(const storage::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  const auto row = rows.front();
  return StockRow{.product_id = row.text(0), .sku = row.text(1), .stock = row.integer(2), .threshold = row.integer(3)};
}

}  // namespace

std::optional<StockRow> StockStore::take(storage::Connection& connection, std::string_view variant_id,
                                         std::int64_t quantity) {
  return first_stock_row(connection.query(kTake, {variant_id, quantity}));
}

std::optional<StockRow> StockStore::give(storage::Connection& connection, std::string_view variant_id,
                                         std::int64_t quantity) {
  return first_stock_row(connection.query(kGive, {variant_id, quantity}));
}

std::optional<StockRow> StockStore::add(storage::Connection& connection, std::string_view variant_id,
                                        std::int64_t delta) {
  return first_stock_row(connection.query(kAdd, {variant_id, delta}));
}

std::optional<StockRow> StockStore::lock(storage::Connection& connection, std::string_view variant_id) {
  return first_stock_row(connection.query(kLock, {variant_id}));
}

std::optional<std::int64_t> StockStore::level(storage::Connection& connection, std::string_view variant_id) {
  const auto rows = connection.query(kLevel, {variant_id});
  if (rows.empty()) return std::nullopt;
  return rows.front().integer(0);
}

std::optional<std::string> StockStore::vendor_of(storage::Connection& connection, std::string_view product_id) {
  const auto rows = connection.query(kVendorOf, {product_id});
  if (rows.empty()) return std::nullopt;
  return rows.front().text(0);
}

void StockStore::insert_movement(storage::Connection& connection, const Movement& m) {
  connection.execute(kInsertMovement,
                     {std::string_view(m.id), std::string_view(m.variant_id), std::string_view(m.product_id), m.delta,
                      m.level, to_string(m.reason), std::string_view(m.note), nullable(m.actor_id),
                      nullable(m.order_id), to_unix_millis(m.created_at)});
}

}  // namespace emporium::inventory
