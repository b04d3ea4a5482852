#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/route.hpp"

namespace emporium::http {

// Maps a method and a path to a route. Paths are written out in full with ":name" parameters
// ("/api/products/:id/variants/:variantId"); literal segments win over parameters.
class Router {
 public:
  struct Match {
    const Route* route = nullptr;  // null: no route for this method (see `allow`) or for this path at all
    std::vector<std::pair<std::string_view, std::string>> params;
    std::string allow;  // methods the path supports, e.g. "GET, HEAD, POST, OPTIONS"; empty when no path matched
  };

  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Throws std::logic_error on a malformed pattern or a second route for the same method and path.
  const Route& add(Route route);
  // `segments` are the decoded path segments ("/api/products/42" → {"api", "products", "42"}).
  Match match(Method method, const std::vector<std::string>& segments) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  struct Node;
  const Node* find(const Node& node, const std::vector<std::string>& segments, std::size_t at,
                   std::vector<std::string>& values) const;

  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace emporium::http
