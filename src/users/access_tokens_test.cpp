#include "users/access_tokens.hpp"

#include <gtest/gtest.h>
#include <jwt.h>

#include <cstdlib>
#include <functional>

#include "support/crypto.hpp"

namespace emporium::users {
namespace {

const std::string kKey(40, 'k');
const Timestamp kNow = from_unix_millis(1'795'000'000'000);

// Builds a token with libjwt directly, so that tests can make every kind of wrong token.
std::string forge(jwt_alg_t alg, const std::string& key, const std::function<void(jwt_t*)>& grants) {
  jwt_t* token = nullptr;
  jwt_new(&token);
  grants(token);
  jwt_set_alg(token, alg, alg == JWT_ALG_NONE ? nullptr : reinterpret_cast<const unsigned char*>(key.data()),
              alg == JWT_ALG_NONE ? 0 : static_cast<int>(key.size()));
  char* encoded = jwt_encode_str(token);
  std::string text = encoded ? encoded : "";
  std::free(encoded);
  jwt_free(token);
  return text;
}

void standard_grants(jwt_t* token, long now_seconds) {
  jwt_add_grant(token, "sub", "usr_1");
  jwt_add_grant(token, "role", "admin");
  jwt_add_grant(token, "sid", "ses_1");
  jwt_add_grant(token, "iss", "emporium");
  jwt_add_grant(token, "aud", "emporium-api");
  jwt_add_grant(token, "typ", "access");
  jwt_add_grant_int(token, "iat", now_seconds);
  jwt_add_grant_int(token, "exp", now_seconds + 900);
}

class AccessTokensTest : public ::testing::Test {
 protected:
  ManualClock clock{kNow};
  AccessTokens tokens{kKey, clock, std::chrono::minutes(15)};
  long now_seconds = static_cast<long>(to_unix_millis(kNow) / 1000);
};

TEST_F(AccessTokensTest, VerifiesWhatItIssues) {
  const auto claims = tokens.verify(tokens.issue("usr_42", http::Role::Vendor, "ses_9"));
  ASSERT_TRUE(claims) << claims.error().detail;
  EXPECT_EQ(claims->user_id, "usr_42");
  EXPECT_EQ(claims->role, http::Role::Vendor);
  EXPECT_EQ(claims->session_id, "ses_9");
}

TEST_F(AccessTokensTest, AcceptsATokenForgedOnlyWithTheRightKeyAndClaims) {
  // The control for the refusals below: the same construction with everything right passes.
  EXPECT_TRUE(tokens.verify(forge(JWT_ALG_HS256, kKey, [&](jwt_t* t) { standard_grants(t, now_seconds); })));
}

TEST_F(AccessTokensTest, RefusesAlgNone) {
  const auto token = forge(JWT_ALG_NONE, "", [&](jwt_t* t) { standard_grants(t, now_seconds); });
  const auto claims = tokens.verify(token);
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().status, 401);
}

TEST_F(AccessTokensTest, RefusesOtherAlgorithmsEvenWithTheSameKey) {
  EXPECT_FALSE(tokens.verify(forge(JWT_ALG_HS512, kKey, [&](jwt_t* t) { standard_grants(t, now_seconds); })));
  EXPECT_FALSE(tokens.verify(forge(JWT_ALG_HS384, kKey, [&](jwt_t* t) { standard_grants(t, now_seconds); })));
}

TEST_F(AccessTokensTest, RefusesAnotherKey) {
  EXPECT_FALSE(
      tokens.verify(forge(JWT_ALG_HS256, std::string(40, 'x'), [&](jwt_t* t) { standard_grants(t, now_seconds); })));
}

TEST_F(AccessTokensTest, RefusesATamperedPayload) {
  auto token = tokens.issue("usr_1", http::Role::Customer, "ses_1");
  // Swap the payload for one claiming the admin role, keeping the original signature.
  const auto forged = forge(JWT_ALG_HS256, std::string(40, 'x'), [&](jwt_t* t) { standard_grants(t, now_seconds); });
  const auto first_dot = token.find('.');
  const auto second_dot = token.find('.', first_dot + 1);
  const auto forged_first = forged.find('.');
  const auto forged_second = forged.find('.', forged_first + 1);
  token.replace(first_dot + 1, second_dot - first_dot - 1,
                forged.substr(forged_first + 1, forged_second - forged_first - 1));
  EXPECT_FALSE(tokens.verify(token));
}

TEST_F(AccessTokensTest, RefusesAnExpiredToken) {
  const auto token = tokens.issue("usr_1", http::Role::Customer, "ses_1");
  clock.advance(std::chrono::minutes(15) + std::chrono::seconds(31));
  const auto claims = tokens.verify(token);
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().detail, "The access token has expired.");
}

TEST_F(AccessTokensTest, RefusesATokenIssuedInTheFuture) {
  EXPECT_FALSE(tokens.verify(forge(JWT_ALG_HS256, kKey, [&](jwt_t* t) { standard_grants(t, now_seconds + 3600); })));
}

TEST_F(AccessTokensTest, RefusesARefreshTokenOrAnyOtherType) {
  EXPECT_FALSE(tokens.verify(forge(JWT_ALG_HS256, kKey, [&](jwt_t* t) {
    standard_grants(t, now_seconds);
    jwt_del_grants(t, "typ");
    jwt_add_grant(t, "typ", "refresh");
  })));
  // Our refresh tokens are opaque random strings: never a JWT.
  EXPECT_FALSE(tokens.verify("dGhpcyBpcyBub3QgYSBqd3Q"));
}

TEST_F(AccessTokensTest, RefusesWrongIssuerOrAudience) {
  EXPECT_FALSE(tokens.verify(forge(JWT_ALG_HS256, kKey, [&](jwt_t* t) {
    standard_grants(t, now_seconds);
    jwt_del_grants(t, "iss");
    jwt_add_grant(t, "iss", "someone-else");
  })));
  EXPECT_FALSE(tokens.verify(forge(JWT_ALG_HS256, kKey, [&](jwt_t* t) {
    standard_grants(t, now_seconds);
    jwt_del_grants(t, "aud");
    jwt_add_grant(t, "aud", "another-api");
  })));
}

TEST_F(AccessTokensTest, RefusesMissingClaimsAndUnknownRoles) {
  for (const char* claim : {"sub", "sid", "exp", "iat", "role"}) {
    EXPECT_FALSE(tokens.verify(forge(JWT_ALG_HS256, kKey, [&](jwt_t* t) {
      standard_grants(t, now_seconds);
      jwt_del_grants(t, claim);
    }))) << claim;
  }
  EXPECT_FALSE(tokens.verify(forge(JWT_ALG_HS256, kKey, [&](jwt_t* t) {
    standard_grants(t, now_seconds);
    jwt_del_grants(t, "role");
    jwt_add_grant(t, "role", "superuser");
  })));
}

TEST_F(AccessTokensTest, RefusesGarbage) {
  for (const char* text : {"", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9..", "not a token at all"}) {
    EXPECT_FALSE(tokens.verify(text)) << text;
  }
  EXPECT_FALSE(tokens.verify(std::string(5000, 'a')));
}

TEST(AccessTokensKey, NeedsAtLeast256Bits) {
  SystemClock clock;
  EXPECT_THROW(AccessTokens(std::string(31, 'k'), clock, std::chrono::minutes(15)), std::invalid_argument);
  EXPECT_NO_THROW(AccessTokens(std::string(32, 'k'), clock, std::chrono::minutes(15)));
}

}  // namespace
}  // namespace emporium::users
