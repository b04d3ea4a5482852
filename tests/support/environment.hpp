#pragma once
// The environment the tests run in and the one they give to the emporium processes they start.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace emporium::testing {

// Variables to set for a child process, applied in order (a later entry wins).
using EnvVars = std::vector<std::pair<std::string, std::string>>;

enum class Backend { Sqlite, Postgres };

// EMPORIUM_TEST_BACKEND: "sqlite" (also when unset) or "postgres"; anything else throws.
Backend test_backend();
const char* to_string(Backend backend);

// The variable's value; throws, naming it and `why`, when it is unset or empty.
std::string required_env(const char* name, const std::string& why);
std::optional<std::string> optional_env(const char* name);

// This process's environment without EMPORIUM_* configuration (EMPORIUM_TEST_* stays), then `extra`
// on top: a child sees only the configuration a test chose.
std::vector<std::string> child_environment(const EnvVars& extra);

// Path of the emporium binary under test.
std::string emporium_binary();

}  // namespace emporium::testing
