// Nothing is lost when things break: a receiver that is down when the event happens gets it once it is back,
// and a server killed between claiming a delivery and recording its outcome leaves it to the next run (here a
// restarted server on the same data), which sends the same message again.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <csignal>

#include "assertions.hpp"
#include "eventually.hpp"
#include "orders_api.hpp"
#include "webhooks_api.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

bool attempted_and_refused(const json::array& log) {
  if (log.empty() || log[0].at("attempts").as_array().empty()) return false;
  const auto& error = log[0].at("attempts").at(0).at("error");
  return error.is_string() && std::string_view(error.as_string()).find("refused") != std::string_view::npos;
}

TEST(WebhookRecovery, AReceiverThatIsDownWhenTheEventHappensGetsItOnceItIsBack) {
  ServerProcess server(webhooks_config({{"EMPORIUM_WEBHOOK_RETRY_SCHEDULE", "300ms,600ms,1s,2s,4s,8s"}}));
  auto client = server.client();
  const auto admin = create_account_by_cli(server, client, "admin", unique_email("webhook-admin"));
  std::optional<WebhookReceiver> receiver(std::in_place);
  const auto port = receiver->port();
  const auto endpoint = created_webhook(client, admin, receiver->url("/back"), {"product.created"});
  const auto id = str(endpoint.at("id"));
  receiver->stop();
  receiver.reset();

  const auto product = stocked_product(client, admin, 1);
  json::array log;
  ASSERT_TRUE(
      eventually([&] { return attempted_and_refused(log = deliveries_of(client, admin, id)); }, kDeliveryDeadline))
      << json::serialize(log);
  EXPECT_EQ(log[0].at("state"), json::value("pending"));

  WebhookReceiver back(port);  // where the first one was, so the endpoint's URL is right again
  back.expect_secret("/back", str(endpoint.at("secret")));
  const auto delivery =
      await_delivery(client, admin, id, "product.created", "productId", product.product_id, "delivered");
  const auto requests = back.await_requests("/back", 1);
  EXPECT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].at("signatureValid"), json::value(true));
  EXPECT_EQ(requests[0].at("headers").at("webhook-id"), delivery.at("id"));
  EXPECT_GE(delivery.at("attemptCount").as_int64(), 2);
}

TEST(WebhookRecovery, AServerKilledMidDeliveryLeavesItToTheNextRunWhichSendsItAgain) {
  auto first = std::make_unique<ServerProcess>(webhooks_config());
  auto client = first->client();
  const auto admin = create_account_by_cli(*first, client, "admin", unique_email("webhook-admin"));
  WebhookReceiver receiver;
  const auto endpoint = created_webhook(client, admin, receiver.url("/crash"), {"product.created"});
  const auto id = str(endpoint.at("id"));
  receiver.expect_secret("/crash", str(endpoint.at("secret")));
  // The first attempt hangs at the receiver, so the kill lands while it is in flight.
  receiver.script("/crash", json::array{json::object{{"status", 200}, {"sleepMs", 4000}}});
  const auto product = stocked_product(client, admin, 1);
  const auto in_flight = receiver.await_requests("/crash", 1);
  first->signal(SIGKILL);
  ASSERT_TRUE(first->wait_for_exit(kStopDeadline).has_value());

  // The same data dir and database (the first sandbox is kept alive by `first`).
  auto config = webhooks_config();
  for (auto& var : first->sandbox().env()) config.push_back(std::move(var));
  ServerProcess second(config, first->backend());
  auto second_client = second.client();
  const auto again = log_in(second_client, admin.email);
  const auto delivery =
      await_delivery(second_client, again, id, "product.created", "productId", product.product_id, "delivered");
  EXPECT_EQ(delivery.at("id"), in_flight[0].at("headers").at("webhook-id"));
  EXPECT_EQ(delivery.at("attemptCount"), json::value(2));
  ASSERT_EQ(delivery.at("attempts").as_array().size(), 1U);  // the first attempt died with its server
  EXPECT_EQ(delivery.at("attempts").at(0).at("attempt"), json::value(2));
  EXPECT_EQ(delivery.at("attempts").at(0).at("status"), json::value(200));
  const auto requests = receiver.await_requests("/crash", 2);
  EXPECT_EQ(requests.size(), 2U);
  for (const auto& request : requests) {
    EXPECT_EQ(request.at("headers").at("webhook-id"), delivery.at("id"));
    EXPECT_EQ(request.at("signatureValid"), json::value(true));
  }
}

}  // namespace
}  // namespace emporium::testing
