#include "webhooks/address_policy.hpp"

#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace emporium::webhooks {
namespace {

struct Range4 {
  std::uint32_t base;
  int prefix;
  AddressKind kind;
};

constexpr std::uint32_t v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return std::uint32_t{a} << 24 | std::uint32_t{b} << 16 | std::uint32_t{c} << 8 | d;
}

// IANA's IPv4 special-purpose registry, minus the few ranges that are globally reachable.
constexpr Range4 kSpecial4[] = {
    {v4(0, 0, 0, 0), 8, AddressKind::Unspecified},
    {v4(10, 0, 0, 0), 8, AddressKind::Private},
    {v4(100, 64, 0, 0), 10, AddressKind::SharedAddressSpace},
    {v4(127, 0, 0, 0), 8, AddressKind::Loopback},
    {v4(169, 254, 0, 0), 16, AddressKind::LinkLocal},
    {v4(172, 16, 0, 0), 12, AddressKind::Private},
    {v4(192, 0, 0, 0), 24, AddressKind::Reserved},
    {v4(192, 0, 2, 0), 24, AddressKind::Documentation},
    {v4(192, 88, 99, 0), 24, AddressKind::Reserved},  // the old 6to4 relay anycast
    {v4(192, 168, 0, 0), 16, AddressKind::Private},
    {v4(198, 18, 0, 0), 15, AddressKind::Reserved},  // benchmarking
    {v4(198, 51, 100, 0), 24, AddressKind::Documentation},
    {v4(203, 0, 113, 0), 24, AddressKind::Documentation},
    {v4(224, 0, 0, 0), 4, AddressKind::Multicast},
    {v4(255, 255, 255, 255), 32, AddressKind::Broadcast},
    {v4(240, 0, 0, 0), 4, AddressKind::Reserved},
};

bool in_range(std::uint32_t address, std::uint32_t base, int prefix) {
  const auto mask = prefix == 0 ? 0u : ~std::uint32_t{0} << (32 - prefix);
  return (address & mask) == (base & mask);
}

std::uint32_t ipv4_at(const std::array<std::uint8_t, 16>& a, std::size_t offset) {
  return v4(a[offset], a[offset + 1], a[offset + 2], a[offset + 3]);
}

bool all_zero(const std::array<std::uint8_t, 16>& a, std::size_t from, std::size_t to) {
  return std::all_of(a.begin() + static_cast<std::ptrdiff_t>(from), a.begin() + static_cast<std::ptrdiff_t>(to),
                     [](std::uint8_t byte) { return byte == 0; });
}

// IPv6 forms that carry an IPv4 address, classified by that address (nullopt: not such a form).
std::optional<AddressKind> embedded_ipv4(const std::array<std::uint8_t, 16>& a) {
  if (all_zero(a, 0, 10) && a[10] == 0xff && a[11] == 0xff) return classify_ipv4(ipv4_at(a, 12));  // ::ffff:0:0/96
  if (all_zero(a, 0, 12)) {  // ::/96, IPv4-compatible: deprecated, so refused even around a public address
    const auto inner = classify_ipv4(ipv4_at(a, 12));
    return inner == AddressKind::Public ? AddressKind::Reserved : inner;
  }
  if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b && all_zero(a, 4, 12))
    return classify_ipv4(ipv4_at(a, 12));  // 64:ff9b::/96, NAT64
  if (a[0] == 0x20 && a[1] == 0x02) {      // 2002::/16, 6to4: the IPv4 address follows the prefix
    const auto inner = classify_ipv4(ipv4_at(a, 2));
    return inner == AddressKind::Public ? std::nullopt : std::optional(inner);
  }
  return std::nullopt;
}
}  // namespace

std::string_view to_string(AddressKind kind) {
  switch (kind) {
    case AddressKind::Public:
      return "public";
    case AddressKind::Unspecified:
      return "unspecified";
    case AddressKind::Loopback:
      return "loopback";
    case AddressKind::Private:
      return "private";
    case AddressKind::LinkLocal:
      return "link-local";
    case AddressKind::SharedAddressSpace:
      return "shared address space";
    case AddressKind::Multicast:
      return "multicast";
    case AddressKind::Broadcast:
      return "broadcast";
    case AddressKind::Documentation:
      return "documentation";
    case AddressKind::Reserved:
      break;
  }
  return "reserved";
}

AddressKind classify_ipv4(std::uint32_t address) {
  for (const auto& range : kSpecial4)
    if (in_range(address, range.base, range.prefix)) return range.kind;
  return AddressKind::Public;
}

AddressKind classify_ipv6(const std::array<std::uint8_t, 16>& a) {
  if (all_zero(a, 0, 16)) return AddressKind::Unspecified;
  if (all_zero(a, 0, 15) && a[15] == 1) return AddressKind::Loopback;
  if (const auto inner = embedded_ipv4(a)) return *inner;
  if (a[0] == 0xff) return AddressKind::Multicast;
  if ((a[0] & 0xfe) == 0xfc) return AddressKind::Private;                    // fc00::/7, unique local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return AddressKind::LinkLocal;  // fe80::/10
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return AddressKind::Private;    // fec0::/10, site-local
  if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b && a[4] == 0x00 && a[5] == 0x01)
    return AddressKind::Private;  // 64:ff9b:1::/48, local-use NAT64
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) return AddressKind::Documentation;
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x00 && a[3] == 0x00)
    return AddressKind::Reserved;                           // 2001::/32, Teredo: tunnels to addresses we cannot check
  if ((a[0] & 0xe0) != 0x20) return AddressKind::Reserved;  // outside 2000::/3, the global unicast space
  return AddressKind::Public;
}

AddressKind classify(const sockaddr& address, socklen_t length) {
  if (address.sa_family == AF_INET && length >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in in{};
    std::memcpy(&in, &address, sizeof in);
    return classify_ipv4(ntohl(in.sin_addr.s_addr));
  }
  if (address.sa_family == AF_INET6 && length >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, &address, sizeof in6);
    std::array<std::uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), &in6.sin6_addr, bytes.size());
    return classify_ipv6(bytes);
  }
  return AddressKind::Reserved;
}

bool is_internal_host_name(std::string_view host) {
  std::string name(host);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (name.ends_with('.')) name.pop_back();
  for (const std::string_view exact : {"localhost", "metadata", "metadata.goog", "instance-data"})
    if (name == exact) return true;
  for (const std::string_view suffix : {".localhost", ".local", ".internal"})
    if (name.ends_with(suffix)) return true;
  return false;
}

outbound::AddressGuard public_addresses_only(bool allow_private) {
  if (allow_private) return {};
  return [](const sockaddr& address, socklen_t length) { return classify(address, length) == AddressKind::Public; };
}

}  // namespace emporium::webhooks
