// The address book over HTTP: create, list, show, replace, delete; validation; other people's addresses
// are 404; at most one default shipping and one default billing address; at most 20 addresses.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <map>

#include "accounts_api.hpp"
#include "assertions.hpp"
#include "shared_server.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;
using Fields = std::set<std::string>;

class Addresses : public SharedServerTest<Addresses> {};

constexpr const char* kBook = "/api/users/me/addresses";

json::object address(const char* city = "Paris") {
  return {{"label", "Home"},       {"fullName", "Marie Curie"}, {"line1", "36 Quai de Béthune"}, {"city", city},
          {"postalCode", "75004"}, {"country", "FR"},           {"phone", "+33 1 23 45 67 89"}};
}

json::object with(json::object body, std::string_view key, json::value value) {
  body[key] = std::move(value);
  return body;
}

HttpResponse create(HttpClient& client, const Account& owner, const json::object& body) {
  return send_json(client, "POST", kBook, body, bearer(owner.access_token));
}

std::string create_id(HttpClient& client, const Account& owner, const json::object& body = address()) {
  const auto response = create(client, owner, body);
  if (response.status != 201) throw std::runtime_error("creating an address: " + response.describe());
  return str(response.json_object().at("id"));
}

// id → "S" / "B" / "SB" / "" for the default flags of every address in the book.
std::map<std::string, std::string> defaults(HttpClient& client, const Account& owner) {
  std::map<std::string, std::string> flags;
  const auto response = client.get(kBook, bearer(owner.access_token));
  const auto body = response.json_object();
  for (const auto& item : body.at("data").as_array()) {
    const auto& a = item.as_object();
    flags[str(a.at("id"))] =
        std::string(a.at("isDefaultShipping").as_bool() ? "S" : "") + (a.at("isDefaultBilling").as_bool() ? "B" : "");
  }
  return flags;
}

TEST_F(Addresses, CreateShowReplaceAndDelete) {
  auto client = this->client();
  const auto owner = register_account(client);
  auto body = address();
  body["country"] = " fr ";
  body["line2"] = "  ";
  const auto created = create(client, owner, body);
  ASSERT_EQ(created.status, 201) << created.describe();
  const auto address_json = created.json_object();
  const auto id = str(address_json.at("id"));
  EXPECT_TRUE(id.starts_with("addr_")) << id;
  EXPECT_EQ(created.header("Location"), std::string(kBook) + "/" + id);
  EXPECT_EQ(str(address_json.at("country")), "FR") << "country codes are normalised";
  EXPECT_TRUE(address_json.at("line2").is_null()) << "blank optional text is absent";
  EXPECT_EQ(str(address_json.at("line1")), "36 Quai de Béthune");
  EXPECT_EQ(address_json.at("isDefaultShipping"), json::value(true)) << "the first address is the default";
  EXPECT_EQ(address_json.at("isDefaultBilling"), json::value(true));

  const auto shown = client.get(std::string(kBook) + "/" + id, bearer(owner.access_token));
  ASSERT_EQ(shown.status, 200) << shown.describe();
  EXPECT_EQ(shown.json_object(), address_json);
  const auto listed = client.get(kBook, bearer(owner.access_token));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json_object().at("data").as_array().size(), 1u);
  EXPECT_EQ(listed.json_object().at("pagination").at("total"), json::value(1)) << listed.body;
  EXPECT_EQ(listed.json_object().at("pagination").at("totalPages"), json::value(1)) << listed.body;

  json::object replacement{
      {"fullName", "Pierre Curie"}, {"line1", "1 Rue Cuvier"}, {"city", "Paris"}, {"country", "FR"}};
  const auto replaced =
      send_json(client, "PUT", std::string(kBook) + "/" + id, replacement, bearer(owner.access_token));
  ASSERT_EQ(replaced.status, 200) << replaced.describe();
  const auto after = replaced.json_object();
  EXPECT_EQ(str(after.at("fullName")), "Pierre Curie");
  EXPECT_TRUE(after.at("label").is_null()) << "PUT replaces: omitted fields are cleared";
  EXPECT_TRUE(after.at("phone").is_null());
  EXPECT_EQ(after.at("createdAt"), address_json.at("createdAt"));

  const auto removed = client.request("DELETE", std::string(kBook) + "/" + id, bearer(owner.access_token));
  EXPECT_EQ(removed.status, 204) << removed.describe();
  EXPECT_TRUE(is_problem(client.get(std::string(kBook) + "/" + id, bearer(owner.access_token)), 404, "not_found"));
  EXPECT_TRUE(is_problem(client.request("DELETE", std::string(kBook) + "/" + id, bearer(owner.access_token)), 404,
                         "not_found"));
  EXPECT_TRUE(client.get(kBook, bearer(owner.access_token)).json_object().at("data").as_array().empty());
}

