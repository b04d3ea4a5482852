// Sessions and tokens: refresh rotation and theft detection (its race is in accounts_concurrency_test.cpp),
// logout, and access tokens that are forged, tampered with, unsigned or signed with another key. Expiry is
// left to the unit tests (src/users/access_tokens_test.cpp): the shortest lifetime the server takes is 60 s.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "accounts_api.hpp"
#include "assertions.hpp"
#include "shared_server.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Tokens : public SharedServerTest<Tokens> {
 public:
  static EnvVars config() { return accounts_config({{"EMPORIUM_ACCESS_TOKEN_TTL_SECONDS", "600"}}); }
};

constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url_decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const auto value = kBase64Url.find(c);
    if (value == std::string_view::npos) throw std::runtime_error("not base64url: " + std::string(text));
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kBase64Url[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kBase64Url[(buffer << (6 - bits)) & 0x3f];
  return out;
}

struct Jwt {
  json::object header;
  json::object claims;
  std::string signature;
};

Jwt split(const std::string& token) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  return {json::parse(base64url_decode(token.substr(0, first))).as_object(),
          json::parse(base64url_decode(token.substr(first + 1, second - first - 1))).as_object(),
          token.substr(second + 1)};
}

std::string join(const Jwt& jwt) {
  return base64url_encode(json::serialize(jwt.header)) + "." + base64url_encode(json::serialize(jwt.claims)) + "." +
         jwt.signature;
}

HttpResponse post_refresh(HttpClient& client, const std::string& refresh_token) {
  return send_json(client, "POST", "/api/auth/refresh", json::object{{"refreshToken", refresh_token}});
}

HttpResponse me(HttpClient& client, const std::string& access_token) {
  return client.get("/api/users/me", bearer(access_token));
}

TEST_F(Tokens, AccessTokensCarryThePinnedAlgorithmAndTheClaims) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto jwt = split(account.access_token);
  EXPECT_EQ(str(jwt.header.at("alg")), "HS256");
  for (const auto* claim : {"sub", "role", "sid", "iat", "exp", "iss", "aud", "typ"})
    EXPECT_TRUE(jwt.claims.contains(claim)) << claim << " in " << json::serialize(jwt.claims);
  EXPECT_EQ(str(jwt.claims.at("sub")), account.id);
  EXPECT_EQ(str(jwt.claims.at("role")), "customer");
  EXPECT_EQ(jwt.claims.at("exp").to_number<std::int64_t>() - jwt.claims.at("iat").to_number<std::int64_t>(), 600)
      << "EMPORIUM_ACCESS_TOKEN_TTL_SECONDS";
  const auto refreshed = post_refresh(client, account.refresh_token);
  ASSERT_EQ(refreshed.status, 200) << refreshed.describe();
  EXPECT_EQ(refreshed.json_object().at("expiresIn"), json::value(600));
}

TEST_F(Tokens, RefreshRotatesThePairAndEachNewPairWorks) {
  auto client = this->client();
  auto account = register_account(client);
  const auto first = account;
  refresh(client, account);
  EXPECT_NE(account.refresh_token, first.refresh_token);
  EXPECT_EQ(me(client, account.access_token).status, 200);
  EXPECT_EQ(me(client, first.access_token).status, 200) << "the old access token lives until it expires";
  refresh(client, account);
  EXPECT_EQ(me(client, account.access_token).status, 200);
}

TEST_F(Tokens, ASpentRefreshTokenPresentedAgainRevokesTheWholeSession) {
  auto client = this->client();
  auto account = register_account(client);
  const auto stolen = account.refresh_token;
  refresh(client, account);
  const auto other_session = log_in(client, account.email);

  EXPECT_TRUE(is_problem(post_refresh(client, stolen), 401, "invalid_refresh_token"));
  EXPECT_TRUE(is_problem(me(client, account.access_token), 401, "session_ended"))
      << "the newest access token of that session is refused from the next request";
  EXPECT_TRUE(is_problem(post_refresh(client, account.refresh_token), 401, "invalid_refresh_token"));
  EXPECT_EQ(me(client, other_session.access_token).status, 200) << "only the session the token belonged to ends";
}

TEST_F(Tokens, UnknownOrMissingRefreshTokensAreRefused) {
  auto client = this->client();
  EXPECT_TRUE(is_problem(post_refresh(client, "not-a-refresh-token"), 401, "invalid_refresh_token"));
  EXPECT_TRUE(is_problem(post_refresh(client, std::string(43, 'A')), 401, "invalid_refresh_token"))
      << "the shape of a refresh token is not enough";
  EXPECT_TRUE(is_problem(post_refresh(client, register_account(client).access_token), 422, "validation_failed"))
      << "an access token is too long to be a refresh token";
  EXPECT_TRUE(is_problem(send_json(client, "POST", "/api/auth/refresh", json::object{}), 422, "validation_failed"));
}

