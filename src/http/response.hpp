#pragma once

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emporium::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close_connection = false;

  // Replaces every header of that name (case-insensitive) with one value.
  void set_header(std::string_view name, std::string value);
  void add_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;
};

Response json_response(int status, const boost::json::value& body);
Response text_response(int status, std::string content_type, std::string body);
Response no_content();

}  // namespace emporium::http
