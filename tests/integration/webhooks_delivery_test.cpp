// Live deliveries to a receiver on loopback that checks every Standard Webhooks signature itself: what arrives
// for which owner, retries with the same webhook-id, 410, redirects, timeouts, giving up (endpoint disabled,
// owner mailed), manual retries and the delivery log.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "eventually.hpp"
#include "orders_suite.hpp"
#include "webhooks_api.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class WebhookDeliveries : public OrdersSuite<WebhookDeliveries> {
 public:
  static EnvVars config() { return webhooks_config(); }

 protected:
  void TearDown() override {
    auto client = this->client();
    for (const auto& id : endpoints_) delete_webhook(client, &admin(), id);
  }

  // An endpoint of `owner` at the receiver's `path`, whose secret the receiver then checks.
  std::string subscribe(const Account& owner, const std::string& path, const std::vector<std::string>& events) {
    auto client = this->client();
    const auto endpoint = created_webhook(client, owner, receiver_.url(path), events);
    receiver_.expect_secret(path, str(endpoint.at("secret")));
    endpoints_.push_back(str(endpoint.at("id")));
    return endpoints_.back();
  }

  static std::vector<std::int64_t> statuses_of(const json::object& delivery) {
    std::vector<std::int64_t> out;
    for (const auto& attempt : delivery.at("attempts").as_array())
      out.push_back(attempt.at("status").is_null() ? 0 : attempt.at("status").as_int64());
    return out;
  }

  WebhookReceiver receiver_;
  std::vector<std::string> endpoints_;
};

TEST_F(WebhookDeliveries, ProductCreatedArrivesSignedPerStandardWebhooks) {
  auto client = this->client();
  const auto endpoint = subscribe(admin(), "/products", {"product.created"});
  const auto product = stocked_product(client, vendor(), 3);
  const auto request = receiver_.await_requests("/products", 1).at(0).as_object();
  EXPECT_EQ(request.at("signatureValid"), json::value(true)) << json::serialize(request);
  EXPECT_EQ(request.at("method"), json::value("POST"));
  const auto& headers = request.at("headers").as_object();
  EXPECT_EQ(headers.at("content-type"), json::value("application/json"));
  EXPECT_TRUE(str(headers.at("user-agent")).starts_with("Emporium")) << json::serialize(headers);
  const auto sent_at = std::stoll(str(headers.at("webhook-timestamp")));
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_LE(std::abs(now - sent_at), 60);
  const auto body = json::parse(str(request.at("body"))).as_object();
  EXPECT_EQ(body.at("type"), json::value("product.created"));
  EXPECT_EQ(body.at("data").at("productId"), json::value(product.product_id));
  EXPECT_GT(parse_time(str(body.at("timestamp"))), 0);
  EXPECT_EQ(body.size(), 3U);

  const auto delivery =
      await_delivery(client, admin(), endpoint, "product.created", "productId", product.product_id, "delivered");
  EXPECT_EQ(delivery.at("id"), headers.at("webhook-id"));
  EXPECT_TRUE(str(delivery.at("id")).starts_with("msg_"));
  EXPECT_EQ(delivery.at("payload"), json::value(body));
  EXPECT_EQ(delivery.at("attemptCount"), json::value(1));
  EXPECT_FALSE(delivery.at("deliveredAt").is_null());
  EXPECT_TRUE(str(delivery.at("eventId")).starts_with("evt_"));
  const auto& attempt = delivery.at("attempts").at(0);
  EXPECT_EQ(attempt.at("status"), json::value(200));
  EXPECT_GE(attempt.at("latencyMs").as_int64(), 0);
  EXPECT_TRUE(attempt.at("error").is_null());
}

