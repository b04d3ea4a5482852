#pragma once
// How an order gets paid: the port the orders domain defines and the payment providers implement
// (`manual` here; Stripe in src/payments/stripe, PayPal in src/payments/paypal). Adding a provider never
// touches order code: the application adds it to PaymentProviders and orders look it up by name.
//
// Providers only talk to their service and translate its answers; they never write the database. What the
// answers mean for the order (paid, refunded, applied once) is decided by the payments service in one place.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orders/order.hpp"
#include "support/clock.hpp"
#include "support/problem.hpp"

namespace emporium::orders {

// The payment status an order records (orders.payment_status).
namespace payment_status {
inline constexpr std::string_view kPending = "pending";       // waiting for the customer's money
inline constexpr std::string_view kPaid = "paid";             // received
inline constexpr std::string_view kVoided = "voided";         // cancelled before anything was paid
inline constexpr std::string_view kRefundDue = "refund_due";  // cancelled after payment: money to give back
inline constexpr std::string_view kPartiallyRefunded = "partially_refunded";
inline constexpr std::string_view kRefunded = "refunded";
}  // namespace payment_status

// What the client needs to pay: the provider, its status, and for card or wallet providers what the client
// confirms with.
struct PaymentSession {
  std::string provider = {};
  std::string status = {};
  std::optional<std::string> client_secret = {};   // Stripe PaymentIntents
  std::optional<std::string> approval_url = {};    // PayPal Orders v2
  std::optional<std::string> reference = {};       // the provider's id of the payment (pi_…, PayPal order id)
  std::optional<std::string> failure_reason = {};  // why the last attempt failed, while it may be retried
};

// What start() created at the provider for one order.
struct StartedPayment {
  std::string reference = {};  // the provider's id of the payment: "pi_…" (Stripe), the PayPal order id
  std::optional<std::string> client_secret = {};
  std::optional<std::string> approval_url = {};
};

// The payment of an order as the payments service recorded it (what capture and refund work from).
struct PaymentRecord {
  std::string order_id = {};
  std::string provider = {};
  std::string reference = {};                  // empty while start() has not succeeded
  std::optional<std::string> capture_id = {};  // PayPal capture id; Stripe charge id once known
  std::int64_t amount = 0;                     // minor units of `currency`
  std::string currency = {};                   // ISO 4217, upper case
};

struct CaptureResult {
  bool completed = false;       // PayPal: purchase_units[].payments.captures[].status == COMPLETED
  std::string capture_id = {};  // the capture's id, for refunds
  std::string status = {};      // the provider's words ("COMPLETED", "PENDING", "DECLINED")
  std::int64_t amount = 0;      // minor units, as captured
  std::string currency = {};
};

struct RefundRequest {
  std::string refund_id = {};  // ours (rfd_…): also the provider idempotency key, so a retry refunds once
  std::int64_t amount = 0;     // minor units
  std::string currency = {};
  std::string reason = {};
};

struct RefundResult {
  std::string provider_refund_id = {};  // "re_…" (Stripe), PayPal refund id
  // succeeded: the money is on its way back; pending: the provider confirms later (webhook); failed: refused.
  std::string status = {};
};

// A provider notification after its signature was verified, in our terms.
struct ProviderEvent {
  enum class Kind {
    PaymentSucceeded,  // payment_intent.succeeded, PAYMENT.CAPTURE.COMPLETED
    PaymentFailed,     // payment_intent.payment_failed, PAYMENT.CAPTURE.DENIED
    Refunded,          // charge.refunded, PAYMENT.CAPTURE.REFUNDED
    Ignored,           // any other type: recorded, changes nothing
    RefundUpdated,     // charge.refund.updated, refund.updated: one refund's own status
  };
  std::string provider = {};
  std::string event_id = {};  // the provider's event id: each is applied once
  std::string type = {};      // the provider's type, as sent
  Kind kind = Kind::Ignored;
  std::optional<std::string> order_id = {};   // from metadata.order_id (Stripe) or custom_id (PayPal)
  std::optional<std::string> reference = {};  // pi_… or the PayPal order id
  std::optional<std::string> capture_id = {};
  // Minor units: the amount paid; for Refunded the TOTAL refunded so far; for RefundUpdated that refund's amount.
  std::int64_t amount = 0;
  std::string currency = {};
  std::optional<std::string> refund_id = {};  // for Refunded: the provider's refund id when the event names one
  // For RefundUpdated (and Refunded when the named refund carries it): our id (rfd_…) from the refund's metadata.
  std::optional<std::string> our_refund_id = {};
  std::string refund_status = {};   // for RefundUpdated: succeeded | pending | failed (RefundResult's words)
  std::string failure_reason = {};  // for PaymentFailed
  Timestamp occurred_at = {};
};

// An incoming webhook request as a provider needs it to verify and parse: the raw body, exactly as received.
struct WebhookRequest {
  std::string_view body = {};
  std::function<std::optional<std::string>(std::string_view lower_name)> header = {};
  Timestamp received_at = {};
};

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  virtual std::string_view name() const = 0;
  // False for providers whose start() creates nothing remotely (manual): their payment awaits the money as
  // soon as the order is placed, with no call and no second write after the commit.
  virtual bool calls_out() const { return true; }
  // Creates the provider's payment for the order: called after the order committed, never inside a
  // transaction. Must be safe to call again for the same order (the provider's idempotency key is derived
  // from the order id), so a retry never creates a second payment.
  virtual Result<StartedPayment> start(const Order& order) = 0;
  // PayPal: captures an approved payment. Others: 422 (nothing to capture).
  virtual Result<CaptureResult> capture(const Order& order, const PaymentRecord& payment);
  virtual Result<RefundResult> refund(const Order& order, const PaymentRecord& payment,
                                      const RefundRequest& request) = 0;
  // Verifies the signature of a webhook and translates it. 400 (nothing is applied) when unsigned, badly
  // signed, too old or unreadable. Providers without webhooks answer 404.
  virtual Result<ProviderEvent> verify_webhook(const WebhookRequest& request);
};

// Bank transfer or cash on delivery: nothing to call; an admin marks the order paid, and a refund is money
// the store gives back by itself (it succeeds at once).
class ManualPayments final : public PaymentProvider {
 public:
  std::string_view name() const override { return "manual"; }
  bool calls_out() const override { return false; }
  Result<StartedPayment> start(const Order&) override { return StartedPayment{}; }
  Result<RefundResult> refund(const Order&, const PaymentRecord&, const RefundRequest& request) override {
    return RefundResult{.provider_refund_id = request.refund_id, .status = "succeeded"};
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
