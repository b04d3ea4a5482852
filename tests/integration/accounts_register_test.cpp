// POST /api/auth/register: the answer's shape, email normalisation and uniqueness, and every way a body can
// be wrong (rules 422, unknown fields 422, malformed JSON 400, wrong content type 415, too large 413).
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "accounts_api.hpp"
#include "assertions.hpp"
#include "shared_server.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;
using Fields = std::set<std::string>;

class Register : public SharedServerTest<Register> {};

HttpResponse post_register(HttpClient& client, const json::object& body) {
  return send_json(client, "POST", "/api/auth/register", body);
}

json::object valid_body(const std::string& email) {
  return {{"email", email}, {"password", kPassword}, {"name", "Grace Hopper"}};
}

TEST_F(Register, AnswersWithTheCustomerItsTokensAndALocation) {
  auto client = this->client();
  const auto email = unique_email("shape");
  const auto response = post_register(client, valid_body(email));
  ASSERT_EQ(response.status, 201) << response.describe();
  EXPECT_EQ(response.header("Location"), "/api/users/me");
  EXPECT_TRUE(response.header("Content-Type").value_or("").starts_with("application/json"));
  const auto body = response.json_object();
  const auto& user = body.at("user").as_object();
  EXPECT_TRUE(str(user.at("id")).starts_with("usr_")) << response.body;
  EXPECT_EQ(str(user.at("email")), email);
  EXPECT_EQ(str(user.at("name")), "Grace Hopper");
  EXPECT_EQ(str(user.at("role")), "customer");
  EXPECT_EQ(user.at("disabled"), json::value(false));
  EXPECT_EQ(json::serialize(user.at("preferences")),
            R"({"emailOrderUpdates":true,"marketingEmails":false,"language":"en","currency":"USD"})");
  EXPECT_TRUE(str(user.at("createdAt")).ends_with("Z"));
  EXPECT_FALSE(str(body.at("accessToken")).empty());
  EXPECT_FALSE(str(body.at("refreshToken")).empty());
  EXPECT_EQ(body.at("expiresIn"), json::value(900)) << "15 minutes by default";
  EXPECT_EQ(str(body.at("tokenType")), "Bearer");
  EXPECT_FALSE(icontains(response.body, "hash")) << "no password hash ever leaves the server";
  EXPECT_FALSE(icontains(response.body, kPassword));

  const auto me = client.get("/api/users/me", bearer(str(body.at("accessToken"))));
  ASSERT_EQ(me.status, 200) << me.describe();
  EXPECT_EQ(me.json_object().at("id"), user.at("id"));
}

TEST_F(Register, StoresTheEmailTrimmedAndLowerCased) {
  auto client = this->client();
  const auto email = unique_email("mixed");
  std::string shouted = email;
  for (auto& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto response = post_register(client, valid_body("  " + shouted + " "));
  ASSERT_EQ(response.status, 201) << response.describe();
  EXPECT_EQ(str(response.json_object().at("user").at("email")), email);
  EXPECT_EQ(log_in(client, shouted).email, email) << "login takes the email in any case";
}

TEST_F(Register, AnEmailTakenInAnyCaseIs409) {
  auto client = this->client();
  const auto email = unique_email("taken");
  register_account(client, email);
  std::string other_case = email;
  other_case[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(other_case[0])));
  for (const auto& again : {email, other_case, " " + email}) {
    const auto response = post_register(client, valid_body(again));
    EXPECT_TRUE(is_problem(response, 409, "email_taken")) << again;
  }
}

