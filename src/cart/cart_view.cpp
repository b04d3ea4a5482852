#include "cart/cart_view.hpp"

namespace emporium::cart {
namespace {

std::vector<CartLine> priced_lines(storage::Connection& connection, std::vector<CartItem> items) {
  std::vector<pricing::LineRequest> requests;
  requests.reserve(items.size());
  for (const auto& item : items)
    requests.push_back({.product_id = item.product_id, .variant_id = item.variant_id, .quantity = item.quantity});
  auto priced = pricing::price_lines(connection, requests);
  std::vector<CartLine> lines;
  lines.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    lines.push_back(CartLine{.item = std::move(items[i]), .priced = std::move(priced[i])});
  return lines;
}

// The currency of the cart: its lines' (they all share one), whether they have an issue or not.
std::optional<std::string> cart_currency(const std::vector<CartLine>& lines) {
  for (const auto& line : lines) {
    if (!line.priced.currency.empty()) return line.priced.currency;
  }
  return std::nullopt;
}
}  // namespace

std::vector<pricing::PricedLine> orderable_lines(const std::vector<CartLine>& lines) {
  std::vector<pricing::PricedLine> out;
  for (const auto& line : lines) {
    if (line.priced.issue == pricing::LineIssue::None) out.push_back(line.priced);
  }
  return out;
}

CartView build_cart_view(storage::Connection& connection, const CartViewContext& context,
                         const std::string& customer_id, StoredCart stored) {
  CartView view;
  view.updated_at = stored.updated_at;
  view.lines = priced_lines(connection, std::move(stored.items));
  for (const auto& line : view.lines) view.item_count += line.item.quantity;
  const auto orderable = orderable_lines(view.lines);
  pricing::Discount discount;
  if (stored.coupon_code) {
    const coupons::CouponRequest request{
        .code = *stored.coupon_code, .customer_id = customer_id, .client_ip = context.client_ip};
    auto applied = context.coupons.recheck(connection, request, orderable);
    if (applied) {
      discount = applied->discount;
      view.coupon = std::move(*applied);
    } else {
      view.coupon_issue =
          CouponIssue{.code = *stored.coupon_code, .reason = applied.error().code, .detail = applied.error().detail};
    }
  }
  const std::optional<std::string_view> country =
      context.country ? std::optional<std::string_view>(*context.country) : std::nullopt;
  view.totals = pricing::compute_totals(orderable, discount, context.pricing, country);
  view.currency = cart_currency(view.lines);
  return view;
}

}  // namespace emporium::cart
