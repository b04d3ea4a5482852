#include "webhooks/webhook_url.hpp"

#include <netdb.h>

#include <boost/url/parse.hpp>

#include <charconv>
#include <memory>

#include "webhooks/address_policy.hpp"

namespace emporium::webhooks {
namespace {

struct AddrInfoDeleter {
  void operator()(addrinfo* info) const { freeaddrinfo(info); }
};

// The host as getaddrinfo takes it: IPv6 literals without their brackets.
std::string host_of(const boost::urls::url_view& url) {
  if (url.host_type() == boost::urls::host_type::ipv6) return std::string(url.encoded_host_address());
  return std::string(url.encoded_host());
}

// Boost.URL accepts any digits as a port (and port_number() wraps larger ones): 1 to 65535 only.
bool valid_port(std::string_view port) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  return !port.empty() && error == std::errc() && end == port.data() + port.size() && value >= 1 && value <= 65535;
}

std::optional<std::string> refusal_of_addresses(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || !found)
    return "The host of this URL does not resolve.";
  const std::unique_ptr<addrinfo, AddrInfoDeleter> owner(found);
  for (const auto* info = found; info; info = info->ai_next) {
    const auto kind = classify(*info->ai_addr, info->ai_addrlen);
    if (kind != AddressKind::Public)
      return "The host of this URL resolves to a " + std::string(to_string(kind)) +
             " address; webhooks are only sent to public addresses.";
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::string> url_syntax_error(std::string_view text, bool allow_http) {
  if (text.size() > kMaxUrlLength) return "must be at most " + std::to_string(kMaxUrlLength) + " characters";
  const auto parsed = boost::urls::parse_absolute_uri(text);
  if (!parsed) return "must be an absolute URL";
  const auto& url = *parsed;
  const auto scheme = url.scheme_id();
  if (scheme != boost::urls::scheme::https && !(allow_http && scheme == boost::urls::scheme::http))
    return allow_http ? "must be an http or https URL" : "must be an https URL";
  if (url.has_userinfo()) return "must not contain a user name or password";
  if (!url.has_authority() || url.encoded_host().empty()) return "must have a host";
  if (url.host_type() == boost::urls::host_type::ipvfuture) return "must have a host name or an IP address";
  if (url.encoded_host().find('%') != boost::core::string_view::npos) return "must not percent-encode its host";
  if (url.has_port() && !valid_port(url.port())) return "must have a port from 1 to 65535";
  if (url.has_fragment()) return "must not have a fragment (#…)";
  return std::nullopt;
}

std::optional<std::string> destination_refusal(std::string_view text, bool allow_private) {
  if (allow_private) return std::nullopt;
  const auto parsed = boost::urls::parse_absolute_uri(text);
  if (!parsed) return "The URL cannot be parsed.";
  const auto host = host_of(*parsed);
  if (is_internal_host_name(host)) return "The host of this URL is an internal name.";
  return refusal_of_addresses(host);
}

}  // namespace emporium::webhooks
