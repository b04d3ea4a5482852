#include "http/request.hpp"

#include <stdexcept>

#include "support/strings.hpp"

namespace emporium::http {

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return h.value;
  }
  return std::nullopt;
}

std::string_view Request::param(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return {};
}

const Principal* Request::principal_or_null() const {
  if (!identity || !identity->has_value() || !identity->value()) return nullptr;
  return &*identity->value();
}

const Principal& Request::principal() const {
  const auto* principal = principal_or_null();
  if (!principal) throw std::logic_error("principal() on an anonymous request: the route's access rule is wrong");
  return *principal;
}

}  // namespace emporium::http
