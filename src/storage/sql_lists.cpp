#include "storage/sql_lists.hpp"

namespace emporium::storage {

std::string placeholders(std::size_t count, std::size_t first) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += ", ";
    out += '$';
    out += std::to_string(first + i);
  }
  return out;
}

std::vector<Param> text_params(std::span<const std::string> values) {
  std::vector<Param> params;
  params.reserve(values.size());
  for (const auto& value : values) params.emplace_back(std::string_view(value));
  return params;
}

std::string_view skip_locked(Backend backend) { return backend == Backend::Postgres ? " FOR UPDATE SKIP LOCKED" : ""; }

}  // namespace emporium::storage
