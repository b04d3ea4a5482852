#include "webhooks/address_policy.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "webhooks/webhook_url.hpp"

namespace emporium::webhooks {
namespace {
using K = AddressKind;

// The kind of a textual IPv4 or IPv6 address, through a real socket address (as the HttpClient's guard gets it).
AddressKind kind_of(const std::string& text) {
  sockaddr_storage storage{};
  auto* address = reinterpret_cast<sockaddr*>(&storage);
  if (text.find(':') == std::string::npos) {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    if (inet_pton(AF_INET, text.c_str(), &in.sin_addr) != 1) throw std::invalid_argument(text);
    std::memcpy(&storage, &in, sizeof in);
    return classify(*address, sizeof in);
  }
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  if (inet_pton(AF_INET6, text.c_str(), &in6.sin6_addr) != 1) throw std::invalid_argument(text);
  std::memcpy(&storage, &in6, sizeof in6);
  return classify(*address, sizeof in6);
}

TEST(AddressPolicy, ClassifiesIpv4) {
  const std::vector<std::pair<std::string, AddressKind>> table = {
      {"0.0.0.0", K::Unspecified},
      {"0.1.2.3", K::Unspecified},
      {"127.0.0.1", K::Loopback},
      {"127.255.255.254", K::Loopback},
      {"10.0.0.1", K::Private},
      {"10.255.255.255", K::Private},
      {"172.16.0.1", K::Private},
      {"172.31.255.255", K::Private},
      {"172.15.255.255", K::Public},
      {"172.32.0.0", K::Public},
      {"192.168.1.1", K::Private},
      {"169.254.169.254", K::LinkLocal},
      {"169.254.0.1", K::LinkLocal},
      {"100.64.0.1", K::SharedAddressSpace},
      {"100.100.100.200", K::SharedAddressSpace},
      {"100.127.255.255", K::SharedAddressSpace},
      {"100.128.0.0", K::Public},
      {"224.0.0.1", K::Multicast},
      {"239.255.255.250", K::Multicast},
      {"255.255.255.255", K::Broadcast},
      {"240.0.0.1", K::Reserved},
      {"192.0.0.8", K::Reserved},
      {"198.18.0.1", K::Reserved},
      {"192.0.2.1", K::Documentation},
      {"198.51.100.7", K::Documentation},
      {"203.0.113.9", K::Documentation},
      {"8.8.8.8", K::Public},
      {"1.1.1.1", K::Public},
      {"93.184.216.34", K::Public},
      {"11.0.0.1", K::Public},
  };
  for (const auto& [text, kind] : table) EXPECT_EQ(kind_of(text), kind) << text;
}

TEST(AddressPolicy, ClassifiesIpv6IncludingIpv4Inside) {
  const std::vector<std::pair<std::string, AddressKind>> table = {
      {"::", K::Unspecified},
      {"::1", K::Loopback},
      {"::ffff:127.0.0.1", K::Loopback},  // IPv4-mapped
      {"::ffff:7f00:1", K::Loopback},
      {"::ffff:10.1.2.3", K::Private},
      {"::ffff:169.254.169.254", K::LinkLocal},
      {"::ffff:8.8.8.8", K::Public},
      {"::127.0.0.1", K::Loopback},  // IPv4-compatible (deprecated)
      {"::8.8.8.8", K::Reserved},
      {"64:ff9b::127.0.0.1", K::Loopback},  // NAT64
      {"64:ff9b::a9fe:a9fe", K::LinkLocal},
      {"64:ff9b::8.8.8.8", K::Public},
      {"64:ff9b:1::1", K::Private},
      {"2002:7f00:1::1", K::Loopback},  // 6to4 around 127.0.0.1
      {"2002:c0a8:101::1", K::Private},
      {"2002:808:808::1", K::Public},
      {"2001::1", K::Reserved},  // Teredo
      {"fc00::1", K::Private},
      {"fd00:ec2::254", K::Private},  // AWS's IPv6 metadata service
      {"fe80::1", K::LinkLocal},
      {"febf::1", K::LinkLocal},
      {"fec0::1", K::Private},
      {"ff02::1", K::Multicast},
      {"2001:db8::1", K::Documentation},
      {"100::1", K::Reserved},
      {"4000::1", K::Reserved},
      {"2606:4700:4700::1111", K::Public},
      {"2a00:1450:4001:80b::200e", K::Public},
  };
  for (const auto& [text, kind] : table) EXPECT_EQ(kind_of(text), kind) << text;
}

TEST(AddressPolicy, OtherFamiliesAndShortAddressesAreRefused) {
  sockaddr_storage storage{};
  storage.ss_family = AF_UNIX;
  EXPECT_EQ(classify(*reinterpret_cast<sockaddr*>(&storage), sizeof storage), K::Reserved);
  storage.ss_family = AF_INET;
  EXPECT_EQ(classify(*reinterpret_cast<sockaddr*>(&storage), 4), K::Reserved);
}

TEST(AddressPolicy, InternalHostNames) {
  for (const char* name :
       {"localhost", "LOCALHOST", "localhost.", "api.localhost", "metadata.google.internal",
        "Metadata.Google.Internal.", "metadata", "metadata.goog", "instance-data", "printer.local", "db.corp.internal"})
    EXPECT_TRUE(is_internal_host_name(name)) << name;
  for (const char* name : {"example.com", "localhost.example.com", "internal.example.com", "metadata.example"})
    EXPECT_FALSE(is_internal_host_name(name)) << name;
}

TEST(AddressPolicy, TheGuardLetsOnlyPublicAddressesThrough) {
  const auto guard = public_addresses_only(false);
  ASSERT_TRUE(guard);
  sockaddr_in in{};
  in.sin_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
  EXPECT_FALSE(guard(*reinterpret_cast<sockaddr*>(&in), sizeof in));
  inet_pton(AF_INET, "8.8.4.4", &in.sin_addr);
  EXPECT_TRUE(guard(*reinterpret_cast<sockaddr*>(&in), sizeof in));
  EXPECT_FALSE(public_addresses_only(true));  // allowed: no guard at all
}

TEST(WebhookUrl, Syntax) {
  EXPECT_EQ(url_syntax_error("https://hooks.example.com/in?x=1", false), std::nullopt);
  EXPECT_EQ(url_syntax_error("https://hooks.example.com:8443/", false), std::nullopt);
  EXPECT_EQ(url_syntax_error("https://[2606:4700::1]/hook", false), std::nullopt);
  EXPECT_EQ(url_syntax_error("http://hooks.example.com/", true), std::nullopt);
  EXPECT_EQ(url_syntax_error("HTTPS://hooks.example.com/", false), std::nullopt);
  const std::vector<std::pair<std::string, bool>> refused = {
      {"http://hooks.example.com/", false},
      {"ftp://hooks.example.com/", true},
      {"file:///etc/passwd", true},
      {"gopher://hooks.example.com/", true},
      {"//hooks.example.com/", false},
      {"hooks.example.com/in", false},
      {"https://user:pass@hooks.example.com/", false},
      {"https://user@hooks.example.com/", false},
      {"https:///path", false},
      {"https://hooks.example.com:0/", false},
      {"https://hooks.example.com:99999/", false},
      {"https://hooks.example.com/#frag", false},
      {"https://hooks.exa mple.com/", false},
      {"https://127%2e0%2e0%2e1/", false},
      {"https://[v1.fe]/", false},
      {"https://example.com/" + std::string(kMaxUrlLength, 'a'), false},
      {"", false},
  };
  for (const auto& [url, allow_http] : refused) EXPECT_NE(url_syntax_error(url, allow_http), std::nullopt) << url;
}

TEST(WebhookUrl, DestinationsThatLeadInsideAreRefusedHoweverTheyAreSpelled) {
  // getaddrinfo reads every one of these numeric forms as an address (no DNS query): the check runs on what
  // it resolves to, so 127.0.0.1 in any spelling is refused.
  for (const char* url : {"https://127.0.0.1/",
                          "https://2130706433/",
                          "https://0x7f000001/",
                          "https://0177.0.0.1/",
                          "https://127.1/",
                          "https://0x7f.1/",
                          "https://[::1]/",
                          "https://[::ffff:127.0.0.1]/",
                          "https://[::ffff:7f00:1]/",
                          "https://169.254.169.254/latest/meta-data/",
                          "https://[fd00:ec2::254]/",
                          "https://10.0.0.1/",
                          "https://0.0.0.0/",
                          "https://0/",
                          "https://100.100.100.200/",
                          "https://[fe80::1]/",
                          "https://224.0.0.1/",
                          "https://255.255.255.255/",
                          "https://localhost/",
                          "https://metadata.google.internal/",
                          "https://[64:ff9b::7f00:1]/",
                          "https://[2002:a9fe:a9fe::1]/"}) {
    EXPECT_NE(destination_refusal(url, false), std::nullopt) << url;
    EXPECT_EQ(destination_refusal(url, true), std::nullopt) << url;  // allowed by configuration
  }
}

TEST(WebhookUrl, PublicAddressesAreAllowed) {
  for (const char* url : {"https://8.8.8.8/hook", "https://[2606:4700:4700::1111]/hook", "https://134744072/"})
    EXPECT_EQ(destination_refusal(url, false), std::nullopt) << url;
}

TEST(WebhookUrl, RefusalsSayWhy) {
  EXPECT_NE(destination_refusal("https://2130706433/", false).value_or("").find("loopback"), std::string::npos);
  EXPECT_NE(destination_refusal("https://169.254.169.254/", false).value_or("").find("link-local"), std::string::npos);
  EXPECT_NE(destination_refusal("https://metadata.google.internal/", false).value_or("").find("internal"),
            std::string::npos);
}

}  // namespace
}  // namespace emporium::webhooks
