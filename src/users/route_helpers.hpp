#pragma once

#include "http/json_body.hpp"
#include "http/request.hpp"
#include "users/password_hasher.hpp"
#include "users/users_context.hpp"

namespace emporium::users {

inline ClientInfo client_of(const http::Request& request) {
  return {request.client_ip, std::string(request.header("User-Agent").value_or(""))};
}

// Passwords are taken as typed: no trimming, 10 to 1024 characters.
inline const http::StringRule kPasswordRule{
    .min_length = PasswordHasher::kMinLength, .max_length = PasswordHasher::kMaxLength, .trim = false};
inline const http::StringRule kNameRule{.min_length = 1, .max_length = 100};
inline const http::StringRule kEmailRule{.min_length = 3, .max_length = 254};

}  // namespace emporium::users
