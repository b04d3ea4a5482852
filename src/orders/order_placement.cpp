#include "orders/order_placement.hpp"

#include <boost/json/parse.hpp>

#include "cart/cart_checkout.hpp"
#include "catalog/product_store.hpp"
#include "idempotency/idempotency_http.hpp"
#include "orders/order_basket.hpp"
#include "orders/order_errors.hpp"
#include "orders/order_store.hpp"
#include "support/log.hpp"

namespace emporium::orders {
namespace {
using storage::Connection;
using storage::TxMode;

// What is ordered: the items sent, or the cart.
struct Basket {
  std::vector<pricing::LineRequest> requests = {};
  std::optional<std::string> coupon_code = {};
  bool from_cart = false;
};

Result<Basket> basket_of(Connection& connection, const PlaceOrderCommand& command, std::int64_t max_lines) {
  Basket basket{.coupon_code = command.input.coupon_code};
  if (command.input.items) {
    for (const auto& item : *command.input.items)
      basket.requests.push_back(
          {.product_id = item.product_id, .variant_id = item.variant_id, .quantity = item.quantity});
    return basket;
  }
  auto cart = cart::cart_for_checkout(connection, command.customer_id);
  if (cart.lines.empty()) return errors::cart_empty();
  if (static_cast<std::int64_t>(cart.lines.size()) > max_lines) return errors::too_many_lines(max_lines);
  basket.requests = std::move(cart.lines);
  if (!basket.coupon_code) basket.coupon_code = std::move(cart.coupon_code);
  basket.from_cart = true;
  return basket;
}

// Every reason the priced lines cannot be ordered, from the most to the least fundamental.
std::optional<Problem> check_lines(std::span<const pricing::PricedLine> lines) {
  if (auto problem = unavailable_items(lines)) return problem;
  if (auto problem = mixed_currencies(lines)) return problem;
  return short_items(lines);
}

// An unknown code is a 404 of the coupon, not of the order route: answered as a broken field.
Problem coupon_problem(Problem problem) {
  if (problem.status != 404) return problem;
  auto code = problem.code;
  return problems::validation_failed({{"couponCode", "is not a valid coupon code"}})
      .with_code(std::move(code))
      .with_detail(std::move(problem.detail));
}

// The order of a stored 201 whose payment had not started (payment.status "not_started"); nullopt otherwise.
std::optional<std::string> unstarted_order_of(const idempotency::StoredResponse& stored) {
  if (stored.status != 201) return std::nullopt;
  boost::system::error_code error;
  const auto first = boost::json::parse(stored.body, error);
  if (error || !first.is_object()) return std::nullopt;
  const auto* payment = first.as_object().if_contains("payment");
  const auto* status = payment && payment->is_object() ? payment->as_object().if_contains("status") : nullptr;
  const auto* id = first.as_object().if_contains("id");
  if (!status || !id || !id->is_string() || *status != boost::json::value(record_status::kNotStarted))
    return std::nullopt;
  return std::string(id->as_string());
}

// The postal fields of an address sent with the order (users::AddressInput) or of the address book (users::Address).
template <class PostalAddress>
AddressSnapshot snapshot(const PostalAddress& address) {
  return {.full_name = address.full_name,
          .line1 = address.line1,
          .line2 = address.line2,
          .city = address.city,
          .region = address.region,
          .postal_code = address.postal_code,
          .country = address.country,
          .phone = address.phone};
}
}  // namespace

struct OrderPlacement::Outcome {
  std::optional<idempotency::StoredResponse> replay = {};
  std::optional<Order> order = {};
  bool created = false;           // false: the order a crashed attempt with the same key made
  bool emptied_variants = false;  // some variant's stock reached 0: public catalog answers changed
  std::string token = {};
};

Result<Placement> OrderPlacement::place(const PlaceOrderCommand& command) {
  if (command.key) {
    // A repeat is answered from its key, before anything that may have changed since is looked at.
    const auto seen = storage::with_connection(
        context_.database, [&](Connection& connection) { return keys_.peek(connection, *command.key); });
    if (seen) {
      if (auto problem = idempotency::problem_for(seen->decision)) return std::move(*problem);
      return replay_or_resume(command, std::move(*seen->response));
    }
  }
  if (!context_.payments.find(command.input.payment_method))
    return errors::payment_method_unavailable(command.input.payment_method);
  auto addresses = resolve_addresses(command);
  if (!addresses) return addresses.error();
  auto outcome = storage::transact(context_.database, TxMode::Write,
                                   [&](Connection& connection) { return place_in(connection, command, *addresses); });
  if (!outcome) return outcome.error();
  if (outcome->replay) return replay_or_resume(command, std::move(*outcome->replay));
  // Public catalog answers show whether variants are in stock, not how many: they change only when one ran out.
  if (outcome->emptied_variants) context_.cache.invalidate();
  Placement placement{.order = std::move(*outcome->order), .claim_token = std::move(outcome->token)};
  // A resumed claim (the first attempt crashed after its commit) finds the order; either way its payment is
  // started here if it has not been.
  placement.payment = sessions_.ensure_started(placement.order);
  return placement;
}

Placement OrderPlacement::replay_or_resume(const PlaceOrderCommand& command, idempotency::StoredResponse stored) {
  const auto order_id = unstarted_order_of(stored);
  if (!order_id) return Placement{.replay = std::move(stored)};
  auto order = storage::with_connection(
      context_.database, [&](Connection& connection) { return OrderStore::find(connection, *order_id); });
  if (!order || order->customer_id != command.customer_id) return Placement{.replay = std::move(stored)};
  Placement placement{.order = std::move(*order), .resumed = true};
  placement.payment = sessions_.ensure_started(placement.order);
  return placement;
}

void OrderPlacement::remember(const idempotency::KeyUse& key, const std::string& token,
                              const idempotency::StoredResponse& response) {
  keys_.complete_after(context_.database, key, token, response);
}

Result<OrderPlacement::Addresses> OrderPlacement::resolve_addresses(const PlaceOrderCommand& command) {
  const auto& input = command.input;
  Addresses out;
  if (input.shipping_address) {
    out.shipping = snapshot(*input.shipping_address);
  } else if (input.shipping_address_id) {
    auto found = addresses_.find_for_user(command.customer_id, *input.shipping_address_id);
    if (!found) return errors::address_not_found("shippingAddressId");
    out.shipping = snapshot(*found);
  } else if (auto fallback = addresses_.default_shipping(command.customer_id)) {
    out.shipping = snapshot(*fallback);
  } else {
    return errors::shipping_address_required();
  }
  out.billing = input.billing_address ? snapshot(*input.billing_address) : out.shipping;
  return out;
}

Result<OrderPlacement::Outcome> OrderPlacement::place_in(Connection& connection, const PlaceOrderCommand& command,
                                                         const Addresses& addresses) {
  Outcome outcome;
  if (command.key) {
    auto claim = keys_.claim(connection, *command.key);
    if (auto problem = idempotency::problem_for(claim.decision)) return std::move(*problem);
    if (claim.decision == idempotency::Decision::Replay) {
      outcome.replay = std::move(claim.response);
      return outcome;
    }
    outcome.token = std::move(claim.token);
    if (claim.decision == idempotency::Decision::Resume) {
      // The claim was left by an attempt that committed its order and crashed before answering.
      outcome.order = OrderStore::find_by_key(connection, command.customer_id, command.key->key, claim.claimed_at);
      if (outcome.order) return outcome;
    }
  }
  auto order = create_in(connection, command, addresses);
  if (!order) return order.error();
  outcome.emptied_variants = refresh_emptied_products(connection, order->lines);
  outcome.order = std::move(*order);
  outcome.created = true;
  return outcome;
}

Result<Order> OrderPlacement::create_in(Connection& connection, const PlaceOrderCommand& command,
                                        const Addresses& addresses) {
  auto basket = basket_of(connection, command, rules_.max_lines);
  if (!basket) return basket.error();
  const auto lines = pricing::price_lines(connection, basket->requests);
  if (auto problem = check_lines(lines)) return std::move(*problem);
  std::optional<coupons::AppliedCoupon> coupon;
  if (basket->coupon_code) {
    const coupons::CouponRequest request{
        .code = *basket->coupon_code, .customer_id = command.customer_id, .client_ip = command.client_ip};
    // A code the customer typed is a guess (throttled); one the cart already held was checked when applied.
    auto applied = command.input.coupon_code ? coupons_.apply(connection, request, lines)
                                             : coupons_.recheck(connection, request, lines);
    if (!applied) return coupon_problem(applied.error());
    coupon = std::move(*applied);
  }
  auto order = draft(command, addresses, lines, coupon);
  // Stock first: the ledger touches the variant rows in id order, then come the coupon row and (after the
  // order's rows) the rows of products a variant of which ran out, in id order. Every placement takes its locks in that
  // one order, so concurrent placements never deadlock. (The order's rows come after the reservation on purpose: their
  // foreign keys share-lock the variant and product rows, and many transactions share-locking a hot row before they
  // queue for its update lock make PostgreSQL build multixacts: checkout throughput fell to a third when they came
  // first.)
  const auto shorts = context_.ledger.reserve(
      connection, stock_needed(lines),
      {.actor_id = command.customer_id, .reason = inventory::MovementReason::OrderReserved, .order_id = order.id});
  if (!shorts.empty()) return short_items(lines, shorts);  // the caller's rollback undoes what was taken
  if (coupon) {
    if (auto redeemed = coupons_.redeem(connection, *coupon, command.customer_id, order.id); !redeemed)
      return redeemed.error();
  }
  OrderStore::insert(connection, order);
  const auto* provider = context_.payments.find(order.payment_provider);
  PaymentRecords::insert(connection, order, provider != nullptr && !provider->calls_out());
  context_.timeline.created(connection, order);
  if (basket->from_cart) cart::empty_cart(connection, command.customer_id);
  return order;
}

Order OrderPlacement::draft(const PlaceOrderCommand& command, const Addresses& addresses,
                            std::span<const pricing::PricedLine> lines,
                            const std::optional<coupons::AppliedCoupon>& coupon) {
  const auto totals = pricing::compute_totals(lines, coupon ? coupon->discount : pricing::Discount{}, rules_.pricing,
                                              std::string_view(addresses.shipping.country));
  const auto now = context_.clock.now();
  Order order{.id = context_.ids.next("ord"),
              .customer_id = command.customer_id,
              .status = OrderStatus::PendingPayment,
              .currency = totals.currency,
              .subtotal = totals.subtotal,
              .discount = totals.discount,
              .shipping = totals.shipping,
              .tax = totals.tax,
              .total = totals.total,
              .shipping_address = addresses.shipping,
              .billing_address = addresses.billing,
              .payment_provider = command.input.payment_method,
              .payment_status = std::string(payment_status::kPending),
              .expires_at = now + rules_.payment_timeout,
              .created_at = now,
              .updated_at = now};
  if (command.key) order.idempotency_key = command.key->key;
  if (coupon) {
    order.coupon_id = coupon->coupon_id;
    order.coupon_code = coupon->code;
  }
  order.lines = line_snapshots(lines, order.id, [this] { return context_.ids.next("oli"); });
  return order;
}

// Only a product whose variant ran out can have its in-stock summary changed by an order (prices do not move):
// its row is locked and the summary recomputed; the rest stay unlocked, so orders of different variants of one
// product do not queue on the product's row.
bool OrderPlacement::refresh_emptied_products(Connection& connection, std::span<const OrderLine> lines) {
  std::vector<std::string> variant_ids;
  for (const auto& line : lines) variant_ids.push_back(line.variant_id);
  const auto emptied = catalog::ProductStore::products_emptied(connection, variant_ids);
  for (const auto& product_id : emptied) catalog::ProductStore::lock_and_refresh_summary(connection, product_id);
  return !emptied.empty();
}

}  // namespace emporium::orders
