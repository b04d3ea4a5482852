// Changing a password (POST /api/users/me/password) and resetting a forgotten one (forgot → mailed code →
// reset). Reset mails are read from the server's outbox (<data dir>/outbox/*.eml).
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "accounts_api.hpp"
#include "assertions.hpp"
#include "shared_server.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Passwords : public SharedServerTest<Passwords> {
 protected:
  static std::filesystem::path data_dir() { return server().sandbox().data_dir(); }
};

constexpr const char* kNewPassword = "a much better passphrase";

HttpResponse change(HttpClient& client, const Account& account, const std::string& current, const std::string& next) {
  return send_json(client, "POST", "/api/users/me/password",
                   json::object{{"currentPassword", current}, {"newPassword", next}}, bearer(account.access_token));
}

HttpResponse forgot(HttpClient& client, const std::string& email) {
  return send_json(client, "POST", "/api/auth/password/forgot", json::object{{"email", email}});
}

HttpResponse reset(HttpClient& client, const std::string& token, const std::string& password = kNewPassword) {
  return send_json(client, "POST", "/api/auth/password/reset", json::object{{"token", token}, {"password", password}});
}

HttpResponse login(HttpClient& client, const std::string& email, const std::string& password) {
  return send_json(client, "POST", "/api/auth/login", json::object{{"email", email}, {"password", password}});
}

TEST_F(Passwords, ChangingEndsEverySessionAndAnswersWithANewPair) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto other_session = log_in(client, account.email);
  const auto response = change(client, account, kPassword, kNewPassword);
  ASSERT_EQ(response.status, 200) << response.describe();
  const auto body = response.json_object();
  const auto new_access = str(body.at("accessToken"));

  for (const auto& old : {account, other_session}) {
    EXPECT_TRUE(is_problem(client.get("/api/users/me", bearer(old.access_token)), 401, "session_ended"));
    EXPECT_TRUE(
        is_problem(send_json(client, "POST", "/api/auth/refresh", json::object{{"refreshToken", old.refresh_token}}),
                   401, "invalid_refresh_token"));
  }
  EXPECT_EQ(client.get("/api/users/me", bearer(new_access)).status, 200) << "the new pair works";
  EXPECT_TRUE(is_problem(login(client, account.email, kPassword), 401, "invalid_credentials"));
  EXPECT_EQ(login(client, account.email, kNewPassword).status, 200);
}

TEST_F(Passwords, AWrongCurrentPasswordIs422AndChangesNothing) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto response = change(client, account, "not my password", kNewPassword);
  EXPECT_TRUE(is_problem(response, 422, "wrong_password"));
  EXPECT_EQ(error_fields(response), std::set<std::string>{"currentPassword"});
  EXPECT_EQ(client.get("/api/users/me", bearer(account.access_token)).status, 200) << "the session lives on";
  EXPECT_EQ(login(client, account.email, kPassword).status, 200);
}

TEST_F(Passwords, ANewPasswordMustFollowTheRules) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto too_short = change(client, account, kPassword, "short");
  EXPECT_TRUE(is_problem(too_short, 422, "validation_failed"));
  EXPECT_EQ(error_fields(too_short), std::set<std::string>{"newPassword"});
  const auto missing = send_json(client, "POST", "/api/users/me/password", json::object{{"newPassword", kNewPassword}},
                                 bearer(account.access_token));
  EXPECT_EQ(error_fields(missing), std::set<std::string>{"currentPassword"}) << missing.describe();
  EXPECT_EQ(login(client, account.email, kPassword).status, 200);
}

TEST_F(Passwords, ForgotAnswers202AlikeForKnownAndUnknownEmails) {
  auto client = this->client();
  const auto account = register_account(client);
  const auto nobody = unique_email("nobody");
  const auto known = forgot(client, account.email);
  const auto unknown = forgot(client, nobody);
  ASSERT_EQ(known.status, 202) << known.describe();
  ASSERT_EQ(unknown.status, 202) << unknown.describe();
  EXPECT_EQ(known.body, unknown.body);
  EXPECT_FALSE(await_reset_token(data_dir(), account.email).empty());
  EXPECT_TRUE(reset_tokens_in_outbox(data_dir(), nobody).empty()) << "no mail for an email without an account";
}

