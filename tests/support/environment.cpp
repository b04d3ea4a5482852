#include "environment.hpp"

#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string_view>

extern char** environ;

#ifndef EMPORIUM_BINARY
#error "EMPORIUM_BINARY must be defined by the build (path of the emporium executable)"
#endif

namespace emporium::testing {

Backend test_backend() {
  const auto name = optional_env("EMPORIUM_TEST_BACKEND").value_or("sqlite");
  if (name == "sqlite") return Backend::Sqlite;
  if (name == "postgres") return Backend::Postgres;
  throw std::runtime_error("EMPORIUM_TEST_BACKEND must be sqlite or postgres, got \"" + name + "\"");
}

const char* to_string(Backend backend) { return backend == Backend::Postgres ? "postgres" : "sqlite"; }

std::optional<std::string> optional_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::string required_env(const char* name, const std::string& why) {
  auto value = optional_env(name);
  if (!value) throw std::runtime_error(std::string(name) + " is not set: " + why);
  return *value;
}

std::vector<std::string> child_environment(const EnvVars& extra) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    const auto name = text.substr(0, equals);
    if (name.starts_with("EMPORIUM_") && !name.starts_with("EMPORIUM_TEST_")) continue;
    variables[std::string(name)] = std::string(text.substr(equals + 1));
  }
  for (const auto& [name, value] : extra) variables[name] = value;
  std::vector<std::string> result;
  result.reserve(variables.size());
  for (const auto& [name, value] : variables) result.push_back(name + "=" + value);
  return result;
}

std::string emporium_binary() { return EMPORIUM_BINARY; }

}  // namespace emporium::testing
