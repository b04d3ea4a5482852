#pragma once
// Accounts as the integration tests use them: a server configured for account tests, registering and logging
// in over HTTP, accounts of other roles through `emporium admin create`, and reset mails in the outbox.

#include <boost/json/value.hpp>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "environment.hpp"
#include "http_client.hpp"
#include "server_process.hpp"

namespace emporium::testing {

// A password that passes the rules (10 to 1024 characters).
inline constexpr const char* kPassword = "correct horse battery";

// Configuration for account tests, `extra` on top: Argon2 as light as the configuration allows (the same
// for the server and for `admin create`, so that logins never rehash) and rate limits that a suite sharing
// one server never reaches.
EnvVars accounts_config(const EnvVars& extra = {});

// A new address on each call: "<prefix>-<n>-<random>@example.com".
std::string unique_email(std::string_view prefix = "user");
// The part before the @ of a unique_email: text found in no other test's data ("<prefix>-<n>-<random>").
std::string unique_tag(std::string_view prefix);

struct Account {
  std::string id;
  std::string email;
  std::string password;
  std::string role;
  std::string access_token;
  std::string refresh_token;
};

// `Authorization: Bearer <token>`, then `extra`.
Headers bearer(const std::string& access_token, Headers extra = {});
// The request with `body` serialised as JSON and Content-Type: application/json, then `headers`.
HttpResponse send_json(HttpClient& client, std::string_view method, std::string_view target,
                       const boost::json::value& body, Headers headers = {});

// The `field` of each entry in a problem's `errors` list.
std::set<std::string> error_fields(const HttpResponse& response);

// POST /api/auth/register; throws, quoting the response, unless it answers 201.
Account register_account(HttpClient& client, const std::string& email, const std::string& password = kPassword,
                         const std::string& name = "Test User");
inline Account register_account(HttpClient& client) { return register_account(client, unique_email()); }
// POST /api/auth/login; throws unless 200.
Account log_in(HttpClient& client, const std::string& email, const std::string& password = kPassword);
// POST /api/auth/refresh with the account's refresh token; throws unless 200; stores the new pair.
void refresh(HttpClient& client, Account& account);

// `emporium ARGS...` with `stdin_text` on its standard input.
CommandResult run_emporium_with_stdin(const std::vector<std::string>& args, const std::string& stdin_text,
                                      const EnvVars& env, std::chrono::milliseconds timeout = std::chrono::seconds(60));
// `emporium admin create --role ROLE` on the server's database (with accounts_config()), then a login over
// HTTP. Throws, quoting the command's output, unless it succeeds.
Account create_account_by_cli(const ServerProcess& server, HttpClient& client, std::string_view role,
                              const std::string& email, const std::string& password = kPassword);
// A customer made admin or vendor by `admin` (PATCH /api/users/:id), logged in again with its new role.
Account promoted_account(HttpClient& client, const Account& admin, std::string_view role);

// The login and reset throttles count failures in fixed windows (10 and 15 minutes): a test that counts
// failures starts well inside both, so that a window change cannot reset its count halfway (this waits on
// purpose, at most a few seconds, rarely).
void avoid_throttle_window_edge();

// The reset codes mailed to `email` (in <data dir>/outbox), oldest first.
std::vector<std::string> reset_tokens_in_outbox(const std::filesystem::path& data_dir, const std::string& email);
// Waits until `count` reset mails for `email` are in the outbox and returns the last code; throws otherwise.
std::string await_reset_token(const std::filesystem::path& data_dir, const std::string& email, std::size_t count = 1);

}  // namespace emporium::testing
