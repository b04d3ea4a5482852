#include "webhooks/delivery_worker.hpp"

#include <algorithm>
#include <thread>

#include "support/log.hpp"
#include "support/random.hpp"
#include "support/strings.hpp"
#include "webhooks/address_policy.hpp"
#include "webhooks/endpoint_store.hpp"
#include "webhooks/retry_policy.hpp"
#include "webhooks/webhook_signature.hpp"

namespace emporium::webhooks {
namespace {
using std::chrono::milliseconds;

constexpr std::size_t kMaxResponseBytes = 16 * 1024;  // read from the receiver; the rest is not
constexpr std::size_t kMaxExcerptBytes = 1024;        // kept in the attempt log
constexpr std::size_t kMaxErrorBytes = 500;
constexpr milliseconds kMaxConnectTimeout{5'000};
constexpr std::string_view kUserAgent = "Emporium-Webhooks/1.0";

// The first `max` bytes as valid UTF-8 (a cut character dropped; other invalid bytes become '?').
std::string excerpt(std::string_view text, std::size_t max) {
  auto cut = text.substr(0, max);
  for (int i = 0; i < 3 && !cut.empty() && !is_valid_utf8(cut); ++i) cut.remove_suffix(1);
  if (is_valid_utf8(cut)) return std::string(cut);
  std::string out(text.substr(0, max));
  for (auto& c : out)
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  return out;
}

std::optional<std::string> failure_text(const outbound::HttpResult& result) {
  if (!result)
    return excerpt(std::string(to_string(result.error().kind)) + ": " + result.error().message, kMaxErrorBytes);
  if (result->status >= 200 && result->status <= 299) return std::nullopt;
  if (result->status >= 300 && result->status <= 399)
    return "HTTP " + std::to_string(result->status) + " (redirects are not followed)";
  return "HTTP " + std::to_string(result->status);
}

Attempt attempt_of(const Claim& claim, Timestamp started_at, const outbound::HttpResult& result,
                   const Outcome& outcome) {
  return {.attempt = claim.attempt,
          .started_at = started_at,
          .status = outcome.status,
          .latency_ms = (result ? result->elapsed : result.error().elapsed).count(),
          .error = outcome.error,
          .response_body = result ? std::optional(excerpt(result->body, kMaxExcerptBytes)) : std::nullopt};
}

// What the delivery and its endpoint become after an attempt.
struct Decision {
  Outcome outcome = {};
  std::optional<std::string> disable_reason = {};
  bool tell_owner = false;
};

Decision decide(const Claim& claim, const outbound::HttpResult& result, Timestamp now, const WorkerSettings& settings,
                double random) {
  Decision decision{.outcome = {.status = result ? std::optional(std::int64_t{result->status}) : std::nullopt,
                                .error = failure_text(result),
                                .at = now}};
  const auto verdict = judge(result);
  if (verdict == Verdict::Delivered) {
    decision.outcome.state = DeliveryState::Delivered;
  } else if (verdict == Verdict::Gone) {
    decision.outcome.state = DeliveryState::Failed;
    decision.disable_reason = "the receiver answered 410 Gone";
  } else if (claim.manual) {
    decision.outcome.state = DeliveryState::Failed;  // a manual retry is one attempt
  } else if (auto delay = retry_delay(settings.retry_schedule, claim.attempt, random)) {
    if (result) delay = std::max(*delay, retry_after(*result).value_or(milliseconds(0)));
    decision.outcome.state = DeliveryState::Pending;
    decision.outcome.next_attempt_at = now + *delay;
  } else {
    decision.outcome.state = DeliveryState::Failed;
    decision.disable_reason = "delivery failed " + std::to_string(claim.attempt) +
                              " times in a row (last: " + decision.outcome.error.value_or("?") + ")";
    decision.tell_owner = true;
  }
  return decision;
}

// The values of the webhook_disabled mail template (src/notifications/templates).
notifications::TemplateData disabled_mail(const OwnerContact& owner, const Claim& claim, const std::string& reason) {
  return {.values = {{"name", owner.name}, {"url", claim.url}, {"endpoint_id", claim.endpoint_id}, {"reason", reason}}};
}
}  // namespace

struct DeliveryWorker::Sent {
  outbound::HttpResult result = outbound::HttpFailure{};
  Timestamp started_at{};
};

DeliveryWorker::DeliveryWorker(WorkerDependencies dependencies, WorkerSettings settings)
    : dependencies_(dependencies), settings_(std::move(settings)) {
  if (!settings_.random) settings_.random = unit_random;
}

milliseconds DeliveryWorker::lease() const { return 2 * settings_.timeout + milliseconds(1'000); }

std::size_t DeliveryWorker::run(const std::function<bool()>& stopping) {
  std::size_t attempts = 0;
  while (!stopping()) {
    const auto claims = claim();
    std::vector<Sent> sent(claims.size());
    std::vector<std::thread> senders;
    for (std::size_t i = 0; i < claims.size(); ++i) {
      try {
        senders.emplace_back([this, &claims, &sent, i] { sent[i] = send_safely(claims[i]); });
      } catch (const std::system_error&) {
        sent[i] = send_safely(claims[i]);  // no thread to spare: send it from this one
      }
    }
    for (auto& sender : senders) sender.join();
    // Each outcome on its own: one that cannot be recorded leaves only that delivery to its lease.
    for (std::size_t i = 0; i < claims.size(); ++i) {
      try {
        record(claims[i], sent[i]);
      } catch (const std::exception& e) {
        log::warn("webhook delivery outcome not recorded", {{"delivery", claims[i].delivery_id}, {"error", e.what()}});
      }
    }
    attempts += claims.size();
    if (claims.size() < settings_.batch) break;
  }
  return attempts;
}

// send() without exceptions: a throw on a sender thread would end the process.
DeliveryWorker::Sent DeliveryWorker::send_safely(const Claim& claim) const {
  try {
    return send(claim);
  } catch (const std::exception& e) {
    return {.result = outbound::HttpFailure{.kind = outbound::FailureKind::Other, .message = e.what()},
            .started_at = dependencies_.clock.now()};
  }
}

std::vector<Claim> DeliveryWorker::claim() {
  std::vector<Claim> claims;
  dependencies_.database.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    const auto now = dependencies_.clock.now();
    claims = DeliveryStore::claim(connection, dependencies_.database.backend(), now, now + lease(),
                                  static_cast<std::int64_t>(settings_.batch), [] { return random_token(16); });
    return true;
  });
  return claims;
}

DeliveryWorker::Sent DeliveryWorker::send(const Claim& claim) const {
  Sent sent{.started_at = dependencies_.clock.now()};
  try {
    const auto timestamp = to_unix_millis(sent.started_at) / 1000;
    outbound::HttpRequest request{
        .method = "POST",
        .url = claim.url,
        .headers = {{"Content-Type", "application/json"},
                    {"User-Agent", std::string(kUserAgent)},
                    {"webhook-id", claim.delivery_id},
                    {"webhook-timestamp", std::to_string(timestamp)},
                    {"webhook-signature", sign(claim.secret, claim.delivery_id, timestamp, claim.payload)}},
        .body = claim.payload,
        .connect_timeout = std::min(settings_.timeout, kMaxConnectTimeout),
        .total_timeout = settings_.timeout,
        .max_response_bytes = kMaxResponseBytes,
        .address_guard = public_addresses_only(settings_.allow_private)};
    sent.result = dependencies_.http.send(request);
  } catch (const std::exception& e) {
    sent.result = outbound::HttpFailure{.kind = outbound::FailureKind::Other, .message = e.what()};
  }
  return sent;
}

void DeliveryWorker::record(const Claim& claim, const Sent& sent) {
  const auto now = dependencies_.clock.now();
  const auto decision = decide(claim, sent.result, now, settings_, settings_.random());
  const auto attempt = attempt_of(claim, sent.started_at, sent.result, decision.outcome);
  std::optional<OwnerContact> owner;
  dependencies_.database.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    owner.reset();
    if (!DeliveryStore::finish(connection, claim, decision.outcome, attempt)) return true;  // no longer ours
    if (decision.disable_reason) owner = disable(connection, claim, *decision.disable_reason, decision.tell_owner, now);
    return true;
  });
  if (owner) tell(*owner, claim, *decision.disable_reason);
}

