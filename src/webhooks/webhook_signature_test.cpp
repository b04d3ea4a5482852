#include "webhooks/webhook_signature.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

namespace emporium::webhooks {
namespace {

// The published test vector of the Standard Webhooks reference libraries: "sign function works" in
// libraries/javascript/src/webhook.test.ts of github.com/standard-webhooks/standard-webhooks (the same values
// are in the other languages' tests).
constexpr std::string_view kVectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::string_view kVectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr std::int64_t kVectorTimestamp = 1614265330;
constexpr std::string_view kVectorPayload = R"({"test": 2432232314})";
constexpr std::string_view kVectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

TEST(WebhookSignature, MatchesTheStandardWebhooksTestVector) {
  EXPECT_EQ(sign(kVectorSecret, kVectorId, kVectorTimestamp, kVectorPayload), kVectorSignature);
}

TEST(WebhookSignature, TheWhsecPrefixIsOptional) {
  EXPECT_EQ(sign(kVectorSecret.substr(kSecretPrefix.size()), kVectorId, kVectorTimestamp, kVectorPayload),
            kVectorSignature);
}

TEST(WebhookSignature, EveryPartIsSigned) {
  const auto base = sign(kVectorSecret, kVectorId, kVectorTimestamp, kVectorPayload);
  EXPECT_NE(sign(kVectorSecret, "msg_p5jXN8AQM9LWM0D4loKWxJeK", kVectorTimestamp, kVectorPayload), base);
  EXPECT_NE(sign(kVectorSecret, kVectorId, kVectorTimestamp + 1, kVectorPayload), base);
  EXPECT_NE(sign(kVectorSecret, kVectorId, kVectorTimestamp, R"({"test": 2432232315})"), base);
  EXPECT_NE(sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx", kVectorId, kVectorTimestamp, kVectorPayload), base);
}

TEST(WebhookSignature, ASecretThatIsNotBase64CannotSign) {
  EXPECT_THROW(sign("whsec_not base64!", kVectorId, kVectorTimestamp, kVectorPayload), std::invalid_argument);
  EXPECT_THROW(sign("whsec_", kVectorId, kVectorTimestamp, kVectorPayload), std::invalid_argument);
}

TEST(WebhookSecret, IsWhsecAndBase64OfThirtyTwoRandomBytes) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const auto secret = new_secret();
    ASSERT_TRUE(secret.starts_with("whsec_")) << secret;
    const auto key = secret_key(secret);
    ASSERT_TRUE(key.has_value()) << secret;
    EXPECT_EQ(key->size(), kSecretBytes);
    EXPECT_EQ(base64_encode(*key), secret.substr(kSecretPrefix.size()));
    seen.insert(secret);
  }
  EXPECT_EQ(seen.size(), 50U);
}

TEST(WebhookSecret, Base64RoundTripsAndRefusesGarbage) {
  for (const std::string& bytes : {std::string(""), std::string("f"), std::string("fo"), std::string("foo"),
                                   std::string("\0\xff\x10 binary", 10)}) {
    EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
  }
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_FALSE(base64_decode("Zm9vYg=").has_value());
  EXPECT_FALSE(base64_decode("Zm9v!g==").has_value());
  EXPECT_FALSE(base64_decode("Zm9vYg==trailing").has_value());
}

}  // namespace
}  // namespace emporium::webhooks