TEST_F(Addresses, SomeoneElsesAddressIs404AndStaysAsItWas) {
  auto client = this->client();
  const auto owner = register_account(client);
  const auto stranger = register_account(client);
  const auto id = create_id(client, owner);
  const auto target = std::string(kBook) + "/" + id;
  EXPECT_TRUE(is_problem(client.get(target, bearer(stranger.access_token)), 404, "not_found"));
  EXPECT_TRUE(
      is_problem(send_json(client, "PUT", target, address("Lyon"), bearer(stranger.access_token)), 404, "not_found"));
  EXPECT_TRUE(is_problem(client.request("DELETE", target, bearer(stranger.access_token)), 404, "not_found"));
  EXPECT_TRUE(client.get(kBook, bearer(stranger.access_token)).json_object().at("data").as_array().empty());
  const auto shown = client.get(target, bearer(owner.access_token));
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(str(shown.json_object().at("city")), "Paris");
  for (const auto* id_text : {"nope", "addr_", "usr_01KB2F6XWQ3Y9M8R5T7V4N2P1H", "addr_01KB2F6XWQ3Y9M8R5T7V4N2P1H"})
    EXPECT_TRUE(
        is_problem(client.get(std::string(kBook) + "/" + id_text, bearer(owner.access_token)), 404, "not_found"))
        << id_text;
}

TEST_F(Addresses, BreakingARuleIs422NamingEveryField) {
  auto client = this->client();
  const auto owner = register_account(client);
  const struct {
    json::object body;
    Fields fields;
  } cases[] = {
      {json::object{}, {"fullName", "line1", "city", "country"}},
      {with(address(), "country", "XX"), {"country"}},
      {with(address(), "country", "FRA"), {"country"}},
      {with(address(), "country", ""), {"country"}},
      {with(address(), "postalCode", "75#04"), {"postalCode"}},
      {with(address(), "phone", "call me"), {"phone"}},
      {with(address(), "fullName", json::string(std::string(101, 'm'))), {"fullName"}},
      {with(address(), "label", json::string(std::string(51, 'l'))), {"label"}},
      {with(address(), "line1", "   "), {"line1"}},
      {with(address(), "city", "Par\nis"), {"city"}},
      {with(address(), "city", 75), {"city"}},
      {with(address(), "isDefaultShipping", "yes"), {"isDefaultShipping"}},
      {with(address(), "userId", json::string(owner.id)), {"userId"}},
      {with(with(address(), "country", "XX"), "phone", "x"), {"country", "phone"}},
  };
  for (const auto& [body, fields] : cases) {
    const auto response = create(client, owner, body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << json::serialize(body);
    if (response.status == 422) {
      EXPECT_EQ(error_fields(response), fields) << response.body;
    }
  }
  const auto id = create_id(client, owner);
  const auto bad_replace = send_json(client, "PUT", std::string(kBook) + "/" + id, with(address(), "country", "ZZ"),
                                     bearer(owner.access_token));
  EXPECT_TRUE(is_problem(bad_replace, 422, "validation_failed"));
  EXPECT_EQ(client.get(kBook, bearer(owner.access_token)).json_object().at("data").as_array().size(), 1u)
      << "no refused body stored anything";
}

TEST_F(Addresses, OneDefaultOfEachKindAndANewDefaultTakesOver) {
  auto client = this->client();
  const auto owner = register_account(client);
  const auto first = create_id(client, owner);
  const auto second = create_id(client, owner, address("Lyon"));
  EXPECT_EQ(defaults(client, owner), (std::map<std::string, std::string>{{first, "SB"}, {second, ""}}))
      << "later addresses are not defaults unless asked";

  const auto shipping = create_id(client, owner, with(address("Nice"), "isDefaultShipping", true));
  EXPECT_EQ(defaults(client, owner), (std::map<std::string, std::string>{{first, "B"}, {second, ""}, {shipping, "S"}}));

  const auto moved = send_json(client, "PUT", std::string(kBook) + "/" + second,
                               with(with(address("Lyon"), "isDefaultBilling", true), "isDefaultShipping", true),
                               bearer(owner.access_token));
  ASSERT_EQ(moved.status, 200) << moved.describe();
  EXPECT_EQ(defaults(client, owner), (std::map<std::string, std::string>{{first, ""}, {second, "SB"}, {shipping, ""}}));

  ASSERT_EQ(client.request("DELETE", std::string(kBook) + "/" + second, bearer(owner.access_token)).status, 204);
  EXPECT_EQ(defaults(client, owner), (std::map<std::string, std::string>{{first, ""}, {shipping, ""}}))
      << "deleting the default leaves no default";
}

TEST_F(Addresses, AFirstAddressMayDeclineToBeTheDefault) {
  auto client = this->client();
  const auto owner = register_account(client);
  const auto id = create_id(client, owner, with(address(), "isDefaultBilling", false));
  EXPECT_EQ(defaults(client, owner), (std::map<std::string, std::string>{{id, "S"}}));
}

TEST_F(Addresses, TwentyAddressesAtMost) {
  auto client = this->client();
  const auto owner = register_account(client);
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(create_id(client, owner));
  EXPECT_TRUE(is_problem(create(client, owner, address()), 409, "address_limit_reached"));
  ASSERT_EQ(client.request("DELETE", std::string(kBook) + "/" + ids.back(), bearer(owner.access_token)).status, 204);
  EXPECT_EQ(create(client, owner, address()).status, 201) << "deleting one makes room";
  const auto other = register_account(client);
  EXPECT_EQ(create(client, other, address()).status, 201) << "the limit is per user";
}

}  // namespace
}  // namespace emporium::testing
