#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/database.hpp"
#include "support/clock.hpp"

namespace emporium::orders {

// "INV-2026-000042": the year the order was paid (UTC) and its place in that year's sequence.
std::string format_invoice_number(int year, std::int64_t number);

// Gives the order the next invoice number of the year of `paid_at`, in the caller's transaction (the one that
// marks it paid): the sequence row stays locked until that commits, and a rollback returns the number, so
// numbers have no gaps. An order that already has a number keeps it. Returns the order's number.
std::string assign_invoice_number(storage::Connection& connection, std::string_view order_id, Timestamp paid_at);

}  // namespace emporium::orders
