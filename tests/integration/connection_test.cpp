// HTTP/1.1 on the wire: keep-alive, pipelining, chunked bodies, 100-continue, body limits.
#include <gtest/gtest.h>

#include <array>
#include <charconv>

#include "assertions.hpp"
#include "server_process.hpp"

namespace emporium::testing {
namespace {

const EnvVars kSmallBodies{{"EMPORIUM_MAX_BODY_BYTES", "2048"}};

std::string get_request(std::string_view target, std::string_view request_id) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: t\r\nX-Request-Id: " + std::string(request_id) + "\r\n\r\n";
}

// A chunked-encoded body of `chunks` chunks of `chunk_size` bytes each.
std::string chunked(std::size_t chunks, std::size_t chunk_size) {
  std::array<char, 16> hex{};
  const auto end = std::to_chars(hex.data(), hex.data() + hex.size(), chunk_size, 16).ptr;
  const std::string size_line = std::string(hex.data(), end) + "\r\n";
  std::string body;
  for (std::size_t i = 0; i < chunks; ++i) body += size_line + std::string(chunk_size, 'x') + "\r\n";
  return body + "0\r\n\r\n";
}

TEST(Connection, KeepAliveServesHundredRequestsOnOneConnection) {
  ServerProcess server;
  {
    auto client = server.client();
    for (int i = 0; i < 100; ++i) {
      const auto response = client.get("/health");
      ASSERT_EQ(response.status, 200) << "request " << i + 1;
      ASSERT_NE(response.header("Connection"), "close");
    }
  }
  auto observer = server.client();
  const auto metrics = observer.get("/metrics").body;
  // One connection for the hundred requests, one for this look at the metrics.
  EXPECT_EQ(prometheus_sample(metrics, "emporium_http_connections_accepted_total"), 2.0) << metrics;
}

TEST(Connection, PipelinedRequestsAreAnsweredInOrder) {
  ServerProcess server;
  auto connection = server.connect();
  connection.send(get_request("/health", "pipe-1") + get_request("/api/nope", "pipe-2") +
                  get_request("/health", "pipe-3"));
  const auto first = connection.read_response();
  const auto second = connection.read_response();
  const auto third = connection.read_response();
  EXPECT_EQ(first.header("X-Request-Id"), "pipe-1");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.header("X-Request-Id"), "pipe-2");
  EXPECT_EQ(second.status, 404);
  EXPECT_EQ(third.header("X-Request-Id"), "pipe-3");
  EXPECT_EQ(third.status, 200);
}

TEST(Connection, ChunkedBodyIsReadAndTheConnectionStaysUsable) {
  ServerProcess server;
  auto connection = server.connect();
  connection.send(
      "POST /api/x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n" +
      chunked(3, 10));
  EXPECT_TRUE(is_problem(connection.read_response(), 404, "not_found"));
  connection.send(get_request("/health", "after-chunked"));
  const auto next = connection.read_response();
  EXPECT_EQ(next.status, 200) << next.describe();
  EXPECT_EQ(next.header("X-Request-Id"), "after-chunked");
}

TEST(Connection, ContentLengthOverTheLimitIs413AndCloses) {
  ServerProcess server(kSmallBodies);
  auto connection = server.connect();
  connection.send("POST /api/x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n" +
                  std::string(4096, 'x'));
  const auto response = connection.read_response();
  EXPECT_TRUE(is_problem(response, 413, "payload_too_large"));
  EXPECT_EQ(response.header("Connection"), "close");
  EXPECT_TRUE(connection.wait_for_close().closed);
}

TEST(Connection, ChunkedBodyOverTheLimitIs413) {
  ServerProcess server(kSmallBodies);
  auto connection = server.connect();
  connection.send(
      "POST /api/x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n" +
      chunked(4, 1024));
  const auto response = connection.read_response();
  EXPECT_TRUE(is_problem(response, 413, "payload_too_large"));
  EXPECT_TRUE(connection.wait_for_close().closed);
}

TEST(Connection, ExpectContinueGets100BeforeTheAnswer) {
  ServerProcess server;
  auto connection = server.connect();
  connection.send(
      "POST /api/x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
      "Expect: 100-continue\r\n\r\n");
  const auto interim = connection.read_response();
  EXPECT_EQ(interim.status, 100) << interim.describe();
  connection.send("{}");
  EXPECT_TRUE(is_problem(connection.read_response(), 404, "not_found"));
}

TEST(Connection, ExpectContinueOverTheLimitIs413Without100) {
  ServerProcess server(kSmallBodies);
  auto connection = server.connect();
  connection.send(
      "POST /api/x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n"
      "Expect: 100-continue\r\n\r\n");
  EXPECT_TRUE(is_problem(connection.read_response(), 413, "payload_too_large"));
}

TEST(Connection, HeaderOver16KiBIs431) {
  ServerProcess server;
  auto connection = server.connect();
  connection.send("GET /health HTTP/1.1\r\nHost: t\r\nX-Padding: " + std::string(17 * 1024, 'a') + "\r\n\r\n");
  EXPECT_TRUE(is_problem(connection.read_response(), 431, "header_too_large"));
  EXPECT_TRUE(connection.wait_for_close().closed);
}

TEST(Connection, MalformedRequestLineIs400) {
  ServerProcess server;
  auto connection = server.connect();
  connection.send("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_TRUE(is_problem(connection.read_response(), 400, "bad_request"));
  EXPECT_TRUE(connection.wait_for_close().closed);
}

TEST(Connection, MalformedTargetIs400) {
  ServerProcess server;
  auto connection = server.connect();
  connection.send("GET /health%zz HTTP/1.1\r\nHost: t\r\n\r\n");  // a broken percent-escape
  EXPECT_TRUE(is_problem(connection.read_response(), 400, "bad_request"));
  EXPECT_TRUE(connection.wait_for_close().closed);
}

}  // namespace
}  // namespace emporium::testing
