#include "users/user_json.hpp"

namespace emporium::users {

boost::json::object to_json(const User& user) {
  const auto& preferences = user.preferences;
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"role", http::to_string(user.role)},
          {"disabled", user.disabled},
          {"preferences",
           {{"emailOrderUpdates", preferences.email_order_updates},
            {"marketingEmails", preferences.marketing_emails},
            {"language", preferences.language},
            {"currency", preferences.currency}}},
          {"createdAt", to_iso8601(user.created_at)},
          {"updatedAt", to_iso8601(user.updated_at)}};
}

boost::json::object to_json(const TokenPair& tokens) {
  return {{"accessToken", tokens.access_token},
          {"refreshToken", tokens.refresh_token},
          {"expiresIn", tokens.expires_in},
          {"tokenType", "Bearer"}};
}

boost::json::object to_json(const ApiKey& key) {
  boost::json::object json{{"id", key.id},
                           {"name", key.name},
                           {"prefix", key.prefix},
                           {"createdAt", to_iso8601(key.created_at)},
                           {"lastUsedAt", nullptr}};
  if (key.last_used_at) json["lastUsedAt"] = to_iso8601(*key.last_used_at);
  return json;
}

}  // namespace emporium::users
