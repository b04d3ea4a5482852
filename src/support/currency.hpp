#pragma once

#include <optional>
#include <string_view>

namespace emporium {

// ISO 4217 currencies in circulation (from Debian's iso-codes list, without funds, metals and test codes).
bool is_currency_code(std::string_view code);
// Digits after the decimal point: 2 for USD (minor unit: cent), 0 for JPY, 3 for KWD. Nullopt if unknown.
std::optional<int> currency_minor_digits(std::string_view code);

}  // namespace emporium
