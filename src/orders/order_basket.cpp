#include "orders/order_basket.hpp"

#include <algorithm>
#include <map>

#include "orders/order_errors.hpp"

namespace emporium::orders {
namespace {
using pricing::LineIssue;
using pricing::PricedLine;

std::string item(std::size_t index) { return "items[" + std::to_string(index) + "]"; }

std::optional<FieldError> unavailable(const PricedLine& line, std::size_t index) {
  switch (line.issue) {
    case LineIssue::ProductUnavailable:
      return FieldError{item(index) + ".productId", "is not a product for sale"};
    case LineIssue::VariantNotFound:
      return FieldError{item(index) + ".variantId", "is not a variant of this product for sale"};
    case LineIssue::VariantRequired:
      return FieldError{item(index) + ".variantId", "is required: the product comes in several variants"};
    case LineIssue::None:
    case LineIssue::InsufficientStock:
      break;
  }
  return std::nullopt;
}

std::string only_left(std::int64_t available) {
  return available <= 0 ? "is out of stock" : "only " + std::to_string(available) + " left";
}

template <class Key, class Value>
std::vector<inventory::StockLine> to_stock_lines(const std::map<Key, Value>& quantities) {
  std::vector<inventory::StockLine> out;
  for (const auto& [variant, quantity] : quantities) out.push_back({.variant_id = variant, .quantity = quantity});
  return out;
}
}  // namespace

std::optional<Problem> unavailable_items(std::span<const PricedLine> lines) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (auto error = unavailable(lines[i], i)) errors.push_back(std::move(*error));
  }
  if (errors.empty()) return std::nullopt;
  return errors::items_unavailable(std::move(errors));
}

std::optional<Problem> mixed_currencies(std::span<const PricedLine> lines) {
  std::vector<FieldError> errors;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].currency != lines.front().currency)
      errors.push_back({item(i), "is sold in " + lines[i].currency + ", not " + lines.front().currency});
  }
  if (errors.empty()) return std::nullopt;
  return errors::currency_mismatch(std::move(errors));
}

std::vector<inventory::StockLine> stock_needed(std::span<const PricedLine> lines) {
  std::map<std::string, std::int64_t> quantities;
  for (const auto& line : lines) quantities[line.variant_id] += line.quantity;
  return to_stock_lines(quantities);
}

std::optional<Problem> short_items(std::span<const PricedLine> lines) {
  std::vector<inventory::ShortLine> shorts;
  std::map<std::string, std::int64_t> available;
  for (const auto& line : lines) available[line.variant_id] = line.available;
  for (const auto& need : stock_needed(lines)) {
    const auto have = available[need.variant_id];
    if (have < need.quantity)
      shorts.push_back({.variant_id = need.variant_id, .requested = need.quantity, .available = have});
  }
  if (shorts.empty()) return std::nullopt;
  return short_items(lines, shorts);
}

Problem short_items(std::span<const PricedLine> lines, std::span<const inventory::ShortLine> shorts) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto short_line =
        std::find_if(shorts.begin(), shorts.end(), [&](const auto& s) { return s.variant_id == lines[i].variant_id; });
    if (short_line != shorts.end()) errors.push_back({item(i), only_left(short_line->available)});
  }
  return errors::insufficient_stock(std::move(errors));
}

std::vector<OrderLine> line_snapshots(std::span<const PricedLine> lines, const std::string& order_id,
                                      const std::function<std::string()>& next_id) {
  std::vector<OrderLine> out;
  out.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    out.push_back(OrderLine{.id = next_id(),
                            .order_id = order_id,
                            .position = static_cast<std::int64_t>(i),
                            .product_id = line.product_id,
                            .variant_id = line.variant_id,
                            .vendor_id = line.vendor_id,
                            .product_name = line.product_name,
                            .sku = line.sku,
                            .options = line.options,
                            .unit_price = line.unit_price,
                            .quantity = line.quantity,
                            .line_total = line.line_total});
  }
  return out;
}

std::vector<inventory::StockLine> stock_held(const Order& order) {
  std::map<std::string, std::int64_t> quantities;
  for (const auto& line : order.lines) quantities[line.variant_id] += line.quantity;
  return to_stock_lines(quantities);
}

std::vector<std::string> product_ids(const Order& order) {
  std::vector<std::string> ids;
  for (const auto& line : order.lines) ids.push_back(line.product_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace emporium::orders
