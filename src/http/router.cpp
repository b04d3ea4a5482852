#include "http/router.hpp"

#include <stdexcept>

namespace emporium::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> parameter;
  std::string parameter_name;
  std::array<const Route*, 8> by_method{};        // indexed by Method
  std::vector<std::string_view> parameter_names;  // of the routes ending here, in order
};

namespace {
std::vector<std::string_view> split_pattern(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/')
    throw std::logic_error("route must start with '/': " + std::string(pattern));
  std::vector<std::string_view> parts;
  std::size_t start = 1;
  while (start <= pattern.size()) {
    const auto end = pattern.find('/', start);
    const auto part = pattern.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (part.empty() && !(parts.empty() && pattern.size() == 1))
      throw std::logic_error("empty segment in route: " + std::string(pattern));
    if (!part.empty()) parts.push_back(part);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::size_t slot(Method method) { return static_cast<std::size_t>(method); }

std::string allowed_methods(const std::array<const Route*, 8>& by_method) {
  std::string allow;
  const auto append = [&](std::string_view name) {
    if (!allow.empty()) allow += ", ";
    allow += name;
  };
  for (const auto method : {Method::Get, Method::Head, Method::Post, Method::Put, Method::Patch, Method::Delete}) {
    if (by_method[slot(method)] || (method == Method::Head && by_method[slot(Method::Get)])) append(to_string(method));
  }
  append("OPTIONS");
  return allow;
}
}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

const Route& Router::add(Route route) {
  Node* node = root_.get();
  std::vector<std::string_view> names;
  for (const auto part : split_pattern(route.path)) {
    if (part.front() == ':') {
      const auto name = part.substr(1);
      if (name.empty()) throw std::logic_error("unnamed parameter in route: " + route.path);
      if (!node->parameter) {
        node->parameter = std::make_unique<Node>();
        node->parameter_name = std::string(name);
      } else if (node->parameter_name != name) {
        throw std::logic_error("parameter :" + std::string(name) + " conflicts with :" + node->parameter_name +
                               " in route " + route.path);
      }
      names.push_back(node->parameter_name);
      node = node->parameter.get();
    } else {
      auto& child = node->literals[std::string(part)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  if (route.method == Method::Head || route.method == Method::Options || route.method == Method::Other)
    throw std::logic_error("HEAD and OPTIONS are answered by the server: " + route.path);
  if (node->by_method[slot(route.method)])
    throw std::logic_error("duplicate route: " + std::string(to_string(route.method)) + " " + route.path);
  route.index = routes_.size();
  routes_.push_back(std::make_unique<Route>(std::move(route)));
  node->by_method[slot(routes_.back()->method)] = routes_.back().get();
  node->parameter_names = std::move(names);
  return *routes_.back();
}

const Router::Node* Router::find(const Node& node, const std::vector<std::string>& segments, std::size_t at,
                                 std::vector<std::string>& values) const {
  if (at == segments.size()) {
    for (const auto* route : node.by_method) {
      if (route) return &node;
    }
    return nullptr;
  }
  const auto& segment = segments[at];
  if (const auto literal = node.literals.find(segment); literal != node.literals.end()) {
    if (const auto* found = find(*literal->second, segments, at + 1, values)) return found;
  }
  if (node.parameter && !segment.empty()) {
    values.push_back(segment);
    if (const auto* found = find(*node.parameter, segments, at + 1, values)) return found;
    values.pop_back();
  }
  return nullptr;
}

Router::Match Router::match(Method method, const std::vector<std::string>& segments) const {
  Match result;
  std::vector<std::string> values;
  const Node* node = find(*root_, segments, 0, values);
  if (!node) return result;
  result.allow = allowed_methods(node->by_method);
  const auto lookup = method == Method::Head ? Method::Get : method;
  if (lookup == Method::Options || lookup == Method::Other) return result;
  result.route = node->by_method[slot(lookup)];
  if (result.route) {
    // Names come from the route that ends here; all routes of one node share their parameter names.
    for (std::size_t i = 0; i < values.size() && i < node->parameter_names.size(); ++i)
      result.params.emplace_back(node->parameter_names[i], std::move(values[i]));
  }
  return result;
}

}  // namespace emporium::http
