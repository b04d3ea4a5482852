// Races over HTTP, on both backends: the same refresh token, the same email and the per-user limits, each
// hit by many requests at once from separate connections.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "accounts_api.hpp"
#include "assertions.hpp"
#include "races.hpp"
#include "shared_server.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Concurrency : public SharedServerTest<Concurrency> {
 protected:
  static std::vector<HttpResponse> at_once(int n, const std::function<HttpResponse(HttpClient&, int)>& request) {
    return send_at_once(server().port(), n, request);
  }
};

TEST_F(Concurrency, TenRefreshesWithOneTokenLetAtMostOneThroughAndEndTheSession) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto responses = at_once(10, [&](HttpClient& racer, int) {
    return send_json(racer, "POST", "/api/auth/refresh", json::object{{"refreshToken", account.refresh_token}});
  });
  EXPECT_LE(count_status(responses, 200), 1) << "a refresh token is spent once: " << statuses(responses);
  EXPECT_EQ(count_status(responses, 200) + count_status(responses, 401), 10) << statuses(responses);
  for (const auto& response : responses) {
    if (response.status != 200) continue;
    const auto body = response.json_object();
    EXPECT_TRUE(is_problem(client.get("/api/users/me", bearer(str(body.at("accessToken")))), 401, "session_ended"))
        << "the repeats were reuse: the winner's new pair dies with the session";
    EXPECT_TRUE(is_problem(
        send_json(client, "POST", "/api/auth/refresh", json::object{{"refreshToken", str(body.at("refreshToken"))}}),
        401, "invalid_refresh_token"));
  }
  EXPECT_TRUE(is_problem(client.get("/api/users/me", bearer(account.access_token)), 401, "session_ended"));
}

TEST_F(Concurrency, TenRegistrationsOfOneEmailMakeOneAccount) {
  const auto email = unique_email("race");
  const auto responses = at_once(10, [&](HttpClient& racer, int i) {
    return send_json(racer, "POST", "/api/auth/register",
                     json::object{{"email", email}, {"password", kPassword}, {"name", "Racer " + std::to_string(i)}});
  });
  EXPECT_EQ(count_status(responses, 201), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 9) << statuses(responses);
}

TEST_F(Concurrency, ThirtyAddressesAtOnceStopAtTwenty) {
  auto client = this->client();
  const auto owner = register_account(client);
  const json::object body{{"fullName", "Ada Lovelace"},
                          {"line1", "1 Main St"},
                          {"city", "London"},
                          {"country", "GB"},
                          {"isDefaultShipping", true}};
  const auto responses = at_once(30, [&](HttpClient& racer, int) {
    return send_json(racer, "POST", "/api/users/me/addresses", body, bearer(owner.access_token));
  });
  EXPECT_EQ(count_status(responses, 201), 20) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 10) << statuses(responses);
  const auto list = client.get("/api/users/me/addresses", bearer(owner.access_token)).json_object();
  const auto& book = list.at("data").as_array();
  EXPECT_EQ(book.size(), 20u);
  int defaults = 0;
  for (const auto& address : book) defaults += address.at("isDefaultShipping").as_bool() ? 1 : 0;
  EXPECT_EQ(defaults, 1) << "every create asked to be the default; one holds it";
}

TEST_F(Concurrency, ThirtyApiKeysAtOnceStopAtTwenty) {
  auto client = this->client();
  const auto owner = register_account(client);
  const auto responses = at_once(30, [&](HttpClient& racer, int i) {
    return send_json(racer, "POST", "/api/api-keys", json::object{{"name", "racer " + std::to_string(i)}},
                     bearer(owner.access_token));
  });
  EXPECT_EQ(count_status(responses, 201), 20) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 10) << statuses(responses);
  const auto list = client.get("/api/api-keys", bearer(owner.access_token)).json_object();
  EXPECT_EQ(list.at("data").as_array().size(), 20u) << "at most 20 active keys, whatever the concurrency";
}

}  // namespace
}  // namespace emporium::testing
