// Graceful shutdown on SIGTERM/SIGINT: stop accepting, let in-flight requests finish, drop idle
// connections at once, exit 0.
#include <gtest/gtest.h>

#include <csignal>

#include "assertions.hpp"
#include "eventually.hpp"
#include "server_process.hpp"

namespace emporium::testing {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kLongGrace{20'000};
const EnvVars kLongGraceConfig{{"EMPORIUM_SHUTDOWN_GRACE_MS", std::to_string(kLongGrace.count())}};

bool accepts_connections(unsigned short port) {
  try {
    RawConnection probe(port, milliseconds(1000));
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

TEST(Shutdown, InFlightRequestFinishesAfterSigterm) {
  ServerProcess server(kLongGraceConfig);
  auto connection = server.connect();
  // Expect: 100-continue proves the server has read the header and is now waiting for the body.
  connection.send(
      "POST /api/x HTTP/1.1\r\nHost: t\r\nX-Request-Id: in-flight\r\nContent-Type: application/json\r\n"
      "Content-Length: 10\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_EQ(connection.read_response().status, 100);
  connection.send(R"({"a":)");  // half of the body

  server.signal(SIGTERM);
  ASSERT_TRUE(server.wait_for_log(log_message_is("shutting down"))) << server.output();
  EXPECT_TRUE(eventually([&] { return !accepts_connections(server.port()); }, milliseconds(5000)))
      << "still accepting connections after SIGTERM";

  connection.send(R"( 123})");  // the rest: 10 bytes in all
  const auto response = connection.read_response();
  EXPECT_TRUE(is_problem(response, 404, "not_found"));
  EXPECT_EQ(response.header("X-Request-Id"), "in-flight");
  EXPECT_EQ(response.header("Connection"), "close");
  EXPECT_EQ(server.wait_for_exit(milliseconds(10'000)), 0) << server.output();
}

TEST(Shutdown, IdleConnectionsDoNotDelayExit) {
  ServerProcess server(kLongGraceConfig);
  auto used = server.client();
  ASSERT_EQ(used.get("/health").status, 200);  // now idle, kept alive
  auto silent = server.connect();              // never sends a byte
  const auto start = std::chrono::steady_clock::now();
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait_for_exit(kLongGrace), 0) << server.output();
  EXPECT_LT(elapsed_since(start), milliseconds(3000)) << "idle connections held the shutdown";
  EXPECT_TRUE(used.connection().wait_for_close().closed);
  EXPECT_TRUE(silent.wait_for_close().closed);
}

TEST(Shutdown, SigintStopsTheServerCleanly) {
  ServerProcess server;
  ASSERT_EQ(server.client().get("/health").status, 200);
  server.signal(SIGINT);
  EXPECT_EQ(server.wait_for_exit(milliseconds(10'000)), 0) << server.output();
  EXPECT_TRUE(server.wait_for_log(log_message_is("stopped"))) << server.output();
}

TEST(Shutdown, StopReturnsExitCodeZero) {
  ServerProcess server;
  EXPECT_EQ(server.stop(), 0) << server.output();
}

}  // namespace
}  // namespace emporium::testing
