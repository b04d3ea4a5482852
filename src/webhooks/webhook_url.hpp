#pragma once
// The rules for an endpoint's URL: at registration its syntax, then where it leads (resolved now, every
// address checked); at each delivery the HttpClient's address guard checks the address actually connected to.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace emporium::webhooks {

inline constexpr std::size_t kMaxUrlLength = 2048;

// nullopt when `url` is an absolute https URL (or http when allowed) with a host, no user info, no fragment
// and at most kMaxUrlLength characters; otherwise what is wrong, for the client.
std::optional<std::string> url_syntax_error(std::string_view url, bool allow_http);

// nullopt when a URL that passed url_syntax_error may be called: its host is not an internal name and every
// address it resolves to is public. Otherwise why not, for the client. Resolves with getaddrinfo (blocks).
// With allow_private nothing is checked.
std::optional<std::string> destination_refusal(std::string_view url, bool allow_private);

}  // namespace emporium::webhooks
