#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <string>

namespace emporium::http {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

std::string part(std::string_view headers, std::string_view body) {
  return "--XyZ\r\n" + std::string(headers) + "\r\n\r\n" + std::string(body) + "\r\n";
}

std::string form(std::initializer_list<std::string> parts) {
  std::string body;
  for (const auto& p : parts) body += p;
  return body + "--XyZ--\r\n";
}

std::string problem_code(const Result<std::vector<MultipartPart>>& result) {
  return result ? std::string("(parsed)") : result.error().code;
}

TEST(Multipart, ReadsFieldsAndFiles) {
  const auto body = form({part("Content-Disposition: form-data; name=\"title\"", "Blue mug"),
                          part("Content-Disposition: form-data; name=\"image\"; filename=\"mug.png\"\r\n"
                               "Content-Type: image/png",
                               std::string("\x89PNG\r\n\x1a\n\0\r\n-", 13))});
  const auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts) << parts.error().detail;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "title");
  EXPECT_EQ((*parts)[0].filename, std::nullopt);
  EXPECT_EQ((*parts)[0].content_type, "text/plain");
  EXPECT_EQ((*parts)[0].body, "Blue mug");
  EXPECT_EQ((*parts)[1].name, "image");
  EXPECT_EQ((*parts)[1].filename, "mug.png");
  EXPECT_EQ((*parts)[1].content_type, "image/png");
  EXPECT_EQ((*parts)[1].body, std::string_view("\x89PNG\r\n\x1a\n\0\r\n-", 13));  // binary, CRLF and NUL kept
  EXPECT_EQ(find_part(*parts, "image"), &(*parts)[1]);
  EXPECT_EQ(find_part(*parts, "other"), nullptr);
}

TEST(Multipart, BodyViewsPointIntoTheRequestBody) {
  Request request;
  const std::string type(kType);
  request.headers.push_back({"content-type", type});
  request.body = form({part("Content-Disposition: form-data; name=a", "x")});
  const auto parts = parse_multipart(request);
  ASSERT_TRUE(parts);
  EXPECT_GE((*parts)[0].body.data(), request.body.data());
  EXPECT_LT((*parts)[0].body.data(), request.body.data() + request.body.size());
}

TEST(Multipart, AcceptsEmptyBodiesPreambleEpilogueAndPadding) {
  const auto body =
      "This is the preamble.\r\n--XyZ  \t\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n"
      "\r\n--XyZ--  and an epilogue\r\nwith --XyZ in it";
  const auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts) << parts.error().detail;
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].body, "");
  const auto none = parse_multipart(kType, "--XyZ--\r\n");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(Multipart, ReadsQuotedAndUnquotedBoundaries) {
  EXPECT_EQ(*multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk"),
            "----WebKitFormBoundary7MA4YWxk");
  EXPECT_EQ(*multipart_boundary("Multipart/Form-Data;charset=utf-8; BOUNDARY=\"a b:c/d?=e\""), "a b:c/d?=e");
  EXPECT_EQ(*multipart_boundary("multipart/form-data; boundary=\"\\a\\-b\""), "a-b");  // quoted-pairs
  EXPECT_EQ(*multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'b')), std::string(70, 'b'));
}

TEST(Multipart, RefusesInvalidBoundaries) {
  const auto code = [](std::string_view type) {
    const auto result = multipart_boundary(type);
    return result ? std::string("(ok)") : result.error().code;
  };
  EXPECT_EQ(code("multipart/form-data"), "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary="), "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary=\"\""), "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary=" + std::string(71, 'b')), "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary=\"ends with space \""), "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary=\"tab\there\""), "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary=\"unterminated"), "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary=a; boundary=b"), "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary a"), "malformed_multipart");
}

TEST(Multipart, RefusesOtherMediaTypesWith415) {
  for (const auto type : {"application/json", "multipart/mixed; boundary=XyZ", "text/plain", ""}) {
    const auto result = parse_multipart(type, form({part("Content-Disposition: form-data; name=a", "x")}));
    ASSERT_FALSE(result) << type;
    EXPECT_EQ(result.error().status, 415);
    EXPECT_EQ(result.error().code, "unsupported_media_type");
  }
  Request request;  // no Content-Type at all
  EXPECT_EQ(parse_multipart(request).error().status, 415);
}

