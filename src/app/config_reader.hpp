#pragma once
// Reading typed values from the environment, for the config_*.cpp files.

#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "app/config.hpp"
#include "support/strings.hpp"

namespace emporium::app {

class Reader {
 public:
  explicit Reader(const Environment& environment) : environment_(environment) {}

  // The value, or nothing when unset or blank.
  std::optional<std::string> text(const char* name) const {
    auto value = environment_(name);
    if (value && trim(*value).empty()) return std::nullopt;
    return value;
  }

  template <class Int>
  void integer(const char* name, Int& out, std::int64_t min, std::int64_t max) const {
    const auto value = text(name);
    if (!value) return;
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
    if (error != std::errc() || end != value->data() + value->size() || number < min || number > max) {
      throw ConfigError(std::string(name) + " must be an integer from " + std::to_string(min) + " to " +
                        std::to_string(max) + ", got \"" + *value + "\"");
    }
    out = static_cast<Int>(number);
  }

  void millis(const char* name, std::chrono::milliseconds& out, std::int64_t min, std::int64_t max) const {
    std::int64_t value = out.count();
    integer(name, value, min, max);
    out = std::chrono::milliseconds(value);
  }

  // true/false (also 1/0, yes/no).
  void boolean(const char* name, bool& out) const;
  // An http(s) URL without a trailing slash ("https://api.stripe.com").
  void base_url(const char* name, std::string& out) const;

 private:
  const Environment& environment_;
};

// Payments, invoices, mail and webhooks (config_integrations.cpp).
void read_integrations(const Reader& env, Config& config);

}  // namespace emporium::app
