#include "orders/order_status.hpp"

#include <algorithm>
#include <array>

namespace emporium::orders {
namespace {
using enum OrderStatus;
using enum Actor;

constexpr std::array<std::string_view, 8> kStatusNames{
    "pending_payment", "paid", "processing", "shipped", "delivered", "cancelled", "refunded", "partially_refunded"};
constexpr std::array<std::string_view, 3> kFulfillmentNames{"unfulfilled", "shipped", "delivered"};

const std::vector<Transition>& table() {
  static const std::vector<Transition> kTable{
      {.from = PendingPayment, .to = Paid, .actors = {Admin, System}},
      {.from = Paid, .to = Processing, .actors = {Admin}},
      {.from = Paid, .to = Shipped, .actors = {Admin, Vendor}},
      {.from = Processing, .to = Shipped, .actors = {Admin, Vendor}},
      {.from = Shipped, .to = Delivered, .actors = {Admin}},
      {.from = PendingPayment, .to = Cancelled, .actors = {Customer, Admin, System}},
      {.from = Paid, .to = Cancelled, .actors = {Admin}},
      {.from = Processing, .to = Cancelled, .actors = {Admin}},
      // Refunds the provider confirmed (the payments module, as the system).
      {.from = Paid, .to = PartiallyRefunded, .actors = {System}},
      {.from = Processing, .to = PartiallyRefunded, .actors = {System}},
      {.from = Shipped, .to = PartiallyRefunded, .actors = {System}},
      {.from = Delivered, .to = PartiallyRefunded, .actors = {System}},
      {.from = Paid, .to = Refunded, .actors = {System}},
      {.from = Processing, .to = Refunded, .actors = {System}},
      {.from = Shipped, .to = Refunded, .actors = {System}},
      {.from = Delivered, .to = Refunded, .actors = {System}},
      {.from = PartiallyRefunded, .to = Refunded, .actors = {System}},
      // What remains of a partially refunded order is still fulfilled (or cancelled, refunding the rest).
      {.from = PartiallyRefunded, .to = Processing, .actors = {Admin}},
      {.from = PartiallyRefunded, .to = Shipped, .actors = {Admin, Vendor}},
      {.from = PartiallyRefunded, .to = Delivered, .actors = {Admin}},
      {.from = PartiallyRefunded, .to = Cancelled, .actors = {Admin}},
  };
  return kTable;
}
}  // namespace

std::string_view to_string(OrderStatus status) { return kStatusNames[static_cast<std::size_t>(status)]; }

std::optional<OrderStatus> order_status_from_string(std::string_view text) {
  const auto found = std::find(kStatusNames.begin(), kStatusNames.end(), text);
  if (found == kStatusNames.end()) return std::nullopt;
  return static_cast<OrderStatus>(found - kStatusNames.begin());
}

std::span<const std::string_view> order_status_names() { return kStatusNames; }

std::string_view to_string(FulfillmentStatus status) { return kFulfillmentNames[static_cast<std::size_t>(status)]; }

std::optional<FulfillmentStatus> fulfillment_status_from_string(std::string_view text) {
  const auto found = std::find(kFulfillmentNames.begin(), kFulfillmentNames.end(), text);
  if (found == kFulfillmentNames.end()) return std::nullopt;
  return static_cast<FulfillmentStatus>(found - kFulfillmentNames.begin());
}

std::string_view to_string(Actor actor) {
  switch (actor) {
    case Customer:
      return "customer";
    case Vendor:
      return "vendor";
    case Admin:
      return "admin";
    case System:
      return "system";
  }
  return "system";
}

std::span<const Transition> transitions() { return table(); }

bool may_transition(OrderStatus from, OrderStatus to, Actor actor) {
  return std::any_of(table().begin(), table().end(), [&](const Transition& t) {
    return t.from == from && t.to == to && std::find(t.actors.begin(), t.actors.end(), actor) != t.actors.end();
  });
}

bool is_transition(OrderStatus from, OrderStatus to) {
  return std::any_of(table().begin(), table().end(), [&](const Transition& t) { return t.from == from && t.to == to; });
}

bool holds_stock(OrderStatus status) { return status == PendingPayment || status == Paid || status == Processing; }

bool is_paid(OrderStatus status) {
  return status == Paid || status == Processing || status == Shipped || status == Delivered ||
         status == PartiallyRefunded;
}

bool is_refundable(OrderStatus status) { return is_paid(status); }

}  // namespace emporium::orders
