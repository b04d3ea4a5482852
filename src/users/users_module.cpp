#include "users/users_module.hpp"

#include "users/address_routes.hpp"
#include "users/api_key_routes.hpp"
#include "users/auth_routes.hpp"
#include "users/user_routes.hpp"

namespace emporium::users {

UsersModule::UsersModule(UsersContext context, notifications::Mailer& mailer, UsersSettings settings)
    : context_(context),
      hasher_(settings.hashing),
      tokens_(settings.jwt_key, context_.clock, settings.access_token_lifetime),
      session_cache_(context_.clock, settings.credential_cache_ttl),
      api_key_cache_(context_.clock, settings.credential_cache_ttl),
      throttle_(context_.clock),
      sessions_(context_, tokens_, session_cache_, settings.sessions),
      auth_(context_, hasher_, sessions_, throttle_),
      resets_(context_, hasher_, sessions_, mailer, throttle_, settings.resets),
      users_(context_, hasher_, sessions_, api_key_cache_),
      api_keys_(context_, api_key_cache_),
      addresses_(context_),
      authenticator_(sessions_, api_keys_) {}

void UsersModule::register_routes(http::Router& router) {
  register_auth_routes(router, auth_, sessions_, resets_);
  register_user_routes(router, users_, auth_);
  register_address_routes(router, addresses_);
  register_api_key_routes(router, api_keys_);
}

}  // namespace emporium::users
