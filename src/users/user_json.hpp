#pragma once

#include <boost/json/object.hpp>

#include "users/api_key_store.hpp"
#include "users/sessions.hpp"
#include "users/user.hpp"

namespace emporium::users {

boost::json::object to_json(const User& user);
boost::json::object to_json(const TokenPair& tokens);
boost::json::object to_json(const ApiKey& key);

}  // namespace emporium::users
