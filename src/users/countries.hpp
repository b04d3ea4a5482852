#pragma once

#include <span>
#include <string>
#include <string_view>

namespace emporium::users {

// The 249 officially assigned ISO 3166-1 alpha-2 codes, sorted. Not included: user-assigned codes (XA–XZ,
// QM–QZ, AA, ZZ), exceptional reservations (EU, UK, …) and withdrawn codes (AN, YU, CS).
std::span<const std::string_view> country_codes();

// True only for an assigned code written exactly as the standard does: two upper-case letters ("DE", not "de").
bool is_country_code(std::string_view code);

// What the address book accepts: the text trimmed and upper-cased ASCII, so " de" becomes "DE". Whether
// the result is a real code is for is_country_code to say.
std::string normalise_country_code(std::string_view text);

}  // namespace emporium::users
