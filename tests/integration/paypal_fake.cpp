#include "paypal_fake.hpp"

#include <boost/json/serialize.hpp>

namespace emporium::testing {

boost::json::value FakePayPal::control(std::string_view method, std::string_view path,
                                       const boost::json::object& body) {
  auto client = service_.client();
  const auto response = method == "GET" ? client.get(path)
                                        : client.request(method, path, {{"Content-Type", "application/json"}},
                                                         boost::json::serialize(body));
  if (response.status != 200) throw_failed("fake PayPal " + std::string(path), response);
  return response.json();
}

std::vector<boost::json::object> FakePayPal::requests(std::string_view path_prefix, std::string_view method) {
  std::vector<boost::json::object> found;
  const auto all = control("GET", "/_fake/requests");
  for (const auto& request : all.at("requests").as_array()) {
    const auto& entry = request.as_object();
    if (!std::string_view(entry.at("path").as_string()).starts_with(path_prefix)) continue;
    if (!method.empty() && entry.at("method").as_string() != method) continue;
    found.push_back(entry);
  }
  return found;
}

}  // namespace emporium::testing
