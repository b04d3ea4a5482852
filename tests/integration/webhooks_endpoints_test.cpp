// Webhook endpoints over HTTP: registering (the secret shown once), reading, changing, deleting, who may do
// what (anonymous 401, customers 403, another vendor's endpoint 404), and the limit per owner, also when
// registrations race.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "catalog_suite.hpp"
#include "races.hpp"
#include "webhooks_api.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

// Nothing listens there; the endpoints of this suite subscribe to reviews, which none of its tests write.
const std::string kQuietUrl = "http://127.0.0.1:9/hook";
const std::vector<std::string> kQuietEvents{"review.created"};

class WebhookEndpoints : public CatalogSuite<WebhookEndpoints> {
 public:
  static EnvVars config() { return webhooks_config(); }

 protected:
  static json::object quiet_webhook(HttpClient& client, const Account& owner) {
    return created_webhook(client, owner, kQuietUrl, kQuietEvents);
  }
};

TEST_F(WebhookEndpoints, RegisteringShowsTheSecretOnceAndNeverAgain) {
  auto client = this->client();
  const auto response = post_webhook(
      client, &vendor(), webhook_body(kQuietUrl, {"product.created", "order.created", "product.created"}, "ERP sync"));
  ASSERT_EQ(response.status, 201) << response.describe();
  const auto created = response.json_object();
  const auto id = str(created.at("id"));
  EXPECT_TRUE(id.starts_with("whk_")) << id;
  EXPECT_EQ(response.header("Location"), "/api/webhooks/" + id);
  EXPECT_EQ(response.header("Cache-Control"), "no-store");
  const auto secret = str(created.at("secret"));
  EXPECT_TRUE(secret.starts_with("whsec_")) << secret;
  EXPECT_EQ(secret.size(), 6U + 44U) << "whsec_ + base64 of 32 bytes";
  EXPECT_EQ(created.at("url"), json::value(kQuietUrl));
  EXPECT_EQ(created.at("events"), (json::array{"order.created", "product.created"}));  // sorted, distinct
  EXPECT_EQ(created.at("description"), json::value("ERP sync"));
  EXPECT_EQ(created.at("enabled"), json::value(true));
  EXPECT_TRUE(created.at("disabledReason").is_null());
  EXPECT_EQ(created.at("ownerId"), json::value(vendor().id));
  EXPECT_EQ(created.at("version"), json::value(1));

  const auto read = get_webhook(client, &vendor(), id);
  ASSERT_EQ(read.status, 200) << read.describe();
  EXPECT_FALSE(read.json_object().contains("secret"));
  EXPECT_EQ(read.body.find(secret.substr(6)), std::string::npos);
  const auto listed = list_json(client, "/api/webhooks?limit=100", &vendor());
  EXPECT_EQ(json::serialize(listed).find(secret.substr(6)), std::string::npos);
  EXPECT_NE(json::serialize(listed).find(id), std::string::npos);
}

TEST_F(WebhookEndpoints, TwoEndpointsNeverShareASecret) {
  auto client = this->client();
  EXPECT_NE(quiet_webhook(client, admin()).at("secret"), quiet_webhook(client, admin()).at("secret"));
}

TEST_F(WebhookEndpoints, AnonymousIs401AndCustomersAre403OnEveryRoute) {
  auto client = this->client();
  const auto id = str(quiet_webhook(client, vendor()).at("id"));
  const auto delivery = "msg_01JDQ3X5V6W7X8Y9Z0ABCDEFGH";
  for (const Account* caller : {static_cast<const Account*>(nullptr), &customer()}) {
    const int expected = caller ? 403 : 401;
    const auto code = caller ? "forbidden" : "unauthorized";
    EXPECT_TRUE(
        is_problem(client.get("/api/webhooks", caller ? bearer(caller->access_token) : Headers{}), expected, code));
    EXPECT_TRUE(is_problem(post_webhook(client, caller, webhook_body(kQuietUrl, kQuietEvents)), expected, code));
    EXPECT_TRUE(is_problem(get_webhook(client, caller, id), expected, code));
    EXPECT_TRUE(is_problem(patch_webhook(client, caller, id, json::object{{"enabled", false}}), expected, code));
    EXPECT_TRUE(is_problem(delete_webhook(client, caller, id), expected, code));
    EXPECT_TRUE(is_problem(get_deliveries(client, caller, id), expected, code));
    EXPECT_TRUE(is_problem(retry_delivery(client, caller, id, delivery), expected, code));
  }
  EXPECT_EQ(get_webhook(client, &vendor(), id).json_object().at("enabled"), json::value(true));
}