// Turns the endpoint off (audited); returns whom to tell, when the owner is to be told and it was on until now.
std::optional<OwnerContact> DeliveryWorker::disable(storage::Connection& connection, const Claim& claim,
                                                    const std::string& reason, bool tell_owner, Timestamp now) {
  if (!EndpointStore::disable(connection, claim.endpoint_id, reason, now)) return std::nullopt;
  dependencies_.audit.record(connection, {.actor_id = std::nullopt,
                                          .action = "webhook.disabled",
                                          .target_type = "webhook",
                                          .target_id = claim.endpoint_id,
                                          .details = {{"reason", reason}},
                                          .client_ip = ""});
  log::info("webhook endpoint disabled", {{"endpoint", claim.endpoint_id}, {"reason", reason}});
  const auto endpoint = EndpointStore::find(connection, claim.endpoint_id);
  if (!tell_owner || !endpoint) return std::nullopt;
  return EndpointStore::owner_contact(connection, endpoint->owner_id);
}

// After the commit: the mail queue has its own transaction. A crash just before it loses this one mail.
void DeliveryWorker::tell(const OwnerContact& owner, const Claim& claim, const std::string& reason) {
  try {
    dependencies_.mailer.send_template(owner.email, "webhook_disabled", disabled_mail(owner, claim, reason));
  } catch (const std::exception& e) {
    log::warn("webhook disabled mail failed", {{"endpoint", claim.endpoint_id}, {"error", e.what()}});
  }
}

}  // namespace emporium::webhooks
