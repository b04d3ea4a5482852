#include "accounts_api.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "eventually.hpp"
#include "sandbox.hpp"

namespace emporium::testing {
namespace json = boost::json;

namespace {

const EnvVars kFastHashing{{"EMPORIUM_PASSWORD_HASH_MEMORY_KIB", "8"}, {"EMPORIUM_PASSWORD_HASH_ITERATIONS", "1"}};

std::string text_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

// An account from a 200/201 answer of register or login: {user, accessToken, refreshToken, …}.
Account account_from(const HttpResponse& response, const std::string& password) {
  const auto body = response.json_object();
  const auto& user = body.at("user").as_object();
  return {text_of(user, "id"),   text_of(user, "email"),       password,
          text_of(user, "role"), text_of(body, "accessToken"), text_of(body, "refreshToken")};
}

// "To: a@b" → "a@b"; the code is the line after the one that announces it.
struct Mail {
  std::string to;
  std::string code;
};

Mail read_mail(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  Mail mail;
  std::string line;
  bool code_next = false;
  while (std::getline(file, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("To: ") && mail.to.empty()) mail.to = line.substr(4);
    if (code_next) {
      mail.code = line.substr(line.find("token=") == std::string::npos ? 0 : line.find("token=") + 6);
      code_next = false;
    }
    if (line.starts_with("Your reset code") || line.starts_with("Choose a new password here")) code_next = true;
  }
  return mail;
}

}  // namespace

EnvVars accounts_config(const EnvVars& extra) {
  EnvVars vars = kFastHashing;
  vars.emplace_back("EMPORIUM_RATE_LIMIT_ANON", "1000000");
  vars.emplace_back("EMPORIUM_RATE_LIMIT_USER", "1000000");
  vars.insert(vars.end(), extra.begin(), extra.end());
  return vars;
}

std::string unique_email(std::string_view prefix) {
  static std::atomic<int> counter{0};
  static const auto run = std::random_device{}();
  std::ostringstream out;
  out << prefix << "-" << ++counter << "-" << std::hex << run << "@example.com";
  return out.str();
}

std::string unique_tag(std::string_view prefix) {
  const auto email = unique_email(prefix);
  return email.substr(0, email.find('@'));
}

Headers bearer(const std::string& access_token, Headers extra) {
  Headers headers{{"Authorization", "Bearer " + access_token}};
  headers.insert(headers.end(), extra.begin(), extra.end());
  return headers;
}

HttpResponse send_json(HttpClient& client, std::string_view method, std::string_view target, const json::value& body,
                       Headers headers) {
  headers.insert(headers.begin(), {"Content-Type", "application/json"});
  return client.request(method, target, headers, json::serialize(body));
}

std::set<std::string> error_fields(const HttpResponse& response) {
  std::set<std::string> fields;
  const auto body = response.json_object();
  if (const auto* errors = body.if_contains("errors"); errors && errors->is_array()) {
    for (const auto& error : errors->as_array()) {
      if (const auto* field = error.as_object().if_contains("field"); field && field->is_string())
        fields.insert(std::string(field->as_string()));
    }
  }
  return fields;
}

Account register_account(HttpClient& client, const std::string& email, const std::string& password,
                         const std::string& name) {
  const auto response = send_json(client, "POST", "/api/auth/register",
                                  json::object{{"email", email}, {"password", password}, {"name", name}});
  if (response.status != 201) throw_failed("registering " + email, response);
  return account_from(response, password);
}

Account log_in(HttpClient& client, const std::string& email, const std::string& password) {
  const auto response =
      send_json(client, "POST", "/api/auth/login", json::object{{"email", email}, {"password", password}});
  if (response.status != 200) throw_failed("logging in as " + email, response);
  return account_from(response, password);
}

void refresh(HttpClient& client, Account& account) {
  const auto response =
      send_json(client, "POST", "/api/auth/refresh", json::object{{"refreshToken", account.refresh_token}});
  if (response.status != 200) throw_failed("refreshing the session of " + account.email, response);
  const auto body = response.json_object();
  account.access_token = text_of(body, "accessToken");
  account.refresh_token = text_of(body, "refreshToken");
}

CommandResult run_emporium_with_stdin(const std::vector<std::string>& args, const std::string& stdin_text,
                                      const EnvVars& env, std::chrono::milliseconds timeout) {
  TempDir dir;
  const auto input = dir.path() / "stdin";
  std::ofstream(input, std::ios::binary) << stdin_text;
  return run_emporium(args, env, timeout, input.string());
}

Account create_account_by_cli(const ServerProcess& server, HttpClient& client, std::string_view role,
                              const std::string& email, const std::string& password) {
  auto env = server.sandbox().env();
  for (auto& var : accounts_config()) env.push_back(std::move(var));
  const auto result = run_emporium_with_stdin(
      {"admin", "create", "--email", email, "--role", std::string(role), "--password-stdin"}, password + "\n", env);
  if (result.exit_code != 0) {
    throw std::runtime_error("emporium admin create exited " + std::to_string(result.exit_code) + ":\n" + result.out +
                             result.err);
  }
  return log_in(client, email, password);
}

Account promoted_account(HttpClient& client, const Account& admin, std::string_view role) {
  const auto customer = register_account(client, unique_email(std::string(role)));
  const auto response =
      send_json(client, "PATCH", "/api/users/" + customer.id, json::object{{"role", role}}, bearer(admin.access_token));
  if (response.status != 200) throw_failed("making " + customer.email + " " + std::string(role), response);
  return log_in(client, customer.email, customer.password);
}

void avoid_throttle_window_edge() {
  using namespace std::chrono;
  for (const auto window : {minutes(10), minutes(15)}) {
    const auto into = duration_cast<milliseconds>(system_clock::now().time_since_epoch()) % window;
    if (into > window - seconds(5)) std::this_thread::sleep_for(window - into + milliseconds(100));
  }
}

std::vector<std::string> reset_tokens_in_outbox(const std::filesystem::path& data_dir, const std::string& email) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir / "outbox", error)) {
    if (entry.path().extension() == ".eml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // message ids are time-ordered
  std::vector<std::string> codes;
  for (const auto& file : files) {
    const auto mail = read_mail(file);
    if (mail.to == email && !mail.code.empty()) codes.push_back(mail.code);
  }
  return codes;
}

std::string await_reset_token(const std::filesystem::path& data_dir, const std::string& email, std::size_t count) {
  std::vector<std::string> codes;
  const bool arrived = eventually(
      [&] {
        codes = reset_tokens_in_outbox(data_dir, email);
        return codes.size() >= count;
      },
      std::chrono::seconds(5));
  if (!arrived) {
    throw std::runtime_error("expected " + std::to_string(count) + " reset mails to " + email + " in " +
                             (data_dir / "outbox").string() + ", found " + std::to_string(codes.size()));
  }
  return codes.back();
}

}  // namespace emporium::testing
