#include "users/user_routes.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

#include "http/query.hpp"
#include "support/currency.hpp"
#include "users/route_helpers.hpp"
#include "users/user_json.hpp"
#include "users/users_errors.hpp"

namespace emporium::users {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::ObjectReader;
using http::Request;
using http::Response;

bool is_language_tag(std::string_view text) {
  // BCP 47 in the shape stores use: "en", "pt-BR", "zh-Hant-TW".
  if (text.size() < 2 || text.size() > 35) return false;
  std::size_t part_length = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '-') {
      if (part_length == 0 || part_length > 8) return false;
      part_length = 0;
    } else if (std::isalnum(static_cast<unsigned char>(text[i]))) {
      ++part_length;
    } else {
      return false;
    }
  }
  return std::isalpha(static_cast<unsigned char>(text[0])) && std::isalpha(static_cast<unsigned char>(text[1]));
}

void read_preferences(ObjectReader& reader, ProfileChanges& out) {
  reader.optional("emailOrderUpdates", out.email_order_updates);
  reader.optional("marketingEmails", out.marketing_emails);
  reader.optional("language", out.language, {.min_length = 2, .max_length = 35});
  reader.optional("currency", out.currency, {.min_length = 3, .max_length = 3});
  if (out.language && !is_language_tag(*out.language))
    reader.fail("language", "must be a language tag like en or pt-BR");
  if (out.currency && !is_currency_code(*out.currency)) reader.fail("currency", "must be an ISO 4217 code like USD");
}

Result<Response> update_me(UserService& users, Request& request) {
  auto changes = http::read_json_body<ProfileChanges>(request, [](ObjectReader& reader, ProfileChanges& out) {
    reader.optional("name", out.name, kNameRule);
    reader.object("preferences", false, [&](ObjectReader& preferences) { read_preferences(preferences, out); });
  });
  if (!changes) return changes.error();
  auto user = users.update_profile(request.principal().user_id, *changes);
  if (!user) return user.error();
  return http::json_response(200, to_json(*user));
}

Result<Response> delete_me(UserService& users, Request& request) {
  if (!request.principal().api_key_id.empty()) return errors::api_key_not_allowed();
  auto password = http::read_json_body<std::string>(request, [](ObjectReader& reader, std::string& out) {
    reader.required("password", out, {.min_length = 1, .max_length = PasswordHasher::kMaxLength, .trim = false});
  });
  if (!password) return password.error();
  auto result = users.delete_account(request.principal().user_id, *password, client_of(request));
  if (!result) return result.error();
  return http::no_content();
}

struct PasswordChange {
  std::string current;
  std::string next;
};

Result<Response> change_password(AuthService& auth, Request& request) {
  if (!request.principal().api_key_id.empty()) return errors::api_key_not_allowed();
  auto body = http::read_json_body<PasswordChange>(request, [](ObjectReader& reader, PasswordChange& out) {
    reader.required("currentPassword", out.current,
                    {.min_length = 1, .max_length = PasswordHasher::kMaxLength, .trim = false});
    reader.required("newPassword", out.next, kPasswordRule);
  });
  if (!body) return body.error();
  auto pair = auth.change_password(request.principal().user_id, body->current, body->next, client_of(request));
  if (!pair) return pair.error();
  return http::json_response(200, to_json(*pair));
}

Result<Response> list_users(UserService& users, Request& request) {
  http::QueryReader query(request);
  const auto page = http::read_page(query);
  UserFilter filter;
  filter.query = query.text("q", 100);
  if (const auto role = query.text("role", 20)) {
    filter.role = http::role_from_string(*role);
    if (!filter.role) query.fail("role", "must be customer, vendor or admin");
  }
  filter.disabled = query.boolean("disabled");
  query.reject_unknown();
  if (auto valid = query.finish(); !valid) return valid.error();
  filter.limit = page.limit;
  filter.offset = page.cursor ? 0 : page.offset();  // a cursor replaces the page number
  filter.after_cursor = page.cursor;
  const auto found = users.list(filter);
  boost::json::array data;
  for (const auto& user : found.users) data.push_back(to_json(user));
  std::optional<std::string> next_cursor;
  if (static_cast<std::int64_t>(found.users.size()) == page.limit) next_cursor = found.users.back().id;
  return http::json_response(
      200, {{"data", std::move(data)}, {"pagination", http::pagination_json(page, found.total, next_cursor)}});
}

Result<Response> administer(UserService& users, Request& request) {
  auto changes = http::read_json_body<AdminChanges>(request, [](ObjectReader& reader, AdminChanges& out) {
    std::optional<std::string> role;
    reader.optional("role", role, {.one_of = {"customer", "vendor", "admin"}});
    if (role) out.role = http::role_from_string(*role);
    reader.optional("disabled", out.disabled);
  });
  if (!changes) return changes.error();
  auto user =
      users.administer(request.principal().user_id, std::string(request.param("id")), *changes, client_of(request));
  if (!user) return user.error();
  return http::json_response(200, to_json(*user));
}

Result<Response> show(Result<User> user) {
  if (!user) return user.error();
  return http::json_response(200, to_json(*user));
}

}  // namespace

void register_user_routes(http::Router& router, UserService& users, AuthService& auth) {
  const auto signed_in = Access::authenticated();
  const auto admins = Access::roles_only({http::Role::Admin});
  router.add(
      {.method = Method::Get, .path = "/api/users/me", .access = signed_in, .handler = [&users](Request& request) {
         return show(users.get(request.principal().user_id));
       }});
  router.add(
      {.method = Method::Patch, .path = "/api/users/me", .access = signed_in, .handler = [&users](Request& request) {
         return update_me(users, request);
       }});
  router.add({.method = Method::Delete,
              .path = "/api/users/me",
              .access = signed_in,
              .handler = [&users](Request& request) { return delete_me(users, request); },
              .execution = Execution::Cpu});
  router.add({.method = Method::Post,
              .path = "/api/users/me/password",
              .access = signed_in,
              .handler = [&auth](Request& request) { return change_password(auth, request); },
              .execution = Execution::Cpu});
  router.add({.method = Method::Get, .path = "/api/users", .access = admins, .handler = [&users](Request& request) {
                return list_users(users, request);
              }});
  router.add({.method = Method::Get, .path = "/api/users/:id", .access = admins, .handler = [&users](Request& request) {
                return show(users.get(std::string(request.param("id"))));
              }});
  router.add(
      {.method = Method::Patch, .path = "/api/users/:id", .access = admins, .handler = [&users](Request& request) {
         return administer(users, request);
       }});
}

}  // namespace emporium::users
