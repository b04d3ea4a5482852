#include "webhooks/retry_policy.hpp"

#include <algorithm>
#include <charconv>

namespace emporium::webhooks {

Verdict judge(const outbound::HttpResult& result) {
  if (!result) return Verdict::Failed;
  if (result->status >= 200 && result->status <= 299) return Verdict::Delivered;
  if (result->status == 410) return Verdict::Gone;
  return Verdict::Failed;
}

std::chrono::milliseconds jittered(std::chrono::milliseconds delay, double unit_random) {
  const auto factor = 1.0 - kJitter + 2.0 * kJitter * std::clamp(unit_random, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(delay.count()) * factor));
}

std::optional<std::chrono::milliseconds> retry_delay(const std::vector<std::chrono::milliseconds>& schedule,
                                                     std::int64_t attempt, double unit_random) {
  if (attempt < 1 || attempt > static_cast<std::int64_t>(schedule.size())) return std::nullopt;
  return jittered(schedule[static_cast<std::size_t>(attempt - 1)], unit_random);
}

std::optional<std::chrono::milliseconds> retry_after(const outbound::HttpResponse& response) {
  if (response.status != 429 && response.status != 503) return std::nullopt;
  const auto header = response.header("retry-after");
  if (!header || header->empty()) return std::nullopt;
  std::int64_t seconds = 0;
  const auto [end, error] = std::from_chars(header->data(), header->data() + header->size(), seconds);
  if (error != std::errc() || end != header->data() + header->size() || seconds < 0) return std::nullopt;
  const auto capped = std::min<std::int64_t>(seconds, std::chrono::seconds(kMaxRetryAfter).count());
  return std::chrono::milliseconds(capped * 1000);
}

}  // namespace emporium::webhooks
