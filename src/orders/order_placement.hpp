#pragma once

#include <optional>
#include <string>

#include "coupons/coupon_redemption.hpp"
#include "idempotency/idempotency_keys.hpp"
#include "orders/order.hpp"
#include "orders/order_input.hpp"
#include "orders/orders_context.hpp"
#include "pricing/pricing.hpp"
#include "users/address_service.hpp"

namespace emporium::orders {

struct PlaceOrderCommand {
  std::string customer_id = {};
  std::string client_ip = {};  // for the throttling of coupon guesses
  PlaceOrderInput input = {};
  std::optional<idempotency::KeyUse> key = {};
};

// What placing answered: a stored response to replay, or the order with its payment session.
struct Placement {
  std::optional<idempotency::StoredResponse> replay = {};
  Order order = {};
  PaymentSession payment = {};
  std::string claim_token = {};  // a key was claimed: remember() the response with it
};

struct PlacementRules {
  const pricing::PricingRules& pricing;
  std::int64_t max_lines = 50;
  std::chrono::seconds payment_timeout{30 * 60};
};

// Placing an order (POST /api/orders), in ONE write transaction: the idempotency claim, the lines (given, or
// the customer's cart, which is then emptied), prices from the catalog, the coupon (applied and redeemed),
// stock reserved through the ledger (all lines or none: a short line rolls everything back), the order with
// frozen line snapshots, its first timeline entry and `order.created`, and the product summaries. After the
// commit the catalog cache is invalidated, and only then is the payment provider asked for a session (no lock
// is held across that call).
class OrderPlacement {
 public:
  OrderPlacement(OrdersContext& context, coupons::CouponRedemptions& coupons, users::AddressService& addresses,
                 idempotency::IdempotencyKeys& keys, PlacementRules rules)
      : context_(context), coupons_(coupons), addresses_(addresses), keys_(keys), rules_(rules) {}

  Result<Placement> place(const PlaceOrderCommand& command);
  // Stores the response that was answered for the command's key (best effort: a failure leaves the claim to
  // time out, and a retry then finds the order by its key).
  void remember(const idempotency::KeyUse& key, const std::string& token, const idempotency::StoredResponse& response);

 private:
  struct Addresses {
    AddressSnapshot shipping = {};
    AddressSnapshot billing = {};
  };
  struct Outcome;
  Result<Addresses> resolve_addresses(const PlaceOrderCommand& command);
  Result<Outcome> place_in(storage::Connection& connection, const PlaceOrderCommand& command,
                           const Addresses& addresses);
  static bool refresh_emptied_products(storage::Connection& connection, std::span<const OrderLine> lines);
  Result<Order> create_in(storage::Connection& connection, const PlaceOrderCommand& command,
                          const Addresses& addresses);
  Order draft(const PlaceOrderCommand& command, const Addresses& addresses, std::span<const pricing::PricedLine> lines,
              const std::optional<coupons::AppliedCoupon>& coupon);
  PaymentSession start_payment(const Order& order);

  OrdersContext& context_;
  coupons::CouponRedemptions& coupons_;
  users::AddressService& addresses_;
  idempotency::IdempotencyKeys& keys_;
  PlacementRules rules_;
};

}  // namespace emporium::orders
