#include "inventory/inventory_service.hpp"

#include "catalog/product_input.hpp"
#include "catalog/product_rules.hpp"
#include "catalog/product_service.hpp"
#include "catalog/product_store.hpp"
#include "support/ids.hpp"

namespace emporium::inventory {
namespace {
using catalog::ProductStore;
using http::Principal;
using http::Role;

Problem insufficient_stock(std::int64_t level) {
  return problems::conflict("insufficient_stock",
                            "The change would take the stock below zero: " + std::to_string(level) + " in stock.");
}

Problem above_limit(const StockChange& change) {
  return problems::validation_failed(
      {{change.delta ? "delta" : "set",
        "would take the stock above " + std::to_string(catalog::CatalogLimits::kMaxStock)}});
}

std::optional<std::string> actor_of(const Principal& actor) {
  if (actor.user_id.empty()) return std::nullopt;
  return actor.user_id;
}

}  // namespace

InventoryService::InventoryService(storage::Database& database, const Clock& clock, audit::AuditLog& audit,
                                   catalog::CatalogModule& catalog, StockLedger& ledger)
    : database_(database), clock_(clock), audit_(audit), catalog_(catalog), ledger_(ledger) {}

Result<StockChangeResult> InventoryService::change_stock(const Principal& actor, std::string_view product_id,
                                                         std::string_view variant_id, const StockChange& change,
                                                         std::optional<std::int64_t> if_match) {
  if (!is_valid_id(product_id, "prod")) return catalog::product_not_found();
  if (!is_valid_id(variant_id, "var")) return catalog::variant_not_found();
  auto changed = storage::transact(database_, storage::TxMode::Write, [&](storage::Connection& connection) {
    return change_locked(connection, actor, product_id, variant_id, change, if_match);
  });
  if (changed) catalog_.cache().invalidate();
  return changed;
}

// Locks are taken as every variant write takes them: the product's row, then the variant's.
Result<StockChangeResult> InventoryService::change_locked(storage::Connection& connection, const Principal& actor,
                                                          std::string_view product_id, std::string_view variant_id,
                                                          const StockChange& change,
                                                          std::optional<std::int64_t> if_match) {
  auto product = catalog::ProductService::lock_live(connection, actor, product_id);
  if (!product) return product.error();
  const auto level = ledger_.lock_level(connection, variant_id);
  auto variant = ProductStore::find_variant(connection, product->id, variant_id);
  if (!level || !variant) return catalog::variant_not_found();
  if (auto checked = catalog::check_if_match(if_match, variant->version); !checked) return checked.error();
  auto adjusted = ledger_.adjust(connection, variant->id, change.delta, change.set,
                                 {.actor_id = actor_of(actor),
                                  .reason = MovementReason::Adjustment,
                                  .note = change.reason,
                                  .order_id = std::nullopt});
  if (!adjusted.movement) return insufficient_stock(*level);
  if (adjusted.movement->level > catalog::CatalogLimits::kMaxStock) return above_limit(change);

  const auto now = clock_.now();
  const auto expected = variant->version;
  variant->stock = adjusted.movement->level;
  variant->version += 1;
  variant->updated_at = now;
  if (!ProductStore::update_variant(connection, *variant, expected)) return catalog::version_moved(expected);
  if (!ProductStore::bump_version(connection, product->id, product->version, now))
    return catalog::version_moved(product->version);
  ProductStore::refresh_summary(connection, product->id);
  audit_.record(connection, {.actor_id = actor_of(actor),
                             .action = "stock.adjusted",
                             .target_type = "variant",
                             .target_id = variant->id,
                             .details = {{"productId", product->id},
                                         {"delta", std::to_string(adjusted.movement->delta)},
                                         {"level", std::to_string(adjusted.movement->level)},
                                         {"reason", change.reason}},
                             .client_ip = ""});
  return StockChangeResult{.movement = std::move(*adjusted.movement),
                           .variant = std::move(*variant),
                           .product_version = product->version + 1};
}

Result<MovementPage> InventoryService::movements(const Principal& viewer, std::string_view product_id,
                                                 const std::optional<std::string>& variant_id, Slice slice) {
  if (!is_valid_id(product_id, "prod")) return catalog::product_not_found();
  Result<MovementPage> page = catalog::product_not_found();
  database_.transaction(storage::TxMode::Read, [&](storage::Connection& connection) {
    const auto product = ProductStore::find(connection, product_id);
    if (!product || !catalog::is_managed_by(*product, viewer)) return false;
    page = MovementPage{.movements = InventoryStore::movements(connection, product_id, variant_id, slice),
                        .total = InventoryStore::count_movements(connection, product_id, variant_id)};
    return false;  // nothing to commit
  });
  return page;
}

LowStockPage InventoryService::low_stock(const Principal& viewer, Slice slice) {
  const auto vendor = viewer.role == Role::Admin ? std::nullopt : std::optional<std::string>(viewer.user_id);
  LowStockPage page;
  database_.transaction(storage::TxMode::Read, [&](storage::Connection& connection) {
    page = LowStockPage{.rows = InventoryStore::low_stock(connection, vendor, slice),
                        .total = InventoryStore::count_low_stock(connection, vendor)};
    return false;
  });
  return page;
}

}  // namespace emporium::inventory
