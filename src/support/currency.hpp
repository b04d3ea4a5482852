#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace emporium {

// ISO 4217 currencies in circulation (from Debian's iso-codes list, without funds, metals and test codes).
bool is_currency_code(std::string_view code);
// Digits after the decimal point: 2 for USD (minor unit: cent), 0 for JPY, 3 for KWD. Nullopt if unknown.
std::optional<int> currency_minor_digits(std::string_view code);

// Minor units as a decimal with `digits` places, without grouping: "12.34", "-0.05", "1500" (digits 0). Exact for
// every int64, INT64_MIN included.
std::string decimal_amount(std::int64_t minor_units, int digits);
// An amount as invoices and mails print it: the currency's own digits and its code ("1234.56 EUR", "-5.00 EUR",
// "1500 JPY", "1.250 KWD"). A code we do not know gets two digits.
std::string format_money(std::int64_t minor_units, std::string_view currency);

}  // namespace emporium
