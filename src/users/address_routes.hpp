#pragma once

#include "http/router.hpp"
#include "users/address_service.hpp"

namespace emporium::users {

// The address book of the signed-in user: GET|POST /api/users/me/addresses and
// GET|PUT|DELETE /api/users/me/addresses/:id. JSON fields are camelCase; absent optional texts are null.
void register_address_routes(http::Router& router, AddressService& addresses);

}  // namespace emporium::users
