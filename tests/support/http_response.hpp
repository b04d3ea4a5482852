#pragma once
// One HTTP response as a test sees it.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emporium::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  std::string reason;
  Headers headers;  // in the order they came
  std::string body;

  // The first header of that name (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
  bool has_header(std::string_view name) const { return header(name).has_value(); }
  // The body parsed as JSON; throws, quoting the body, when it is not JSON.
  boost::json::value json() const;
  boost::json::object json_object() const;
  // Status line, headers and body, for failure messages.
  std::string describe() const;
};

// Throws std::runtime_error "<what> failed:" and the response, for helpers whose request must succeed.
[[noreturn]] void throw_failed(const std::string& what, const HttpResponse& response);

bool iequals(std::string_view a, std::string_view b);
// True when `text` contains `part`, ignoring ASCII case.
bool icontains(std::string_view text, std::string_view part);

}  // namespace emporium::testing
