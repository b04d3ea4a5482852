#include "orders/order_lifecycle.hpp"

#include "catalog/product_store.hpp"
#include "orders/invoice_numbers.hpp"
#include "orders/order_basket.hpp"
#include "orders/order_errors.hpp"
#include "orders/order_store.hpp"
#include "orders/payment_records.hpp"
#include "support/log.hpp"

namespace emporium::orders {
namespace {
using storage::Connection;
using storage::TxMode;

constexpr std::string_view kIdPrefix = "ord";

Actor actor_of(http::Role role) {
  switch (role) {
    case http::Role::Admin:
      return Actor::Admin;
    case http::Role::Vendor:
      return Actor::Vendor;
    case http::Role::Customer:
      break;
  }
  return Actor::Customer;
}

bool has_lines_of(const Order& order, std::string_view vendor_id) {
  return std::any_of(order.lines.begin(), order.lines.end(),
                     [&](const OrderLine& line) { return line.vendor_id == vendor_id; });
}

// What a transition must not do: somebody may make it, but not this actor.
Problem refused(OrderStatus from, OrderStatus to, Actor actor) {
  if (actor == Actor::Customer && to == OrderStatus::Cancelled && is_transition(from, to)) {
    return problems::conflict("invalid_transition",
                              "Only an order awaiting payment can be cancelled by its customer. Ask the store to "
                              "cancel a paid order.");
  }
  return errors::invalid_transition(from, to);
}

std::optional<Problem> missing_shipment_details(const StatusChange& change) {
  std::vector<FieldError> errors;
  if (!change.carrier) errors.push_back({"carrier", "is required to mark lines shipped"});
  if (!change.tracking_number) errors.push_back({"trackingNumber", "is required to mark lines shipped"});
  if (errors.empty()) return std::nullopt;
  return problems::validation_failed(std::move(errors));
}

std::vector<std::string> unshipped_line_ids(const Order& order, std::optional<std::string_view> vendor_id) {
  std::vector<std::string> ids;
  for (const auto& line : order.lines) {
    if (line.fulfillment == FulfillmentStatus::Unfulfilled && (!vendor_id || line.vendor_id == *vendor_id))
      ids.push_back(line.id);
  }
  return ids;
}
}  // namespace

// One transition as requested: by whom, to what, with which details.
struct OrderLifecycle::Change {
  std::string order_id = {};
  Actor actor = Actor::System;
  std::optional<std::string> actor_id = {};  // empty: the system
  StatusChange request = {};
  std::string reason = {};                   // of a cancellation: customer | admin | expired
  std::optional<Timestamp> expired_by = {};  // the expiry job: only if expires_at <= this
  std::string client_ip = {};
  Timestamp now = {};
};

Result<Order> OrderLifecycle::change_status(const http::Principal& principal, std::string_view order_id,
                                            const StatusChange& request, const std::string& client_ip) {
  if (!is_valid_id(order_id, kIdPrefix)) return errors::order_not_found();
  Change change{.order_id = std::string(order_id),
                .actor = actor_of(principal.role),
                .actor_id = principal.user_id,
                .request = request,
                .reason = "admin",
                .client_ip = client_ip};
  auto order = storage::transact(context_.database, TxMode::Write, [&](Connection& connection) -> Result<Order> {
    change.now = context_.clock.now();
    if (change.actor == Actor::Vendor) return vendor_ship(connection, change);
    if (change.actor != Actor::Admin) return problems::forbidden();
    return admin_change(connection, change);
  });
  if (order && request.status == OrderStatus::Cancelled) context_.cache.invalidate();
  notify_refund_due(order);
  return order;
}

Result<Order> OrderLifecycle::cancel(const http::Principal& principal, std::string_view order_id,
                                     std::optional<std::string> note, const std::string& client_ip) {
  if (!is_valid_id(order_id, kIdPrefix)) return errors::order_not_found();
  const auto actor = actor_of(principal.role);
  if (actor != Actor::Customer && actor != Actor::Admin) return problems::forbidden();
  Change change{.order_id = std::string(order_id),
                .actor = actor,
                .actor_id = principal.user_id,
                .request = {.status = OrderStatus::Cancelled, .note = std::move(note)},
                .reason = actor == Actor::Customer ? "customer" : "admin",
                .client_ip = client_ip};
  auto order = storage::transact(context_.database, TxMode::Write, [&](Connection& connection) -> Result<Order> {
    change.now = context_.clock.now();
    auto found = OrderStore::find(connection, change.order_id);
    if (!found || (actor == Actor::Customer && found->customer_id != principal.user_id))
      return errors::order_not_found();
    if (!may_transition(found->status, OrderStatus::Cancelled, actor))
      return refused(found->status, OrderStatus::Cancelled, actor);
    return cancel_in(connection, *found, change);
  });
  if (order) context_.cache.invalidate();
  notify_refund_due(order);
  return order;
}

void OrderLifecycle::notify_refund_due(const Result<Order>& order) const {
  if (order && order->payment_status == payment_status::kRefundDue && context_.refund_due) context_.refund_due();
}

std::size_t OrderLifecycle::expire_due(std::int64_t batch) {
  const auto ids = storage::with_connection(context_.database, [&](Connection& connection) {
    return OrderStore::due_for_expiry(connection, context_.clock.now(), batch);
  });
  std::size_t expired = 0;
  for (const auto& id : ids) expired += expire_one(id) ? 1 : 0;
  if (expired > 0) context_.cache.invalidate();
  return expired;
}

bool OrderLifecycle::expire_one(const std::string& order_id) {
  Change change{.order_id = order_id,
                .actor = Actor::System,
                .request = {.status = OrderStatus::Cancelled, .note = "Payment was not received in time."},
                .reason = "expired"};
  const auto order = storage::transact(context_.database, TxMode::Write, [&](Connection& connection) -> Result<Order> {
    change.now = context_.clock.now();
    change.expired_by = change.now;
    auto found = OrderStore::find(connection, order_id);
    if (!found || found->status != OrderStatus::PendingPayment) return errors::order_changed();
    return cancel_in(connection, *found, change);
  });
  // Losing to a payment, a cancel or another node's job is expected: the conditional update decided.
  return order.has_value();
}

Result<Order> OrderLifecycle::admin_change(Connection& connection, const Change& change) {
  const auto to = change.request.status;
  auto order = OrderStore::find(connection, change.order_id);
  if (!order) return errors::order_not_found();
  if (!may_transition(order->status, to, Actor::Admin)) return refused(order->status, to, Actor::Admin);
  if (to == OrderStatus::Cancelled) return cancel_in(connection, *order, change);
  const StatusWrite write{
      .from = order->status,
      .to = to,
      .now = change.now,
      .payment_status = to == OrderStatus::Paid ? std::optional(payment_status::kPaid) : std::nullopt,
      .set_paid_at = to == OrderStatus::Paid};
  if (!OrderStore::update_status(connection, order->id, write)) return errors::order_changed();
  if (to == OrderStatus::Paid) {
    // An admin marking it paid says the whole total came in (bank transfer, cash on delivery).
    PaymentRecords::mark_succeeded(connection, order->id, {.amount = order->total}, change.now);
    assign_invoice_number(connection, order->id, change.now);
  }
  if (to == OrderStatus::Shipped) {
    const auto lines = unshipped_line_ids(*order, std::nullopt);
    OrderStore::ship_lines(connection, order->id, std::nullopt, change.request.carrier, change.request.tracking_number,
                           change.now);
    if (!lines.empty())
      context_.timeline.lines_shipped(connection, *order, *change.actor_id, lines, change.request.carrier,
                                      change.request.tracking_number, change.now);
  }
  if (to == OrderStatus::Delivered) OrderStore::deliver_lines(connection, order->id);
  context_.timeline.status_changed(
      connection, *order,
      {.from = order->status, .to = to, .actor_id = change.actor_id, .note = change.request.note, .at = change.now});
  audit(connection, change, "order.status_changed", *order);
  return *OrderStore::find(connection, order->id);
}

Result<Order> OrderLifecycle::vendor_ship(Connection& connection, const Change& change) {
  const auto& vendor_id = *change.actor_id;
  auto order = OrderStore::find(connection, change.order_id);
  if (!order || !has_lines_of(*order, vendor_id)) return errors::order_not_found();
  if (change.request.status != OrderStatus::Shipped) return errors::vendor_may_only_ship();
  if (auto missing = missing_shipment_details(change.request)) return std::move(*missing);
  if (!may_transition(order->status, OrderStatus::Shipped, Actor::Vendor))
    return errors::invalid_transition(order->status, OrderStatus::Shipped);
  // The order row's lock orders this against every other transition and against the other vendors shipping
  // their lines: the count of unshipped lines below sees what they committed.
  if (!OrderStore::touch(connection, order->id, order->status, change.now)) return errors::order_changed();
  const auto lines = unshipped_line_ids(*order, vendor_id);
  if (lines.empty() || OrderStore::ship_lines(connection, order->id, std::string_view(vendor_id),
                                              change.request.carrier, change.request.tracking_number, change.now) == 0)
    return errors::lines_already_shipped();
  context_.timeline.lines_shipped(connection, *order, vendor_id, lines, change.request.carrier,
                                  change.request.tracking_number, change.now);
  audit(connection, change, "order.lines_shipped", *order);
  if (OrderStore::count_unshipped(connection, order->id) == 0) {
    const StatusWrite write{.from = order->status, .to = OrderStatus::Shipped, .now = change.now};
    if (!OrderStore::update_status(connection, order->id, write)) return errors::order_changed();
    context_.timeline.status_changed(connection, *order,
                                     {.from = order->status,
                                      .to = OrderStatus::Shipped,
                                      .actor_id = vendor_id,
                                      .note = change.request.note,
                                      .at = change.now});
  }
  return *OrderStore::find(connection, order->id);
}

Result<Order> OrderLifecycle::cancel_in(Connection& connection, const Order& order, const Change& change) {
  const bool refund_due = is_paid(order.status);
  const StatusWrite write{.from = order.status,
                          .to = OrderStatus::Cancelled,
                          .now = change.now,
                          .payment_status = refund_due ? payment_status::kRefundDue : payment_status::kVoided,
                          .set_cancelled_at = true,
                          .expired_by = change.expired_by};
  // Only the transaction whose conditional update changed the row gives the stock back: exactly once.
  if (!OrderStore::update_status(connection, order.id, write)) return errors::order_changed();
  // Under the order row's lock, so a vendor shipping meanwhile has committed or waits (and then finds it
  // cancelled): shipped goods are never put back on the shelf.
  if (OrderStore::count_unshipped(connection, order.id) != static_cast<std::int64_t>(order.lines.size()))
    return errors::order_partly_shipped();
  if (order.coupon_id && !refund_due) context_.coupons.give_back(connection, *order.coupon_id, order.id);
  const auto reason =
      change.expired_by ? inventory::MovementReason::OrderExpired : inventory::MovementReason::OrderCancelled;
  context_.ledger.release(connection, stock_held(order),
                          {.actor_id = change.actor_id, .reason = reason, .note = change.reason, .order_id = order.id});
  for (const auto& product_id : product_ids(order))
    catalog::ProductStore::lock_and_refresh_summary(connection, product_id);
  boost::json::object data{{"reason", change.reason}};
  // Refunds come with the payments work: until then the event says what is owed.
  if (refund_due) data["refundDue"] = order.total;
  context_.timeline.status_changed(connection, order,
                                   {.from = order.status,
                                    .to = OrderStatus::Cancelled,
                                    .actor_id = change.actor_id,
                                    .note = change.request.note,
                                    .data = std::move(data),
                                    .at = change.now});
  if (change.actor == Actor::Admin) audit(connection, change, "order.cancelled", order);
  return *OrderStore::find(connection, order.id);
}

Result<Order> OrderLifecycle::mark_paid_by_provider(Connection& connection, const Order& order,
                                                    const ProviderPayment& payment) {
  if (order.status != OrderStatus::PendingPayment) return errors::order_changed();
  const StatusWrite write{.from = OrderStatus::PendingPayment,
                          .to = OrderStatus::Paid,
                          .now = payment.at,
                          .payment_status = payment_status::kPaid,
                          .set_paid_at = true};
  // The conditional update decides a race with the expiry job or a cancel: only one of them acts.
  if (!OrderStore::update_status(connection, order.id, write)) return errors::order_changed();
  PaymentRecords::mark_succeeded(
      connection, order.id,
      {.amount = payment.amount, .reference = payment.reference, .capture_id = payment.capture_id}, payment.at);
  assign_invoice_number(connection, order.id, payment.at);
  context_.timeline.status_changed(connection, order,
                                   {.from = OrderStatus::PendingPayment,
                                    .to = OrderStatus::Paid,
                                    .note = payment.note,
                                    .data = {{"provider", order.payment_provider}, {"amount", payment.amount}},
                                    .at = payment.at});
  return *OrderStore::find(connection, order.id);
}

Result<Order> OrderLifecycle::cancel_after_failed_payment(Connection& connection, const Order& order, std::string note,
                                                          Timestamp at) {
  if (!may_transition(order.status, OrderStatus::Cancelled, Actor::System)) return errors::order_changed();
  const Change change{.order_id = order.id,
                      .actor = Actor::System,
                      .request = {.status = OrderStatus::Cancelled, .note = std::move(note)},
                      .reason = "payment_failed",
                      .now = at};
  return cancel_in(connection, order, change);
}

void OrderLifecycle::audit(Connection& connection, const Change& change, std::string action, const Order& order) {
  context_.audit.record(connection, {.actor_id = change.actor_id,
                                     .action = std::move(action),
                                     .target_type = "order",
                                     .target_id = order.id,
                                     .details = {{"from", std::string(to_string(order.status))},
                                                 {"to", std::string(to_string(change.request.status))}},
                                     .client_ip = change.client_ip});
}

}  // namespace emporium::orders
