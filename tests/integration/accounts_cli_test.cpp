// Accounts from the command line: `emporium admin create` (the only way to make the first admin) and the demo
// accounts of `emporium seed --demo`, each checked by logging in over HTTP.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "accounts_api.hpp"
#include "assertions.hpp"
#include "shared_server.hpp"

namespace emporium::testing {
namespace {

class AccountsCli : public SharedServerTest<AccountsCli> {
 protected:
  // `emporium ARGS...` with `password` on stdin, on the suite server's database.
  static CommandResult run(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    auto env = server().sandbox().env();
    for (auto& var : accounts_config()) env.push_back(std::move(var));
    return run_emporium_with_stdin(args, stdin_text, env);
  }
  static CommandResult admin_create(const std::string& email, const std::string& role, const std::string& password) {
    return run({"admin", "create", "--email", email, "--role", role, "--password-stdin"}, password + "\n");
  }
};

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST_F(AccountsCli, AdminCreateMakesAnAdminWhoLogsIn) {
  auto client = this->client();
  const auto email = unique_email("cli-admin");
  const auto result = run({"admin", "create", "--email", email, "--password-stdin"}, std::string(kPassword) + "\r\n");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "Created admin " + email)) << result.out;
  EXPECT_FALSE(contains(result.out + result.err, kPassword)) << "the password is never echoed";
  const auto admin = log_in(client, email);
  EXPECT_EQ(admin.role, "admin");
  EXPECT_TRUE(contains(result.out, admin.id)) << result.out;
  EXPECT_EQ(client.get("/api/users/" + admin.id, bearer(admin.access_token)).status, 200) << "admins only";
}

TEST_F(AccountsCli, AdminCreateMakesVendorsAndNormalisesTheEmail) {
  auto client = this->client();
  const auto email = unique_email("cli-vendor");
  std::string shouted = email;
  for (auto& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto result = admin_create(shouted, "vendor", kPassword);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto vendor = log_in(client, email);
  EXPECT_EQ(vendor.role, "vendor");
  EXPECT_EQ(vendor.email, email);
}

TEST_F(AccountsCli, ATakenEmailExits1) {
  auto client = this->client();
  const auto taken = register_account(client);
  std::string other_case = taken.email;
  other_case[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(other_case[0])));
  const auto result = admin_create(other_case, "admin", "another password");
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_TRUE(contains(result.err, "already exists")) << result.err;
  EXPECT_EQ(log_in(client, taken.email).role, "customer") << "the existing account is untouched";
}

TEST_F(AccountsCli, BadArgumentsExit2WithAReason) {
  auto client = this->client();
  const auto email = unique_email("cli-bad");
  const struct {
    std::vector<std::string> args;
    std::string stdin_text;
    std::string reason;
  } cases[] = {
      {{"admin", "create", "--email", email, "--role", "customer", "--password-stdin"},
       "long enough password\n",
       "role"},
      {{"admin", "create", "--email", email, "--role", "wizard", "--password-stdin"}, "long enough password\n", "role"},
      {{"admin", "create", "--email", email, "--password-stdin"}, "short\n", "10 to 1024"},
      {{"admin", "create", "--email", email, "--password-stdin"}, "", "10 to 1024"},
      {{"admin", "create", "--email", "not-an-email", "--password-stdin"}, "long enough password\n", "email"},
      {{"admin", "create", "--password-stdin"}, "long enough password\n", "--email"},
      {{"admin", "create", "--email", email}, "long enough password\n", "--password-stdin"},
      {{"admin", "promote"}, "", "promote"},
  };
  for (const auto& [args, stdin_text, reason] : cases) {
    const auto result = run(args, stdin_text);
    std::ostringstream command;
    for (const auto& arg : args) command << arg << ' ';
    EXPECT_EQ(result.exit_code, 2) << command.str() << "\n" << result.out << result.err;
    EXPECT_TRUE(contains(result.err, reason)) << command.str() << "\n" << result.err;
  }
  EXPECT_TRUE(is_problem(send_json(client, "POST", "/api/auth/login",
                                   boost::json::object{{"email", email}, {"password", "long enough password"}}),
                         401, "invalid_credentials"))
      << "none of them made an account";
}

TEST_F(AccountsCli, AdminCreateHasHelp) {
  const auto result = run({"admin", "create", "--help"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "--password-stdin")) << result.out;
}

// One line per demo account: "  <role>\t<email>\t<password>".
std::map<std::string, std::pair<std::string, std::string>> demo_accounts(const std::string& out) {
  std::map<std::string, std::pair<std::string, std::string>> accounts;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto first = line.find('\t');
    const auto second = line.find('\t', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const auto role = line.substr(line.find_first_not_of(' '), first - line.find_first_not_of(' '));
    accounts[role] = {line.substr(first + 1, second - first - 1), line.substr(second + 1)};
  }
  return accounts;
}

TEST(AccountsSeed, DemoAccountsLogInWithThePrintedPasswordsAndASecondRunAddsNothing) {
  ServerProcess server(accounts_config());
  auto env = server.sandbox().env();
  for (auto& var : accounts_config()) env.push_back(std::move(var));
  const auto first = run_emporium({"seed", "--demo"}, env);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const auto accounts = demo_accounts(first.out);
  ASSERT_EQ(accounts.size(), 3u) << first.out;
  auto client = server.client();
  for (const auto* role : {"admin", "vendor", "customer"}) {
    ASSERT_TRUE(accounts.contains(role)) << first.out;
    const auto& [email, password] = accounts.at(role);
    EXPECT_GE(password.size(), 10u);
    EXPECT_EQ(log_in(client, email, password).role, role);
  }
  EXPECT_NE(accounts.at("admin").second, accounts.at("vendor").second) << "each account has its own password";

  const auto second = run_emporium({"seed", "--demo"}, env);
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_TRUE(demo_accounts(second.out).empty()) << second.out;
  EXPECT_TRUE(contains(second.out, "nothing changed")) << second.out;
  EXPECT_EQ(log_in(client, accounts.at("admin").first, accounts.at("admin").second).role, "admin")
      << "the first run's passwords still work";
}

}  // namespace
}  // namespace emporium::testing
