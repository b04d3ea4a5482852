#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "payments/refund.hpp"
#include "storage/database.hpp"

namespace emporium::payments {

struct RefundTotals {
  std::int64_t succeeded = 0;
  std::int64_t pending = 0;
};

// The SQL of refunds. No rules here: the refund service decides.
class RefundStore {
 public:
  // A new pending refund, leased to its first sender until `lease_until` under `token`.
  static void insert(storage::Connection& connection, const Refund& refund, Timestamp lease_until,
                     std::string_view token);
  static std::optional<Refund> find(storage::Connection& connection, std::string_view id);
  // Oldest first.
  static std::vector<Refund> of_order(storage::Connection& connection, std::string_view order_id);
  static std::optional<Refund> find_by_key(storage::Connection& connection, std::string_view actor_id,
                                           std::string_view key, Timestamp since);
  static RefundTotals totals(storage::Connection& connection, std::string_view order_id);
  // True when a refund of the order that restocks it is pending or succeeded.
  static bool restocks(storage::Connection& connection, std::string_view order_id);

  // The order's refund the provider calls `provider_refund_id`, whatever its status.
  static std::optional<Refund> find_by_provider_id(storage::Connection& connection, std::string_view order_id,
                                                   std::string_view provider_refund_id);

  // The oldest pending refund the provider has not accepted yet whose lease ran out, leased to `token` until
  // `lease_until`, with its order's row lock held (PostgreSQL: orders another node holds are skipped). Empty
  // when there is none.
  static std::optional<std::string> claim_one(storage::Connection& connection, storage::Backend backend, Timestamp now,
                                              Timestamp lease_until, std::string_view token);
  // Orders cancelled after payment (payment_status refund_due) without a pending refund: they need one. Never
  // manual payments (an admin records their refund).
  static std::vector<std::string> orders_owed(storage::Connection& connection, std::int64_t limit);

  // The outcome of an attempt, if the attempt still holds the lease (`token`) and the refund is pending.
  static bool record_accepted(storage::Connection& connection, std::string_view id, std::string_view token,
                              std::string_view provider_refund_id, Timestamp now);
  static bool reschedule(storage::Connection& connection, std::string_view id, std::string_view token,
                         Timestamp retry_at, std::string_view error, Timestamp now);
  // pending → failed / succeeded: by the attempt holding `token`, or (no token) by whoever decides first (the
  // provider's event). False when the refund was decided already or the attempt lost its lease.
  static bool mark_failed(storage::Connection& connection, std::string_view id, std::string_view reason, Timestamp now,
                          std::optional<std::string_view> token);
  static bool mark_succeeded(storage::Connection& connection, std::string_view id,
                             const std::optional<std::string>& provider_refund_id, Timestamp now,
                             std::optional<std::string_view> token);
  // A pending refund the provider reports having (its event) though its answer never reached us: accepted now.
  static bool learn_provider_id(storage::Connection& connection, std::string_view id,
                                std::string_view provider_refund_id, Timestamp now);
};

}  // namespace emporium::payments
