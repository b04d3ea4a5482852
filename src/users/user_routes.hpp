#pragma once

#include "http/router.hpp"
#include "users/auth_service.hpp"
#include "users/user_service.hpp"

namespace emporium::users {

// /api/users/me (profile, password, deletion) and the admin's /api/users.
void register_user_routes(http::Router& router, UserService& users, AuthService& auth);

}  // namespace emporium::users
