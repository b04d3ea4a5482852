// What POST and PATCH /api/webhooks refuse: malformed JSON (400), the wrong content type (415), missing,
// unknown, mistyped and oversized fields and unknown event types (422 naming every field), and — on a server
// configured as in production — URLs that are not https or that lead to loopback, private, link-local or
// metadata addresses however they are spelled (422 webhook_url_not_allowed).
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "catalog_suite.hpp"
#include "webhooks_api.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

const std::string kUrl = "http://127.0.0.1:9/hook";

class WebhookValidation : public CatalogSuite<WebhookValidation> {
 public:
  static EnvVars config() { return webhooks_config(); }

 protected:
  // POST `body` as the admin: 422 with exactly `fields` in errors, and nothing registered.
  void refused(const json::value& body, const std::set<std::string>& fields) {
    auto client = this->client();
    const auto before = list_json(client, "/api/webhooks", &admin()).at("pagination").at("total");
    const auto response = post_webhook(client, &admin(), body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << json::serialize(body);
    EXPECT_EQ(error_fields(response), fields) << response.describe();
    EXPECT_EQ(list_json(client, "/api/webhooks", &admin()).at("pagination").at("total"), before);
  }
};

TEST_F(WebhookValidation, RequiredFieldsAndTheirTypes) {
  refused(json::object{{"events", json::array{"order.paid"}}}, {"url"});
  refused(json::object{{"url", kUrl}}, {"events"});
  refused(json::object{{"url", kUrl}, {"events", nullptr}}, {"events"});
  refused(json::object{{"url", kUrl}, {"events", json::array{}}}, {"events"});
  refused(json::object{{"url", kUrl}, {"events", "order.paid"}}, {"events"});
  refused(json::object{{"url", kUrl}, {"events", json::array{"order.paid", 7}}}, {"events[1]"});
  refused(json::object{{"url", 42}, {"events", json::array{"order.paid"}}}, {"url"});
  refused(json::object{{"url", kUrl}, {"events", json::array{"order.paid"}}, {"description", 5}}, {"description"});
  refused(json::object{}, {"url", "events"});
}

TEST_F(WebhookValidation, EventTypesMustBeKnown) {
  refused(webhook_body(kUrl, {"order.shipped"}), {"events[0]"});
  refused(webhook_body(kUrl, {"order.paid", "ORDER.PAID", "order.*", ""}), {"events[1]", "events[2]", "events[3]"});
  json::array many;
  for (int i = 0; i < 21; ++i) many.emplace_back("order.paid");
  refused(json::object{{"url", kUrl}, {"events", many}}, {"events"});
}

TEST_F(WebhookValidation, UnknownFieldsAreRefusedNotIgnored) {
  for (const auto* field : {"secret", "ownerId", "enabled", "id", "version"}) {
    auto body = webhook_body(kUrl, {"order.paid"});
    body[field] = "x";
    refused(body, {field});
  }
}

TEST_F(WebhookValidation, UrlsMustBeAbsoluteHttpOrHttpsWithoutUserInfo) {
  for (const auto* url :
       {"ftp://127.0.0.1/x", "file:///etc/passwd", "127.0.0.1/hook", "/relative", "http://user:pw@127.0.0.1:9/",
        "http://127.0.0.1:9/#fragment", "http://127.0.0.1:0/", "http://127.0.0.1:70000/", "javascript:alert(1)", ""})
    refused(webhook_body(url, {"order.paid"}), {"url"});
  refused(webhook_body("http://127.0.0.1:9/" + std::string(2048, 'a'), {"order.paid"}), {"url"});
}

TEST_F(WebhookValidation, DescriptionsHaveALimit) {
  refused(webhook_body(kUrl, {"order.paid"}, std::string(501, 'd')), {"description"});
  refused(webhook_body(kUrl, {"order.paid"}, "bell\a"), {"description"});
  auto client = this->client();
  const auto ok = post_webhook(client, &admin(), webhook_body(kUrl, {"review.created"}, std::string(500, 'd')));
  EXPECT_EQ(ok.status, 201) << ok.describe();
  if (ok.status == 201) delete_webhook(client, &admin(), str(ok.json_object().at("id")));
}

TEST_F(WebhookValidation, MalformedJsonIs400AndOtherContentTypes415) {
  auto client = this->client();
  auto headers = bearer(admin().access_token, {{"Content-Type", "application/json"}});
  EXPECT_TRUE(is_problem(client.request("POST", "/api/webhooks", headers, "{\"url\": "), 400, "malformed_json"));
  EXPECT_TRUE(is_problem(client.request("POST", "/api/webhooks", headers, "[]"), 422, "validation_failed"));
  const auto plain = bearer(admin().access_token, {{"Content-Type", "text/plain"}});
  EXPECT_EQ(client.request("POST", "/api/webhooks", plain, "url=x").status, 415);
  const auto id = str(created_webhook(client, admin(), kUrl, {"review.created"}).at("id"));
  EXPECT_TRUE(is_problem(client.request("PATCH", "/api/webhooks/" + id, headers, "{,}"), 400, "malformed_json"));
  EXPECT_TRUE(
      is_problem(patch_webhook(client, &admin(), id, json::object{{"url", "ftp://x/"}}), 422, "validation_failed"));
  EXPECT_TRUE(
      is_problem(patch_webhook(client, &admin(), id, json::object{{"enabled", "yes"}}), 422, "validation_failed"));
  EXPECT_EQ(get_webhook(client, &admin(), id).json_object().at("url"), json::value(kUrl));
  delete_webhook(client, &admin(), id);
}

// A server as in production: https only, and no private destinations.
class WebhookUrlPolicy : public SharedServerTest<WebhookUrlPolicy> {
 public:
  static EnvVars config() { return accounts_config({{"EMPORIUM_EVENTS_INTERVAL_MS", "50"}}); }
  static void SetUpTestSuite() {
    SharedServerTest<WebhookUrlPolicy>::SetUpTestSuite();
    auto client = server().client();
    admin_ = create_account_by_cli(server(), client, "admin", unique_email("webhook-admin"));
  }

