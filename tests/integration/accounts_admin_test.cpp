// Admin user management: list, search, filter and paginate; change a role or disable an account (its
// sessions end at once); an admin cannot demote or disable themselves; nobody else may do any of it.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "accounts_api.hpp"
#include "assertions.hpp"
#include "shared_server.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Admin : public SharedServerTest<Admin> {
 public:
  static void SetUpTestSuite() {
    SharedServerTest::SetUpTestSuite();
    auto setup = client();
    admin_ = create_account_by_cli(server(), setup, "admin", unique_email("admin"));
  }

 protected:
  static HttpResponse list(HttpClient& client, const std::string& query) {
    return client.get("/api/users" + query, bearer(admin_.access_token));
  }
  static HttpResponse administer(HttpClient& client, const std::string& id, const json::value& body) {
    return send_json(client, "PATCH", "/api/users/" + id, body, bearer(admin_.access_token));
  }
  static inline Account admin_;
};

std::vector<std::string> ids_of(const HttpResponse& response) {
  std::vector<std::string> ids;
  const auto body = response.json_object();
  for (const auto& user : body.at("data").as_array()) ids.push_back(str(user.at("id")));
  return ids;
}

// "page limit total totalPages" of a list answer (a cursor, when there is one, is left out).
std::string pagination(const HttpResponse& response) {
  const auto body = response.json_object();
  const auto& page = body.at("pagination").as_object();
  std::string out;
  for (const auto* key : {"page", "limit", "total", "totalPages"})
    out += (out.empty() ? "" : " ") + json::serialize(page.at(key));
  return out;
}

TEST_F(Admin, ListsUsersNewestFirstInPages) {
  auto client = this->client();
  const auto tag = unique_tag("page");
  std::vector<std::string> made;
  for (int i = 0; i < 5; ++i)
    made.insert(made.begin(), register_account(client, tag + "-" + std::to_string(i) + "@example.com").id);

  const auto first = list(client, "?q=" + tag + "&limit=2");
  ASSERT_EQ(first.status, 200) << first.describe();
  EXPECT_EQ(ids_of(first), (std::vector<std::string>{made[0], made[1]}));
  EXPECT_EQ(pagination(first), "1 2 5 3");
  const auto last = list(client, "?q=" + tag + "&limit=2&page=3");
  EXPECT_EQ(ids_of(last), std::vector<std::string>{made[4]});
  const auto beyond = list(client, "?q=" + tag + "&limit=2&page=4");
  EXPECT_TRUE(ids_of(beyond).empty());
  EXPECT_EQ(pagination(beyond), "4 2 5 3");

  const auto defaults = list(client, "");
  ASSERT_EQ(defaults.status, 200);
  EXPECT_EQ(defaults.json_object().at("pagination").at("limit"), json::value(20));
  EXPECT_FALSE(icontains(defaults.body, "hash")) << "no password hashes in the list";
}

TEST_F(Admin, WalksDeepPagesWithTheCursor) {
  auto client = this->client();
  const auto tag = unique_tag("cursor");
  std::vector<std::string> made;
  for (int i = 0; i < 5; ++i) {
    made.insert(made.begin(), register_account(client, tag + "-" + std::to_string(i) + "@example.com").id);
  }
  std::vector<std::string> walked;
  std::string query = "?q=" + tag + "&limit=2";
  for (int pages = 0; pages < 10; ++pages) {
    const auto response = list(client, query);
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto ids = ids_of(response);
    walked.insert(walked.end(), ids.begin(), ids.end());
    const auto body = response.json_object();
    const auto* cursor = body.at("pagination").as_object().if_contains("nextCursor");
    if (ids.empty() || !cursor || !cursor->is_string()) break;
    query = "?q=" + tag + "&limit=2&cursor=" + str(*cursor);
  }
  EXPECT_EQ(walked, made) << "every user once, newest first";
}

TEST_F(Admin, SearchesEmailAndNameIgnoringCaseAndLiterally) {
  auto client = this->client();
  const auto email = unique_email("searchable");
  const auto by_email = register_account(client, email, kPassword, "Plain Name");
  const auto by_name = register_account(client, unique_email("other"), kPassword, "Zanzibar 100% Real");
  std::string upper = email.substr(0, email.find('@'));
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(ids_of(list(client, "?q=" + upper)), std::vector<std::string>{by_email.id});
  EXPECT_EQ(ids_of(list(client, "?q=zanzibar%20100%25")), std::vector<std::string>{by_name.id});
  EXPECT_TRUE(ids_of(list(client, "?q=zanzibar%20_00")).empty()) << "_ is a character, not a wildcard";
}

