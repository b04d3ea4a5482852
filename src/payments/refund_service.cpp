#include "payments/refund_service.hpp"

#include <algorithm>

#include "idempotency/idempotency_http.hpp"
#include "orders/order_errors.hpp"
#include "orders/order_refunds.hpp"
#include "orders/order_store.hpp"
#include "orders/payment_records.hpp"
#include "payments/payments_errors.hpp"
#include "payments/refund_store.hpp"
#include "support/log.hpp"
#include "support/random.hpp"

namespace emporium::payments {
namespace {
using storage::Connection;
using storage::TxMode;

// Owed orders a run turns into refunds (each is sent as it is made).
constexpr std::int64_t kSweepBatch = 20;
constexpr int kConfirmAttempts = 3;

// After a failed attempt: 1 s, 2 s, 4 s … up to an hour between attempts; a refund is never given up.
Timestamp retry_at(Timestamp now, std::int64_t attempts) {
  const auto exponent = std::clamp<std::int64_t>(attempts - 1, 0, 12);
  return now + std::min<std::chrono::milliseconds>(std::chrono::seconds(1LL << exponent), std::chrono::hours(1));
}

bool owes_refund(const orders::Order& order) {
  return order.status == orders::OrderStatus::Cancelled && order.payment_status == orders::payment_status::kRefundDue;
}

std::int64_t received(const std::optional<orders::StoredPayment>& payment) {
  return payment && payment->amount_received ? *payment->amount_received : 0;
}
}  // namespace

// What the request's write transaction did: replayed a key, found the refund a crashed attempt wrote, or wrote one.
struct RefundService::Written {
  std::optional<idempotency::StoredResponse> replay = {};
  Refund refund = {};
  std::string claim = {};
  bool resumed = false;
};

Result<RefundPlacement> RefundService::request(const RefundCommand& command) {
  if (!is_valid_id(command.order_id, "ord")) return orders::errors::order_not_found();
  if (command.key) {
    const auto seen = storage::with_connection(
        context_.database, [&](Connection& connection) { return context_.keys.peek(connection, *command.key); });
    if (seen) {
      if (auto problem = idempotency::problem_for(seen->decision)) return std::move(*problem);
      return RefundPlacement{.replay = seen->response};
    }
  }
  const auto token = random_token(16);
  auto written = storage::transact(context_.database, TxMode::Write,
                                   [&](Connection& connection) { return write_in(connection, command, token); });
  if (!written) return written.error();
  if (written->replay) return RefundPlacement{.replay = std::move(written->replay)};
  if (!written->resumed) send(written->refund.id, token);
  auto now = storage::with_connection(
      context_.database, [&](Connection& connection) { return RefundStore::find(connection, written->refund.id); });
  return RefundPlacement{.refund = now.value_or(written->refund), .claim_token = written->claim};
}

Result<RefundService::Written> RefundService::write_in(Connection& connection, const RefundCommand& command,
                                                       const std::string& token) {
  Written out;
  if (command.key) {
    auto claim = context_.keys.claim(connection, *command.key);
    if (auto problem = idempotency::problem_for(claim.decision)) return std::move(*problem);
    if (claim.decision == idempotency::Decision::Replay) return Written{.replay = std::move(claim.response)};
    out.claim = claim.token;
    if (claim.decision == idempotency::Decision::Resume) {
      // The first attempt committed its refund and crashed before answering: the job sends that one.
      auto found =
          RefundStore::find_by_key(connection, command.actor_id.value_or(""), command.key->key, claim.claimed_at);
      if (found) return Written{.refund = std::move(*found), .claim = out.claim, .resumed = true};
    }
  }
  auto refund = create_in(connection, command, token, context_.clock.now());
  if (!refund) return refund.error();
  out.refund = std::move(*refund);
  return out;
}

void RefundService::remember(const idempotency::KeyUse& key, const std::string& token,
                             const idempotency::StoredResponse& response) {
  context_.keys.complete_after(context_.database, key, token, response);
}

Result<std::vector<Refund>> RefundService::list(const http::Principal& principal, std::string_view order_id) {
  auto order = context_.orders.order_for(principal, order_id);
  if (!order) return order.error();
  return storage::with_connection(context_.database,
                                  [&](Connection& connection) { return RefundStore::of_order(connection, order->id); });
}

Result<Refund> RefundService::create_in(Connection& connection, const RefundCommand& command, const std::string& token,
                                        Timestamp now) {
  // The order row's lock, taken before anything is read, queues concurrent refunds of the order (and their
  // confirmations): each sees what the ones before it committed.
  if (!orders::OrderStore::lock(connection, command.order_id)) return orders::errors::order_not_found();
  auto order = orders::OrderStore::find(connection, command.order_id);
  if (!order) return orders::errors::order_not_found();
  auto amount = refundable(connection, *order, command.input);
  if (!amount) return amount.error();
  const Refund refund{.id = context_.ids.next("rfd"),
                      .order_id = order->id,
                      .provider = order->payment_provider,
                      .amount = *amount,
                      .currency = order->currency,
                      .reason = command.input.reason,
                      .restock = command.input.restock,
                      .status = std::string(refund_status::kPending),
                      .actor_id = command.actor_id,
                      .request_key = command.key ? std::optional(command.key->key) : std::nullopt,
                      .attempts = 1,
                      .created_at = now,
                      .updated_at = now};
  RefundStore::insert(connection, refund, now + context_.refund_lease, token);
  if (command.actor_id) {
    context_.audit.record(connection, {.actor_id = command.actor_id,
                                       .action = "order.refund_requested",
                                       .target_type = "order",
                                       .target_id = order->id,
                                       .details = {{"refundId", refund.id},
                                                   {"amount", std::to_string(*amount)},
                                                   {"restock", refund.restock ? "true" : "false"}},
                                       .client_ip = command.client_ip});
  }
  return refund;
}

// The amount this refund may have (what was received minus what is refunded or being refunded), and whether it
// may restock; the order's row lock is held, so concurrent refunds see each other here.
Result<std::int64_t> RefundService::refundable(Connection& connection, const orders::Order& order,
                                               const RefundInput& input) {
  if (!orders::is_paid(order.status) && !owes_refund(order))
    return errors::order_not_refundable(order.status == orders::OrderStatus::Cancelled
                                            ? "cancelled (" + order.payment_status + ")"
                                            : std::string(orders::to_string(order.status)));
  const auto payment = orders::PaymentRecords::find(connection, order.id);
  const auto totals = RefundStore::totals(connection, order.id);
  const auto available = received(payment) - totals.succeeded - totals.pending;
  const auto amount = input.amount.value_or(available);
  if (available <= 0 || amount > available) return errors::refund_exceeds_payment(std::max<std::int64_t>(available, 0));
  if (input.restock) {
    if (auto refused = restock_refused(connection, order)) return errors::restock_not_possible(std::move(*refused));
  }
  return Result<std::int64_t>(boost::system::in_place_value, amount);  // a bare integer would be ambiguous
}

// Stock comes back once: by cancelling an order that has not shipped, or by one refund of an order that has
// shipped every line (orders::may_restock), never both (an order with shipped lines cannot be cancelled).
std::optional<std::string> RefundService::restock_refused(Connection& connection, const orders::Order& order) {
  if (order.status == orders::OrderStatus::Cancelled)
    return "a cancelled order gave its stock back when it was cancelled";
  if (!orders::may_restock(order))
    return "only an order whose every line has shipped can be restocked (the goods came back); an order that has "
           "not shipped gives its stock back when it is cancelled";
  if (RefundStore::restocks(connection, order.id)) return "an earlier refund of this order restocks it already";
  return std::nullopt;
}

// The provider's answer decides: succeeded → confirmed now; pending → accepted, its webhook confirms it;
// refused (4xx) → failed; unknown (timeout, 5xx) → pending, sent again by the job after a backoff. Every outcome
// is recorded only while this attempt still holds the refund's lease (`token`): a stale attempt records nothing.
void RefundService::send(const std::string& refund_id, const std::string& token) {
  struct Loaded {
    Refund refund = {};
    orders::Order order = {};
    orders::PaymentRecord payment = {};
  };
  const auto loaded = storage::with_connection(context_.database, [&](Connection& connection) -> std::optional<Loaded> {
    auto refund = RefundStore::find(connection, refund_id);
    if (!refund || refund->status != refund_status::kPending) return std::nullopt;
    auto order = orders::OrderStore::find(connection, refund->order_id);
    auto payment = orders::PaymentRecords::find(connection, refund->order_id);
    if (!order) return std::nullopt;
    return Loaded{*refund, std::move(*order), payment ? payment->record : orders::PaymentRecord{}};
  });
  if (!loaded) return;
  const auto& refund = loaded->refund;
  auto* provider = context_.orders.payment_providers().find(refund.provider);
  auto result =
      provider
          ? provider->refund(
                loaded->order, loaded->payment,
                {.refund_id = refund.id, .amount = refund.amount, .currency = refund.currency, .reason = refund.reason})
          : Result<orders::RefundResult>(
                problems::service_unavailable("The payment provider " + refund.provider + " is not configured."));
  if (!result && result.error().status < 500) return fail(refund, token, result.error().detail);
  if (result && result->status == refund_status::kSucceeded) return confirm(refund, token, result->provider_refund_id);
  if (result && result->status == refund_status::kFailed)
    return fail(refund, token, "The provider declined the refund.");
  if (!result)
    log::warn("refund not sent",
              {{"refund", refund.id}, {"order", refund.order_id}, {"reason", result.error().detail}});
  context_.database.transaction(TxMode::Write, [&](Connection& connection) {
    const auto now = context_.clock.now();
    // Every refund write takes the order's row lock first: one lock order, no deadlocks.
    orders::OrderStore::lock(connection, refund.order_id);
    if (result) return RefundStore::record_accepted(connection, refund.id, token, result->provider_refund_id, now);
    return RefundStore::reschedule(connection, refund.id, token, retry_at(now, refund.attempts), result.error().detail,
                                   now);
  });
}

void RefundService::confirm(const Refund& refund, const std::string& token,
                            const std::optional<std::string>& provider_refund_id) {
  for (int attempt = 1; attempt <= kConfirmAttempts; ++attempt) {
    const auto done =
        storage::transact(context_.database, TxMode::Write, [&](Connection& connection) -> Result<Confirmation> {
          // The order row first, as every refund write: a provider event applied meanwhile waits for this one
          // (or this for it), so the refund is counted once.
          if (!orders::OrderStore::lock(connection, refund.order_id)) return orders::errors::order_not_found();
          const auto now = RefundStore::find(connection, refund.id);
          if (!now || now->status != refund_status::kPending) return Confirmation::AlreadyDecided;
          return confirm_in(connection, *now, provider_refund_id, context_.clock.now(), token);
        });
    if (done) {
      if (*done == Confirmation::Confirmed && refund.restock) context_.orders.context().cache.invalidate();
      return;
    }
    // The order moved between reading and writing: read it again.
  }
  log::error("refund confirmation not recorded", {{"refund", refund.id}});
}

void RefundService::fail(const Refund& refund, const std::string& token, const std::string& reason) {
  bool recorded = false;
  context_.database.transaction(TxMode::Write, [&](Connection& connection) {
    orders::OrderStore::lock(connection, refund.order_id);
    recorded = RefundStore::mark_failed(connection, refund.id, reason, context_.clock.now(), token);
    return recorded;
  });
  if (recorded) log::warn("refund failed", {{"refund", refund.id}, {"reason", reason}});
}

Result<Confirmation> RefundService::confirm_in(Connection& connection, const Refund& refund,
                                               const std::optional<std::string>& provider_refund_id, Timestamp at,
                                               std::optional<std::string_view> token) {
  if (!RefundStore::mark_succeeded(connection, refund.id, provider_refund_id, at, token))
    return Confirmation::AlreadyDecided;
  const auto order = orders::OrderStore::find(connection, refund.order_id);
  const auto payment = orders::PaymentRecords::find(connection, refund.order_id);
  if (!order) return orders::errors::order_not_found();
  const auto totals = RefundStore::totals(connection, refund.order_id);
  auto recorded = context_.orders.refunds().record(connection, *order,
                                                   {.refund_id = refund.id,
                                                    .amount = refund.amount,
                                                    .currency = refund.currency,
                                                    .total_refunded = totals.succeeded,
                                                    .paid = received(payment),
                                                    .restock = refund.restock,
                                                    .actor_id = refund.actor_id,
                                                    .reason = refund.reason,
                                                    .at = at});
  if (!recorded) return recorded.error();
  return Confirmation::Confirmed;
}

Result<Confirmation> RefundService::record_external_in(Connection& connection, const orders::Order& order,
                                                       std::int64_t amount,
                                                       const std::optional<std::string>& provider_refund_id,
                                                       Timestamp at) {
  const Refund refund{.id = context_.ids.next("rfd"),
                      .order_id = order.id,
                      .provider = order.payment_provider,
                      .amount = amount,
                      .currency = order.currency,
                      .reason = "Refunded at the payment provider",
                      .status = std::string(refund_status::kPending),
                      .created_at = at,
                      .updated_at = at};
  RefundStore::insert(connection, refund, at + context_.refund_lease, random_token(16));
  return confirm_in(connection, refund, provider_refund_id, at);
}

std::size_t RefundService::sweep(const std::function<bool()>& stopping) {
  const auto owed = storage::with_connection(
      context_.database, [&](Connection& connection) { return RefundStore::orders_owed(connection, kSweepBatch); });
  for (const auto& order_id : owed) {
    if (stopping()) return 0;
    create_owed(order_id);
  }
  // One refund at a time, claimed right before it is sent: its lease covers this one call only.
  std::size_t sent = 0;
  while (!stopping()) {
    const auto token = random_token(16);
    std::optional<std::string> due;
    context_.database.transaction(TxMode::Write, [&](Connection& connection) {
      const auto now = context_.clock.now();
      due = RefundStore::claim_one(connection, context_.database.backend(), now, now + context_.refund_lease, token);
      return due.has_value();
    });
    if (!due) break;
    send(*due, token);
    ++sent;
  }
  return sent;
}

// A cancelled order's money goes back in full (what is still owed), through the same path as an admin's refund.
void RefundService::create_owed(const std::string& order_id) {
  const auto created =
      request({.order_id = order_id, .input = {.reason = "The order was cancelled after it was paid."}});
  if (!created) log::warn("owed refund not created", {{"order", order_id}, {"reason", created.error().detail}});
}

}  // namespace emporium::payments
