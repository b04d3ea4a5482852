#pragma once
// Refunds: asked for by an admin (POST /api/orders/:id/refunds) or owed by a cancelled order, always sent
// through the provider that took the money, and applied to the order exactly once when the provider confirms.
//
// A refund is written (pending, leased to its sender) in one transaction that holds the order's row lock, so
// concurrent refunds see each other and together never exceed what was paid. Every transaction that writes a
// refund takes that lock first (writing, confirming, failing, claiming, recording an answer, applying a
// provider event), so they are serialised per order and never deadlock. The provider is called after the
// commit, never inside a transaction, with the refund's own id as idempotency key; its answer is recorded with
// a conditional update on the lease's token, so an attempt whose lease ran out records nothing. Whatever
// interrupts that (a crash, a provider outage) leaves the refund pending, and the job sends it again once the
// lease ran out: a refund is never lost and never paid twice. The lease (PaymentsContext::refund_lease) is
// longer than the slowest provider call with its retries, and the job claims one refund at a time, right
// before sending it.
//
// Manual payments are never refunded by the job: a cancelled paid manual order stays `refund_due` until an
// admin records the refund (which succeeds at once).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/principal.hpp"
#include "idempotency/idempotency_keys.hpp"
#include "orders/order.hpp"
#include "payments/payments_context.hpp"
#include "payments/refund.hpp"

namespace emporium::payments {

// What a confirmation did: nothing (the refund was decided already), or confirmed it.
enum class Confirmation { AlreadyDecided, Confirmed };

struct RefundCommand {
  std::optional<std::string> actor_id = {};  // the admin; empty: the system
  std::string order_id = {};
  RefundInput input = {};
  std::optional<idempotency::KeyUse> key = {};
  std::string client_ip = {};
};

struct RefundPlacement {
  std::optional<idempotency::StoredResponse> replay = {};
  Refund refund = {};
  std::string claim_token = {};  // remember() the response with it
};

class RefundService {
 public:
  explicit RefundService(PaymentsContext& context) : context_(context) {}

  // Writes the refund, sends it, records the answer. 404 unknown order; 409 order_not_refundable (not paid);
  // 422 refund_exceeds_payment, restock_not_possible (a cancelled order, one with a line not shipped, or one
  // restocked already). The refund comes back as it is after the provider's
  // answer: succeeded, pending (the provider confirms later, or the job sends it again) or failed.
  Result<RefundPlacement> request(const RefundCommand& command);
  void remember(const idempotency::KeyUse& key, const std::string& token, const idempotency::StoredResponse& response);
  // The refunds of an order the principal may see (GET /api/orders/:id/refunds), oldest first.
  Result<std::vector<Refund>> list(const http::Principal& principal, std::string_view order_id);

  // One run of the job: a refund for every order owed one (not manual payments), then every pending refund
  // whose sending was interrupted, one at a time. Returns how many of those it sent again.
  std::size_t sweep(const std::function<bool()>& stopping);

  // In the caller's transaction, which holds the order's row lock: pending → succeeded, then the order's side
  // (orders::OrderRefunds). AlreadyDecided when its other confirmation came first, or (with `token`) when that
  // attempt no longer holds the refund's lease.
  Result<Confirmation> confirm_in(storage::Connection& connection, const Refund& refund,
                                  const std::optional<std::string>& provider_refund_id, Timestamp at,
                                  std::optional<std::string_view> token = std::nullopt);
  // A refund the provider made by itself (its dashboard): recorded as ours, confirmed at once.
  Result<Confirmation> record_external_in(storage::Connection& connection, const orders::Order& order,
                                          std::int64_t amount, const std::optional<std::string>& provider_refund_id,
                                          Timestamp at);

 private:
  struct Written;
  Result<Written> write_in(storage::Connection& connection, const RefundCommand& command, const std::string& token);
  Result<std::int64_t> refundable(storage::Connection& connection, const orders::Order& order,
                                  const RefundInput& input);
  Result<Refund> create_in(storage::Connection& connection, const RefundCommand& command, const std::string& token,
                           Timestamp now);
  std::optional<std::string> restock_refused(storage::Connection& connection, const orders::Order& order);
  void send(const std::string& refund_id, const std::string& token);
  void confirm(const Refund& refund, const std::string& token, const std::optional<std::string>& provider_refund_id);
  void fail(const Refund& refund, const std::string& token, const std::string& reason);
  void create_owed(const std::string& order_id);

  PaymentsContext& context_;
};

}  // namespace emporium::payments
