#pragma once

#include <string>
#include <string_view>

namespace emporium::users {

// Emails are compared trimmed and lower-cased: "  Ann@Example.COM " and "ann@example.com" are one account.
std::string normalize_email(std::string_view email);
// A deliberately loose check (one "@", a dotted domain, no spaces or control characters, RFC 5321 lengths):
// the only real proof of an address is a mail that arrives.
bool is_plausible_email(std::string_view email);

}  // namespace emporium::users
