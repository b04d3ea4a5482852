#pragma once

#include <optional>
#include <string>

namespace emporium::users {

// The key that signs access tokens: EMPORIUM_JWT_SECRET when set (at least 32 bytes, else std::runtime_error),
// otherwise a random key created once in <data_dir>/jwt.key with mode 0600 and reused on every start.
// Several nodes must share EMPORIUM_JWT_SECRET.
std::string load_jwt_key(const std::optional<std::string>& configured, const std::string& data_dir);

}  // namespace emporium::users
