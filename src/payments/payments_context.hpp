#pragma once

#include <chrono>
#include <functional>

#include "audit/audit_log.hpp"
#include "idempotency/idempotency_keys.hpp"
#include "orders/orders_module.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::payments {

// What every payments service works with.
struct PaymentsContext {
  storage::Database& database;
  IdGenerator& ids;
  const Clock& clock;
  audit::AuditLog& audit;
  orders::OrdersModule& orders;
  idempotency::IdempotencyKeys& keys;
  bool cancel_on_failure = false;  // EMPORIUM_PAYMENT_FAILED_ACTION=cancel
  // How long one attempt owns a refund it sends (refund_lease() in payments_module.cpp): longer than the slowest
  // provider's call with its retries, so a refund is never sent by two attempts at once.
  std::chrono::milliseconds refund_lease{std::chrono::seconds(150)};
  std::function<void()> wake = {};  // asks the payments job to run now (a refund became due)
};

}  // namespace emporium::payments
