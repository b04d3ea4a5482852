#include "support/log.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace emporium::log {
namespace {

TEST(LogLine, JsonEscapesEveryValue) {
  const auto line = format_line(Format::Json, "request", {{"path", "/a\"b\\c\n"}, {"status", 200}, {"ok", true}});
  const auto parsed = boost::json::parse("{" + line + "}");
  EXPECT_EQ(parsed.at("msg"), "request");
  EXPECT_EQ(parsed.at("path"), "/a\"b\\c\n");
  EXPECT_EQ(parsed.at("status"), 200);
  EXPECT_EQ(parsed.at("ok"), true);
}

TEST(LogLine, JsonEscapesControlCharacters) {
  const auto line = format_line(Format::Json, "x", {{"v", std::string_view("\x01\x1f", 2)}});
  EXPECT_NE(line.find("\\u0001\\u001f"), std::string::npos) << line;
  EXPECT_NO_THROW(boost::json::parse("{" + line + "}"));
}

TEST(LogLine, TextQuotesValuesWithSpaces) {
  EXPECT_EQ(format_line(Format::Text, "request", {{"path", "/a b"}, {"status", 404}}),
            "request path=\"/a b\" status=404");
}

}  // namespace
}  // namespace emporium::log
