// API keys: shown once, listed without the secret, acting with the owner's (current) role, revocable,
// limited to 20, and never a way to manage keys or the account itself.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "accounts_api.hpp"
#include "assertions.hpp"
#include "shared_server.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class ApiKeys : public SharedServerTest<ApiKeys> {
 public:
  static void SetUpTestSuite() {
    SharedServerTest::SetUpTestSuite();
    auto setup = client();
    admin_ = create_account_by_cli(server(), setup, "admin", unique_email("keys-admin"));
  }

 protected:
  static inline Account admin_;
};

struct CreatedKey {
  std::string id;
  std::string secret;
};

HttpResponse post_key(HttpClient& client, const Account& owner, const json::value& body) {
  return send_json(client, "POST", "/api/api-keys", body, bearer(owner.access_token));
}

CreatedKey create_key(HttpClient& client, const Account& owner, const std::string& name = "integration") {
  const auto response = post_key(client, owner, json::object{{"name", name}});
  if (response.status != 201) throw std::runtime_error("creating an API key: " + response.describe());
  const auto body = response.json_object();
  return {str(body.at("id")), str(body.at("key"))};
}

Headers api_key(const std::string& secret) { return {{"X-API-Key", secret}}; }

TEST_F(ApiKeys, CreatingShowsTheSecretOnceAndListingNever) {
  auto client = this->client();
  const auto owner = register_account(client);
  const auto response = post_key(client, owner, json::object{{"name", "warehouse sync"}});
  ASSERT_EQ(response.status, 201) << response.describe();
  const auto body = response.json_object();
  const auto id = str(body.at("id"));
  const auto secret = str(body.at("key"));
  EXPECT_TRUE(id.starts_with("key_")) << id;
  EXPECT_TRUE(secret.starts_with("ek_live_")) << secret;
  EXPECT_EQ(response.header("Location"), "/api/api-keys/" + id);
  EXPECT_EQ(str(body.at("name")), "warehouse sync");
  EXPECT_EQ(str(body.at("prefix")), secret.substr(0, 12));

  const auto list = client.get("/api/api-keys", bearer(owner.access_token));
  ASSERT_EQ(list.status, 200) << list.describe();
  const auto listed = list.json_object();
  const auto& data = listed.at("data").as_array();
  ASSERT_EQ(data.size(), 1u) << list.body;
  EXPECT_EQ(listed.at("pagination").at("total"), json::value(1)) << list.body;
  EXPECT_EQ(listed.at("pagination").at("page"), json::value(1)) << list.body;
  EXPECT_EQ(str(data[0].at("id")), id);
  EXPECT_FALSE(data[0].as_object().contains("key")) << list.body;
  EXPECT_EQ(list.body.find(secret.substr(12)), std::string::npos) << "the secret is never shown again";
}

TEST_F(ApiKeys, AKeyActsAsItsOwnerWithTheOwnersRole) {
  auto client = this->client();
  const auto customer = register_account(client);
  const auto customer_key = create_key(client, customer);
  const auto me = client.get("/api/users/me", api_key(customer_key.secret));
  ASSERT_EQ(me.status, 200) << me.describe();
  EXPECT_EQ(str(me.json_object().at("id")), customer.id);
  // GET /api/users/:id is for admins only.
  EXPECT_TRUE(is_problem(client.get("/api/users/" + customer.id, api_key(customer_key.secret)), 403, "forbidden"));

  const auto admin_key = create_key(client, admin_);
  EXPECT_EQ(client.get("/api/users/" + customer.id, api_key(admin_key.secret)).status, 200);
  EXPECT_EQ(client.get("/api/users/me", api_key("  " + admin_key.secret + " ")).status, 200) << "trimmed";
}

