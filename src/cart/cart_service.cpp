#include "cart/cart_service.hpp"

#include "cart/cart_errors.hpp"
#include "cart/cart_store.hpp"

namespace emporium::cart {
namespace {
using pricing::LineIssue;
using storage::Connection;
using storage::TxMode;

// The problem a new line's pricing stands for; a short line is accepted (and flagged on every read).
std::optional<Problem> refusal(const pricing::PricedLine& line) {
  switch (line.issue) {
    case LineIssue::ProductUnavailable:
      return errors::product_not_found();
    case LineIssue::VariantRequired:
      return errors::variant_required();
    case LineIssue::VariantNotFound:
      return errors::unknown_variant();
    case LineIssue::InsufficientStock:
    case LineIssue::None:
      return std::nullopt;
  }
  return std::nullopt;
}

// The currency of the lines already in the cart (their products', whatever their status).
std::optional<std::string> cart_currency(Connection& connection, const std::vector<CartItem>& items) {
  std::vector<pricing::LineRequest> requests;
  for (const auto& item : items)
    requests.push_back({.product_id = item.product_id, .variant_id = item.variant_id, .quantity = item.quantity});
  for (const auto& line : pricing::price_lines(connection, requests)) {
    if (!line.currency.empty()) return line.currency;
  }
  return std::nullopt;
}
}  // namespace

CartService::CartService(Dependencies dependencies, CartLimits limits) : deps_(dependencies), limits_(limits) {}

// The default shipping address is read before the transaction: AddressService takes its own connection.
CartViewContext CartService::view_context(const CartCaller& caller) {
  const auto address = deps_.addresses.default_shipping(caller.customer_id);
  return CartViewContext{.coupons = deps_.coupons,
                         .pricing = deps_.pricing,
                         .country = address ? std::optional(address->country) : std::nullopt,
                         .client_ip = caller.client_ip};
}

template <class Change>
Result<CartView> CartService::write(const CartCaller& caller, Change&& change) {
  const auto context = view_context(caller);
  return storage::transact(deps_.database, TxMode::Write, [&](Connection& connection) -> Result<CartView> {
    CartStore::touch(connection, caller.customer_id, deps_.clock.now());
    if (auto changed = change(connection); !changed) return changed.error();
    return build_cart_view(connection, context, caller.customer_id, CartStore::load(connection, caller.customer_id));
  });
}

CartView CartService::get(const CartCaller& caller) {
  const auto context = view_context(caller);
  return storage::transact(deps_.database, TxMode::Read,
                           [&](Connection& connection) -> Result<CartView> {
                             return build_cart_view(connection, context, caller.customer_id,
                                                    CartStore::load(connection, caller.customer_id));
                           })
      .value();
}

Result<CartView> CartService::add_item(const CartCaller& caller, const AddItemInput& input) {
  if (!is_valid_id(input.product_id, "prod")) return errors::product_not_found();
  if (input.variant_id && !is_valid_id(*input.variant_id, "var")) return errors::unknown_variant();
  return write(caller, [&](Connection& connection) { return add_line(connection, caller, input); });
}

Result<void> CartService::add_line(Connection& connection, const CartCaller& caller, const AddItemInput& input) {
  const pricing::LineRequest request{
      .product_id = input.product_id, .variant_id = input.variant_id, .quantity = input.quantity};
  const auto line = pricing::price_lines(connection, std::span(&request, 1)).front();
  if (auto problem = refusal(line)) return std::move(*problem);
  const auto stored = CartStore::load(connection, caller.customer_id);
  if (const auto currency = cart_currency(connection, stored.items); currency && *currency != line.currency)
    return errors::currency_mismatch(*currency);
  const auto now = deps_.clock.now();
  if (const auto existing = CartStore::find_by_variant(connection, caller.customer_id, line.variant_id)) {
    const auto total = existing->quantity + input.quantity;
    if (total > limits_.max_line_quantity) return errors::quantity_too_large(total, limits_.max_line_quantity);
    CartStore::set_quantity(connection, caller.customer_id, existing->id, total, now);
    return {};
  }
  if (static_cast<std::int64_t>(stored.items.size()) >= limits_.max_lines)
    return errors::cart_limit_reached(limits_.max_lines);
  CartStore::insert_item(connection, CartItem{.id = deps_.ids.next(kCartItemIdPrefix),
                                              .customer_id = caller.customer_id,
                                              .product_id = line.product_id,
                                              .variant_id = line.variant_id,
                                              .quantity = input.quantity,
                                              .created_at = now,
                                              .updated_at = now});
  return {};
}

Result<CartView> CartService::set_quantity(const CartCaller& caller, const std::string& item_id,
                                           std::int64_t quantity) {
  if (!is_valid_id(item_id, kCartItemIdPrefix)) return errors::item_not_found();
  return write(caller, [&](Connection& connection) -> Result<void> {
    if (!CartStore::set_quantity(connection, caller.customer_id, item_id, quantity, deps_.clock.now()))
      return errors::item_not_found();
    return {};
  });
}

Result<CartView> CartService::remove_item(const CartCaller& caller, const std::string& item_id) {
  if (!is_valid_id(item_id, kCartItemIdPrefix)) return errors::item_not_found();
  return write(caller, [&](Connection& connection) -> Result<void> {
    if (!CartStore::delete_item(connection, caller.customer_id, item_id)) return errors::item_not_found();
    return {};
  });
}

void CartService::clear(const CartCaller& caller) {
  deps_.database.transaction(TxMode::Write, [&](Connection& connection) {
    CartStore::touch(connection, caller.customer_id, deps_.clock.now());
    CartStore::delete_items(connection, caller.customer_id);
    CartStore::set_coupon(connection, caller.customer_id, std::nullopt);
    return true;
  });
}

// Applied to the lines without an issue, as the totals are; stored as the coupon spells its code.
Result<CartView> CartService::apply_coupon(const CartCaller& caller, const std::string& code) {
  const auto context = view_context(caller);
  return storage::transact(deps_.database, TxMode::Write, [&](Connection& connection) -> Result<CartView> {
    CartStore::touch(connection, caller.customer_id, deps_.clock.now());
    auto stored = CartStore::load(connection, caller.customer_id);
    const auto view = build_cart_view(connection, context, caller.customer_id, StoredCart{.items = stored.items});
    const coupons::CouponRequest request{
        .code = code, .customer_id = caller.customer_id, .client_ip = caller.client_ip};
    auto applied = deps_.coupons.apply(connection, request, orderable_lines(view.lines));
    if (!applied) return applied.error();
    CartStore::set_coupon(connection, caller.customer_id, applied->code);
    stored.coupon_code = applied->code;
    return build_cart_view(connection, context, caller.customer_id, std::move(stored));
  });
}

CartView CartService::remove_coupon(const CartCaller& caller) {
  return write(caller,
               [&](Connection& connection) -> Result<void> {
                 CartStore::set_coupon(connection, caller.customer_id, std::nullopt);
                 return {};
               })
      .value();
}

}  // namespace emporium::cart
