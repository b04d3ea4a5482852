#include "payments/stripe/stripe_signature.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

namespace emporium::payments::stripe {
namespace {
using namespace std::chrono_literals;

constexpr std::string_view kSecret = "whsec_test_secret";
constexpr std::string_view kBody = R"({"id":"evt_test_1","object":"event","type":"payment_intent.succeeded"})";
constexpr std::int64_t kSent = 1'700'000'000;
// Computed independently of this code, once, with:
//   printf '%s' '1700000000.{"id":"evt_test_1","object":"event","type":"payment_intent.succeeded"}' |
//     openssl dgst -sha256 -hmac 'whsec_test_secret'
constexpr std::string_view kOpensslSignature = "871acfe933554b446cc41d791076dd56a10c0553cc61aafbeb881d0082b45043";

Timestamp at(std::int64_t unix_seconds) { return from_unix_millis(unix_seconds * 1000); }

std::optional<std::string> check(std::string_view header, Timestamp now = at(kSent), std::string_view body = kBody) {
  return signature_problem({.header = header, .body = body, .secret = kSecret, .now = now});
}

std::string header_with(std::string_view signature) {
  return "t=" + std::to_string(kSent) + ",v1=" + std::string(signature);
}

// The same HMAC from the openssl command line, run now: a second, live witness besides the fixed vector.
std::string openssl_hmac(std::string_view secret, std::string_view message) {
  const auto command = "printf '%s' '" + std::string(message) + "' | openssl dgst -sha256 -hmac '" +
                       std::string(secret) + "' 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return {};
  std::array<char, 256> buffer{};
  std::string out;
  while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get())) out += buffer.data();
  const auto equals = out.rfind("= ");
  if (equals == std::string::npos) return {};
  out = out.substr(equals + 2);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

TEST(StripeSignature, MatchesTheFixedOpensslVector) {
  EXPECT_EQ(v1_signature(kSecret, kSent, kBody), kOpensslSignature);
  EXPECT_EQ(check(header_with(kOpensslSignature)), std::nullopt);
}

TEST(StripeSignature, MatchesOpensslRunNow) {
  const std::string body = R"({"id":"evt_live","data":{"object":{"amount":4200}}})";
  const auto expected = openssl_hmac(kSecret, "1700000123." + body);
  ASSERT_EQ(expected.size(), 64u) << "openssl dgst did not answer";
  EXPECT_EQ(v1_signature(kSecret, 1'700'000'123, body), expected);
}

TEST(StripeSignature, AnyOfSeveralV1SignaturesMayMatch) {
  const auto header = "t=" + std::to_string(kSent) + ",v1=" + std::string(64, 'a') +
                      ",v0=" + std::string(kOpensslSignature) + ", v1=" + std::string(kOpensslSignature);
  EXPECT_EQ(check(header), std::nullopt) << "the secret is being rolled: the second v1 is the right one";
  EXPECT_NE(check("t=" + std::to_string(kSent) + ",v0=" + std::string(kOpensslSignature)), std::nullopt)
      << "v0 is not a signature scheme we accept";
}

TEST(StripeSignature, RefusesWrongOrMissingParts) {
  EXPECT_NE(check(""), std::nullopt);
  EXPECT_NE(check("v1=" + std::string(kOpensslSignature)), std::nullopt) << "no timestamp";
  EXPECT_NE(check("t=" + std::to_string(kSent)), std::nullopt) << "no signature";
  EXPECT_NE(check("t=abc,v1=" + std::string(kOpensslSignature)), std::nullopt);
  EXPECT_NE(check(header_with(std::string(64, '0'))), std::nullopt);
  EXPECT_NE(check(header_with(kOpensslSignature), at(kSent), std::string(kBody) + " "), std::nullopt)
      << "one byte more in the body";
  EXPECT_NE(check("t=" + std::to_string(kSent + 1) + ",v1=" + std::string(kOpensslSignature)), std::nullopt)
      << "the timestamp is signed too";
  EXPECT_NE(signature_problem(
                {.header = header_with(kOpensslSignature), .body = kBody, .secret = "whsec_other", .now = at(kSent)}),
            std::nullopt);
}

TEST(StripeSignature, FiveMinutesToleranceBothWays) {
  const auto header = header_with(kOpensslSignature);
  EXPECT_EQ(check(header, at(kSent + 300)), std::nullopt);
  EXPECT_EQ(check(header, at(kSent - 300)), std::nullopt);
  EXPECT_NE(check(header, at(kSent + 301)), std::nullopt) << "too old: a replay";
  EXPECT_NE(check(header, at(kSent - 301)), std::nullopt) << "from the future";
}

}  // namespace
}  // namespace emporium::payments::stripe
