#include "inventory/inventory_json.hpp"

#include "catalog/product_input.hpp"
#include "http/json_body.hpp"
#include "support/strings.hpp"

namespace emporium::inventory {
namespace {
using http::ObjectReader;

constexpr std::int64_t kMaxDelta = 1'000'000'000;
const http::IntRule kDeltaRule{.min = -kMaxDelta, .max = kMaxDelta};
const http::IntRule kSetRule{.min = 0, .max = catalog::CatalogLimits::kMaxStock};
const http::StringRule kReasonRule{.min_length = 1, .max_length = 200};

boost::json::value text_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return boost::json::string(*text);
}

void read_change(ObjectReader& reader, StockChange& out) {
  reader.optional("delta", out.delta, kDeltaRule);
  reader.optional("set", out.set, kSetRule);
  reader.required("reason", out.reason, kReasonRule);
  if (has_control_character(out.reason)) reader.fail("reason", "must not contain control characters");
}

// Checked on the whole value, so that a missing reason and a missing delta/set are told at once.
std::vector<FieldError> change_errors(const StockChange& change) {
  if (change.delta && change.set) return {{"delta", "give either delta or set, not both"}};
  if (!change.delta && !change.set) return {{"delta", "give delta (a change) or set (the new level)"}};
  if (change.delta == 0) return {{"delta", "must not be 0 (give set to record a count)"}};
  return {};
}

}  // namespace

Result<StockChange> read_stock_change(const http::Request& request) {
  return http::read_json_body<StockChange>(request, read_change, change_errors);
}

boost::json::object to_json(const Movement& movement) {
  return {{"id", movement.id},
          {"variantId", movement.variant_id},
          {"delta", movement.delta},
          {"level", movement.level},
          {"reason", to_string(movement.reason)},
          {"note", movement.note},
          {"actorId", text_or_null(movement.actor_id)},
          {"orderId", text_or_null(movement.order_id)},
          {"createdAt", to_iso8601(movement.created_at)}};
}

boost::json::object to_json(const StockChangeResult& result) {
  const auto& variant = result.variant;
  return {{"movement", to_json(result.movement)},
          {"variant", boost::json::object{{"id", variant.id},
                                          {"sku", variant.sku},
                                          {"stock", variant.stock},
                                          {"lowStockThreshold", variant.low_stock_threshold},
                                          {"inStock", variant.stock > 0},
                                          {"version", variant.version}}},
          {"productVersion", result.product_version}};
}

boost::json::object to_json(const LowStockRow& row) {
  return {{"productId", row.product_id}, {"productName", row.product_name},
          {"variantId", row.variant_id}, {"sku", row.sku},
          {"stock", row.stock},          {"threshold", row.threshold}};
}

}  // namespace emporium::inventory
