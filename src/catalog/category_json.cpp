#include "catalog/category_json.hpp"

#include <boost/json/array.hpp>

namespace emporium::catalog {
namespace {
boost::json::array path_json(const std::vector<Category>& path) {
  boost::json::array steps;
  steps.reserve(path.size());
  for (const auto& step : path)
    steps.push_back(boost::json::object{{"id", step.id}, {"slug", step.slug}, {"name", step.name}});
  return steps;
}
}  // namespace

boost::json::object to_json(const Category& category, const std::vector<Category>& path) {
  boost::json::value parent_id = nullptr;
  if (category.parent_id) parent_id = boost::json::string(*category.parent_id);
  return {{"id", category.id},
          {"slug", category.slug},
          {"name", category.name},
          {"description", category.description},
          {"parentId", std::move(parent_id)},
          {"position", category.position},
          {"depth", category.depth()},
          {"path", path_json(path)},
          {"createdAt", to_iso8601(category.created_at)},
          {"updatedAt", to_iso8601(category.updated_at)}};
}

boost::json::object category_ref_json(const Category& category, const std::vector<Category>& path) {
  return {{"id", category.id}, {"slug", category.slug}, {"name", category.name}, {"path", path_json(path)}};
}

}  // namespace emporium::catalog
