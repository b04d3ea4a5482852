#include "storage/pooled_database.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "support/log.hpp"
#include "support/random.hpp"

namespace emporium::storage {

std::string_view to_string(Backend backend) { return backend == Backend::Sqlite ? "sqlite" : "postgres"; }

// Returns the connection to the pool when it goes out of scope, or drops it when it is broken.
class PooledDatabase::Lease {
 public:
  Lease(PooledDatabase& database, std::unique_ptr<BackendConnection> connection)
      : database_(database), connection_(std::move(connection)) {}
  ~Lease() { database_.release(std::move(connection_)); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  BackendConnection& operator*() const { return *connection_; }

 private:
  PooledDatabase& database_;
  std::unique_ptr<BackendConnection> connection_;
};

PooledDatabase::PooledDatabase(Backend backend, PoolOptions options, Factory factory)
    : backend_(backend), options_(options), factory_(std::move(factory)) {}

PooledDatabase::~PooledDatabase() = default;

std::unique_ptr<BackendConnection> PooledDatabase::acquire() {
  std::unique_lock lock(mutex_);
  if (idle_.empty() && open_ >= options_.max_size) {
    ++waits_;
    const bool got_one =
        available_.wait_for(lock, options_.wait_timeout, [&] { return !idle_.empty() || open_ < options_.max_size; });
    if (!got_one) {
      ++wait_timeouts_;
      throw DatabaseUnavailable(fmt::format("no free database connection within {} ms (pool of {})",
                                            options_.wait_timeout.count(), options_.max_size));
    }
  }
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;  // reserve the slot, then connect without holding the lock
  lock.unlock();
  try {
    return factory_();
  } catch (...) {
    ++connect_failures_;
    lock.lock();
    --open_;
    available_.notify_one();
    throw;
  }
}

void PooledDatabase::release(std::unique_ptr<BackendConnection> connection) {
  const std::lock_guard lock(mutex_);
  if (connection && connection->healthy()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  available_.notify_one();
}

// Two transactions that deadlocked and retried at once would meet again: a random 1–5 ms pause (growing with
// the attempt) sets them apart.
void PooledDatabase::pause_before_retry(int attempt) {
  const auto most = std::min(5 * attempt, 20);
  const auto jitter = static_cast<std::int64_t>(random_u64() % static_cast<std::uint64_t>(most));
  std::this_thread::sleep_for(std::chrono::milliseconds(1 + jitter));
}

void PooledDatabase::transaction(TxMode mode, const std::function<bool(Connection&)>& body) {
  // The gate is taken before a connection, so queued writers do not hold every connection of the pool.
  std::unique_lock gate(write_gate_, std::defer_lock);
  if (mode == TxMode::Write && options_.serialize_writes && !gate.try_lock_for(options_.wait_timeout))
    throw UnavailableError("waited " + std::to_string(options_.wait_timeout.count()) + " ms for the database writer",
                           "The database is busy. Try again.");
  for (int attempt = 1;; ++attempt) {
    Lease lease(*this, acquire());
    auto& connection = *lease;
    try {
      connection.begin(mode);
      if (body(connection)) {
        connection.commit();
      } else {
        connection.rollback();
      }
      return;
    } catch (const RetryableConflict& conflict) {
      if (connection.healthy()) connection.rollback();
      if (attempt >= options_.max_attempts) throw;
      ++retries_;
      log::debug("transaction retried", {{"attempt", attempt}, {"reason", conflict.what()}});
      pause_before_retry(attempt);
    } catch (...) {
      try {
        if (connection.healthy()) connection.rollback();
      } catch (const std::exception& e) {
        log::warn("rollback failed", {{"error", e.what()}});
      }
      throw;
    }
  }
}

void PooledDatabase::with_connection(const std::function<void(Connection&)>& work) {
  Lease lease(*this, acquire());
  work(*lease);
}

bool PooledDatabase::ping() {
  try {
    with_connection([](Connection& connection) { connection.query("SELECT 1"); });
    return true;
  } catch (const std::exception& e) {
    log::warn("database ping failed", {{"error", e.what()}});
    return false;
  }
}

PoolStats PooledDatabase::pool_stats() const {
  const std::lock_guard lock(mutex_);
  return {.size = open_, .in_use = open_ - idle_.size(), .capacity = options_.max_size};
}

void PooledDatabase::Metrics::write_prometheus(std::string& out) const {
  const auto stats = database_.pool_stats();
  const auto backend = to_string(database_.backend_);
  fmt::format_to(
      std::back_inserter(out),
      "# HELP emporium_db_pool_connections Database connections open, by state.\n"
      "# TYPE emporium_db_pool_connections gauge\n"
      "emporium_db_pool_connections{{backend=\"{0}\",state=\"in_use\"}} {1}\n"
      "emporium_db_pool_connections{{backend=\"{0}\",state=\"idle\"}} {2}\n"
      "# HELP emporium_db_pool_capacity Most connections the pool opens.\n"
      "# TYPE emporium_db_pool_capacity gauge\nemporium_db_pool_capacity{{backend=\"{0}\"}} {3}\n"
      "# HELP emporium_db_pool_waits_total Acquisitions that had to wait for a free connection.\n"
      "# TYPE emporium_db_pool_waits_total counter\nemporium_db_pool_waits_total{{backend=\"{0}\"}} {4}\n"
      "# HELP emporium_db_pool_wait_timeouts_total Acquisitions that gave up waiting (answered 503).\n"
      "# TYPE emporium_db_pool_wait_timeouts_total counter\nemporium_db_pool_wait_timeouts_total{{backend=\"{0}\"}} "
      "{5}\n"
      "# HELP emporium_db_connect_failures_total Failed attempts to open a connection.\n"
      "# TYPE emporium_db_connect_failures_total counter\nemporium_db_connect_failures_total{{backend=\"{0}\"}} {6}\n"
      "# HELP emporium_db_transaction_retries_total Transactions rerun after a deadlock, serialization failure or busy "
      "database.\n"
      "# TYPE emporium_db_transaction_retries_total counter\nemporium_db_transaction_retries_total{{backend=\"{0}\"}} "
      "{7}\n",
      backend, stats.in_use, stats.size - stats.in_use, stats.capacity, database_.waits_.load(),
      database_.wait_timeouts_.load(), database_.connect_failures_.load(), database_.retries_.load());
}

}  // namespace emporium::storage
