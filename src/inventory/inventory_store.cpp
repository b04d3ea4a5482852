#include "inventory/inventory_store.hpp"

namespace emporium::inventory {
namespace {

constexpr std::string_view kMovementColumns =
    "SELECT id, variant_id, product_id, delta, level, reason, note, actor_id, order_id, created_at FROM "
    "stock_movements ";
const std::string kProductMovements =
    std::string(kMovementColumns) + "WHERE product_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3";
const std::string kVariantMovements = std::string(kMovementColumns) +
                                      "WHERE product_id = $1 AND variant_id = $2 "
                                      "ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4";
constexpr std::string_view kCountProductMovements = "SELECT COUNT(*) FROM stock_movements WHERE product_id = $1";
constexpr std::string_view kCountVariantMovements =
    "SELECT COUNT(*) FROM stock_movements WHERE product_id = $1 AND variant_id = $2";

// Live variants at or under a positive threshold, of products on sale or in draft. A scan: an index on a
// condition over `stock` would cost every stock update its HOT update on PostgreSQL.
constexpr std::string_view kLowStockFrom =
    "FROM product_variants v JOIN products p ON p.id = v.product_id "
    "WHERE v.deleted_at IS NULL AND v.low_stock_threshold > 0 AND v.stock <= v.low_stock_threshold "
    "AND p.status <> 'archived' ";
constexpr std::string_view kLowStockColumns =
    "SELECT v.product_id, p.name, v.id, v.sku, v.stock, v.low_stock_threshold ";
constexpr std::string_view kLowStockOrder = " ORDER BY v.product_id, v.id LIMIT $1 OFFSET $2";
const std::string kLowStockAll =
    std::string(kLowStockColumns) + std::string(kLowStockFrom) + std::string(kLowStockOrder);
const std::string kLowStockOfVendor =
    std::string(kLowStockColumns) + std::string(kLowStockFrom) + "AND p.vendor_id = $3" + std::string(kLowStockOrder);
const std::string kCountLowStockAll = "SELECT COUNT(*) " + std::string(kLowStockFrom);
const std::string kCountLowStockOfVendor = "SELECT COUNT(*) " + std::string(kLowStockFrom) + "AND p.vendor_id = $1";

Movement read_movement(const storage::Row& row) {
  return Movement{.id = row.text(0),
                  .variant_id = row.text(1),
                  .product_id = row.text(2),
                  .delta = row.integer(3),
                  .level = row.integer(4),
                  .reason = movement_reason_from_string(row.text_view(5)).value_or(MovementReason::Adjustment),
                  .note = row.text(6),
                  .actor_id = row.optional_text(7),
                  .order_id = row.optional_text(8),
                  .created_at = from_unix_millis(row.integer(9))};
}

}  // namespace

std::vector<Movement> InventoryStore::movements(storage::Connection& connection, std::string_view product_id,
                                                const std::optional<std::string>& variant_id, Slice slice) {
  const auto rows =
      variant_id
          ? connection.query(kVariantMovements, {product_id, std::string_view(*variant_id), slice.limit, slice.offset})
          : connection.query(kProductMovements, {product_id, slice.limit, slice.offset});
  std::vector<Movement> out;
  for (const auto row : rows) out.push_back(read_movement(row));
  return out;
}

std::int64_t InventoryStore::count_movements(storage::Connection& connection, std::string_view product_id,
                                             const std::optional<std::string>& variant_id) {
  if (!variant_id) return connection.query(kCountProductMovements, {product_id}).front().integer(0);
  return connection.query(kCountVariantMovements, {product_id, std::string_view(*variant_id)}).front().integer(0);
}

std::vector<LowStockRow> InventoryStore::low_stock(storage::Connection& connection,
                                                   const std::optional<std::string>& vendor_id, Slice slice) {
  const auto rows = vendor_id
                        ? connection.query(kLowStockOfVendor, {slice.limit, slice.offset, std::string_view(*vendor_id)})
                        : connection.query(kLowStockAll, {slice.limit, slice.offset});
  std::vector<LowStockRow> out;
  for (const auto row : rows)
    out.push_back({.product_id = row.text(0),
                   .product_name = row.text(1),
                   .variant_id = row.text(2),
                   .sku = row.text(3),
                   .stock = row.integer(4),
                   .threshold = row.integer(5)});
  return out;
}

std::int64_t InventoryStore::count_low_stock(storage::Connection& connection,
                                             const std::optional<std::string>& vendor_id) {
  if (!vendor_id) return connection.query(kCountLowStockAll).front().integer(0);
  return connection.query(kCountLowStockOfVendor, {std::string_view(*vendor_id)}).front().integer(0);
}

}  // namespace emporium::inventory
