// The caller's own account: GET/PATCH /api/users/me (preferences, fields the body may not set) and
// DELETE /api/users/me (password confirmation, anonymisation, the email freed for a new account).
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "accounts_api.hpp"
#include "assertions.hpp"
#include "shared_server.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;
using Fields = std::set<std::string>;

class Profile : public SharedServerTest<Profile> {};

HttpResponse patch_me(HttpClient& client, const Account& account, const json::value& body) {
  return send_json(client, "PATCH", "/api/users/me", body, bearer(account.access_token));
}

HttpResponse delete_me(HttpClient& client, const Account& account, const std::string& password) {
  return send_json(client, "DELETE", "/api/users/me", json::object{{"password", password}},
                   bearer(account.access_token));
}

json::object me(HttpClient& client, const Account& account) {
  const auto response = client.get("/api/users/me", bearer(account.access_token));
  if (response.status != 200) throw std::runtime_error("GET /api/users/me: " + response.describe());
  return response.json_object();
}

TEST_F(Profile, ShowsTheAccountWithDefaultPreferences) {
  auto client = this->client();
  const auto account = register_account(client, unique_email("me"), kPassword, "Ada");
  const auto body = me(client, account);
  EXPECT_EQ(str(body.at("id")), account.id);
  EXPECT_EQ(str(body.at("email")), account.email);
  EXPECT_EQ(str(body.at("name")), "Ada");
  EXPECT_EQ(str(body.at("role")), "customer");
  EXPECT_EQ(json::serialize(body.at("preferences")),
            R"({"emailOrderUpdates":true,"marketingEmails":false,"language":"en","currency":"USD"})");
  for (const auto* field : {"createdAt", "updatedAt"}) EXPECT_TRUE(body.contains(field)) << field;
}

TEST_F(Profile, PatchChangesOnlyWhatItNames) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto renamed = patch_me(client, account, json::object{{"name", "  Ada King  "}});
  ASSERT_EQ(renamed.status, 200) << renamed.describe();
  EXPECT_EQ(str(renamed.json_object().at("name")), "Ada King") << "names are trimmed";

  const auto preferences =
      patch_me(client, account,
               json::object{{"preferences", {{"marketingEmails", true}, {"language", "pt-BR"}, {"currency", "EUR"}}}});
  ASSERT_EQ(preferences.status, 200) << preferences.describe();
  const auto body = me(client, account);
  EXPECT_EQ(str(body.at("name")), "Ada King");
  EXPECT_EQ(json::serialize(body.at("preferences")),
            R"({"emailOrderUpdates":true,"marketingEmails":true,"language":"pt-BR","currency":"EUR"})");

  const auto nothing = patch_me(client, account, json::object{});
  EXPECT_EQ(nothing.status, 200) << nothing.describe();
  EXPECT_EQ(json::serialize(me(client, account).at("preferences")), json::serialize(body.at("preferences")));
  EXPECT_EQ(nothing.json_object().at("updatedAt"), body.at("updatedAt")) << "an empty change writes nothing";
}

