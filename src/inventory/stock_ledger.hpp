#pragma once
// CONTRACT (written before the implementation; the inventory work fills in stock_ledger.cpp and may add to it,
// but the orders, cart and catalog code rely on these declarations).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "events/event_log.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::inventory {

// Why stock moved. Stored as text in stock_movements.reason.
enum class MovementReason {
  Opening,         // the level a variant had when the ledger started, or was created with
  Adjustment,      // a manual change by the owner or an admin (delta or set)
  OrderReserved,   // an order took it (negative)
  OrderCancelled,  // a cancelled order gave it back
  OrderExpired,    // an unpaid order expired and gave it back
  Restock,         // a refund put it back on the shelf
};
std::string_view to_string(MovementReason reason);
std::optional<MovementReason> movement_reason_from_string(std::string_view text);

// Who and what a movement is recorded with.
struct MovementContext {
  std::optional<std::string> actor_id = {};  // the user; empty for the system (expiry job)
  MovementReason reason = MovementReason::Adjustment;
  std::string note = {};                     // the free-text reason a person gave
  std::optional<std::string> order_id = {};  // ord_… for order movements
};

struct StockLine {
  std::string variant_id = {};
  std::int64_t quantity = 0;  // > 0
};

// A line that could not be reserved.
struct ShortLine {
  std::string variant_id = {};
  std::int64_t requested = 0;
  std::int64_t available = 0;
};

struct Movement {
  std::string id = {};  // mov_…
  std::string variant_id = {};
  std::string product_id = {};
  std::int64_t delta = 0;
  std::int64_t level = 0;  // the variant's stock after it
  MovementReason reason = MovementReason::Adjustment;
  std::string note = {};
  std::optional<std::string> actor_id = {};
  std::optional<std::string> order_id = {};
  Timestamp created_at{};
};

// The stock-movement ledger: every change of a variant's stock is one conditional UPDATE of
// product_variants.stock plus one stock_movements row, in the caller's transaction, so the level always equals
// the sum of its movements. A variant crossing its low-stock threshold downward records `product.low_stock`.
// It does NOT refresh the product's price/in-stock summary nor invalidate the catalog cache: callers call
// catalog::ProductStore::refresh_summary for every product touched, and invalidate the cache after commit.
class StockLedger {
 public:
  StockLedger(IdGenerator& ids, const Clock& clock, events::EventLog& events);

  // Reserves every line or none: lines of the same variant are summed, rows are touched in variant-id order,
  // each with `UPDATE … SET stock = stock - n WHERE id = $1 AND stock >= n AND deleted_at IS NULL`. Returns
  // the lines that were short (empty: all reserved). When it is not empty some lines may already have been
  // taken: the caller MUST roll the transaction back.
  std::vector<ShortLine> reserve(storage::Connection& connection, std::span<const StockLine> lines,
                                 const MovementContext& context);
  // Gives stock back (cancel, expiry, restock): one positive movement per variant, in variant-id order.
  // Works for deleted variants too (their stock is kept for the ledger).
  void release(storage::Connection& connection, std::span<const StockLine> lines, const MovementContext& context);
  // A manual change: exactly one of `delta` / `set`. Nullopt when the variant does not exist; a change that
  // would go below zero is refused (the caller answers 409/422) and nothing is written.
  enum class AdjustError { NotFound, WouldGoNegative };
  struct AdjustResult {
    std::optional<Movement> movement;
    std::optional<AdjustError> error;
  };
  AdjustResult adjust(storage::Connection& connection, std::string_view variant_id, std::optional<std::int64_t> delta,
                      std::optional<std::int64_t> set, const MovementContext& context);
  // The opening movement of a new variant created with `level` in stock (nothing written when level is 0).
  void open(storage::Connection& connection, std::string_view variant_id, std::string_view product_id,
            std::int64_t level, const MovementContext& context);
  // Takes the row lock of a live variant for the rest of the transaction and returns its stock (nullopt: no
  // such live variant), so that a change computed from it (a PUT of `stock`) loses no concurrent movement.
  std::optional<std::int64_t> lock_level(storage::Connection& connection, std::string_view variant_id);

 private:
  IdGenerator& ids_;
  const Clock& clock_;
  events::EventLog& events_;
};

}  // namespace emporium::inventory
