#pragma once
// PayPal writes money as decimal strings ("10.00" USD, "1000" JPY, "1.234" KWD); we keep integer minor
// units. Both directions are strict: a value we cannot read exactly is an error, never a rounded guess.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace emporium::payments::paypal {

// 1000 USD cents → "10.00"; 1000 JPY → "1000"; 1234 KWD fils → "1.234". Nullopt for a negative amount or a
// currency without known minor units.
std::optional<std::string> format_amount(std::int64_t minor_units, std::string_view currency);

// The reverse: digits, then optionally '.' and 1 to minor-digits digits (so "10.5" USD is 1050, "1.0" JPY is
// refused). No sign, exponent, spaces, empty parts or more digits than the currency has; nullopt on overflow.
std::optional<std::int64_t> parse_amount(std::string_view value, std::string_view currency);

}  // namespace emporium::payments::paypal
