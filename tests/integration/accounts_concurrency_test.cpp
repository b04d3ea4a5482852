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
#include "shared_server.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Concurrency : public SharedServerTest<Concurrency> {
 protected:
  // Sends `request(client, i)` for i in [0, n), each on its own connection, all released at once.
  static std::vector<HttpResponse> at_once(int n, const std::function<HttpResponse(HttpClient&, int)>& request) {
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < n; ++i) clients.push_back(std::make_unique<HttpClient>(server().port()));
    std::vector<HttpResponse> responses(static_cast<std::size_t>(n));
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        ++ready;
        while (ready.load() < n) std::this_thread::yield();
        try {
          responses[static_cast<std::size_t>(i)] = request(*clients[static_cast<std::size_t>(i)], i);
        } catch (const std::exception& e) {
          responses[static_cast<std::size_t>(i)].body = e.what();  // status 0: shows up in the counts
        }
      });
    }
    for (auto& thread : threads) thread.join();
    return responses;
  }
};

int count_status(const std::vector<HttpResponse>& responses, int status) {
  int count = 0;
  for (const auto& response : responses) count += response.status == status ? 1 : 0;
  return count;
}

std::string statuses(const std::vector<HttpResponse>& responses) {
  std::string out;
  for (const auto& response : responses) out += std::to_string(response.status) + " ";
  return out;
}

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
