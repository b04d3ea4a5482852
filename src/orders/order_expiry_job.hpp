#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace emporium::orders {

// A background thread that runs `sweep` every `interval` until stopped. Stopping is prompt: the thread waits
// on a condition variable, not a sleep, and `sweep` is told to stop between batches through `stopping`.
// A sweep that throws is logged and tried again at the next interval.
class OrderExpiryJob {
 public:
  using Sweep = std::function<void(const std::function<bool()>& stopping)>;

  OrderExpiryJob(std::chrono::milliseconds interval, Sweep sweep);
  ~OrderExpiryJob();  // stops
  OrderExpiryJob(const OrderExpiryJob&) = delete;
  OrderExpiryJob& operator=(const OrderExpiryJob&) = delete;

  void start();  // no-op when running
  void stop();   // joins; no-op when not running

 private:
  void run();
  bool stopping() const;

  std::chrono::milliseconds interval_;
  Sweep sweep_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace emporium::orders