TEST_F(WebhookEndpoints, AnotherVendorsEndpointIs404Everywhere) {
  auto client = this->client();
  const auto id = str(quiet_webhook(client, vendor()).at("id"));
  EXPECT_TRUE(is_problem(get_webhook(client, &other_vendor(), id), 404, "webhook_not_found"));
  EXPECT_TRUE(is_problem(patch_webhook(client, &other_vendor(), id, json::object{{"enabled", false}}), 404,
                         "webhook_not_found"));
  EXPECT_TRUE(is_problem(delete_webhook(client, &other_vendor(), id), 404, "webhook_not_found"));
  EXPECT_TRUE(is_problem(get_deliveries(client, &other_vendor(), id), 404, "webhook_not_found"));
  EXPECT_TRUE(is_problem(retry_delivery(client, &other_vendor(), id, "msg_01JDQ3X5V6W7X8Y9Z0ABCDEFGH"), 404,
                         "webhook_not_found"));
  const auto theirs = list_json(client, "/api/webhooks?limit=100", &other_vendor());
  EXPECT_EQ(json::serialize(theirs).find(id), std::string::npos);
  const auto still = get_webhook(client, &vendor(), id).json_object();
  EXPECT_EQ(still.at("enabled"), json::value(true));
  EXPECT_EQ(still.at("version"), json::value(1));
}

TEST_F(WebhookEndpoints, AdminsSeeAndManageEveryonesEndpoints) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto id = str(quiet_webhook(client, seller).at("id"));
  const auto own = str(quiet_webhook(client, admin()).at("id"));
  const auto listed = json::serialize(list_json(client, "/api/webhooks?limit=100", &admin()));
  EXPECT_NE(listed.find(id), std::string::npos);
  EXPECT_NE(listed.find(own), std::string::npos);
  const auto vendors_list = list_json(client, "/api/webhooks", &seller);
  EXPECT_EQ(ids_of(vendors_list), std::vector<std::string>{id});
  EXPECT_EQ(vendors_list.at("pagination").at("total"), json::value(1));
  const auto disabled = patch_webhook(client, &admin(), id, json::object{{"enabled", false}});
  ASSERT_EQ(disabled.status, 200) << disabled.describe();
  EXPECT_EQ(disabled.json_object().at("disabledReason"), json::value("disabled by an administrator"));
  EXPECT_EQ(delete_webhook(client, &admin(), id).status, 204);
  EXPECT_TRUE(is_problem(get_webhook(client, &seller, id), 404, "webhook_not_found"));
}

TEST_F(WebhookEndpoints, PatchChangesWhatItNamesAndMovesTheVersion) {
  auto client = this->client();
  const auto id = str(quiet_webhook(client, vendor()).at("id"));
  auto response = patch_webhook(client, &vendor(), id, json::object{{"enabled", false}});
  ASSERT_EQ(response.status, 200) << response.describe();
  auto body = response.json_object();
  EXPECT_EQ(body.at("enabled"), json::value(false));
  EXPECT_EQ(body.at("disabledReason"), json::value("disabled by its owner"));
  EXPECT_EQ(body.at("version"), json::value(2));
  response = patch_webhook(client, &vendor(), id,
                           json::object{{"enabled", true},
                                        {"events", json::array{"*", "order.paid"}},
                                        {"description", "all of it"},
                                        {"url", "http://127.0.0.1:9/other"}});
  ASSERT_EQ(response.status, 200) << response.describe();
  body = response.json_object();
  EXPECT_EQ(body.at("enabled"), json::value(true));
  EXPECT_TRUE(body.at("disabledReason").is_null());
  EXPECT_EQ(body.at("events"), json::array{"*"});
  EXPECT_EQ(body.at("description"), json::value("all of it"));
  EXPECT_EQ(body.at("url"), json::value("http://127.0.0.1:9/other"));
  EXPECT_EQ(body.at("version"), json::value(3));
  EXPECT_FALSE(body.contains("secret"));
  // Nothing to change is still a valid request; a wrong one changes nothing.
  EXPECT_EQ(patch_webhook(client, &vendor(), id, json::object{}).status, 200);
  EXPECT_TRUE(is_problem(patch_webhook(client, &vendor(), id, json::object{{"events", json::array{"nope"}}}), 422,
                         "validation_failed"));
  EXPECT_TRUE(is_problem(patch_webhook(client, &vendor(), id, json::object{{"secret", "whsec_AAAA"}}), 422,
                         "validation_failed"));
  EXPECT_EQ(get_webhook(client, &vendor(), id).json_object().at("events"), json::array{"*"});
  patch_webhook(client, &vendor(), id, json::object{{"events", json::array{"review.created"}}});
}

