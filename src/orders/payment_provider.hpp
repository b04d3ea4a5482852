#pragma once
// How an order gets paid. Only the `manual` provider exists for now (bank transfer, cash on delivery: an
// admin marks the order paid); the payments work adds Stripe and PayPal behind the same interface.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orders/order.hpp"
#include "support/problem.hpp"

namespace emporium::orders {

// The payment status an order records (orders.payment_status).
namespace payment_status {
inline constexpr std::string_view kPending = "pending";       // waiting for the customer's money
inline constexpr std::string_view kPaid = "paid";             // received
inline constexpr std::string_view kVoided = "voided";         // cancelled before anything was paid
inline constexpr std::string_view kRefundDue = "refund_due";  // cancelled after payment: money to give back
}  // namespace payment_status

// What the client needs to pay: the provider, its status, and for card or wallet providers what the client
// confirms with.
struct PaymentSession {
  std::string provider = {};
  std::string status = {};
  std::optional<std::string> client_secret = {};  // Stripe PaymentIntents
  std::optional<std::string> approval_url = {};   // PayPal Orders v2
};

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  virtual std::string_view name() const = 0;
  // Called after the order committed, never inside its transaction (no lock is held across a provider call).
  virtual Result<PaymentSession> start(const Order& order) = 0;
  // The session of an order already started (for replaying or reading an order); never calls out.
  virtual PaymentSession session_of(const Order& order) const = 0;
};

// Bank transfer or cash on delivery: nothing to call; the order waits until an admin marks it paid.
class ManualPayments final : public PaymentProvider {
 public:
  std::string_view name() const override { return "manual"; }
  Result<PaymentSession> start(const Order& order) override { return session_of(order); }
  PaymentSession session_of(const Order& order) const override {
    return {.provider = std::string(name()), .status = order.payment_status};
  }
};

// The providers a store has configured, by name.
class PaymentProviders {
 public:
  void add(std::unique_ptr<PaymentProvider> provider) { providers_.push_back(std::move(provider)); }
  // Null when the method is not available here.
  PaymentProvider* find(std::string_view name) const {
    for (const auto& provider : providers_)
      if (provider->name() == name) return provider.get();
    return nullptr;
  }

 private:
  std::vector<std::unique_ptr<PaymentProvider>> providers_;
};

// The methods API.md names; the ones without a provider here answer 422 payment_method_unavailable.
inline constexpr std::string_view kPaymentMethods[] = {"stripe", "paypal", "manual"};

}  // namespace emporium::orders
