#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace emporium::http {

enum class Role { Customer, Vendor, Admin };

std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);

// Who is making the request, once their credentials were checked.
struct Principal {
  std::string user_id;
  Role role = Role::Customer;
  std::string session_id;  // empty for API keys
  std::string api_key_id;  // empty for bearer tokens
};

}  // namespace emporium::http
