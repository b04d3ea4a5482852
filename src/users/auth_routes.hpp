#pragma once

#include "http/router.hpp"
#include "users/auth_service.hpp"
#include "users/password_reset_service.hpp"

namespace emporium::users {

// /api/auth/register, /login, /refresh, /logout, /password/forgot, /password/reset.
void register_auth_routes(http::Router& router, AuthService& auth, Sessions& sessions, PasswordResetService& resets);

}  // namespace emporium::users
