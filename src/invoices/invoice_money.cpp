#include "invoices/invoice_money.hpp"

#include "support/currency.hpp"

namespace emporium::invoices {

std::string format_money(std::int64_t minor_units, std::string_view currency) {
  const int digits = currency_minor_digits(currency).value_or(2);
  // The magnitude as unsigned, so that even INT64_MIN has one.
  const auto magnitude =
      minor_units < 0 ? 0 - static_cast<std::uint64_t>(minor_units) : static_cast<std::uint64_t>(minor_units);
  auto text = std::to_string(magnitude);
  if (digits > 0) {
    const auto needed = static_cast<std::size_t>(digits) + 1;
    if (text.size() < needed) text.insert(0, needed - text.size(), '0');
    text.insert(text.size() - static_cast<std::size_t>(digits), 1, '.');
  }
  std::string out;
  if (minor_units < 0) out += '-';
  out += text;
  out += ' ';
  out += currency;
  return out;
}

}  // namespace emporium::invoices
