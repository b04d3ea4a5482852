// Connection-level bounds: header-read timeout, idle keep-alive timeout, maximum concurrent connections.
#include <gtest/gtest.h>

#include "assertions.hpp"
#include "eventually.hpp"
#include "server_process.hpp"

namespace emporium::testing {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kShortTimeout{300};

TEST(ConnectionLimits, PartialHeaderTimesOutWith408AndClose) {
  ServerProcess server(EnvVars{{"EMPORIUM_HEADER_TIMEOUT_MS", std::to_string(kShortTimeout.count())}});
  auto connection = server.connect();
  const auto start = std::chrono::steady_clock::now();
  connection.send("GET /health HTTP/1.1\r\nHost: t\r\n");  // no blank line: the header never ends
  const auto outcome = connection.try_read_response(milliseconds(5000));
  EXPECT_GE(elapsed_since(start), kShortTimeout - milliseconds(50));
  ASSERT_TRUE(outcome.response) << "expected 408 problem+json before the close, got none: " << outcome.error;
  EXPECT_TRUE(is_problem(*outcome.response, 408, "request_timeout"));
  EXPECT_TRUE(connection.wait_for_close().closed);
}

TEST(ConnectionLimits, IdleKeepAliveConnectionIsClosed) {
  ServerProcess server(EnvVars{{"EMPORIUM_IDLE_TIMEOUT_MS", std::to_string(kShortTimeout.count())}});
  auto client = server.client();
  ASSERT_EQ(client.get("/health").status, 200);
  const auto start = std::chrono::steady_clock::now();
  const auto closed = client.connection().wait_for_close(milliseconds(5000));
  EXPECT_TRUE(closed.closed) << closed.how;
  EXPECT_TRUE(closed.received.empty()) << closed.received;
  EXPECT_GE(elapsed_since(start), kShortTimeout - milliseconds(50));
}

TEST(ConnectionLimits, SilentConnectionIsClosedAfterTheIdleTimeout) {
  ServerProcess server(EnvVars{{"EMPORIUM_IDLE_TIMEOUT_MS", std::to_string(kShortTimeout.count())}});
  auto connection = server.connect();
  const auto closed = connection.wait_for_close(milliseconds(5000));
  EXPECT_TRUE(closed.closed) << closed.how;
}

TEST(ConnectionLimits, ConnectionOverTheLimitGets503) {
  ServerProcess server(EnvVars{{"EMPORIUM_MAX_CONNECTIONS", "2"}});
  auto first = server.client();
  auto second = server.client();
  ASSERT_EQ(first.get("/health").status, 200);  // both are open and counted now
  ASSERT_EQ(second.get("/health").status, 200);
  auto third = server.connect();
  EXPECT_TRUE(is_problem(third.read_response(), 503, "service_unavailable"));
  EXPECT_TRUE(third.wait_for_close().closed);
  EXPECT_EQ(first.get("/health").status, 200);  // the ones inside are unaffected
}

TEST(ConnectionLimits, ClosingAConnectionMakesRoomForAnother) {
  ServerProcess server(EnvVars{{"EMPORIUM_MAX_CONNECTIONS", "1"}});
  {
    auto first = server.client();
    ASSERT_EQ(first.get("/health").status, 200);
  }
  // The server notices the close asynchronously: poll until a new connection is served.
  const bool served = eventually(
      [&] {
        try {
          return server.client().get("/health").status == 200;
        } catch (const std::exception&) {
          return false;
        }
      },
      milliseconds(5000));
  EXPECT_TRUE(served);
}

}  // namespace
}  // namespace emporium::testing
