#include "cart/cart_json.hpp"

#include <boost/json/array.hpp>

namespace emporium::cart {
namespace {
using pricing::LineIssue;

boost::json::value text_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return boost::json::string(text);
}

boost::json::object line_json(const CartLine& line) {
  const auto& priced = line.priced;
  const bool variant_known = !priced.variant_id.empty();
  boost::json::object options;
  for (const auto& [name, value] : priced.options) options[name] = value;
  boost::json::object out{{"id", line.item.id},
                          {"productId", line.item.product_id},
                          {"variantId", line.item.variant_id},
                          {"name", text_or_null(priced.product_name)},
                          {"sku", text_or_null(priced.sku)},
                          {"options", std::move(options)},
                          {"unitPrice", variant_known ? boost::json::value(priced.unit_price) : nullptr},
                          {"quantity", line.item.quantity},
                          {"lineTotal", variant_known ? boost::json::value(priced.line_total) : nullptr},
                          {"available", priced.issue == LineIssue::None},
                          {"issue", priced.issue == LineIssue::None ? boost::json::value(nullptr)
                                                                    : boost::json::value(to_string(priced.issue))}};
  if (priced.issue == LineIssue::InsufficientStock) out["availableQuantity"] = priced.available;
  return out;
}

boost::json::value coupon_json(const CartView& view) {
  if (!view.coupon) return nullptr;
  return boost::json::object{
      {"code", view.coupon->code}, {"type", view.coupon->type}, {"discount", view.totals.discount}};
}

boost::json::value issue_json(const CartView& view) {
  if (!view.coupon_issue) return nullptr;
  return boost::json::object{
      {"code", view.coupon_issue->code}, {"reason", view.coupon_issue->reason}, {"detail", view.coupon_issue->detail}};
}
}  // namespace

boost::json::object to_json(const CartView& view) {
  boost::json::array items;
  for (const auto& line : view.lines) items.push_back(line_json(line));
  return {{"items", std::move(items)},
          {"coupon", coupon_json(view)},
          {"couponIssue", issue_json(view)},
          {"subtotal", view.totals.subtotal},
          {"discount", view.totals.discount},
          {"shipping", view.totals.shipping},
          {"tax", view.totals.tax},
          {"total", view.totals.total},
          {"currency", view.currency ? boost::json::value(*view.currency) : nullptr},
          {"itemCount", view.item_count},
          {"updatedAt", view.updated_at ? boost::json::value(to_iso8601(*view.updated_at)) : nullptr}};
}

}  // namespace emporium::cart
