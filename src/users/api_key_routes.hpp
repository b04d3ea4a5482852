#pragma once

#include "http/router.hpp"
#include "users/api_key_service.hpp"

namespace emporium::users {

// /api/api-keys: create (the secret is in this answer only), list, revoke.
void register_api_key_routes(http::Router& router, ApiKeyService& api_keys);

}  // namespace emporium::users
