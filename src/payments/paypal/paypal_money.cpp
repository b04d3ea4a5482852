#include "payments/paypal/paypal_money.hpp"

#include <limits>

#include "support/currency.hpp"

namespace emporium::payments::paypal {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Appends the digits of `text` to `number`, refusing anything else and overflow.
bool accumulate(std::string_view text, std::int64_t& number) {
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  for (const char c : text) {
    if (!is_digit(c)) return false;
    const int digit = c - '0';
    if (number > (kMax - digit) / 10) return false;
    number = number * 10 + digit;
  }
  return true;
}

}  // namespace

std::optional<std::string> format_amount(std::int64_t minor_units, std::string_view currency) {
  const auto digits = currency_minor_digits(currency);
  if (!digits || minor_units < 0) return std::nullopt;
  return decimal_amount(minor_units, *digits);
}

std::optional<std::int64_t> parse_amount(std::string_view value, std::string_view currency) {
  const auto digits = currency_minor_digits(currency);
  if (!digits) return std::nullopt;
  const auto dot = value.find('.');
  const auto whole = value.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : value.substr(dot + 1);
  if (whole.empty()) return std::nullopt;
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > static_cast<std::size_t>(*digits)))
    return std::nullopt;
  std::int64_t number = 0;
  if (!accumulate(whole, number) || !accumulate(fraction, number)) return std::nullopt;
  // Scale what the fraction left short ("10.5" USD) up to minor units.
  for (auto missing = static_cast<std::size_t>(*digits) - fraction.size(); missing > 0; --missing) {
    if (number > std::numeric_limits<std::int64_t>::max() / 10) return std::nullopt;
    number *= 10;
  }
  return number;
}

}  // namespace emporium::payments::paypal