TEST_F(Tokens, LogoutEndsTheSessionAndItsAccessTokenAtOnce) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto other_session = log_in(client, account.email);
  const auto logout =
      send_json(client, "POST", "/api/auth/logout", json::object{{"refreshToken", account.refresh_token}});
  EXPECT_EQ(logout.status, 204) << logout.describe();
  EXPECT_TRUE(logout.body.empty());
  EXPECT_TRUE(is_problem(me(client, account.access_token), 401, "session_ended"));
  EXPECT_TRUE(is_problem(post_refresh(client, account.refresh_token), 401, "invalid_refresh_token"));
  EXPECT_EQ(me(client, other_session.access_token).status, 200);

  const auto again =
      send_json(client, "POST", "/api/auth/logout", json::object{{"refreshToken", account.refresh_token}});
  EXPECT_EQ(again.status, 204) << "logging out twice is not an error";
  const auto unknown = send_json(client, "POST", "/api/auth/logout", json::object{{"refreshToken", "never-issued"}});
  EXPECT_EQ(unknown.status, 204) << "logout says nothing about which tokens exist";
}

TEST_F(Tokens, WithoutCredentialsAProtectedRouteIs401WithAChallenge) {
  auto client = this->client();
  const auto response = client.get("/api/users/me");
  EXPECT_TRUE(is_problem(response, 401, "unauthorized"));
  EXPECT_TRUE(icontains(response.header("WWW-Authenticate").value_or(""), "Bearer")) << response.describe();
}

TEST_F(Tokens, MalformedAuthorizationHeadersAre401) {
  auto client = this->client();
  const auto account = register_account(client);
  for (const auto& header :
       {"Basic " + account.access_token, std::string("Bearer"), std::string("Bearer "), "Token " + account.access_token,
        "Bearer " + account.access_token + "x", "Bearer " + account.refresh_token}) {
    EXPECT_TRUE(is_problem(client.get("/api/users/me", {{"Authorization", header}}), 401, "invalid_token")) << header;
  }
  EXPECT_EQ(client.get("/api/users/me", {{"Authorization", "bearer " + account.access_token}}).status, 200)
      << "the scheme is case-insensitive";
}

TEST_F(Tokens, ATamperedPayloadIsRefused) {
  auto client = this->client();
  const auto account = register_account(client);
  auto jwt = split(account.access_token);
  jwt.claims["role"] = "admin";
  const auto forged = join(jwt);
  EXPECT_TRUE(is_problem(me(client, forged), 401, "invalid_token"));
  EXPECT_TRUE(is_problem(client.get("/api/users", bearer(forged)), 401, "invalid_token"))
      << "a forged admin token gets 401, never the admin list";

  auto other = split(account.access_token);
  other.claims["sub"] = register_account(client).id;
  EXPECT_TRUE(is_problem(me(client, join(other)), 401, "invalid_token")) << "another user's id";
}

TEST_F(Tokens, UnsignedAndOtherAlgorithmTokensAreRefused) {
  auto client = this->client();
  const auto account = register_account(client);
  auto jwt = split(account.access_token);
  jwt.header["alg"] = "none";
  const auto signature = jwt.signature;
  jwt.signature.clear();
  EXPECT_TRUE(is_problem(me(client, join(jwt)), 401, "invalid_token")) << "alg none, no signature";
  jwt.signature = signature;
  EXPECT_TRUE(is_problem(me(client, join(jwt)), 401, "invalid_token")) << "alg none, the real signature";
  for (const auto* algorithm : {"HS384", "HS512", "RS256"}) {
    jwt.header["alg"] = algorithm;
    EXPECT_TRUE(is_problem(me(client, join(jwt)), 401, "invalid_token")) << algorithm;
  }
}

TEST_F(Tokens, ATokenSignedWithAnotherKeyIsRefused) {
  // Another server has its own random key; its tokens are well-formed and signed, just not by this server.
  ServerProcess elsewhere(accounts_config());
  auto foreign_client = elsewhere.client();
  const auto foreign = register_account(foreign_client);
  auto client = this->client();
  EXPECT_TRUE(is_problem(me(client, foreign.access_token), 401, "invalid_token"));
}

}  // namespace
}  // namespace emporium::testing