TEST_F(Passwords, ForgotTakesTheEmailInAnyCase) {
  auto client = this->client();
  const auto account = register_account(client);
  std::string shouted = account.email;
  for (auto& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ASSERT_EQ(forgot(client, shouted).status, 202);
  EXPECT_FALSE(await_reset_token(data_dir(), account.email).empty());
}

TEST_F(Passwords, ResettingWithTheMailedCodeSetsThePasswordAndEndsEverySession) {
  auto client = this->client();
  const auto account = register_account(client);
  ASSERT_EQ(forgot(client, account.email).status, 202);
  const auto token = await_reset_token(data_dir(), account.email);
  EXPECT_EQ(client.get("/api/users/me", bearer(account.access_token)).status, 200) << "asking changes nothing yet";

  const auto response = reset(client, token);
  EXPECT_EQ(response.status, 204) << response.describe();
  EXPECT_TRUE(is_problem(client.get("/api/users/me", bearer(account.access_token)), 401, "session_ended"));
  EXPECT_TRUE(is_problem(login(client, account.email, kPassword), 401, "invalid_credentials"));
  EXPECT_EQ(login(client, account.email, kNewPassword).status, 200);
}

TEST_F(Passwords, AResetCodeWorksOnce) {
  auto client = this->client();
  const auto account = register_account(client);
  ASSERT_EQ(forgot(client, account.email).status, 202);
  const auto token = await_reset_token(data_dir(), account.email);
  ASSERT_EQ(reset(client, token).status, 204);
  const auto again = reset(client, token, "a third password here");
  EXPECT_TRUE(is_problem(again, 422, "invalid_reset_token"));
  EXPECT_EQ(error_fields(again), std::set<std::string>{"token"});
  EXPECT_EQ(login(client, account.email, kNewPassword).status, 200) << "the second attempt changed nothing";
}

TEST_F(Passwords, AWrongCodeIs422AndAShortPasswordKeepsTheCode) {
  auto client = this->client();
  EXPECT_TRUE(is_problem(reset(client, "not-a-code-anyone-was-sent"), 422, "invalid_reset_token"));

  const auto account = register_account(client);
  ASSERT_EQ(forgot(client, account.email).status, 202);
  const auto token = await_reset_token(data_dir(), account.email);
  const auto too_short = reset(client, token, "short");
  EXPECT_TRUE(is_problem(too_short, 422, "validation_failed"));
  EXPECT_EQ(error_fields(too_short), std::set<std::string>{"password"});
  EXPECT_EQ(reset(client, token).status, 204) << "the code was not spent by a refused body";
}

TEST_F(Passwords, AtMostThreeResetMailsPerAccountAndHour) {
  auto client = this->client();
  const auto account = register_account(client);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(forgot(client, account.email).status, 202) << "request " << i + 1;
  await_reset_token(data_dir(), account.email, 3);
  EXPECT_EQ(reset_tokens_in_outbox(data_dir(), account.email).size(), 3u);
}

// A code is for one reset: once the password was set anew (by any code, or by the owner), an older mail must
// not reset it again. Fails today: see the report (src/users/password_reset_service.cpp, reset()).
TEST_F(Passwords, UsingOneCodeSpendsEveryOtherCodeOfTheAccount) {
  auto client = this->client();
  const auto account = register_account(client);
  ASSERT_EQ(forgot(client, account.email).status, 202);
  ASSERT_EQ(forgot(client, account.email).status, 202);
  await_reset_token(data_dir(), account.email, 2);
  const auto codes = reset_tokens_in_outbox(data_dir(), account.email);
  ASSERT_EQ(codes.size(), 2u);
  ASSERT_NE(codes[0], codes[1]);
  EXPECT_EQ(reset(client, codes[1]).status, 204) << "the newest code works";
  EXPECT_TRUE(is_problem(reset(client, codes[0], "an attacker's password"), 422, "invalid_reset_token"))
      << "the older code must be spent by the reset";
  EXPECT_EQ(login(client, account.email, kNewPassword).status, 200);
}

TEST_F(Passwords, ChangingThePasswordSpendsOutstandingResetCodes) {
  auto client = this->client();
  const auto account = register_account(client);
  ASSERT_EQ(forgot(client, account.email).status, 202);
  const auto code = await_reset_token(data_dir(), account.email);
  ASSERT_EQ(change(client, account, kPassword, kNewPassword).status, 200);
  EXPECT_TRUE(is_problem(reset(client, code, "an attacker's password"), 422, "invalid_reset_token"))
      << "a code mailed before the change must not undo it";
  EXPECT_EQ(login(client, account.email, kNewPassword).status, 200);
}

TEST_F(Passwords, TwentyWrongCodesFromOneAddressAreThrottled) {
  avoid_throttle_window_edge();
  auto guesser = client_from("127.0.0.21");
  for (int i = 1; i <= 20; ++i) {
    const auto response = reset(guesser, "guess-" + std::to_string(i));
    ASSERT_TRUE(is_problem(response, 422, "invalid_reset_token")) << "guess " << i;
  }
  const auto throttled = reset(guesser, "guess-21");
  EXPECT_TRUE(is_problem(throttled, 429, "login_throttled"));
  EXPECT_TRUE(throttled.has_header("Retry-After"));
  auto elsewhere = client_from("127.0.0.22");
  EXPECT_TRUE(is_problem(reset(elsewhere, "guess-22"), 422, "invalid_reset_token")) << "only that address waits";
}

}  // namespace
}  // namespace emporium::testing