TEST_F(Admin, FiltersByRoleAndDisabled) {
  auto client = this->client();
  const auto tag = unique_tag("filter");
  const auto customer = register_account(client, tag + "-c@example.com");
  const auto vendor = register_account(client, tag + "-v@example.com");
  const auto disabled = register_account(client, tag + "-d@example.com");
  ASSERT_EQ(administer(client, vendor.id, json::object{{"role", "vendor"}}).status, 200);
  ASSERT_EQ(administer(client, disabled.id, json::object{{"disabled", true}}).status, 200);

  EXPECT_EQ(ids_of(list(client, "?q=" + tag + "&role=vendor")), std::vector<std::string>{vendor.id});
  EXPECT_EQ(ids_of(list(client, "?q=" + tag + "&disabled=true")), std::vector<std::string>{disabled.id});
  EXPECT_EQ(ids_of(list(client, "?q=" + tag + "&role=customer&disabled=false")), std::vector<std::string>{customer.id});
  EXPECT_EQ(ids_of(list(client, "?role=admin&q=" + admin_.email)), std::vector<std::string>{admin_.id});
}

TEST_F(Admin, BadQueriesAre400) {
  auto client = this->client();
  for (const auto* query :
       {"?role=wizard", "?limit=0", "?limit=101", "?page=0", "?page=x", "?disabled=maybe", "?sort=x"})
    EXPECT_TRUE(is_problem(list(client, query), 400, "invalid_query")) << query;
}

TEST_F(Admin, ShowsOneUserAnd404ForUnknownIds) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto shown = client.get("/api/users/" + account.id, bearer(admin_.access_token));
  ASSERT_EQ(shown.status, 200) << shown.describe();
  EXPECT_EQ(str(shown.json_object().at("email")), account.email);
  for (const auto* id : {"usr_01KB2F6XWQ3Y9M8R5T7V4N2P1H", "nope", "me2"})
    EXPECT_TRUE(is_problem(client.get(std::string("/api/users/") + id, bearer(admin_.access_token)), 404, "not_found"))
        << id;
  EXPECT_TRUE(is_problem(administer(client, "usr_01KB2F6XWQ3Y9M8R5T7V4N2P1H", json::object{{"role", "vendor"}}), 404,
                         "not_found"));
}

TEST_F(Admin, ANewRoleEndsTheUsersSessionsAndTheNextLoginCarriesIt) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto response = administer(client, account.id, json::object{{"role", "vendor"}});
  ASSERT_EQ(response.status, 200) << response.describe();
  EXPECT_EQ(str(response.json_object().at("role")), "vendor");
  EXPECT_TRUE(is_problem(client.get("/api/users/me", bearer(account.access_token)), 401, "session_ended"))
      << "the old token says customer";
  EXPECT_TRUE(
      is_problem(send_json(client, "POST", "/api/auth/refresh", json::object{{"refreshToken", account.refresh_token}}),
                 401, "invalid_refresh_token"));
  EXPECT_EQ(log_in(client, account.email).role, "vendor");
}

TEST_F(Admin, ANoOpChangeKeepsTheSessions) {
  auto client = this->client();
  const auto account = register_account(client);
  ASSERT_EQ(administer(client, account.id, json::object{{"role", "customer"}, {"disabled", false}}).status, 200);
  EXPECT_EQ(client.get("/api/users/me", bearer(account.access_token)).status, 200);
}

