#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace emporium::storage {

// What a backend's connection adds to Connection for the pool and transactions.
class BackendConnection : public Connection {
 public:
  virtual void begin(TxMode mode) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // False once the link to the server is broken: the pool then drops the connection.
  virtual bool healthy() const = 0;
};

struct PoolOptions {
  std::size_t max_size = 16;
  std::chrono::milliseconds wait_timeout{2000};  // waiting for a free connection; then 503
  int max_attempts = 3;                          // for transactions that hit a RetryableConflict
  // SQLite allows one writer at a time: writers of this process queue on a mutex (handed over in microseconds)
  // instead of in SQLite's busy handler, which sleeps in steps of up to 100 ms and gives long tails.
  bool serialize_writes = false;
};

// Pooling, transactions and retries shared by both backends; a backend supplies connections.
class PooledDatabase : public Database {
 public:
  using Factory = std::function<std::unique_ptr<BackendConnection>()>;

  PooledDatabase(Backend backend, PoolOptions options, Factory factory);
  ~PooledDatabase() override;

  Backend backend() const override { return backend_; }
  void transaction(TxMode mode, const std::function<bool(Connection&)>& body) override;
  void with_connection(const std::function<void(Connection&)>& work) override;
  bool ping() override;
  PoolStats pool_stats() const override;
  const MetricsSource& metrics() const override { return metrics_; }

 private:
  class Lease;
  class Metrics final : public MetricsSource {
   public:
    explicit Metrics(const PooledDatabase& database) : database_(database) {}
    void write_prometheus(std::string& out) const override;

   private:
    const PooledDatabase& database_;
  };

  std::unique_ptr<BackendConnection> acquire();
  void release(std::unique_ptr<BackendConnection> connection);
  static void pause_before_retry(int attempt);

  Backend backend_;
  PoolOptions options_;
  Factory factory_;
  mutable std::mutex mutex_;
  std::timed_mutex write_gate_;  // serialize_writes: held from before BEGIN IMMEDIATE to after COMMIT
  std::condition_variable available_;
  std::vector<std::unique_ptr<BackendConnection>> idle_;
  std::size_t open_ = 0;  // idle + in use (+ being opened)
  std::atomic<std::uint64_t> waits_{0};
  std::atomic<std::uint64_t> wait_timeouts_{0};
  std::atomic<std::uint64_t> connect_failures_{0};
  std::atomic<std::uint64_t> retries_{0};
  Metrics metrics_{*this};
};

}  // namespace emporium::storage
