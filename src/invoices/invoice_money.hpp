#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace emporium::invoices {

// An amount in minor units as an invoice prints it: the currency's own digits after the point and its code,
// without grouping ("1234.56 EUR", "-5.00 EUR", "1500 JPY", "1.250 KWD"). A code we do not know gets two digits.
std::string format_money(std::int64_t minor_units, std::string_view currency);

}  // namespace emporium::invoices