TEST_F(ApiKeys, TheLastUseIsRecorded) {
  auto client = this->client();
  const auto owner = register_account(client);
  const auto key = create_key(client, owner);
  const auto before = client.get("/api/api-keys", bearer(owner.access_token)).json_object();
  EXPECT_TRUE(before.at("data").at(0).at("lastUsedAt").is_null());
  ASSERT_EQ(client.get("/api/users/me", api_key(key.secret)).status, 200);
  const auto after = client.get("/api/api-keys", bearer(owner.access_token)).json_object();
  EXPECT_TRUE(after.at("data").at(0).at("lastUsedAt").is_string()) << json::serialize(after);
}

TEST_F(ApiKeys, TheOwnersNewRoleOrDisablingAppliesToTheKeyAtOnce) {
  auto client = this->client();
  const auto second_admin = promoted_account(client, admin_, "admin");
  const auto key = create_key(client, second_admin);
  const auto admins_only = "/api/users/" + second_admin.id;
  ASSERT_EQ(client.get(admins_only, api_key(key.secret)).status, 200);

  const auto demote = send_json(client, "PATCH", "/api/users/" + second_admin.id, json::object{{"role", "customer"}},
                                bearer(admin_.access_token));
  ASSERT_EQ(demote.status, 200) << demote.describe();
  EXPECT_TRUE(is_problem(client.get(admins_only, api_key(key.secret)), 403, "forbidden"));
  EXPECT_EQ(client.get("/api/users/me", api_key(key.secret)).status, 200);

  const auto disable = send_json(client, "PATCH", "/api/users/" + second_admin.id, json::object{{"disabled", true}},
                                 bearer(admin_.access_token));
  ASSERT_EQ(disable.status, 200) << disable.describe();
  EXPECT_TRUE(is_problem(client.get("/api/users/me", api_key(key.secret)), 401, "invalid_api_key"));
}

TEST_F(ApiKeys, ARevokedKeyIsRefusedFromTheNextRequest) {
  auto client = this->client();
  const auto owner = register_account(client);
  const auto key = create_key(client, owner);
  const auto kept = create_key(client, owner, "kept");
  ASSERT_EQ(client.get("/api/users/me", api_key(key.secret)).status, 200);  // now in the server's cache
  const auto revoke = client.request("DELETE", "/api/api-keys/" + key.id, bearer(owner.access_token));
  EXPECT_EQ(revoke.status, 204) << revoke.describe();
  EXPECT_TRUE(is_problem(client.get("/api/users/me", api_key(key.secret)), 401, "invalid_api_key"));
  EXPECT_EQ(client.get("/api/users/me", api_key(kept.secret)).status, 200) << "only that key";
  const auto list = client.get("/api/api-keys", bearer(owner.access_token)).json_object();
  ASSERT_EQ(list.at("data").as_array().size(), 1u) << json::serialize(list);
  EXPECT_EQ(str(list.at("data").at(0).at("id")), kept.id);
  EXPECT_TRUE(
      is_problem(client.request("DELETE", "/api/api-keys/" + key.id, bearer(owner.access_token)), 404, "not_found"))
      << "revoking twice";
}

TEST_F(ApiKeys, AnotherUsersKeyIs404AndStaysValid) {
  auto client = this->client();
  const auto owner = register_account(client);
  const auto stranger = register_account(client);
  const auto key = create_key(client, owner);
  EXPECT_TRUE(
      is_problem(client.request("DELETE", "/api/api-keys/" + key.id, bearer(stranger.access_token)), 404, "not_found"));
  EXPECT_TRUE(
      is_problem(client.request("DELETE", "/api/api-keys/" + key.id, bearer(admin_.access_token)), 404, "not_found"))
      << "admins revoke only their own keys here";
  EXPECT_TRUE(
      is_problem(client.request("DELETE", "/api/api-keys/key_nope", bearer(owner.access_token)), 404, "not_found"));
  EXPECT_EQ(client.get("/api/users/me", api_key(key.secret)).status, 200);
  const auto strangers_list = client.get("/api/api-keys", bearer(stranger.access_token)).json_object();
  EXPECT_TRUE(strangers_list.at("data").as_array().empty()) << json::serialize(strangers_list);
}