 protected:
  static inline Account admin_;
};

TEST_F(WebhookUrlPolicy, PlainHttpIsRefused) {
  auto client = this->client();
  const auto response = post_webhook(client, &admin_, webhook_body("http://8.8.8.8/hook", {"review.created"}));
  EXPECT_TRUE(is_problem(response, 422, "validation_failed"));
  EXPECT_EQ(error_fields(response), std::set<std::string>{"url"});
}

TEST_F(WebhookUrlPolicy, DestinationsInsideAreRefusedHoweverTheyAreWritten) {
  auto client = this->client();
  for (const auto* url : {"https://127.0.0.1/hook", "https://2130706433/", "https://0x7f000001/", "https://0177.0.0.1/",
                          "https://127.1/", "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://localhost/",
                          "https://169.254.169.254/latest/meta-data/", "https://metadata.google.internal/",
                          "https://10.0.0.1/", "https://192.168.1.1/", "https://172.16.0.1/", "https://100.64.0.1/",
                          "https://0.0.0.0/", "https://[fe80::1]/", "https://[fd00::1]/", "https://224.0.0.1/"}) {
    const auto response = post_webhook(client, &admin_, webhook_body(url, {"review.created"}));
    EXPECT_TRUE(is_problem(response, 422, "webhook_url_not_allowed")) << url;
    EXPECT_EQ(error_fields(response), std::set<std::string>{"url"}) << url;
  }
  EXPECT_EQ(list_json(client, "/api/webhooks", &admin_).at("pagination").at("total"), json::value(0));
}

TEST_F(WebhookUrlPolicy, PublicAddressesAreAcceptedAndPatchesAreCheckedToo) {
  auto client = this->client();
  const auto id = str(created_webhook(client, admin_, "https://8.8.8.8/hook", {"review.created"}).at("id"));
  EXPECT_TRUE(is_problem(patch_webhook(client, &admin_, id, json::object{{"url", "https://[::ffff:10.0.0.1]/"}}), 422,
                         "webhook_url_not_allowed"));
  EXPECT_TRUE(is_problem(patch_webhook(client, &admin_, id, json::object{{"url", "http://8.8.4.4/"}}), 422,
                         "validation_failed"));
  EXPECT_EQ(get_webhook(client, &admin_, id).json_object().at("url"), json::value("https://8.8.8.8/hook"));
  EXPECT_EQ(delete_webhook(client, &admin_, id).status, 204);
}

}  // namespace
}  // namespace emporium::testing
