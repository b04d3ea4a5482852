#include "catalog/product_stock.hpp"

#include <stdexcept>
#include <string>

#include "catalog/product_store.hpp"

namespace emporium::catalog {
namespace {

inventory::StockLedger& ledger(CatalogContext& context) {
  if (!context.stock) throw std::logic_error("the catalog writes stock but has no stock ledger");
  return *context.stock;
}

std::optional<std::string> actor_of(const http::Principal& actor) {
  if (actor.user_id.empty()) return std::nullopt;
  return actor.user_id;
}

}  // namespace

void open_stock(CatalogContext& context, storage::Connection& connection, const Variant& variant,
                const http::Principal& actor) {
  if (variant.stock <= 0) return;
  ledger(context).open(connection, variant.id, variant.product_id, variant.stock,
                       {.actor_id = actor_of(actor),
                        .reason = inventory::MovementReason::Opening,
                        .note = "created with the variant",
                        .order_id = std::nullopt});
}

std::optional<Variant> lock_variant(CatalogContext& context, storage::Connection& connection,
                                    std::string_view product_id, std::string_view variant_id) {
  // Without a ledger (tests that never write stock) there is nothing to keep current.
  if (context.stock && !context.stock->lock_level(connection, variant_id)) return std::nullopt;
  return ProductStore::find_variant(connection, product_id, variant_id);
}

void record_stock_change(CatalogContext& context, storage::Connection& connection, const Variant& variant,
                         std::int64_t locked_level, const http::Principal& actor) {
  if (variant.stock == locked_level) return;
  // `set` is turned into a delta under the row lock the variant already holds: nothing moved meanwhile.
  const auto result = ledger(context).adjust(connection, variant.id, std::nullopt, variant.stock,
                                             {.actor_id = actor_of(actor),
                                              .reason = inventory::MovementReason::Adjustment,
                                              .note = "stock set by a variant update",
                                              .order_id = std::nullopt});
  if (!result.movement || result.movement->level != variant.stock)
    throw std::logic_error("the stock of locked variant " + variant.id + " could not be set");
}

}  // namespace emporium::catalog
