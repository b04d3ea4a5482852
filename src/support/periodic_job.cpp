#include "support/periodic_job.hpp"

#include "support/log.hpp"

namespace emporium {

PeriodicJob::PeriodicJob(std::string name, std::chrono::milliseconds interval, Sweep sweep)
    : name_(std::move(name)), interval_(interval), sweep_(std::move(sweep)) {}

PeriodicJob::~PeriodicJob() { stop(); }

void PeriodicJob::start() {
  const std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { run(); });
}

void PeriodicJob::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  thread_ = std::thread();
}

void PeriodicJob::wake() {
  {
    const std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

bool PeriodicJob::stopping() const {
  const std::lock_guard lock(mutex_);
  return stop_;
}

void PeriodicJob::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, interval_, [this] { return stop_ || woken_; });
      if (stop_) return;
      woken_ = false;
    }
    try {
      sweep_([this] { return stopping(); });
    } catch (const std::exception& e) {
      log::warn("background job failed", {{"job", name_}, {"error", e.what()}});
    }
  }
}

}  // namespace emporium