TEST_F(WebhookEndpoints, DeletingRemovesItForGood) {
  auto client = this->client();
  const auto id = str(quiet_webhook(client, vendor()).at("id"));
  EXPECT_EQ(delete_webhook(client, &vendor(), id).status, 204);
  EXPECT_TRUE(is_problem(get_webhook(client, &vendor(), id), 404, "webhook_not_found"));
  EXPECT_TRUE(is_problem(delete_webhook(client, &vendor(), id), 404, "webhook_not_found"));
  EXPECT_TRUE(is_problem(get_deliveries(client, &vendor(), id), 404, "webhook_not_found"));
  EXPECT_EQ(json::serialize(list_json(client, "/api/webhooks?limit=100", &vendor())).find(id), std::string::npos);
}

TEST_F(WebhookEndpoints, IdsThatCannotBeEndpointsOrDeliveriesAre404) {
  auto client = this->client();
  const auto id = str(quiet_webhook(client, admin()).at("id"));
  for (const auto* bogus : {"whk_nope", "prod_01JDQ3X5V6W7X8Y9Z0ABCDEFGH", "whk_01JDQ3X5V6W7X8Y9Z0ABCDEFGH"})
    EXPECT_TRUE(is_problem(get_webhook(client, &admin(), bogus), 404, "webhook_not_found")) << bogus;
  for (const auto* bogus : {"msg_nope", "evt_01JDQ3X5V6W7X8Y9Z0ABCDEFGH", "msg_01JDQ3X5V6W7X8Y9Z0ABCDEFGH"})
    EXPECT_TRUE(is_problem(retry_delivery(client, &admin(), id, bogus), 404, "delivery_not_found")) << bogus;
}

TEST_F(WebhookEndpoints, DeliveryLogQueriesAreChecked) {
  auto client = this->client();
  const auto id = str(quiet_webhook(client, admin()).at("id"));
  const auto empty = get_deliveries(client, &admin(), id, "?state=failed&page=1&limit=5");
  ASSERT_EQ(empty.status, 200) << empty.describe();
  EXPECT_EQ(empty.json_object().at("pagination"),
            (json::object{{"page", 1}, {"limit", 5}, {"total", 0}, {"totalPages", 0}}));
  for (const auto* query : {"?state=lost", "?limit=0", "?limit=101", "?page=0", "?colour=red", "?cursor=abc"})
    EXPECT_TRUE(is_problem(get_deliveries(client, &admin(), id, query), 400, "invalid_query")) << query;
}

TEST_F(WebhookEndpoints, EachOwnerMayHaveTwentyEndpointsAlsoWhenRegistrationsRace) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  for (int i = 0; i < 17; ++i) quiet_webhook(client, seller);
  const auto responses = send_at_once(server().port(), 6, [&](HttpClient& c, int) {
    return post_webhook(c, &seller, webhook_body(kQuietUrl, kQuietEvents));
  });
  EXPECT_EQ(count_status(responses, 201), 3) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 3) << statuses(responses);
  EXPECT_TRUE(
      is_problem(post_webhook(client, &seller, webhook_body(kQuietUrl, kQuietEvents)), 409, "webhook_limit_reached"));
  EXPECT_EQ(list_json(client, "/api/webhooks", &seller).at("pagination").at("total"), json::value(20));
  quiet_webhook(client, other_vendor());  // the limit is per owner
}

}  // namespace
}  // namespace emporium::testing