TEST_F(Profile, BadPreferencesAre422NamingTheField) {
  auto client = this->client();
  const auto account = register_account(client);
  const struct {
    json::object body;
    Fields fields;
  } cases[] = {
      {{{"preferences", {{"currency", "usd"}}}}, {"preferences.currency"}},
      {{{"preferences", {{"currency", "EURO"}}}}, {"preferences.currency"}},
      {{{"preferences", {{"currency", 978}}}}, {"preferences.currency"}},
      {{{"preferences", {{"language", "e"}}}}, {"preferences.language"}},
      {{{"preferences", {{"language", "en_US"}}}}, {"preferences.language"}},
      {{{"preferences", {{"language", "12"}}}}, {"preferences.language"}},
      {{{"preferences", {{"emailOrderUpdates", "yes"}}}}, {"preferences.emailOrderUpdates"}},
      {{{"preferences", {{"theme", "dark"}}}}, {"preferences.theme"}},
      {{{"preferences", "all of them"}}, {"preferences"}},
      {{{"name", ""}}, {"name"}},
      {{{"name", std::string(101, 'n')}}, {"name"}},
  };
  for (const auto& [body, fields] : cases) {
    const auto response = patch_me(client, account, body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << json::serialize(body);
    if (response.status == 422) {
      EXPECT_EQ(error_fields(response), fields) << response.body;
    }
  }
  EXPECT_EQ(json::serialize(me(client, account).at("preferences")),
            R"({"emailOrderUpdates":true,"marketingEmails":false,"language":"en","currency":"USD"})")
      << "no refused body changed anything";
}

TEST_F(Profile, FieldsTheBodyDoesNotOwnAre422) {
  auto client = this->client();
  const auto account = register_account(client);
  for (const auto* field : {"role", "email", "id", "disabled", "createdAt", "updatedAt", "emailVerified", "password"}) {
    const auto response = patch_me(client, account, json::object{{"name", "Mallory"}, {field, "admin"}});
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << field;
    if (response.status == 422) {
      EXPECT_EQ(error_fields(response), Fields{field}) << response.body;
    }
  }
  const auto body = me(client, account);
  EXPECT_EQ(str(body.at("role")), "customer");
  EXPECT_EQ(str(body.at("email")), account.email);
  EXPECT_EQ(str(body.at("name")), "Test User") << "a refused body changes nothing, not even the allowed fields";
}

TEST_F(Profile, DeletingNeedsThePassword) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto wrong = delete_me(client, account, "not my password");
  EXPECT_TRUE(is_problem(wrong, 422, "wrong_password"));
  EXPECT_EQ(error_fields(wrong), Fields{"password"});
  const auto missing = send_json(client, "DELETE", "/api/users/me", json::object{}, bearer(account.access_token));
  EXPECT_TRUE(is_problem(missing, 422, "validation_failed"));
  const auto no_body = client.request("DELETE", "/api/users/me", bearer(account.access_token));
  EXPECT_GE(no_body.status, 400) << no_body.describe();
  EXPECT_LT(no_body.status, 500) << no_body.describe();
  EXPECT_EQ(me(client, account).at("id"), json::value(account.id)) << "the account is still there";
}

TEST_F(Profile, DeletingEndsSessionsAndKeysAndFreesTheEmail) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto other_session = log_in(client, account.email);
  const auto key =
      send_json(client, "POST", "/api/api-keys", json::object{{"name", "shop sync"}}, bearer(account.access_token));
  ASSERT_EQ(key.status, 201) << key.describe();
  const auto secret = str(key.json_object().at("key"));
  ASSERT_EQ(client.get("/api/users/me", {{"X-API-Key", secret}}).status, 200);

  const auto response = delete_me(client, account, kPassword);
  EXPECT_EQ(response.status, 204) << response.describe();
  for (const auto* token : {&account.access_token, &other_session.access_token})
    EXPECT_TRUE(is_problem(client.get("/api/users/me", bearer(*token)), 401, "session_ended"));
  EXPECT_TRUE(is_problem(client.get("/api/users/me", {{"X-API-Key", secret}}), 401, "invalid_api_key"));
  EXPECT_TRUE(is_problem(
      send_json(client, "POST", "/api/auth/refresh", json::object{{"refreshToken", other_session.refresh_token}}), 401,
      "invalid_refresh_token"));
  EXPECT_TRUE(is_problem(
      send_json(client, "POST", "/api/auth/login", json::object{{"email", account.email}, {"password", kPassword}}),
      401, "invalid_credentials"));

  const auto again = register_account(client, account.email);
  EXPECT_NE(again.id, account.id) << "the email is free again, for a new account";
  EXPECT_EQ(me(client, again).at("email"), json::value(account.email));
}

}  // namespace
}  // namespace emporium::testing