TEST_F(Admin, DisablingRefusesLoginAndTokensUntilEnabledAgain) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto disabled = administer(client, account.id, json::object{{"disabled", true}});
  ASSERT_EQ(disabled.status, 200) << disabled.describe();
  EXPECT_EQ(disabled.json_object().at("disabled"), json::value(true));
  EXPECT_TRUE(is_problem(client.get("/api/users/me", bearer(account.access_token)), 401, "session_ended"));
  const auto login = [&](const std::string& password) {
    return send_json(client, "POST", "/api/auth/login", json::object{{"email", account.email}, {"password", password}});
  };
  EXPECT_TRUE(is_problem(login(kPassword), 403, "account_disabled"));
  EXPECT_TRUE(is_problem(login("not the password"), 401, "invalid_credentials"))
      << "without the password nobody learns that the account is disabled";
  EXPECT_EQ(send_json(client, "POST", "/api/auth/password/forgot", json::object{{"email", account.email}}).status, 202);
  EXPECT_TRUE(reset_tokens_in_outbox(server().sandbox().data_dir(), account.email).empty()) << "no reset mail";

  ASSERT_EQ(administer(client, account.id, json::object{{"disabled", false}}).status, 200);
  EXPECT_EQ(login(kPassword).status, 200);
}

TEST_F(Admin, AnAdminCannotDemoteOrDisableThemselves) {
  auto client = this->client();
  for (const auto& body :
       {json::object{{"role", "customer"}}, json::object{{"role", "vendor"}}, json::object{{"disabled", true}}}) {
    EXPECT_TRUE(is_problem(administer(client, admin_.id, body), 409, "cannot_change_own_account"))
        << json::serialize(body);
  }
  EXPECT_EQ(administer(client, admin_.id, json::object{{"role", "admin"}}).status, 200) << "staying admin is fine";
  EXPECT_EQ(client.get("/api/users/" + admin_.id, bearer(admin_.access_token)).status, 200)
      << "still an admin, still signed in";
}

TEST_F(Admin, AnotherAdminMayDemoteAnAdmin) {
  auto client = this->client();
  const auto other = promoted_account(client, admin_, "admin");
  const auto admins_only = "/api/users/" + other.id;
  ASSERT_EQ(client.get(admins_only, bearer(other.access_token)).status, 200);
  ASSERT_EQ(administer(client, other.id, json::object{{"role", "customer"}}).status, 200);
  EXPECT_TRUE(is_problem(client.get(admins_only, bearer(other.access_token)), 401, "session_ended"));
  EXPECT_TRUE(is_problem(client.get(admins_only, bearer(log_in(client, other.email).access_token)), 403, "forbidden"));
}

TEST_F(Admin, BadChangesAre422) {
  auto client = this->client();
  const auto account = register_account(client);
  for (const auto& body :
       {json::object{{"role", "superuser"}}, json::object{{"role", "Admin"}}, json::object{{"disabled", "yes"}},
        json::object{{"email", "new@example.com"}}, json::object{{"name", "Renamed"}},
        json::object{{"role", "vendor"}, {"password", kPassword}}}) {
    EXPECT_TRUE(is_problem(administer(client, account.id, body), 422, "validation_failed")) << json::serialize(body);
  }
  EXPECT_EQ(log_in(client, account.email).role, "customer") << "nothing changed";
}

TEST_F(Admin, OthersAreForbidden) {
  auto client = this->client();
  const auto customer = register_account(client);
  const auto vendor = promoted_account(client, admin_, "vendor");
  for (const auto* caller : {&customer, &vendor}) {
    EXPECT_TRUE(is_problem(client.get("/api/users", bearer(caller->access_token)), 403, "forbidden"));
    EXPECT_TRUE(is_problem(client.get("/api/users/" + caller->id, bearer(caller->access_token)), 403, "forbidden"));
    EXPECT_TRUE(is_problem(send_json(client, "PATCH", "/api/users/" + caller->id, json::object{{"role", "admin"}},
                                     bearer(caller->access_token)),
                           403, "forbidden"));
  }
  EXPECT_EQ(log_in(client, customer.email).role, "customer");
}

TEST_F(Admin, DeletedAccountsAreGoneFromTheList) {
  auto client = this->client();
  const auto account = register_account(client);
  ASSERT_EQ(
      send_json(client, "DELETE", "/api/users/me", json::object{{"password", kPassword}}, bearer(account.access_token))
          .status,
      204);
  EXPECT_TRUE(is_problem(client.get("/api/users/" + account.id, bearer(admin_.access_token)), 404, "not_found"));
  EXPECT_TRUE(ids_of(list(client, "?q=" + account.email)).empty());
  EXPECT_TRUE(is_problem(administer(client, account.id, json::object{{"disabled", false}}), 404, "not_found"));
}

}  // namespace
}  // namespace emporium::testing
