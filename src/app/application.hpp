#pragma once

#include <memory>

#include "app/config.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::app {

// The composition root: builds every service once, in order, and owns them for the life of the process.
// config → data dir → database → migrations → routes → middleware → server.
class Application {
 public:
  explicit Application(Config config);
  ~Application();
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  // Opens the database and applies pending migrations. Throws std::runtime_error with a one-line reason.
  void open_and_migrate();
  // Serves until SIGTERM/SIGINT; returns the process exit code.
  int serve();

  storage::Database& database();
  const Clock& clock() const { return clock_; }
  IdGenerator& ids() { return ids_; }
  const Config& config() const { return config_; }

 private:
  Config config_;
  SystemClock clock_;
  IdGenerator ids_{clock_};
  std::unique_ptr<storage::Database> database_;
};

}  // namespace emporium::app