TEST_F(WebhookDeliveries, OrderEventsGoToTheVendorsOfTheOrderOnly) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto bystander = new_vendor(client, admin());
  const auto mine = subscribe(seller, "/seller", {"*"});
  const auto theirs = subscribe(bystander, "/bystander", {"*"});
  const auto variant = stocked_product(client, seller, 5);
  const auto order = str(placed_order(client, customer(), order_body({item(variant, 1)})).at("id"));
  moved_to(client, admin(), order, "paid");
  const auto created = await_delivery(client, seller, mine, "order.created", "orderId", order, "delivered");
  EXPECT_EQ(created.at("payload").at("data").at("vendorIds"), json::array{seller.id});
  // order.paid carries no vendor ids: the order's lines tell whose it is.
  await_delivery(client, seller, mine, "order.paid", "orderId", order, "delivered");
  await_delivery(client, seller, mine, "order.status_changed", "orderId", order, "delivered");
  for (const auto* type : {"order.created", "order.paid", "order.status_changed"})
    EXPECT_TRUE(deliveries_about(client, bystander, theirs, type, "orderId", order).empty()) << type;
  for (const auto& request : receiver_.requests("/seller"))
    EXPECT_EQ(request.at("signatureValid"), json::value(true)) << json::serialize(request);
}

TEST_F(WebhookDeliveries, AVendorGetsOnlyEventsAboutItsOwnProducts) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto endpoint = subscribe(seller, "/own", {"product.created"});
  const auto foreign = stocked_product(client, other_vendor(), 1);
  const auto own = stocked_product(client, seller, 1);
  await_delivery(client, seller, endpoint, "product.created", "productId", own.product_id, "delivered");
  EXPECT_TRUE(deliveries_about(client, seller, endpoint, "product.created", "productId", foreign.product_id).empty());
  EXPECT_EQ(deliveries_of(client, seller, endpoint).size(), 1U);
}

TEST_F(WebhookDeliveries, AFailingReceiverGetsTheSameMessageAgainUntilItAnswers2xx) {
  auto client = this->client();
  const auto endpoint = subscribe(admin(), "/flaky", {"product.created"});
  receiver_.script("/flaky",
                   json::array{json::object{{"status", 500}},
                               json::object{{"status", 429}, {"headers", json::object{{"Retry-After", "1"}}}}});
  const auto product = stocked_product(client, vendor(), 1);
  const auto delivery =
      await_delivery(client, admin(), endpoint, "product.created", "productId", product.product_id, "delivered");
  EXPECT_EQ(statuses_of(delivery), (std::vector<std::int64_t>{500, 429, 200}));
  EXPECT_EQ(delivery.at("attemptCount"), json::value(3));
  EXPECT_EQ(delivery.at("attempts").at(0).at("error"), json::value("HTTP 500"));
  const auto requests = receiver_.requests("/flaky");
  ASSERT_EQ(requests.size(), 3U);
  for (const auto& request : requests) {
    EXPECT_EQ(request.at("signatureValid"), json::value(true));
    EXPECT_EQ(request.at("headers").at("webhook-id"), delivery.at("id"));
    EXPECT_EQ(request.at("body"), requests[0].at("body"));
  }
  // Retry-After: 1 held the third attempt back a second: a new timestamp, signed anew.
  EXPECT_GT(std::stoll(str(requests[2].at("headers").at("webhook-timestamp"))),
            std::stoll(str(requests[0].at("headers").at("webhook-timestamp"))));
  EXPECT_NE(requests[2].at("headers").at("webhook-signature"), requests[0].at("headers").at("webhook-signature"));
}

