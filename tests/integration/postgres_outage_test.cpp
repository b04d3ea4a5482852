// PostgreSQL goes away and comes back: the server answers 503 quickly meanwhile and recovers by itself.
// Stops the shared test cluster, so CTest runs it alone (RUN_SERIAL).
#include <gtest/gtest.h>

#include <cstdlib>

#include "assertions.hpp"
#include "eventually.hpp"
#include "server_process.hpp"

namespace emporium::testing {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kQuickAnswer{2000};

bool run_shell(const char* variable) {
  const auto command = required_env(variable, "run the tests through scripts/with-services");
  const int status = std::system(command.c_str());
  if (status != 0) ADD_FAILURE() << variable << " failed (status " << status << "): " << command;
  return status == 0;
}

// Stops the test cluster; starts it again in end() or, whatever happened in between, in the destructor.
class DatabaseOutage {
 public:
  DatabaseOutage() : started_(run_shell("EMPORIUM_TEST_PG_STOP")) {}
  ~DatabaseOutage() { end(); }
  DatabaseOutage(const DatabaseOutage&) = delete;
  DatabaseOutage& operator=(const DatabaseOutage&) = delete;
  bool started() const { return started_; }
  void end() {
    if (ended_) return;
    ended_ = true;
    run_shell("EMPORIUM_TEST_PG_START");
  }

 private:
  bool started_;
  bool ended_ = false;
};

struct TimedResponse {
  int status = 0;  // 0: no answer (the error says why)
  std::string error;
  HttpResponse response;
  milliseconds took{0};
};

// GET /ready on a new connection (an old one may have been closed), timing the answer.
TimedResponse timed_ready(const ServerProcess& server) {
  const auto start = std::chrono::steady_clock::now();
  TimedResponse result;
  try {
    auto client = server.client();
    result.response = client.get("/ready");
    result.status = result.response.status;
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  result.took = elapsed_since(start);
  return result;
}

TEST(PostgresOutage, ReadyFollowsTheDatabaseDownAndBackUp) {
  ASSERT_EQ(test_backend(), Backend::Postgres) << "this test needs EMPORIUM_TEST_BACKEND=postgres";
  ServerProcess server;
  ASSERT_EQ(timed_ready(server).status, 200) << server.output();

  std::optional<TimedResponse> down;
  int health_while_down = 0;
  {
    DatabaseOutage outage;
    ASSERT_TRUE(outage.started());
    const bool noticed = eventually(
        [&] {
          auto ready = timed_ready(server);
          EXPECT_LT(ready.took, kQuickAnswer) << "/ready took too long with the database down: " << ready.error;
          if (ready.status != 503) return false;
          down = std::move(ready);
          return true;
        },
        milliseconds(5000));
    health_while_down = server.client().get("/health").status;
    outage.end();
    ASSERT_TRUE(noticed) << "/ready never answered 503 with the database down\n" << server.output();
  }
  EXPECT_TRUE(is_problem(down->response, 503, "service_unavailable"));
  EXPECT_EQ(health_while_down, 200) << "liveness must not depend on the database";

  const bool recovered =
      eventually([&] { return timed_ready(server).status == 200; }, milliseconds(15'000), milliseconds(100));
  EXPECT_TRUE(recovered) << "/ready did not return to 200 after the database came back\n" << server.output();
  EXPECT_EQ(server.stop(), 0) << server.output();
}

}  // namespace
}  // namespace emporium::testing
