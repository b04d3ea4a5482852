#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/clock.hpp"

namespace emporium::catalog {

inline constexpr std::string_view kCategoryIdPrefix = "cat";

// A node of the category tree. `path` lists the ids from the root down to the category itself, each followed
// by '/': "/cat_root/cat_child/" — the category's descendants are exactly the rows whose path starts with
// its own.
struct Category {
  std::string id{};
  std::optional<std::string> parent_id{};  // none for a root
  std::string slug{};
  std::string name{};
  std::string description{};
  std::string path{};
  std::int64_t position = 0;  // order among siblings (then name, then id)
  Timestamp created_at{};
  Timestamp updated_at{};

  // 0 for a root, 1 for its children, …
  int depth() const { return static_cast<int>(std::count(path.begin(), path.end(), '/')) - 2; }
};

// The ids of a path, root first ("/a/b/" → {"a", "b"}).
inline std::vector<std::string> path_ids(std::string_view path) {
  std::vector<std::string> ids;
  std::size_t start = 1;
  while (start < path.size()) {
    const auto end = path.find('/', start);
    if (end == std::string_view::npos) break;
    if (end > start) ids.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return ids;
}

// What a client sends to create or replace a category. Optional fields are absent when not sent.
struct CategoryInput {
  std::string name{};
  std::optional<std::string> slug{};         // absent: made from the name (create) or kept (replace)
  std::optional<std::string> description{};  // absent: empty
  std::optional<std::string> parent_id{};    // an id or a slug; absent: a root
  std::optional<std::int64_t> position{};    // absent: 0
};

// A category with its path, root first, itself last: what its representation shows.
struct CategoryView {
  Category category{};
  std::vector<Category> path{};
};

}  // namespace emporium::catalog
