#include "orders/order_expiry_job.hpp"

#include "support/log.hpp"

namespace emporium::orders {

OrderExpiryJob::OrderExpiryJob(std::chrono::milliseconds interval, Sweep sweep)
    : interval_(interval), sweep_(std::move(sweep)) {}

OrderExpiryJob::~OrderExpiryJob() { stop(); }

void OrderExpiryJob::start() {
  const std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { run(); });
}

void OrderExpiryJob::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  thread_ = std::thread();
}

bool OrderExpiryJob::stopping() const {
  const std::lock_guard lock(mutex_);
  return stop_;
}

void OrderExpiryJob::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, interval_, [this] { return stop_; })) return;
    }
    try {
      sweep_([this] { return stopping(); });
    } catch (const std::exception& e) {
      log::warn("order expiry sweep failed", {{"error", e.what()}});
    }
  }
}

}  // namespace emporium::orders