TEST_F(Register, BreakingARuleIs422NamingTheField) {
  auto client = this->client();
  const std::string long_password(1025, 'p');
  const struct {
    json::object body;
    Fields fields;
  } cases[] = {
      {{{"email", "not-an-email"}, {"password", kPassword}, {"name", "N"}}, {"email"}},
      {{{"email", "two@@example.com"}, {"password", kPassword}, {"name", "N"}}, {"email"}},
      {{{"email", unique_email()}, {"password", "nine char"}, {"name", "N"}}, {"password"}},
      {{{"email", unique_email()}, {"password", long_password}, {"name", "N"}}, {"password"}},
      {{{"email", unique_email()}, {"password", kPassword}, {"name", ""}}, {"name"}},
      {{{"email", unique_email()}, {"password", kPassword}, {"name", std::string(101, 'n')}}, {"name"}},
      {{{"email", 42}, {"password", true}, {"name", nullptr}}, {"email", "password", "name"}},
      {{{"email", unique_email()}, {"password", kPassword}}, {"name"}},
      {{}, {"email", "password", "name"}},
  };
  for (const auto& [body, fields] : cases) {
    const auto response = post_register(client, body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << json::serialize(body);
    if (response.status == 422) {
      EXPECT_EQ(error_fields(response), fields) << response.body;
    }
  }
}

TEST_F(Register, PasswordsOfTenCharactersAreEnoughAndAreNotTrimmed) {
  auto client = this->client();
  const auto email = unique_email("ten");
  register_account(client, email, " ten chars");
  EXPECT_EQ(log_in(client, email, " ten chars").email, email);
  const auto trimmed =
      send_json(client, "POST", "/api/auth/login", json::object{{"email", email}, {"password", "ten chars"}});
  EXPECT_TRUE(is_problem(trimmed, 401, "invalid_credentials"));
}

TEST_F(Register, FieldsTheClientDoesNotOwnAre422AndNothingIsCreated) {
  auto client = this->client();
  const auto email = unique_email("mass-assign");
  for (const auto& [field, value] : {std::pair<const char*, json::value>{"role", "admin"},
                                     {"disabled", false},
                                     {"id", "usr_01KB2F6XWQ3Y9M8R5T7V4N2P1H"},
                                     {"emailVerified", true}}) {
    auto body = valid_body(email);
    body[field] = value;
    const auto response = post_register(client, body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << field;
    if (response.status == 422) {
      EXPECT_EQ(error_fields(response), Fields{field}) << response.body;
    }
  }
  const auto account = register_account(client, email);
  EXPECT_EQ(account.role, "customer") << "the email was still free: no attempt above made an account";
}

TEST_F(Register, MalformedJsonIs400) {
  auto client = this->client();
  const Headers json_type{{"Content-Type", "application/json"}};
  for (const auto* body : {"{", "{\"email\": }", "", "nul", "{\"email\": \"a@b.co\",}"}) {
    const auto response = client.request("POST", "/api/auth/register", json_type, body);
    EXPECT_TRUE(is_problem(response, 400, "malformed_json")) << "body: " << body;
  }
}

TEST_F(Register, ABodyThatIsNotAnObjectIs422) {
  auto client = this->client();
  for (const auto* body : {"[]", "\"text\"", "42", "null"}) {
    const auto response = client.request("POST", "/api/auth/register", {{"Content-Type", "application/json"}}, body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << "body: " << body;
  }
}

TEST_F(Register, AnotherContentTypeIs415) {
  auto client = this->client();
  const std::string body = json::serialize(valid_body(unique_email("form")));
  for (const auto* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    const auto response = client.request("POST", "/api/auth/register", {{"Content-Type", type}}, body);
    EXPECT_TRUE(is_problem(response, 415, "unsupported_media_type")) << type;
  }
  const auto untyped = client.request("POST", "/api/auth/register", {}, body);
  EXPECT_TRUE(is_problem(untyped, 415, "unsupported_media_type")) << "no Content-Type at all";
  const auto with_charset =
      client.request("POST", "/api/auth/register", {{"Content-Type", "application/json; charset=utf-8"}}, body);
  EXPECT_EQ(with_charset.status, 201) << with_charset.describe();
}

TEST_F(Register, ABodyOverTheLimitIs413) {
  // The declared length alone decides: the server answers before the body (2 MiB, over the default 1 MiB) is sent.
  auto connection = server().connect();
  connection.send(
      "POST /api/auth/register HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Content-Length: 2097152\r\n\r\n{\"name\": \"");
  EXPECT_TRUE(is_problem(connection.read_response(), 413, "payload_too_large"));
}

TEST_F(Register, GetIsNotAllowed) {
  auto client = this->client();
  const auto response = client.get("/api/auth/register");
  EXPECT_TRUE(is_problem(response, 405, "method_not_allowed"));
  EXPECT_TRUE(icontains(response.header("Allow").value_or(""), "POST")) << response.describe();
}

}  // namespace
}  // namespace emporium::testing