TEST(Multipart, RefusesMissingBoundariesAsMalformed) {
  const auto one = part("Content-Disposition: form-data; name=a", "x");
  EXPECT_EQ(problem_code(parse_multipart(kType, one)), "malformed_multipart");  // no final boundary
  EXPECT_EQ(problem_code(parse_multipart(kType, one + "--XyZ")), "malformed_multipart");
  EXPECT_EQ(problem_code(parse_multipart(kType, "no boundary here")), "malformed_multipart");
  EXPECT_EQ(problem_code(parse_multipart(kType, "")), "malformed_multipart");
  // "--XyZ" glued to the preamble is not at the start of a line.
  EXPECT_EQ(problem_code(parse_multipart(kType, "preamble--XyZ--\r\n")), "malformed_multipart");
  const auto result = parse_multipart(kType, one);
  EXPECT_EQ(result.error().status, 400);
}

TEST(Multipart, RefusesBoundaryTextInsideContent) {
  // The sender must pick a boundary that does not occur in the content; "--XyZabc" is not a delimiter line.
  const auto body = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZabc\r\n--XyZ--\r\n";
  EXPECT_EQ(problem_code(parse_multipart(kType, body)), "malformed_multipart");
}

TEST(Multipart, RequiresCrlfLineEndings) {
  const auto lf_only = "--XyZ\nContent-Disposition: form-data; name=a\n\nx\n--XyZ--\n";
  EXPECT_EQ(problem_code(parse_multipart(kType, lf_only)), "malformed_multipart");
  const auto bare_lf_in_header = "--XyZ\r\nContent-Disposition: form-data; name=a\nX-Evil: 1\r\n\r\nx\r\n--XyZ--\r\n";
  EXPECT_EQ(problem_code(parse_multipart(kType, bare_lf_in_header)), "malformed_multipart");
  const auto folded = "--XyZ\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nx\r\n--XyZ--\r\n";
  EXPECT_EQ(problem_code(parse_multipart(kType, folded)), "malformed_multipart");
}

TEST(Multipart, RefusesPartsWithoutAFormDataName) {
  for (const auto headers :
       {"Content-Type: text/plain", "Content-Disposition: attachment; name=a", "Content-Disposition: form-data",
        "Content-Disposition: form-data; name=\"\"", "Content-Disposition: form-data; name=a; name=b",
        "Content-Disposition: form-data; name=\"a",
        "Content-Disposition: form-data; name=a\r\n"
        "Content-Disposition: form-data; name=b",
        "Content-Disposition: form-data; name=a\r\nContent-Type:", "no colon here"}) {
    EXPECT_EQ(problem_code(parse_multipart(kType, form({part(headers, "x")}))), "malformed_multipart") << headers;
  }
  const auto no_headers = "--XyZ\r\n\r\nx\r\n--XyZ--\r\n";
  EXPECT_EQ(problem_code(parse_multipart(kType, no_headers)), "malformed_multipart");
}

TEST(Multipart, KeepsFilenamesVerbatimForTheCallerToDistrust) {
  const auto body = form({part("content-disposition: FORM-DATA; filename=\"C:\\dir\\..\\a.png\"; name=f", "x")});
  const auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts) << parts.error().detail;
  EXPECT_EQ((*parts)[0].filename, "C:\\dir\\..\\a.png");
}

TEST(Multipart, IgnoresUnknownHeadersAndParameters) {
  const auto body =
      form({part("X-Custom: 1\r\nContent-Disposition: form-data; name=a; size=3;\r\nContent-Type: text/csv", "1,2")});
  const auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts) << parts.error().detail;
  EXPECT_EQ((*parts)[0].content_type, "text/csv");
}

TEST(Multipart, LimitsThePartCount) {
  std::string body;
  for (int i = 0; i < 17; ++i) body += part("Content-Disposition: form-data; name=f" + std::to_string(i), "x");
  body += "--XyZ--\r\n";
  EXPECT_EQ(problem_code(parse_multipart(kType, body)), "too_many_parts");
  EXPECT_TRUE(parse_multipart(kType, body, {.max_parts = 17, .max_header_bytes = 4096, .max_header_lines = 8}));
}

TEST(Multipart, LimitsPartHeaders) {
  const auto long_header = "Content-Disposition: form-data; name=a\r\nX-Pad: " + std::string(5000, 'p');
  EXPECT_EQ(problem_code(parse_multipart(kType, form({part(long_header, "x")}))), "part_header_too_large");
  std::string many = "Content-Disposition: form-data; name=a";
  for (int i = 0; i < 8; ++i) many += "\r\nX-H" + std::to_string(i) + ": v";
  EXPECT_EQ(problem_code(parse_multipart(kType, form({part(many, "x")}))), "part_header_too_large");
  // A header block that never ends (and is shorter than the limit) is simply malformed.
  EXPECT_EQ(problem_code(parse_multipart(kType, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n")),
            "malformed_multipart");
}

}  // namespace
}  // namespace emporium::http
