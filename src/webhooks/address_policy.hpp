#pragma once
// Where webhooks may go: the SSRF guard. A receiver must be a public unicast address; loopback, private,
// link-local (the cloud metadata service at 169.254.169.254 among them), shared (CGNAT), multicast,
// broadcast, unspecified, documentation and reserved ranges are refused, also when an IPv6 address carries
// such an IPv4 address inside (IPv4-mapped, IPv4-compatible, NAT64, 6to4). Hosts spelled as a decimal, hex or
// octal number or in a short form ("2130706433", "0x7f000001", "0177.0.0.1", "127.1") are caught because the
// check runs on resolved addresses, and again on the socket address right before connecting (the HttpClient's
// AddressGuard), so a name that resolves elsewhere the second time cannot slip through.

#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "outbound/http_client.hpp"

namespace emporium::webhooks {

enum class AddressKind {
  Public,
  Unspecified,         // 0.0.0.0/8, ::
  Loopback,            // 127/8, ::1
  Private,             // 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10, 64:ff9b:1::/48
  LinkLocal,           // 169.254/16 (cloud metadata), fe80::/10
  SharedAddressSpace,  // 100.64/10 (carrier-grade NAT; Alibaba's metadata service)
  Multicast,           // 224/4, ff00::/8
  Broadcast,           // 255.255.255.255
  Documentation,       // 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32
  Reserved,            // 240/4, 192.0.0/24, 198.18/15, Teredo, 100::/64, anything outside 2000::/3, …
};
std::string_view to_string(AddressKind kind);

AddressKind classify_ipv4(std::uint32_t address);  // host byte order
AddressKind classify_ipv6(const std::array<std::uint8_t, 16>& address);
// An AF_INET or AF_INET6 socket address; any other family is Reserved.
AddressKind classify(const sockaddr& address, socklen_t length);

// Names that are internal whatever they resolve to: localhost, *.localhost, *.local, *.internal (Google's
// metadata.google.internal), metadata, metadata.goog, instance-data. Case and one trailing dot are ignored.
bool is_internal_host_name(std::string_view host);

// The guard for outbound::HttpRequest: refuses every address that is not Public. Empty (anything goes) when
// private addresses are allowed.
outbound::AddressGuard public_addresses_only(bool allow_private);

}  // namespace emporium::webhooks
