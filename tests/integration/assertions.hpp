#pragma once
// Assertions shared by the integration tests.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include <boost/json/serialize.hpp>

#include "http_response.hpp"

namespace emporium::testing {

// A JSON value as text: strings without quotes, anything else serialized (for EXPECT_EQ with strings).
inline std::string str(const boost::json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : boost::json::serialize(value);
}

// An RFC 9457 problem+json answer with `status` and `code`, carrying the fields API.md promises and the
// same request id as the X-Request-Id header.
inline ::testing::AssertionResult is_problem(const HttpResponse& response, int status, std::string_view code) {
  const auto fail = [&](const std::string& why) {
    return ::testing::AssertionFailure() << why << "\n" << response.describe();
  };
  if (response.status != status) return fail("status is not " + std::to_string(status));
  if (response.header("Content-Type") != "application/problem+json") return fail("not application/problem+json");
  boost::json::object body;
  try {
    body = response.json_object();
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  for (const auto* field : {"type", "title", "detail", "code", "requestId"}) {
    if (!body.contains(field) || !body.at(field).is_string()) return fail(std::string("no string field ") + field);
  }
  if (!body.contains("status") || body.at("status") != boost::json::value(status)) return fail("field status is wrong");
  if (body.at("code").as_string() != code) return fail("code is not " + std::string(code));
  if (body.at("requestId").as_string() != response.header("X-Request-Id").value_or("<none>"))
    return fail("requestId differs from the X-Request-Id header");
  return ::testing::AssertionSuccess();
}

// The value of the first Prometheus sample whose line starts with `name` and contains every one of `parts`.
inline std::optional<double> prometheus_sample(const std::string& text, std::string_view name,
                                               std::initializer_list<std::string_view> parts = {}) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (!line.starts_with(name) || (line.size() > name.size() && line[name.size()] != '{' && line[name.size()] != ' '))
      continue;
    bool all = true;
    for (const auto part : parts) all = all && line.find(part) != std::string_view::npos;
    if (all) return std::stod(std::string(line.substr(line.rfind(' ') + 1)));
  }
  return std::nullopt;
}

}  // namespace emporium::testing
