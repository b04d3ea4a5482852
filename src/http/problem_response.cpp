#include "http/problem_response.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace emporium::http {

std::string problem_type(std::string_view code) {
  std::string type = "/problems/";
  type += code;
  std::replace(type.begin() + 10, type.end(), '_', '-');
  return type;
}

Response problem_response(const Problem& problem, std::string_view request_id) {
  boost::json::object body;
  body["type"] = problem_type(problem.code);
  body["title"] = problem.title;
  body["status"] = problem.status;
  body["detail"] = problem.detail;
  body["code"] = problem.code;
  if (!problem.errors.empty()) {
    boost::json::array errors;
    errors.reserve(problem.errors.size());
    for (const auto& error : problem.errors) {
      errors.push_back(boost::json::object{{"field", error.field}, {"message", error.message}});
    }
    body["errors"] = std::move(errors);
  }
  body["requestId"] = request_id;

  Response response;
  response.status = problem.status;
  response.body = boost::json::serialize(body);
  response.headers.emplace_back("Content-Type", "application/problem+json");
  for (const auto& [name, value] : problem.headers) response.headers.emplace_back(name, value);
  return response;
}

}  // namespace emporium::http
