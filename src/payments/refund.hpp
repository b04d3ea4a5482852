#pragma once
// Refunds as values: no I/O here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "support/clock.hpp"

namespace emporium::payments {

namespace refund_status {
inline constexpr std::string_view kPending = "pending";      // not yet confirmed by the provider
inline constexpr std::string_view kSucceeded = "succeeded";  // the money is on its way back
inline constexpr std::string_view kFailed = "failed";        // the provider refused it
}  // namespace refund_status

struct Refund {
  std::string id = {};  // rfd_…: also the provider's idempotency key
  std::string order_id = {};
  std::string provider = {};
  std::int64_t amount = 0;
  std::string currency = {};
  std::string reason = {};
  bool restock = false;
  std::string status = {};
  std::optional<std::string> provider_refund_id = {};  // NULL while the provider has not accepted it
  std::optional<std::string> failure_reason = {};
  std::optional<std::string> actor_id = {};  // empty: the system (a cancellation, a late payment)
  std::optional<std::string> request_key = {};
  std::int64_t attempts = 0;
  Timestamp created_at = {};
  Timestamp updated_at = {};
};

// POST /api/orders/:id/refunds
struct RefundInput {
  std::optional<std::int64_t> amount = {};  // absent: everything still refundable
  std::string reason = {};
  bool restock = false;
};

}  // namespace emporium::payments
