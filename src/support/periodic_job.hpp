#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace emporium {

// A background thread that runs `sweep` every `interval` until stopped. Stopping is prompt: the thread waits
// on a condition variable, not a sleep, and `sweep` is told to stop between batches through `stopping`.
// A sweep that throws is logged and tried again at the next interval.
class PeriodicJob {
 public:
  using Sweep = std::function<void(const std::function<bool()>& stopping)>;

  // `name` appears in the log when a sweep fails ("order expiry", "event dispatch").
  PeriodicJob(std::string name, std::chrono::milliseconds interval, Sweep sweep);
  ~PeriodicJob();  // stops
  PeriodicJob(const PeriodicJob&) = delete;
  PeriodicJob& operator=(const PeriodicJob&) = delete;

  void start();  // no-op when running
  void stop();   // joins; no-op when not running
  // Runs the next sweep now instead of at the end of the interval (after a write that produced work).
  void wake();

 private:
  void run();
  bool stopping() const;

  std::string name_;
  std::chrono::milliseconds interval_;
  Sweep sweep_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace emporium