TEST_F(ApiKeys, AKeyCannotManageKeysOrTheAccount) {
  auto client = this->client();
  const auto owner = register_account(client);
  const auto key = create_key(client, owner);
  const auto other = create_key(client, owner, "other");
  const auto with_key = api_key(key.secret);
  EXPECT_TRUE(is_problem(send_json(client, "POST", "/api/api-keys", json::object{{"name", "more"}}, with_key), 403,
                         "api_key_not_allowed"));
  EXPECT_TRUE(is_problem(client.get("/api/api-keys", with_key), 403, "api_key_not_allowed"));
  EXPECT_TRUE(is_problem(client.request("DELETE", "/api/api-keys/" + other.id, with_key), 403, "api_key_not_allowed"));
  EXPECT_TRUE(is_problem(
      send_json(client, "POST", "/api/users/me/password",
                json::object{{"currentPassword", kPassword}, {"newPassword", "stolen key password"}}, with_key),
      403, "api_key_not_allowed"));
  EXPECT_TRUE(is_problem(send_json(client, "DELETE", "/api/users/me", json::object{{"password", kPassword}}, with_key),
                         403, "api_key_not_allowed"));
  EXPECT_EQ(client.get("/api/users/me", api_key(other.secret)).status, 200) << "nothing was revoked";
  EXPECT_EQ(log_in(client, owner.email).id, owner.id) << "nothing was changed";
}

TEST_F(ApiKeys, ABearerTokenAndAKeyTogetherAreAmbiguous) {
  auto client = this->client();
  const auto owner = register_account(client);
  const auto key = create_key(client, owner);
  const auto response = client.get("/api/users/me", bearer(owner.access_token, api_key(key.secret)));
  EXPECT_TRUE(is_problem(response, 401, "ambiguous_credentials"));
  EXPECT_TRUE(is_problem(client.get("/api/users/me", api_key("ek_live_never-issued")), 401, "invalid_api_key"));
  EXPECT_TRUE(is_problem(client.get("/api/users/me", api_key(owner.access_token)), 401, "invalid_api_key"))
      << "a bearer token is not an API key";
}

TEST_F(ApiKeys, TwentyActiveKeysAtMost) {
  auto client = this->client();
  const auto owner = register_account(client);
  std::vector<CreatedKey> keys;
  for (int i = 1; i <= 20; ++i) keys.push_back(create_key(client, owner, "key " + std::to_string(i)));
  const auto twenty_first = post_key(client, owner, json::object{{"name", "one too many"}});
  EXPECT_TRUE(is_problem(twenty_first, 409, "api_key_limit_reached"));
  ASSERT_EQ(client.request("DELETE", "/api/api-keys/" + keys.front().id, bearer(owner.access_token)).status, 204);
  EXPECT_EQ(post_key(client, owner, json::object{{"name", "room again"}}).status, 201) << "revoked keys do not count";
}

TEST_F(ApiKeys, ANameIsRequiredAndNothingElse) {
  auto client = this->client();
  const auto owner = register_account(client);
  for (const auto& body : {json::object{}, json::object{{"name", ""}}, json::object{{"name", std::string(101, 'k')}},
                           json::object{{"name", 7}}, json::object{{"name", "ok"}, {"role", "admin"}},
                           json::object{{"name", "ok"}, {"userId", admin_.id}}}) {
    EXPECT_TRUE(is_problem(post_key(client, owner, body), 422, "validation_failed")) << json::serialize(body);
  }
  const auto list = client.get("/api/api-keys", bearer(owner.access_token)).json_object();
  EXPECT_TRUE(list.at("data").as_array().empty()) << json::serialize(list);
}

}  // namespace
}  // namespace emporium::testing
