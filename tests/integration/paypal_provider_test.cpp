// The PayPal provider against the fake PayPal: the OAuth token, creating PayPal orders, retries that stay
// idempotent, and failures as problems. (Capture and refund: paypal_capture_test.cpp; webhooks:
// paypal_webhook_test.cpp.)

#include <boost/json/parse.hpp>

#include <thread>

#include "eventually.hpp"
#include "paypal_provider_suite.hpp"

namespace emporium::testing {
namespace {

namespace json = boost::json;

std::string header_of(const json::object& request, std::string_view name) {
  const auto& headers = request.at("headers").as_object();
  const auto* value = headers.if_contains(name);
  return value ? std::string(value->as_string()) : std::string();
}

TEST_F(PayPalProviderTest, OneTokenServesManyCalls) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(provider->start(order()));
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([&] { EXPECT_TRUE(provider->start(order())); });
  for (auto& thread : threads) thread.join();
  const auto tokens = fake.requests("/v1/oauth2/token");
  ASSERT_EQ(tokens.size(), 1u);
  // Basic base64("test-client-id:test-client-secret"), a form body, as PayPal's OAuth endpoint wants.
  EXPECT_EQ(header_of(tokens[0], "authorization"), "Basic dGVzdC1jbGllbnQtaWQ6dGVzdC1jbGllbnQtc2VjcmV0");
  EXPECT_EQ(header_of(tokens[0], "content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(tokens[0].at("body"), "grant_type=client_credentials");
  for (const auto& call : fake.requests("/v2/"))
    EXPECT_TRUE(header_of(call, "authorization").starts_with("Bearer A21AA"));
  EXPECT_EQ(fake.requests("/v2/checkout/orders").size(), 7u);
}

TEST_F(PayPalProviderTest, TokenIsFetchedAgainShortlyBeforeItExpires) {
  fake.configure({{"expires_in", 3600}});
  ASSERT_TRUE(provider->start(order()));
  clock.advance(std::chrono::seconds(3600 - 300 - 1));  // used until 5 minutes before PayPal's expiry
  ASSERT_TRUE(provider->start(order()));
  EXPECT_EQ(token_calls(), 1u);
  clock.advance(2s);
  ASSERT_TRUE(provider->start(order()));
  EXPECT_EQ(token_calls(), 2u);
}

TEST_F(PayPalProviderTest, ShortLivedTokensAreKeptHalfTheirLifetime) {
  fake.configure({{"expires_in", 60}});
  ASSERT_TRUE(provider->start(order()));
  clock.advance(29s);
  ASSERT_TRUE(provider->start(order()));
  EXPECT_EQ(token_calls(), 1u);
  clock.advance(2s);
  ASSERT_TRUE(provider->start(order()));
  EXPECT_EQ(token_calls(), 2u);
}

TEST_F(PayPalProviderTest, A401FetchesANewTokenOnce) {
  ASSERT_TRUE(provider->start(order()));
  fake.expire_tokens();
  const auto started = provider->start(order());
  ASSERT_TRUE(started) << started.error().detail;
  EXPECT_EQ(token_calls(), 2u);
  const auto creates = fake.requests("/v2/checkout/orders");
  ASSERT_EQ(creates.size(), 3u);
  EXPECT_EQ(creates[1].at("status"), 401);
  EXPECT_EQ(creates[2].at("status"), 201);
  EXPECT_NE(header_of(creates[1], "authorization"), header_of(creates[2], "authorization"));
}

TEST_F(PayPalProviderTest, RefusedCredentialsAreAProviderError) {
  auto s = settings();
  s.client_secret = "wrong";
  const auto started = provider_with(s)->start(order());
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().status, 503);
  EXPECT_EQ(started.error().code, "payment_provider_error");
  EXPECT_TRUE(fake.requests("/v2/").empty());
}

TEST_F(PayPalProviderTest, CreatesAnOrderToCaptureWithTheBuyersWayBack) {
  const auto ours = order(2599);
  const auto started = provider->start(ours);
  ASSERT_TRUE(started) << started.error().detail;
  const auto creates = fake.requests("/v2/checkout/orders", "POST");
  ASSERT_EQ(creates.size(), 1u);
  const auto& request = creates[0];
  EXPECT_EQ(header_of(request, "paypal-request-id"), "emporium-" + ours.id + "-create");
  EXPECT_EQ(header_of(request, "content-type"), "application/json");
  EXPECT_EQ(header_of(request, "prefer"), "return=representation");
  const auto& body = request.at("body").as_object();
  EXPECT_EQ(body.at("intent"), "CAPTURE");
  const auto& unit = body.at("purchase_units").at(0).as_object();
  EXPECT_EQ(unit.at("reference_id").as_string(), ours.id);
  EXPECT_EQ(unit.at("custom_id").as_string(), ours.id);
  EXPECT_EQ(unit.at("amount"), json::parse(R"({"currency_code": "USD", "value": "25.99"})"));
  const auto& context = body.at("payment_source").at("paypal").at("experience_context");
  EXPECT_EQ(context.at("return_url"), "https://shop.example/paypal/return");
  EXPECT_EQ(context.at("cancel_url"), "https://shop.example/paypal/cancel");

  const auto paypal_orders = fake.state().at("orders").as_array();
  ASSERT_EQ(paypal_orders.size(), 1u);
  EXPECT_EQ(started->reference, paypal_orders[0].at("id").as_string());
  EXPECT_EQ(started->approval_url, fake.url() + "/checkoutnow?token=" + started->reference);
  EXPECT_FALSE(started->client_secret);
}

TEST_F(PayPalProviderTest, WithoutReturnUrlsTheApproveLinkIsGiven) {
  auto s = settings();
  s.return_url.clear();
  s.cancel_url.clear();
  const auto started = provider_with(s)->start(order(1000, "JPY"));
  ASSERT_TRUE(started);
  EXPECT_EQ(started->approval_url, fake.url() + "/checkoutnow?token=" + started->reference);
  const auto body = fake.requests("/v2/checkout/orders")[0].at("body").as_object();
  EXPECT_FALSE(body.contains("payment_source"));
  EXPECT_EQ(body.at("purchase_units").at(0).at("amount").at("value"), "1000");
}

TEST_F(PayPalProviderTest, StartingAgainGivesTheSamePayPalOrder) {
  const auto ours = order();
  const auto first = provider->start(ours);
  const auto second = provider->start(ours);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->reference, second->reference);
  EXPECT_EQ(fake.state().at("orders").as_array().size(), 1u);
}

// Each failure mode of the fake on the create call: the retry carries the same PayPal-Request-Id, so PayPal
// ends up with one order however many attempts reached it.
class PayPalRetryTest : public PayPalProviderTest {
 protected:
  void expect_one_order_after(const std::string& mode) {
    fake.fail({{"mode", mode}, {"path", "/v2/checkout/orders"}, {"count", 1}, {"delay_ms", 2500}});
    const auto started = provider->start(order());
    ASSERT_TRUE(started) << started.error().detail;
    const auto creates = fake.requests("/v2/checkout/orders");
    ASSERT_EQ(creates.size(), 2u);
    EXPECT_EQ(creates[0].at("status"), mode == "timeout" ? 201 : 500);  // what the fake answered
    EXPECT_EQ(header_of(creates[0], "paypal-request-id"), header_of(creates[1], "paypal-request-id"));
    const auto paypal_orders = fake.state().at("orders").as_array();
    ASSERT_EQ(paypal_orders.size(), 1u);
    EXPECT_EQ(paypal_orders[0].at("id").as_string(), started->reference);
  }
};

TEST_F(PayPalRetryTest, RetryAfterA500IsTheSameRequest) { expect_one_order_after("500"); }

TEST_F(PayPalRetryTest, RetryAfterATimeoutDoesNotCreateASecondOrder) {
  const auto started = std::chrono::steady_clock::now();
  expect_one_order_after("timeout");
  // One timed-out attempt (1 s), a 100 ms pause, a quick second attempt: a call never outlasts twice the
  // timeout (plus the pause), however slow PayPal is.
  EXPECT_LT(elapsed_since(started), 2500ms);
}

TEST_F(PayPalRetryTest, RetryAfterWorkDoneButAnswered500GetsTheFirstResult) { expect_one_order_after("twice"); }

TEST_F(PayPalProviderTest, ASlowPayPalIsGivenUpWithinTwiceTheTimeout) {
  fake.fail({{"mode", "timeout"}, {"path", "/v2/checkout/orders"}, {"count", 5}, {"delay_ms", 3000}});
  const auto begun = std::chrono::steady_clock::now();
  const auto started = provider->start(order());
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, "payment_provider_unavailable");
  EXPECT_LT(elapsed_since(begun), 2500ms);
  EXPECT_EQ(fake.requests("/v2/checkout/orders").size(), 2u);  // no time was left for a third attempt
}

TEST_F(PayPalProviderTest, APersistentOutageIs503AfterThreeAttempts) {
  fake.fail({{"mode", "500"}, {"path", "/v2/checkout/orders"}, {"count", 10}});
  const auto started = provider->start(order());
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().status, 503);
  EXPECT_EQ(started.error().code, "payment_provider_unavailable");
  EXPECT_EQ(fake.requests("/v2/checkout/orders").size(), 3u);
}

TEST_F(PayPalProviderTest, AnUnreachablePayPalIs503) {
  auto s = settings();
  s.api_base = "http://127.0.0.1:1";
  const auto started = provider_with(s)->start(order());
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, "payment_provider_unavailable");
}

TEST_F(PayPalProviderTest, ACurrencyPayPalRefusesIs422) {
  const auto started = provider->start(order(1234, "KWD"));
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().status, 422);
  EXPECT_EQ(started.error().code, "payment_provider_refused");
  EXPECT_NE(started.error().detail.find("CURRENCY_NOT_SUPPORTED"), std::string::npos);
}

}  // namespace
}  // namespace emporium::testing
