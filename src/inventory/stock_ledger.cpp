#include "inventory/stock_ledger.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <map>
#include <stdexcept>

#include "inventory/stock_store.hpp"

namespace emporium::inventory {
namespace {

constexpr std::pair<MovementReason, std::string_view> kReasonNames[] = {
    {MovementReason::Opening, "opening"},
    {MovementReason::Adjustment, "adjustment"},
    {MovementReason::OrderReserved, "order_reserved"},
    {MovementReason::OrderCancelled, "order_cancelled"},
    {MovementReason::OrderExpired, "order_expired"},
    {MovementReason::Restock, "restock"},
};

// Lines of the same variant summed, in variant-id order (std::map orders bytewise, as COLLATE "C" does): every
// transaction touches rows in one order, so two of them never wait on each other in a cycle.
std::map<std::string, std::int64_t> summed(std::span<const StockLine> lines) {
  std::map<std::string, std::int64_t> out;
  for (const auto& line : lines) {
    if (line.quantity <= 0) throw std::invalid_argument("a stock line needs a positive quantity");
    out[line.variant_id] += line.quantity;
  }
  return out;
}

bool crossed_low_stock(const StockRow& row, std::int64_t delta) {
  const auto before = row.stock - delta;
  return row.threshold > 0 && before > row.threshold && row.stock <= row.threshold;
}

}  // namespace

std::string_view to_string(MovementReason reason) {
  for (const auto& [value, name] : kReasonNames)
    if (value == reason) return name;
  return "adjustment";
}

std::optional<MovementReason> movement_reason_from_string(std::string_view text) {
  for (const auto& [value, name] : kReasonNames)
    if (name == text) return value;
  return std::nullopt;
}

StockLedger::StockLedger(IdGenerator& ids, const Clock& clock, events::EventLog& events)
    : ids_(ids), clock_(clock), events_(events) {}

namespace {

// One movement for a change already made to `row`, and the low-stock event when it crossed the threshold.
Movement record(storage::Connection& connection, IdGenerator& ids, const Clock& clock, events::EventLog& events,
                std::string_view variant_id, std::int64_t delta, const StockRow& row, const MovementContext& context) {
  Movement movement{.id = ids.next("mov"),
                    .variant_id = std::string(variant_id),
                    .product_id = row.product_id,
                    .delta = delta,
                    .level = row.stock,
                    .reason = context.reason,
                    .note = context.note,
                    .actor_id = context.actor_id,
                    .order_id = context.order_id,
                    .created_at = clock.now()};
  StockStore::insert_movement(connection, movement);
  if (crossed_low_stock(row, delta)) {
    const boost::json::object data{{"productId", row.product_id},
                                   {"variantId", variant_id},
                                   {"sku", row.sku},
                                   {"stock", row.stock},
                                   {"threshold", row.threshold}};
    events.record(connection, {.type = "product.low_stock",
                               .subject_id = std::string(variant_id),
                               .owner_id = StockStore::vendor_of(connection, row.product_id),
                               .data = boost::json::serialize(data)});
  }
  return movement;
}

}  // namespace

std::vector<ShortLine> StockLedger::reserve(storage::Connection& connection, std::span<const StockLine> lines,
                                            const MovementContext& context) {
  struct Taken {
    std::string variant_id;
    std::int64_t quantity = 0;
    StockRow row;
  };
  std::vector<ShortLine> short_lines;
  std::vector<Taken> taken;
  for (const auto& [variant_id, quantity] : summed(lines)) {
    // Once a line is short the caller rolls back: the rest are only read, to name every short line at once
    // without taking more row locks.
    const bool taking = short_lines.empty();
    if (taking) {
      if (auto row = StockStore::take(connection, variant_id, quantity)) {
        taken.push_back({.variant_id = variant_id, .quantity = quantity, .row = std::move(*row)});
        continue;
      }
    }
    const auto available = StockStore::level(connection, variant_id).value_or(0);
    if (taking || available < quantity)
      short_lines.push_back({.variant_id = variant_id, .requested = quantity, .available = available});
  }
  if (!short_lines.empty()) return short_lines;
  for (const auto& line : taken)
    record(connection, ids_, clock_, events_, line.variant_id, -line.quantity, line.row, context);
  return {};
}

void StockLedger::release(storage::Connection& connection, std::span<const StockLine> lines,
                          const MovementContext& context) {
  for (const auto& [variant_id, quantity] : summed(lines)) {
    const auto row = StockStore::give(connection, variant_id, quantity);
    if (!row) throw std::invalid_argument("stock released to an unknown variant " + variant_id);
    record(connection, ids_, clock_, events_, variant_id, quantity, *row, context);
  }
}

StockLedger::AdjustResult StockLedger::adjust(storage::Connection& connection, std::string_view variant_id,
                                              std::optional<std::int64_t> delta, std::optional<std::int64_t> set,
                                              const MovementContext& context) {
  if (delta.has_value() == set.has_value()) throw std::invalid_argument("adjust takes exactly one of delta and set");
  std::int64_t change = delta.value_or(0);
  if (set) {
    // The change is computed under the row lock, so a concurrent movement is never overwritten.
    const auto locked = StockStore::lock(connection, variant_id);
    if (!locked) return {.movement = std::nullopt, .error = AdjustError::NotFound};
    if (*set < 0) return {.movement = std::nullopt, .error = AdjustError::WouldGoNegative};
    change = *set - locked->stock;
  }
  const auto row = StockStore::add(connection, variant_id, change);
  if (!row) {
    const bool exists = StockStore::level(connection, variant_id).has_value();
    return {.movement = std::nullopt, .error = exists ? AdjustError::WouldGoNegative : AdjustError::NotFound};
  }
  return {.movement = record(connection, ids_, clock_, events_, variant_id, change, *row, context),
          .error = std::nullopt};
}

void StockLedger::open(storage::Connection& connection, std::string_view variant_id, std::string_view product_id,
                       std::int64_t level, const MovementContext& context) {
  if (level <= 0) return;
  StockStore::insert_movement(connection, {.id = ids_.next("mov"),
                                           .variant_id = std::string(variant_id),
                                           .product_id = std::string(product_id),
                                           .delta = level,
                                           .level = level,
                                           .reason = MovementReason::Opening,
                                           .note = context.note,
                                           .actor_id = context.actor_id,
                                           .order_id = context.order_id,
                                           .created_at = clock_.now()});
}

std::optional<std::int64_t> StockLedger::lock_level(storage::Connection& connection, std::string_view variant_id) {
  const auto row = StockStore::lock(connection, variant_id);
  if (!row) return std::nullopt;
  return row->stock;
}

}  // namespace emporium::inventory
