#pragma once

#include <optional>
#include <string>

#include "coupons/coupon_redemption.hpp"
#include "idempotency/idempotency_keys.hpp"
#include "orders/order.hpp"
#include "orders/order_input.hpp"
#include "orders/orders_context.hpp"
#include "orders/payment_sessions.hpp"
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
  // A repeat whose first answer had no payment session (the provider failed): the order as it is now, after
  // starting its payment again. Answered like a replay, but not stored over the first answer.
  bool resumed = false;
};

struct PlacementRules {
  const pricing::PricingRules& pricing;
  std::int64_t max_lines = 50;
  std::chrono::seconds payment_timeout{30 * 60};
};

// Placing an order (POST /api/orders), in ONE write transaction: the idempotency claim, the lines (given, or
// the customer's cart, which is then emptied), prices from the catalog, the coupon (applied and redeemed),
// stock reserved through the ledger (all lines or none: a short line rolls everything back), the order with
// frozen line snapshots, its payment record, its first timeline entry and `order.created`, and the product
// summaries. After the commit the catalog cache is invalidated, and only then is the payment provider asked for
// a session (no lock is held across that call). When the provider fails, the order stands with payment status
// "not_started"; a repeat with the same Idempotency-Key starts it again (see Placement::resumed).
class OrderPlacement {
 public:
  OrderPlacement(OrdersContext& context, coupons::CouponRedemptions& coupons, users::AddressService& addresses,
                 idempotency::IdempotencyKeys& keys, PaymentSessions& sessions, PlacementRules rules)
      : context_(context), coupons_(coupons), addresses_(addresses), keys_(keys), sessions_(sessions), rules_(rules) {}

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
  // The stored answer, or (when it showed a payment that never started) the order now, started again.
  Placement replay_or_resume(const PlaceOrderCommand& command, idempotency::StoredResponse stored);

  OrdersContext& context_;
  coupons::CouponRedemptions& coupons_;
  users::AddressService& addresses_;
  idempotency::IdempotencyKeys& keys_;
  PaymentSessions& sessions_;
  PlacementRules rules_;
};

}  // namespace emporium::orders
