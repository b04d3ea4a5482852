#pragma once

// The catalog's stock writes, all through the ledger (inventory::StockLedger), so that a variant's stock always
// equals the sum of its movements: a new variant's opening level, and a PUT/PATCH that changes `stock`.

#include <cstdint>
#include <optional>
#include <string_view>

#include "catalog/catalog_context.hpp"
#include "catalog/product.hpp"
#include "http/principal.hpp"
#include "storage/database.hpp"

namespace emporium::catalog {

// The Opening movement of a variant just inserted with its stock (nothing when it has none).
void open_stock(CatalogContext& context, storage::Connection& connection, const Variant& variant,
                const http::Principal& actor);

// The live variant with its row locked until the transaction ends, so that the stock it shows stays the
// current level: an order's reservation waits instead of being overwritten by the variant write.
std::optional<Variant> lock_variant(CatalogContext& context, storage::Connection& connection,
                                    std::string_view product_id, std::string_view variant_id);

// After new fields were applied to a locked `variant` whose row holds `locked_level`: when its stock changed,
// the Adjustment movement for the difference (which may cross the low-stock threshold).
void record_stock_change(CatalogContext& context, storage::Connection& connection, const Variant& variant,
                         std::int64_t locked_level, const http::Principal& actor);

}  // namespace emporium::catalog