TEST_F(WebhookDeliveries, GoneDisablesTheEndpoint) {
  auto client = this->client();
  const auto gone = subscribe(admin(), "/gone", {"product.created"});
  const auto witness = subscribe(admin(), "/witness", {"product.created"});
  receiver_.script("/gone", json::array{json::object{{"status", 410}}});
  const auto first = stocked_product(client, vendor(), 1);
  const auto failed = await_delivery(client, admin(), gone, "product.created", "productId", first.product_id, "failed");
  EXPECT_EQ(statuses_of(failed), std::vector<std::int64_t>{410});
  const auto endpoint = get_webhook(client, &admin(), gone).json_object();
  EXPECT_EQ(endpoint.at("enabled"), json::value(false));
  EXPECT_NE(str(endpoint.at("disabledReason")).find("410"), std::string::npos);
  const auto second = stocked_product(client, vendor(), 1);
  await_delivery(client, admin(), witness, "product.created", "productId", second.product_id, "delivered");
  EXPECT_TRUE(deliveries_about(client, admin(), gone, "product.created", "productId", second.product_id).empty());
  EXPECT_EQ(receiver_.requests("/gone").size(), 1U);
}

TEST_F(WebhookDeliveries, RedirectsAreFailuresAndAreNeverFollowed) {
  auto client = this->client();
  const auto endpoint = subscribe(admin(), "/moving", {"product.created"});
  receiver_.script("/moving", json::array{json::object{
                                  {"status", 301}, {"headers", json::object{{"Location", receiver_.url("/moved")}}}}});
  const auto product = stocked_product(client, vendor(), 1);
  const auto delivery =
      await_delivery(client, admin(), endpoint, "product.created", "productId", product.product_id, "delivered");
  EXPECT_EQ(statuses_of(delivery), (std::vector<std::int64_t>{301, 200}));
  EXPECT_NE(str(delivery.at("attempts").at(0).at("error")).find("301"), std::string::npos);
  EXPECT_TRUE(receiver_.requests("/moved").empty());
}

TEST_F(WebhookDeliveries, ASlowReceiverTimesOutAndIsTriedAgain) {
  auto client = this->client();
  const auto endpoint = subscribe(admin(), "/slow", {"product.created"});
  receiver_.script("/slow", json::array{json::object{{"status", 200}, {"sleepMs", 2 * kWebhookTimeout.count()}}});
  const auto product = stocked_product(client, vendor(), 1);
  const auto delivery =
      await_delivery(client, admin(), endpoint, "product.created", "productId", product.product_id, "delivered");
  EXPECT_EQ(statuses_of(delivery), (std::vector<std::int64_t>{0, 200}));
  const auto& timed_out = delivery.at("attempts").at(0);
  EXPECT_TRUE(timed_out.at("status").is_null());
  EXPECT_NE(str(timed_out.at("error")).find("timeout"), std::string::npos) << json::serialize(timed_out);
  EXPECT_GE(timed_out.at("latencyMs").as_int64(), kWebhookTimeout.count() - 50);
  EXPECT_LT(timed_out.at("latencyMs").as_int64(), 2 * kWebhookTimeout.count());
}

TEST_F(WebhookDeliveries, WhenRetriesRunOutTheEndpointIsDisabledAndItsOwnerMailed) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto endpoint = subscribe(seller, "/down", {"product.created"});
  json::array failures;
  for (int i = 0; i < 4; ++i) failures.push_back(json::object{{"status", 503}});
  receiver_.script("/down", failures);
  const auto product = stocked_product(client, seller, 1);
  const auto delivery =
      await_delivery(client, seller, endpoint, "product.created", "productId", product.product_id, "failed");
  EXPECT_EQ(statuses_of(delivery), (std::vector<std::int64_t>{503, 503, 503, 503}));  // 1 + 3 retries
  const auto disabled = get_webhook(client, &seller, endpoint).json_object();
  EXPECT_EQ(disabled.at("enabled"), json::value(false));
  EXPECT_NE(str(disabled.at("disabledReason")).find("4 times"), std::string::npos);
  std::vector<std::string> mails;
  EXPECT_TRUE(eventually(
      [&] { return !(mails = outbox_mails_containing(server().sandbox().data_dir(), seller.email)).empty(); },
      kDeliveryDeadline));
  ASSERT_EQ(mails.size(), 1U);
  EXPECT_NE(mails[0].find("Webhook endpoint disabled"), std::string::npos) << mails[0];

  // A manual retry waits until the endpoint is enabled again, then sends the same message once more.
  const auto id = str(delivery.at("id"));
  EXPECT_TRUE(is_problem(retry_delivery(client, &seller, endpoint, id), 409, "webhook_disabled"));
  ASSERT_EQ(patch_webhook(client, &seller, endpoint, json::object{{"enabled", true}}).status, 200);
  const auto retried = retry_delivery(client, &seller, endpoint, id);
  ASSERT_EQ(retried.status, 202) << retried.describe();
  EXPECT_EQ(retried.json_object().at("manualRetry"), json::value(true));
  const auto delivered =
      await_delivery(client, seller, endpoint, "product.created", "productId", product.product_id, "delivered");
  EXPECT_EQ(statuses_of(delivered), (std::vector<std::int64_t>{503, 503, 503, 503, 200}));
  const auto requests = receiver_.requests("/down");
  ASSERT_EQ(requests.size(), 5U);
  EXPECT_EQ(requests[4].at("headers").at("webhook-id"), json::value(id));
  EXPECT_EQ(requests[4].at("signatureValid"), json::value(true));
}

