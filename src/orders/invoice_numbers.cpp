#include "orders/invoice_numbers.hpp"

#include <fmt/format.h>

#include <chrono>

namespace emporium::orders {
namespace {
using storage::Connection;

constexpr std::string_view kNumberOf = "SELECT invoice_number FROM orders WHERE id = $1";
// The upsert locks the year's row until the caller's transaction ends: concurrent payments queue here.
constexpr std::string_view kNextNumber =
    "INSERT INTO invoice_sequences (year, last_number) VALUES ($1, 1) "
    "ON CONFLICT (year) DO UPDATE SET last_number = invoice_sequences.last_number + 1 RETURNING last_number";
constexpr std::string_view kSetNumber =
    "UPDATE orders SET invoice_number = $2 WHERE id = $1 AND invoice_number IS NULL";

int utc_year(Timestamp at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  return static_cast<int>(std::chrono::year_month_day(day).year());
}
}  // namespace

std::string format_invoice_number(int year, std::int64_t number) { return fmt::format("INV-{}-{:06}", year, number); }

std::string assign_invoice_number(Connection& connection, std::string_view order_id, Timestamp paid_at) {
  const auto existing = connection.query(kNumberOf, {order_id});
  if (!existing.empty() && !existing.front().is_null(0)) return existing.front().text(0);
  const auto year = utc_year(paid_at);
  const auto next = connection.query(kNextNumber, {static_cast<std::int64_t>(year)});
  auto number = format_invoice_number(year, next.front().integer(0));
  connection.execute(kSetNumber, {order_id, number});
  return number;
}

}  // namespace emporium::orders
