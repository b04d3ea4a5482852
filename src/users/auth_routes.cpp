#include "users/auth_routes.hpp"

#include "users/email.hpp"
#include "users/route_helpers.hpp"
#include "users/user_json.hpp"

namespace emporium::users {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::ObjectReader;
using http::Request;
using http::Response;

struct Credentials {
  std::string email;
  std::string password;
};

Response auth_response(int status, const AuthResult& result) {
  auto body = to_json(result.tokens);
  body["user"] = to_json(result.user);
  return http::json_response(status, body);
}

Result<Response> register_user(AuthService& auth, Request& request) {
  auto body = http::read_json_body<Registration>(request, [](ObjectReader& reader, Registration& out) {
    reader.required("email", out.email, kEmailRule);
    reader.required("password", out.password, kPasswordRule);
    reader.required("name", out.name, kNameRule);
    if (!out.email.empty() && !is_plausible_email(normalize_email(out.email)))
      reader.fail("email", "is not an email address");
  });
  if (!body) return body.error();
  auto result = auth.register_customer(*body, client_of(request));
  if (!result) return result.error();
  auto response = auth_response(201, *result);
  response.set_header("Location", "/api/users/me");
  return response;
}

Result<Response> login(AuthService& auth, Request& request) {
  auto body = http::read_json_body<Credentials>(request, [](ObjectReader& reader, Credentials& out) {
    reader.required("email", out.email, {.min_length = 1, .max_length = 254});
    reader.required("password", out.password,
                    {.min_length = 1, .max_length = PasswordHasher::kMaxLength, .trim = false});
  });
  if (!body) return body.error();
  auto result = auth.login(body->email, body->password, client_of(request));
  if (!result) return result.error();
  return auth_response(200, *result);
}

Result<std::string> read_refresh_token(const Request& request) {
  return http::read_json_body<std::string>(request, [](ObjectReader& reader, std::string& out) {
    reader.required("refreshToken", out, {.min_length = 1, .max_length = 200, .trim = false});
  });
}

Result<Response> refresh(Sessions& sessions, Request& request) {
  auto token = read_refresh_token(request);
  if (!token) return token.error();
  auto pair = sessions.rotate(*token, client_of(request));
  if (!pair) return pair.error();
  return http::json_response(200, to_json(*pair));
}

Result<Response> logout(Sessions& sessions, Request& request) {
  auto token = read_refresh_token(request);
  if (!token) return token.error();
  sessions.end(*token);
  return http::no_content();
}

Result<Response> forgot_password(PasswordResetService& resets, Request& request) {
  auto email = http::read_json_body<std::string>(
      request, [](ObjectReader& reader, std::string& out) { reader.required("email", out, kEmailRule); });
  if (!email) return email.error();
  resets.request_reset(*email, client_of(request));
  return http::json_response(
      202, {{"message", "If an account exists for this email, a message with a reset code is on its way."}});
}

struct ResetBody {
  std::string token;
  std::string password;
};

Result<Response> reset_password(PasswordResetService& resets, Request& request) {
  auto body = http::read_json_body<ResetBody>(request, [](ObjectReader& reader, ResetBody& out) {
    reader.required("token", out.token, {.min_length = 1, .max_length = 200});
    reader.required("password", out.password, kPasswordRule);
  });
  if (!body) return body.error();
  auto result = resets.reset(body->token, body->password, client_of(request));
  if (!result) return result.error();
  return http::no_content();
}

}  // namespace

void register_auth_routes(http::Router& router, AuthService& auth, Sessions& sessions, PasswordResetService& resets) {
  const auto open = Access::public_route();
  router.add({.method = Method::Post,
              .path = "/api/auth/register",
              .access = open,
              .handler = [&auth](Request& request) { return register_user(auth, request); },
              .execution = Execution::Cpu});
  router.add({.method = Method::Post,
              .path = "/api/auth/login",
              .access = open,
              .handler = [&auth](Request& request) { return login(auth, request); },
              .execution = Execution::Cpu});
  router.add(
      {.method = Method::Post, .path = "/api/auth/refresh", .access = open, .handler = [&sessions](Request& request) {
         return refresh(sessions, request);
       }});
  router.add(
      {.method = Method::Post, .path = "/api/auth/logout", .access = open, .handler = [&sessions](Request& request) {
         return logout(sessions, request);
       }});
  router.add({.method = Method::Post,
              .path = "/api/auth/password/forgot",
              .access = open,
              .handler = [&resets](Request& request) { return forgot_password(resets, request); }});
  router.add({.method = Method::Post,
              .path = "/api/auth/password/reset",
              .access = open,
              .handler = [&resets](Request& request) { return reset_password(resets, request); },
              .execution = Execution::Cpu});
}

}  // namespace emporium::users