TEST_F(WebhookDeliveries, ADeliveredMessageCanBeSentAgainByHand) {
  auto client = this->client();
  const auto endpoint = subscribe(vendor(), "/again", {"product.created"});
  const auto product = stocked_product(client, vendor(), 1);
  const auto delivery =
      await_delivery(client, vendor(), endpoint, "product.created", "productId", product.product_id, "delivered");
  EXPECT_TRUE(
      is_problem(retry_delivery(client, &other_vendor(), endpoint, str(delivery.at("id"))), 404, "webhook_not_found"));
  ASSERT_EQ(retry_delivery(client, &vendor(), endpoint, str(delivery.at("id"))).status, 202);
  const auto requests = receiver_.await_requests("/again", 2);
  EXPECT_EQ(requests[1].at("headers").at("webhook-id"), delivery.at("id"));
  EXPECT_TRUE(
      eventually([&] { return deliveries_of(client, vendor(), endpoint).at(0).at("attempts").as_array().size() == 2; },
                 kDeliveryDeadline));
}

TEST_F(WebhookDeliveries, TheDeliveryLogIsPagedNewestFirstAndFiltersByState) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto endpoint = subscribe(seller, "/log", {"product.created"});
  std::vector<std::string> products;
  for (int i = 0; i < 3; ++i) products.push_back(stocked_product(client, seller, 1).product_id);
  for (const auto& id : products)
    await_delivery(client, seller, endpoint, "product.created", "productId", id, "delivered");
  const auto page = get_deliveries(client, &seller, endpoint, "?limit=2");
  ASSERT_EQ(page.status, 200) << page.describe();
  const auto body = page.json_object();
  EXPECT_EQ(body.at("pagination"), (json::object{{"page", 1}, {"limit", 2}, {"total", 3}, {"totalPages", 2}}));
  ASSERT_EQ(body.at("data").as_array().size(), 2U);
  EXPECT_EQ(body.at("data").at(0).at("payload").at("data").at("productId"), json::value(products[2]));
  EXPECT_EQ(body.at("data").at(1).at("payload").at("data").at("productId"), json::value(products[1]));
  const auto second = get_deliveries(client, &seller, endpoint, "?limit=2&page=2").json_object();
  EXPECT_EQ(second.at("data").at(0).at("payload").at("data").at("productId"), json::value(products[0]));
  EXPECT_EQ(get_deliveries(client, &seller, endpoint, "?state=failed").json_object().at("pagination").at("total"),
            json::value(0));
  EXPECT_EQ(get_deliveries(client, &seller, endpoint, "?state=delivered").json_object().at("pagination").at("total"),
            json::value(3));
}

}  // namespace
}  // namespace emporium::testing
